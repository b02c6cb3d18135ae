#include "platform/http/server.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/http/static_files.hpp"
#include "platform/http/tests/test_client.hpp"
#include "platform/log/log.hpp"

namespace oqu::platform::http {
namespace {

using namespace std::chrono_literals;
using testing::Client;
using testing::Fetch;

class ServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        log::SetMinLevel(log::Level::kError);
        dir_ = std::filesystem::temp_directory_path() /
               ("oqu-http-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_ / "static" / "css");
        std::filesystem::create_directories(dir_ / "tmp");
        options_.port = 0;
        options_.worker_threads = 4;
        options_.header_timeout = 1000ms;
        options_.idle_timeout = 500ms;
        options_.tmp_dir = dir_ / "tmp";
        router_.Add(Method::kGet, "/hello", [](Request& r) {
            Response resp = Response::Text("hello " + r.Query("name").value_or("world"));
            return resp;
        });
        router_.Add(Method::kPost, "/echo", [](Request& r) { return Response::Text(r.body); });
        router_.Add(Method::kGet, "/courses/{id}",
                    [](Request& r) { return Response::Json("{\"id\":" + std::string(r.Param("id")) + "}"); });
        router_.Add(Method::kGet, "/slow", [this](Request&) {
            slow_started_ = true;
            std::this_thread::sleep_for(500ms);
            return Response::Text("slow");
        });
        router_.Add(Method::kGet, "/big", [](Request&) { return Response::Text(std::string(5000, 'a')); });
        router_.Add(Method::kGet, "/static/{path*}", ServeStatic(dir_ / "static"));
        router_.Add(Method::kGet, "/events", [](Request&) {
            return Response::EventStream([](const std::shared_ptr<SseChannel>& channel) {
                channel->Send("greeting", "hello", "1");
                channel->Send("update", "line1\nline2", "2");
                channel->Close();
            });
        });
        router_.Add(
            Method::kPost, "/upload",
            [](Request& r) {
                auto form = r.Form();
                if (!form) return Response::Text("bad form", 400);
                const UploadedFile* f = (*form)->File("doc");
                if (f == nullptr) return Response::Text("no file", 400);
                auto content = f->ReadAll();
                std::uint64_t sum = 0;
                for (const char c : *content) sum = sum * 31 + static_cast<unsigned char>(c);
                return Response::Text(std::to_string(f->size) + " " + (f->path.empty() ? "memory" : "disk") +
                                      " " + std::to_string(sum) + " " + *(*form)->Field("title") + " " +
                                      (r.body_file.empty() ? "body-memory" : "body-disk"));
            },
            RouteOptions{.max_body = 4 << 20});
    }

    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    unsigned short StartServer() {
        server_ = std::make_unique<Server>(options_, router_);
        server_->Start();
        return server_->port();
    }

    std::filesystem::path dir_;
    ServerOptions options_;
    Router router_;
    std::unique_ptr<Server> server_;
    std::atomic<bool> slow_started_{false};
};

/// Several requests on one keep-alive connection, with request id and security headers.
TEST_F(ServerTest, KeepAliveRoundTrip) {
    const auto port = StartServer();
    Client c(port);
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.Send("GET /hello?name=Aru HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto r1 = c.Read();
    ASSERT_TRUE(r1);
    EXPECT_EQ(r1->status, 200);
    EXPECT_EQ(r1->body, "hello Aru");
    EXPECT_EQ(r1->headers["x-request-id"].size(), 16u);
    EXPECT_EQ(r1->headers["x-content-type-options"], "nosniff");
    EXPECT_EQ(r1->headers["x-frame-options"], "DENY");
    EXPECT_EQ(r1->headers["referrer-policy"], "strict-origin-when-cross-origin");
    EXPECT_NE(r1->headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r1->headers.count("strict-transport-security"), 0u);
    ASSERT_TRUE(c.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde"));
    auto r2 = c.Read();
    ASSERT_TRUE(r2);
    EXPECT_EQ(r2->body, "abcde");
    EXPECT_NE(r2->headers["x-request-id"], r1->headers["x-request-id"]);
    // Pipelined: two requests in one write, answered in order.
    ASSERT_TRUE(c.Send("GET /courses/7 HTTP/1.1\r\n\r\nHEAD /courses/8 HTTP/1.1\r\n\r\n"));
    auto r3 = c.Read();
    ASSERT_TRUE(r3);
    EXPECT_EQ(r3->body, "{\"id\":7}");
    auto r4 = c.Read(true);
    ASSERT_TRUE(r4);
    EXPECT_EQ(r4->status, 200);
    EXPECT_EQ(r4->body, "");
    EXPECT_EQ(r4->headers["content-length"], "8");
}

/// Unknown paths and methods get JSON errors; 405 lists the allowed methods.
TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
    const auto port = StartServer();
    auto nf = Fetch(port, "GET /nope HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(nf);
    EXPECT_EQ(nf->status, 404);
    EXPECT_EQ(nf->body, "{\"error\":{\"code\":\"not_found\",\"message\":\"Not Found\"}}");
    auto na = Fetch(port, "DELETE /hello HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(na);
    EXPECT_EQ(na->status, 405);
    EXPECT_EQ(na->headers["allow"], "GET, HEAD");
    EXPECT_NE(na->body.find("method_not_allowed"), std::string::npos);
    EXPECT_EQ(na->headers["content-type"], "application/json");
}

/// The error page hook renders the server's own errors.
TEST_F(ServerTest, ErrorPageRenderer) {
    server_ = std::make_unique<Server>(options_, router_);
    server_->SetErrorPageRenderer([](int status, const Request*) {
        return Response::Html("<h1>" + std::to_string(status) + "</h1>", status);
    });
    server_->Start();
    auto nf = Fetch(server_->port(), "GET /nope HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(nf);
    EXPECT_EQ(nf->body, "<h1>404</h1>");
}

/// A body over the route's limit is refused with 413 before it is read.
TEST_F(ServerTest, TooLargeBody) {
    const auto port = StartServer();
    auto r = Fetch(port, "POST /echo HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(r->headers["connection"], "close");
}

/// Huge headers get 431, a huge request line 414, junk 400.
TEST_F(ServerTest, HugeHeadersAndBadRequests) {
    const auto port = StartServer();
    auto r = Fetch(port, "GET /hello HTTP/1.1\r\nX-Big: " + std::string(30000, 'a') + "\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
    auto line = Fetch(port, "GET /" + std::string(10000, 'a') + " HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(line);
    EXPECT_EQ(line->status, 414);
    auto junk = Fetch(port, "BLAH\r\n\r\n");
    ASSERT_TRUE(junk);
    EXPECT_EQ(junk->status, 400);
    auto traversal = Fetch(port, "GET /static/../../etc/passwd HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(traversal);
    EXPECT_EQ(traversal->status, 400);
}

/// A client dribbling its headers is cut at header_timeout while others are served meanwhile.
TEST_F(ServerTest, SlowlorisIsCut) {
    const auto port = StartServer();
    Client slow(port, 5s);
    ASSERT_TRUE(slow.connected());
    const auto start = std::chrono::steady_clock::now();
    const std::string head = "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: b\r\n\r\n";
    std::atomic<bool> cut{false};
    std::thread dribble([&] {
        for (const char ch : head) {
            if (!slow.Send(std::string_view(&ch, 1))) break;
            std::this_thread::sleep_for(200ms);
            if (cut) break;
        }
    });
    for (int i = 0; i < 3; ++i) {
        auto r = Fetch(port, "GET /hello HTTP/1.1\r\n\r\n");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
    }
    EXPECT_TRUE(slow.WaitClosed());
    cut = true;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    dribble.join();
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 3s);
}

/// An idle keep-alive connection is closed after idle_timeout.
TEST_F(ServerTest, IdleConnectionClosed) {
    const auto port = StartServer();
    Client c(port, 5s);
    ASSERT_TRUE(c.Send("GET /hello HTTP/1.1\r\n\r\n"));
    ASSERT_TRUE(c.Read());
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(c.WaitClosed());
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_GE(elapsed, 400ms);
    EXPECT_LT(elapsed, 3s);
}

/// A handler blocking 500 ms does not hold up other requests (handlers run on the worker pool).
TEST_F(ServerTest, BlockingHandlerDoesNotBlockOthers) {
    const auto port = StartServer();
    auto slow = std::async(std::launch::async, [port] { return Fetch(port, "GET /slow HTTP/1.1\r\n\r\n"); });
    while (!slow_started_) std::this_thread::sleep_for(1ms);
    const auto start = std::chrono::steady_clock::now();
    auto fast = Fetch(port, "GET /hello HTTP/1.1\r\n\r\n");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(fast);
    EXPECT_EQ(fast->status, 200);
    EXPECT_LT(elapsed, 400ms);
    auto s = slow.get();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->body, "slow");
}

/// Stop lets the in-flight request finish with 200, then refuses new connections.
TEST_F(ServerTest, GracefulStop) {
    const auto port = StartServer();
    Client c(port);
    Client idle(port);
    ASSERT_TRUE(c.Send("GET /slow HTTP/1.1\r\n\r\n"));
    while (!slow_started_) std::this_thread::sleep_for(1ms);
    std::thread stopper([this] { server_->Stop(5s); });
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "slow");
    EXPECT_EQ(r->headers["connection"], "close");
    EXPECT_TRUE(idle.WaitClosed());
    stopper.join();
    Client late(port);
    EXPECT_FALSE(late.connected());
}

/// Static files: ETag, 304, gzip for text, long caching for versioned URLs, no symlink escape.
TEST_F(ServerTest, StaticFiles) {
    {
        std::ofstream css(dir_ / "static" / "css" / "app.css");
        for (int i = 0; i < 200; ++i) css << "body { color: #123456; }\n";
    }
    std::filesystem::create_symlink("/etc/hostname", dir_ / "static" / "escape.txt");
    const auto port = StartServer();
    auto plain = Fetch(port, "GET /static/css/app.css HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->status, 200);
    EXPECT_EQ(plain->body.size(), 200u * 25);
    EXPECT_EQ(plain->headers["content-type"], "text/css; charset=utf-8");
    EXPECT_EQ(plain->headers["cache-control"], "public, max-age=300");
    const std::string etag = plain->headers["etag"];
    ASSERT_FALSE(etag.empty());
    auto cached = Fetch(port, "GET /static/css/app.css HTTP/1.1\r\nIf-None-Match: " + etag + "\r\n\r\n");
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->status, 304);
    EXPECT_EQ(cached->body, "");
    auto gz = Fetch(port, "GET /static/css/app.css?v=3 HTTP/1.1\r\nAccept-Encoding: gzip, br\r\n\r\n");
    ASSERT_TRUE(gz);
    EXPECT_EQ(gz->status, 200);
    EXPECT_EQ(gz->headers["content-encoding"], "gzip");
    EXPECT_EQ(gz->headers["vary"], "Accept-Encoding");
    EXPECT_EQ(gz->headers["cache-control"], "public, max-age=31536000, immutable");
    EXPECT_LT(gz->body.size(), 500u);
    EXPECT_EQ(gz->body.substr(0, 2), "\x1f\x8b");
    auto escape = Fetch(port, "GET /static/escape.txt HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(escape);
    EXPECT_EQ(escape->status, 404);
    auto hidden = Fetch(port, "GET /static/.env HTTP/1.1\r\n\r\n");
    ASSERT_TRUE(hidden);
    EXPECT_EQ(hidden->status, 404);
    // Dynamic text above gzip_min_bytes is compressed too.
    auto big = Fetch(port, "GET /big HTTP/1.1\r\nAccept-Encoding: gzip\r\n\r\n");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->headers["content-encoding"], "gzip");
    EXPECT_LT(big->body.size(), 200u);
}

/// An event stream delivers events in order and ends when the handler closes it.
TEST_F(ServerTest, ServerSentEvents) {
    const auto port = StartServer();
    Client c(port);
    ASSERT_TRUE(c.Send("GET /events HTTP/1.1\r\n\r\n"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->headers["content-type"], "text/event-stream");
    EXPECT_EQ(r->body,
              "id: 1\nevent: greeting\ndata: hello\n\n"
              "id: 2\nevent: update\ndata: line1\ndata: line2\n\n");
}

/// A 1 MiB multipart upload is spilled to disk (body and part) and arrives intact.
TEST_F(ServerTest, MultipartUploadSpilledToDisk) {
    const auto port = StartServer();
    std::string data(1 << 20, '\0');
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<char>((i * 7919) % 251);
        sum = sum * 31 + static_cast<unsigned char>(data[i]);
    }
    const std::string body =
        "--B0undary\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nЭссе\r\n"
        "--B0undary\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"essay.pdf\"\r\n"
        "Content-Type: application/pdf\r\n\r\n" +
        data + "\r\n--B0undary--\r\n";
    Client c(port);
    ASSERT_TRUE(
        c.Send("POST /upload HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=B0undary\r\n"
               "Content-Length: " +
               std::to_string(body.size()) + "\r\n\r\n"));
    ASSERT_TRUE(c.Send(body));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, std::to_string(data.size()) + " disk " + std::to_string(sum) + " Эссе body-disk");
    // The handler's Request is gone: its temp files are removed.
    std::this_thread::sleep_for(50ms);
    EXPECT_TRUE(std::filesystem::is_empty(dir_ / "tmp"));
}

/// Metrics count requests by route pattern, not by raw path.
TEST_F(ServerTest, MetricsByRoute) {
    const auto port = StartServer();
    ASSERT_TRUE(Fetch(port, "GET /courses/1 HTTP/1.1\r\n\r\n"));
    ASSERT_TRUE(Fetch(port, "GET /courses/2 HTTP/1.1\r\n\r\n"));
    std::this_thread::sleep_for(50ms);
    const std::string text = server_->metrics().Render();
    EXPECT_NE(text.find("oqu_http_requests_total{route=\"/courses/{id}\",method=\"GET\",status=\"200\"} 2"),
              std::string::npos)
        << text;
}

}  // namespace
}  // namespace oqu::platform::http
