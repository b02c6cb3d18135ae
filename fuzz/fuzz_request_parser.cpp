#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/http/request_parser.hpp"

// The server's parser with its default limits, and with tight limits so the limit paths run too.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    oqu::platform::http::ParseWholeRequest(bytes, oqu::platform::http::ParserLimits{});
    oqu::platform::http::ParseWholeRequest(
        bytes, oqu::platform::http::ParserLimits{
                   .max_request_line = 64, .max_header_bytes = 128, .max_body_bytes = 32});
    return 0;
}
