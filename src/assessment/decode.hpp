#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace oqu::assessment {

/// The text of an uploaded question file as UTF-8: UTF-8 as is (BOM removed), UTF-16 with a
/// byte-order mark (Word's "Unicode text"), otherwise Windows-1251 (Cyrillic Windows, as older
/// Kazakh and Russian files are saved), converted through ICU. kInvalidInput
/// "assessment.import.binary_file" for a NUL byte in 8-bit text (an .xlsx or .docx by mistake).
core::Result<std::string> DecodeQuestionFile(std::string_view bytes);

}  // namespace oqu::assessment
