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

// Text under this size (points) cannot be read on the page: hidden text, like DOCX runs under 2 pt.
constexpr double kTinyPoints = 2.0;

/// Runs of text a reader cannot see on `page`: words set under kTinyPoints (consecutive ones count
/// as one run); they stay in the page's text, which poppler lays out as a whole. Poppler-cpp gives each
/// word's box and font size but not its colour, so white text in a PDF is not detected; text placed outside
/// the page is dropped by poppler altogether (it is neither in the text nor in the word list).
int HiddenRuns(const poppler::page& page) {
    int runs = 0;
    bool in_run = false;
    for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
        const bool hidden =
            box.has_font_info() && box.get_font_size() > 0 && box.get_font_size() < kTinyPoints;
        if (hidden && !in_run) ++runs;
        in_run = hidden;
    }
    return runs;
}

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
        out.hidden_runs += HiddenRuns(*page);
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
