#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "academics/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::academics {

/// What a list may show: everything, or the objects of some faculties and some programmes
/// (from platform::auth::ScopesWith).
struct Visibility {
    bool all = false;                         ///< Institution-wide: no filter.
    std::vector<std::int64_t> faculty_ids;    ///< Faculties granted.
    std::vector<std::int64_t> programme_ids;  ///< Programmes granted.
};

/// A classifier row as the seed file gives it.
struct DirectionSeedRow {
    std::string code, level, row_type, name_kk, name_ru, name_en, parent_code, dl_regime, online_form,
        justification, status, note, name_origin;
};

/// The storage the use cases need: the only place with SQL (sql_store.cpp). Works inside the
/// caller's transaction. Anticipated outcomes are values (nullopt, counts); a unique or foreign
/// key violation surfaces as platform::db::DbError for the use case to map.
class Store {
public:
    /// A store working in `session`'s transaction.
    explicit Store(platform::db::Session& session) : session_(session) {}

    /// Inserts a seed row unless its code exists; true when inserted.
    bool InsertDirectionIfAbsent(const DirectionSeedRow& row);
    /// One classifier row, or nullopt.
    std::optional<Direction> FindDirection(std::string_view code);
    /// A page of classifier rows in code order.
    std::vector<Direction> ListDirections(const DirectionQuery& query);
    /// Sets regime and online form; false when the code does not exist.
    bool SetDirectionSettings(std::string_view code, DlRegime regime, OnlineForm form, core::Instant now);
    /// Records the confirmation; false when the code does not exist.
    bool ConfirmDirection(std::string_view code, const Confirmation& confirmation);

    /// Faculties visible under `visibility`, id order, after `page.after`.
    std::vector<Faculty> ListFaculties(const Visibility& visibility, const PageRequest& page);
    /// One faculty with its counts, or nullopt.
    std::optional<Faculty> FindFaculty(FacultyId id);
    /// Inserts a faculty; returns its id.
    FacultyId InsertFaculty(const FacultySpec& spec, core::Instant now);
    /// Updates a faculty's code and names.
    void UpdateFaculty(FacultyId id, const FacultySpec& spec, core::Instant now);
    /// Deletes a faculty.
    void DeleteFaculty(FacultyId id);
    /// The faculty with this code, or nullopt.
    std::optional<Faculty> FindFacultyByCode(std::string_view code);
    /// The department with this code, or nullopt.
    std::optional<Department> FindDepartmentByCode(std::string_view code);

    /// Departments visible under `visibility` (of `faculty` when given), id order.
    std::vector<Department> ListDepartments(const Visibility& visibility, std::optional<FacultyId> faculty,
                                            const PageRequest& page);
    /// One department, or nullopt.
    std::optional<Department> FindDepartment(DepartmentId id);
    /// Inserts a department; returns its id.
    DepartmentId InsertDepartment(const DepartmentSpec& spec, core::Instant now);
    /// Updates a department.
    void UpdateDepartment(DepartmentId id, const DepartmentSpec& spec, core::Instant now);
    /// Deletes a department.
    void DeleteDepartment(DepartmentId id);
    /// Programmes naming the department.
    int CountDepartmentProgrammes(DepartmentId id);

    /// Programmes visible under `visibility` (of `faculty` when given), id order.
    std::vector<Programme> ListProgrammes(const Visibility& visibility, std::optional<FacultyId> faculty,
                                          const PageRequest& page);
    /// One programme with its group's regime, or nullopt.
    std::optional<Programme> FindProgramme(ProgrammeId id);
    /// The programme with this code, or nullopt.
    std::optional<Programme> FindProgrammeByCode(std::string_view code);
    /// Inserts a programme; returns its id.
    ProgrammeId InsertProgramme(const ProgrammeSpec& spec, core::Instant now);
    /// Updates a programme.
    void UpdateProgramme(ProgrammeId id, const ProgrammeSpec& spec, core::Instant now);
    /// Deletes a programme.
    void DeleteProgramme(ProgrammeId id);

    /// Curricula of a programme (no disciplines), admission year order.
    std::vector<Curriculum> ListCurricula(ProgrammeId programme);
    /// One curriculum with its disciplines, or nullopt.
    std::optional<Curriculum> FindCurriculum(CurriculumId id);
    /// Inserts a curriculum; returns its id.
    CurriculumId InsertCurriculum(ProgrammeId programme, int admission_year, core::Instant now);
    /// Deletes a curriculum and its disciplines.
    void DeleteCurriculum(CurriculumId id);

    /// One discipline, or nullopt.
    std::optional<Discipline> FindDiscipline(DisciplineId id);
    /// The discipline of a curriculum with this code, or nullopt.
    std::optional<Discipline> FindDisciplineByCode(CurriculumId curriculum, std::string_view code);
    /// Inserts a discipline; returns its id.
    DisciplineId InsertDiscipline(CurriculumId curriculum, const DisciplineSpec& spec, core::Instant now);
    /// Updates a discipline.
    void UpdateDiscipline(DisciplineId id, const DisciplineSpec& spec, core::Instant now);
    /// Deletes a discipline.
    void DeleteDiscipline(DisciplineId id);

    /// Years in id order (no periods).
    std::vector<AcademicYear> ListYears(const PageRequest& page);
    /// One year with periods and holidays, or nullopt.
    std::optional<AcademicYear> FindYear(YearId id);
    /// Inserts a year; returns its id.
    YearId InsertYear(const YearSpec& spec, core::Instant now);
    /// Updates a year.
    void UpdateYear(YearId id, const YearSpec& spec, core::Instant now);
    /// Deletes a year.
    void DeleteYear(YearId id);
    /// One period, or nullopt.
    std::optional<Period> FindPeriod(PeriodId id);
    /// Inserts a period; returns its id.
    PeriodId InsertPeriod(YearId year, const PeriodSpec& spec, core::Instant now);
    /// Updates a period.
    void UpdatePeriod(PeriodId id, const PeriodSpec& spec, core::Instant now);
    /// Deletes a period.
    void DeletePeriod(PeriodId id);
    /// One holiday, or nullopt.
    std::optional<Holiday> FindHoliday(HolidayId id);
    /// Inserts a holiday; returns its id.
    HolidayId InsertHoliday(YearId year, const HolidaySpec& spec, core::Instant now);
    /// Deletes a holiday.
    void DeleteHoliday(HolidayId id);

    /// Inserts a calendar day unless its date is listed; true when inserted.
    bool InsertPublicDayIfAbsent(const PublicDay& day, core::Instant now);
    /// Inserts or replaces the calendar day at its date.
    void SavePublicDay(const PublicDay& day, core::Instant now);
    /// The calendar day at `date`, or nullopt.
    std::optional<PublicDay> FindPublicDay(core::Day date);
    /// Calendar days in [first, last], date order.
    std::vector<PublicDay> ListPublicDays(core::Day first, core::Day last);
    /// Per listed year: {year, days, unconfirmed days}, year order.
    std::vector<PublicYear> ListPublicYears();
    /// Deletes the calendar day at `date`; false when none.
    bool DeletePublicDay(core::Day date);
    /// Marks the day at `date` confirmed; false when none.
    bool ConfirmPublicDay(core::Day date, core::Instant now);

private:
    platform::db::Session& session_;
};

}  // namespace oqu::academics
