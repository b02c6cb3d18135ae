#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "people/domain/iin.hpp"
#include "people/domain/people.hpp"
#include "platform/auth/principal.hpp"
#include "platform/csv/import.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
}
}  // namespace oqu::platform

/// The people module: study groups, students (programme, group, course year, form of study
/// R-O1..R-O3, funding, status, special educational needs R-A7) and teachers (department,
/// position, degree). Other modules use only this header.
///
/// Every function takes the acting principal first and checks its capability (permissions.hpp)
/// on the object's scope path before anything else: a read outside the caller's scopes is
/// kNotFound, a change the caller may see but not make is kForbidden. Each change is one
/// transaction with an audit record and a footprint event. Refused input is kInvalidInput
/// "people.form_invalid" carrying field errors (FieldErrorsOf); a duplicate is kConflict.
namespace oqu::people {

/// Where and when a change happens: the database, the clock reading, the client address
/// (empty for the command line), recorded in the audit log.
struct Change {
    platform::db::Database& db;  ///< The database the change is made in.
    core::Instant now{};         ///< The time of the change.
    std::string address;         ///< Client IP for the audit record.
};

/// A study group.
struct Group {
    GroupId id;
    std::string code;                  ///< "ИС-21-1".
    std::int64_t programme_id = 0;     ///< academics programme id.
    std::string programme_code;        ///< "6B06101"; empty when the programme is not visible.
    std::int64_t faculty_id = 0;       ///< The programme's faculty when the group was written.
    int admission_year = 0;            ///< 2021.
    std::string language;              ///< Language of instruction: "kk", "ru", "en".
    std::optional<TeacherId> curator;  ///< The curator (a teacher).
    std::string curator_name;          ///< The curator's display name, empty when none.
    std::optional<GroupId> parent;     ///< The group a lab subgroup belongs to.
    std::string parent_code;           ///< The parent's code, empty when none.
    std::int64_t students = 0;         ///< Students in the group.
};

/// A group as typed in a form, JSON body or CSV row.
struct GroupDraft {
    std::string code;
    std::string programme;       ///< Programme code.
    std::string admission_year;  ///< "2021".
    std::string language;        ///< "kk", "ru", "en".
    std::string curator;         ///< Teacher id, empty for none.
    std::string parent;          ///< Parent group code, empty for none.
};

/// A student as the caller may see it.
struct Student {
    StudentId id;
    FullName name;
    std::string iin;          ///< Masked ("86*********4") unless the caller holds kViewPersonalData.
    bool iin_masked = false;  ///< True when `iin` is masked.
    std::string student_number;
    std::int64_t programme_id = 0;
    std::string programme_code;  ///< Empty when the programme is not visible to the caller.
    std::int64_t faculty_id = 0;
    std::optional<GroupId> group;
    std::string group_code;  ///< Empty when in no group.
    int course_year = 1;
    StudyForm form = StudyForm::kFullTime;
    Funding funding = Funding::kStateGrant;
    StudentStatus status = StudentStatus::kActive;
    bool special_needs = false;           ///< R-A7: accommodations apply.
    std::optional<std::int64_t> user_id;  ///< Linked identity account.
};

/// A student as typed in a form, JSON body or CSV row. Codes as stored ("full_time").
struct StudentDraft {
    std::string surname, given_name, patronymic, latin_name;
    std::string iin;  ///< 12 digits, may be empty (no IIN yet).
    std::string student_number;
    std::string programme;      ///< Programme code.
    std::string group;          ///< Group code, empty for none.
    std::string course_year;    ///< "1".."6", bounded by the programme.
    std::string study_form;     ///< "full_time" | "online".
    std::string funding;        ///< "state_grant" | "paid".
    std::string status;         ///< "active" | ..., empty means active.
    std::string special_needs;  ///< yes/no cell.
    std::string login;          ///< Imports only: link (or create) this identity account.
};

/// Filters and page of the student list. Text matches name, IIN (exact, only for holders of
/// kViewPersonalData) or student number.
struct StudentQuery {
    std::string text;
    std::optional<std::int64_t> programme_id;
    std::optional<GroupId> group;
    std::optional<int> course_year;
    std::optional<StudyForm> form;
    std::optional<StudentStatus> status;
    int offset = 0;  ///< Rows to skip.
    int limit = 50;  ///< Page size, 1..500.
};

/// A page of a list with the total count of matches.
template <typename T>
struct Page {
    std::vector<T> items;    ///< This page.
    std::int64_t total = 0;  ///< Matches over all pages.
};

/// A teacher.
struct Teacher {
    TeacherId id;
    FullName name;
    std::int64_t department_id = 0;
    std::string department_code;  ///< Empty when the department is not visible.
    std::int64_t faculty_id = 0;
    Position position = Position::kAssistant;
    Degree degree = Degree::kNone;
    std::optional<std::int64_t> user_id;
};

/// A teacher as typed.
struct TeacherDraft {
    std::string surname, given_name, patronymic, latin_name;
    std::string department;  ///< Department code.
    std::string position;    ///< "assistant", ...
    std::string degree;      ///< "none", ... (empty: none).
    std::string login;       ///< Imports only: link (or create) this identity account.
};

/// Filters of the teacher and group lists.
struct ListQuery {
    std::string text;                           ///< Part of a name or code.
    std::optional<std::int64_t> programme_id;   ///< Groups only.
    std::optional<std::int64_t> department_id;  ///< Teachers only.
    int offset = 0;
    int limit = 50;
};

// --- Groups -------------------------------------------------------------------------------

/// Groups the actor may see (people:view), code order.
core::Result<Page<Group>> ListGroups(const platform::auth::Principal& actor, platform::db::Database& db,
                                     const ListQuery& query);
/// One group; kNotFound when absent or outside the actor's scopes.
core::Result<Group> FindGroup(const platform::auth::Principal& actor, platform::db::Database& db, GroupId id);
/// Creates a group (people:edit_groups on its programme); kConflict on "code" when taken.
core::Result<GroupId> CreateGroup(const platform::auth::Principal& actor, const Change& change,
                                  const GroupDraft& draft);
/// Changes a group (people:edit_groups on the old and the new programme).
core::Status UpdateGroup(const platform::auth::Principal& actor, const Change& change, GroupId id,
                         const GroupDraft& draft);

// --- Students -----------------------------------------------------------------------------

/// Students the actor may see (people:view), surname order, filtered and paginated.
core::Result<Page<Student>> ListStudents(const platform::auth::Principal& actor, platform::db::Database& db,
                                         const StudentQuery& query);
/// One student; kNotFound when absent or outside the actor's scopes.
core::Result<Student> FindStudent(const platform::auth::Principal& actor, platform::db::Database& db,
                                  StudentId id);
/// Who a signed-in user is as a student, in brief: the record's id, its group and that group's
/// stream (the parent group), or nothing when the account has no student record. One indexed
/// read and no permission check: for the checks a request makes about its own actor (may this
/// student start this quiz, see this course), which run on every request of an exam.
struct OwnStudent {
    StudentId id;
    std::optional<GroupId> group;
    std::optional<GroupId> stream;
};
std::optional<OwnStudent> FindOwnStudent(platform::db::Database& db, std::int64_t user_id);

/// The student linked to an identity account, if the actor may see it (kNotFound otherwise).
core::Result<Student> FindStudentByUser(const platform::auth::Principal& actor, platform::db::Database& db,
                                        std::int64_t user_id);
/// Enrols a student (people:edit_students on the programme); kConflict on "iin" or
/// "student_number" when taken; R-O2 refuses online for a forbidden direction.
core::Result<StudentId> CreateStudent(const platform::auth::Principal& actor, const Change& change,
                                      const StudentDraft& draft);
/// Changes a student (people:edit_students on the old and the new programme).
core::Status UpdateStudent(const platform::auth::Principal& actor, const Change& change, StudentId id,
                           const StudentDraft& draft);
/// Sets the form of study only (R-O1, R-O25): for the distance module once it has approved an
/// admission or transfer. Needs people:edit_students on the student; R-O2 refuses online for a
/// direction of order No. 530 (kRuleViolation "people.online_forbidden").
core::Status ChangeStudyForm(const platform::auth::Principal& actor, const Change& change, StudentId id,
                             StudyForm form);

// --- Teachers -----------------------------------------------------------------------------

/// Teachers the actor may see (people:view on the department's faculty), surname order.
core::Result<Page<Teacher>> ListTeachers(const platform::auth::Principal& actor, platform::db::Database& db,
                                         const ListQuery& query);
/// One teacher; kNotFound when absent or outside the actor's scopes.
core::Result<Teacher> FindTeacher(const platform::auth::Principal& actor, platform::db::Database& db,
                                  TeacherId id);
/// Adds a teacher (people:edit_teachers on the department's faculty).
core::Result<TeacherId> CreateTeacher(const platform::auth::Principal& actor, const Change& change,
                                      const TeacherDraft& draft);
/// Changes a teacher (people:edit_teachers on the old and the new faculty).
core::Status UpdateTeacher(const platform::auth::Principal& actor, const Change& change, TeacherId id,
                           const TeacherDraft& draft);

// --- CSV imports ----------------------------------------------------------------------------

/// What is imported.
enum class ImportKind : std::uint8_t { kStudents, kTeachers, kGroups };
/// "students", "teachers", "groups".
std::string_view ImportKindName(ImportKind kind);
/// The kind of a name; nullopt when unknown.
std::optional<ImportKind> ParseImportKind(std::string_view name);

/// The columns of an import (keys are the StudentDraft/TeacherDraft/GroupDraft field names;
/// Kazakh and Russian titles are accepted too).
const platform::csv::ImportSpec& ImportSpecOf(ImportKind kind);

/// One checked row: the record it creates (id 0) or changes, resolved and ready to write.
struct ImportRow {
    std::string label;            ///< "Нұрланова Әлия (S-2021-001)", for the preview.
    Student student;              ///< kStudents: the student as it will be stored.
    Teacher teacher;              ///< kTeachers.
    Group group;                  ///< kGroups.
    std::string login;            ///< Account to link; empty for none.
    bool create_account = false;  ///< True when `login` names no account yet: one is created.
};

/// Checks every row (people:import, and on each row's scope), writing nothing. Rows are matched
/// to existing records by IIN or student number (students), login or name and department
/// (teachers), code (groups). `now` bounds the admission year of groups.
core::Result<platform::csv::Preview<ImportRow>> PreviewImport(const platform::auth::Principal& actor,
                                                              platform::db::Database& db, ImportKind kind,
                                                              std::string_view csv_text, core::Instant now);
/// Checks again and, only when no row has an error, creates or updates every row in ONE
/// transaction (Preview::committed), with an audit record per row. A `login` that names no
/// account creates one without a password (it cannot sign in until a password is set).
core::Result<platform::csv::Preview<ImportRow>> CommitImport(const platform::auth::Principal& actor,
                                                             const Change& change, ImportKind kind,
                                                             std::string_view csv_text);

/// Keeps an uploaded file for an hour between preview and commit; returns its token (64 hex).
/// Expired uploads are removed. Needs people:import.
core::Result<std::string> SaveUpload(const platform::auth::Principal& actor, const Change& change,
                                     ImportKind kind, std::string_view file_name, std::string_view content);
/// An upload kept by SaveUpload for the same actor and kind and not yet expired at `now`;
/// kNotFound "people.import_expired" otherwise.
core::Result<std::string> LoadUpload(const platform::auth::Principal& actor, platform::db::Database& db,
                                     ImportKind kind, std::string_view token, core::Instant now);

/// Registers the module: schema, templates, strings, OpenAPI fragment, routes and navigation.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::people
