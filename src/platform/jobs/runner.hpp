#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/log/log.hpp"

namespace oqu::platform::jobs {

/// Runs one job; an Error (or an exception) counts as a failed attempt. Handlers may run more
/// than once for one job (at-least-once), so they must be idempotent.
using JobHandler = std::function<core::Status(const Job&)>;

/// Handlers by job kind.
using HandlerRegistry = std::map<std::string, JobHandler, std::less<>>;

/// How a JobRunner works.
struct RunnerOptions {
    int threads = 2;                                             ///< Worker threads.
    std::chrono::milliseconds poll_interval{1000};               ///< Idle wait between claims.
    std::chrono::microseconds lease = std::chrono::minutes{10};  ///< Must exceed the longest job.
    std::string worker_name{};                                   ///< Worker id prefix; "host:pid" when empty.
    std::function<core::Instant()> clock{};                      ///< UTC now; the system clock when empty.
    std::function<void(std::string_view)>
        log{};  ///< Takes English log lines instead of platform/log (tests).
};

/// Counters of a runner since Start, for /metrics.
struct RunnerStats {
    std::int64_t completed = 0;  ///< Jobs whose handler succeeded.
    std::int64_t failed = 0;     ///< Attempts that returned an Error or threw.
    std::int64_t errors = 0;     ///< Queue operations that threw (database trouble).
};

/// Worker threads that claim due jobs, run their handler and record the outcome. This is an
/// entry point: exceptions from handlers and the database are caught and logged here.
class JobRunner {
public:
    /// Prepares a runner over `queue`, which must outlive it; no thread starts yet.
    JobRunner(JobQueue& queue, HandlerRegistry handlers, RunnerOptions options = {});
    /// Stops the runner (see Stop).
    ~JobRunner();
    /// Not copyable: owns threads that point back at it.
    JobRunner(const JobRunner&) = delete;
    /// Not copyable: owns threads that point back at it.
    JobRunner& operator=(const JobRunner&) = delete;

    /// Starts the worker threads and attaches Wake to the queue's Notify. Call once.
    void Start();

    /// Lets each worker finish and record the job in hand, then joins them; idempotent.
    void Stop();

    /// Makes idle workers look for work now instead of after the poll interval.
    void Wake();

    /// True once Stop has been called.
    bool stop_requested() const noexcept;

    /// Counters since Start.
    RunnerStats Stats() const;

private:
    void WorkerLoop(const std::string& worker_id);
    bool RunOne(const std::string& worker_id);
    core::Status RunHandler(const Job& job);
    void Log(log::Level level, std::string_view event, const Job* job, std::string_view message) const;
    core::Instant Now() const;

    JobQueue& queue_;
    HandlerRegistry handlers_;
    RunnerOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::uint64_t wake_generation_ = 0;
    bool stopping_ = false;
    std::atomic<bool> stop_requested_{false};
    std::vector<std::thread> workers_;
    std::atomic<std::int64_t> completed_{0};
    std::atomic<std::int64_t> failed_{0};
    std::atomic<std::int64_t> errors_{0};
};

}  // namespace oqu::platform::jobs
