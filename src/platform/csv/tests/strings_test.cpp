#include "platform/web/strings.hpp"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

namespace oqu::platform::web {
namespace {

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

/// The three languages define the same keys, and numbered messages format without grouping.
TEST(CsvStringsTest, SameKeysAndRowNumbersFormat) {
    auto strings = Strings::Load({ResourceDir() / "platform/csv/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
    for (Language lang : kLanguages) {
        const std::string text = strings->Format(lang, "csv.invalid_utf8", {{"line", "12345"}});
        EXPECT_NE(text.find("12345"), std::string::npos) << text;
    }
    EXPECT_EQ(strings->Format(Language::kRu, "csv.missing_column", {{"column", "iin"}}),
              "В первой строке нет обязательного столбца «iin».");
}

}  // namespace
}  // namespace oqu::platform::web
