#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace oqu::platform::http {

/// HTTP request methods the router knows; anything else is kOther and gets 405 or 501.
enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

/// Upper-case token of a method ("GET"); "OTHER" for kOther.
const char* MethodName(Method method);

/// The method for an upper-case token; kOther when unknown (methods are case-sensitive).
Method ParseMethod(std::string_view token);

/// Ordered name/value pairs (headers, query fields, path parameters, cookies).
using FieldList = std::vector<std::pair<std::string, std::string>>;

/// One file part of a multipart/form-data body.
struct UploadedFile {
    std::string field;           ///< Form field name ("attachment").
    std::string filename;        ///< Client's file name, as sent (untrusted; never use as a path).
    std::string content_type;    ///< Part's Content-Type, "application/octet-stream" when absent.
    std::uint64_t size = 0;      ///< Bytes of content.
    std::filesystem::path path;  ///< Temp file with the content when spilled to disk, else empty.
    std::string data;            ///< The content when kept in memory (path empty).

    /// The whole content (reads the temp file when spilled); kUnavailable if it cannot be read.
    core::Result<std::string> ReadAll() const;
};

/// A parsed form. Move-only: the destructor removes the temp files of its spilled parts, so a
/// caller that keeps an upload must move/rename the file away before the Form goes.
struct Form {
    std::multimap<std::string, std::string> fields;  ///< Text fields, name → value (repeats kept).
    std::vector<UploadedFile> files;                 ///< File parts in body order.

    Form() = default;
    Form(Form&& other) noexcept;
    Form& operator=(Form&& other) noexcept;
    Form(const Form&) = delete;
    Form& operator=(const Form&) = delete;
    ~Form();

    /// First value of a text field, or nullptr.
    const std::string* Field(std::string_view name) const;
    /// First file part of a field, or nullptr.
    const UploadedFile* File(std::string_view name) const;
};

/// Limits applied when a Request parses a multipart body (set by the server from ServerOptions).
struct FormLimits {
    std::size_t max_parts = 1000;                  ///< Parts (fields + files) per body.
    std::size_t max_part_header_bytes = 8 * 1024;  ///< Header block of one part.
    std::uint64_t max_total_bytes = 100ull << 20;  ///< Whole body.
    std::size_t memory_threshold = 64 * 1024;      ///< File parts larger than this go to a temp file.
    std::size_t max_field_bytes = 1 << 20;         ///< One text (non-file) field.
};

/// One HTTP request as handlers see it. Owned by the server for the duration of the call; not
/// copyable or movable (it owns the temp files of a spilled body).
struct Request {
    Method method = Method::kGet;
    std::string target;               ///< Raw request-target as received ("/a%20b?x=1").
    std::string path;                 ///< Percent-decoded, normalised path, always starting with '/'.
    std::string query;                ///< Raw query string without '?', still encoded.
    FieldList headers;                ///< Header fields in arrival order, names as sent.
    std::string body;                 ///< Body bytes when kept in memory (body_file empty).
    std::filesystem::path body_file;  ///< Temp file holding the body when it exceeded spill_threshold.
    std::uint64_t body_size = 0;      ///< Body length in bytes, in memory or on disk.
    std::string remote_address;       ///< Peer IP address ("127.0.0.1"); the proxy's when behind nginx.
    std::string request_id;           ///< Random hex id, echoed as X-Request-Id and logged.
    FieldList path_params;            ///< Router captures ("id" → "42"), decoded.
    std::string route;                ///< Matched pattern ("/courses/{id}"), for logs and metrics.
    std::int64_t user_id = 0;         ///< Authenticated user, 0 = anonymous; set by auth, logged.
    std::shared_ptr<const void> auth_state;  ///< Set by the auth gate (platform/auth); opaque here.
    std::chrono::steady_clock::time_point received_at{};  ///< When the request head was complete.
    std::filesystem::path tmp_dir;                        ///< Where multipart parts are spilled.
    FormLimits form_limits;                               ///< Limits for Form().

    Request() = default;
    Request(const Request&) = delete;
    Request& operator=(const Request&) = delete;
    ~Request();

    /// First header value with this name (case-insensitive), or empty when absent.
    std::string_view Header(std::string_view name) const;
    /// True when a header with this name (case-insensitive) is present.
    bool HasHeader(std::string_view name) const;
    /// Router capture by name, or empty when the pattern has no such parameter.
    std::string_view Param(std::string_view name) const;
    /// First decoded query value with this name; nullopt when absent (malformed escapes skip the pair).
    std::optional<std::string> Query(std::string_view name) const;
    /// Value of the first cookie with this name; nullopt when absent.
    std::optional<std::string> Cookie(std::string_view name) const;
    /// Media type of the body, lower-case, without parameters ("multipart/form-data").
    std::string MediaType() const;
    /// True when Accept-Encoding allows gzip.
    bool AcceptsGzip() const;
    /// The body parsed as application/x-www-form-urlencoded or multipart/form-data, parsed on first
    /// call and cached; kInvalidInput when malformed or of another type, kTooLarge over form_limits.
    core::Result<const ::oqu::platform::http::Form*> Form();

private:
    std::unique_ptr<::oqu::platform::http::Form> form_;
    std::optional<core::Error> form_error_;
};

}  // namespace oqu::platform::http
