#include "platform/auth/receipt.hpp"

#include <string>

#include <fmt/format.h>

#include "platform/auth/tokens.hpp"

namespace oqu::platform::auth {

std::string UploadReceipt(std::string_view session_secret, std::string_view purpose,
                          std::string_view sha256) {
    // Each part with its length, so that no two different triples hash the same text.
    return HashToken(fmt::format("oqu.upload-receipt\n{}:{}\n{}:{}\n{}:{}", session_secret.size(),
                                 session_secret, purpose.size(), purpose, sha256.size(), sha256));
}

bool CheckUploadReceipt(std::string_view session_secret, std::string_view purpose, std::string_view sha256,
                        std::string_view receipt) {
    if (session_secret.empty()) return false;
    return ConstantTimeEquals(UploadReceipt(session_secret, purpose, sha256), receipt);
}

}  // namespace oqu::platform::auth
