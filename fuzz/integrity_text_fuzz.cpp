#include <cstddef>
#include <cstdint>
#include <string_view>

#include "integrity/domain/check.hpp"
#include "integrity/extract.hpp"
#include "integrity/icu_tables.hpp"

// The text extractors (TXT/Markdown decoding, HTML, RTF) and the normaliser behind them. The
// first byte picks the extractor. Properties: no crash or out-of-bounds read; the text is valid
// UTF-8 that decodes without replacement characters we did not put there; every token and match
// lies inside the text, and a text checked against itself is found whole.
namespace {

using oqu::integrity::DocumentFormat;

void CheckText(const std::string& utf8) {
    const std::u32string text = oqu::integrity::DecodeUtf8(utf8);
    if (oqu::integrity::EncodeUtf8(text) != utf8) __builtin_trap();
    const auto prepared = oqu::integrity::PrepareText(text, oqu::integrity::Icu());
    // Tokens run forward; two may share a code point when NFKC splits it ("½" gives "1⁄2").
    std::uint32_t last = 0;
    for (const auto& t : prepared.norm.tokens) {
        if (t.begin < last || t.end <= t.begin || t.end > text.size()) __builtin_trap();
        last = t.begin;
    }
    if (prepared.norm.origin.size() != prepared.norm.text.size()) __builtin_trap();
    for (const auto o : prepared.norm.origin) {
        if (o >= text.size()) __builtin_trap();
    }
    const oqu::integrity::PreparedText* self[] = {&prepared};
    const auto report = oqu::integrity::CheckText(prepared, self);
    for (const auto& m : report.matches) {
        if (m.offset + m.length > text.size() || m.source_offset + m.source_length > text.size()) {
            __builtin_trap();
        }
    }
    if (!(report.originality >= 0.0 && report.originality <= 1.0)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static constexpr DocumentFormat kFormats[] = {DocumentFormat::kText, DocumentFormat::kHtml,
                                                  DocumentFormat::kRtf};
    const DocumentFormat format = kFormats[data[0] % 3];
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    auto r = oqu::integrity::ExtractText(format, bytes);
    if (r) CheckText(r->text);
    return 0;
}
