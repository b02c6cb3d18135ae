#include "core/time.hpp"

#include <gtest/gtest.h>

namespace oqu::core {
namespace {

TEST(TimeTest, FormatsUtcWithMicros) {
    EXPECT_EQ(FormatUtc(FromMicros(0)), "1970-01-01T00:00:00.000000Z");
    EXPECT_EQ(FormatUtc(FromMicros(1'795'000'000'123'456)).substr(19), ".123456Z");
}

TEST(TimeTest, RoundTrips) {
    const Instant t = FromMicros(1'795'650'371'654'321);
    Instant back;
    ASSERT_TRUE(ParseUtc(FormatUtc(t), back));
    EXPECT_EQ(back, t);
}

TEST(TimeTest, RejectsMalformed) {
    Instant out;
    EXPECT_FALSE(ParseUtc("", out));
    EXPECT_FALSE(ParseUtc("2026-02-30T00:00:00Z", out));
    EXPECT_FALSE(ParseUtc("2026-11-26T09:46:11", out));
    EXPECT_FALSE(ParseUtc("2026-11-26T25:00:00Z", out));
    EXPECT_TRUE(ParseUtc("2026-11-26T09:46:11Z", out));
}

}  // namespace
}  // namespace oqu::core
