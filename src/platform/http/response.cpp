#include "platform/http/response.hpp"

#include <fmt/format.h>

#include "platform/http/text.hpp"
#include "platform/http/url.hpp"

namespace oqu::platform::http {
namespace {

Response WithType(std::string body, int status, std::string_view type) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", std::string(type));
    return r;
}

// A quoted-string-safe ASCII fallback for Content-Disposition's filename parameter.
std::string AsciiFallbackName(std::string_view name) {
    std::string out;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u >= 0x7F || c == '"' || c == '\\' || c == '/' || c == ';') ? '_' : c;
    }
    return out.empty() ? std::string("download") : out;
}

}  // namespace

std::string FormatSetCookie(const CookieOptions& cookie) {
    std::string out = cookie.name + "=" + cookie.value;
    if (!cookie.path.empty()) out += "; Path=" + cookie.path;
    if (cookie.max_age) out += fmt::format("; Max-Age={}", cookie.max_age->count());
    if (cookie.http_only) out += "; HttpOnly";
    // Browsers reject SameSite=None without Secure, so None implies Secure.
    if (cookie.secure || cookie.same_site == SameSite::kNone) out += "; Secure";
    switch (cookie.same_site) {
        case SameSite::kLax:
            out += "; SameSite=Lax";
            break;
        case SameSite::kStrict:
            out += "; SameSite=Strict";
            break;
        case SameSite::kNone:
            out += "; SameSite=None";
            break;
    }
    return out;
}

void Response::SetHeader(std::string_view name, std::string_view value) {
    RemoveHeader(name);
    headers.emplace_back(std::string(name), std::string(value));
}

void Response::AddHeader(std::string_view name, std::string_view value) {
    headers.emplace_back(std::string(name), std::string(value));
}

std::string_view Response::Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (EqualsIgnoreCase(k, name)) return v;
    }
    return {};
}

void Response::RemoveHeader(std::string_view name) {
    std::erase_if(headers, [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
}

void Response::SetCookie(const CookieOptions& cookie) {
    AddHeader("Set-Cookie", FormatSetCookie(cookie));
}

Response Response::Text(std::string body, int status) {
    return WithType(std::move(body), status, "text/plain; charset=utf-8");
}

Response Response::Html(std::string body, int status) {
    return WithType(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::Json(std::string json, int status) {
    return WithType(std::move(json), status, "application/json");
}

Response Response::Redirect(std::string_view location, int status) {
    Response r;
    r.status = status;
    r.headers.emplace_back("Location", std::string(location));
    return r;
}

Response Response::NoContent() {
    Response r;
    r.status = 204;
    return r;
}

Response Response::SendFile(std::filesystem::path path, std::string_view content_type, bool attachment,
                            std::string etag, std::string_view download_name) {
    Response r;
    r.headers.emplace_back("Content-Type", std::string(content_type));
    if (!etag.empty()) r.headers.emplace_back("ETag", std::move(etag));
    if (attachment) {
        const std::string name =
            download_name.empty() ? path.filename().string() : std::string(download_name);
        // RFC 6266: an ASCII fallback for old clients plus the exact UTF-8 name in filename*.
        r.headers.emplace_back("Content-Disposition",
                               fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}",
                                           AsciiFallbackName(name), PercentEncode(name)));
    }
    r.file = std::move(path);
    return r;
}

Response Response::EventStream(SseOpenHandler on_open) {
    Response r;
    r.headers.emplace_back("Content-Type", "text/event-stream");
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.on_event_stream = std::move(on_open);
    return r;
}

}  // namespace oqu::platform::http
