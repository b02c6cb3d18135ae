#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "platform/http/request.hpp"

namespace oqu::platform::http {

/// Limits of the request parser, taken from ServerOptions.
struct ParserLimits {
    std::size_t max_request_line = 8 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::uint64_t max_body_bytes = 1 << 20;  ///< Largest body any route accepts (max_upload_bytes).
};

/// The incremental HTTP/1.1 request parser the server uses (Beast's parser with our limits,
/// wrapped so no Beast type leaves the .cpp). One instance per request.
class RequestParser {
public:
    /// Receives body bytes as they are decoded (chunked encoding removed); an error stops parsing.
    using BodySink = std::function<core::Status(std::string_view bytes)>;

    explicit RequestParser(const ParserLimits& limits);
    ~RequestParser();
    RequestParser(const RequestParser&) = delete;
    RequestParser& operator=(const RequestParser&) = delete;

    /// Consumes some of `data` (call again with the unused rest plus more input); returns bytes used,
    /// 0 when more input is needed. On error, LastErrorStatus() says what to answer.
    core::Result<std::size_t> Put(std::string_view data, const BodySink& sink);
    /// Tells the parser the connection hit EOF; completes a body delimited by close.
    core::Status PutEof();
    /// True once the request line and headers are parsed.
    bool HeaderDone() const;
    /// True once the whole message, body included, is parsed.
    bool Done() const;
    /// Status for the last error: 400, 413 (body), 414 (request line), 431 (headers), 501 (method).
    int LastErrorStatus() const;
    /// Sets the route's body limit once the head is parsed (must not exceed limits.max_body_bytes);
    /// kTooLarge at once when Content-Length is over it, else chunked bodies fail with 413 later.
    core::Status SetBodyLimit(std::uint64_t bytes);
    /// Content-Length when given.
    std::optional<std::uint64_t> ContentLength() const;
    /// True when the body uses chunked transfer coding.
    bool Chunked() const;
    /// Whether the connection may stay open after this request (HTTP/1.1 default, Connection header).
    bool KeepAlive() const;
    /// True when the client sent "Expect: 100-continue".
    bool ExpectsContinue() const;
    /// Moves method, target, path, query and headers into `out`; kInvalidInput when the target's
    /// path is not a valid normalised origin-form path (then answer 400).
    core::Status TakeHead(Request& out);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Feeds `bytes` to a fresh RequestParser in one go with `limits`, discarding the body; the error
/// status (400/413/414/431) or 0 when a complete request parsed. Used by the fuzzer and tests.
int ParseWholeRequest(std::string_view bytes, const ParserLimits& limits);

}  // namespace oqu::platform::http
