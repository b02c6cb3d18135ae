#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/http/cookies.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (const auto& [name, value] : oqu::platform::http::ParseCookies(bytes)) {
        if (name.empty()) __builtin_trap();
    }
    auto boundary = oqu::platform::http::HeaderParameter(bytes, "boundary");
    (void)boundary;
    (void)oqu::platform::http::AcceptsGzipEncoding(bytes);
    return 0;
}
