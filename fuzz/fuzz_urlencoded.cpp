#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/http/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto pairs = oqu::platform::http::ParseUrlEncoded(bytes);
    (void)pairs;
    auto path = oqu::platform::http::NormalizePath(bytes);
    // A normalised path is a fixed point and never contains a ".." segment.
    if (path) {
        if (path->find("/../") != std::string::npos || path->ends_with("/..")) __builtin_trap();
        auto again = oqu::platform::http::NormalizePath(oqu::platform::http::PercentEncode(*path));
        (void)again;
    }
    return 0;
}
