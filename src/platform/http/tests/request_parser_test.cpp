#include "platform/http/request_parser.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::http {
namespace {

const ParserLimits kLimits{.max_request_line = 100, .max_header_bytes = 200, .max_body_bytes = 50};

/// A complete request parses; limits map to 413, 414 and 431; junk is 400.
TEST(RequestParserTest, StatusForLimits) {
    EXPECT_EQ(ParseWholeRequest("GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n", kLimits), 0);
    EXPECT_EQ(ParseWholeRequest("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", kLimits), 0);
    EXPECT_EQ(ParseWholeRequest("POST /a HTTP/1.1\r\nContent-Length: 51\r\n\r\n", kLimits), 413);
    EXPECT_EQ(ParseWholeRequest("GET /" + std::string(200, 'a') + " HTTP/1.1\r\n\r\n", kLimits), 414);
    EXPECT_EQ(ParseWholeRequest("GET / HTTP/1.1\r\nX: " + std::string(400, 'a') + "\r\n\r\n", kLimits), 431);
    EXPECT_EQ(ParseWholeRequest("garbage\r\n\r\n", kLimits), 400);
    EXPECT_EQ(ParseWholeRequest("GET /../x HTTP/1.1\r\n\r\n", kLimits), 400);
    EXPECT_EQ(ParseWholeRequest("GET / HTTP/1.1\r\nHost: x\r\n", kLimits), 400);
    EXPECT_EQ(ParseWholeRequest("", kLimits), 400);
}

/// Chunked bodies are decoded into the sink; Content-Length together with chunked is refused.
TEST(RequestParserTest, ChunkedAndSmuggling) {
    RequestParser p(kLimits);
    std::string body;
    const RequestParser::BodySink sink = [&](std::string_view b) {
        body += b;
        return core::OkStatus();
    };
    std::string in =
        "POST /u HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\n ab\r\n0\r\n\r\n";
    std::string_view rest = in;
    while (!p.Done()) {
        auto used = p.Put(rest, sink);
        ASSERT_TRUE(used);
        if (p.HeaderDone()) {
            ASSERT_TRUE(p.SetBodyLimit(50));
        }
        rest.remove_prefix(*used);
        if (*used == 0) break;
    }
    EXPECT_TRUE(p.Done());
    EXPECT_TRUE(p.Chunked());
    EXPECT_EQ(body, "hello ab");
    EXPECT_EQ(ParseWholeRequest("POST /u HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                                kLimits),
              400);
    EXPECT_EQ(ParseWholeRequest("POST /u HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", kLimits), 400);
}

/// TakeHead splits path and query and keeps headers in order.
TEST(RequestParserTest, TakeHead) {
    RequestParser p(kLimits);
    const std::string in = "GET /a/./b%20c?x=1 HTTP/1.1\r\nHost: h\r\nCookie: a=1\r\n\r\n";
    auto used = p.Put(in, {});
    ASSERT_TRUE(used);
    ASSERT_TRUE(p.HeaderDone());
    Request r;
    ASSERT_TRUE(p.TakeHead(r));
    EXPECT_EQ(r.method, Method::kGet);
    EXPECT_EQ(r.path, "/a/b c");
    EXPECT_EQ(r.query, "x=1");
    EXPECT_EQ(r.Header("COOKIE"), "a=1");
    EXPECT_TRUE(p.KeepAlive());
}

}  // namespace
}  // namespace oqu::platform::http
