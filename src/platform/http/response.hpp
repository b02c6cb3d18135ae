#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/request.hpp"

namespace oqu::platform::http {

/// SameSite attribute of a cookie.
enum class SameSite { kLax, kStrict, kNone };

/// A Set-Cookie header's parts.
struct CookieOptions {
    std::string name;
    std::string value;  ///< Sent as is: must be a valid cookie-octet string.
    std::string path = "/";
    std::optional<std::chrono::seconds> max_age;  ///< nullopt: session cookie; 0 deletes the cookie.
    bool http_only = true;
    bool secure = false;
    SameSite same_site = SameSite::kLax;
};

/// Formats a Set-Cookie header value ("sid=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax").
std::string FormatSetCookie(const CookieOptions& cookie);

/// The server side of one Server-Sent Events stream. Methods are thread-safe and may be called
/// from any thread for as long as the caller holds the pointer.
class SseChannel {
public:
    virtual ~SseChannel() = default;
    /// Queues one event (data split into `data:` lines); false once the client is gone or the
    /// channel closed (also when the client fell too far behind and was dropped).
    virtual bool Send(std::string_view event, std::string_view data, std::string_view id = {}) = 0;
    /// Ends the stream after queued events are written; idempotent.
    virtual void Close() = 0;
    /// False after Close, a failed write, client disconnect or server shutdown.
    virtual bool IsOpen() const = 0;
};

/// Called once on a worker thread when an event stream's headers have been queued.
using SseOpenHandler = std::function<void(std::shared_ptr<SseChannel>)>;

/// One HTTP response built by a handler. Content-Length, Date, X-Request-Id and the security
/// headers are added by the server.
struct Response {
    int status = 200;
    FieldList headers;               ///< Extra headers in order (Content-Type among them).
    std::string body;                ///< Body bytes (ignored when `file` or `on_event_stream` is set).
    std::filesystem::path file;      ///< When set, the server streams this file as the body.
    SseOpenHandler on_event_stream;  ///< When set, the response is a text/event-stream.

    /// Sets a header, replacing any with the same name (case-insensitive).
    void SetHeader(std::string_view name, std::string_view value);
    /// Appends a header, keeping existing ones with the same name.
    void AddHeader(std::string_view name, std::string_view value);
    /// First header value with this name (case-insensitive), or empty.
    std::string_view Header(std::string_view name) const;
    /// Removes every header with this name (case-insensitive).
    void RemoveHeader(std::string_view name);
    /// Appends a Set-Cookie header.
    void SetCookie(const CookieOptions& cookie);

    /// text/plain; charset=utf-8.
    static Response Text(std::string body, int status = 200);
    /// text/html; charset=utf-8.
    static Response Html(std::string body, int status = 200);
    /// application/json with an already serialised JSON document.
    static Response Json(std::string json, int status = 200);
    /// A redirect (303 See Other by default) to `location`.
    static Response Redirect(std::string_view location, int status = 303);
    /// 204 No Content.
    static Response NoContent();
    /// Streams a file from disk; `etag` (with quotes, e.g. "\"abc\"") enables If-None-Match → 304;
    /// `attachment` adds Content-Disposition with `download_name` (or the file's name), UTF-8 safe.
    static Response SendFile(std::filesystem::path path, std::string_view content_type,
                             bool attachment = false, std::string etag = {},
                             std::string_view download_name = {});
    /// A Server-Sent Events stream; `on_open` receives the channel once the headers are queued.
    static Response EventStream(SseOpenHandler on_open);
};

}  // namespace oqu::platform::http
