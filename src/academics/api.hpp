#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "academics/domain/calendar.hpp"
#include "academics/domain/classifier.hpp"
#include "academics/domain/curriculum.hpp"
#include "academics/domain/fields.hpp"
#include "academics/domain/ids.hpp"
#include "academics/domain/structure.hpp"
#include "academics/domain/working_days.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/auth/principal.hpp"
#include "platform/csv/import.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
}
}  // namespace oqu::platform

/// The academic structure (R-A2): the classifier of directions of training with its DL regime
/// (R-D7) and online-form flag (R-O2), faculties, departments, educational programmes,
/// curricula, academic years and periods. Other modules use only this header.
///
/// Every function takes the acting principal first and checks its capability (permissions.hpp)
/// on the object's scope path before anything else is revealed: a read of an object outside the
/// caller's scopes is kNotFound; a change the caller may see but not make is kForbidden. Changes
/// are one transaction each, with an audit record and a footprint event. Invalid input is
/// kInvalidInput "academics.form_invalid" carrying field errors (FieldErrorsOf); a duplicate
/// code is kConflict on field "code".
namespace oqu::academics {

/// Where and when a change happens: the database, the clock reading and the client address
/// (empty for the command line), recorded in the audit log.
struct Change {
    platform::db::Database& db;  ///< The database the change is made in.
    core::Instant now{};         ///< The time of the change.
    std::string address;         ///< Client IP for the audit record.
};

/// Keyset pagination of an id-ordered list: the ids after `after`, at most `limit` (1..500).
struct PageRequest {
    std::int64_t after = 0;  ///< Last id of the previous page; 0 for the first page.
    int limit = 100;         ///< Page size.
};

/// Who confirmed a classifier row, and when.
struct Confirmation {
    std::int64_t user_id = 0;  ///< 0: the command line.
    std::string login;         ///< Login at the time.
    core::Instant at{};        ///< When.
};

/// A row of the national classifier of directions of training.
struct Direction {
    std::string code;  ///< "6B01", "6B011", "B001".
    Level level = Level::kBachelor;
    RowType row_type = RowType::kGroup;
    Names names;
    std::string parent_code;  ///< Field of a direction, direction of a group; empty for a field.
    DlRegime dl_regime = DlRegime::kLimit50;        ///< R-D7.
    OnlineForm online_form = OnlineForm::kUnknown;  ///< R-O2.
    std::string justification;  ///< Why the regime; "JUDGEMENT: ..." where it is our reading.
    DataStatus status = DataStatus::kSingleSource;  ///< Evidence for the row (seed).
    std::string note;                               ///< Data-quality remarks.
    std::string name_origin;                        ///< Source of each name.
    std::optional<Confirmation> confirmed;          ///< Set once an administrator confirmed the row.
    std::optional<core::Instant> updated_at;        ///< Last administrator change of regime/online form.
};

/// True when `direction` should be confirmed by an administrator (see domain NeedsConfirmation).
bool NeedsConfirmation(const Direction& direction);

/// Filters of the classifier browser.
struct DirectionQuery {
    std::string text;                 ///< Part of the code or of a name (any language, any case for ASCII).
    std::optional<Level> level;       ///< Only this level.
    std::optional<DlRegime> regime;   ///< Only this DL regime.
    std::optional<RowType> row_type;  ///< Only this layer.
    bool needs_confirmation = false;  ///< Only rows waiting for confirmation.
    std::string after;                ///< Last code of the previous page; empty for the first.
    int limit = 100;                  ///< Page size, 1..500.
};

/// A faculty with the number of its departments and programmes.
struct Faculty {
    FacultyId id;
    std::string code;
    Names names;
    int departments = 0;  ///< Departments of the faculty.
    int programmes = 0;   ///< Programmes of the faculty.
};

/// A department (кафедра) of a faculty.
struct Department {
    DepartmentId id;
    FacultyId faculty_id;
    std::string code;
    Names names;
};

/// An educational programme with the regime it inherits from its group.
struct Programme {
    ProgrammeId id;
    std::string code;  ///< "6B06101".
    Names names;
    Level level = Level::kBachelor;
    int credits = 0;                                ///< Total ECTS credits.
    std::string direction_code;                     ///< Its group of the classifier ("B057").
    Names direction_names;                          ///< The group's names.
    DlRegime dl_regime = DlRegime::kLimit50;        ///< From the group (R-D7).
    OnlineForm online_form = OnlineForm::kUnknown;  ///< From the group (R-O2).
    FacultyId faculty_id;
    std::optional<DepartmentId> department_id;
    std::vector<std::string> languages;  ///< Languages of study: "kk", "ru", "en".
    ProgrammeStatus status = ProgrammeStatus::kActive;
};

/// The scope path of a programme for platform::auth checks:
/// {institution, {faculty, faculty_id}, {programme, id}}.
std::vector<platform::auth::Scope> ScopePath(const Programme& programme);

/// A discipline of a curriculum.
struct Discipline {
    DisciplineId id;
    CurriculumId curriculum_id;
    std::string code;
    Names names;
    int credits = 0;  ///< ECTS.
    Cycle cycle = Cycle::kGeneral;
    Component component = Component::kRequired;
    int semester = 1;
    Control control = Control::kExam;
    Hours hours;  ///< Academic hours by kind of class.
};

/// A curriculum of a programme for one admission year, with its disciplines (by semester, code).
struct Curriculum {
    CurriculumId id;
    ProgrammeId programme_id;
    int admission_year = 0;
    std::vector<Discipline> disciplines;  ///< Empty in lists.
};

/// An academic period of a year.
struct Period {
    PeriodId id;
    YearId year_id;
    PeriodKind kind = PeriodKind::kSemester1;
    Date start;
    Date end;
    std::optional<Date> exam_start;  ///< Examination session.
    std::optional<Date> exam_end;
};

/// A break of an academic year.
struct Holiday {
    HolidayId id;
    YearId year_id;
    Names names;
    Date start;
    Date end;
};

/// An academic year with its periods and breaks (both empty in lists), in date order.
struct AcademicYear {
    YearId id;
    std::string name;  ///< "2026-2027".
    Date start;
    Date end;
    std::vector<Period> periods;
    std::vector<Holiday> holidays;
};

// --- Classifier -------------------------------------------------------------------------------

/// Loads the classifier CSV (seed/directions.csv) idempotently: rows whose code exists are left
/// as they are (an administrator's changes and confirmations survive). Run at `serve` start and by
/// `oqu demo`. Returns the number of rows inserted now; kInvalidInput "academics.seed_invalid"
/// (detail names the line) when the file is unreadable or malformed, with nothing written.
core::Result<int> SeedDirections(platform::db::Database& db, const std::filesystem::path& csv);

/// One page of the classifier (code order). Any holder of academics:view in any scope may read it.
core::Result<std::vector<Direction>> ListDirections(const platform::auth::Principal& actor,
                                                    platform::db::Database& db, const DirectionQuery& query);

/// One classifier row; kNotFound when absent or not viewable.
core::Result<Direction> FindDirection(const platform::auth::Principal& actor, platform::db::Database& db,
                                      std::string_view code);

/// An administrator's setting of a classifier row, as typed.
struct DirectionSettingsDraft {
    std::string dl_regime;    ///< "forbidden", "limit20", "limit50" (and "mixed" on fields/directions).
    std::string online_form;  ///< "unknown", "allowed", "forbidden".
};

/// Sets the DL regime (R-D7) and online-form flag (R-O2) of a row; needs academics:edit_directions.
core::Status SetDirectionSettings(const platform::auth::Principal& actor, const Change& change,
                                  std::string_view code, const DirectionSettingsDraft& draft);

/// Records that the actor checked the row against the official text; needs academics:confirm_directions.
core::Status ConfirmDirection(const platform::auth::Principal& actor, const Change& change,
                              std::string_view code);

// --- Faculties and departments ----------------------------------------------------------------

/// The faculties the actor may see, code order is not guaranteed: id order, paginated.
core::Result<std::vector<Faculty>> ListFaculties(const platform::auth::Principal& actor,
                                                 platform::db::Database& db, const PageRequest& page = {});
/// One faculty; kNotFound when absent or outside the actor's scopes.
core::Result<Faculty> FindFaculty(const platform::auth::Principal& actor, platform::db::Database& db,
                                  FacultyId id);
/// Creates a faculty (academics:edit_structure at institution scope).
core::Result<FacultyId> CreateFaculty(const platform::auth::Principal& actor, const Change& change,
                                      const FacultyDraft& draft);
/// Renames or re-codes a faculty (academics:edit_structure on the faculty).
core::Status UpdateFaculty(const platform::auth::Principal& actor, const Change& change, FacultyId id,
                           const FacultyDraft& draft);
/// Removes an empty faculty; kConflict "academics.faculty_not_empty" while it has departments or programmes.
core::Status DeleteFaculty(const platform::auth::Principal& actor, const Change& change, FacultyId id);

/// Departments the actor may see (of `faculty` only, when given), id order, paginated.
core::Result<std::vector<Department>> ListDepartments(const platform::auth::Principal& actor,
                                                      platform::db::Database& db,
                                                      std::optional<FacultyId> faculty = std::nullopt,
                                                      const PageRequest& page = {});
/// One department; kNotFound when absent or outside the actor's scopes.
core::Result<Department> FindDepartment(const platform::auth::Principal& actor, platform::db::Database& db,
                                        DepartmentId id);
/// Creates a department (academics:edit_structure on its faculty).
core::Result<DepartmentId> CreateDepartment(const platform::auth::Principal& actor, const Change& change,
                                            const DepartmentDraft& draft);
/// Changes a department (academics:edit_structure on the old and the new faculty).
core::Status UpdateDepartment(const platform::auth::Principal& actor, const Change& change, DepartmentId id,
                              const DepartmentDraft& draft);
/// Removes a department no programme names; kConflict "academics.department_in_use" otherwise.
core::Status DeleteDepartment(const platform::auth::Principal& actor, const Change& change, DepartmentId id);

// --- Programmes ------------------------------------------------------------------------------

/// Programmes the actor may see (of `faculty` only, when given), id order, paginated.
core::Result<std::vector<Programme>> ListProgrammes(const platform::auth::Principal& actor,
                                                    platform::db::Database& db,
                                                    std::optional<FacultyId> faculty = std::nullopt,
                                                    const PageRequest& page = {});
/// One programme; kNotFound when absent or outside the actor's scopes.
core::Result<Programme> FindProgramme(const platform::auth::Principal& actor, platform::db::Database& db,
                                      ProgrammeId id);
/// The programme with this code; kNotFound when absent or outside the actor's scopes.
core::Result<Programme> FindProgrammeByCode(const platform::auth::Principal& actor,
                                            platform::db::Database& db, std::string_view code);
/// Creates a programme (academics:edit_programme on its faculty). Its direction must be a group
/// row of its level (R-D7); its department must belong to its faculty.
core::Result<ProgrammeId> CreateProgramme(const platform::auth::Principal& actor, const Change& change,
                                          const ProgrammeDraft& draft);
/// Changes a programme (academics:edit_programme on the programme, and on the new faculty when moved).
core::Status UpdateProgramme(const platform::auth::Principal& actor, const Change& change, ProgrammeId id,
                             const ProgrammeDraft& draft);
/// Removes a programme without curricula; kConflict "academics.programme_has_curricula" otherwise
/// (close it instead).
core::Status DeleteProgramme(const platform::auth::Principal& actor, const Change& change, ProgrammeId id);

// --- Curricula -------------------------------------------------------------------------------

/// The curricula of a programme (without disciplines), admission year order.
core::Result<std::vector<Curriculum>> ListCurricula(const platform::auth::Principal& actor,
                                                    platform::db::Database& db, ProgrammeId programme);
/// One curriculum with its disciplines; kNotFound when absent or its programme is not viewable.
core::Result<Curriculum> FindCurriculum(const platform::auth::Principal& actor, platform::db::Database& db,
                                        CurriculumId id);
/// The curriculum (with disciplines) students of `programme` admitted in `admission_year` study
/// by: that year's, else the newest earlier one, else the earliest; kNotFound when the programme
/// is not viewable or "academics.no_curriculum" when it has none.
core::Result<Curriculum> CurriculumForIntake(const platform::auth::Principal& actor,
                                             platform::db::Database& db, ProgrammeId programme,
                                             int admission_year);
/// Creates an empty curriculum of a programme for an admission year (academics:edit_curriculum);
/// kConflict on field admission_year when the programme has one for that year.
core::Result<CurriculumId> CreateCurriculum(const platform::auth::Principal& actor, const Change& change,
                                            ProgrammeId programme, const CurriculumDraft& draft);
/// Removes a curriculum with its disciplines (academics:edit_curriculum).
core::Status DeleteCurriculum(const platform::auth::Principal& actor, const Change& change, CurriculumId id);

/// One discipline; kNotFound when absent or not viewable.
core::Result<Discipline> FindDiscipline(const platform::auth::Principal& actor, platform::db::Database& db,
                                        DisciplineId id);
/// Adds a discipline to a curriculum (academics:edit_curriculum); kConflict on "code" when the
/// curriculum has it already.
core::Result<DisciplineId> AddDiscipline(const platform::auth::Principal& actor, const Change& change,
                                         CurriculumId curriculum, const DisciplineDraft& draft);
/// Changes a discipline (academics:edit_curriculum).
core::Status UpdateDiscipline(const platform::auth::Principal& actor, const Change& change, DisciplineId id,
                              const DisciplineDraft& draft);
/// Removes a discipline (academics:edit_curriculum).
core::Status RemoveDiscipline(const platform::auth::Principal& actor, const Change& change, DisciplineId id);

// --- Academic calendar -----------------------------------------------------------------------

/// Academic years (newest first is not guaranteed: id order), without periods, paginated. Any
/// holder of academics:view in any scope may read the calendar.
core::Result<std::vector<AcademicYear>> ListYears(const platform::auth::Principal& actor,
                                                  platform::db::Database& db, const PageRequest& page = {});
/// One year with its periods and breaks; kNotFound when absent.
core::Result<AcademicYear> FindYear(const platform::auth::Principal& actor, platform::db::Database& db,
                                    YearId id);
/// The period with this id; kNotFound when absent.
core::Result<Period> FindPeriod(const platform::auth::Principal& actor, platform::db::Database& db,
                                PeriodId id);
/// Creates an academic year (academics:edit_calendar); kConflict on "name" when it exists.
core::Result<YearId> CreateYear(const platform::auth::Principal& actor, const Change& change,
                                const YearDraft& draft);
/// Changes a year; its periods and breaks must stay inside the new dates.
core::Status UpdateYear(const platform::auth::Principal& actor, const Change& change, YearId id,
                        const YearDraft& draft);
/// Removes a year without periods or breaks; kConflict "academics.year_not_empty" otherwise.
core::Status DeleteYear(const platform::auth::Principal& actor, const Change& change, YearId id);
/// Adds a period; kConflict on "kind" when the year has that period already.
core::Result<PeriodId> AddPeriod(const platform::auth::Principal& actor, const Change& change, YearId year,
                                 const PeriodDraft& draft);
/// Changes a period.
core::Status UpdatePeriod(const platform::auth::Principal& actor, const Change& change, PeriodId id,
                          const PeriodDraft& draft);
/// Removes a period.
core::Status RemovePeriod(const platform::auth::Principal& actor, const Change& change, PeriodId id);
/// Adds a break to a year.
core::Result<HolidayId> AddHoliday(const platform::auth::Principal& actor, const Change& change, YearId year,
                                   const HolidayDraft& draft);
/// Removes a break.
core::Status RemoveHoliday(const platform::auth::Principal& actor, const Change& change, HolidayId id);

// --- CSV imports (preview with per-row errors; a bad row changes nothing) -------------------

/// The columns of a programme import: code, name_kk, name_ru, name_en, level, credits,
/// direction_code, faculty_code, department_code, languages ("kk;ru"), status. Titles may also be
/// the Kazakh or Russian column names (see imports.cpp).
const platform::csv::ImportSpec& ProgrammeImportSpec();
/// The columns of a discipline import: code, name_kk, name_ru, name_en, credits, cycle,
/// component, semester, control, hours_lecture ... hours_sro.
const platform::csv::ImportSpec& DisciplineImportSpec();

/// Checks every row of a programme CSV (new, update, unchanged or error), writing nothing. Each
/// row needs academics:edit_programme on its faculty (and on the programme it changes).
core::Result<platform::csv::Preview<ProgrammeSpec>> PreviewProgrammeImport(
    const platform::auth::Principal& actor, platform::db::Database& db, std::string_view csv_text);
/// Checks again and, only when no row has an error, creates or updates every programme in one
/// transaction with an audit record per row (Preview::committed tells which happened).
core::Result<platform::csv::Preview<ProgrammeSpec>> ImportProgrammes(const platform::auth::Principal& actor,
                                                                     const Change& change,
                                                                     std::string_view csv_text);
/// Checks every row of a discipline CSV for a curriculum, writing nothing (academics:edit_curriculum).
core::Result<platform::csv::Preview<DisciplineSpec>> PreviewDisciplineImport(
    const platform::auth::Principal& actor, platform::db::Database& db, CurriculumId curriculum,
    std::string_view csv_text);
/// Checks again and, only when no row has an error, adds or updates every discipline in one transaction.
core::Result<platform::csv::Preview<DisciplineSpec>> ImportDisciplines(const platform::auth::Principal& actor,
                                                                       const Change& change,
                                                                       CurriculumId curriculum,
                                                                       std::string_view csv_text);

// --- Kazakhstan's public-holiday / working-day calendar (R-O12) -------------------------------

/// One day of the national calendar that differs from a Monday-Friday week.
struct PublicDay {
    core::Day date{};                        ///< The day.
    DayKind kind = DayKind::kPublicHoliday;  ///< Holiday, moved day off, or weekend day worked.
    Names names;                             ///< Name in kk/ru/en.
    std::string source;                      ///< "law", a decree number, or "expected".
    bool confirmed = false;                  ///< False for an expected day still to be checked.
    /// Field-wise equality (tests).
    friend bool operator==(const PublicDay&, const PublicDay&) = default;
};

/// A day as typed in a form: ISO date, kind name (DayKindName), names, source.
struct PublicDayDraft {
    std::string date;    ///< "2026-09-01".
    std::string kind;    ///< "public_holiday", "day_off_transfer", "working_saturday".
    Names names;         ///< Name in kk/ru/en; all three required.
    std::string source;  ///< Required.
};

/// Loads seed/holidays.csv (date, kind, name_kk/ru/en, status, source) into the calendar; days
/// already present are kept (an administrator's edits win). Returns the number inserted;
/// kInvalidInput "academics.seed_invalid" for an unreadable or malformed file.
core::Result<int> SeedPublicDays(platform::db::Database& db, const std::filesystem::path& csv);

/// The listed days of `year` in date order; kNotFound without academics:view somewhere.
core::Result<std::vector<PublicDay>> ListPublicDays(const platform::auth::Principal& actor,
                                                    platform::db::Database& db, int year);

/// Adds a day, or replaces the day listed at the same date (confirmed: an administrator entered
/// it). kInvalidInput "academics.form_invalid" with field errors; kForbidden without
/// academics:edit_calendar at institution scope.
core::Status SavePublicDay(const platform::auth::Principal& actor, const Change& change,
                           const PublicDayDraft& draft);

/// Adds a day at a date not listed yet; kConflict on field "date" ("academics.day_listed") when
/// the date is listed (edit it instead), otherwise as SavePublicDay.
core::Status AddPublicDay(const platform::auth::Principal& actor, const Change& change,
                          const PublicDayDraft& draft);

/// A year of the national calendar with the number of its listed days.
struct PublicYear {
    int year = 0;          ///< Calendar year.
    int days = 0;          ///< Days listed.
    int unconfirmed = 0;   ///< Of them, expected (derived, reported) days still to be checked.
    int working_days = 0;  ///< Working days of the year by the listed days.
};

/// The years that have listed days, in year order; kNotFound without academics:view somewhere.
core::Result<std::vector<PublicYear>> ListPublicYears(const platform::auth::Principal& actor,
                                                      platform::db::Database& db);

/// The number of working days of each month of `year` (index 0: January) by the listed days
/// (R-O12); kNotFound without academics:view somewhere or for a year outside 2000..2100.
core::Result<std::vector<int>> CountWorkingDaysByMonth(const platform::auth::Principal& actor,
                                                       platform::db::Database& db, int year);

/// Removes the day listed at `date`; kNotFound when none.
core::Status RemovePublicDay(const platform::auth::Principal& actor, const Change& change, core::Day date);

/// Marks an expected day confirmed; kNotFound when none.
core::Status ConfirmPublicDay(const platform::auth::Principal& actor, const Change& change, core::Day date);

/// Fills `year` (2023..2100) from the law (StatutoryDaysOff) as expected, unconfirmed days,
/// for the administrator to check; Kurban Ait moves each year and is left for the
/// administrator to enter. Returns the number of days added; kConflict "academics.year_listed"
/// when the year already has days.
core::Result<int> ProposePublicYear(const platform::auth::Principal& actor, const Change& change, int year);

/// The working calendar of years [from_year, to_year] as listed (expected days included), for
/// content deadlines (R-O12). `actor` nullopt: a system caller (reports, jobs).
core::Result<WorkingCalendar> LoadWorkingCalendar(const std::optional<platform::auth::Principal>& actor,
                                                  platform::db::Database& db, int from_year, int to_year);

/// Registers the module: schema, templates, strings, OpenAPI fragment, routes and navigation.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::academics
