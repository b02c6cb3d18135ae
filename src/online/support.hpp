#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "online/api.hpp"
#include "online/store.hpp"

namespace oqu::platform::db {
class Session;
}

// Helpers shared by the use cases of the online module (not part of its API).
namespace oqu::online::detail {

/// What the use cases need of a student (from people/api.hpp).
struct StudentInfo {
    StudentScope scope;
    bool online = false;
    std::optional<std::int64_t> user_id;
    bool self = false;  ///< The actor is this student.
};

/// The student `student_id` if the actor is that student or holds `capability` (and for a write
/// capability, online:view_records) on his scope; kNotFound / kForbidden otherwise.
core::Result<StudentInfo> Student(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t student_id, const platform::auth::Capability& capability);

/// What the use cases need of a teacher.
struct TeacherInfo {
    std::int64_t teacher_id = 0;
    std::int64_t faculty_id = 0;
    bool self = false;
};

/// As Student, for a teacher's register.
core::Result<TeacherInfo> Teacher(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t teacher_id, const platform::auth::Capability& capability);

/// kInvalidInput `key` on `field` (carried in detail as "field: ...").
core::Error Invalid(std::string key, std::string_view field);

/// kNotFound "web.error_404".
core::Error NotFound(std::string detail);

/// Writes the audit record and the footprint event of one change inside its transaction.
void RecordChange(platform::db::Session& session, const platform::auth::Principal& actor,
                  const Change& change, std::string_view action, std::string_view object_type,
                  std::int64_t object_id, const std::string& detail_json);

/// Parses an ISO day; nullopt when malformed.
std::optional<core::Day> Day(std::string_view iso);

}  // namespace oqu::online::detail
