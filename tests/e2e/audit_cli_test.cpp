#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"
#include "tests/e2e/e2e_env.hpp"
#include "tests/support/child_process.hpp"

namespace oqu {
namespace {

using platform::db::Database;
using platform::db::Session;
using testing::RunCommand;

class AuditCliTest : public testing::TempDirTest {
protected:
    void TearDown() override {
        if (pg_admin_) {
            pg_admin_->Transact([&](Session& s) { s.ExecScript("DROP SCHEMA " + pg_schema_ + " CASCADE"); });
        }
        TempDirTest::TearDown();
    }

    /// A fresh schema in the PostgreSQL test database, or "" when OQU_TEST_PG_URL is not set.
    std::string PostgresUrl() {
        const char* base = std::getenv("OQU_TEST_PG_URL");
        if (base == nullptr || *base == '\0') {
            return {};
        }
        pg_schema_ = fmt::format("oqu_e2e_audit_{}_{:x}", getpid(), std::random_device{}() & 0xffffU);
        pg_admin_ = Database::Open(base);
        pg_admin_->Transact([&](Session& s) { s.ExecScript("CREATE SCHEMA " + pg_schema_); });
        const std::string url = base;
        return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" +
               pg_schema_;
    }

    /// Runs `oqu audit verify` on `url`, with extra flags.
    testing::RunResult Verify(const std::string& url, const char* flag = nullptr) {
        std::vector<std::string> argv{OQU_BINARY, "audit", "verify", "--db", url};
        if (flag != nullptr) {
            argv.emplace_back(flag);
        }
        return RunCommand(argv, Env());
    }

    /// Migrates a database with `oqu migrate`, records five administrative acts through
    /// platform/audit, then edits and deletes records as an administrator with full rights would,
    /// checking what `oqu audit verify` says at each step.
    void DetectsEditAndDelete(const std::string& url) {
        auto migrate = RunCommand({OQU_BINARY, "migrate", "--db", url}, Env());
        ASSERT_EQ(migrate.code, 0) << migrate.err;
        EXPECT_NE(migrate.out.find("migrated audit/0001_create_audit"), std::string::npos) << migrate.out;
        auto db = Database::Open(url);
        const bool pg = db->dialect() == platform::db::Dialect::kPostgres;
        for (int i = 1; i <= 5; ++i) {
            db->Transact([&](Session& s) {
                platform::audit::RecordAudit(s, {.at = core::FromMicros(1'780'000'000'000'000 + i),
                                                 .actor_login = "system",
                                                 .action = "identity.grant_role",
                                                 .object_type = "user",
                                                 .object_id = std::to_string(i),
                                                 .detail_json = R"({"role":"teacher"})"});
            });
        }

        auto intact = Verify(url);
        EXPECT_EQ(intact.code, 0) << intact.err;
        const std::string prefix = "audit log intact: 5 records, last hash ";
        ASSERT_EQ(intact.out.substr(0, prefix.size()), prefix) << intact.out;
        EXPECT_EQ(intact.out.size(), prefix.size() + 64 + 1) << intact.out;
        EXPECT_EQ(intact.err, "");
        auto intact_json = Verify(url, "--json");
        EXPECT_EQ(intact_json.code, 0) << intact_json.err;
        const std::string intact_start =
            R"j({"ok":true,"records":5,"first_bad_seq":null,"problem":"","last_hash":")j";
        EXPECT_EQ(intact_json.out.substr(0, intact_start.size()), intact_start) << intact_json.out;

        const char* on = pg ? " ON audit_log" : "";
        db->Transact([&](Session& s) {
            s.ExecScript(fmt::format("DROP TRIGGER audit_log_no_update{}", on));
            s.Exec(R"(UPDATE audit_log SET detail = '{"role":"admin"}' WHERE seq = 3)");
        });
        auto edited = Verify(url);
        EXPECT_EQ(edited.code, 1);
        EXPECT_EQ(edited.out, "audit log TAMPERED: record 3 was edited (hash mismatch)\n");
        EXPECT_EQ(edited.err, "");
        auto edited_json = Verify(url, "--json");
        EXPECT_EQ(edited_json.code, 1);
        const std::string edited_start =
            R"j({"ok":false,"records":2,"first_bad_seq":3,"problem":"record 3 was edited (hash mismatch)",)j";
        EXPECT_EQ(edited_json.out.substr(0, edited_start.size()), edited_start) << edited_json.out;

        db->Transact([&](Session& s) {
            s.ExecScript(fmt::format("DROP TRIGGER audit_log_no_delete{}", on));
            s.Exec("DELETE FROM audit_log WHERE seq = 2");
        });
        auto deleted = Verify(url);
        EXPECT_EQ(deleted.code, 1);
        EXPECT_EQ(deleted.out, "audit log TAMPERED: record 2 is missing (deleted)\n");
    }

    std::unique_ptr<Database> pg_admin_;
    std::string pg_schema_;
};

TEST_F(AuditCliTest, HelpNamesTheFlags) {
    auto top = RunCommand({OQU_BINARY, "--help"}, Env());
    EXPECT_NE(top.out.find("audit verify"), std::string::npos) << top.out;
    auto help = RunCommand({OQU_BINARY, "audit", "verify", "--help"}, Env());
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("--db"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("--json"), std::string::npos) << help.out;
}

/// `oqu audit verify` detects an edited and a deleted record on SQLite.
TEST_F(AuditCliTest, SqliteDetectsEditAndDelete) {  // R-A3
    DetectsEditAndDelete(SqliteUrl());
}

/// The same on PostgreSQL (skipped unless OQU_TEST_PG_URL is set, see docs/DATABASE.md).
TEST_F(AuditCliTest, PostgresDetectsEditAndDelete) {  // R-A3
    const std::string url = PostgresUrl();
    if (url.empty()) {
        GTEST_SKIP() << "set OQU_TEST_PG_URL to run the PostgreSQL case";
    }
    DetectsEditAndDelete(url);
}

/// A database that cannot be opened is one line on stderr and exit code 1, not a verdict.
TEST_F(AuditCliTest, UnreachableDatabaseIsOneLine) {
    auto bad = RunCommand({OQU_BINARY, "audit", "verify", "--db", "mysql://x"}, Env());
    EXPECT_EQ(bad.code, 1);
    EXPECT_EQ(bad.out, "");
    EXPECT_EQ(bad.err.substr(0, 5), "oqu: ") << bad.err;
}

}  // namespace
}  // namespace oqu
