#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <glib.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "integrity/extract.hpp"

// poppler-glib (the same poppler, through its GLib binding) gives the colour of each stretch of
// text, which poppler-cpp does not. Its header is C with GObject macros.
#include <poppler.h>

namespace oqu::integrity {
namespace {

// Poppler reports every oddity of a broken PDF on stderr; the error we return says enough.
void QuietPoppler(const std::string& /*message*/, void* /*closure*/) {}

// Text under this size (points) cannot be read on the page: hidden text, like DOCX runs under 2 pt.
constexpr double kTinyPoints = 2.0;

/// Runs of text a reader cannot see on `page`: words set under kTinyPoints (consecutive ones count
/// as one run); they stay in the page's text, which poppler lays out as a whole. White text is
/// counted by WhiteRuns; text placed outside the page is dropped by poppler altogether (it is
/// neither in the text nor in the word list).
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

// A colour channel this close to full (16-bit) reads as white on a white page.
constexpr unsigned kWhiteFrom = 0xF000;

/// Runs of white text in the whole document (R-O20's "white text" flag): stretches that poppler
/// paints in white (or all but) and that hold a letter or digit, not only spaces. The PDF is
/// loaded a second time through poppler-glib, which reports each stretch's colour; its text is
/// the same poppler's, so the stretches index the page's text. A document poppler-glib cannot
/// load counts none (poppler-cpp has loaded it already).
int WhiteRuns(std::string_view bytes) {
    GBytes* data = g_bytes_new_static(bytes.data(), bytes.size());
    PopplerDocument* doc = poppler_document_new_from_bytes(data, nullptr, nullptr);
    g_bytes_unref(data);
    if (doc == nullptr) return 0;
    int runs = 0;
    const int pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < pages; ++i) {
        PopplerPage* page = poppler_document_get_page(doc, i);
        if (page == nullptr) continue;
        char* text = poppler_page_get_text(page);
        // The page's text as characters: the attributes' indices count characters.
        std::vector<gunichar> chars;
        if (text != nullptr) {
            for (const char* p = text; *p != '\0'; p = g_utf8_next_char(p)) {
                chars.push_back(g_utf8_get_char(p));
            }
        }
        g_free(text);
        // Stretches change with the font as well as the colour: white ones in a row, with no
        // letter of another colour between them, are one run.
        const auto has_letters = [&](const PopplerTextAttributes& a) {
            for (int c = std::max(0, a.start_index); c <= a.end_index && c < static_cast<int>(chars.size());
                 ++c) {
                if (g_unichar_isalnum(chars[static_cast<std::size_t>(c)]) != 0) return true;
            }
            return false;
        };
        GList* attributes = poppler_page_get_text_attributes(page);
        bool in_run = false;
        for (GList* at = attributes; at != nullptr; at = at->next) {
            const auto& a = *static_cast<const PopplerTextAttributes*>(at->data);
            const bool white =
                a.color.red >= kWhiteFrom && a.color.green >= kWhiteFrom && a.color.blue >= kWhiteFrom;
            if (!has_letters(a)) continue;
            if (white && !in_run) ++runs;
            in_run = white;
        }
        poppler_page_free_text_attributes(attributes);
        g_object_unref(page);
    }
    g_object_unref(doc);
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
    out.hidden_runs += WhiteRuns(bytes);
    return out;
}

}  // namespace oqu::integrity
