#pragma once

#include <string_view>

#include "platform/http/request.hpp"

namespace oqu::platform::http {

/// Parses a Cookie header ("a=1; b=\"two\""): trims spaces, strips one pair of double quotes,
/// keeps duplicates in order, skips malformed pieces (no '=' or empty name). Never fails.
FieldList ParseCookies(std::string_view header);

}  // namespace oqu::platform::http
