#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "assignments/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::assignments {

/// A stored version with its submission id.
struct VersionRow {
    std::int64_t submission_id = 0;
    Version version;
};

/// A stored grade with its submission id.
struct GradeRow {
    std::int64_t submission_id = 0;
    std::int64_t graded_by = 0;
    Grade grade;
};

/// A submission row (without versions and grades).
struct SubmissionRow {
    std::int64_t id = 0;
    std::int64_t assignment_id = 0;
    std::optional<std::int64_t> student_id, group_id;
    std::string status;  ///< "draft", "submitted", "graded", "returned".
    core::Instant updated_at{};
};

/// The only code that reads and writes the assignments_ tables (sql_store.cpp).
class Store {
public:
    explicit Store(platform::db::Session& session) : session_(session) {}

    std::int64_t InsertAssignment(const Assignment& a, std::int64_t by, core::Instant at);
    std::optional<Assignment> FindAssignment(std::int64_t id);
    /// The course's assignments in due-date order.
    std::vector<Assignment> Assignments(std::int64_t course_id);
    void SetGradeColumn(std::int64_t id, const std::optional<std::string>& column);

    std::optional<std::int64_t> GroupOf(std::int64_t assignment_id, std::int64_t student_id);
    /// nullopt when the name is taken.
    std::optional<std::int64_t> InsertGroup(std::int64_t assignment_id, const std::string& name);
    /// False when the student is in another group of the assignment.
    bool InsertMember(std::int64_t group_id, std::int64_t assignment_id, std::int64_t student_id);
    /// (group id, name) in id order.
    std::vector<std::pair<std::int64_t, std::string>> Groups(std::int64_t assignment_id);
    std::vector<std::int64_t> Members(std::int64_t group_id);

    std::optional<SubmissionRow> FindSubmission(std::int64_t id);
    std::optional<SubmissionRow> SubmissionOfStudent(std::int64_t assignment_id, std::int64_t student_id);
    std::optional<SubmissionRow> SubmissionOfGroup(std::int64_t assignment_id, std::int64_t group_id);
    std::vector<SubmissionRow> Submissions(std::int64_t assignment_id);
    std::int64_t InsertSubmission(const SubmissionRow& row);
    void SetStatus(std::int64_t submission_id, const std::string& status, core::Instant at);

    std::vector<Version> Versions(std::int64_t submission_id);
    int LastVersionNumber(std::int64_t submission_id);
    /// The new version's id.
    std::int64_t InsertVersion(std::int64_t submission_id, const Version& v);

    std::optional<Extension> ExtensionOf(std::int64_t assignment_id, std::int64_t student_id);
    /// The latest extension per student.
    std::vector<Extension> Extensions(std::int64_t assignment_id);
    void InsertExtension(std::int64_t assignment_id, const Extension& e, std::int64_t by, core::Instant at);

    /// Oldest first.
    std::vector<GradeRow> Grades(std::int64_t submission_id);
    void InsertGrade(std::int64_t submission_id, const Grade& g, std::int64_t by);

    /// Whether a version or feedback file of the assignment has this hash; its type and name.
    std::optional<FileInfo> FileOf(std::int64_t assignment_id, const std::string& sha256,
                                   std::optional<std::int64_t> submission_id);
    /// The submission ids of the assignment with this file.
    std::vector<std::int64_t> SubmissionsWithFile(std::int64_t assignment_id, const std::string& sha256);

private:
    platform::db::Session& session_;
};

}  // namespace oqu::assignments
