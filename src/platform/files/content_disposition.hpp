#pragma once

#include <string>
#include <string_view>

namespace oqu::platform::files {

/// True only for sniffed types a browser renders without running script (raster images,
/// common audio/video, text/plain); false for HTML, SVG, XML, PDF, JavaScript and anything
/// unknown. Parameters (`; charset=...`) and letter case are ignored.
bool IsSafeInline(std::string_view content_type);

/// A Content-Disposition value (RFC 6266/5987): `inline` for IsSafeInline types, else
/// `attachment`, followed when `filename` is not empty by an ASCII `filename="..."` fallback
/// (quotes, backslashes, control characters and path separators dropped or replaced) and
/// `filename*=UTF-8''<percent-encoded>`. Send it with `X-Content-Type-Options: nosniff`.
std::string DispositionFor(std::string_view content_type, std::string_view filename);

}  // namespace oqu::platform::files
