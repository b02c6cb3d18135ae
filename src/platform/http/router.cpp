#include "platform/http/router.hpp"

#include <algorithm>
#include <map>

#include "core/assert.hpp"

namespace oqu::platform::http {

struct Router::Node {
    struct Endpoint {
        Handler handler;
        RouteOptions options;
        std::string pattern;
        std::vector<std::string> param_names;  ///< Names of the captures in path order.
    };
    using Endpoints = std::map<Method, Endpoint>;

    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::unique_ptr<Node> param;  ///< Child for a `{name}` segment.
    Endpoints endpoints;          ///< Routes ending exactly here.
    Endpoints tail_endpoints;     ///< Routes ending here with a `{name*}` tail.
};

namespace {

using Node = Router::Node;

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> out;
    if (path.size() <= 1) return out;
    std::size_t pos = 1;
    while (true) {
        const std::size_t end = path.find('/', pos);
        if (end == std::string_view::npos) {
            out.push_back(path.substr(pos));
            break;
        }
        out.push_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

struct Candidate {
    const Node::Endpoints* endpoints;
    std::vector<std::string> captures;
};

// Depth-first in priority order (literal, capture, tail), collecting every route whose path matches.
void Collect(const Node& node, const std::vector<std::string_view>& segments, std::size_t i,
             std::vector<std::string>& captures, std::vector<Candidate>& out) {
    if (i == segments.size() && !node.endpoints.empty()) out.push_back({&node.endpoints, captures});
    if (i < segments.size()) {
        const auto it = node.literals.find(segments[i]);
        if (it != node.literals.end()) Collect(*it->second, segments, i + 1, captures, out);
        if (node.param && !segments[i].empty()) {
            captures.emplace_back(segments[i]);
            Collect(*node.param, segments, i + 1, captures, out);
            captures.pop_back();
        }
    }
    if (!node.tail_endpoints.empty()) {
        std::string rest;
        for (std::size_t k = i; k < segments.size(); ++k) {
            if (k > i) rest += '/';
            rest += segments[k];
        }
        captures.push_back(std::move(rest));
        out.push_back({&node.tail_endpoints, captures});
        captures.pop_back();
    }
}

std::string AllowList(const Node::Endpoints& endpoints) {
    std::string out;
    const auto add = [&](Method m) {
        if (!out.empty()) out += ", ";
        out += MethodName(m);
    };
    for (const auto& [m, e] : endpoints) {
        add(m);
        if (m == Method::kGet && !endpoints.contains(Method::kHead)) add(Method::kHead);
    }
    return out;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}

Router::~Router() = default;

Router::Router(Router&&) noexcept = default;

Router& Router::operator=(Router&&) noexcept = default;

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
    OQU_ASSERT(!pattern.empty() && pattern.front() == '/', "route pattern must start with '/'");
    OQU_ASSERT(method != Method::kOther, "route method must be a known method");
    Node* node = root_.get();
    std::vector<std::string> names;
    const auto segments = SplitPath(pattern);
    bool tail = false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string_view seg = segments[i];
        if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
            std::string_view name = seg.substr(1, seg.size() - 2);
            if (!name.empty() && name.back() == '*') {
                OQU_ASSERT(i + 1 == segments.size(), "a {name*} tail must be the last segment");
                name.remove_suffix(1);
                tail = true;
            }
            OQU_ASSERT(!name.empty(), "route capture needs a name");
            names.emplace_back(name);
            if (tail) break;
            if (!node->param) node->param = std::make_unique<Node>();
            node = node->param.get();
            continue;
        }
        OQU_ASSERT(seg.find_first_of("{}") == std::string_view::npos, "braces only around a whole segment");
        auto it = node->literals.find(seg);
        if (it == node->literals.end()) {
            it = node->literals.emplace(std::string(seg), std::make_unique<Node>()).first;
        }
        node = it->second.get();
    }
    auto& endpoints = tail ? node->tail_endpoints : node->endpoints;
    OQU_ASSERT(!endpoints.contains(method), "duplicate route");
    endpoints.emplace(method,
                      Node::Endpoint{std::move(handler), options, std::move(pattern), std::move(names)});
}

RouteMatch Router::Find(Method method, std::string_view path) const {
    RouteMatch match;
    const auto segments = SplitPath(path);
    std::vector<std::string> captures;
    std::vector<Candidate> candidates;
    Collect(*root_, segments, 0, captures, candidates);
    if (candidates.empty()) return match;
    for (auto& c : candidates) {
        auto it = c.endpoints->find(method);
        bool head_as_get = false;
        if (it == c.endpoints->end() && method == Method::kHead) {
            it = c.endpoints->find(Method::kGet);
            head_as_get = true;
        }
        if (it == c.endpoints->end()) continue;
        const Node::Endpoint& e = it->second;
        match.kind = RouteMatch::Kind::kFound;
        match.handler = &e.handler;
        match.options = &e.options;
        match.pattern = e.pattern;
        match.head_as_get = head_as_get;
        for (std::size_t i = 0; i < e.param_names.size() && i < c.captures.size(); ++i) {
            match.params.emplace_back(e.param_names[i], std::move(c.captures[i]));
        }
        return match;
    }
    match.kind = RouteMatch::Kind::kMethodNotAllowed;
    match.allow = AllowList(*candidates.front().endpoints);
    return match;
}

namespace {

template <typename Fn>
void VisitEndpoints(Node& node, const Fn& fn) {
    for (auto& [method, endpoint] : node.endpoints) fn(method, endpoint);
    for (auto& [method, endpoint] : node.tail_endpoints) fn(method, endpoint);
    for (auto& [segment, child] : node.literals) VisitEndpoints(*child, fn);
    if (node.param) VisitEndpoints(*node.param, fn);
}

}  // namespace

std::vector<RouteInfo> Router::Routes() const {
    std::vector<RouteInfo> out;
    VisitEndpoints(*root_, [&out](Method method, const Node::Endpoint& e) {
        out.push_back({method, e.pattern, e.options});
    });
    std::sort(out.begin(), out.end(), [](const RouteInfo& a, const RouteInfo& b) {
        return a.pattern != b.pattern ? a.pattern < b.pattern : a.method < b.method;
    });
    return out;
}

void Router::Wrap(const Middleware& middleware) {
    VisitEndpoints(*root_, [&middleware](Method method, Node::Endpoint& e) {
        e.handler = middleware(RouteInfo{method, e.pattern, e.options}, std::move(e.handler));
    });
}

}  // namespace oqu::platform::http
