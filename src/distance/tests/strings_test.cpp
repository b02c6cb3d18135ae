#include "platform/web/strings.hpp"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

namespace oqu::distance {
namespace {

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

TEST(DistanceStrings, EveryLanguageHasEveryMessage) {
    const auto strings = platform::web::Strings::Load({ResourceDir() / "distance/strings"});
    EXPECT_TRUE(strings->Mismatches().empty());
}

TEST(DistanceStrings, TheR_D7MessageShowsTheNumbers) {  // R-D7
    const auto strings = platform::web::Strings::Load({ResourceDir() / "distance/strings"});
    const std::map<std::string, std::string> args{
        {"count", "7"}, {"total", "32"}, {"share", "21.9"}, {"limit", "20"}};
    EXPECT_EQ(strings->Format(platform::web::Language::kEn, "distance.rd7_exceeded", args),
              "7 of 32 disciplines, 21.9%, would exceed the 20% limit (R-D7).");
    EXPECT_EQ(strings->Format(platform::web::Language::kRu, "distance.rd7_exceeded", args),
              "7 из 32 дисциплин, 21,9%, превысит лимит 20% (R-D7).");
}

}  // namespace
}  // namespace oqu::distance
