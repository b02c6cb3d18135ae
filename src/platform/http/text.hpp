#pragma once

#include <string>
#include <string_view>

namespace oqu::platform::http {

/// ASCII case-insensitive equality (header names, tokens).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

/// ASCII lower-case copy.
std::string ToLower(std::string_view text);

/// `text` without leading and trailing spaces and tabs.
std::string_view TrimSpaces(std::string_view text);

/// Value of a `name=value` parameter in a header like Content-Type ("multipart/form-data; boundary=x"),
/// unquoted; empty when absent. Parameter names compare case-insensitively.
std::string HeaderParameter(std::string_view header, std::string_view name);

}  // namespace oqu::platform::http
