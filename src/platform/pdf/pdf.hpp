#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

/// A small document layout engine over cairo (PDF surface) and pango (text shaping): a titled
/// document of headings, paragraphs and tables, broken into A4 pages, with the table header
/// repeated on every page and "page n of N" in the footer. The text is set in DejaVu Sans
/// (fonts-dejavu-core), which covers the Kazakh letters ә ғ қ ң ө ұ ү һ і. Used by the
/// gradebook (transcripts, exam sheets) and later by syllabi and integrity reports. Cairo and
/// pango appear only in pdf.cpp.
namespace oqu::platform::pdf {

/// Horizontal alignment of a table column.
enum class Align : std::uint8_t { kLeft, kCenter, kRight };

/// A table: a header row and body rows of text cells.
struct Table {
    std::vector<std::string> headers;            ///< One per column; the row is repeated on every page.
    std::vector<double> widths;                  ///< Relative widths per column; empty or short: equal.
    std::vector<Align> align;                    ///< Per column; missing columns are left-aligned.
    std::vector<std::vector<std::string>> rows;  ///< Cells; a short row leaves the rest empty.
};

/// One block of the document's flow.
struct Block {
    enum class Kind : std::uint8_t { kHeading, kParagraph, kTable };
    Kind kind = Kind::kParagraph;
    std::string text;  ///< Heading or paragraph text (UTF-8, plain: no markup).
    Table table;       ///< For kTable.
};

/// Page orientation of A4.
enum class Orientation : std::uint8_t { kPortrait, kLandscape };

/// A document to lay out.
struct Document {
    std::string title;                  ///< First line, large; also the PDF's title metadata.
    std::vector<std::string> subtitle;  ///< Lines under the title (institution, date, ...).
    std::vector<Block> blocks;          ///< The flow, in order.
    Orientation orientation = Orientation::kPortrait;
    std::string page_label = "{page} / {pages}";  ///< Footer; {page} and {pages} are replaced.

    /// Appends a heading.
    void Heading(std::string text) { blocks.push_back({Block::Kind::kHeading, std::move(text), {}}); }
    /// Appends a paragraph (wrapped to the page width).
    void Paragraph(std::string text) { blocks.push_back({Block::Kind::kParagraph, std::move(text), {}}); }
    /// Appends a table.
    void AddTable(Table table) { blocks.push_back({Block::Kind::kTable, {}, std::move(table)}); }
};

/// Lays out `document` and returns the PDF bytes; kUnavailable "platform.storage_unavailable"
/// when cairo cannot make the surface (out of memory).
core::Result<std::string> Render(const Document& document);

}  // namespace oqu::platform::pdf
