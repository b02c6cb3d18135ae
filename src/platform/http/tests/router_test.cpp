#include "platform/http/router.hpp"

#include <gtest/gtest.h>

#include "core/assert.hpp"

namespace oqu::platform::http {
namespace {

Handler Named(const std::string& name) {
    return [name](Request&) { return Response::Text(name); };
}

std::string Call(const RouteMatch& m) {
    Request r;
    return (*m.handler)(r).body;
}

Router MakeRouter() {
    Router r;
    r.Add(Method::kGet, "/", Named("home"));
    r.Add(Method::kGet, "/courses/{id}", Named("course"));
    r.Add(Method::kPost, "/courses/{id}", Named("update"));
    r.Add(Method::kGet, "/courses/new", Named("new"));
    r.Add(Method::kGet, "/courses/{id}/files/{file_id}", Named("file"));
    r.Add(Method::kGet, "/static/{path*}", Named("static"), RouteOptions{.max_body = 7});
    return r;
}

/// Captures are named and literal segments win over them.
TEST(RouterTest, MatchesParamsAndLiterals) {
    const Router r = MakeRouter();
    auto m = r.Find(Method::kGet, "/courses/42/files/7");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.pattern, "/courses/{id}/files/{file_id}");
    EXPECT_EQ(m.params, (FieldList{{"id", "42"}, {"file_id", "7"}}));
    EXPECT_EQ(Call(r.Find(Method::kGet, "/courses/new")), "new");
    EXPECT_EQ(Call(r.Find(Method::kGet, "/courses/5")), "course");
    EXPECT_EQ(Call(r.Find(Method::kGet, "/")), "home");
    // POST /courses/new falls through to the capture route that has POST.
    EXPECT_EQ(Call(r.Find(Method::kPost, "/courses/new")), "update");
}

/// A tail wildcard takes the rest of the path, possibly empty, and carries its options.
TEST(RouterTest, TailWildcard) {
    const Router r = MakeRouter();
    auto m = r.Find(Method::kGet, "/static/css/app.css");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.params, (FieldList{{"path", "css/app.css"}}));
    EXPECT_EQ(m.options->max_body, 7u);
    EXPECT_EQ(r.Find(Method::kGet, "/static/").params, (FieldList{{"path", ""}}));
}

/// Unknown paths are 404; known paths with another method are 405 with Allow.
TEST(RouterTest, NotFoundAndMethodNotAllowed) {
    const Router r = MakeRouter();
    EXPECT_EQ(r.Find(Method::kGet, "/nope").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(r.Find(Method::kGet, "/courses").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(r.Find(Method::kGet, "/courses/1/files").kind, RouteMatch::Kind::kNotFound);
    auto m = r.Find(Method::kDelete, "/courses/1");
    EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(m.allow, "GET, HEAD, POST");
}

/// HEAD is served by the GET handler, flagged so the server drops the body.
TEST(RouterTest, HeadFallsBackToGet) {
    const Router r = MakeRouter();
    auto m = r.Find(Method::kHead, "/courses/3");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_TRUE(m.head_as_get);
    EXPECT_EQ(Call(m), "course");
}

/// Malformed or duplicate patterns are bugs.
TEST(RouterTest, RejectsBadPatterns) {
    Router r;
    r.Add(Method::kGet, "/a/{id}", Named("a"));
    EXPECT_THROW(r.Add(Method::kGet, "/a/{id}", Named("b")), core::InternalError);
    EXPECT_THROW(r.Add(Method::kGet, "/b/{rest*}/x", Named("c")), core::InternalError);
    EXPECT_THROW(r.Add(Method::kGet, "no-slash", Named("d")), core::InternalError);
}

/// Routes() lists every route with its options, so per-route security tests cover new routes.
TEST(RouterTest, ListsEveryRoute) {
    Router r;
    r.Add(Method::kPost, "/b", Named("b"), {.audience = Audience::kAnyone});
    r.Add(Method::kGet, "/a/{id}", Named("a"));
    r.Add(Method::kGet, "/static/{path*}", Named("s"), {.audience = Audience::kStateless});
    const auto routes = r.Routes();
    ASSERT_EQ(routes.size(), 3U);
    EXPECT_EQ(routes[0].pattern, "/a/{id}");
    EXPECT_EQ(routes[0].options.audience, Audience::kSignedIn);
    EXPECT_EQ(routes[1].pattern, "/b");
    EXPECT_EQ(routes[1].method, Method::kPost);
    EXPECT_EQ(routes[1].options.audience, Audience::kAnyone);
    EXPECT_EQ(routes[2].pattern, "/static/{path*}");
}

/// Wrap replaces every handler, including tail routes, and tells the middleware which route it wraps.
TEST(RouterTest, WrapsEveryHandler) {
    Router r = MakeRouter();
    std::vector<std::string> seen;
    r.Wrap([&seen](const RouteInfo& route, Handler inner) -> Handler {
        seen.push_back(route.pattern);
        return [inner = std::move(inner)](Request& request) {
            Response response = inner(request);
            response.body = "wrapped:" + response.body;
            return response;
        };
    });
    EXPECT_EQ(seen.size(), r.Routes().size());
    auto m = r.Find(Method::kGet, "/courses/3");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(Call(m), "wrapped:course");
}

}  // namespace
}  // namespace oqu::platform::http
