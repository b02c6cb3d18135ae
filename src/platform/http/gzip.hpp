#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oqu::platform::http {

/// gzip-compresses `data` (zlib, level 6); nullopt if zlib fails (out of memory).
std::optional<std::string> GzipCompress(std::string_view data);

/// True when an Accept-Encoding header value allows gzip (q=0 refuses it).
bool AcceptsGzipEncoding(std::string_view accept_encoding);

}  // namespace oqu::platform::http
