#include "platform/http/request_parser.hpp"

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

#include "platform/http/text.hpp"
#include "platform/http/url.hpp"

namespace oqu::platform::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::string_view View(beast::string_view s) {
    return {s.data(), s.size()};
}

// Beast's parser calls back into this class; it collects the head and forwards body bytes.
class HeadCollector final : public bhttp::basic_parser<true> {
public:
    explicit HeadCollector(const ParserLimits& limits) : limits_(limits) {
        header_limit(static_cast<std::uint32_t>(limits.max_request_line + limits.max_header_bytes));
        body_limit(limits.max_body_bytes);
        body_limit_ = limits.max_body_bytes;
    }

    const ParserLimits& limits_;
    std::string method_token_;
    std::string target_;
    FieldList headers_;
    bool expects_continue_ = false;
    bool has_transfer_encoding_ = false;
    std::uint64_t body_limit_ = 0;
    std::uint64_t body_received_ = 0;
    int error_status_ = 0;
    const RequestParser::BodySink* sink_ = nullptr;

private:
    void on_request_impl(bhttp::verb /*method*/, beast::string_view method_str, beast::string_view target,
                         int version, beast::error_code& ec) override {
        if (method_str.size() + target.size() + 11 > limits_.max_request_line) {
            error_status_ = 414;
            ec = bhttp::error::bad_target;
            return;
        }
        if (version != 10 && version != 11) {
            ec = bhttp::error::bad_version;
            return;
        }
        method_token_ = std::string(View(method_str));
        target_ = std::string(View(target));
    }

    void on_response_impl(int, beast::string_view, int, beast::error_code& ec) override {
        // Never called for a request parser; refuse rather than assert on input.
        ec = bhttp::error::bad_version;
    }

    void on_field_impl(bhttp::field name, beast::string_view name_string, beast::string_view value,
                       beast::error_code& /*ec*/) override {
        if (name == bhttp::field::expect && EqualsIgnoreCase(TrimSpaces(View(value)), "100-continue")) {
            expects_continue_ = true;
        }
        if (name == bhttp::field::transfer_encoding) has_transfer_encoding_ = true;
        headers_.emplace_back(std::string(View(name_string)), std::string(View(value)));
    }

    void on_header_impl(beast::error_code& ec) override {
        // Only "chunked" is a framing we understand; any other coding would make the length
        // ambiguous between us and a proxy (request smuggling).
        if (has_transfer_encoding_ && !chunked()) ec = bhttp::error::bad_transfer_encoding;
    }

    void on_body_init_impl(const boost::optional<std::uint64_t>& /*content_length*/,
                           beast::error_code& /*ec*/) override {}

    std::size_t Deliver(beast::string_view body, beast::error_code& ec) {
        body_received_ += body.size();
        if (body_received_ > body_limit_) {
            error_status_ = 413;
            ec = bhttp::error::body_limit;
            return 0;
        }
        if (sink_ != nullptr && *sink_) {
            auto st = (*sink_)(View(body));
            if (!st) {
                error_status_ = st.error().code == core::ErrorCode::kTooLarge      ? 413
                                : st.error().code == core::ErrorCode::kUnavailable ? 503
                                                                                   : 400;
                ec = bhttp::error::body_limit;
                return 0;
            }
        }
        return body.size();
    }

    std::size_t on_body_impl(beast::string_view body, beast::error_code& ec) override {
        return Deliver(body, ec);
    }

    void on_chunk_header_impl(std::uint64_t /*size*/, beast::string_view /*extensions*/,
                              beast::error_code& /*ec*/) override {}

    std::size_t on_chunk_body_impl(std::uint64_t /*remain*/, beast::string_view body,
                                   beast::error_code& ec) override {
        return Deliver(body, ec);
    }

    void on_finish_impl(beast::error_code& /*ec*/) override {}
};

int StatusFor(const beast::error_code& ec, int recorded) {
    if (recorded != 0) return recorded;
    if (ec == bhttp::error::header_limit) return 431;
    if (ec == bhttp::error::body_limit) return 413;
    return 400;
}

core::Error ParseError(int status) {
    return core::MakeError(status == 413 ? core::ErrorCode::kTooLarge : core::ErrorCode::kInvalidInput,
                           "platform.bad_request", "request parse error");
}

}  // namespace

struct RequestParser::Impl {
    explicit Impl(const ParserLimits& l) : limits(l), parser(limits) {}
    ParserLimits limits;
    HeadCollector parser;
    int error_status = 0;
};

RequestParser::RequestParser(const ParserLimits& limits) : impl_(std::make_unique<Impl>(limits)) {}

RequestParser::~RequestParser() = default;

core::Result<std::size_t> RequestParser::Put(std::string_view data, const BodySink& sink) {
    if (impl_->error_status != 0) return ParseError(impl_->error_status);
    HeadCollector& p = impl_->parser;
    if (!p.is_header_done()) {
        // Beast only sees the request line once the whole head has arrived; answer 414 early
        // instead of 431 when the first line alone is too long.
        const std::size_t line_end = data.find('\n');
        if ((line_end == std::string_view::npos ? data.size() : line_end) >
            impl_->limits.max_request_line + 1) {
            impl_->error_status = 414;
            return ParseError(414);
        }
    }
    p.sink_ = &sink;
    beast::error_code ec;
    const std::size_t used = p.put(boost::asio::const_buffer(data.data(), data.size()), ec);
    p.sink_ = nullptr;
    if (ec == bhttp::error::need_more) return std::size_t{0};
    if (ec) {
        impl_->error_status = StatusFor(ec, p.error_status_);
        return ParseError(impl_->error_status);
    }
    if (p.is_header_done()) p.eager(true);
    return used;
}

core::Status RequestParser::PutEof() {
    if (impl_->error_status != 0) return ParseError(impl_->error_status);
    // Beast asserts that some input came before EOF; no input at all is simply an incomplete request.
    if (!impl_->parser.got_some()) {
        impl_->error_status = 400;
        return ParseError(400);
    }
    beast::error_code ec;
    impl_->parser.put_eof(ec);
    if (ec) {
        impl_->error_status = StatusFor(ec, impl_->parser.error_status_);
        return ParseError(impl_->error_status);
    }
    return core::OkStatus();
}

bool RequestParser::HeaderDone() const {
    return impl_->parser.is_header_done();
}

bool RequestParser::Done() const {
    return impl_->parser.is_done();
}

int RequestParser::LastErrorStatus() const {
    return impl_->error_status == 0 ? 400 : impl_->error_status;
}

core::Status RequestParser::SetBodyLimit(std::uint64_t bytes) {
    impl_->parser.body_limit_ = std::min(bytes, impl_->limits.max_body_bytes);
    const auto length = impl_->parser.content_length();
    if (length && *length > impl_->parser.body_limit_) {
        impl_->error_status = 413;
        return ParseError(413);
    }
    return core::OkStatus();
}

std::optional<std::uint64_t> RequestParser::ContentLength() const {
    const auto length = impl_->parser.content_length();
    if (!length) return std::nullopt;
    return *length;
}

bool RequestParser::Chunked() const {
    return impl_->parser.chunked();
}

bool RequestParser::KeepAlive() const {
    return impl_->parser.keep_alive();
}

bool RequestParser::ExpectsContinue() const {
    return impl_->parser.expects_continue_;
}

core::Status RequestParser::TakeHead(Request& out) {
    HeadCollector& p = impl_->parser;
    out.method = ParseMethod(p.method_token_);
    out.target = std::move(p.target_);
    const std::size_t q = out.target.find('?');
    const std::string_view raw_path = std::string_view(out.target).substr(0, q);
    out.query = q == std::string::npos ? std::string() : out.target.substr(q + 1);
    out.headers = std::move(p.headers_);
    auto path = NormalizePath(raw_path);
    if (!path) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "platform.bad_request", "bad request path");
    }
    out.path = std::move(*path);
    return core::OkStatus();
}

int ParseWholeRequest(std::string_view bytes, const ParserLimits& limits) {
    RequestParser parser(limits);
    const RequestParser::BodySink sink = [](std::string_view) { return core::OkStatus(); };
    bool limit_set = false;
    while (!parser.Done()) {
        auto used = parser.Put(bytes, sink);
        if (!used) return parser.LastErrorStatus();
        if (parser.HeaderDone() && !limit_set) {
            limit_set = true;
            if (!parser.SetBodyLimit(limits.max_body_bytes)) return parser.LastErrorStatus();
            Request request;
            if (!parser.TakeHead(request)) return 400;
        }
        if (*used == 0) {
            if (bytes.empty() || !parser.HeaderDone()) break;
            if (parser.Done()) break;
            // The header is done but Beast wants more body bytes than we have: the input is truncated.
            break;
        }
        bytes.remove_prefix(*used);
    }
    if (!parser.Done()) {
        if (!parser.PutEof()) return parser.LastErrorStatus();
        if (!parser.Done()) return 400;
    }
    return 0;
}

}  // namespace oqu::platform::http
