#include "platform/jobs/runner.hpp"

#include <exception>
#include <utility>

#include <fmt/core.h>
#include <unistd.h>

#include "core/assert.hpp"
#include "platform/log/log.hpp"

namespace oqu::platform::jobs {
namespace {

std::string DefaultWorkerName() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) {
        return fmt::format("worker:{}", ::getpid());
    }
    return fmt::format("{}:{}", host, ::getpid());
}

std::string Describe(const core::Error& error) {
    if (error.detail.empty()) {
        return error.message_key;
    }
    return error.message_key + ": " + error.detail;
}

}  // namespace

JobRunner::JobRunner(JobQueue& queue, HandlerRegistry handlers, RunnerOptions options)
    : queue_(queue), handlers_(std::move(handlers)), options_(std::move(options)) {
    OQU_ASSERT(options_.threads >= 1, "a job runner needs at least one thread");
    if (options_.worker_name.empty()) {
        options_.worker_name = DefaultWorkerName();
    }
}

JobRunner::~JobRunner() {
    Stop();
}

void JobRunner::Start() {
    {
        std::lock_guard lock(mutex_);
        OQU_ASSERT(workers_.empty() && !stopping_, "JobRunner::Start called twice");
        for (int i = 0; i < options_.threads; ++i) {
            std::string worker_id = fmt::format("{}:{}", options_.worker_name, i);
            workers_.emplace_back([this, worker_id = std::move(worker_id)] { WorkerLoop(worker_id); });
        }
    }
    queue_.SetWakeHook([this] { Wake(); });
}

void JobRunner::Stop() {
    std::vector<std::thread> workers;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        stop_requested_ = true;
        workers.swap(workers_);
    }
    // Outside mutex_: the queue calls the hook under its own lock, and the hook takes mutex_.
    if (!workers.empty()) {
        queue_.SetWakeHook({});
    }
    wake_.notify_all();
    for (auto& worker : workers) {
        worker.join();
    }
}

void JobRunner::Wake() {
    {
        std::lock_guard lock(mutex_);
        ++wake_generation_;
    }
    wake_.notify_all();
}

bool JobRunner::stop_requested() const noexcept {
    return stop_requested_;
}

RunnerStats JobRunner::Stats() const {
    return RunnerStats{completed_, failed_, errors_};
}

void JobRunner::WorkerLoop(const std::string& worker_id) {
    for (;;) {
        std::uint64_t seen = 0;
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                return;
            }
            seen = wake_generation_;
        }
        bool worked = false;
        try {
            worked = RunOne(worker_id);
        } catch (const std::exception& e) {
            // Entry point: the database is unreachable or broken. Keep the thread alive and
            // try again after the poll interval; the job's lease brings it back if we held one.
            ++errors_;
            Log(log::Level::kError, "jobs.queue_error", nullptr,
                fmt::format("worker {} could not use the queue: {}", worker_id, e.what()));
        }
        if (worked) {
            continue;
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, options_.poll_interval, [&] { return stopping_ || wake_generation_ != seen; });
    }
}

bool JobRunner::RunOne(const std::string& worker_id) {
    std::optional<Job> job = queue_.ClaimNext(worker_id, options_.lease, Now());
    if (!job) {
        return false;
    }
    const core::Status outcome = RunHandler(*job);
    if (outcome) {
        ++completed_;
        const core::Status recorded = queue_.Complete(*job, Now());
        if (!recorded) {
            Log(log::Level::kWarn, "jobs.lease_lost", &*job,
                "finished after its lease was taken over: " + Describe(recorded.error()));
        }
        return true;
    }
    ++failed_;
    const std::string error = Describe(outcome.error());
    Log(log::Level::kWarn, "jobs.attempt_failed", &*job,
        fmt::format("attempt {}/{} failed: {}", job->attempts, job->max_attempts, error));
    const core::Status recorded = queue_.Fail(*job, error, Now());
    if (!recorded) {
        Log(log::Level::kWarn, "jobs.lease_lost", &*job,
            "failed after its lease was taken over: " + Describe(recorded.error()));
    }
    return true;
}

core::Status JobRunner::RunHandler(const Job& job) {
    const auto handler = handlers_.find(job.kind);
    if (handler == handlers_.end()) {
        return core::MakeError(core::ErrorCode::kNotFound, "jobs.no_handler",
                               "no handler registered for kind " + job.kind);
    }
    // Entry point for job code: an exception is a failed attempt, logged, never a dead worker.
    try {
        return handler->second(job);
    } catch (const std::exception& e) {
        Log(log::Level::kError, "jobs.handler_threw", &job, e.what());
        return core::MakeError(core::ErrorCode::kUnavailable, "jobs.handler_threw", e.what());
    } catch (...) {
        Log(log::Level::kError, "jobs.handler_threw", &job, "non-standard exception");
        return core::MakeError(core::ErrorCode::kUnavailable, "jobs.handler_threw", "non-standard exception");
    }
}

void JobRunner::Log(log::Level level, std::string_view event, const Job* job,
                    std::string_view message) const {
    if (options_.log) {
        options_.log(job == nullptr
                         ? fmt::format("{}: {}", event, message)
                         : fmt::format("{}: job {} ({}): {}", event, job->id.value, job->kind, message));
        return;
    }
    if (job == nullptr) {
        log::LogEvent(level, event, {log::Field("message", message)});
    } else {
        log::LogEvent(level, event,
                      {log::Field("job_id", job->id.value), log::Field("kind", job->kind),
                       log::Field("attempt", job->attempts), log::Field("message", message)});
    }
}

core::Instant JobRunner::Now() const {
    if (options_.clock) {
        return options_.clock();
    }
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace oqu::platform::jobs
