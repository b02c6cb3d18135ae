#include "platform/http/server.hpp"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <utility>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/http/errors.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/request_parser.hpp"
#include "platform/http/static_files.hpp"
#include "platform/http/text.hpp"
#include "platform/log/log.hpp"

namespace oqu::platform::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Strand = asio::strand<asio::io_context::executor_type>;

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kWriteChunk = 64 * 1024;
constexpr std::size_t kSseMaxPending = 1 << 20;
constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

std::string NewRequestId() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return fmt::format("{:016x}", rng());
}

// RFC 9110 IMF-fixdate, cached per thread for the current second.
const std::string& HttpDate() {
    thread_local std::time_t cached_second = 0;
    thread_local std::string cached;
    const std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buf[64];
        const std::size_t n = std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached.assign(buf, n);
        cached_second = now;
    }
    return cached;
}

Response DefaultErrorPage(int status, const Request* /*request*/) {
    return ErrorResponse(status, ErrorCodeForStatus(status), StatusReason(status));
}

bool StatusHasNoBody(int status) {
    return status < 200 || status == 204 || status == 304;
}

class Connection;

}  // namespace

void ApplySecurityHeaders(Response& response, bool hsts) {
    const auto set_default = [&](std::string_view name, std::string_view value) {
        if (response.Header(name).empty()) response.AddHeader(name, value);
    };
    set_default("X-Content-Type-Options", "nosniff");
    set_default("Referrer-Policy", "strict-origin-when-cross-origin");
    set_default("Content-Security-Policy", kCsp);
    set_default("X-Frame-Options", "DENY");
    if (hsts) set_default("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

struct Server::Impl {
    Impl(ServerOptions o, const Router& r)
        : options(std::move(o)), router(r), ioc(static_cast<int>(options.io_threads)) {}

    ServerOptions options;
    const Router& router;
    Metrics metrics;
    ErrorPageRenderer error_renderer = DefaultErrorPage;
    HeaderPolicy header_policy;
    std::atomic<bool> stopping{false};
    unsigned short bound_port = 0;

    std::mutex registry_mutex;
    std::condition_variable registry_cv;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

    std::mutex state_mutex;
    std::condition_variable state_cv;
    bool started = false;
    bool stopped = false;
    bool signalled = false;

    // Declared last so it is destroyed first: pending handlers own Connections that still
    // touch the registry and metrics above while they are destroyed.
    asio::io_context ioc;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    // The acceptor, its retry timer and their handlers share one strand, so with several I/O
    // threads Stop's close never races an accept completion.
    asio::strand<asio::io_context::executor_type> accept_strand{asio::make_strand(ioc)};
    tcp::acceptor acceptor{accept_strand};
    asio::steady_timer accept_retry{accept_strand};
    std::chrono::steady_clock::time_point last_accept_warning{};
    std::unique_ptr<asio::thread_pool> workers;
    std::vector<std::thread> io_threads;

    void Accept();
    void Register(const std::shared_ptr<Connection>& c);
    void Unregister(Connection* c);
    Response ErrorPage(int status, const Request* request) {
        try {
            return error_renderer(status, request);
        } catch (const std::exception& e) {
            log::LogEvent(log::Level::kError, "http_error_page_failed",
                          {{"status", status}, {"what", e.what()}});
            return DefaultErrorPage(status, request);
        }
    }
};

namespace {

class SseChannelImpl;

// One client connection. Every member runs on the connection's strand, except the handler
// call, which runs on the worker pool and touches only request_ and match_ while the
// connection waits in kHandling.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    enum class Phase { kIdle, kHead, kBody, kHandling, kWriting, kStream, kClosed };

    Connection(Server::Impl& server, tcp::socket socket)
        : server_(server),
          socket_(std::move(socket)),
          strand_(asio::make_strand(server.ioc)),
          timer_(strand_),
          keepalive_timer_(strand_) {}

    ~Connection() {
        if (body_file_ != nullptr) std::fclose(body_file_);
    }

    // Runs on the strand once the connection is registered.
    void Start() {
        boost::system::error_code ec;
        const auto endpoint = socket_.remote_endpoint(ec);
        if (!ec) remote_address_ = endpoint.address().to_string();
        server_.metrics.ConnectionOpened();
        counted_ = true;
        BeginRequest(true);
    }

    const Strand& strand() const { return strand_; }
    Phase phase() const { return phase_; }

    // Shutdown: idle connections go now; in-flight ones finish with Connection: close.
    void OnStop() {
        if (phase_ == Phase::kIdle || (phase_ == Phase::kHead && !got_bytes_)) {
            Close();
        } else if (phase_ == Phase::kStream) {
            EndStream();
        }
    }

    void ForceClose() { Close(); }

    // Called on the strand by SseChannelImpl.
    void QueueStreamData(std::string data);
    void EndStream();

private:
    friend class SseChannelImpl;

    void BeginRequest(bool first) {
        parser_ = std::make_unique<RequestParser>(ParserLimits{server_.options.max_request_line,
                                                               server_.options.max_header_bytes,
                                                               server_.options.max_upload_bytes});
        request_ = std::make_unique<Request>();
        match_ = RouteMatch{};
        head_taken_ = false;
        got_bytes_ = in_.size() > in_start_;
        if (first || got_bytes_) {
            phase_ = Phase::kHead;
            SetDeadline(server_.options.header_timeout);
        } else {
            phase_ = Phase::kIdle;
            SetDeadline(server_.options.idle_timeout);
        }
        if (got_bytes_) {
            ProcessInput();
        } else {
            Read();
        }
    }

    // Deadlines move several times per request (head, body, write, idle). Re-arming the Asio
    // timer each time costs timer-queue work and a timerfd update per move, so the timer is only
    // re-armed when the new deadline is earlier than the one it waits for; when it fires early
    // it re-arms for the deadline then in force.
    void SetDeadline(std::chrono::milliseconds after) {
        deadline_ = Clock::now() + after;
        if (!timer_armed_ || deadline_ < armed_for_) ArmTimer(deadline_);
    }

    void ArmTimer(Clock::time_point at) {
        timer_armed_ = true;
        armed_for_ = at;
        const std::uint64_t generation = ++timer_generation_;
        timer_.expires_at(at);
        timer_.async_wait([self = shared_from_this(), generation](boost::system::error_code ec) {
            // operation_aborted: the timer was re-armed or the connection closed; not a timeout.
            if (ec == asio::error::operation_aborted || generation != self->timer_generation_) return;
            self->timer_armed_ = false;
            self->OnTimer();
        });
    }

    void ClearDeadline() { deadline_ = Clock::time_point::max(); }

    void OnTimer() {
        if (phase_ == Phase::kClosed || deadline_ == Clock::time_point::max()) return;
        if (Clock::now() < deadline_) {
            ArmTimer(deadline_);
            return;
        }
        if (phase_ == Phase::kHandling) return;
        // An event stream idles legitimately; only a write the client does not take times out.
        if (phase_ == Phase::kStream && !stream_writing_) return;
        Close();
    }

    void Read() {
        if (in_start_ > 0 && in_start_ == in_.size()) {
            in_.clear();
            in_start_ = 0;
        }
        const std::size_t old = in_.size();
        in_.resize(old + kReadChunk);
        socket_.async_read_some(
            asio::buffer(in_.data() + old, kReadChunk),
            asio::bind_executor(
                strand_, [self = shared_from_this(), old](boost::system::error_code ec, std::size_t n) {
                    self->in_.resize(old + n);
                    self->OnRead(ec, n);
                }));
    }

    void OnRead(boost::system::error_code ec, std::size_t n) {
        if (phase_ == Phase::kClosed) return;
        if (ec) {
            // EOF or reset while waiting for a request is a normal end of a keep-alive connection;
            // operation_aborted means we closed the socket ourselves.
            Close();
            return;
        }
        if (n > 0 && phase_ == Phase::kIdle) {
            phase_ = Phase::kHead;
            SetDeadline(server_.options.header_timeout);
        }
        got_bytes_ = got_bytes_ || n > 0;
        ProcessInput();
    }

    core::Status OnBodyBytes(std::string_view bytes) {
        Request& r = *request_;
        r.body_size += bytes.size();
        if (body_file_ == nullptr && r.body.size() + bytes.size() <= server_.options.spill_threshold) {
            r.body.append(bytes);
            return core::OkStatus();
        }
        if (body_file_ == nullptr) {
            std::string templ = (server_.options.tmp_dir / "oqu-body-XXXXXX").string();
            const int fd = ::mkstemp(templ.data());
            if (fd < 0) {
                return core::MakeError(core::ErrorCode::kUnavailable, "platform.io_error", "mkstemp failed");
            }
            r.body_file = templ;
            body_file_ = ::fdopen(fd, "wb");
            if (body_file_ == nullptr) {
                ::close(fd);
                return core::MakeError(core::ErrorCode::kUnavailable, "platform.io_error", "fdopen failed");
            }
            if (!r.body.empty() &&
                std::fwrite(r.body.data(), 1, r.body.size(), body_file_) != r.body.size()) {
                return core::MakeError(core::ErrorCode::kUnavailable, "platform.io_error",
                                       "body write failed");
            }
            r.body.clear();
            r.body.shrink_to_fit();
        }
        if (std::fwrite(bytes.data(), 1, bytes.size(), body_file_) != bytes.size()) {
            return core::MakeError(core::ErrorCode::kUnavailable, "platform.io_error", "body write failed");
        }
        return core::OkStatus();
    }

    void ProcessInput() {
        const RequestParser::BodySink sink = [this](std::string_view bytes) { return OnBodyBytes(bytes); };
        while (true) {
            const std::string_view data(in_.data() + in_start_, in_.size() - in_start_);
            auto used = parser_->Put(data, sink);
            if (!used) {
                FailRequest(parser_->LastErrorStatus());
                return;
            }
            in_start_ += *used;
            if (parser_->HeaderDone() && !head_taken_) {
                head_taken_ = true;
                if (!OnHeadDone()) return;
                if (parser_->ExpectsContinue() && !parser_->Done() && in_start_ == in_.size()) {
                    SendContinue();
                    return;
                }
            }
            if (parser_->Done()) {
                OnRequestComplete();
                return;
            }
            if (*used == 0 || in_start_ == in_.size()) break;
        }
        Read();
    }

    void SendContinue() {
        static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        asio::async_write(socket_, asio::buffer(kContinue),
                          asio::bind_executor(strand_, [self = shared_from_this()](
                                                           boost::system::error_code ec, std::size_t) {
                              if (ec) {
                                  self->Close();
                                  return;
                              }
                              self->Read();
                          }));
    }

    // Route lookup and body limit, before any body byte is read; false when the request failed.
    bool OnHeadDone() {
        Request& r = *request_;
        r.received_at = Clock::now();
        r.remote_address = remote_address_;
        r.request_id = NewRequestId();
        if (!parser_->TakeHead(r)) {
            FailRequest(400);
            return false;
        }
        match_ = server_.router.Find(r.method, r.path);
        std::uint64_t limit = server_.options.max_body_bytes;
        if (match_.kind == RouteMatch::Kind::kFound && match_.options->max_body != 0) {
            limit = std::min(match_.options->max_body, server_.options.max_upload_bytes);
        }
        body_limit_ = limit;
        if (!parser_->SetBodyLimit(limit)) {
            FailRequest(413);
            return false;
        }
        phase_ = Phase::kBody;
        const std::uint64_t expected = parser_->ContentLength().value_or(parser_->Chunked() ? limit : 0);
        const auto rate = std::max<std::uint64_t>(server_.options.body_min_rate, 1);
        SetDeadline(server_.options.body_timeout + std::chrono::milliseconds(expected * 1000 / rate));
        return true;
    }

    void OnRequestComplete() {
        if (body_file_ != nullptr) {
            const bool ok = std::fflush(body_file_) == 0;
            std::fclose(body_file_);
            body_file_ = nullptr;
            if (!ok) {
                FailRequest(503);
                return;
            }
        }
        Request& r = *request_;
        r.tmp_dir = server_.options.tmp_dir;
        r.form_limits = server_.options.form_limits;
        r.form_limits.max_total_bytes = body_limit_;
        keep_alive_ = parser_->KeepAlive();
        phase_ = Phase::kHandling;
        ClearDeadline();
        if (match_.kind == RouteMatch::Kind::kFound && match_.options->non_blocking) {
            // Declared non-blocking by its route: answered here on the connection's strand.
            Response response = RunHandler();
            Finish(response, 0);
            WriteResponse(std::move(response));
            return;
        }
        asio::post(*server_.workers, [self = shared_from_this()] {
            Response response = self->RunHandler();
            self->Finish(response, 0);
            asio::post(self->strand_, [self, response = std::move(response)]() mutable {
                self->WriteResponse(std::move(response));
            });
        });
    }

    // Worker pool: the route's handler, or the server's own error page.
    Response RunHandler() {
        Request& r = *request_;
        switch (match_.kind) {
            case RouteMatch::Kind::kNotFound:
                r.route = "(unmatched)";
                return server_.ErrorPage(404, &r);
            case RouteMatch::Kind::kMethodNotAllowed: {
                r.route = "(unmatched)";
                Response response = server_.ErrorPage(405, &r);
                response.SetHeader("Allow", match_.allow);
                return response;
            }
            case RouteMatch::Kind::kFound:
                break;
        }
        r.route = match_.pattern;
        r.path_params = std::move(match_.params);
        try {
            return (*match_.handler)(r);
        } catch (const std::exception& e) {
            // The one catch of the HTTP entry point: a bug or broken infrastructure in a handler.
            log::LogEvent(log::Level::kError, "http_handler_exception",
                          {{"request_id", r.request_id}, {"route", r.route}, {"what", e.what()}});
            return server_.ErrorPage(500, &r);
        }
    }

    // Worker pool (or strand for early failures): conditional GET, gzip, security headers, then
    // the serialised head. `failed_status` != 0 means no handler ran.
    void Finish(Response& response, int failed_status) {
        const Request* r = head_taken_ ? request_.get() : nullptr;
        const bool head_only = r != nullptr && r->method == Method::kHead;
        stream_ = static_cast<bool>(response.on_event_stream) && failed_status == 0;
        body_remaining_ = 0;
        file_ = nullptr;
        if (!response.file.empty() && !stream_) {
            file_ = std::fopen(response.file.c_str(), "rb");
            struct stat st {};
            if (file_ == nullptr || ::fstat(::fileno(file_), &st) != 0 || !S_ISREG(st.st_mode)) {
                if (file_ != nullptr) std::fclose(file_);
                file_ = nullptr;
                response = server_.ErrorPage(404, r);
            } else {
                body_remaining_ = static_cast<std::uint64_t>(st.st_size);
            }
        }
        const std::string_view etag = response.Header("etag");
        if (r != nullptr && response.status == 200 && !etag.empty() && !stream_ &&
            IfNoneMatchHits(r->Header("if-none-match"), etag)) {
            response.status = 304;
            response.body.clear();
            if (file_ != nullptr) std::fclose(file_);
            file_ = nullptr;
            body_remaining_ = 0;
            response.RemoveHeader("content-length");
        }
        if (r != nullptr && file_ == nullptr && !stream_ &&
            response.body.size() >= server_.options.gzip_min_bytes &&
            response.Header("content-encoding").empty() &&
            IsCompressibleType(response.Header("content-type")) && r->AcceptsGzip()) {
            if (auto gz = GzipCompress(response.body)) {
                response.body = std::move(*gz);
                response.SetHeader("Content-Encoding", "gzip");
                if (response.Header("vary").empty()) response.AddHeader("Vary", "Accept-Encoding");
            }
        }
        if (file_ == nullptr) body_remaining_ = response.body.size();
        if (server_.header_policy) {
            server_.header_policy(r, response);
        } else {
            ApplySecurityHeaders(response, server_.options.behind_tls);
        }
        if (server_.stopping.load() || failed_status != 0 || stream_) keep_alive_ = false;
        status_ = response.status;

        std::string& head = head_;
        head.clear();
        head += fmt::format("HTTP/1.1 {} {}\r\n", response.status, StatusReason(response.status));
        for (const auto& [name, value] : response.headers) {
            if (EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "connection") ||
                EqualsIgnoreCase(name, "transfer-encoding")) {
                continue;
            }
            // A CR or LF would let a handler's input split the response. A bad name drops the
            // header; a bad value is kept with the breaks blanked, so that a header that matters
            // (Content-Disposition: attachment) is never silently lost.
            if (name.find_first_of("\r\n:") != std::string::npos) continue;
            head += name;
            head += ": ";
            for (const char c : value) head += (c == '\r' || c == '\n') ? ' ' : c;
            head += "\r\n";
        }
        head += "Date: ";
        head += HttpDate();
        head += "\r\n";
        if (r != nullptr) {
            head += "X-Request-Id: ";
            head += r->request_id;
            head += "\r\n";
        }
        if (stream_) {
            head += "X-Accel-Buffering: no\r\n";
        } else if (!StatusHasNoBody(response.status)) {
            head += fmt::format("Content-Length: {}\r\n", body_remaining_);
        }
        head += keep_alive_ ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
        if (head_only || StatusHasNoBody(response.status)) {
            response.body.clear();
            if (file_ != nullptr) std::fclose(file_);
            file_ = nullptr;
            body_remaining_ = 0;
        }
        bytes_ = 0;
    }

    // An error found while reading the request: answer and close (the rest of the input is unread).
    void FailRequest(int status) {
        phase_ = Phase::kHandling;
        ClearDeadline();
        keep_alive_ = false;
        match_ = RouteMatch{};
        if (!head_taken_ || request_->request_id.empty()) request_->request_id = NewRequestId();
        if (request_->received_at == Clock::time_point{}) request_->received_at = Clock::now();
        request_->route = "(invalid)";
        asio::post(*server_.workers, [self = shared_from_this(), status] {
            Response response =
                self->server_.ErrorPage(status, self->head_taken_ ? self->request_.get() : nullptr);
            self->Finish(response, status);
            asio::post(self->strand_, [self, response = std::move(response)]() mutable {
                self->WriteResponse(std::move(response));
            });
        });
    }

    void WriteResponse(Response response) {
        if (phase_ == Phase::kClosed) return;
        phase_ = Phase::kWriting;
        body_ = std::move(response.body);
        body_offset_ = 0;
        sse_open_ = std::move(response.on_event_stream);
        head_sent_ = false;
        WriteNext();
    }

    void WriteNext() {
        std::vector<asio::const_buffer> buffers;
        if (!head_sent_) {
            head_sent_ = true;
            bytes_ += head_.size();
            buffers.emplace_back(asio::buffer(head_));
        }
        if (file_ != nullptr && body_remaining_ > 0) {
            chunk_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kWriteChunk, body_remaining_)));
            const std::size_t n = std::fread(chunk_.data(), 1, chunk_.size(), file_);
            if (n == 0) {
                // The file shrank or failed under us; the promised length cannot be met, so close.
                Close();
                return;
            }
            chunk_.resize(n);
            body_remaining_ -= n;
            buffers.emplace_back(asio::buffer(chunk_));
        } else if (body_offset_ < body_.size()) {
            const std::size_t n = std::min(kWriteChunk * 4, body_.size() - body_offset_);
            buffers.emplace_back(asio::buffer(body_.data() + body_offset_, n));
            body_offset_ += n;
        }
        if (buffers.empty()) {
            OnResponseWritten();
            return;
        }
        for (const auto& b : buffers) bytes_ += b.size();
        if (!head_sent_) bytes_ += 0;
        SetDeadline(server_.options.write_timeout);
        asio::async_write(socket_, buffers,
                          asio::bind_executor(strand_, [self = shared_from_this()](
                                                           boost::system::error_code ec, std::size_t) {
                              if (ec) {
                                  // The client went away or the deadline closed the socket.
                                  self->LogRequest();
                                  self->Close();
                                  return;
                              }
                              self->WriteNext();
                          }));
    }

    void LogRequest() {
        if (logged_) return;
        logged_ = true;
        const Request& r = *request_;
        const auto duration = Clock::now() - r.received_at;
        server_.metrics.RecordRequest(r.route, r.method, status_, duration);
        log::LogEvent(log::Level::kInfo, "http_request",
                      {{"request_id", r.request_id},
                       {"method", MethodName(r.method)},
                       {"route", r.route},
                       {"status", status_},
                       {"duration_ms", std::chrono::duration<double, std::milli>(duration).count()},
                       {"bytes", static_cast<std::int64_t>(bytes_ - head_.size())},
                       {"user_id", r.user_id}});
    }

    void OnResponseWritten() {
        if (file_ != nullptr) {
            std::fclose(file_);
            file_ = nullptr;
        }
        LogRequest();
        logged_ = false;
        if (stream_) {
            StartStream();
            return;
        }
        body_.clear();
        if (!keep_alive_ || server_.stopping.load()) {
            boost::system::error_code ec;
            // Half-close first so the client reads the whole response before the FIN.
            socket_.shutdown(tcp::socket::shutdown_send, ec);
            Close();
            return;
        }
        BeginRequest(false);
    }

    void StartStream();
    void WriteStreamQueue();

    void ScheduleKeepalive() {
        keepalive_timer_.expires_after(server_.options.sse_keepalive);
        keepalive_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            // operation_aborted: the stream closed.
            if (ec || self->phase_ != Phase::kStream) return;
            self->QueueStreamData(": keep-alive\n\n");
            self->ScheduleKeepalive();
        });
    }

    void Close() {
        if (phase_ == Phase::kClosed) return;
        phase_ = Phase::kClosed;
        boost::system::error_code ec;
        // Errors from shutdown/close on an already broken socket carry no information.
        socket_.shutdown(tcp::socket::shutdown_both, ec);
        socket_.close(ec);
        timer_.cancel();
        keepalive_timer_.cancel();
        if (file_ != nullptr) {
            std::fclose(file_);
            file_ = nullptr;
        }
        CloseChannel();
        if (counted_) {
            counted_ = false;
            server_.metrics.ConnectionClosed();
        }
        server_.Unregister(this);
    }

    void CloseChannel();

    Server::Impl& server_;
    tcp::socket socket_;
    Strand strand_;
    asio::steady_timer timer_;
    asio::steady_timer keepalive_timer_;
    Clock::time_point deadline_ = Clock::time_point::max();
    Clock::time_point armed_for_ = Clock::time_point::max();  ///< What the timer waits for.
    bool timer_armed_ = false;
    std::uint64_t timer_generation_ = 0;
    Phase phase_ = Phase::kHead;
    bool counted_ = false;
    std::string remote_address_;

    std::string in_;
    std::size_t in_start_ = 0;
    bool got_bytes_ = false;
    std::unique_ptr<RequestParser> parser_;
    std::unique_ptr<Request> request_;
    RouteMatch match_;
    bool head_taken_ = false;
    std::uint64_t body_limit_ = 0;
    std::FILE* body_file_ = nullptr;
    bool keep_alive_ = true;

    // Response being written.
    std::string head_;
    std::string body_;
    std::size_t body_offset_ = 0;
    std::FILE* file_ = nullptr;
    std::uint64_t body_remaining_ = 0;
    std::string chunk_;
    bool head_sent_ = false;
    bool stream_ = false;
    int status_ = 0;
    std::uint64_t bytes_ = 0;
    bool logged_ = false;

    // Event stream state.
    SseOpenHandler sse_open_;
    std::shared_ptr<SseChannelImpl> channel_;
    std::deque<std::string> stream_queue_;
    bool stream_writing_ = false;
    bool stream_ending_ = false;
    std::array<char, 256> discard_{};
};

class SseChannelImpl final : public SseChannel {
public:
    explicit SseChannelImpl(std::weak_ptr<Connection> connection, Strand strand)
        : connection_(std::move(connection)), strand_(std::move(strand)) {}

    bool Send(std::string_view event, std::string_view data, std::string_view id) override {
        if (!open_.load()) return false;
        std::string text;
        if (!id.empty()) text += fmt::format("id: {}\n", id.substr(0, id.find_first_of("\r\n")));
        if (!event.empty()) text += fmt::format("event: {}\n", event.substr(0, event.find_first_of("\r\n")));
        std::size_t pos = 0;
        while (true) {
            const std::size_t end = data.find('\n', pos);
            std::string_view line =
                data.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            text += "data: ";
            text += line;
            text += '\n';
            if (end == std::string_view::npos) break;
            pos = end + 1;
        }
        text += '\n';
        if (pending_.fetch_add(text.size()) + text.size() > kSseMaxPending) {
            // The client is not reading: drop it rather than buffer without bound.
            Close();
            return false;
        }
        asio::post(strand_, [weak = connection_, text = std::move(text)]() mutable {
            if (auto c = weak.lock()) c->QueueStreamData(std::move(text));
        });
        return true;
    }

    void Close() override {
        if (!open_.exchange(false)) return;
        asio::post(strand_, [weak = connection_] {
            if (auto c = weak.lock()) c->EndStream();
        });
    }

    bool IsOpen() const override { return open_.load(); }

    void MarkClosed() { open_.store(false); }
    void Written(std::size_t n) { pending_.fetch_sub(n); }

private:
    std::weak_ptr<Connection> connection_;
    Strand strand_;
    std::atomic<bool> open_{true};
    std::atomic<std::size_t> pending_{0};
};

void Connection::StartStream() {
    phase_ = Phase::kStream;
    timer_.cancel();
    timer_armed_ = false;
    deadline_ = Clock::time_point::max();
    channel_ = std::make_shared<SseChannelImpl>(weak_from_this(), strand_);
    // Watch for the client closing: any read result ends the stream.
    socket_.async_read_some(
        asio::buffer(discard_),
        asio::bind_executor(strand_, [self = shared_from_this()](boost::system::error_code, std::size_t) {
            // EOF, reset or operation_aborted: in every case the stream is over.
            self->Close();
        }));
    ScheduleKeepalive();
    if (server_.stopping.load()) {
        EndStream();
        return;
    }
    asio::post(*server_.workers,
               [self = shared_from_this(), channel = channel_, open = std::move(sse_open_)] {
                   try {
                       open(channel);
                   } catch (const std::exception& e) {
                       log::LogEvent(log::Level::kError, "http_sse_open_exception",
                                     {{"request_id", self->request_->request_id}, {"what", e.what()}});
                       channel->Close();
                   }
               });
}

void Connection::QueueStreamData(std::string data) {
    if (phase_ != Phase::kStream || stream_ending_) {
        if (channel_ && data.front() != ':') channel_->Written(data.size());
        return;
    }
    stream_queue_.push_back(std::move(data));
    WriteStreamQueue();
}

void Connection::WriteStreamQueue() {
    if (stream_writing_ || phase_ != Phase::kStream) return;
    if (stream_queue_.empty()) {
        if (stream_ending_) {
            boost::system::error_code ec;
            socket_.shutdown(tcp::socket::shutdown_send, ec);
            Close();
        }
        return;
    }
    stream_writing_ = true;
    SetDeadline(server_.options.write_timeout);
    asio::async_write(
        socket_, asio::buffer(stream_queue_.front()),
        asio::bind_executor(strand_, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
            self->stream_writing_ = false;
            self->deadline_ = Clock::time_point::max();
            if (ec) {
                // The client went away (or the write deadline closed the socket).
                self->Close();
                return;
            }
            const std::string& sent = self->stream_queue_.front();
            if (self->channel_ && !sent.empty() && sent.front() != ':') {
                self->channel_->Written(sent.size());
            }
            self->stream_queue_.pop_front();
            self->WriteStreamQueue();
        }));
}

void Connection::EndStream() {
    if (phase_ != Phase::kStream) return;
    stream_ending_ = true;
    if (channel_) channel_->MarkClosed();
    WriteStreamQueue();
}

void Connection::CloseChannel() {
    if (channel_) channel_->MarkClosed();
}

}  // namespace

void Server::Impl::Register(const std::shared_ptr<Connection>& c) {
    const std::lock_guard lock(registry_mutex);
    connections.emplace(c.get(), c);
}

void Server::Impl::Unregister(Connection* c) {
    const std::lock_guard lock(registry_mutex);
    connections.erase(c);
    if (connections.empty()) registry_cv.notify_all();
}

void Server::Impl::Accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
            // operation_aborted: Stop closed the acceptor; this is shutdown, not an error.
            return;
        }
        if (ec) {
            // EMFILE and friends: the pending connection stays in the backlog, so accepting again
            // at once would spin. Pause briefly, warn at most once a second, then try again.
            const auto now = std::chrono::steady_clock::now();
            if (now - last_accept_warning > std::chrono::seconds(1)) {
                last_accept_warning = now;
                log::LogEvent(log::Level::kWarn, "http_accept_failed", {{"error", ec.message()}});
            }
            accept_retry.expires_after(std::chrono::milliseconds(100));
            accept_retry.async_wait([this](boost::system::error_code wait_ec) {
                // operation_aborted: shutdown cancelled the pause.
                if (!wait_ec && acceptor.is_open()) Accept();
            });
            return;
        }
        {
            std::size_t count = 0;
            {
                const std::lock_guard lock(registry_mutex);
                count = connections.size();
            }
            if (count >= options.max_connections || stopping.load()) {
                metrics.ConnectionRejected();
                auto rejected = std::make_shared<tcp::socket>(std::move(socket));
                static const std::string kBusy =
                    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
                    "Retry-After: 5\r\nConnection: close\r\n\r\nServer busy\n";
                asio::async_write(*rejected, asio::buffer(kBusy),
                                  [rejected](boost::system::error_code, std::size_t) {
                                      boost::system::error_code ignored;
                                      // Best effort: the peer may already be gone.
                                      rejected->shutdown(tcp::socket::shutdown_both, ignored);
                                      rejected->close(ignored);
                                  });
            } else {
                auto connection = std::make_shared<Connection>(*this, std::move(socket));
                Register(connection);
                asio::dispatch(connection->strand(), [connection] { connection->Start(); });
            }
        }
        Accept();
    });
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_shared<Impl>(std::move(options), router)) {
    if (impl_->options.io_threads == 0) impl_->options.io_threads = 1;
    if (impl_->options.worker_threads == 0) impl_->options.worker_threads = 1;
}

Server::~Server() {
    bool running = false;
    {
        const std::lock_guard lock(impl_->state_mutex);
        running = impl_->started && !impl_->stopped;
    }
    if (!running) return;
    // A destructor must not throw: a failure to stop cleanly is logged, the process goes on.
    try {
        Stop(std::chrono::milliseconds(0));
    } catch (const std::exception& e) {
        log::LogEvent(log::Level::kError, "http_stop_failed", {{"what", e.what()}});
    }
}

void Server::SetErrorPageRenderer(ErrorPageRenderer renderer) {
    impl_->error_renderer = std::move(renderer);
}

void Server::SetHeaderPolicy(HeaderPolicy policy) {
    impl_->header_policy = std::move(policy);
}

void Server::Start() {
    Impl& s = *impl_;
    const tcp::endpoint endpoint(asio::ip::make_address(s.options.address), s.options.port);
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(asio::socket_base::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen(asio::socket_base::max_listen_connections);
    s.bound_port = s.acceptor.local_endpoint().port();
    std::filesystem::create_directories(s.options.tmp_dir);
    s.workers = std::make_unique<asio::thread_pool>(s.options.worker_threads);
    s.work.emplace(s.ioc.get_executor());
    s.Accept();
    for (unsigned i = 0; i < s.options.io_threads; ++i) {
        s.io_threads.emplace_back([&s] { s.ioc.run(); });
    }
    const std::lock_guard lock(s.state_mutex);
    s.started = true;
    log::LogEvent(log::Level::kInfo, "http_listening",
                  {{"address", s.options.address}, {"port", s.bound_port}});
}

unsigned short Server::port() const {
    return impl_->bound_port;
}

void Server::Stop(std::chrono::milliseconds grace) {
    Impl& s = *impl_;
    {
        const std::lock_guard lock(s.state_mutex);
        if (!s.started || s.stopped || s.stopping.exchange(true)) return;
    }
    asio::post(s.accept_strand, [&s] {
        boost::system::error_code ec;
        // Closing the acceptor makes new connections fail at once (refused).
        s.acceptor.close(ec);
        s.accept_retry.cancel();
    });
    const auto for_each_connection = [&s](auto action) {
        std::vector<std::shared_ptr<Connection>> live;
        {
            const std::lock_guard lock(s.registry_mutex);
            for (auto& [ptr, weak] : s.connections) {
                if (auto c = weak.lock()) live.push_back(std::move(c));
            }
        }
        for (auto& c : live) asio::post(c->strand(), [c, action] { action(*c); });
    };
    for_each_connection([](Connection& c) { c.OnStop(); });
    {
        std::unique_lock lock(s.registry_mutex);
        s.registry_cv.wait_for(lock, grace, [&s] { return s.connections.empty(); });
    }
    for_each_connection([](Connection& c) { c.ForceClose(); });
    {
        std::unique_lock lock(s.registry_mutex);
        s.registry_cv.wait_for(lock, std::chrono::seconds(2), [&s] { return s.connections.empty(); });
    }
    // Handlers still running finish before the pool joins; their responses go nowhere.
    s.workers->join();
    s.work.reset();
    s.ioc.stop();
    for (auto& t : s.io_threads) t.join();
    s.io_threads.clear();
    {
        const std::lock_guard lock(s.state_mutex);
        s.stopped = true;
    }
    s.state_cv.notify_all();
    log::LogEvent(log::Level::kInfo, "http_stopped", {});
}

void Server::Wait() {
    std::unique_lock lock(impl_->state_mutex);
    impl_->state_cv.wait(lock, [this] { return impl_->stopped; });
}

void Server::RunUntilSignal(std::chrono::milliseconds grace) {
    Impl& s = *impl_;
    // Callers that need the bound port before blocking call Start themselves first.
    if (!s.acceptor.is_open()) Start();
    asio::signal_set signals(s.ioc, SIGINT, SIGTERM);
    signals.async_wait([&s](boost::system::error_code ec, int /*signal*/) {
        // operation_aborted: the server stopped for another reason.
        if (ec) return;
        const std::lock_guard lock(s.state_mutex);
        s.signalled = true;
        s.state_cv.notify_all();
    });
    {
        std::unique_lock lock(s.state_mutex);
        s.state_cv.wait(lock, [&s] { return s.signalled || s.stopped; });
    }
    boost::system::error_code ec;
    signals.cancel(ec);
    Stop(grace);
}

Metrics& Server::metrics() {
    return impl_->metrics;
}

}  // namespace oqu::platform::http
