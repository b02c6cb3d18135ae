#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "platform/http/request.hpp"

namespace oqu::platform::http {

/// HTTP metrics in the Prometheus text format (version 0.0.4). Recording is lock-free on the
/// hot path once a route/method/status series exists; thread-safe.
class Metrics {
public:
    Metrics();
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    /// Counts one finished request in oqu_http_requests_total and oqu_http_request_duration_seconds.
    void RecordRequest(std::string_view route, Method method, int status, std::chrono::nanoseconds duration);
    /// oqu_http_open_connections += 1.
    void ConnectionOpened();
    /// oqu_http_open_connections -= 1.
    void ConnectionClosed();
    /// oqu_http_connections_rejected_total += 1 (over max_connections or during shutdown).
    void ConnectionRejected();
    /// Current value of oqu_http_open_connections.
    std::int64_t OpenConnections() const;
    /// Adds a callback that appends more metric families (e.g. DB pool gauges) to the text; thread-safe.
    void AddCollector(std::function<void(std::string& out)> collector);
    /// The whole exposition text, HTTP families first, then each collector's output.
    std::string Render() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Content-Type of the Prometheus text exposition format.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace oqu::platform::http
