#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "platform/http/request.hpp"

namespace oqu::platform::http {

/// Decodes %xx escapes (and '+' as space when `plus_as_space`); nullopt on a bad or truncated escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space);

/// Percent-encodes everything except RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view text);

/// Decodes and normalises the path of a request-target: collapses "//", resolves "." and "..";
/// nullopt when it does not start with '/', has a bad escape, a NUL or encoded '/', or ".." would
/// climb above the root ("/a/../../etc/passwd"). A trailing '/' is kept.
std::optional<std::string> NormalizePath(std::string_view raw_path);

/// Parses application/x-www-form-urlencoded ("a=1&b=x+y&c=%2F"); empty pairs are skipped, a name
/// without '=' has an empty value; kInvalidInput on a bad escape.
core::Result<FieldList> ParseUrlEncoded(std::string_view text);

}  // namespace oqu::platform::http
