#include <algorithm>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tests/e2e/e2e_env.hpp"
#include "tests/support/child_process.hpp"

namespace oqu {
namespace {

using testing::RunCommand;

class CliTest : public testing::TempDirTest {};

std::size_t Lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(CliTest, HelpOnEveryCommand) {
    auto top = RunCommand({OQU_BINARY, "--help"}, Env());
    EXPECT_EQ(top.code, 0);
    EXPECT_NE(top.out.find("serve"), std::string::npos);
    EXPECT_NE(top.out.find("migrate"), std::string::npos);
    for (const char* command : {"serve", "migrate"}) {
        auto help = RunCommand({OQU_BINARY, command, "--help"}, Env());
        EXPECT_EQ(help.code, 0) << command;
        EXPECT_NE(help.out.find("--db"), std::string::npos) << command;
    }
    auto none = RunCommand({OQU_BINARY}, Env());
    EXPECT_EQ(none.code, 2);
}

/// A bad flag or command is one line on stderr and exit code 2.
TEST_F(CliTest, BadFlagIsOneLine) {
    auto bad = RunCommand({OQU_BINARY, "migrate", "--dbb", SqliteUrl()}, Env());
    EXPECT_EQ(bad.code, 2);
    EXPECT_EQ(Lines(bad.err), 1u) << bad.err;
    auto unknown = RunCommand({OQU_BINARY, "migrat"}, Env());
    EXPECT_EQ(unknown.code, 2);
    EXPECT_EQ(Lines(unknown.err), 1u) << unknown.err;
    auto listen = RunCommand({OQU_BINARY, "serve", "--db", SqliteUrl(), "--listen", "nowhere"}, Env());
    EXPECT_EQ(listen.code, 2);
    EXPECT_EQ(Lines(listen.err), 1u) << listen.err;
}

/// Migrate applies every step once; a second run applies nothing.
TEST_F(CliTest, MigrateIsIdempotent) {
    auto first = RunCommand({OQU_BINARY, "migrate", "--db", SqliteUrl()}, Env());
    ASSERT_EQ(first.code, 0) << first.err;
    EXPECT_NE(first.out.find("migrated jobs/0001"), std::string::npos) << first.out;
    auto second = RunCommand({OQU_BINARY, "migrate", "--db", SqliteUrl()}, Env());
    ASSERT_EQ(second.code, 0) << second.err;
    EXPECT_NE(second.out.find("0 step(s) applied now"), std::string::npos) << second.out;
}

/// Unreachable or malformed databases fail fast with one clear line, no password shown.
TEST_F(CliTest, UnreachableDatabaseIsOneLine) {
    auto pg = RunCommand({OQU_BINARY, "migrate", "--db", "postgresql://oqu:secret@127.0.0.1:1/oqu"}, Env(),
                         std::chrono::seconds(20));
    EXPECT_EQ(pg.code, 1);
    EXPECT_EQ(Lines(pg.err), 1u) << pg.err;
    EXPECT_EQ(pg.err.find("secret"), std::string::npos) << pg.err;
    auto bad = RunCommand({OQU_BINARY, "migrate", "--db", "mysql://x"}, Env());
    EXPECT_EQ(bad.code, 1);
    EXPECT_EQ(Lines(bad.err), 1u) << bad.err;
    auto env = Env();
    env["OQU_DB"] = "sqlite:/proc/oqu-cannot-write-here/x.db";
    auto unwritable = RunCommand({OQU_BINARY, "migrate"}, env);
    EXPECT_EQ(unwritable.code, 1);
    EXPECT_EQ(Lines(unwritable.err), 1u) << unwritable.err;
}

/// A failing migration leaves the database at the last complete step and says which file failed.
TEST_F(CliTest, FailedMigrationLeavesNoHalfStep) {
    // A resource tree whose jobs schema has a broken second step.
    const auto res = dir_ / "res";
    std::filesystem::create_directories(res / "platform");
    std::filesystem::copy(std::filesystem::path(OQU_SOURCE_RESOURCES) / "platform/web", res / "platform/web",
                          std::filesystem::copy_options::recursive);
    std::filesystem::copy(std::filesystem::path(OQU_SOURCE_RESOURCES) / "platform/jobs",
                          res / "platform/jobs", std::filesystem::copy_options::recursive);
    // The next free version number after the real steps, so the loader sees no gap.
    std::set<int> versions;
    for (const auto& f : std::filesystem::directory_iterator(res / "platform/jobs/schema")) {
        versions.insert(std::stoi(f.path().filename().string().substr(0, 4)));
    }
    const std::string step = fmt::format("{:04}_broken", static_cast<int>(versions.size()) + 1);
    std::ofstream(res / "platform/jobs/schema" / (step + ".sql"))
        << "CREATE TABLE jobs_half (id INTEGER);\nTHIS IS NOT SQL;\n";
    auto env = Env();
    env["OQU_RESOURCE_DIR"] = res.string();
    auto failed = RunCommand({OQU_BINARY, "migrate", "--db", SqliteUrl()}, env);
    EXPECT_EQ(failed.code, 1);
    EXPECT_EQ(Lines(failed.err), 1u) << failed.err;
    EXPECT_NE(failed.err.find(step), std::string::npos) << failed.err;
    // Fixing the step and re-running applies exactly it: the broken run left nothing half-done
    // (its CREATE TABLE was rolled back, or this run would fail with "table exists").
    std::ofstream(res / "platform/jobs/schema" / (step + ".sql")) << "CREATE TABLE jobs_half (id INTEGER);\n";
    auto fixed = RunCommand({OQU_BINARY, "migrate", "--db", SqliteUrl()}, env);
    ASSERT_EQ(fixed.code, 0) << fixed.err;
    EXPECT_NE(fixed.out.find("migrated jobs/" + step), std::string::npos) << fixed.out;
    EXPECT_NE(fixed.out.find("1 step(s) applied now"), std::string::npos) << fixed.out;
}

TEST_F(CliTest, ConfigFileNamesTheDatabase) {
    std::ofstream(dir_ / "oqu.toml") << "[database]\nurl = \"" << SqliteUrl() << "\"\n";
    auto env = Env();
    env["OQU_CONFIG"] = (dir_ / "oqu.toml").string();
    auto out = RunCommand({OQU_BINARY, "migrate"}, env);
    ASSERT_EQ(out.code, 0) << out.err;
    EXPECT_TRUE(std::filesystem::exists(dir_ / "oqu.db"));
    std::ofstream(dir_ / "bad.toml") << "[database]\nurl = 5\n";
    auto bad = RunCommand({OQU_BINARY, "migrate", "--config", (dir_ / "bad.toml").string()}, Env());
    EXPECT_EQ(bad.code, 2);
    EXPECT_EQ(Lines(bad.err), 1u) << bad.err;
}

}  // namespace
}  // namespace oqu
