#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace oqu::platform::http {

/// Runs on a worker thread (it may block on the database) and returns the response.
using Handler = std::function<Response(Request&)>;

/// Who a route serves; the auth gate (platform/auth) enforces it. The default is the safe one.
enum class Audience {
    kSignedIn,   ///< Signed-in users only: visitors are sent to the login page (401 for API clients).
    kAnyone,     ///< Visitors too (login page, home); the session is still resolved when present.
    kStateless,  ///< Never looks at sessions or CSRF (health probes, static files, metrics); GET only.
};

/// Per-route settings.
struct RouteOptions {
    /// Largest body accepted, in bytes; 0 means ServerOptions::max_body_bytes. Upload routes set
    /// it (e.g. 50 MiB); it is capped by ServerOptions::max_upload_bytes.
    std::uint64_t max_body = 0;
    /// True for a handler that never blocks (no database, no disk, no lock held long): it then
    /// runs on the I/O thread, saving the two thread hops of the worker pool. Health probes only.
    bool non_blocking = false;
    /// Who may call the route (see Audience).
    Audience audience = Audience::kSignedIn;
};

/// One registered route, as listed by Router::Routes (tests generate per-route checks from it).
struct RouteInfo {
    Method method = Method::kGet;
    std::string pattern;
    RouteOptions options;
};

/// Wraps a route's handler (auth, CSRF): receives the route and its handler, returns the new one.
using Middleware = std::function<Handler(const RouteInfo& route, Handler handler)>;

/// Outcome of matching a method and path.
struct RouteMatch {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Handler* handler = nullptr;       ///< Set when kFound.
    const RouteOptions* options = nullptr;  ///< Set when kFound.
    std::string pattern;                    ///< The matched pattern when kFound.
    FieldList params;                       ///< Captures when kFound.
    bool head_as_get = false;               ///< HEAD served by the GET handler: drop the body.
    std::string allow;                      ///< "GET, HEAD, POST" when kMethodNotAllowed.
};

/// Method + path pattern table. Patterns are literal segments, `{name}` (one segment) and a
/// final `{name*}` (the rest of the path, possibly empty). Literal segments win over captures.
/// Add all routes before Server::Start; Find is then safe from many threads.
class Router {
public:
    Router();
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;
    Router(Router&&) noexcept;
    Router& operator=(Router&&) noexcept;

    /// Registers a handler; throws core::InternalError on a malformed or duplicate pattern (a bug).
    void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
    /// Finds the route for a decoded, normalised path; HEAD falls back to GET.
    RouteMatch Find(Method method, std::string_view path) const;
    /// Every route added so far, sorted by pattern then method.
    std::vector<RouteInfo> Routes() const;
    /// Replaces every route's handler by `middleware(route, handler)`; routes added later are
    /// not wrapped, so call it once, after the last Add and before the server starts.
    void Wrap(const Middleware& middleware);

    /// One path segment of the route trie; defined in router.cpp.
    struct Node;

private:
    std::unique_ptr<Node> root_;
};

}  // namespace oqu::platform::http
