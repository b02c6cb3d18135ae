#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oqu::platform::auth {

/// Initialises libsodium once for the process (thread-safe, cheap after the first call); throws
/// std::runtime_error when it cannot. Every function of platform/auth that uses libsodium calls it.
void InitSodium();

/// `bytes` random bytes from libsodium as lower-case hex (a session id is RandomToken(32)).
std::string RandomToken(std::size_t bytes = 32);
/// SHA-256 of `token` as lower-case hex: what the database stores instead of the token.
std::string HashToken(std::string_view token);
/// Constant-time equality for tokens and codes.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace oqu::platform::auth
