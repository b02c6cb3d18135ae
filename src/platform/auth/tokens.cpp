#include "platform/auth/tokens.hpp"

#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace oqu::platform::auth {

namespace {

std::string ToHex(const unsigned char* bytes, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();  // sodium_bin2hex writes a terminating NUL.
    return hex;
}

}  // namespace

void InitSodium() {
    // sodium_init() is itself thread-safe and idempotent; the static only saves the call.
    static const int kResult = sodium_init();
    if (kResult < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string RandomToken(std::size_t bytes) {
    if (bytes == 0) return {};
    InitSodium();
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    return ToHex(buffer.data(), buffer.size());
}

std::string HashToken(std::string_view token) {
    InitSodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    if (crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size()) != 0) {
        throw std::runtime_error("crypto_hash_sha256 failed");
    }
    return ToHex(digest, sizeof digest);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    // The length is not secret (tokens and codes have fixed formats); only the contents are.
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace oqu::platform::auth
