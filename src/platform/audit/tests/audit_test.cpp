#include "platform/audit/audit.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/tests/backends.hpp"

namespace oqu::platform::audit {
namespace {

using db::testing::Backend;
using db::testing::DbTest;
using db::testing::TestThread;

const std::string kGenesis(64, '0');

/// 2026-05-28T...Z, a fixed instant so tests never read the clock.
const core::Instant kT0 = core::FromMicros(1'780'000'000'000'000);

/// An act of the administrator; `n` makes each one different.
AuditEntry MakeEntry(int n, const std::string& action = "identity.grant_role") {
    return {.at = kT0 + std::chrono::seconds(n),
            .actor_user_id = 1,
            .actor_login = "admin",
            .action = action,
            .object_type = "user",
            .object_id = std::to_string(100 + n),
            .detail_json = fmt::format(R"({{"role":"teacher","n":{}}})", n),
            .address = "10.0.0.5"};
}

class AuditTest : public DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) {
            return;
        }
        db_ = OpenMigrated();
    }

    void TearDown() override {
        db_.reset();
        DbTest::TearDown();
    }

    /// A handle on this test's database with the audit migrations applied.
    std::unique_ptr<db::Database> OpenMigrated() {
        const char* resources = std::getenv("OQU_RESOURCE_DIR");
        if (resources == nullptr) {
            ADD_FAILURE() << "OQU_RESOURCE_DIR must name the src folder";
            return nullptr;
        }
        auto db = Open();
        db::Migrate(*db,
                    db::LoadMigrations("audit", std::filesystem::path(resources) / "platform/audit/schema",
                                       db->dialect()));
        return db;
    }

    /// Appends records 1..n, each in its own transaction.
    void Append(int n) {
        for (int i = 1; i <= n; ++i) {
            db_->Transact([&](db::Session& s) { RecordAudit(s, MakeEntry(i)); });
        }
    }

    /// Runs `sql` as a database administrator would: with the append-only triggers dropped.
    void Tamper(const std::string& sql) {
        const char* on = IsPostgres() ? " ON audit_log" : "";
        db_->Transact([&](db::Session& s) {
            s.ExecScript(
                fmt::format("DROP TRIGGER audit_log_no_update{0}; DROP TRIGGER audit_log_no_delete{0}", on));
            s.ExecScript(sql);
        });
    }

    std::int64_t CountRows(const char* table) {
        return db_->Read(
            [&](db::Session& s) { return s.Query(fmt::format("SELECT count(*) FROM {}", table))[0].Int(0); });
    }

    std::unique_ptr<db::Database> db_;
};

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         db::testing::BackendName);

/// The chain hash is a forever format: a known record hashes to a known value.
TEST_P(AuditTest, HashFormatIsStable) {  // R-A3
    const AuditEntry entry{.at = kT0,
                           .actor_user_id = 42,
                           .actor_login = "admin",
                           .action = "identity.grant_role",
                           .object_type = "user",
                           .object_id = "17",
                           .detail_json = R"({"role":"teacher"})",
                           .address = "10.0.0.5"};
    // sha256("000...0\n1:1\n16:1780000000000000\n2:42\n5:admin\n19:identity.grant_role\n4:user\n"
    //        "2:17\n18:{\"role\":\"teacher\"}\n8:10.0.0.5\n"), computed independently.
    const std::string expected = "f385b539dededcad7f1b479680bd53f5a2a9d7d2b7212c9957821cdcf46625ee";
    EXPECT_EQ(AuditRecordHash(kGenesis, 1, entry), expected);
    db_->Transact([&](db::Session& s) { RecordAudit(s, entry); });
    const auto stored = db_->Read(
        [](db::Session& s) { return s.Query("SELECT prev_hash, hash FROM audit_log WHERE seq = 1")[0]; });
    EXPECT_EQ(stored.Text(0), kGenesis);
    EXPECT_EQ(stored.Text(1), expected);
    // Every field is covered: changing any one changes the hash.
    std::set<std::string> hashes{expected};
    auto changed = [&](auto edit) {
        AuditEntry copy = entry;
        edit(copy);
        return AuditRecordHash(kGenesis, 1, copy);
    };
    hashes.insert(AuditRecordHash(kGenesis, 2, entry));
    hashes.insert(AuditRecordHash(std::string(63, '0') + "1", 1, entry));
    hashes.insert(changed([](AuditEntry& e) { e.at += std::chrono::microseconds(1); }));
    hashes.insert(changed([](AuditEntry& e) { e.actor_user_id = 43; }));
    hashes.insert(changed([](AuditEntry& e) { e.actor_login = "admin2"; }));
    hashes.insert(changed([](AuditEntry& e) { e.action = "identity.revoke_role"; }));
    hashes.insert(changed([](AuditEntry& e) { e.object_type = "programme"; }));
    hashes.insert(changed([](AuditEntry& e) { e.object_id = "18"; }));
    hashes.insert(changed([](AuditEntry& e) { e.detail_json = R"({"role":"admin"})"; }));
    hashes.insert(changed([](AuditEntry& e) { e.address = "10.0.0.6"; }));
    // Moving bytes from one field to the next is not the same record (length prefixes).
    hashes.insert(changed([](AuditEntry& e) {
        e.object_type = "user1";
        e.object_id = "7";
    }));
    EXPECT_EQ(hashes.size(), 12U);
}

/// An empty log and a chain of records appended one by one both verify.
TEST_P(AuditTest, ChainVerifies) {  // R-A3
    AuditVerification empty = VerifyAuditChain(*db_);
    EXPECT_TRUE(empty.ok) << empty.problem;
    EXPECT_EQ(empty.records, 0);
    EXPECT_EQ(empty.last_hash, kGenesis);

    Append(25);
    // Several acts in one transaction chain too.
    db_->Transact([](db::Session& s) {
        RecordAudit(s, MakeEntry(26));
        RecordAudit(s, MakeEntry(27));
    });
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.records, 27);
    EXPECT_FALSE(result.first_bad_seq.has_value());
    EXPECT_EQ(result.problem, "");
    const auto head =
        db_->Read([](db::Session& s) { return s.Query("SELECT seq, hash FROM audit_head")[0]; });
    EXPECT_EQ(head.Int(0), 27);
    EXPECT_EQ(result.last_hash, head.Text(1));
    EXPECT_NE(result.last_hash, kGenesis);
}

/// More records than one verification page still verify, and a problem past the first page is found.
TEST_P(AuditTest, VerifiesAcrossPages) {  // R-A3
    db_->Transact([](db::Session& s) {
        for (int i = 1; i <= 1005; ++i) {
            RecordAudit(s, MakeEntry(i));
        }
    });
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.records, 1005);
    Tamper("UPDATE audit_log SET actor_login = 'someone' WHERE seq = 1003");
    const AuditVerification edited = VerifyAuditChain(*db_);
    EXPECT_FALSE(edited.ok);
    EXPECT_EQ(edited.first_bad_seq, 1003);
    EXPECT_EQ(edited.records, 1002);
}

/// An act rolled back with its transaction leaves no record and no gap.
TEST_P(AuditTest, RolledBackActLeavesNoTrace) {  // R-A3
    Append(3);
    EXPECT_THROW(db_->Transact([](db::Session& s) {
        RecordAudit(s, MakeEntry(4));
        throw std::runtime_error("the act itself failed");
    }),
                 std::runtime_error);
    db_->Transact([](db::Session& s) { RecordAudit(s, MakeEntry(5)); });
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.records, 4);
    const auto records = ListAudit(*db_, 1);
    ASSERT_EQ(records.size(), 1U);
    EXPECT_EQ(records[0].seq, 4);
    EXPECT_EQ(records[0].entry.object_id, "105");
}

/// Without dropping the triggers, records can be neither changed nor removed.
TEST_P(AuditTest, LogIsAppendOnly) {  // R-A3
    Append(3);
    auto run = [&](const char* sql) { db_->Transact([&](db::Session& s) { s.Exec(sql); }); };
    EXPECT_THROW(run("UPDATE audit_log SET detail = '{}' WHERE seq = 2"), db::DbError);
    EXPECT_THROW(run("DELETE FROM audit_log WHERE seq = 3"), db::DbError);
    EXPECT_THROW(run("DELETE FROM audit_log"), db::DbError);
    EXPECT_THROW(run("DELETE FROM audit_head"), db::DbError);
    EXPECT_THROW(run("UPDATE audit_head SET seq = 2"), db::DbError);
    if (IsPostgres()) {
        EXPECT_THROW(run("TRUNCATE audit_log"), db::DbError);
    }
    EXPECT_EQ(CountRows("audit_log"), 3);
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.records, 3);
}

/// `oqu audit verify` finds an edited record and names it.
TEST_P(AuditTest, EditedRecordIsDetected) {  // R-A3
    Append(10);
    Tamper(R"(UPDATE audit_log SET detail = '{"role":"admin","n":7}' WHERE seq = 7)");
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 7);
    EXPECT_EQ(result.problem, "record 7 was edited (hash mismatch)");
    EXPECT_EQ(result.records, 6);
}

/// Editing a record's stored hash along with it is found too.
TEST_P(AuditTest, EditedHashIsDetected) {  // R-A3
    Append(5);
    Tamper("UPDATE audit_log SET hash = prev_hash WHERE seq = 2");
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 2);
    EXPECT_EQ(result.problem, "record 2 was edited (hash mismatch)");
}

/// A record edited and re-hashed by someone who knows the format breaks the next record's link.
TEST_P(AuditTest, RehashedRecordBreaksTheLink) {  // R-A3
    Append(6);
    AuditEntry forged = MakeEntry(3);
    forged.detail_json = R"({"role":"admin"})";
    const std::string prev = db_->Read(
        [](db::Session& s) { return s.Query("SELECT prev_hash FROM audit_log WHERE seq = 3")[0].Text(0); });
    Tamper(fmt::format("UPDATE audit_log SET detail = '{}', hash = '{}' WHERE seq = 3", forged.detail_json,
                       AuditRecordHash(prev, 3, forged)));
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 4);
    EXPECT_EQ(result.problem, "record 4 does not link to record 3 (broken link)");
}

/// A record deleted from the middle leaves a gap in the sequence.
TEST_P(AuditTest, DeletedRecordIsDetected) {  // R-A3
    Append(10);
    Tamper("DELETE FROM audit_log WHERE seq = 5");
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 5);
    EXPECT_EQ(result.problem, "record 5 is missing (deleted)");
    EXPECT_EQ(result.records, 4);
}

/// The first record deleted is found as well.
TEST_P(AuditTest, DeletedFirstRecordIsDetected) {  // R-A3
    Append(3);
    Tamper("DELETE FROM audit_log WHERE seq = 1");
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 1);
    EXPECT_EQ(result.problem, "record 1 is missing (deleted)");
}

/// Deleting the newest records leaves no gap, but the chain head still counts them.
TEST_P(AuditTest, DeletedLastRecordIsDetected) {  // R-A3
    Append(10);
    Tamper("DELETE FROM audit_log WHERE seq >= 9");
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 9);
    EXPECT_NE(result.problem.find("record 9 is missing (truncated tail"), std::string::npos)
        << result.problem;
    EXPECT_EQ(result.records, 8);
}

/// Deleting every record is a truncated tail too.
TEST_P(AuditTest, DeletedEveryRecordIsDetected) {  // R-A3
    Append(4);
    Tamper("DELETE FROM audit_log");
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 1);
    EXPECT_EQ(result.records, 0);
}

/// A record slipped in after the head, or an edited head hash, is found.
TEST_P(AuditTest, HeadMismatchIsDetected) {  // R-A3
    Append(3);
    const std::string last = VerifyAuditChain(*db_).last_hash;
    const AuditEntry extra = MakeEntry(4);
    Tamper(fmt::format(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_login, action, object_type, object_id, detail, "
        "address, prev_hash, hash) VALUES (4, {}, 1, 'admin', '{}', 'user', '{}', '{}', '10.0.0.5', '{}', "
        "'{}')",
        core::ToMicros(extra.at), extra.action, extra.object_id, extra.detail_json, last,
        AuditRecordHash(last, 4, extra)));
    const AuditVerification appended = VerifyAuditChain(*db_);
    EXPECT_FALSE(appended.ok);
    EXPECT_EQ(appended.first_bad_seq, 4);
    EXPECT_EQ(appended.problem, "record 4 is not counted by the chain head (appended outside the chain)");
}

/// A chain head whose hash was changed no longer matches the last record.
TEST_P(AuditTest, EditedHeadIsDetected) {  // R-A3
    Append(3);
    db_->Transact([](db::Session& s) { s.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {kGenesis}); });
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_seq, 3);
    EXPECT_EQ(result.problem, "the chain head's hash does not match record 3 (head edited)");
}

/// Rows made by hand outside RecordAudit are found: a record numbered below 1, a deleted head.
TEST_P(AuditTest, HandMadeRowsAreDetected) {  // R-A3
    Append(2);
    Tamper(fmt::format(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_login, action, object_type, object_id, detail, "
        "address, prev_hash, hash) VALUES (0, 0, 0, 'x', 'x', 'x', 'x', '{{}}', '', '{0}', '{0}')",
        kGenesis));
    const AuditVerification zero = VerifyAuditChain(*db_);
    EXPECT_FALSE(zero.ok);
    EXPECT_EQ(zero.first_bad_seq, 0);
    EXPECT_EQ(zero.problem, "record 0 is out of sequence (inserted outside the chain)");

    db_->Transact([&](db::Session& s) {
        s.ExecScript(IsPostgres() ? "DROP TRIGGER audit_head_no_delete ON audit_head"
                                  : "DROP TRIGGER audit_head_no_delete");
        s.Exec("DELETE FROM audit_head");
    });
    const AuditVerification headless = VerifyAuditChain(*db_);
    EXPECT_FALSE(headless.ok);
    EXPECT_FALSE(headless.first_bad_seq.has_value());
    EXPECT_EQ(headless.problem, "the chain head (audit_head) is missing");
    // Appending refuses to start a new chain without its head.
    EXPECT_THROW(db_->Transact([](db::Session& s) { RecordAudit(s, MakeEntry(3)); }), db::DbError);
}

/// Many appenders at once, each with its own connections, still build one unbroken chain: the
/// head row serialises them, so no two records share a predecessor.
TEST_P(AuditTest, ConcurrentAppendersNeverFork) {  // R-A3
    if (!Shared()) {
        GTEST_SKIP() << "a private in-memory database has one connection";
    }
    constexpr int kThreads = 4;
    constexpr int kEach = 50;
    std::vector<std::unique_ptr<db::Database>> handles;
    handles.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        handles.push_back(Open());
    }
    {
        std::vector<std::unique_ptr<TestThread>> threads;
        threads.reserve(kThreads);
        for (int t = 0; t < kThreads; ++t) {
            threads.push_back(std::make_unique<TestThread>([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    handles[t]->Transact([&](db::Session& s) {
                        RecordAudit(s, MakeEntry(i, fmt::format("thread{}.act", t)));
                    });
                }
            }));
        }
        for (auto& thread : threads) {
            thread->Join();
        }
    }
    const AuditVerification result = VerifyAuditChain(*db_);
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.records, kThreads * kEach);
    for (int t = 0; t < kThreads; ++t) {
        EXPECT_EQ(ListAudit(*db_, 1000, 0, fmt::format("thread{}.", t)).size(),
                  static_cast<std::size_t>(kEach));
    }
}

/// The audit page lists records newest first, a page before a seq, or those of one action prefix.
TEST_P(AuditTest, ListAuditFilters) {
    Append(3);
    db_->Transact([](db::Session& s) {
        RecordAudit(s, MakeEntry(4, "identity.reset_password"));
        RecordAudit(s, MakeEntry(5, "programmes.add_discipline"));
        RecordAudit(s, MakeEntry(6, "identityXgrant_role"));
    });
    const auto all = ListAudit(*db_, 100);
    ASSERT_EQ(all.size(), 6U);
    EXPECT_EQ(all[0].seq, 6);
    EXPECT_EQ(all[5].seq, 1);
    const AuditEntry expected = MakeEntry(1);
    EXPECT_EQ(all[5].entry.at, expected.at);
    EXPECT_EQ(all[5].entry.actor_user_id, 1);
    EXPECT_EQ(all[5].entry.actor_login, "admin");
    EXPECT_EQ(all[5].entry.action, "identity.grant_role");
    EXPECT_EQ(all[5].entry.object_type, "user");
    EXPECT_EQ(all[5].entry.object_id, "101");
    EXPECT_EQ(all[5].entry.detail_json, expected.detail_json);
    EXPECT_EQ(all[5].entry.address, "10.0.0.5");

    const auto page = ListAudit(*db_, 2, 5);
    ASSERT_EQ(page.size(), 2U);
    EXPECT_EQ(page[0].seq, 4);
    EXPECT_EQ(page[1].seq, 3);

    // "_" in the prefix is a literal, not a wildcard.
    const auto identity = ListAudit(*db_, 100, 0, "identity.");
    ASSERT_EQ(identity.size(), 4U);
    EXPECT_EQ(identity[0].seq, 4);
    EXPECT_EQ(ListAudit(*db_, 100, 0, "identity.reset_").size(), 1U);
    EXPECT_EQ(ListAudit(*db_, 100, 0, "identity_").size(), 0U);
    EXPECT_EQ(ListAudit(*db_, 100, 4, "identity.").size(), 3U);
    EXPECT_TRUE(ListAudit(*db_, 0).empty());
}

/// Footprint events are stored with who, what, which object and when (logins and failed logins).
TEST_P(AuditTest, FootprintEventsAreRecorded) {  // R-D6, R-O19
    db_->Transact([](db::Session& s) {
        RecordFootprint(s, {.at = kT0,
                            .user_id = 7,
                            .action = "identity.login",
                            .object_type = "user",
                            .object_id = "7",
                            .address = "10.0.0.9"});
        RecordFootprint(s, {.at = kT0 + std::chrono::seconds(3),
                            .user_id = 0,
                            .action = "identity.login_failed",
                            .object_type = "user",
                            .object_id = "",
                            .detail_json = R"({"login":"nobody"})",
                            .address = "10.0.0.10"});
    });
    // An event recorded in a transaction that fails is not stored.
    EXPECT_THROW(db_->Transact([](db::Session& s) {
        RecordFootprint(s, {.at = kT0, .user_id = 8, .action = "identity.login"});
        throw std::runtime_error("rolled back");
    }),
                 std::runtime_error);
    const auto rows = db_->Read([](db::Session& s) {
        return s.Query(
            "SELECT id, at, user_id, action, object_type, object_id, detail, address FROM audit_footprint "
            "ORDER BY id");
    });
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_LT(rows[0].Int(0), rows[1].Int(0));
    EXPECT_EQ(rows[0].Int(1), core::ToMicros(kT0));
    EXPECT_EQ(rows[0].Int(2), 7);
    EXPECT_EQ(rows[0].Text(3), "identity.login");
    EXPECT_EQ(rows[0].Text(4), "user");
    EXPECT_EQ(rows[0].Text(5), "7");
    EXPECT_EQ(rows[0].Text(6), "{}");
    EXPECT_EQ(rows[0].Text(7), "10.0.0.9");
    EXPECT_EQ(rows[1].Int(1), core::ToMicros(kT0) + 3'000'000);
    EXPECT_EQ(rows[1].Int(2), 0);
    EXPECT_EQ(rows[1].Text(3), "identity.login_failed");
    EXPECT_EQ(rows[1].Text(6), R"({"login":"nobody"})");
    // Footprint events are not part of the audit chain.
    EXPECT_EQ(CountRows("audit_log"), 0);
}

}  // namespace
}  // namespace oqu::platform::audit
