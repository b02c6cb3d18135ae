#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/db/database.hpp"

namespace oqu::platform::jobs {

/// Identifies a row of jobs_job.
struct JobId {
    std::int64_t value = 0;  ///< jobs_job.id.
    /// Ids are equal when their values are.
    bool operator==(const JobId&) const = default;
};

/// Where a job is in its lifecycle: queued → running → done, or → failed (waiting for a retry)
/// → running ..., or → dead after max_attempts.
enum class JobStatus { kQueued, kRunning, kDone, kFailed, kDead };

/// The lower-case name stored in jobs_job.status ("queued").
const char* JobStatusName(JobStatus status);

/// One job as stored.
struct Job {
    JobId id{};
    std::string kind{};     ///< Handler name ("integrity.check_borrowing").
    std::string payload{};  ///< JSON text, as enqueued.
    JobStatus status = JobStatus::kQueued;
    int attempts = 0;                             ///< Claims so far, the running one included.
    int max_attempts = 5;                         ///< Claims allowed before the job is dead.
    core::Instant run_at{};                       ///< Not claimed before this instant.
    std::string locked_by{};                      ///< Worker holding the lease, "" when none.
    std::optional<core::Instant> locked_until{};  ///< End of the lease while running.
    std::string last_error{};                     ///< English text of the latest failure, "" if none.
    std::optional<std::string> dedup_key{};       ///< Idempotency key given to Enqueue.
    core::Instant created_at{};                   ///< When it was enqueued.
    std::optional<core::Instant> finished_at{};   ///< When it became done or dead.
};

/// How to enqueue a job.
struct EnqueueOptions {
    std::optional<core::Instant> run_at = std::nullopt;  ///< Earliest start; `now` when empty.
    int max_attempts = 5;                                ///< Claims allowed, at least 1.
    std::optional<std::string> dedup_key =
        std::nullopt;  ///< Enqueueing an existing key returns that job instead.
};

/// Number of jobs in each status, for /metrics.
struct QueueStats {
    std::int64_t queued = 0;   ///< Waiting for their first attempt.
    std::int64_t running = 0;  ///< Claimed, lease not necessarily still valid.
    std::int64_t done = 0;     ///< Finished successfully.
    std::int64_t failed = 0;   ///< Waiting for a retry.
    std::int64_t dead = 0;     ///< Gave up after max_attempts.
};

/// Delay before retrying a job after its `attempts`-th failure: 10 s * 2^(attempts-1), capped
/// at 1 hour, minus a jitter of up to 10% that depends only on (id, attempts).
std::chrono::microseconds RetryDelay(JobId id, int attempts);

/// The durable queue in table jobs_job. Thread-safe; several processes may share a database.
/// Database failures throw db::DbError; every function takes the current time as `now`.
class JobQueue {
public:
    /// Uses `db`, which must outlive the queue and have the jobs migrations applied.
    explicit JobQueue(db::Database& db);

    /// Enqueues in its own transaction and wakes in-process workers; returns the new job's id,
    /// or the existing job's id when `options.dedup_key` is already taken.
    JobId Enqueue(std::string_view kind, std::string_view payload_json, core::Instant now,
                  const EnqueueOptions& options = {});

    /// Enqueues inside the caller's transaction, so the job exists iff it commits; call
    /// Notify() after the commit to wake in-process workers. Same return as Enqueue above.
    JobId Enqueue(db::Session& session, std::string_view kind, std::string_view payload_json,
                  core::Instant now, const EnqueueOptions& options = {});

    /// Atomically claims the next due job (queued or failed with run_at <= now, or running with
    /// an expired lease) for `worker_id` until now + lease, counting one attempt; nullopt when
    /// none is due. A job whose lease expired on its last attempt is marked dead instead.
    std::optional<Job> ClaimNext(std::string_view worker_id, std::chrono::microseconds lease,
                                 core::Instant now);

    /// Marks a claimed job done; kConflict (`jobs.lease_lost`) when its lease was taken over.
    core::Status Complete(const Job& job, core::Instant now);

    /// Records a failure of a claimed job: retried after RetryDelay, or dead when it has used
    /// max_attempts; `error` is kept in last_error. kConflict (`jobs.lease_lost`) as Complete.
    core::Status Fail(const Job& job, std::string_view error, core::Instant now);

    /// The job with this id; kNotFound (`jobs.not_found`).
    core::Result<Job> Find(JobId id);

    /// Counts of jobs by status.
    QueueStats Stats();

    /// Wakes in-process workers (see JobRunner::Wake); a no-op when no runner is attached.
    void Notify();

    /// Sets the function Notify calls (JobRunner attaches its Wake); empty to detach.
    void SetWakeHook(std::function<void()> hook);

private:
    db::Database& db_;
    std::mutex hook_mutex_;
    std::function<void()> wake_hook_;
};

}  // namespace oqu::platform::jobs
