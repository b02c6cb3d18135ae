#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "platform/http/request.hpp"

namespace oqu::platform::http {

/// The boundary parameter of a multipart/form-data Content-Type; kInvalidInput when the type is
/// not multipart/form-data or the boundary is missing, empty or longer than 70 characters.
core::Result<std::string> BoundaryFromContentType(std::string_view content_type);

/// Incremental multipart/form-data parser: feed the body in chunks of any size. Text fields stay in
/// memory; file parts above limits.memory_threshold are written to temp files in tmp_dir.
class MultipartParser {
public:
    MultipartParser(const std::string& boundary, std::filesystem::path tmp_dir, FormLimits limits);
    ~MultipartParser();
    MultipartParser(const MultipartParser&) = delete;
    MultipartParser& operator=(const MultipartParser&) = delete;

    /// Consumes a chunk; kInvalidInput on malformed input, kTooLarge over a limit, kUnavailable
    /// when a temp file cannot be written. After an error every call fails.
    core::Status Feed(std::string_view chunk);
    /// Ends the body: the Form, or kInvalidInput when the closing boundary never came (truncated).
    core::Result<Form> Finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Parses a whole multipart body held in memory or in `file` (when non-empty).
core::Result<Form> ParseMultipart(std::string_view content_type, std::string_view body,
                                  const std::filesystem::path& file, const std::filesystem::path& tmp_dir,
                                  const FormLimits& limits);

}  // namespace oqu::platform::http
