#include "platform/web/format.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::web {
namespace {

core::Instant At(const char* utc) {
    core::Instant t{};
    EXPECT_TRUE(core::ParseUtc(utc, t));
    return t;
}

/// Times are shown in Almaty (UTC+5), so 20:30 UTC is already the next day there.
TEST(FormatTest, ShowsAlmatyTimeInEachLanguage) {
    const auto t = At("2026-11-26T20:30:00Z");
    EXPECT_EQ(FormatDateTime(t, Language::kKk), "27.11.2026, 01:30");
    EXPECT_EQ(FormatDateTime(t, Language::kRu), "27.11.2026, 01:30");
    EXPECT_EQ(FormatDate(t, Language::kRu), "27.11.2026");
    const auto en = FormatDateTime(t, Language::kEn);
    EXPECT_NE(en.find("Nov 27, 2026"), std::string::npos) << en;
    EXPECT_NE(en.find("1:30"), std::string::npos) << en;
}

}  // namespace
}  // namespace oqu::platform::web
