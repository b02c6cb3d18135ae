#include "platform/pdf/pdf.hpp"

#include <algorithm>
#include <memory>
#include <numeric>
#include <string_view>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

namespace oqu::platform::pdf {

namespace {

// A4 in points (1/72 inch), the unit of cairo's PDF surface.
constexpr double kA4Short = 595.276;
constexpr double kA4Long = 841.89;
constexpr double kMargin = 42.0;  // About 15 mm.
constexpr double kCellPad = 3.0;
constexpr double kTitleSize = 15.0;
constexpr double kSubtitleSize = 9.5;
constexpr double kHeadingSize = 11.5;
constexpr double kBodySize = 9.5;
constexpr double kTableSize = 8.5;
constexpr double kFooterSize = 7.5;
// DejaVu Sans has every letter of the Kazakh alphabet (Cyrillic and Latin).
constexpr const char* kFamily = "DejaVu Sans";

struct LayoutUnref {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutUnref>;

struct FontFree {
    void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontFree>;

struct CairoFree {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

FontPtr Font(double size, bool bold) {
    FontPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFamily);
    // Absolute size: device units are points on a PDF surface, whatever pango's resolution.
    pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    return font;
}

// Pango refuses invalid UTF-8 (it logs and draws nothing): replace bad bytes instead.
std::string ValidUtf8(std::string_view text) {
    gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out(valid);
    g_free(valid);
    return out;
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

PangoAlignment PangoAlign(Align align) {
    switch (align) {
        case Align::kCenter:
            return PANGO_ALIGN_CENTER;
        case Align::kRight:
            return PANGO_ALIGN_RIGHT;
        case Align::kLeft:
            break;
    }
    return PANGO_ALIGN_LEFT;
}

/// One pass over the document: the first counts the pages, the second draws them with the total.
class Pager {
public:
    Pager(cairo_t* cr, const Document& doc, double width, double height, int total)
        : cr_(cr), doc_(doc), width_(width), height_(height), total_(total), y_(kMargin) {}

    int Run() {
        Title();
        for (const Block& block : doc_.blocks) {
            switch (block.kind) {
                case Block::Kind::kHeading:
                    Gap(8.0);
                    // Keep a heading with at least a few lines of what follows.
                    if (y_ + 60.0 > Bottom()) NewPage();
                    Flow(block.text, Font(kHeadingSize, true).get(), 0.0);
                    Gap(3.0);
                    break;
                case Block::Kind::kParagraph:
                    Flow(block.text, Font(kBodySize, false).get(), 0.0);
                    Gap(4.0);
                    break;
                case Block::Kind::kTable:
                    Gap(2.0);
                    DrawTable(block.table);
                    Gap(6.0);
                    break;
            }
        }
        Footer();
        return page_;
    }

private:
    double Bottom() const { return height_ - kMargin; }
    double Inner() const { return width_ - 2 * kMargin; }
    void Gap(double points) { y_ = std::min(y_ + points, Bottom()); }

    LayoutPtr Layout(const std::string& text, const PangoFontDescription* font, double width,
                     Align align = Align::kLeft) const {
        LayoutPtr layout(pango_cairo_create_layout(cr_));
        pango_layout_set_font_description(layout.get(), font);
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), PangoAlign(align));
        const std::string valid = ValidUtf8(text);
        pango_layout_set_text(layout.get(), valid.c_str(), static_cast<int>(valid.size()));
        return layout;
    }

    static double HeightOf(PangoLayout* layout) {
        int w = 0;
        int h = 0;
        pango_layout_get_size(layout, &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }

    void Title() {
        Flow(doc_.title, Font(kTitleSize, true).get(), 0.0);
        Gap(4.0);
        const FontPtr small = Font(kSubtitleSize, false);
        for (const std::string& line : doc_.subtitle) Flow(line, small.get(), 0.0);
        Gap(8.0);
        if (draw()) {
            cairo_set_line_width(cr_, 0.8);
            cairo_move_to(cr_, kMargin, y_);
            cairo_line_to(cr_, width_ - kMargin, y_);
            cairo_stroke(cr_);
        }
        Gap(8.0);
    }

    // Text that may run over pages, line by line.
    void Flow(const std::string& text, const PangoFontDescription* font, double indent) {
        if (text.empty()) return;
        LayoutPtr layout = Layout(text, font, Inner() - indent);
        PangoLayoutIter* it = pango_layout_get_iter(layout.get());
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const double line_height = static_cast<double>(logical.height) / PANGO_SCALE;
            if (y_ + line_height > Bottom() && y_ > kMargin) NewPage();
            if (draw()) {
                const double baseline =
                    static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
                cairo_move_to(cr_, kMargin + indent + static_cast<double>(logical.x) / PANGO_SCALE,
                              y_ + baseline);
                pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
            }
            y_ += line_height;
        } while (pango_layout_iter_next_line(it) != 0);
        pango_layout_iter_free(it);
    }

    std::vector<double> Columns(const Table& table) const {
        const std::size_t n = std::max<std::size_t>(1, table.headers.size());
        std::vector<double> rel(n, 1.0);
        for (std::size_t i = 0; i < n && i < table.widths.size(); ++i) {
            rel[i] = std::max(0.1, table.widths[i]);
        }
        const double sum = std::accumulate(rel.begin(), rel.end(), 0.0);
        for (double& w : rel) w = w / sum * Inner();
        return rel;
    }

    // One row of cells at y_: their height, and drawn when `draw()` and `paint` say so.
    double Row(const Table& table, const std::vector<std::string>& cells, const std::vector<double>& cols,
               bool header, bool paint) {
        const FontPtr font = Font(kTableSize, header);
        std::vector<LayoutPtr> layouts;
        double height = 0.0;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            const std::string& text = c < cells.size() ? cells[c] : std::string();
            const Align align =
                header ? Align::kLeft : (c < table.align.size() ? table.align[c] : Align::kLeft);
            layouts.push_back(Layout(text, font.get(), std::max(1.0, cols[c] - 2 * kCellPad), align));
            height = std::max(height, HeightOf(layouts.back().get()));
        }
        height += 2 * kCellPad;
        if (paint && draw()) {
            double x = kMargin;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                if (header) {
                    cairo_set_source_rgb(cr_, 0.88, 0.91, 0.94);
                    cairo_rectangle(cr_, x, y_, cols[c], height);
                    cairo_fill(cr_);
                }
                cairo_set_source_rgb(cr_, 0.0, 0.0, 0.0);
                cairo_set_line_width(cr_, 0.4);
                cairo_rectangle(cr_, x, y_, cols[c], height);
                cairo_stroke(cr_);
                cairo_move_to(cr_, x + kCellPad, y_ + kCellPad);
                pango_cairo_show_layout(cr_, layouts[c].get());
                x += cols[c];
            }
        }
        return height;
    }

    void DrawTable(const Table& table) {
        const std::vector<double> cols = Columns(table);
        const double header_height = Row(table, table.headers, cols, true, false);
        const auto header = [&] {
            Row(table, table.headers, cols, true, true);
            y_ += header_height;
        };
        if (y_ + header_height * 2 > Bottom()) NewPage();
        header();
        for (const auto& cells : table.rows) {
            const double h = Row(table, cells, cols, false, false);
            if (y_ + h > Bottom()) {
                NewPage();
                header();
            }
            Row(table, cells, cols, false, true);
            y_ += h;
        }
    }

    void Footer() {
        if (!draw()) return;
        std::string label = doc_.page_label;
        const auto replace = [&](std::string_view key, const std::string& value) {
            if (auto pos = label.find(key); pos != std::string::npos) label.replace(pos, key.size(), value);
        };
        replace("{page}", std::to_string(page_));
        replace("{pages}", std::to_string(total_));
        LayoutPtr layout = Layout(label, Font(kFooterSize, false).get(), Inner(), Align::kCenter);
        cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
        cairo_move_to(cr_, kMargin, height_ - kMargin / 2 - HeightOf(layout.get()) / 2);
        pango_cairo_show_layout(cr_, layout.get());
        cairo_set_source_rgb(cr_, 0.0, 0.0, 0.0);
    }

    void NewPage() {
        Footer();
        cairo_show_page(cr_);
        ++page_;
        y_ = kMargin;
    }

    bool draw() const { return total_ > 0; }

    cairo_t* cr_;
    const Document& doc_;
    double width_;
    double height_;
    int total_;  // 0 in the counting pass.
    double y_;
    int page_ = 1;
};

core::Error Unavailable(const char* what) {
    return core::MakeError(core::ErrorCode::kUnavailable, "platform.storage_unavailable", what);
}

// One pass onto a PDF surface writing to `out`; returns the page count, or 0 on a cairo error.
int Pass(const Document& document, int total, std::string& out) {
    const bool landscape = document.orientation == Orientation::kLandscape;
    const double width = landscape ? kA4Long : kA4Short;
    const double height = landscape ? kA4Short : kA4Long;
    std::unique_ptr<cairo_surface_t, CairoFree> surface(
        cairo_pdf_surface_create_for_stream(Append, &out, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return 0;
    const std::string title = ValidUtf8(document.title);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Oqu");
    int pages = 0;
    {
        std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return 0;
        Pager pager(cr.get(), document, width, height, total);
        pages = pager.Run();
        cairo_show_page(cr.get());
        if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) return 0;
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return 0;
    return pages;
}

}  // namespace

core::Result<std::string> Render(const Document& document) {
    // The footer names the page count, so the first pass only counts (its bytes are dropped).
    std::string scratch;
    const int pages = Pass(document, 0, scratch);
    if (pages == 0) return Unavailable("cairo could not lay out the document");
    std::string out;
    if (Pass(document, pages, out) != pages) return Unavailable("cairo could not write the document");
    return out;
}

}  // namespace oqu::platform::pdf
