#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_env.hpp"
#include "tests/support/child_process.hpp"

namespace oqu {
namespace {

using testing::RunCommand;

class ComplianceCliTest : public testing::TempDirTest {};

/// `oqu compliance --format json` prints the documented shape (docs/CLI.md) for the demo
/// university: every requirement, each with a known status and a list of violations.
TEST_F(ComplianceCliTest, JsonReportOfTheDemo) {  // R-A8 R-O2
    ASSERT_EQ(RunCommand({OQU_BINARY, "demo", "--db", SqliteUrl(), "--json"}, Env()).code, 0);
    auto run = RunCommand({OQU_BINARY, "compliance", "--db", SqliteUrl(), "--format", "json", "--lang", "en"},
                          Env());
    ASSERT_EQ(run.code, 0) << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    ASSERT_EQ(doc["rules"].size(), 53U);
    const std::set<std::string> statuses{"met", "violated", "not_applicable", "not_covered"};
    for (const auto& rule : doc["rules"]) {
        EXPECT_TRUE(statuses.contains(rule["status"].get<std::string>())) << rule.dump();
        for (const auto& v : rule["violations"]) {
            EXPECT_TRUE(v["subject"].is_string());
            EXPECT_TRUE(v["detail"].is_string());
        }
    }
    const auto& ro2 = doc["rules"][8 + 17 + 1];
    EXPECT_EQ(ro2["id"], "R-O2");
    // The demo confirms the online form for its online programmes' directions before admission,
    // then corrects International relations (B140) to "not allowed": only its students are listed.
    EXPECT_EQ(ro2["status"], "violated");
    EXPECT_FALSE(ro2["violations"].empty());
    for (const auto& v : ro2["violations"]) {
        EXPECT_NE(v["subject"].get<std::string>().find("6B03101"), std::string::npos) << v.dump();
    }
}

TEST_F(ComplianceCliTest, WorkbookAndHtmlFiles) {  // R-A8
    ASSERT_EQ(RunCommand({OQU_BINARY, "migrate", "--db", SqliteUrl()}, Env()).code, 0);
    const auto xlsx = dir_ / "report.xlsx";
    auto run = RunCommand(
        {OQU_BINARY, "compliance", "--db", SqliteUrl(), "--format", "xlsx", "--output", xlsx.string()},
        Env());
    ASSERT_EQ(run.code, 0) << run.err;
    std::ifstream in(xlsx, std::ios::binary);
    std::string magic(2, '\0');
    in.read(magic.data(), 2);
    EXPECT_EQ(magic, "PK");
    run = RunCommand({OQU_BINARY, "compliance", "--db", SqliteUrl(), "--format", "html", "--lang", "kk"},
                     Env());
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NE(run.out.find("<html lang=\"kk\">"), std::string::npos);
    EXPECT_NE(run.out.find("R-D7"), std::string::npos);

    auto bad = RunCommand({OQU_BINARY, "compliance", "--db", SqliteUrl(), "--format", "pdf"}, Env());
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("--format"), std::string::npos);
}

}  // namespace
}  // namespace oqu
