#include "core/verdict.hpp"

#include <gtest/gtest.h>

namespace oqu::core {
namespace {

TEST(Verdict, PercentRoundsHalfUpToOneDecimal) {
    EXPECT_EQ(Percent(7, 32), "21.9");
    EXPECT_EQ(Percent(1, 5), "20");
    EXPECT_EQ(Percent(1, 3), "33.3");
    EXPECT_EQ(Percent(2, 3), "66.7");
    EXPECT_EQ(Percent(1, 8), "12.5");
    EXPECT_EQ(Percent(1, 16), "6.3") << "6.25 rounds half up";
    EXPECT_EQ(Percent(0, 7), "0");
    EXPECT_EQ(Percent(5, 0), "0");
    EXPECT_EQ(Percent(32, 32), "100");
}

TEST(Verdict, PercentBoundsAreExact) {
    EXPECT_TRUE(AtMostPercent(1, 5, 20));
    EXPECT_FALSE(AtMostPercent(2, 9, 20)) << "22.2 %";
    EXPECT_TRUE(AtMostPercent(0, 1, 0));
    EXPECT_FALSE(AtMostPercent(1, 1000000, 0));
    EXPECT_TRUE(AtLeastPercent(24, 240, 10));
    EXPECT_FALSE(AtLeastPercent(23, 240, 10));
}

TEST(Verdict, RefusalCarriesRuleAndNumbers) {
    const Verdict v{.rule = "R-D7",
                    .status = RuleStatus::kViolated,
                    .message_key = "distance.rd7_exceeded",
                    .args = {{"count", "7"}, {"total", "32"}}};
    const Error e = Refusal(v);
    EXPECT_EQ(e.code, ErrorCode::kRuleViolation);
    EXPECT_EQ(e.requirement, "R-D7");
    EXPECT_EQ(e.message_key, "distance.rd7_exceeded");
    ASSERT_EQ(e.args.size(), 2u);
    EXPECT_EQ(v.Arg("total"), "32");
    EXPECT_EQ(v.Arg("missing"), "");
    EXPECT_EQ(RuleStatusName(RuleStatus::kNotApplicable), "not_applicable");
}

}  // namespace
}  // namespace oqu::core
