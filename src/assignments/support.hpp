#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "assignments/api.hpp"

namespace oqu::platform::db {
class Session;
}

// Helpers shared by the use cases of the assignments module (not part of its API).
namespace oqu::assignments::detail {

/// kInvalidInput `key` on `field`.
core::Error Invalid(std::string key, std::string_view field);
/// kNotFound "web.error_404".
core::Error NotFound(std::string detail);
/// kForbidden "assignments.not_course_teacher".
core::Error NotTeacher();
/// A positive id; nullopt when malformed.
std::optional<std::int64_t> ParseId(std::string_view text);
/// A whole number in [min, max]; nullopt otherwise.
std::optional<int> ParseInt(std::string_view text, int min, int max);
/// Points with up to two decimals in [0, max]; nullopt otherwise.
std::optional<double> ParseMark(std::string_view text, double max);

/// An assignment with the actor's rights on it.
struct Loaded {
    Assignment assignment;
    AssignmentAccess access;
    bool manage = false;                     ///< The dean's office (courses:manage).
    std::optional<std::int64_t> student_id;  ///< The actor as a student of the course.
};
/// The assignment if the actor may see its course; kNotFound otherwise.
core::Result<Loaded> Load(const platform::auth::Principal& actor, platform::db::Database& db,
                          std::int64_t assignment_id);

/// The student id of the actor's account; nullopt when he is no student.
std::optional<std::int64_t> OwnStudentId(const platform::auth::Principal& actor, platform::db::Database& db);
/// A student's display name ("" when unknown).
std::string StudentName(platform::db::Database& db, std::int64_t student_id);

/// Writes the audit record (and footprint event) of one act inside its transaction.
void RecordChange(platform::db::Session& session, const platform::auth::Principal& actor,
                  const Change& change, std::string_view action, std::int64_t assignment_id,
                  const std::string& detail_json);

/// What the borrowing check needs (integrity::CheckRequest of contracts.md).
struct CheckOrder {
    std::int64_t version_id = 0;  ///< The owner of the check: each version is checked.
    std::int64_t course_id = 0;
    std::int64_t author_user_id = 0;
    std::string title;
    std::string file_sha256, file_name, text;
    bool student_may_view = false;
};
/// R-O20: queues the borrowing check in the caller's transaction; the check id when the integrity
/// module records one.
std::optional<std::int64_t> QueueBorrowingCheck(platform::db::Session& session,
                                                platform::jobs::JobQueue& jobs, const CheckOrder& order,
                                                core::Instant now);

/// The check of a version: status, originality, report link; nullopt when none is recorded.
struct CheckInfo {
    std::string status;
    std::optional<double> originality;
    int flags = 0;
    std::string report_href;
};
std::optional<CheckInfo> CheckOf(platform::db::Database& db, std::int64_t version_id);

}  // namespace oqu::assignments::detail
