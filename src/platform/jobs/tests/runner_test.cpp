#include "platform/jobs/runner.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>

#include <gtest/gtest.h>

#include "platform/jobs/tests/test_database.hpp"

namespace oqu::platform::jobs {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using test_support::kT0;

// Generous bound for waits on worker threads; reached only when the runner is broken.
constexpr auto kPatience = std::chrono::seconds{60};

/// Counts events from worker threads and lets the test wait for a number of them.
class Counter {
public:
    void Add() {
        {
            std::lock_guard lock(mutex_);
            ++count_;
        }
        changed_.notify_all();
    }
    bool WaitFor(int n) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, kPatience, [&] { return count_ >= n; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int count_ = 0;
};

class JobRunnerTest : public test_support::JobsDatabaseTest {
protected:
    RunnerOptions Options(int threads) {
        RunnerOptions options;
        options.threads = threads;
        options.poll_interval = hours{1};  // Only Wake() and new work may end an idle wait.
        options.worker_name = "test";
        options.clock = [this] { return core::FromMicros(now_us_.load()); };
        options.log = [this](std::string_view line) {
            std::lock_guard lock(log_mutex_);
            log_ += std::string(line) + "\n";
        };
        return options;
    }

    std::atomic<std::int64_t> now_us_{core::ToMicros(kT0)};
    std::mutex log_mutex_;
    std::string log_;
};

INSTANTIATE_TEST_SUITE_P(Backends, JobRunnerTest, ::testing::ValuesIn(test_support::kBackends));

/// Two workers run 200 jobs, each exactly once.
TEST_P(JobRunnerTest, RunsEachJobExactlyOnce) {
    constexpr int kJobs = 200;
    for (int i = 0; i < kJobs; ++i) {
        queue_->Enqueue("count", "{}", kT0);
    }
    std::mutex runs_mutex;
    std::map<std::int64_t, int> runs;
    Counter finished;
    HandlerRegistry handlers;
    handlers["count"] = [&](const Job& job) {
        {
            std::lock_guard lock(runs_mutex);
            ++runs[job.id.value];
        }
        finished.Add();
        return core::OkStatus();
    };
    JobRunner runner(*queue_, std::move(handlers), Options(2));
    runner.Start();
    ASSERT_TRUE(finished.WaitFor(kJobs));
    runner.Stop();
    EXPECT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
    for (const auto& [id, count] : runs) {
        EXPECT_EQ(count, 1) << "job " << id;
    }
    EXPECT_EQ(queue_->Stats().done, kJobs);
    EXPECT_EQ(runner.Stats().completed, kJobs);
}

/// Stop lets the job in hand finish and be recorded, and starts no other.
TEST_P(JobRunnerTest, StopFinishesJobInHand) {
    const JobId first = queue_->Enqueue("slow", "{}", kT0);
    const JobId second = queue_->Enqueue("slow", "{}", kT0);
    std::unique_ptr<JobRunner> runner;
    Counter started;
    HandlerRegistry handlers;
    handlers["slow"] = [&](const Job&) {
        started.Add();
        while (!runner->stop_requested()) {
            std::this_thread::yield();
        }
        return core::OkStatus();
    };
    runner = std::make_unique<JobRunner>(*queue_, std::move(handlers), Options(1));
    runner->Start();
    ASSERT_TRUE(started.WaitFor(1));
    runner->Stop();
    EXPECT_EQ(queue_->Find(first)->status, JobStatus::kDone);
    EXPECT_EQ(queue_->Find(second)->status, JobStatus::kQueued);
}

/// An Error and an exception are both failed attempts; the exception's what() is kept.
TEST_P(JobRunnerTest, HandlerErrorsAndExceptionsAreFailures) {
    const JobId id = queue_->Enqueue("flaky", "{}", kT0, {.max_attempts = 2});
    Counter calls;
    int call = 0;
    HandlerRegistry handlers;
    handlers["flaky"] = [&](const Job&) -> core::Status {
        ++call;
        calls.Add();
        if (call == 1) {
            return core::MakeError(core::ErrorCode::kUnavailable, "integrity.engine_down", "HTTP 503");
        }
        throw std::runtime_error("corrupt PDF stream");
    };
    JobRunner runner(*queue_, std::move(handlers), Options(1));
    runner.Start();
    ASSERT_TRUE(calls.WaitFor(1));
    // Wait until the failure is recorded, then move the clock past the retry delay.
    core::Instant retry_at;
    for (;;) {
        auto job = queue_->Find(id);
        ASSERT_TRUE(job.has_value());
        if (job->status == JobStatus::kFailed) {
            EXPECT_EQ(job->last_error, "integrity.engine_down: HTTP 503");
            retry_at = job->run_at;
            break;
        }
        std::this_thread::yield();
    }
    now_us_ = core::ToMicros(retry_at);
    runner.Wake();
    ASSERT_TRUE(calls.WaitFor(2));
    runner.Stop();
    auto dead = queue_->Find(id);
    ASSERT_TRUE(dead.has_value());
    EXPECT_EQ(dead->status, JobStatus::kDead);
    EXPECT_NE(dead->last_error.find("corrupt PDF stream"), std::string::npos);
    EXPECT_NE(log_.find("corrupt PDF stream"), std::string::npos);
    EXPECT_EQ(runner.Stats().failed, 2);
}

/// A kind without a handler fails (and eventually dies) instead of blocking the queue.
TEST_P(JobRunnerTest, UnknownKindFails) {
    const JobId orphan = queue_->Enqueue("nobody.handles", "{}", kT0, {.max_attempts = 1});
    const JobId known = queue_->Enqueue("known", "{}", kT0);
    Counter done;
    HandlerRegistry handlers;
    handlers["known"] = [&](const Job&) {
        done.Add();
        return core::OkStatus();
    };
    JobRunner runner(*queue_, std::move(handlers), Options(1));
    runner.Start();
    ASSERT_TRUE(done.WaitFor(1));
    runner.Stop();
    EXPECT_EQ(queue_->Find(orphan)->status, JobStatus::kDead);
    EXPECT_NE(queue_->Find(orphan)->last_error.find("jobs.no_handler"), std::string::npos);
    EXPECT_EQ(queue_->Find(known)->status, JobStatus::kDone);
}

/// Enqueue in the same process wakes an idle worker at once, not after the poll interval.
TEST_P(JobRunnerTest, EnqueueWakesIdleWorkers) {
    Counter done;
    HandlerRegistry handlers;
    handlers["k"] = [&](const Job&) {
        done.Add();
        return core::OkStatus();
    };
    JobRunner runner(*queue_, std::move(handlers), Options(2));
    runner.Start();
    queue_->Enqueue("k", "{}", kT0);
    ASSERT_TRUE(done.WaitFor(1));
    db_->Transact([&](db::Session& session) { queue_->Enqueue(session, "k", "{}", kT0); });
    queue_->Notify();
    ASSERT_TRUE(done.WaitFor(2));
    runner.Stop();
}

/// A job enqueued before a restart runs after it (the database is closed and reopened).
TEST_P(JobRunnerTest, JobSurvivesRestart) {
    const JobId id = queue_->Enqueue("k", R"({"n":1})", kT0);
    CloseDatabase();
    OpenDatabase();
    Counter done;
    std::string payload;
    HandlerRegistry handlers;
    handlers["k"] = [&](const Job& job) {
        payload = job.payload;
        done.Add();
        return core::OkStatus();
    };
    JobRunner runner(*queue_, std::move(handlers), Options(1));
    runner.Start();
    ASSERT_TRUE(done.WaitFor(1));
    runner.Stop();
    EXPECT_EQ(payload, R"({"n":1})");
    EXPECT_EQ(queue_->Find(id)->status, JobStatus::kDone);
}

/// A job whose worker crashed mid-run is run again after its lease, by a new runner.
TEST_P(JobRunnerTest, CrashedWorkersJobRunsAfterLease) {
    const JobId id = queue_->Enqueue("k", "{}", kT0);
    ASSERT_TRUE(queue_->ClaimNext("crashed:0", minutes{10}, kT0).has_value());
    CloseDatabase();
    OpenDatabase();
    now_us_ = core::ToMicros(kT0 + minutes{11});
    Counter done;
    int attempts = 0;
    HandlerRegistry handlers;
    handlers["k"] = [&](const Job& job) {
        attempts = job.attempts;
        done.Add();
        return core::OkStatus();
    };
    JobRunner runner(*queue_, std::move(handlers), Options(1));
    runner.Start();
    ASSERT_TRUE(done.WaitFor(1));
    runner.Stop();
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(queue_->Find(id)->status, JobStatus::kDone);
}

}  // namespace
}  // namespace oqu::platform::jobs
