#include "platform/auth/throttle.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace oqu::platform::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const core::Instant kNow = core::FromMicros(1'790'000'000'000'000);
const ThrottlePolicy kPolicy{.account_max_failures = 5, .address_max_failures = 30, .window = minutes(15)};

/// Boundaries of the account and address limits and of the window.
TEST(ThrottleTest, Boundaries) {
    struct Case {
        const char* what;
        FailureCounts counts;
        std::optional<core::Instant> until;
    };
    const auto oldest = kNow - minutes(10);
    const std::vector<Case> cases{
        {"no failures", {}, std::nullopt},
        {"account one below the limit", {.account_failures = 4, .account_oldest = oldest}, std::nullopt},
        {"account exactly at the limit",
         {.account_failures = 5, .account_oldest = oldest},
         oldest + minutes(15)},
        {"account above the limit", {.account_failures = 9, .account_oldest = oldest}, oldest + minutes(15)},
        {"address one below the limit", {.address_failures = 29, .address_oldest = oldest}, std::nullopt},
        {"address exactly at the limit",
         {.address_failures = 30, .address_oldest = oldest},
         oldest + minutes(15)},
        {"account count does not trip the address limit",
         {.account_failures = 4, .account_oldest = oldest, .address_failures = 29, .address_oldest = oldest},
         std::nullopt},
        {"oldest failure exactly at the window edge has left it",
         {.account_failures = 5, .account_oldest = kNow - minutes(15)},
         std::nullopt},
        {"oldest failure one microsecond inside the window",
         {.account_failures = 5, .account_oldest = kNow - minutes(15) + std::chrono::microseconds(1)},
         kNow + std::chrono::microseconds(1)},
        {"oldest failure long gone",
         {.account_failures = 50, .account_oldest = kNow - minutes(60)},
         std::nullopt},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(ThrottledUntil(kPolicy, c.counts, kNow), c.until) << c.what;
    }
}

/// When both limits are reached, the attempt waits for the later of the two.
TEST(ThrottleTest, BothLimitsWaitForTheLater) {
    const FailureCounts counts{.account_failures = 5,
                               .account_oldest = kNow - minutes(14),
                               .address_failures = 30,
                               .address_oldest = kNow - minutes(2)};
    EXPECT_EQ(ThrottledUntil(kPolicy, counts, kNow), kNow + minutes(13));
    const FailureCounts reversed{.account_failures = 5,
                                 .account_oldest = kNow - minutes(2),
                                 .address_failures = 30,
                                 .address_oldest = kNow - minutes(14)};
    EXPECT_EQ(ThrottledUntil(kPolicy, reversed, kNow), kNow + minutes(13));
}

/// The address limit applies on its own, e.g. one address guessing many accounts.
TEST(ThrottleTest, AddressLimitAloneThrottles) {
    const FailureCounts counts{.address_failures = 31, .address_oldest = kNow - seconds(1)};
    EXPECT_EQ(ThrottledUntil(kPolicy, counts, kNow), kNow - seconds(1) + minutes(15));
}

TEST(ThrottleTest, PolicyIsConfigurable) {
    const ThrottlePolicy strict{.account_max_failures = 1, .address_max_failures = 2, .window = seconds(60)};
    const FailureCounts one{.account_failures = 1, .account_oldest = kNow - seconds(59)};
    EXPECT_EQ(ThrottledUntil(strict, one, kNow), kNow + seconds(1));
    EXPECT_EQ(ThrottledUntil(strict, one, kNow + seconds(1)), std::nullopt);
}

}  // namespace
}  // namespace oqu::platform::auth
