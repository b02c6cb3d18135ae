#include "platform/jobs/queue.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "platform/jobs/tests/test_database.hpp"

namespace oqu::platform::jobs {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using test_support::kT0;

class JobQueueTest : public test_support::JobsDatabaseTest {};

INSTANTIATE_TEST_SUITE_P(Backends, JobQueueTest, ::testing::ValuesIn(test_support::kBackends));

/// A due job is claimed once, with one attempt counted, and completes.
TEST_P(JobQueueTest, EnqueueClaimComplete) {
    const JobId id = queue_->Enqueue("report.build", R"({"period":7})", kT0);
    auto job = queue_->ClaimNext("w1", minutes{5}, kT0);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->id, id);
    EXPECT_EQ(job->kind, "report.build");
    EXPECT_EQ(job->payload, R"({"period":7})");
    EXPECT_EQ(job->status, JobStatus::kRunning);
    EXPECT_EQ(job->attempts, 1);
    EXPECT_EQ(job->locked_by, "w1");
    EXPECT_EQ(job->locked_until, kT0 + minutes{5});
    EXPECT_EQ(job->created_at, kT0);
    EXPECT_FALSE(queue_->ClaimNext("w2", minutes{5}, kT0).has_value());

    ASSERT_TRUE(queue_->Complete(*job, kT0 + seconds{3}).has_value());
    auto stored = queue_->Find(id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->status, JobStatus::kDone);
    EXPECT_EQ(stored->finished_at, kT0 + seconds{3});
    EXPECT_EQ(stored->locked_by, "");
    EXPECT_FALSE(queue_->ClaimNext("w1", minutes{5}, kT0 + hours{100}).has_value());
    const QueueStats stats = queue_->Stats();
    EXPECT_EQ(stats.done, 1);
    EXPECT_EQ(stats.queued + stats.running + stats.failed + stats.dead, 0);
}

/// A job is not claimed before its run_at; due jobs come out oldest run_at first.
TEST_P(JobQueueTest, RunAtOrdersAndDelays) {
    const JobId later = queue_->Enqueue("k", "{}", kT0, {.run_at = kT0 + minutes{1}});
    const JobId sooner = queue_->Enqueue("k", "{}", kT0, {.run_at = kT0 + seconds{30}});
    EXPECT_FALSE(queue_->ClaimNext("w", minutes{5}, kT0).has_value());
    auto first = queue_->ClaimNext("w", minutes{5}, kT0 + minutes{2});
    auto second = queue_->ClaimNext("w", minutes{5}, kT0 + minutes{2});
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(first->id, sooner);
    EXPECT_EQ(second->id, later);
}

/// Enqueueing an existing dedup key returns the existing job and adds nothing.
TEST_P(JobQueueTest, DedupKeyIsIdempotent) {
    const JobId a = queue_->Enqueue("k", "{}", kT0, {.dedup_key = "submission:42"});
    const JobId b = queue_->Enqueue("k", R"({"other":1})", kT0, {.dedup_key = "submission:42"});
    const JobId c = queue_->Enqueue("k", "{}", kT0, {.dedup_key = "submission:43"});
    const JobId d = queue_->Enqueue("k", "{}", kT0);
    const JobId e = queue_->Enqueue("k", "{}", kT0);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_NE(d, e);
    EXPECT_EQ(queue_->Stats().queued, 4);
    EXPECT_EQ(queue_->Find(a)->payload, "{}");
    EXPECT_EQ(queue_->Find(a)->dedup_key, "submission:42");
}

/// A job enqueued in a module's transaction exists only if that transaction commits.
TEST_P(JobQueueTest, EnqueueFollowsCallersTransaction) {
    EXPECT_THROW(db_->Transact([&](db::Session& session) {
        queue_->Enqueue(session, "k", "{}", kT0);
        throw std::runtime_error("the use case failed after enqueueing");
    }),
                 std::runtime_error);
    EXPECT_EQ(queue_->Stats().queued, 0);
    EXPECT_FALSE(queue_->ClaimNext("w", minutes{5}, kT0).has_value());

    const JobId id =
        db_->Transact([&](db::Session& session) { return queue_->Enqueue(session, "k", "{}", kT0); });
    queue_->Notify();
    auto job = queue_->ClaimNext("w", minutes{5}, kT0);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->id, id);
}

/// Failures back off exponentially, keep the error, and end dead after max_attempts.
TEST_P(JobQueueTest, FailureBacksOffThenDies) {
    const JobId id = queue_->Enqueue("k", "{}", kT0, {.max_attempts = 3});
    core::Instant now = kT0;
    for (int attempt = 1; attempt <= 2; ++attempt) {
        auto job = queue_->ClaimNext("w", minutes{5}, now);
        ASSERT_TRUE(job.has_value()) << attempt;
        EXPECT_EQ(job->attempts, attempt);
        ASSERT_TRUE(queue_->Fail(*job, "timeout " + std::to_string(attempt), now).has_value());
        auto stored = queue_->Find(id);
        ASSERT_TRUE(stored.has_value());
        EXPECT_EQ(stored->status, JobStatus::kFailed);
        EXPECT_EQ(stored->last_error, "timeout " + std::to_string(attempt));
        EXPECT_EQ(stored->run_at, now + RetryDelay(id, attempt));
        EXPECT_FALSE(queue_->ClaimNext("w", minutes{5}, stored->run_at - microseconds{1}).has_value());
        now = stored->run_at;
    }
    EXPECT_EQ(queue_->Stats().failed, 1);
    auto last = queue_->ClaimNext("w", minutes{5}, now);
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->attempts, 3);
    ASSERT_TRUE(queue_->Fail(*last, "still broken", now).has_value());
    auto dead = queue_->Find(id);
    ASSERT_TRUE(dead.has_value());
    EXPECT_EQ(dead->status, JobStatus::kDead);
    EXPECT_EQ(dead->last_error, "still broken");
    EXPECT_EQ(dead->finished_at, now);
    EXPECT_FALSE(queue_->ClaimNext("w", minutes{5}, now + hours{1000}).has_value());
    EXPECT_EQ(queue_->Stats().dead, 1);
}

/// A worker that dies mid-job loses it when its lease expires; another worker takes it over.
TEST_P(JobQueueTest, ExpiredLeaseIsReclaimed) {
    const JobId id = queue_->Enqueue("k", "{}", kT0);
    auto crashed = queue_->ClaimNext("w1", seconds{30}, kT0);
    ASSERT_TRUE(crashed.has_value());
    EXPECT_FALSE(queue_->ClaimNext("w2", seconds{30}, kT0 + seconds{30}).has_value());
    auto reclaimed = queue_->ClaimNext("w2", seconds{30}, kT0 + seconds{31});
    ASSERT_TRUE(reclaimed.has_value());
    EXPECT_EQ(reclaimed->id, id);
    EXPECT_EQ(reclaimed->attempts, 2);
    EXPECT_EQ(reclaimed->locked_by, "w2");

    auto late = queue_->Complete(*crashed, kT0 + seconds{40});
    ASSERT_FALSE(late.has_value());
    EXPECT_EQ(late.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(late.error().message_key, "jobs.lease_lost");
    EXPECT_FALSE(queue_->Fail(*crashed, "late", kT0 + seconds{40}).has_value());
    EXPECT_TRUE(queue_->Complete(*reclaimed, kT0 + seconds{41}).has_value());
    EXPECT_EQ(queue_->Find(id)->status, JobStatus::kDone);
}

/// A lease that expires on the last allowed attempt makes the job dead, not claimed again.
TEST_P(JobQueueTest, ExpiredLeaseOnLastAttemptIsDead) {
    const JobId id = queue_->Enqueue("k", "{}", kT0, {.max_attempts = 1});
    ASSERT_TRUE(queue_->ClaimNext("w1", seconds{30}, kT0).has_value());
    EXPECT_FALSE(queue_->ClaimNext("w2", seconds{30}, kT0 + minutes{1}).has_value());
    auto dead = queue_->Find(id);
    ASSERT_TRUE(dead.has_value());
    EXPECT_EQ(dead->status, JobStatus::kDead);
    EXPECT_NE(dead->last_error.find("lease expired"), std::string::npos);
}

/// Find of an unknown id is kNotFound.
TEST_P(JobQueueTest, FindUnknown) {
    auto missing = queue_->Find(JobId{987654});
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

/// A job enqueued before a restart (all connections closed) is still claimable after it.
TEST_P(JobQueueTest, SurvivesReopen) {
    const JobId id = queue_->Enqueue("k", "{}", kT0);
    CloseDatabase();
    OpenDatabase();
    auto job = queue_->ClaimNext("w", minutes{5}, kT0);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->id, id);
}

/// The retry delay doubles from 10 s, is capped at 1 h, and its jitter is reproducible.
TEST(RetryDelayTest, DoublesCapsAndJittersDeterministically) {
    const struct {
        int attempts;
        microseconds nominal;
    } cases[] = {
        {1, seconds{10}},   {2, seconds{20}}, {3, seconds{40}}, {8, seconds{1280}},
        {9, seconds{2560}}, {10, hours{1}},   {50, hours{1}},
    };
    for (const auto& c : cases) {
        for (std::int64_t id = 1; id <= 50; ++id) {
            const microseconds delay = RetryDelay(JobId{id}, c.attempts);
            EXPECT_LE(delay, c.nominal) << c.attempts;
            EXPECT_GE(delay, c.nominal * 9 / 10) << c.attempts;
            EXPECT_EQ(delay, RetryDelay(JobId{id}, c.attempts));
        }
    }
    EXPECT_NE(RetryDelay(JobId{1}, 1), RetryDelay(JobId{2}, 1));
}

}  // namespace
}  // namespace oqu::platform::jobs
