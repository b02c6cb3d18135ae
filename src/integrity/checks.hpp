#pragma once

// Borrowing checks of students' works in the portal (R-O20, R-A1; checked locally, R-O10): a
// check is queued in the submitting transaction, the job "integrity.check" extracts the text,
// checks it against the persistent index (index_store.hpp) minus the course's exclusions, records
// the result and adds the work to the index. The report is /integrity/checks/{id}.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace oqu::platform::db {
class Database;
class Session;
}  // namespace oqu::platform::db
namespace oqu::platform::jobs {
class JobQueue;
}

namespace oqu::integrity {

/// A work to check.
struct CheckRequest {
    std::string owner_kind;     ///< "assignment"
    std::int64_t owner_id = 0;  ///< The submission id.
    std::int64_t course_id = 0;
    std::int64_t author_user_id = 0;
    std::string title;
    std::string file_sha256;        ///< A file of platform/files, or empty (then `text`).
    std::string file_name;          ///< Its name (the extension picks the format), or empty.
    std::string text;               ///< The work typed in (UTF-8), or empty.
    bool student_may_view = false;  ///< The author may open the report.
};

/// In the caller's transaction: records a queued check and enqueues job "integrity.check"
/// (dedup on owner_kind:owner_id; a second request for the same owner returns the existing
/// check); the job extracts, checks against the index, records the result and adds the work to
/// the index. Returns the check id. Call jobs.Notify() after the commit to start it at once.
/// kInvalidInput (integrity.check.invalid_request) without an owner, course, author, or a file
/// or text.
core::Result<std::int64_t> QueueCheck(platform::db::Session& session, platform::jobs::JobQueue& jobs,
                                      const CheckRequest& request, core::Instant now);

/// The state of a work's check, for the owner's pages.
struct CheckSummary {
    std::int64_t id = 0;
    std::string status;                 ///< queued|running|done|failed
    std::optional<double> originality;  ///< 0..1, when done.
    int flags = 0;                      ///< Evasion flags found (kinds), when done.
    std::string report_href;            ///< "/integrity/checks/{id}"
};

/// The check of an owner (the latest when there are several), or nullopt.
std::optional<CheckSummary> CheckFor(platform::db::Database& db, std::string_view owner_kind,
                                     std::int64_t owner_id);

/// Gives unfinished checks whose job the queue gave up on (dead after max_attempts: the process
/// died while running it each time, or the database failed every time) their final state:
/// `failed` with the reason `integrity.check.gave_up`. A job that died and still has attempts is
/// retried by the queue once its lease runs out, and the check runs again. Looks at one check
/// (`only`) or at up to 100 unfinished ones older than a minute; returns how many it recorded.
/// Run at start-up, before each check job and when a report of an unfinished check is opened.
int RecoverAbandonedChecks(platform::db::Database& db, platform::jobs::JobQueue& jobs, core::Instant now,
                           std::optional<std::int64_t> only = std::nullopt);

}  // namespace oqu::integrity
