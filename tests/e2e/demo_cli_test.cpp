#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_env.hpp"
#include "tests/support/child_process.hpp"

namespace oqu {
namespace {

using testing::RunCommand;

class DemoCliTest : public testing::TempDirTest {};

/// `oqu demo --json` prints only the JSON document: fourteen accounts (one per role, a Law and an online
/// student), the administrative ones with a TOTP secret; a second run refuses the non-empty database; --force
/// proceeds.
TEST_F(DemoCliTest, JsonAccountsAndRefusal) {
    auto run = RunCommand({OQU_BINARY, "demo", "--db", SqliteUrl(), "--json"}, Env());
    ASSERT_EQ(run.code, 0) << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    ASSERT_EQ(doc["accounts"].size(), 14U);
    const std::set<std::string> administrative{"deans_office", "registrar", "quality_officer", "it_admin"};
    std::set<std::string> roles;
    for (const auto& a : doc["accounts"]) {
        const auto role = a["role"].get<std::string>();
        roles.insert(role);
        EXPECT_FALSE(a["login"].get<std::string>().empty());
        EXPECT_GE(a["password"].get<std::string>().size(), 12U);
        EXPECT_FALSE(a["name"].get<std::string>().empty());
        if (administrative.contains(role)) {
            ASSERT_TRUE(a["totp_secret"].is_string()) << role;
            EXPECT_GE(a["totp_secret"].get<std::string>().size(), 16U);
        } else {
            EXPECT_TRUE(a["totp_secret"].is_null()) << role;
        }
    }
    EXPECT_EQ(roles.size(), 12U);
    EXPECT_EQ(doc["university"]["faculties"], 3);
    EXPECT_GE(doc["university"]["programmes"].get<int>(), 10);
    EXPECT_EQ(doc["university"]["students"], 600);

    auto again = RunCommand({OQU_BINARY, "demo", "--db", SqliteUrl()}, Env());
    EXPECT_EQ(again.code, 1);
    EXPECT_TRUE(again.out.empty());
    EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;

    auto forced = RunCommand({OQU_BINARY, "demo", "--db", SqliteUrl(), "--force"}, Env());
    EXPECT_EQ(forced.code, 0) << forced.err;
    EXPECT_NE(forced.out.find("demo.admin"), std::string::npos) << forced.out;
    EXPECT_NE(forced.out.find("local evaluation"), std::string::npos) << forced.out;

    auto usage = RunCommand({OQU_BINARY, "demo", "--no-such-flag"}, Env());
    EXPECT_EQ(usage.code, 2);
}

}  // namespace
}  // namespace oqu
