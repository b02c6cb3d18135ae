#include "platform/db/database.hpp"

#include <atomic>
#include <cstdlib>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "platform/db/tests/backends.hpp"

namespace oqu::platform::db::testing {
namespace {

using namespace std::chrono_literals;

std::string Kazakh() {
    return "Әбілқасым ұлы";
}

Blob MebibyteWithZeros() {
    Blob b;
    b.bytes.resize(1 << 20);
    for (std::size_t i = 0; i < b.bytes.size(); ++i) {
        b.bytes[i] = static_cast<char>(i % 251);  // Every 251st byte is zero.
    }
    return b;
}

std::int64_t CountRows(Database& db, const std::string& table) {
    return db.Read([&](Session& s) { return s.Query("SELECT COUNT(*) FROM " + table)[0].Int(0); });
}

/// Pool size under which a second concurrent Read has to wait: one PostgreSQL connection, one
/// SQLite reader (plus the writer), or the single in-memory connection.
Options TightPool() {
    Options o;
    o.pool_size = 1;
    return o;
}

class DatabaseTest : public DbTest {};

TEST_P(DatabaseTest, PingsAndDescribesItself) {
    auto db = Open();
    EXPECT_TRUE(db->Ping());
    EXPECT_EQ(db->dialect(), IsPostgres() ? Dialect::kPostgres : Dialect::kSqlite);
    EXPECT_EQ(db->Describe(), RedactUrl(url_));
}

/// Each kind of value comes back as it went in, through a bare placeholder.
TEST_P(DatabaseTest, RoundTripsEveryValueKind) {
    auto db = Open();
    std::vector<Value> values = {std::monostate{},
                                 std::int64_t{0},
                                 std::numeric_limits<std::int64_t>::min(),
                                 std::numeric_limits<std::int64_t>::max(),
                                 -1.5,
                                 1e300,
                                 std::string(),
                                 Kazakh(),
                                 Blob{},
                                 Blob{std::string("a\0b", 3)},
                                 MebibyteWithZeros()};
    db->Read([&](Session& s) {
        for (const Value& v : values) {
            Rows rows = s.Query("SELECT ?", {v});
            ASSERT_EQ(rows.size(), 1u);
            EXPECT_TRUE(rows[0].at(0) == v) << "value kind " << v.index();
        }
    });
}

/// The same values stored in typed columns, read through the Row accessors.
TEST_P(DatabaseTest, StoresEveryValueKindInATable) {
    auto db = Open();
    Blob big = MebibyteWithZeros();
    db->Transact([&](Session& s) {
        s.ExecScript(fmt::format(
            "CREATE TABLE kinds (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, b {})",
            BlobType()));
        s.Exec("INSERT INTO kinds (id, i, r, t, b) VALUES (?, ?, ?, ?, ?)",
               {std::int64_t{1}, std::int64_t{-42}, 2.5, Kazakh(), big});
        s.Exec("INSERT INTO kinds (id, i, r, t, b) VALUES (?, ?, ?, ?, ?)",
               {std::int64_t{2}, std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}});
    });
    Rows rows = db->Read([](Session& s) { return s.Query("SELECT id, i, r, t, b FROM kinds ORDER BY id"); });
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows.columns, (std::vector<std::string>{"id", "i", "r", "t", "b"}));
    const Row& full = rows[0];
    EXPECT_EQ(full.Int(1), -42);
    EXPECT_EQ(full.OptInt(1), std::optional<std::int64_t>(-42));
    EXPECT_DOUBLE_EQ(full.Real(2), 2.5);
    EXPECT_DOUBLE_EQ(full.Real(1), -42.0);
    EXPECT_EQ(full.Text(3), Kazakh());
    EXPECT_EQ(full.Text(1), "-42");
    EXPECT_EQ(full.Bytes(4), big);
    const Row& empty = rows[1];
    for (std::size_t i = 1; i < empty.size(); ++i) {
        EXPECT_TRUE(empty.IsNull(i)) << "column " << i;
    }
    EXPECT_EQ(empty.OptInt(1), std::nullopt);
    EXPECT_EQ(empty.OptText(3), std::nullopt);
    EXPECT_THROW(empty.Int(1), DbError);
    EXPECT_THROW(empty.Text(3), DbError);
    EXPECT_THROW(full.Int(3), DbError);
    EXPECT_THROW(full.at(5), DbError);
}

TEST_P(DatabaseTest, ExecCountsChangedRows) {
    auto db = Open();
    std::int64_t changed = db->Transact([](Session& s) {
        s.ExecScript("CREATE TABLE item (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
        for (std::int64_t i = 1; i <= 3; ++i) {
            s.Exec("INSERT INTO item (id, n) VALUES (?, ?)", {i, i * 10});
        }
        return s.Exec("UPDATE item SET n = n + 1 WHERE n >= ?", {std::int64_t{20}});
    });
    EXPECT_EQ(changed, 2);
}

TEST_P(DatabaseTest, TransactCommitsAndReturnsTheValue) {
    auto db = Open();
    db->Transact(
        [](Session& s) { s.ExecScript("CREATE TABLE note (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"); });
    std::int64_t id = db->Transact([](Session& s) {
        return s.Query("INSERT INTO note (id, body) VALUES (?, ?) RETURNING id", {std::int64_t{7}, "kept"})[0]
            .Int(0);
    });
    EXPECT_EQ(id, 7);
    EXPECT_EQ(CountRows(*db, "note"), 1);
}

TEST_P(DatabaseTest, TransactRollsBackAndRethrowsOnException) {
    auto db = Open();
    db->Transact(
        [](Session& s) { s.ExecScript("CREATE TABLE note (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"); });
    EXPECT_THROW(db->Transact([](Session& s) {
        s.Exec("INSERT INTO note (id, body) VALUES (1, 'lost')");
        throw std::logic_error("use case failed");
    }),
                 std::logic_error);
    EXPECT_EQ(CountRows(*db, "note"), 0);
    EXPECT_EQ(db->Stats().retries, 0);
    EXPECT_EQ(db->Stats().in_use, 0);
}

TEST_P(DatabaseTest, ReadRefusesWrites) {
    auto db = Open();
    db->Transact([](Session& s) { s.ExecScript("CREATE TABLE note (id BIGINT PRIMARY KEY)"); });
    EXPECT_THROW(db->Read([](Session& s) { s.Exec("INSERT INTO note (id) VALUES (1)"); }), DbError);
    db->Transact([](Session& s) { s.Exec("INSERT INTO note (id) VALUES (1)"); });
    EXPECT_EQ(CountRows(*db, "note"), 1);
}

TEST_P(DatabaseTest, ConstraintFailuresCarryTheirSqlState) {
    auto db = Open();
    db->Transact([](Session& s) {
        s.ExecScript(
            "CREATE TABLE parent (id BIGINT PRIMARY KEY, code TEXT UNIQUE);"
            "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parent (id),"
            " n BIGINT CHECK (n > 0));"
            "INSERT INTO parent (id, code) VALUES (1, 'a')");
    });
    auto state_of = [&](const std::string& sql) -> std::string {
        try {
            db->Transact([&](Session& s) { s.Exec(sql); });
        } catch (const DbError& e) {
            EXPECT_FALSE(e.retryable()) << e.what();
            return e.sqlstate();
        }
        return "no error";
    };
    EXPECT_EQ(state_of("INSERT INTO parent (id, code) VALUES (1, 'b')"), "23505");
    EXPECT_EQ(state_of("INSERT INTO parent (id, code) VALUES (2, 'a')"), "23505");
    EXPECT_EQ(state_of("INSERT INTO child (id, parent_id, n) VALUES (1, 99, 1)"), "23503");
    EXPECT_EQ(state_of("INSERT INTO child (id, parent_id, n) VALUES (1, NULL, 1)"), "23502");
    EXPECT_EQ(state_of("INSERT INTO child (id, parent_id, n) VALUES (1, 1, 0)"), "23514");
    try {
        db->Transact([](Session& s) { s.Exec("INSERT INTO parent (id, code) VALUES (1, 'c')"); });
        FAIL() << "the duplicate was accepted";
    } catch (const DbError& e) {
        EXPECT_TRUE(e.IsUniqueViolation());
    }
    EXPECT_EQ(CountRows(*db, "child"), 0);
}

TEST_P(DatabaseTest, BadStatementsThrowAndTheConnectionStaysUsable) {
    auto db = Open();
    EXPECT_THROW(db->Read([](Session& s) { s.Query("SELEKT 1"); }), DbError);
    EXPECT_THROW(db->Read([](Session& s) { s.Query("SELECT ?", {}); }), DbError);
    EXPECT_THROW(db->Read([](Session& s) { s.Query("SELECT 1", {std::int64_t{1}}); }), DbError);
    EXPECT_TRUE(db->Ping());
    EXPECT_EQ(db->Read([](Session& s) { return s.Query("SELECT 1 + 1")[0].Int(0); }), 2);
}

TEST_P(DatabaseTest, StatementCacheReusesStatementsWithFreshBindings) {
    auto db = Open();
    db->Transact([](Session& s) {
        s.ExecScript("CREATE TABLE item (id BIGINT PRIMARY KEY, label TEXT)");
        for (std::int64_t i = 0; i < 50; ++i) {
            s.Exec("INSERT INTO item (id, label) VALUES (?, ?)",
                   {i, i % 2 == 0 ? Value{fmt::format("n{}", i)} : Value{std::monostate{}}});
        }
    });
    auto nulls = db->Read(
        [](Session& s) { return s.Query("SELECT COUNT(*) FROM item WHERE label IS NULL")[0].Int(0); });
    EXPECT_EQ(nulls, 25);
}

/// On PostgreSQL each statement is prepared once per connection and run by name afterwards; a
/// statement must still see the table as it is now after DDL changed its columns, take each
/// parameter type on its own, and keep working past the cache's size.
TEST_P(DatabaseTest, PreparedStatementsFollowSchemaChangesAndParameterTypes) {
    auto db = Open();
    db->Transact([](Session& s) {
        s.ExecScript("CREATE TABLE thing (id BIGINT PRIMARY KEY, label TEXT)");
        s.Exec("INSERT INTO thing (id, label) VALUES (?, ?)", {std::int64_t{1}, std::string("one")});
    });
    auto columns = [&] {
        return db->Read([](Session& s) { return s.Query("SELECT * FROM thing").columns.size(); });
    };
    EXPECT_EQ(columns(), 2U);
    EXPECT_EQ(columns(), 2U);
    db->Transact(
        [](Session& s) { s.ExecScript("ALTER TABLE thing ADD COLUMN extra BIGINT NOT NULL DEFAULT 7"); });
    EXPECT_EQ(columns(), 3U);
    EXPECT_EQ(db->Read([](Session& s) {
        return s.Query("SELECT extra FROM thing WHERE id = ?", {std::int64_t{1}})[0].Int(0);
    }),
              7);

    // One statement text, three parameter types: NULL (untyped), an integer, text.
    auto is_null = [&](const Value& v) {
        return db->Read([&](Session& s) { return s.Query("SELECT CAST(? AS TEXT) IS NULL", {v})[0].Int(0); });
    };
    EXPECT_EQ(is_null(std::monostate{}), 1);
    EXPECT_EQ(is_null(std::int64_t{5}), 0);
    EXPECT_EQ(is_null(std::string("x")), 0);

    // More distinct statements than a connection keeps prepared.
    std::int64_t sum = db->Read([](Session& s) {
        std::int64_t total = 0;
        for (int i = 0; i < 700; ++i) {
            total += s.Query(fmt::format("SELECT {} + ?", i), {std::int64_t{1}})[0].Int(0);
        }
        return total;
    });
    EXPECT_EQ(sum, 700 * 699 / 2 + 700);
    EXPECT_EQ(columns(), 3U);

    if (IsPostgres()) {
        // Statements that vanished from the server (DISCARD ALL, as a pooler may send) are
        // prepared again: the transaction is retried, the caller sees its answer.
        db->Read([](Session& s) { s.ExecScript("DEALLOCATE ALL"); });
        EXPECT_EQ(columns(), 3U);
        // A read that sets its transaction up with Exec gets one.
        EXPECT_EQ(db->Read([](Session& s) {
            s.Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            return s.Query("SHOW transaction_isolation")[0].Text(0);
        }),
                  "repeatable read");
        EXPECT_EQ(db->Read([](Session& s) { return s.Query("SHOW transaction_isolation")[0].Text(0); }),
                  "read committed");
    }
}

/// A read may set its transaction up after it has read something (PostgreSQL runs a read's plain
/// statements without BEGIN; ExecScript opens a real read-only transaction) and still refuses writes.
TEST_P(DatabaseTest, ReadsThatSetUpTheirTransactionStayReadOnly) {
    auto db = Open();
    db->Transact([](Session& s) { s.ExecScript("CREATE TABLE note (id BIGINT PRIMARY KEY)"); });
    const char* repeatable = IsPostgres() ? "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ" : "SELECT 1";
    EXPECT_EQ(db->Read([&](Session& s) {
        s.ExecScript(repeatable);
        return s.Query("SELECT COUNT(*) FROM note")[0].Int(0);
    }),
              0);
    EXPECT_THROW(db->Read([&](Session& s) {
        s.Query("SELECT COUNT(*) FROM note");
        s.ExecScript("SELECT 1");
        s.Exec("INSERT INTO note (id) VALUES (1)");
    }),
                 DbError);
    EXPECT_EQ(CountRows(*db, "note"), 0);
    EXPECT_TRUE(db->Ping());
}

TEST_P(DatabaseTest, StatsCountBorrowedConnectionsAndWaits) {
    auto db = Open(TightPool());
    PoolStats idle = db->Stats();
    EXPECT_GE(idle.size, 1);
    EXPECT_EQ(idle.in_use, 0);
    EXPECT_EQ(idle.max_size, GetParam() == Backend::kSqliteFile ? 2 : 1);
    db->Transact([&](Session&) { EXPECT_EQ(db->Stats().in_use, 1); });

    std::atomic<bool> holding{false};
    TestThread holder([&] {
        db->Read([&](Session& s) {
            s.Query("SELECT 1");
            holding = true;
            EXPECT_TRUE(WaitUntil([&] { return db->Stats().waits >= 1; }));
        });
    });
    ASSERT_TRUE(WaitUntil([&] { return holding.load(); }));
    EXPECT_EQ(db->Read([](Session& s) { return s.Query("SELECT 5")[0].Int(0); }), 5);
    holder.Join();
    EXPECT_GE(db->Stats().waits, 1);
    EXPECT_EQ(db->Stats().in_use, 0);
}

TEST_P(DatabaseTest, BorrowingTimesOutWhenThePoolStaysBusy) {
    Options options = TightPool();
    options.acquire_timeout = 50ms;
    auto db = Open(options);
    std::atomic<bool> holding{false};
    std::atomic<bool> gave_up{false};
    TestThread holder([&] {
        db->Read([&](Session&) {
            holding = true;
            EXPECT_TRUE(WaitUntil([&] { return gave_up.load(); }));
        });
    });
    ASSERT_TRUE(WaitUntil([&] { return holding.load(); }));
    try {
        db->Read([](Session& s) { s.Query("SELECT 1"); });
        ADD_FAILURE() << "the second borrower did not time out";
    } catch (const DbError& e) {
        EXPECT_NE(std::string(e.what()).find("timed out"), std::string::npos) << e.what();
    }
    gave_up = true;
    holder.Join();
    EXPECT_TRUE(db->Ping());
}

/// Two handles on one database write concurrently; on SQLite the second writer first finds the
/// database locked (busy_timeout of 1 ms) and is retried, and no increment is lost.
TEST_P(DatabaseTest, ConcurrentWritersLoseNoIncrement) {
    if (!Shared()) {
        GTEST_SKIP() << "needs two handles on one database";
    }
    Options options;
    if (!IsPostgres()) {
        // PostgreSQL takes busy_timeout as lock_timeout; there the writers queue on the row lock.
        options.busy_timeout = 1ms;
    }
    options.max_retries = 1000;
    auto first = Open(options);
    auto second = Open(options);
    first->Transact([](Session& s) {
        s.ExecScript("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
        s.Exec("INSERT INTO counter (id, n) VALUES (1, 0)");
    });
    constexpr int kPerThread = 100;
    // SQLite: hold the first write transaction until the second writer has been refused once.
    bool hold = !IsPostgres();
    std::atomic<bool> writing{false};
    TestThread a([&] {
        for (int i = 0; i < kPerThread; ++i) {
            first->Transact([&](Session& s) {
                s.Exec("UPDATE counter SET n = n + 1 WHERE id = 1");
                if (i == 0 && hold) {
                    writing = true;
                    EXPECT_TRUE(WaitUntil([&] { return second->Stats().retries > 0; }));
                }
            });
        }
    });
    TestThread b([&] {
        if (hold) {
            EXPECT_TRUE(WaitUntil([&] { return writing.load(); }));
        }
        for (int i = 0; i < kPerThread; ++i) {
            second->Transact([](Session& s) { s.Exec("UPDATE counter SET n = n + 1 WHERE id = 1"); });
        }
    });
    a.Join();
    b.Join();
    EXPECT_EQ(first->Read([](Session& s) { return s.Query("SELECT n FROM counter WHERE id = 1")[0].Int(0); }),
              2 * kPerThread);
    if (hold) {
        EXPECT_GT(first->Stats().retries + second->Stats().retries, 0);
    }
}

/// Many writers on one handle at once (on a SQLite file their transactions commit in groups, one
/// fsync each): every transaction is all or nothing on its own. One that throws, or breaks a
/// constraint, is rolled back alone and its caller alone gets the error; every other one commits
/// and its caller returns only then.
TEST_P(DatabaseTest, ConcurrentTransactionsSucceedOrFailEachOnItsOwn) {
    auto db = Open();
    db->Transact([](Session& s) {
        s.ExecScript("CREATE TABLE ledger (id BIGINT PRIMARY KEY, part BIGINT NOT NULL)");
    });
    constexpr int kThreads = 8;
    constexpr int kEach = 60;
    std::atomic<int> committed{0};
    std::atomic<int> refused{0};
    std::vector<std::unique_ptr<TestThread>> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.push_back(std::make_unique<TestThread>([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const std::int64_t id = static_cast<std::int64_t>(t) * 1000 + i;
                try {
                    db->Transact([&](Session& s) {
                        s.Exec("INSERT INTO ledger (id, part) VALUES (?, 1)", {id});
                        s.Exec("INSERT INTO ledger (id, part) VALUES (?, 2)", {-id - 1});
                        if (i % 5 == 1) throw std::runtime_error("refused after writing");
                        if (i % 7 == 3) {  // The same id again: a unique violation.
                            s.Exec("INSERT INTO ledger (id, part) VALUES (?, 3)", {id});
                        }
                    });
                    ++committed;
                    // Acknowledged means visible to every later reader.
                    EXPECT_EQ(db->Read([&](Session& s) {
                        return s.Query("SELECT COUNT(*) FROM ledger WHERE id = ? OR id = ?", {id, -id - 1})[0]
                            .Int(0);
                    }),
                              2);
                } catch (const DbError& e) {
                    EXPECT_EQ(i % 7, 3) << e.what();
                    EXPECT_TRUE(e.IsUniqueViolation()) << e.what();
                    ++refused;
                } catch (const std::runtime_error& e) {
                    EXPECT_EQ(i % 5, 1) << e.what();
                    ++refused;
                }
            }
        }));
    }
    for (auto& thread : threads) thread->Join();
    int expected = 0;
    for (int i = 0; i < kEach; ++i) {
        if (i % 5 != 1 && i % 7 != 3) ++expected;
    }
    EXPECT_EQ(committed.load(), kThreads * expected);
    EXPECT_EQ(refused.load(), kThreads * (kEach - expected));
    EXPECT_EQ(CountRows(*db, "ledger"), 2 * kThreads * expected);
    EXPECT_EQ(
        db->Read([](Session& s) { return s.Query("SELECT COUNT(*) FROM ledger WHERE part = 3")[0].Int(0); }),
        0);
}

TEST_P(DatabaseTest, RetriesAreBoundedAndTheBusyErrorSurfaces) {
    if (IsPostgres() || !Shared()) {
        GTEST_SKIP() << "SQLite file only: needs a second writer on the same file";
    }
    Options options;
    options.busy_timeout = 1ms;
    options.max_retries = 2;
    auto first = Open(options);
    auto second = Open(options);
    first->Transact([](Session& s) { s.ExecScript("CREATE TABLE t (id BIGINT PRIMARY KEY)"); });
    first->Transact([&](Session& s) {
        s.Exec("INSERT INTO t (id) VALUES (1)");
        try {
            second->Transact([](Session& o) { o.Exec("INSERT INTO t (id) VALUES (2)"); });
            ADD_FAILURE() << "the second writer got in";
        } catch (const DbError& e) {
            EXPECT_TRUE(e.retryable()) << e.what();
        }
    });
    EXPECT_EQ(second->Stats().retries, 2);
    EXPECT_EQ(CountRows(*second, "t"), 1);
}

/// PostgreSQL: a REPEATABLE READ transaction that loses a race fails with 40001 and runs again.
TEST_P(DatabaseTest, PostgresSerializationFailureIsRetried) {
    if (!IsPostgres()) {
        GTEST_SKIP() << "PostgreSQL only";
    }
    auto db = Open();
    auto other = Open();
    db->Transact([](Session& s) {
        s.ExecScript("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
        s.Exec("INSERT INTO counter (id, n) VALUES (1, 0)");
    });
    int attempts = 0;
    db->Transact([&](Session& s) {
        ++attempts;
        s.Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        s.Query("SELECT n FROM counter WHERE id = 1");  // Takes the snapshot.
        if (attempts == 1) {
            other->Transact([](Session& o) { o.Exec("UPDATE counter SET n = n + 10 WHERE id = 1"); });
        }
        s.Exec("UPDATE counter SET n = n + 1 WHERE id = 1");
    });
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(db->Stats().retries, 1);
    EXPECT_EQ(db->Read([](Session& s) { return s.Query("SELECT n FROM counter")[0].Int(0); }), 11);
}

/// PostgreSQL: a statement error swallowed inside the transaction aborts it, and COMMIT says so
/// instead of pretending the earlier writes were kept.
TEST_P(DatabaseTest, PostgresReportsACommitThatRolledBack) {
    if (!IsPostgres()) {
        GTEST_SKIP() << "PostgreSQL only";
    }
    auto db = Open();
    db->Transact([](Session& s) { s.ExecScript("CREATE TABLE note (id BIGINT PRIMARY KEY)"); });
    EXPECT_THROW(db->Transact([](Session& s) {
        s.Exec("INSERT INTO note (id) VALUES (1)");
        EXPECT_THROW(s.Exec("INSERT INTO note (id) VALUES (1)"), DbError);
    }),
                 DbError);
    EXPECT_EQ(CountRows(*db, "note"), 0);
}

/// PostgreSQL: after the server restarts, the stale pooled connections are replaced, the
/// transaction that found its connection dead runs again, and Ping succeeds.
TEST_P(DatabaseTest, PostgresReconnectsAfterServerRestart) {
    const char* restart = std::getenv("OQU_TEST_PG_RESTART_CMD");
    if (!IsPostgres() || restart == nullptr || *restart == '\0') {
        GTEST_SKIP() << "PostgreSQL only, with OQU_TEST_PG_RESTART_CMD set";
    }
    // The command may be relative to the source root (scripts/pg-cluster restart DIR).
    const char* resources = std::getenv("OQU_RESOURCE_DIR");
    std::string cd = resources != nullptr ? fmt::format("cd '{}/..' && ", resources) : "";
    auto restart_server = [&] { ASSERT_EQ(std::system((cd + restart + " >/dev/null").c_str()), 0); };

    auto db = Open();
    db->Transact([](Session& s) {
        s.ExecScript("CREATE TABLE note (id BIGINT PRIMARY KEY)");
        s.Exec("INSERT INTO note (id) VALUES (1)");
    });
    restart_server();
    db->Transact([](Session& s) { s.Exec("INSERT INTO note (id) VALUES (2)"); });
    EXPECT_GE(db->Stats().retries, 1);
    EXPECT_GE(db->Stats().reconnects, 1);
    EXPECT_EQ(CountRows(*db, "note"), 2);

    restart_server();
    EXPECT_TRUE(db->Ping());
    EXPECT_GE(db->Stats().reconnects, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace oqu::platform::db::testing
