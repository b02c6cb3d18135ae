#include "platform/auth/gate.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "platform/auth/tokens.hpp"
#include "platform/log/log.hpp"
#include "platform/web/pages.hpp"

namespace oqu::platform::auth {

namespace {

// What the gate learned about one request; kept in Request::auth_state.
struct RequestAuth {
    std::shared_ptr<const SessionState> session;
    std::string csrf;  // The token this request's forms carry (the session's or the anonymous one).
};

const RequestAuth* StateOf(const http::Request& request) {
    return static_cast<const RequestAuth*>(request.auth_state.get());
}

bool ChangesState(http::Method method) {
    return method == http::Method::kPost || method == http::Method::kPut || method == http::Method::kPatch ||
           method == http::Method::kDelete;
}

bool IsHexToken(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool PathIn(std::string_view path, const std::vector<std::string>& paths) {
    return std::any_of(paths.begin(), paths.end(), [path](const std::string& p) { return path == p; });
}

// The token a state-changing request carries: the header (API clients), else the form field.
std::string SentCsrf(http::Request& request) {
    if (auto header = request.Header(kCsrfHeader); !header.empty()) return std::string(header);
    auto form = request.Form();
    if (!form) return {};
    const std::string* field = form.value()->Field(kCsrfField);
    return field != nullptr ? *field : std::string{};
}

http::Response Refuse(const web::Renderer& renderer, const http::Request& request, core::ErrorCode code,
                      const char* key) {
    auto response = web::RenderError(renderer, request, core::MakeError(code, key, "auth gate"));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

// Only a local path may follow a login: "/x" but not "//evil.example" or "/\evil".
bool IsLocalTarget(std::string_view target) {
    return !target.empty() && target.front() == '/' &&
           (target.size() == 1 || (target[1] != '/' && target[1] != '\\'));
}

std::string UrlEncode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

}  // namespace

std::string SessionCookieName(const GateOptions& options) {
    return options.secure_cookies ? "__Host-oqu_session" : "oqu_session";
}

std::string AnonymousCsrfCookieName(const GateOptions& options) {
    return options.secure_cookies ? "__Host-oqu_csrf" : "oqu_csrf";
}

http::CookieOptions SessionCookie(const GateOptions& options, std::string token) {
    return {.name = SessionCookieName(options),
            .value = std::move(token),
            .path = "/",
            .http_only = true,
            .secure = options.secure_cookies,
            .same_site = http::SameSite::kLax};
}

http::CookieOptions ExpiredSessionCookie(const GateOptions& options) {
    auto cookie = SessionCookie(options, "");
    cookie.max_age = std::chrono::seconds(0);
    return cookie;
}

void Navigation::Add(NavItem item) {
    items_.push_back(std::move(item));
    std::stable_sort(items_.begin(), items_.end(),
                     [](const NavItem& a, const NavItem& b) { return a.order < b.order; });
}

std::vector<const NavItem*> Navigation::For(const Principal& who) const {
    std::vector<const NavItem*> out;
    for (const auto& item : items_) {
        if (item.capability == nullptr || !ScopesWith(who, *item.capability).empty()) out.push_back(&item);
    }
    return out;
}

const SessionState* CurrentSession(const http::Request& request) {
    const auto* state = StateOf(request);
    return state != nullptr ? state->session.get() : nullptr;
}

const Principal* CurrentPrincipal(const http::Request& request) {
    const auto* session = CurrentSession(request);
    return session != nullptr && !session->second_factor_pending ? &session->principal : nullptr;
}

std::string_view CsrfToken(const http::Request& request) {
    const auto* state = StateOf(request);
    return state != nullptr ? std::string_view(state->csrf) : std::string_view{};
}

nlohmann::json PageSession(const http::Request& request, const Navigation& navigation,
                           const web::Strings& strings) {
    nlohmann::json out = {{"signed_in", false}, {"csrf", std::string(CsrfToken(request))}};
    const auto* session = CurrentSession(request);
    if (session == nullptr || session->second_factor_pending) return out;
    const auto lang = web::RequestLanguage(request);
    out["signed_in"] = true;
    out["name"] = session->principal.display_name;
    out["login"] = session->principal.login;
    nlohmann::json nav = nlohmann::json::array();
    if (!session->second_factor_required) {
        for (const NavItem* item : navigation.For(session->principal)) {
            const bool current = request.path == item->href || (request.path.size() > item->href.size() &&
                                                                request.path.starts_with(item->href) &&
                                                                request.path[item->href.size()] == '/');
            nav.push_back({{"href", item->href},
                           {"label", strings.Get(lang, item->label_key)},
                           {"description", strings.Get(lang, item->description_key)},
                           {"current", current}});
        }
    }
    out["nav"] = std::move(nav);
    return out;
}

void InstallGate(http::Router& router, std::shared_ptr<SessionResolver> resolver, web::Renderer& renderer,
                 const Navigation& navigation, GateOptions options) {
    renderer.SetPageSession([&navigation, &renderer](const http::Request& request) {
        return PageSession(request, navigation, renderer.strings());
    });
    auto shared_options = std::make_shared<const GateOptions>(std::move(options));
    router.Wrap([resolver = std::move(resolver), &renderer, shared_options](
                    const http::RouteInfo& route, http::Handler handler) -> http::Handler {
        if (route.options.audience == http::Audience::kStateless) return handler;
        const auto audience = route.options.audience;
        return [resolver, &renderer, shared_options, audience,
                handler = std::move(handler)](http::Request& request) -> http::Response {
            const GateOptions& gate = *shared_options;
            auto state = std::make_shared<RequestAuth>();
            const auto now = core::Instant(
                std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
            if (auto cookie = request.Cookie(SessionCookieName(gate)); cookie && IsHexToken(*cookie)) {
                state->session = resolver->Resolve(*cookie, now);
            }
            bool new_anonymous_token = false;
            if (state->session) {
                request.user_id = state->session->principal.user_id;
                state->csrf = state->session->csrf_token;
            } else if (auto anon = request.Cookie(AnonymousCsrfCookieName(gate)); anon && IsHexToken(*anon)) {
                state->csrf = *anon;
            } else {
                state->csrf = RandomToken(32);
                new_anonymous_token = true;
            }
            request.auth_state = state;

            // CSRF first: a forged request must not even learn whether its session is valid.
            if (ChangesState(request.method)) {
                const std::string sent = SentCsrf(request);
                if (new_anonymous_token || sent.empty() || !ConstantTimeEquals(sent, state->csrf)) {
                    log::LogEvent(log::Level::kWarn, "csrf_refused",
                                  {{"request_id", request.request_id}, {"path", request.path}});
                    return Refuse(renderer, request, core::ErrorCode::kForbidden, "auth.csrf_failed");
                }
            }
            const SessionState* session = state->session.get();
            const bool is_get = request.method == http::Method::kGet || request.method == http::Method::kHead;
            if (audience == http::Audience::kSignedIn && session == nullptr) {
                if (is_get && web::WantsHtml(request)) {
                    std::string location = gate.login_path;
                    if (IsLocalTarget(request.target)) location += "?next=" + UrlEncode(request.target);
                    return http::Response::Redirect(location);
                }
                return Refuse(renderer, request, core::ErrorCode::kUnauthenticated, "web.error_401");
            }
            if (session != nullptr && (session->second_factor_pending || session->second_factor_required)) {
                const auto& allowed =
                    session->second_factor_pending ? gate.second_factor_paths : gate.enrolment_paths;
                if (!PathIn(request.path, allowed) && audience == http::Audience::kSignedIn) {
                    if (is_get) return http::Response::Redirect(allowed.front());
                    return Refuse(renderer, request, core::ErrorCode::kForbidden,
                                  "auth.second_factor_needed");
                }
            }
            if (session != nullptr && !session->second_factor_pending) {
                if (auto lang = request.Query("lang");
                    lang && web::ParseLanguage(*lang) && *lang != session->lang) {
                    resolver->SaveLanguage(session->principal.user_id, *lang);
                }
            }

            http::Response response = handler(request);
            if (new_anonymous_token) {
                response.SetCookie({.name = AnonymousCsrfCookieName(gate),
                                    .value = state->csrf,
                                    .path = "/",
                                    .http_only = true,
                                    .secure = gate.secure_cookies,
                                    .same_site = http::SameSite::kStrict});
            }
            // Pages of a signed-in user hold personal data: never store them in shared caches.
            if (session != nullptr && response.Header("Cache-Control").empty()) {
                response.SetHeader("Cache-Control", "no-store");
            }
            return response;
        };
    });
}

}  // namespace oqu::platform::auth
