#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "identity/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/tests/backends.hpp"
#include "platform/module/registry.hpp"

namespace oqu::identity {
namespace {

namespace db = platform::db;
using db::testing::Backend;

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    if (dir != nullptr && *dir != '\0') return dir;
    return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

/// What a command printed and returned.
struct Outcome {
    int code = -1;
    std::string out;
    std::string err;
};

/// Points std::cin, std::cout and std::cerr at strings for the life of the object.
class Redirect {
public:
    explicit Redirect(const std::string& input) : in_(input) {
        cin_ = std::cin.rdbuf(in_.rdbuf());
        cout_ = std::cout.rdbuf(out_.rdbuf());
        cerr_ = std::cerr.rdbuf(err_.rdbuf());
    }
    ~Redirect() {
        std::cin.rdbuf(cin_);
        std::cout.rdbuf(cout_);
        std::cerr.rdbuf(cerr_);
    }
    Redirect(const Redirect&) = delete;
    Redirect& operator=(const Redirect&) = delete;
    std::string Out() const { return out_.str(); }
    std::string Err() const { return err_.str(); }

private:
    std::istringstream in_;
    std::ostringstream out_;
    std::ostringstream err_;
    std::streambuf* cin_;
    std::streambuf* cout_;
    std::streambuf* cerr_;
};

std::size_t Lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

/// `oqu user ...` run in-process on a database file or PostgreSQL schema (the commands open
/// their own connection, so a private in-memory SQLite cannot be shared with the test).
class UserCommandTest : public db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        if (!Shared()) GTEST_SKIP() << "the command opens its own database";
        registry_.AddModule({.name = "audit", .schema_dir = "platform/audit/schema"});
        Register(registry_);
    }

    // Runs `oqu <words...>` with --db of this test's database appended (unless `with_db` is false).
    Outcome Run(std::vector<std::string> words, const std::string& input = {}, bool with_db = true) {
        const std::string name = words.at(0) + " " + words.at(1);
        const auto& commands = registry_.commands();
        const auto command = std::find_if(commands.begin(), commands.end(),
                                          [&](const platform::Command& c) { return c.name == name; });
        EXPECT_NE(command, commands.end()) << name;
        if (command == commands.end()) return {};
        platform::CommandContext ctx;
        ctx.program = "oqu";
        ctx.name = name;
        ctx.args.assign(words.begin() + 2, words.end());
        if (with_db) {
            ctx.args.emplace_back("--db");
            ctx.args.push_back(url_);
        }
        ctx.config.resource_dir = ResourceDir();
        ctx.config.db_url = "sqlite:/nonexistent/never-used.db";
        ctx.registry = &registry_;
        Outcome outcome;
        {
            const Redirect redirect(input);
            outcome.code = command->run(ctx);
            outcome.out = redirect.Out();
            outcome.err = redirect.Err();
        }
        return outcome;
    }

    std::size_t Audited(const std::string& prefix) {
        auto database = Open();
        return platform::audit::ListAudit(*database, 1000, 0, prefix).size();
    }

    platform::ModuleRegistry registry_;
};

/// `user add` without --password-stdin prints the account and a generated password, once.
TEST_P(UserCommandTest, AddPrintsGeneratedPassword) {
    auto add = Run({"user", "add", "Aliya", "--name", "Әлия Нұрланова", "--lang", "ru", "--role", "teacher",
                    "--role", "deans_office:faculty:2"});
    ASSERT_EQ(add.code, 0) << add.err;
    EXPECT_EQ(add.err, "");
    ASSERT_EQ(Lines(add.out), 2u) << add.out;
    EXPECT_EQ(add.out.substr(0, add.out.find('\n') + 1), "created user aliya (id 1)\n");
    const auto second = add.out.substr(add.out.find('\n') + 1);
    ASSERT_EQ(second.substr(0, 10), "password: ");
    EXPECT_EQ(second.size(), 10u + 16u + 1u) << second;
    EXPECT_EQ(Audited("identity.create_user"), 1u);
    EXPECT_EQ(Audited("identity.grant_role"), 2u);

    auto list = Run({"user", "list"});
    ASSERT_EQ(list.code, 0) << list.err;
    EXPECT_EQ(list.out, "1\taliya\tactive\tteacher,deans_office:faculty:2\tӘлия Нұрланова\n");
}

/// `user add --password-stdin` takes the first line of stdin and prints no password.
TEST_P(UserCommandTest, AddWithPasswordFromStdin) {
    auto add =
        Run({"user", "add", "bolat", "--name", "Болат", "--password-stdin"}, "Жасыл-алма-2026-тау\r\n");
    ASSERT_EQ(add.code, 0) << add.err;
    EXPECT_EQ(add.out, "created user bolat (id 1)\n");
    auto weak = Run({"user", "add", "dana", "--name", "Дана", "--password-stdin"}, "short\n");
    EXPECT_EQ(weak.code, 1);
    EXPECT_EQ(weak.err, "oqu: user add: password too short: at least 12 characters\n");
    EXPECT_EQ(weak.out, "");
}

/// A taken login fails with exit code 1 and one English line on stderr.
TEST_P(UserCommandTest, LoginTakenExitsOne) {
    ASSERT_EQ(Run({"user", "add", "aliya", "--name", "Әлия"}).code, 0);
    auto again = Run({"user", "add", "ALIYA", "--name", "Another"});
    EXPECT_EQ(again.code, 1);
    EXPECT_EQ(again.err, "oqu: user add: login taken\n");
    EXPECT_EQ(again.out, "");
    auto bad_login = Run({"user", "add", "a b", "--name", "X"});
    EXPECT_EQ(bad_login.code, 1);
    EXPECT_EQ(Lines(bad_login.err), 1u) << bad_login.err;
}

/// Usage errors (missing LOGIN or --name, unknown role, scope or language, unknown flag) exit 2
/// with one line, before the database is touched.
TEST_P(UserCommandTest, UsageErrorsExitTwo) {
    const std::vector<std::vector<std::string>> cases = {
        {"user", "add", "--name", "X"},
        {"user", "add", "aliya"},
        {"user", "add", "aliya", "--name", "X", "--role", "dean"},
        {"user", "add", "aliya", "--name", "X", "--role", "teacher:faculty"},
        {"user", "add", "aliya", "--name", "X", "--role", "teacher:institution:5"},
        {"user", "add", "aliya", "--name", "X", "--role", "teacher:galaxy:5"},
        {"user", "add", "aliya", "--name", "X", "--lang", "de"},
        {"user", "add", "aliya", "--name", "X", "--bogus"},
        {"user", "grant", "aliya"},
        {"user", "grant", "aliya", "wizard"},
        {"user", "disable"},
        {"user", "reset-password"},
        {"user", "list", "extra"},
    };
    for (const auto& words : cases) {
        auto outcome = Run(words);
        EXPECT_EQ(outcome.code, 2) << words[2] << ' ' << outcome.err;
        EXPECT_EQ(Lines(outcome.err), 1u) << outcome.err;
        EXPECT_EQ(outcome.err.substr(0, 5), "oqu: ") << outcome.err;
    }
    auto list = Run({"user", "list"});
    EXPECT_EQ(list.code, 0) << list.err;
    EXPECT_EQ(list.out, "") << "no usage error may create an account";
    EXPECT_EQ(Audited("identity."), 0u);
}

/// reset-password, disable, enable and grant act on a login, print one line and are audited;
/// an unknown login exits 1.
TEST_P(UserCommandTest, ActOnALogin) {
    ASSERT_EQ(Run({"user", "add", "aliya", "--name", "Әлия"}).code, 0);

    auto reset = Run({"user", "reset-password", "Aliya"});
    ASSERT_EQ(reset.code, 0) << reset.err;
    ASSERT_EQ(reset.out.substr(0, 10), "password: ");
    EXPECT_EQ(reset.out.size(), 10u + 16u + 1u);
    EXPECT_EQ(Audited("identity.reset_password"), 1u);

    auto disable = Run({"user", "disable", "aliya"});
    ASSERT_EQ(disable.code, 0) << disable.err;
    EXPECT_EQ(disable.out, "disabled user aliya\n");
    auto enable = Run({"user", "enable", "aliya"});
    ASSERT_EQ(enable.code, 0) << enable.err;
    EXPECT_EQ(enable.out, "enabled user aliya\n");
    EXPECT_EQ(Audited("identity.disable_user"), 1u);
    EXPECT_EQ(Audited("identity.enable_user"), 1u);

    auto grant = Run({"user", "grant", "aliya", "it_admin"});
    ASSERT_EQ(grant.code, 0) << grant.err;
    EXPECT_EQ(grant.out, "granted it_admin to aliya\n");
    auto scoped = Run({"user", "grant", "aliya", "teacher:course:12"});
    ASSERT_EQ(scoped.code, 0) << scoped.err;
    EXPECT_EQ(scoped.out, "granted teacher:course:12 to aliya\n");
    EXPECT_EQ(Audited("identity.grant_role"), 2u);

    for (const char* verb : {"disable", "enable", "reset-password"}) {
        auto nobody = Run({"user", verb, "nobody"});
        EXPECT_EQ(nobody.code, 1) << verb;
        EXPECT_EQ(nobody.err, std::string("oqu: user ") + verb + ": no such user\n");
    }
    auto nobody = Run({"user", "grant", "nobody", "teacher"});
    EXPECT_EQ(nobody.code, 1);
}

/// `user list --json` is one JSON array without password hashes or second-factor secrets.
TEST_P(UserCommandTest, ListAsJson) {
    ASSERT_EQ(
        Run({"user", "add", "aliya", "--name", "Әлия", "--role", "it_admin", "--email", "a@example.kz"}).code,
        0);
    ASSERT_EQ(Run({"user", "add", "bolat", "--name", "Болат"}).code, 0);
    ASSERT_EQ(Run({"user", "disable", "bolat"}).code, 0);
    auto list = Run({"user", "list", "--json"});
    ASSERT_EQ(list.code, 0) << list.err;
    EXPECT_EQ(Lines(list.out), 1u);
    EXPECT_EQ(list.out.find("argon2"), std::string::npos);
    EXPECT_EQ(list.out.find("hash"), std::string::npos);
    EXPECT_EQ(list.out.find("secret"), std::string::npos);
    const auto users = nlohmann::json::parse(list.out);
    ASSERT_EQ(users.size(), 2u);
    EXPECT_EQ(users[0]["login"], "aliya");
    EXPECT_EQ(users[0]["email"], "a@example.kz");
    EXPECT_EQ(users[0]["grants"][0]["role"], "it_admin");
    EXPECT_EQ(users[0]["grants"][0]["scope"], "institution");
    EXPECT_EQ(users[1]["disabled"], true);
    auto text = Run({"user", "list"});
    EXPECT_EQ(text.out, "1\taliya\tactive\tit_admin\tӘлия\n2\tbolat\tdisabled\t-\tБолат\n");
}

/// An unreachable database is exit code 1 and one line.
TEST_P(UserCommandTest, UnreachableDatabaseExitsOne) {
    auto bad = Run({"user", "list", "--db", "mysql://nowhere"}, {}, false);
    EXPECT_EQ(bad.code, 1);
    EXPECT_EQ(Lines(bad.err), 1u) << bad.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, UserCommandTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         db::testing::BackendName);

}  // namespace
}  // namespace oqu::identity
