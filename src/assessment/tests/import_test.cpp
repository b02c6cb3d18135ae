#include <cstdlib>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assessment/api.hpp"
#include "assessment/decode.hpp"
#include "platform/web/language.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assessment {
namespace {

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

TEST(QuestionFileTest, DecodesUtf16AndWindows1251) {  // R-A5
    // "Вопрос" in Windows-1251 and in UTF-16LE with its byte-order mark.
    auto cp1251 = DecodeQuestionFile("\xC2\xEE\xEF\xF0\xEE\xF1");
    ASSERT_TRUE(cp1251.has_value());
    EXPECT_EQ(cp1251.value(), "Вопрос");
    auto utf16 = DecodeQuestionFile(std::string_view("\xFF\xFE\x12\x04\x3E\x04", 6));
    ASSERT_TRUE(utf16.has_value());
    EXPECT_EQ(utf16.value(), "Во");
    EXPECT_EQ(DecodeQuestionFile("\xEF\xBB\xBFҚазақ").value(), "Қазақ");
    auto binary = DecodeQuestionFile(std::string_view("PK\x03\x04\0\0", 6));
    ASSERT_FALSE(binary.has_value());
    EXPECT_EQ(binary.error().message_key, "assessment.import.binary_file");
}

TEST(QuestionFileTest, EveryMessageInEveryLanguage) {
    const auto strings = platform::web::Strings::Load({ResourceDir() / "assessment/strings"});
    EXPECT_TRUE(strings->Mismatches().empty());
    // Placeholders are filled in every language.
    for (auto lang :
         {platform::web::Language::kKk, platform::web::Language::kRu, platform::web::Language::kEn}) {
        const auto text = strings->Format(lang, "assessment.import.answer_not_a_variant", {{"answer", "D"}});
        EXPECT_NE(text.find('D'), std::string::npos);
        EXPECT_EQ(text.find('{'), std::string::npos);
    }
}

/// The documented JSON of `oqu questions import --dry-run` (docs/CLI.md).
TEST(QuestionFileTest, JsonShape) {  // R-A5
    const auto strings = platform::web::Strings::Load({ResourceDir() / "assessment/strings"});
    const auto result =
        ReadQuestions("bank.txt", "<question>Астана?<variant>иә<variant>жоқ\n<question>Бос<variant>a\n",
                      ImportFormat::kAuto);
    const auto json = ResultJson(result, *strings, platform::web::Language::kRu);
    EXPECT_EQ(json["format"], "kz-text");
    ASSERT_EQ(json["questions"].size(), 2U);
    const auto& q = json["questions"][0];
    EXPECT_EQ(q["type"], "single_choice");
    EXPECT_EQ(q["text"], "Астана?");
    EXPECT_EQ(q["answers"][0]["text"], "иә");
    EXPECT_DOUBLE_EQ(q["answers"][0]["fraction"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(q["answers"][1]["fraction"].get<double>(), 0.0);
    ASSERT_EQ(json["errors"].size(), 1U);
    EXPECT_EQ(json["errors"][0]["where"], "line 2");
    EXPECT_EQ(json["errors"][0]["message"], "В вопросе с выбором нужно не меньше двух вариантов.");
}

}  // namespace
}  // namespace oqu::assessment
