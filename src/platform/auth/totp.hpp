#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace oqu::platform::auth {

/// RFC 6238 TOTP with the parameters every authenticator app supports: HMAC-SHA1, 6 digits,
/// 30 s steps. Pure functions apart from NewTotpSecret's randomness.

/// RFC 4648 base32 of `bytes` (alphabet A-Z2-7), with '=' padding to a multiple of 8 when `pad`.
std::string Base32Encode(std::string_view bytes, bool pad = false);
/// The bytes of RFC 4648 base32 `text`: case-insensitive, padding optional; nullopt when a
/// character is outside the alphabet, the length is impossible or the unused final bits are not zero.
std::optional<std::string> Base32Decode(std::string_view text);

/// A new random 160-bit secret, base32 (RFC 4648, no padding) as apps expect.
std::string NewTotpSecret();
/// The 6-digit code of `secret_base32` at time step `step` (unix seconds / 30); nullopt if the
/// secret is not valid base32.
std::optional<std::string> TotpCode(std::string_view secret_base32, std::int64_t step);
/// The time step of an instant.
std::int64_t TotpStep(core::Instant at);

/// Checks `code` (6 digits; spaces ignored) at `now`, accepting one step of clock drift either way. A code is
/// accepted only for a step later than `last_used_step` (a replayed or older code is refused). Returns the
/// matched step, to be stored as the new last_used_step; nullopt when refused.
std::optional<std::int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code,
                                       core::Instant now, std::int64_t last_used_step);

/// The otpauth:// URI for enrolment ("otpauth://totp/Oqu:login?secret=...&issuer=Oqu&algorithm=SHA1
/// &digits=6&period=30"), issuer and account percent-encoded.
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

/// The QR code of `text` as an SVG document (libqrencode): role="img", a <title> for screen
/// readers, a quiet zone of 4 modules, presentation attributes only (no style, no script), so it
/// can be inlined under the site's CSP. kTooLarge ("auth.qr_too_long") when `text` does not fit.
core::Result<std::string> QrSvg(std::string_view text, std::string_view title);

/// `count` one-time recovery codes, each like "k7m2-9qxd-4tpa" (unambiguous alphabet).
std::vector<std::string> NewRecoveryCodes(int count = 10);
/// A recovery code as typed, normalised for hashing (lower case, no spaces or dashes).
std::string NormaliseRecoveryCode(std::string_view typed);

}  // namespace oqu::platform::auth
