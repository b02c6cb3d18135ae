#pragma once

// The checks' store, job and acts, shared by checks.cpp, report_view.cpp and routes_pages.cpp (not
// part of the module's API; other modules use checks.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "integrity/checks.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform {
struct Services;
namespace files {
class FileStore;
}
namespace jobs {
struct Job;
}
}  // namespace oqu::platform

namespace oqu::integrity::detail {

/// The job kind of a check.
inline constexpr std::string_view kCheckJob = "integrity.check";

/// A row of integrity_check.
struct CheckRow {
    std::int64_t id = 0;
    std::string owner_kind;
    std::int64_t owner_id = 0;
    std::int64_t course_id = 0;
    std::int64_t author_user_id = 0;
    std::string title;
    std::string file_sha256, file_name;
    bool student_may_view = false;
    std::string status;
    std::optional<double> originality;
    int hidden_runs = 0;
    std::string flags_json = "[]", matches_json = "[]", sources_json = "[]";
    std::optional<std::int64_t> document_id;
    std::string error_key;
    core::Instant created_at{};
    std::optional<core::Instant> finished_at;
};

/// The check `id`, or nullopt.
std::optional<CheckRow> FindCheck(platform::db::Session& session, std::int64_t id);

/// The latest checks of these courses, newest first, at most `limit`.
std::vector<CheckRow> ChecksOfCourses(platform::db::Session& session,
                                      const std::vector<std::int64_t>& courses, int limit);

/// Runs the check `check_id` (the job's work): extracts the text (files from `files`), checks it
/// against the index minus the course's exclusions, and in one transaction records the result and
/// adds the work to the index. Idempotent: a done or failed check is left as it is. An unreadable
/// work is recorded as failed with the extraction's message key. Database errors throw (the job
/// is retried).
core::Status RunCheck(platform::db::Database& db, platform::files::FileStore& files, std::int64_t check_id,
                      core::Instant now);

/// The handler of job "integrity.check" (payload {"check_id": n}).
core::Status HandleCheckJob(const platform::jobs::Job& job, platform::Services& services);

/// What the actor may do with a check.
struct CheckAccess {
    bool teacher = false;  ///< A teacher of the course: excludes sources, decides.
    bool dean = false;     ///< The dean's office of the course's faculty: reads.
    bool author = false;   ///< The author, allowed to read his report.
};

/// The actor's access to a check; kNotFound (web.error_404) for anyone else.
core::Result<CheckAccess> AccessToCheck(const platform::auth::Principal& actor, platform::db::Database& db,
                                        const CheckRow& check);

/// Where and by whom an act is done (audited).
struct Act {
    platform::db::Database& db;
    core::Instant now{};
    std::string address;
};

/// Excludes the indexed document `document_id` (a source of this check) from the checks of the
/// check's course and recomputes this check without it (teachers of the course only). kInvalidInput
/// integrity.report.not_a_source when the document is not a source of the check,
/// integrity.report.not_done when the check has no result.
core::Status ExcludeSource(const platform::auth::Principal& actor, const Act& act, std::int64_t check_id,
                           std::int64_t document_id);

/// Undoes an exclusion: the course's checks count `document_id` again, and this check is
/// recomputed with it (teachers of the course only), audited integrity.include_source. Other
/// checks keep their result until recomputed. kInvalidInput integrity.report.not_excluded when
/// the course does not exclude the document, integrity.report.not_done when the check has no
/// result.
core::Status IncludeSource(const platform::auth::Principal& actor, const Act& act, std::int64_t check_id,
                           std::int64_t document_id);

/// Records a decision ("accepted", "returned", "referred") with a comment (teachers of the
/// course only), audited. kInvalidInput integrity.report.decision_invalid /
/// integrity.report.comment_required (a return or referral needs a comment).
core::Status RecordDecision(const platform::auth::Principal& actor, const Act& act, std::int64_t check_id,
                            std::string_view decision, std::string_view comment);

/// A recorded decision.
struct Decision {
    std::string decision;
    std::string comment;
    std::string decider;
    core::Instant decided_at{};
};
std::vector<Decision> DecisionsOf(platform::db::Session& session, std::int64_t check_id);

/// A source excluded from a course's checks.
struct Exclusion {
    std::int64_t document_id = 0;
    std::string title;
    std::string origin;
    core::Instant excluded_at{};
};
std::vector<Exclusion> ExclusionsOf(platform::db::Session& session, std::int64_t course_id);

}  // namespace oqu::integrity::detail
