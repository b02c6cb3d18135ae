#include "platform/web/strings.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "platform/web/tests/resource_dir.hpp"

namespace oqu::platform::web {
namespace {

/// The kk, ru and en files of the web module define the same keys.
TEST(StringsTest, ThreeLanguagesHaveSameKeys) {
    auto strings = Strings::Load({testing::ResourceDir() / "platform/web/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
    EXPECT_EQ(strings->Get(Language::kKk, "web.language_name"), "Қазақша");
    EXPECT_EQ(strings->Get(Language::kRu, "web.language_name"), "Русский");
}

class TempStrings : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("oqu-strings-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    void Write(const char* lang, const char* text) {
        std::ofstream(dir_ / (std::string(lang) + ".json")) << text;
    }
    std::filesystem::path dir_;
};

/// Plurals follow each language's rules through ICU MessageFormat.
TEST_F(TempStrings, FormatsPluralsPerLanguage) {
    Write("en", R"({"x.files": "{count, plural, one {# file} other {# files}}"})");
    Write("ru", R"({"x.files": "{count, plural, one {# файл} few {# файла} other {# файлов}}"})");
    Write("kk", R"({"x.files": "{count} файл"})");
    auto s = Strings::Load({dir_});
    EXPECT_EQ(s->Format(Language::kEn, "x.files", {{"count", "1"}}), "1 file");
    EXPECT_EQ(s->Format(Language::kRu, "x.files", {{"count", "3"}}), "3 файла");
    EXPECT_EQ(s->Format(Language::kRu, "x.files", {{"count", "5"}}), "5 файлов");
    EXPECT_EQ(s->Format(Language::kKk, "x.files", {{"count", "5"}}), "5 файл");
}

/// A key missing in one language falls back to English and is reported as a mismatch.
TEST_F(TempStrings, ReportsMissingKeysAndFallsBack) {
    Write("en", R"({"x.a": "A", "x.b": "B"})");
    Write("ru", R"({"x.a": "А"})");
    Write("kk", R"({"x.a": "А", "x.b": "Б"})");
    auto s = Strings::Load({dir_});
    ASSERT_EQ(s->Mismatches().size(), 1u);
    EXPECT_EQ(s->Mismatches()[0], "ru: x.b missing");
    EXPECT_EQ(s->Get(Language::kRu, "x.b"), "B");
    EXPECT_EQ(s->Get(Language::kRu, "x.nope"), "x.nope");
}

TEST_F(TempStrings, MalformedFileIsAnErrorNamingIt) {
    Write("en", R"({"x.a": )");
    Write("ru", R"({})");
    Write("kk", R"({})");
    try {
        (void)Strings::Load({dir_});
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("en.json"), std::string::npos);
    }
}

}  // namespace
}  // namespace oqu::platform::web
