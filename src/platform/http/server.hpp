#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/metrics.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"

namespace oqu::platform::http {

/// Server settings; the defaults suit production behind nginx.
struct ServerOptions {
    std::string address = "127.0.0.1";    ///< Listen address (IPv4 or IPv6 literal).
    unsigned short port = 8080;           ///< 0 picks an ephemeral port (tests); see Server::port().
    unsigned io_threads = 1;              ///< Threads running socket I/O (1–2 is plenty).
    unsigned worker_threads = 8;          ///< Threads running handlers; handlers never run on I/O threads.
    std::size_t max_connections = 20000;  ///< More are accepted and closed with 503 at once.
    std::chrono::milliseconds header_timeout{10000};  ///< Request line + headers must arrive within it.
    std::chrono::milliseconds body_timeout{30000};    ///< Base body deadline, plus size / body_min_rate.
    std::uint64_t body_min_rate = 64 * 1024;          ///< Bytes/s a client uploading a body must sustain.
    std::chrono::milliseconds idle_timeout{60000};    ///< Keep-alive wait for the next request.
    std::chrono::milliseconds write_timeout{30000};   ///< Longest wait for the client to take each write.
    std::chrono::milliseconds sse_keepalive{
        15000};                                ///< Interval of ": keep-alive" comments on event streams.
    std::size_t max_request_line = 8 * 1024;   ///< Longer request line → 414.
    std::size_t max_header_bytes = 16 * 1024;  ///< Larger header block → 431.
    std::uint64_t max_body_bytes = 1 << 20;  ///< Body limit of routes without RouteOptions::max_body → 413.
    std::uint64_t max_upload_bytes = 100ull << 20;  ///< Cap on any route's RouteOptions::max_body.
    std::size_t spill_threshold = 64 * 1024;        ///< Bodies larger than this go to a temp file.
    std::filesystem::path tmp_dir = std::filesystem::temp_directory_path();  ///< Spilled bodies and parts.
    std::size_t gzip_min_bytes = 1024;  ///< Dynamic text bodies at least this big are gzipped when accepted.
    bool behind_tls = false;            ///< Adds Strict-Transport-Security (the proxy terminates TLS).
    FormLimits form_limits;             ///< Multipart limits (max_total_bytes follows the route's limit).
};

/// Adds a response header set to every response (after the handler, before writing).
using HeaderPolicy = std::function<void(const Request* request, Response& response)>;

/// Renders the server's own error responses (404, 405, 400, 413, 414, 431, 500, 503); request is
/// null when the request could not be parsed. Must not throw.
using ErrorPageRenderer = std::function<Response(int status, const Request* request)>;

/// The default security headers: nosniff, Referrer-Policy, CSP, X-Frame-Options, and HSTS when
/// `hsts` is true. Existing headers of the same names are kept (a handler may relax its own CSP).
void ApplySecurityHeaders(Response& response, bool hsts);

/// Asynchronous HTTP/1.1 server: keep-alive, deadlines against slow clients, bodies spilled to
/// disk, handlers on a worker pool, graceful stop. Not copyable.
class Server {
public:
    /// Keeps a reference to `router`, which must outlive the server.
    Server(ServerOptions options, const Router& router);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Replaces the renderer of the server's own errors (default: short JSON body). Call before Start.
    void SetErrorPageRenderer(ErrorPageRenderer renderer);
    /// Replaces the header policy (default: ApplySecurityHeaders with behind_tls). Call before Start.
    void SetHeaderPolicy(HeaderPolicy policy);

    /// Binds, listens and starts the I/O and worker threads; throws std::system_error if the
    /// address cannot be bound (broken infrastructure, not an expected failure).
    void Start();
    /// The bound port (the ephemeral one when options.port was 0); valid after Start.
    unsigned short port() const;
    /// Stops accepting, closes idle connections and event streams, lets in-flight requests finish
    /// and write their responses for up to `grace`, then closes the rest and joins all threads.
    void Stop(std::chrono::milliseconds grace);
    /// Blocks until Stop has completed (from another thread or a signal).
    void Wait();
    /// Starts (unless Start was already called), waits for SIGINT or SIGTERM, then Stop(grace).
    /// Returns after shutdown.
    void RunUntilSignal(std::chrono::milliseconds grace);
    /// The server's metrics (add collectors to append application gauges).
    Metrics& metrics();

    /// Server state and connections; defined in server.cpp.
    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace oqu::platform::http
