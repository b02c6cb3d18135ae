#include "platform/http/metrics.hpp"

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

namespace oqu::platform::http {
namespace {

// Upper bounds in seconds, 1 ms .. 10 s.
constexpr std::array<double, 13> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                          0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

struct Histogram {
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  ///< Last one is +Inf.
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};
};

std::string EscapeLabel(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

struct Metrics::Impl {
    mutable std::shared_mutex mutex;
    // Keyed by "route\x1fmethod\x1fstatus"; std::map keeps the exposition stable and sorted.
    std::map<std::string, std::unique_ptr<std::atomic<std::uint64_t>>, std::less<>> requests;
    std::map<std::string, std::unique_ptr<Histogram>, std::less<>> durations;
    std::atomic<std::int64_t> open{0};
    std::atomic<std::uint64_t> rejected{0};
    std::mutex collectors_mutex;
    std::vector<std::function<void(std::string&)>> collectors;

    template <typename T>
    T& Series(std::map<std::string, std::unique_ptr<T>, std::less<>>& map, const std::string& key) {
        {
            const std::shared_lock lock(mutex);
            const auto it = map.find(key);
            if (it != map.end()) return *it->second;
        }
        const std::unique_lock lock(mutex);
        auto& slot = map[key];
        if (!slot) slot = std::make_unique<T>();
        return *slot;
    }
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}

Metrics::~Metrics() = default;

void Metrics::RecordRequest(std::string_view route, Method method, int status,
                            std::chrono::nanoseconds duration) {
    std::string key(route);
    key += '\x1f';
    key += MethodName(method);
    key += '\x1f';
    key += std::to_string(status);
    impl_->Series(impl_->requests, key).fetch_add(1, std::memory_order_relaxed);

    Histogram& h = impl_->Series(impl_->durations, std::string(route));
    const double seconds = std::chrono::duration<double>(duration).count();
    std::size_t b = 0;
    while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
    h.buckets[b].fetch_add(1, std::memory_order_relaxed);
    h.count.fetch_add(1, std::memory_order_relaxed);
    h.sum_ns.fetch_add(static_cast<std::uint64_t>(duration.count() < 0 ? 0 : duration.count()),
                       std::memory_order_relaxed);
}

void Metrics::ConnectionOpened() {
    impl_->open.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::ConnectionClosed() {
    impl_->open.fetch_sub(1, std::memory_order_relaxed);
}

void Metrics::ConnectionRejected() {
    impl_->rejected.fetch_add(1, std::memory_order_relaxed);
}

std::int64_t Metrics::OpenConnections() const {
    return impl_->open.load(std::memory_order_relaxed);
}

void Metrics::AddCollector(std::function<void(std::string& out)> collector) {
    const std::lock_guard lock(impl_->collectors_mutex);
    impl_->collectors.push_back(std::move(collector));
}

std::string Metrics::Render() const {
    std::string out;
    {
        const std::shared_lock lock(impl_->mutex);
        out += "# HELP oqu_http_requests_total HTTP requests answered.\n";
        out += "# TYPE oqu_http_requests_total counter\n";
        for (const auto& [key, value] : impl_->requests) {
            const std::size_t a = key.find('\x1f');
            const std::size_t b = key.find('\x1f', a + 1);
            out += fmt::format("oqu_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                               EscapeLabel(key.substr(0, a)), key.substr(a + 1, b - a - 1), key.substr(b + 1),
                               value->load(std::memory_order_relaxed));
        }
        out +=
            "# HELP oqu_http_request_duration_seconds Time from complete request head to response queued.\n";
        out += "# TYPE oqu_http_request_duration_seconds histogram\n";
        for (const auto& [route, h] : impl_->durations) {
            const std::string label = EscapeLabel(route);
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += h->buckets[i].load(std::memory_order_relaxed);
                out += fmt::format("oqu_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                                   label, kBuckets[i], cumulative);
            }
            cumulative += h->buckets[kBuckets.size()].load(std::memory_order_relaxed);
            out += fmt::format("oqu_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                               label, cumulative);
            out += fmt::format("oqu_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                               static_cast<double>(h->sum_ns.load(std::memory_order_relaxed)) / 1e9);
            out += fmt::format("oqu_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                               h->count.load(std::memory_order_relaxed));
        }
    }
    out += "# HELP oqu_http_open_connections Client connections currently open.\n";
    out += "# TYPE oqu_http_open_connections gauge\n";
    out += fmt::format("oqu_http_open_connections {}\n", impl_->open.load(std::memory_order_relaxed));
    out +=
        "# HELP oqu_http_connections_rejected_total Connections refused over max_connections or in "
        "shutdown.\n";
    out += "# TYPE oqu_http_connections_rejected_total counter\n";
    out += fmt::format("oqu_http_connections_rejected_total {}\n",
                       impl_->rejected.load(std::memory_order_relaxed));
    std::vector<std::function<void(std::string&)>> collectors;
    {
        const std::lock_guard lock(impl_->collectors_mutex);
        collectors = impl_->collectors;
    }
    for (const auto& c : collectors) c(out);
    return out;
}

}  // namespace oqu::platform::http
