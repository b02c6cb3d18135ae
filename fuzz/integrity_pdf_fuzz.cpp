#include <cstddef>
#include <cstdint>
#include <string_view>

#include "integrity/extract.hpp"

// The PDF extractor (poppler-cpp, and poppler-glib for the colour of text). Poppler itself is not
// instrumented (a Debian library); the target proves that our wrapper survives whatever poppler
// makes of a hostile file: broken, locked or huge documents give an error, never a crash or a
// text over the limit.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    oqu::integrity::ExtractLimits limits;
    limits.max_pages = 50;
    limits.max_text_bytes = 1U << 20U;
    auto r = oqu::integrity::ExtractText(oqu::integrity::DocumentFormat::kPdf,
                                         std::string_view(reinterpret_cast<const char*>(data), size), limits);
    if (r && r->text.size() > limits.max_text_bytes) __builtin_trap();
    return 0;
}
