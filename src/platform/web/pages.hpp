#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/server.hpp"
#include "platform/web/language.hpp"
#include "platform/web/renderer.hpp"

namespace oqu::platform::web {

/// The language of a request: `?lang=`, then the `lang` cookie, then Accept-Language, else kk.
Language RequestLanguage(const http::Request& request);

/// True when the client prefers HTML (a browser) over JSON (an API client or script).
bool WantsHtml(const http::Request& request);

/// Renders a full page (template inside the layout) in the request's language; remembers an
/// explicit `?lang=` choice in the `lang` cookie. A render failure is a bug: 500 page.
http::Response RenderPage(const Renderer& renderer, const http::Request& request, std::string_view name,
                          const nlohmann::json& context, std::string_view title_key);

/// The translated error response for an expected failure: HTML page for browsers, the JSON error
/// shape of STYLE.md §6 for API clients; status from http::HttpStatus.
http::Response RenderError(const Renderer& renderer, const http::Request& request, const core::Error& error);

/// Renders the server's own errors (404, 405, 413, 431, 500, ...) as translated HTML or JSON.
http::ErrorPageRenderer MakeErrorPageRenderer(const Renderer& renderer);

}  // namespace oqu::platform::web
