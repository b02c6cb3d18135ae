#include <cstddef>
#include <cstdint>
#include <string_view>

#include "integrity/domain/normalise.hpp"
#include "integrity/extract.hpp"

// The DOCX/ODT/PPTX extractor (libzip + pugixml) under small limits, so that the fuzzer reaches
// the limit checks. The first byte picks the format. Properties: no crash, leak or out-of-bounds
// read; the text stays within the limit and is valid UTF-8.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    using oqu::integrity::DocumentFormat;
    static constexpr DocumentFormat kFormats[] = {DocumentFormat::kDocx, DocumentFormat::kOdt,
                                                  DocumentFormat::kPptx};
    oqu::integrity::ExtractLimits limits;
    limits.max_part_bytes = 1U << 20U;
    limits.max_unpacked_bytes = 4U << 20U;
    limits.max_text_bytes = 1U << 20U;
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    auto r = oqu::integrity::ExtractText(kFormats[data[0] % 3], bytes, limits);
    if (r) {
        if (r->text.size() > limits.max_text_bytes) __builtin_trap();
        const std::u32string text = oqu::integrity::DecodeUtf8(r->text);
        if (oqu::integrity::EncodeUtf8(text) != r->text) __builtin_trap();
    }
    return 0;
}
