#include "platform/http/metrics.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::http {
namespace {

using std::chrono::milliseconds;

/// Counters, cumulative histogram buckets, gauges and collectors in Prometheus text format.
TEST(MetricsTest, TextFormat) {
    Metrics m;
    m.RecordRequest("/courses/{id}", Method::kGet, 200, milliseconds(3));
    m.RecordRequest("/courses/{id}", Method::kGet, 200, milliseconds(30));
    m.RecordRequest("/courses/{id}", Method::kPost, 422, milliseconds(20000));
    m.ConnectionOpened();
    m.ConnectionOpened();
    m.ConnectionClosed();
    m.ConnectionRejected();
    m.AddCollector([](std::string& out) { out += "oqu_db_pool_idle 3\n"; });
    const std::string text = m.Render();
    EXPECT_NE(text.find("# TYPE oqu_http_requests_total counter\n"), std::string::npos);
    EXPECT_NE(text.find("oqu_http_requests_total{route=\"/courses/{id}\",method=\"GET\",status=\"200\"} 2\n"),
              std::string::npos);
    EXPECT_NE(
        text.find("oqu_http_requests_total{route=\"/courses/{id}\",method=\"POST\",status=\"422\"} 1\n"),
        std::string::npos);
    EXPECT_NE(text.find("oqu_http_request_duration_seconds_bucket{route=\"/courses/{id}\",le=\"0.001\"} 0\n"),
              std::string::npos);
    EXPECT_NE(text.find("oqu_http_request_duration_seconds_bucket{route=\"/courses/{id}\",le=\"0.005\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("oqu_http_request_duration_seconds_bucket{route=\"/courses/{id}\",le=\"10\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("oqu_http_request_duration_seconds_bucket{route=\"/courses/{id}\",le=\"+Inf\"} 3\n"),
              std::string::npos);
    EXPECT_NE(text.find("oqu_http_request_duration_seconds_count{route=\"/courses/{id}\"} 3\n"),
              std::string::npos);
    EXPECT_NE(text.find("oqu_http_open_connections 1\n"), std::string::npos);
    EXPECT_NE(text.find("oqu_http_connections_rejected_total 1\n"), std::string::npos);
    EXPECT_TRUE(text.ends_with("oqu_db_pool_idle 3\n"));
}

}  // namespace
}  // namespace oqu::platform::http
