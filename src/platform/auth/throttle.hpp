#pragma once

#include <chrono>
#include <optional>

#include "core/time.hpp"

namespace oqu::platform::auth {

/// Login throttling policy: after `max_failures` failed logins within `window` (for one account,
/// or from one address), further attempts are refused until the oldest counted failure leaves the
/// window. The real owner can log in again after that; a successful login clears the account count.
struct ThrottlePolicy {
    int account_max_failures = 5;
    int address_max_failures = 30;
    std::chrono::seconds window{15 * 60};
};

/// Failures counted for one login attempt: for the account (since its last success) and for the
/// address, each with the time of the oldest failure still inside the window.
struct FailureCounts {
    int account_failures = 0;
    core::Instant account_oldest{};
    int address_failures = 0;
    core::Instant address_oldest{};
};

/// nullopt: the attempt may proceed. Otherwise the instant from which it may be retried.
std::optional<core::Instant> ThrottledUntil(const ThrottlePolicy& policy, const FailureCounts& counts,
                                            core::Instant now);

}  // namespace oqu::platform::auth
