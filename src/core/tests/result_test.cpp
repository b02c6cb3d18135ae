#include "core/result.hpp"

#include <gtest/gtest.h>

#include "core/assert.hpp"

namespace oqu::core {
namespace {

Result<int> Half(int n) {
    if (n % 2 != 0) return MakeError(ErrorCode::kInvalidInput, "core.odd", "odd number");
    return n / 2;
}

/// A value and an error travel through the same type.
TEST(ResultTest, CarriesValueOrError) {
    auto ok = Half(8);
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(*ok, 4);
    auto bad = Half(7);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(bad.error().message_key, "core.odd");
    EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(ResultTest, StatusOk) {
    Status s = OkStatus();
    EXPECT_TRUE(s.has_value());
}

TEST(ResultTest, CodeNamesAreStable) {
    EXPECT_STREQ(ErrorCodeName(ErrorCode::kRuleViolation), "rule_violation");
    EXPECT_STREQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
    EXPECT_STREQ(ErrorCodeName(ErrorCode::kTooLarge), "too_large");
}

TEST(AssertTest, ThrowsInternalError) {
    EXPECT_THROW(OQU_ASSERT(1 + 1 == 3, "arithmetic"), InternalError);
    EXPECT_NO_THROW(OQU_ASSERT(1 + 1 == 2, "arithmetic"));
}

}  // namespace
}  // namespace oqu::core
