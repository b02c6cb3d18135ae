#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_env.hpp"
#include "tests/support/child_process.hpp"

namespace oqu {
namespace {

using testing::RunCommand;

class QuestionsCliTest : public testing::TempDirTest {
protected:
    std::string Write(const std::string& name, const std::string& text) {
        const auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }
};

/// `oqu questions import FILE --dry-run` prints the documented JSON (docs/CLI.md) and exits 0
/// for a clean file, 1 when it lists problems; the file is only read.
TEST_F(QuestionsCliTest, DryRunPrintsTheStableJson) {  // R-A5
    const auto file =
        Write("bank.txt", "<question>Астана қай елдің астанасы?\n<variant>Қазақстан\n<variant>Қырғызстан\n");
    auto run = RunCommand({OQU_BINARY, "questions", "import", file, "--dry-run"}, Env());
    ASSERT_EQ(run.code, 0) << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    ASSERT_EQ(doc["questions"].size(), 1U);
    EXPECT_EQ(doc["questions"][0]["type"], "single_choice");
    EXPECT_EQ(doc["questions"][0]["text"], "Астана қай елдің астанасы?");
    EXPECT_EQ(doc["questions"][0]["answers"][0]["text"], "Қазақстан");
    EXPECT_EQ(doc["questions"][0]["answers"][0]["fraction"], 1.0);
    EXPECT_TRUE(doc["errors"].empty());

    const auto bad = Write("bad.gift", "Fine? {=a ~b}\n\nBroken {=a ~b\n");
    run = RunCommand(
        {OQU_BINARY, "questions", "import", bad, "--format", "gift", "--dry-run", "--lang", "en"}, Env());
    EXPECT_EQ(run.code, 1);
    const auto errors = nlohmann::json::parse(run.out)["errors"];
    ASSERT_EQ(errors.size(), 1U);
    EXPECT_EQ(errors[0]["where"], "line 3");
    EXPECT_EQ(errors[0]["message"], "The answer block has no closing curly brace.");
}

TEST_F(QuestionsCliTest, UsageErrorsAndConversion) {  // R-A5
    const auto file = Write("bank.txt", "Q?\nA. x\nB. y\nANSWER: A\n");
    EXPECT_EQ(RunCommand({OQU_BINARY, "questions", "import", file}, Env()).code,
              2);  // --dry-run only, for now
    EXPECT_EQ(
        RunCommand({OQU_BINARY, "questions", "import", file, "--dry-run", "--format", "docx"}, Env()).code,
        2);
    EXPECT_EQ(
        RunCommand({OQU_BINARY, "questions", "import", (dir_ / "none.txt").string(), "--dry-run"}, Env())
            .code,
        1);
    auto run = RunCommand({OQU_BINARY, "questions", "convert", file, "--to", "moodle-xml"}, Env());
    ASSERT_EQ(run.code, 0) << run.err;
    const auto xml = Write("bank.xml", run.out);
    run = RunCommand({OQU_BINARY, "questions", "import", xml, "--dry-run"}, Env());
    ASSERT_EQ(run.code, 0) << run.err;
    const auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc["format"], "moodle-xml");
    EXPECT_EQ(doc["questions"][0]["answers"][0]["fraction"], 1.0);
}

}  // namespace
}  // namespace oqu
