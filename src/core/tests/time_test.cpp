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

TEST(TimeTest, IsoDays) {
    const auto d = ParseIsoDay("2028-02-29");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(FormatIsoDay(*d), "2028-02-29");
    EXPECT_FALSE(ParseIsoDay("2027-02-29").has_value());
    EXPECT_FALSE(ParseIsoDay("2027-2-28").has_value());
    EXPECT_FALSE(ParseIsoDay("2027-02-2x").has_value());
    EXPECT_FALSE(ParseIsoDay("").has_value());
}

TEST(TimeTest, KazakhstanDayIsUtcPlusFive) {
    Instant t;
    ASSERT_TRUE(ParseUtc("2026-11-26T18:59:59Z", t));
    EXPECT_EQ(FormatIsoDay(KazakhstanDay(t)), "2026-11-26");
    ASSERT_TRUE(ParseUtc("2026-11-26T19:00:00Z", t));
    EXPECT_EQ(FormatIsoDay(KazakhstanDay(t)), "2026-11-27");
}

}  // namespace
}  // namespace oqu::core
