#pragma once

#include <map>
#include <string>
#include <string_view>

#include "gradebook/api.hpp"

// The exam sheet (ведомость) and the transcript as documents: PDF through platform/pdf, XLSX
// through libxlsxwriter. The caller passes the translated words (not part of the module's API).
namespace oqu::gradebook::detail {

/// Translated words by key without "gradebook." ("doc_sheet_title", "col_student", ...; see
/// kDocumentWords), plus the preformatted lines "weights_line" and "gpa_line".
using Words = std::map<std::string, std::string>;

/// The keys the documents use (each "gradebook.<key>" in the strings files).
extern const char* const kDocumentWords[];
/// Their number.
extern const std::size_t kDocumentWordCount;

/// The discipline's name in `lang` ("kk", "ru", "en"), falling back to Kazakh.
std::string DisciplineName(const Journal& journal, std::string_view lang);

/// The exam sheet as PDF (landscape A4). kUnavailable when cairo fails.
core::Result<std::string> ExamSheetPdf(const Sheet& sheet, const Words& words, std::string_view lang);
/// The exam sheet as an XLSX workbook. kUnavailable when the workbook cannot be written.
core::Result<std::string> ExamSheetXlsx(const Sheet& sheet, const Words& words, std::string_view lang);
/// The transcript as PDF (portrait A4).
core::Result<std::string> TranscriptPdf(const Transcript& transcript, const Words& words,
                                        std::string_view lang);

}  // namespace oqu::gradebook::detail
