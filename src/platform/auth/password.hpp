#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace oqu::platform::auth {

/// Argon2id parameters (libsodium crypto_pwhash). The floor is OWASP's: 19 MiB, 2 passes.
struct PasswordHashParams {
    std::size_t memory_bytes = 19u << 20;
    unsigned long long passes = 2;
};

/// Hashes and verifies passwords with Argon2id, at most `max_concurrent` at a time so that a
/// login flood cannot exhaust memory; a caller that waits longer than `max_wait` gets
/// kUnavailable ("auth.busy") instead of queueing forever. Thread-safe.
class PasswordHasher {
public:
    explicit PasswordHasher(PasswordHashParams params = {}, unsigned max_concurrent = 4,
                            std::chrono::milliseconds max_wait = std::chrono::seconds(5));
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    /// The encoded hash ("$argon2id$v=19$m=19456,t=2,p=1$..."), or kUnavailable when busy. Valid
    /// UTF-8 is NFKC-normalised first (NIST SP 800-63B), so "й" typed precomposed or as и + U+0306
    /// is the same password; other bytes are hashed as they are.
    core::Result<std::string> Hash(std::string_view password) const;
    /// True when `password` matches `encoded`; false for a malformed hash; kUnavailable when busy.
    core::Result<bool> Verify(std::string_view encoded, std::string_view password) const;
    /// True when `encoded` was made with other parameters than this hasher's, or is not Argon2id,
    /// or is malformed (rehash at login, after Verify succeeded).
    bool NeedsRehash(std::string_view encoded) const;
    /// Hashes in flight right now (for /metrics).
    unsigned InFlight() const;

    struct Impl;

private:
    Impl* impl_;
};

/// Uses the common-passwords list at `path` from now on (serve calls it with
/// config.resource_dir / "platform/auth/data/common-passwords.txt"). Without a call the list is read
/// from $OQU_RESOURCE_DIR/platform/auth/data/common-passwords.txt. Read lazily, once; thread-safe.
void SetPasswordListPath(std::filesystem::path path);

/// The number of entries in the common-passwords list (reading it if not yet read); 0 when the
/// file could not be read, in which case the policy still applies its other checks.
std::size_t CommonPasswordCount();

/// Checks a new password against the policy: at least 12 characters (Unicode code points, any
/// script, counted after NFKC normalisation), at most 1024 bytes, valid UTF-8 without control
/// characters, not on the common-passwords list nor one character or a pattern of up to 4
/// repeated nor a run of consecutive digits, and neither the login nor containing a login of 4
/// or more characters (case-insensitive).
/// Errors are kInvalidInput with message keys "auth.password_too_short", "auth.password_common",
/// "auth.password_is_login", "auth.password_invalid".
core::Status CheckPasswordPolicy(std::string_view password, std::string_view login);

/// A random password that satisfies the policy (for `oqu user add` and the demo), 16 characters.
std::string GeneratePassword();

}  // namespace oqu::platform::auth
