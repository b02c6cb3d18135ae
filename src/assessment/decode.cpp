#include "assessment/decode.hpp"

#include <vector>

#include <unicode/ucnv.h>

#include "platform/csv/csv.hpp"

namespace oqu::assessment {
namespace {

core::Result<std::string> Convert(const char* from, std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    std::vector<char> out(bytes.size() * 3 + 16);
    const auto length = ucnv_convert("UTF-8", from, out.data(), static_cast<std::int32_t>(out.size()),
                                     bytes.data(), static_cast<std::int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "assessment.import.bad_encoding",
                               u_errorName(status));
    }
    return std::string(out.data(), static_cast<std::size_t>(length));
}

}  // namespace

core::Result<std::string> DecodeQuestionFile(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (bytes.starts_with("\xFF\xFE")) return Convert("UTF-16LE", bytes.substr(2));
    if (bytes.starts_with("\xFE\xFF")) return Convert("UTF-16BE", bytes.substr(2));
    if (bytes.find('\0') != std::string_view::npos) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "assessment.import.binary_file", "a NUL byte");
    }
    if (platform::csv::CheckUtf8(bytes)) return std::string(bytes);
    return Convert("windows-1251", bytes);
}

}  // namespace oqu::assessment
