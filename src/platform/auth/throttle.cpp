#include "platform/auth/throttle.hpp"

#include <algorithm>

namespace oqu::platform::auth {

namespace {

// The instant the oldest counted failure leaves the window, when `failures` reached `max` and
// that instant is still ahead; a failure at t counts while now < t + window.
std::optional<core::Instant> Until(int failures, int max, core::Instant oldest, std::chrono::seconds window,
                                   core::Instant now) {
    if (failures <= 0 || failures < max) return std::nullopt;
    const core::Instant until = oldest + window;
    if (until <= now) return std::nullopt;
    return until;
}

}  // namespace

std::optional<core::Instant> ThrottledUntil(const ThrottlePolicy& policy, const FailureCounts& counts,
                                            core::Instant now) {
    const auto account = Until(counts.account_failures, policy.account_max_failures, counts.account_oldest,
                               policy.window, now);
    const auto address = Until(counts.address_failures, policy.address_max_failures, counts.address_oldest,
                               policy.window, now);
    if (account && address) return std::max(*account, *address);
    return account ? account : address;
}

}  // namespace oqu::platform::auth
