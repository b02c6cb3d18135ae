#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "people/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::people {

/// What a list query may return: everything, or rows of these faculties or programmes.
struct ScopeFilter {
    bool all = false;                      ///< The caller holds the capability institution-wide.
    std::vector<std::int64_t> faculties;   ///< Faculty scopes of the caller's grants.
    std::vector<std::int64_t> programmes;  ///< Programme scopes of the caller's grants.
    /// True when nothing at all is visible.
    bool None() const { return !all && faculties.empty() && programmes.empty(); }
};

/// A CSV file kept between preview and commit.
struct Upload {
    std::string token;
    ImportKind kind = ImportKind::kStudents;
    std::int64_t actor_user_id = 0;
    std::string file_name;
    std::string content;
    std::string sha256;
    core::Instant created_at{};
    core::Instant expires_at{};
};

/// The people_ tables, on the caller's transaction. The only place with SQL of this module.
/// Anticipated outcomes (a duplicate code, IIN, number, login link) are kConflict values;
/// anything else throws platform::db::DbError.
class Store {
public:
    /// A store working in `session`'s transaction.
    explicit Store(platform::db::Session& session) : session_(session) {}

    /// The group with this id.
    std::optional<Group> FindGroup(GroupId id);
    /// The group with this code (exact).
    std::optional<Group> FindGroupByCode(const std::string& code);
    /// Groups within `scope` matching `query` (code contains text; programme), code order.
    Page<Group> ListGroups(const ScopeFilter& scope, const ListQuery& query);
    /// Inserts a group; kConflict "people.group_code_taken" on field code.
    core::Result<GroupId> InsertGroup(const Group& group, core::Instant now);
    /// Updates every column of a group; kConflict as InsertGroup.
    core::Status UpdateGroup(const Group& group, core::Instant now);

    /// The student with this id.
    std::optional<Student> FindStudent(StudentId id);
    /// The student with this IIN.
    std::optional<Student> FindStudentByIin(const std::string& iin);
    /// The student with this student number.
    std::optional<Student> FindStudentByNumber(const std::string& number);
    /// The student linked to this account.
    std::optional<Student> FindStudentByUser(std::int64_t user_id);
    std::optional<OwnStudent> FindOwnStudent(std::int64_t user_id);
    /// Students within `scope` matching `query`; `search_iin` lets the text match an IIN exactly.
    Page<Student> ListStudents(const ScopeFilter& scope, const StudentQuery& query, bool search_iin);
    /// Inserts a student; kConflict "people.iin_taken" / "people.student_number_taken".
    core::Result<StudentId> InsertStudent(const Student& student, core::Instant now);
    /// Updates every column of a student; kConflict as InsertStudent.
    core::Status UpdateStudent(const Student& student, core::Instant now);

    /// The teacher with this id.
    std::optional<Teacher> FindTeacher(TeacherId id);
    /// The teacher linked to this account.
    std::optional<Teacher> FindTeacherByUser(std::int64_t user_id);
    /// The teacher of this department with exactly this name (import matching without login).
    std::optional<Teacher> FindTeacherByName(const FullName& name, std::int64_t department_id);
    /// Teachers within `scope` (faculties; programme scopes see none) matching `query`.
    Page<Teacher> ListTeachers(const ScopeFilter& scope, const ListQuery& query);
    /// Inserts a teacher; kConflict "people.account_taken" when the account is linked already.
    core::Result<TeacherId> InsertTeacher(const Teacher& teacher, core::Instant now);
    /// Updates every column of a teacher.
    core::Status UpdateTeacher(const Teacher& teacher, core::Instant now);

    /// Stores an upload and removes the expired ones.
    void SaveUpload(const Upload& upload, core::Instant now);
    /// The upload with this token, if any (expired or not).
    std::optional<Upload> FindUpload(const std::string& token);

private:
    platform::db::Session& session_;
};

}  // namespace oqu::people
