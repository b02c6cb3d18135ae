#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/auth/gate.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/throttle.hpp"

namespace oqu::platform::db {
class Database;
}

namespace oqu::identity {

/// Session and login settings (issue 3: 30 min idle, 12 h absolute).
struct SessionPolicy {
    std::chrono::seconds idle_timeout{30 * 60};
    std::chrono::seconds absolute_timeout{12 * 3600};
    /// last_seen_at is written at most this often, so that reads stay reads.
    std::chrono::seconds touch_interval{60};
    platform::auth::ThrottlePolicy throttle;
};

/// Where a login attempt comes from.
struct Client {
    std::string address;
    std::string user_agent;
};

/// The outcome of a password step: a new session token (for the cookie) and what is still due.
struct LoginResult {
    std::string token;
    bool second_factor_pending = false;   ///< Ask for the TOTP code next.
    bool second_factor_required = false;  ///< Administrative role without TOTP: enrol next.
    bool must_change_password = false;
    std::string lang;  ///< The user's saved language.
};

/// A TOTP enrolment in progress: the secret, its otpauth URI and QR code.
struct Enrolment {
    std::string secret;
    std::string uri;
    std::string qr_svg;
};

/// Login, second factor, sessions and the user's own account. Thread-safe.
class LoginService {
public:
    LoginService(platform::db::Database& db, std::shared_ptr<const platform::auth::PasswordHasher> hasher,
                 SessionPolicy policy = {});

    /// Checks throttling, then the password; on success creates a session (a new id every time).
    /// Errors: kTooManyRequests "identity.login_throttled" (with arg "minutes"), kUnauthenticated
    /// "identity.login_failed" (same message for an unknown login, a wrong password or a disabled
    /// account), kUnavailable "auth.busy". Records the attempt and a footprint event either way.
    core::Result<LoginResult> Login(std::string_view login, std::string_view password, const Client& client,
                                    core::Instant now);

    /// Completes a session waiting for its second factor with a TOTP code or a recovery code; the
    /// session gets a new id (returned). kUnauthenticated "identity.code_invalid" for a wrong,
    /// stale or reused code (throttled like passwords).
    core::Result<std::string> CompleteSecondFactor(std::string_view token, std::string_view code,
                                                   const Client& client, core::Instant now);

    /// Starts (or restarts) TOTP enrolment for the user: a new pending secret. kConflict
    /// "identity.second_factor_exists" when one is already enabled (an administrator resets it).
    core::Status StartEnrolment(std::int64_t user_id);
    /// The enrolment in progress (pending secret, URI, QR), if any.
    core::Result<std::optional<Enrolment>> PendingEnrolment(std::int64_t user_id, std::string_view login);
    /// True when the user has a confirmed second factor.
    bool HasSecondFactor(std::int64_t user_id);
    /// Confirms enrolment with a code from the app; returns the recovery codes (shown once).
    core::Result<std::vector<std::string>> ConfirmEnrolment(std::int64_t user_id, std::string_view code,
                                                            core::Instant now);

    /// Changes the user's own password (current one required); other sessions are ended.
    core::Status ChangePassword(std::int64_t user_id, std::string_view current_token,
                                std::string_view current, std::string_view fresh, const Client& client,
                                core::Instant now);

    /// Ends one session.
    void Logout(std::string_view token, core::Instant now);
    /// Ends every session of the user ("log out everywhere").
    void LogoutEverywhere(std::int64_t user_id, const Client& client, core::Instant now);

    /// The session resolver for the auth gate.
    std::shared_ptr<platform::auth::SessionResolver> Resolver();

    const SessionPolicy& policy() const { return policy_; }
    const platform::auth::PasswordHasher& hasher() const { return *hasher_; }

private:
    platform::db::Database& db_;
    std::shared_ptr<const platform::auth::PasswordHasher> hasher_;
    SessionPolicy policy_;
    std::string dummy_hash_;  // Verified against for unknown logins, so timing reveals nothing.
};

}  // namespace oqu::identity
