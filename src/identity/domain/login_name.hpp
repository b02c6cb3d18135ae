#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace oqu::identity {

/// A login as stored: trimmed and lower-case (ASCII). kInvalidInput "identity.login_invalid" unless
/// it is 3–64 characters of a-z, 0-9, '.', '_', '-', '@'.
core::Result<std::string> NormaliseLogin(std::string_view typed);

/// A display name: trimmed, 1–200 bytes of valid text without control characters;
/// kInvalidInput "identity.name_invalid" otherwise.
core::Result<std::string> NormaliseDisplayName(std::string_view typed);

}  // namespace oqu::identity
