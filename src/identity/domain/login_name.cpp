#include "identity/domain/login_name.hpp"

#include <algorithm>

namespace oqu::identity {

namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

core::Result<std::string> NormaliseLogin(std::string_view typed) {
    const auto trimmed = Trim(typed);
    std::string out;
    out.reserve(trimmed.size());
    for (char c : trimmed) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool ok =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
        if (!ok) {
            return core::MakeError(core::ErrorCode::kInvalidInput, "identity.login_invalid", "bad character");
        }
        out.push_back(c);
    }
    if (out.size() < 3 || out.size() > 64) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.login_invalid", "bad length");
    }
    return out;
}

core::Result<std::string> NormaliseDisplayName(std::string_view typed) {
    const auto trimmed = Trim(typed);
    const bool control = std::any_of(trimmed.begin(), trimmed.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (trimmed.empty() || trimmed.size() > 200 || control) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.name_invalid", "bad display name");
    }
    return std::string(trimmed);
}

}  // namespace oqu::identity
