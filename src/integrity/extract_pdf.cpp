#include <memory>
#include <string>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "integrity/extract.hpp"

namespace oqu::integrity {
namespace {

// Poppler reports every oddity of a broken PDF on stderr; the error we return says enough.
void QuietPoppler(const std::string& /*message*/, void* /*closure*/) {}

}  // namespace

core::Result<ExtractedText> ExtractPdf(std::string_view bytes, const ExtractLimits& limits) {
    poppler::set_debug_error_function(QuietPoppler, nullptr);
    if (bytes.substr(0, 5) != "%PDF-" || bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.broken", "no %PDF- header");
    }
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.broken",
                               "poppler cannot load");
    }
    if (doc->is_locked()) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.encrypted",
                               "password-protected PDF");
    }
    const int pages = doc->pages();
    if (pages > limits.max_pages) {
        return core::MakeError(core::ErrorCode::kTooLarge, "integrity.extract.too_large", "too many pages");
    }
    ExtractedText out;
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) continue;
        const poppler::byte_array utf8 = page->text().to_utf8();
        if (!out.text.empty()) out.text += "\n\n";
        out.text.append(utf8.begin(), utf8.end());
        if (out.text.size() > limits.max_text_bytes) {
            return core::MakeError(core::ErrorCode::kTooLarge, "integrity.extract.too_large",
                                   "text too large");
        }
    }
    return out;
}

}  // namespace oqu::integrity
