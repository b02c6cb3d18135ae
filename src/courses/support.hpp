#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "courses/api.hpp"
#include "courses/store.hpp"

namespace oqu::platform::db {
class Session;
}

// Helpers shared by the use cases of the courses module (not part of its API).
namespace oqu::courses::detail {

/// kInvalidInput `key` on `field` (carried in detail as "field: ...").
core::Error Invalid(std::string key, std::string_view field);
/// kNotFound "web.error_404".
core::Error NotFound(std::string detail);
/// A positive id; nullopt when malformed.
std::optional<std::int64_t> ParseId(std::string_view text);
/// A whole number in [min, max]; nullopt otherwise.
std::optional<int> ParseInt(std::string_view text, int min, int max);
/// Text with something other than spaces, at most `max` bytes.
bool Filled(std::string_view text, std::size_t max);

/// Writes the audit record and the footprint event of one change inside its transaction.
void RecordChange(platform::db::Session& session, const platform::auth::Principal& actor,
                  const Change& change, std::string_view action, std::int64_t course_id,
                  const std::string& detail_json);

/// Who the actor is as a teacher or a student (looked up with the system's authority).
struct Identity {
    std::optional<std::int64_t> teacher_id;
    bool head_of_department = false;
    std::int64_t department_id = 0;       ///< The teacher's department.
    std::vector<std::int64_t> group_ids;  ///< The student's group and its parent.
};
Identity Identify(const platform::auth::Principal& actor, platform::db::Database& db);

/// A course row with the actor's rights on it.
struct Loaded {
    CourseRow row;
    CourseAccess access;
    std::vector<std::int64_t> teachers;
};
/// The course if the actor may see it; kNotFound otherwise.
core::Result<Loaded> Load(const platform::auth::Principal& actor, platform::db::Database& db,
                          std::int64_t course_id);
/// Load, then kForbidden unless the actor has the right (`edit`: a teacher of the course;
/// otherwise courses:manage).
core::Result<Loaded> LoadFor(const platform::auth::Principal& actor, platform::db::Database& db,
                             std::int64_t course_id, bool edit);

/// Whether a course is taught in the online form: its flag, or a group with an online student.
bool EffectiveOnline(platform::db::Database& db, bool flag, const std::vector<std::int64_t>& group_ids);

/// Looks up names in academics and people once per request.
class Catalog {
public:
    Catalog(platform::db::Database& db, std::string_view lang) : db_(db), lang_(lang) {}
    /// The course with its names, teachers and groups.
    Course Assemble(const CourseRow& row);
    /// The period's start day (ISO) and year; empty when unknown.
    struct PeriodInfo {
        std::string year, kind, start, end;
    };
    const PeriodInfo& Period(std::int64_t id);

private:
    platform::db::Database& db_;
    std::string lang_;
    std::map<std::int64_t, PeriodInfo> periods_;
    std::map<std::int64_t, std::string> programmes_;
};

/// The R-O16 gate for a course taught in the online form (online::CheckCanTeachOnline).
core::Status CheckTeacherForOnline(platform::db::Database& db, std::int64_t teacher_id, core::Instant now);

/// An ISO day as core::Day; nullopt when malformed.
std::optional<core::Day> Day(std::string_view iso);

/// Checks the parts an element's kind needs (R-O8.1), as AddElement does; structure.cpp.
core::Result<Element> CheckElementDraft(const ElementDraft& draft, const std::vector<Outcome>& outcomes);

/// Installs the check that narrows a teacher's gradebook:enter_marks to the journals of the
/// courses he teaches (gradebook::SetJournalTeacherCheck); journals.cpp.
void InstallJournalTeacherCheck();

/// The study groups whose journals a course's weights reach: its groups (and `more`), and the
/// group of each subgroup; empty when the gradebook's schema is not installed.
std::vector<std::int64_t> JournalGroups(platform::db::Database& db, std::int64_t course_id,
                                        std::optional<std::int64_t> more = std::nullopt);

/// In the caller's transaction: the course's weights onto the open journals of `groups` in its
/// discipline and period (gradebook::ApplyCourseWeights).
void PushWeights(platform::db::Session& session, const platform::auth::Principal& actor, const Change& change,
                 const CourseRow& course, const std::vector<std::int64_t>& groups,
                 const CourseWeights& weights);

}  // namespace oqu::courses::detail
