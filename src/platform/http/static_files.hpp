#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "platform/http/router.hpp"

namespace oqu::platform::http {

/// Settings of ServeStatic.
struct StaticOptions {
    std::string param = "path";                 ///< Tail capture naming the file ("/static/{path*}").
    std::size_t gzip_cache_bytes = 32 << 20;    ///< Memory for gzipped copies of text files.
    std::size_t gzip_max_file_bytes = 4 << 20;  ///< Larger text files are sent uncompressed.
};

/// Content type for a file name by extension ("app.css" → "text/css; charset=utf-8"); octet-stream if
/// unknown.
std::string_view ContentTypeFor(const std::filesystem::path& file);

/// True for types worth gzipping: text/*, JSON, JavaScript, CSS, SVG, XML.
bool IsCompressibleType(std::string_view content_type);

/// True when an If-None-Match header value ("\"a\", W/\"b\"" or "*") matches the entity tag `etag`.
bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag);

/// A GET handler serving files under `root` from the route's tail capture: no traversal or symlink
/// escape (404), strong ETag from size+mtime, If-None-Match → 304, immutable caching when the URL
/// carries ?v=... or a hashed file name (app.3f2a9c1b.css), else max-age=300; gzip for text types.
Handler ServeStatic(const std::filesystem::path& root, StaticOptions options = {});

}  // namespace oqu::platform::http
