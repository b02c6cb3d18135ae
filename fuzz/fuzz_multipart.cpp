#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "platform/http/multipart.hpp"

// The first byte picks the chunk size, so split boundaries and headers are exercised.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + data[0] % 64;
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    oqu::platform::http::FormLimits limits;
    limits.max_parts = 20;
    limits.max_part_header_bytes = 512;
    limits.max_total_bytes = 1 << 16;
    limits.memory_threshold = 64;  // small, so spilling to temp files is fuzzed too
    limits.max_field_bytes = 4096;
    oqu::platform::http::MultipartParser parser("XyZ", std::filesystem::temp_directory_path(), limits);
    while (!bytes.empty()) {
        const std::size_t n = std::min(chunk, bytes.size());
        if (!parser.Feed(bytes.substr(0, n))) return 0;
        bytes.remove_prefix(n);
    }
    auto form = parser.Finish();
    (void)form;
    return 0;
}
