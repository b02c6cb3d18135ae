#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace oqu::integrity {

/// The document formats text can be extracted from.
enum class DocumentFormat { kText, kMarkdown, kHtml, kRtf, kDocx, kOdt, kPptx, kPdf };

/// The format named by a file's extension (case-insensitive); nullopt when unsupported.
std::optional<DocumentFormat> FormatFromFileName(std::string_view file_name);

/// Caps that keep a hostile file from exhausting the machine.
struct ExtractLimits {
    std::size_t max_file_bytes = 64U << 20U;       ///< The file itself.
    std::size_t max_part_bytes = 64U << 20U;       ///< One unpacked part of a DOCX/ODT/PPTX.
    std::size_t max_unpacked_bytes = 256U << 20U;  ///< All unpacked parts together.
    double max_ratio = 100;                        ///< Unpacked/packed size of a part over 1 MiB.
    std::size_t max_entries = 20000;               ///< Entries of the archive.
    std::size_t max_text_bytes = 32U << 20U;       ///< The extracted text, UTF-8.
    int max_pages = 3000;                          ///< PDF pages.
};

/// The text of a document, UTF-8, and what was hidden in it.
struct ExtractedText {
    std::string text;     ///< Offsets of a check count code points of this text.
    int hidden_runs = 0;  ///< Runs of hidden, white or tiny text left out (DOCX, ODT, RTF).
};

/// Extracts the text of `bytes` in `format`. TXT and Markdown are the file's text as it is
/// (UTF-8, UTF-16 with BOM or Windows-1251, decoded); HTML without tags, scripts and styles.
/// Errors (kInvalidInput unless noted), all translated: integrity.extract.too_large (kTooLarge),
/// .broken, .encrypted, .zip_bomb (kTooLarge), .xml_entities, .not_text, .empty.
core::Result<ExtractedText> ExtractText(DocumentFormat format, std::string_view bytes,
                                        const ExtractLimits& limits = {});

// Per family (extract_text.cpp, extract_zip.cpp, extract_pdf.cpp); ExtractText dispatches.
core::Result<ExtractedText> ExtractPlain(std::string_view bytes, const ExtractLimits& limits);
core::Result<ExtractedText> ExtractHtml(std::string_view bytes, const ExtractLimits& limits);
core::Result<ExtractedText> ExtractRtf(std::string_view bytes, const ExtractLimits& limits);
core::Result<ExtractedText> ExtractOffice(DocumentFormat format, std::string_view bytes,
                                          const ExtractLimits& limits);
core::Result<ExtractedText> ExtractPdf(std::string_view bytes, const ExtractLimits& limits);

/// Decodes bytes of unknown encoding: UTF-8 (BOM kept), UTF-16 with BOM, else Windows-1251.
/// An error (integrity.extract.not_text) for binary data.
core::Result<std::string> DecodeToUtf8(std::string_view bytes);
/// Converts bytes in a legacy code page ("windows-1251") to UTF-8 (undecodable bytes: U+FFFD).
std::string CodePageToUtf8(std::string_view bytes, const char* code_page);

}  // namespace oqu::integrity
