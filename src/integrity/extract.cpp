#include "integrity/extract.hpp"

#include <algorithm>
#include <cctype>

namespace oqu::integrity {

std::optional<DocumentFormat> FormatFromFileName(std::string_view file_name) {
    const auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    std::string ext(file_name.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == "txt" || ext == "text") return DocumentFormat::kText;
    if (ext == "md" || ext == "markdown") return DocumentFormat::kMarkdown;
    if (ext == "html" || ext == "htm" || ext == "xhtml") return DocumentFormat::kHtml;
    if (ext == "rtf") return DocumentFormat::kRtf;
    if (ext == "docx") return DocumentFormat::kDocx;
    if (ext == "odt") return DocumentFormat::kOdt;
    if (ext == "pptx") return DocumentFormat::kPptx;
    if (ext == "pdf") return DocumentFormat::kPdf;
    return std::nullopt;
}

core::Result<ExtractedText> ExtractText(DocumentFormat format, std::string_view bytes,
                                        const ExtractLimits& limits) {
    if (bytes.size() > limits.max_file_bytes) {
        return core::MakeError(core::ErrorCode::kTooLarge, "integrity.extract.too_large",
                               "file over the size limit");
    }
    core::Result<ExtractedText> out =
        core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.broken");
    switch (format) {
        case DocumentFormat::kText:
        case DocumentFormat::kMarkdown:
            // Markdown is checked as written: its markup is punctuation to the engine, and the
            // offsets stay those of the file.
            out = ExtractPlain(bytes, limits);
            break;
        case DocumentFormat::kHtml:
            out = ExtractHtml(bytes, limits);
            break;
        case DocumentFormat::kRtf:
            out = ExtractRtf(bytes, limits);
            break;
        case DocumentFormat::kDocx:
        case DocumentFormat::kOdt:
        case DocumentFormat::kPptx:
            out = ExtractOffice(format, bytes, limits);
            break;
        case DocumentFormat::kPdf:
            out = ExtractPdf(bytes, limits);
            break;
    }
    if (!out) return out;
    if (out->text.size() > limits.max_text_bytes) {
        return core::MakeError(core::ErrorCode::kTooLarge, "integrity.extract.too_large",
                               "text over the size limit");
    }
    const bool blank = std::all_of(out->text.begin(), out->text.end(),
                                   [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
    if (blank) return core::MakeError(core::ErrorCode::kInvalidInput, "integrity.extract.empty", "no text");
    return out;
}

}  // namespace oqu::integrity
