#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/time.hpp"
#include "platform/auth/principal.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"

namespace oqu::platform::web {
class Renderer;
class Strings;
}  // namespace oqu::platform::web

namespace oqu::platform::auth {

/// What a session cookie stands for, as the identity module resolved it.
struct SessionState {
    Principal principal;
    std::string csrf_token;               ///< Per-session CSRF token (compare in constant time).
    std::string token_hash;               ///< HashToken(cookie value): the session's key.
    bool second_factor_pending = false;   ///< Password given, TOTP code not yet.
    bool second_factor_required = false;  ///< Has an administrative role but no TOTP enrolled yet.
    std::string lang;                     ///< The user's saved language ("kk"), empty if none.
};

/// Implemented by the identity module: turns a session cookie into a SessionState (checking the
/// idle and absolute timeouts, touching last-seen), and saves a user's language choice.
class SessionResolver {
public:
    virtual ~SessionResolver() = default;
    /// The live session of `token` at `now`, or null when unknown, expired or its user disabled.
    virtual std::shared_ptr<const SessionState> Resolve(std::string_view token, core::Instant now) = 0;
    /// Remembers a language the user chose with ?lang= (called only when it differs).
    virtual void SaveLanguage(std::int64_t user_id, std::string_view lang) = 0;
};

/// The cookie names and paths the gate uses.
struct GateOptions {
    /// "__Host-oqu_session" in production (Secure, Path=/, no Domain); "oqu_session" without TLS
    /// when config allows insecure cookies for local runs on 127.0.0.1.
    bool secure_cookies = true;
    std::string login_path = "/login";
    /// Paths a session with second_factor_pending may reach (everything else redirects to the first).
    std::vector<std::string> second_factor_paths = {"/login/second-factor", "/logout"};
    /// Paths a session with second_factor_required may reach (everything else redirects to the first).
    std::vector<std::string> enrolment_paths = {"/account/second-factor", "/account/second-factor/start",
                                                "/logout"};
};

/// The session cookie's name under these options.
std::string SessionCookieName(const GateOptions& options);
/// The anonymous CSRF cookie's name (double-submit token for forms shown before login).
std::string AnonymousCsrfCookieName(const GateOptions& options);
/// Set-Cookie options for a new session token (HttpOnly, SameSite=Lax, Secure per options).
http::CookieOptions SessionCookie(const GateOptions& options, std::string token);
/// Set-Cookie options that delete the session cookie.
http::CookieOptions ExpiredSessionCookie(const GateOptions& options);

/// The form field and header that carry the CSRF token.
inline constexpr std::string_view kCsrfField = "_csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

/// The session of the request, or null for a visitor (and on kStateless routes).
const SessionState* CurrentSession(const http::Request& request);
/// The principal of the request, or null for a visitor.
const Principal* CurrentPrincipal(const http::Request& request);
/// The CSRF token forms on this request's page must carry (session's or anonymous).
std::string_view CsrfToken(const http::Request& request);

/// One entry of the main navigation and of the role dashboard, declared by the module that owns
/// the page. Shown only to users who hold `capability` in some scope: the dashboard shows only
/// what is built and what the user may use.
struct NavItem {
    std::string href;                        ///< "/academics/programmes"
    std::string label_key;                   ///< Strings key of the link text.
    std::string description_key;             ///< Strings key of the one-line description on the dashboard.
    const Capability* capability = nullptr;  ///< Must outlive the server (a constexpr in permissions.hpp).
    int order = 100;                         ///< Lower first.
};

/// The navigation registry; modules add items while registering routes. Thread-safe for reads
/// once serving starts.
class Navigation {
public:
    void Add(NavItem item);
    /// The items `who` may use, in order.
    std::vector<const NavItem*> For(const Principal& who) const;

private:
    std::vector<NavItem> items_;
};

/// The "session" context of a page: {"signed_in": bool, "name", "login", "csrf", "nav": [{href,
/// label_key, description_key, current}]}. InstallGate installs it into the renderer, so every
/// template can use {{session.csrf}} in its forms: <input type="hidden" name="_csrf"
/// value="{{session.csrf}}">.
nlohmann::json PageSession(const http::Request& request, const Navigation& navigation,
                           const web::Strings& strings);

/// Wraps every route of `router` (call once, after all routes are added, before the server
/// starts):
///  - Audience::kStateless routes pass through untouched (health, static files, metrics).
///  - The session cookie, when present, is resolved; the request's user_id is set.
///  - Every POST/PUT/PATCH/DELETE must carry the CSRF token (form field `_csrf` or header
///    X-CSRF-Token): the session's, or for a visitor the anonymous double-submit cookie's;
///    otherwise 403 with "auth.csrf_failed" and the handler does not run.
///  - Audience::kSignedIn routes without a session: browsers are redirected to the login page
///    (with ?next=), API clients get 401.
///  - A session waiting for its second factor, or required to enrol one, is confined to the
///    paths in GateOptions.
///  - A ?lang= choice of a signed-in user is saved to the user.
void InstallGate(http::Router& router, std::shared_ptr<SessionResolver> resolver, web::Renderer& renderer,
                 const Navigation& navigation, GateOptions options);

}  // namespace oqu::platform::auth
