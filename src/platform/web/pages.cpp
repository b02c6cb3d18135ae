#include "platform/web/pages.hpp"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/http/errors.hpp"
#include "platform/log/log.hpp"

namespace oqu::platform::web {

Language RequestLanguage(const http::Request& request) {
    if (auto q = request.Query("lang"); q && ParseLanguage(*q)) return *ParseLanguage(*q);
    const auto cookie = request.Cookie("lang");
    return NegotiateLanguage(cookie ? *cookie : std::string_view{}, request.Header("Accept-Language"));
}

bool WantsHtml(const http::Request& request) {
    const auto accept = request.Header("Accept");
    return accept.find("text/html") != std::string_view::npos;
}

namespace {

http::Response InternalErrorPage(const Renderer& renderer, const http::Request* request, Language lang) {
    nlohmann::json ctx = {{"status", 500},
                          {"heading", renderer.strings().Get(lang, "web.error_500_title")},
                          {"message", renderer.strings().Get(lang, "web.error_500")},
                          {"request_id", request != nullptr ? request->request_id : std::string{}}};
    nlohmann::json session;
    if (request != nullptr && renderer.page_session()) session = renderer.page_session()(*request);
    ctx["session"] = session;
    auto html = renderer.RenderPage("web/error", ctx, lang, "web.error_500_title", "/", &session);
    // If even the error page cannot render, a plain sentence is still better than nothing.
    return http::Response::Html(html ? std::move(html.value()) : "Internal error", 500);
}

// Error page for a status the server or a handler produced, keyed "web.error_<status>".
http::Response StatusPage(const Renderer& renderer, const http::Request* request, int status,
                          std::string_view code, const std::string& requirement,
                          const std::string& message_key, const std::map<std::string, std::string>& args) {
    const Language lang = request != nullptr ? RequestLanguage(*request) : Language::kKk;
    const std::string key = message_key.empty() ? fmt::format("web.error_{}", status) : message_key;
    const std::string message = renderer.strings().Format(lang, key, args);
    if (request == nullptr || !WantsHtml(*request)) {
        auto response = http::ErrorResponse(status, code, message);
        if (!requirement.empty()) {
            // The JSON helper for server errors has no requirement field; rebuild with it.
            nlohmann::json body = {
                {"error", {{"code", code}, {"message", message}, {"requirement", requirement}}}};
            response.body = body.dump();
        }
        return response;
    }
    nlohmann::json ctx = {
        {"status", status},
        {"heading", renderer.strings().Get(lang, fmt::format("web.error_{}_title", status))},
        {"message", message},
        {"request_id", request->request_id},
        {"requirement", requirement}};
    nlohmann::json session;
    if (renderer.page_session()) session = renderer.page_session()(*request);
    ctx["session"] = session;
    auto html =
        renderer.RenderPage("web/error", ctx, lang, fmt::format("web.error_{}_title", status), "/", &session);
    if (!html) return InternalErrorPage(renderer, request, lang);
    return http::Response::Html(std::move(html.value()), status);
}

}  // namespace

http::Response RenderPage(const Renderer& renderer, const http::Request& request, std::string_view name,
                          const nlohmann::json& context, std::string_view title_key) {
    const Language lang = RequestLanguage(request);
    core::Result<std::string> html = std::string{};
    if (renderer.page_session()) {
        nlohmann::json session = renderer.page_session()(request);
        nlohmann::json page = context;
        page["session"] = session;
        html = renderer.RenderPage(name, page, lang, title_key, request.path, &session);
    } else {
        html = renderer.RenderPage(name, context, lang, title_key, request.path);
    }
    if (!html) {
        log::LogEvent(
            log::Level::kError, "render_failed",
            {{"request_id", request.request_id}, {"template", name}, {"detail", html.error().detail}});
        return InternalErrorPage(renderer, &request, lang);
    }
    auto response = http::Response::Html(std::move(html.value()));
    if (request.Query("lang") && ParseLanguage(*request.Query("lang"))) {
        response.SetCookie({.name = "lang",
                            .value = std::string(LanguageTag(lang)),
                            .max_age = std::chrono::seconds(365LL * 24 * 3600),
                            .http_only = true});
    }
    return response;
}

http::Response RenderError(const Renderer& renderer, const http::Request& request, const core::Error& error) {
    const int status = http::HttpStatus(error.code);
    const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
    if (!WantsHtml(request)) {
        return http::ErrorResponse(
            error, renderer.strings().Format(RequestLanguage(request), error.message_key, args));
    }
    return StatusPage(renderer, &request, status, core::ErrorCodeName(error.code), error.requirement,
                      error.message_key, args);
}

http::ErrorPageRenderer MakeErrorPageRenderer(const Renderer& renderer) {
    return [&renderer](int status, const http::Request* request) {
        return StatusPage(renderer, request, status, http::ErrorCodeForStatus(status), {}, {}, {});
    };
}

}  // namespace oqu::platform::web
