#include "platform/http/request.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include "platform/http/cookies.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/multipart.hpp"
#include "platform/http/text.hpp"
#include "platform/http/url.hpp"

namespace oqu::platform::http {
namespace {

core::Result<std::string> ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::MakeError(core::ErrorCode::kUnavailable, "platform.io_error", "cannot open temp file");
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        return core::MakeError(core::ErrorCode::kUnavailable, "platform.io_error", "cannot read temp file");
    }
    return data;
}

void RemoveQuietly(const std::filesystem::path& path) {
    if (path.empty()) return;
    std::error_code ec;
    // The file may already have been moved into the file store; a missing file is fine.
    std::filesystem::remove(path, ec);
}

}  // namespace

const char* MethodName(Method method) {
    switch (method) {
        case Method::kGet:
            return "GET";
        case Method::kHead:
            return "HEAD";
        case Method::kPost:
            return "POST";
        case Method::kPut:
            return "PUT";
        case Method::kPatch:
            return "PATCH";
        case Method::kDelete:
            return "DELETE";
        case Method::kOptions:
            return "OPTIONS";
        case Method::kOther:
            return "OTHER";
    }
    return "OTHER";
}

Method ParseMethod(std::string_view token) {
    if (token == "GET") return Method::kGet;
    if (token == "HEAD") return Method::kHead;
    if (token == "POST") return Method::kPost;
    if (token == "PUT") return Method::kPut;
    if (token == "PATCH") return Method::kPatch;
    if (token == "DELETE") return Method::kDelete;
    if (token == "OPTIONS") return Method::kOptions;
    return Method::kOther;
}

core::Result<std::string> UploadedFile::ReadAll() const {
    if (path.empty()) return data;
    return ReadFile(path);
}

Form::Form(Form&& other) noexcept : fields(std::move(other.fields)), files(std::move(other.files)) {
    other.files.clear();
}

Form& Form::operator=(Form&& other) noexcept {
    if (this != &other) {
        for (const auto& f : files) RemoveQuietly(f.path);
        fields = std::move(other.fields);
        files = std::move(other.files);
        other.files.clear();
    }
    return *this;
}

Form::~Form() {
    for (const auto& f : files) RemoveQuietly(f.path);
}

const std::string* Form::Field(std::string_view name) const {
    const auto it = fields.find(std::string(name));
    return it == fields.end() ? nullptr : &it->second;
}

const UploadedFile* Form::File(std::string_view name) const {
    for (const auto& f : files) {
        if (f.field == name) return &f;
    }
    return nullptr;
}

Request::~Request() {
    RemoveQuietly(body_file);
}

std::string_view Request::Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (EqualsIgnoreCase(k, name)) return v;
    }
    return {};
}

bool Request::HasHeader(std::string_view name) const {
    for (const auto& h : headers) {
        if (EqualsIgnoreCase(h.first, name)) return true;
    }
    return false;
}

std::string_view Request::Param(std::string_view name) const {
    for (const auto& [k, v] : path_params) {
        if (k == name) return v;
    }
    return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
    std::size_t pos = 0;
    while (pos <= query.size()) {
        std::size_t end = query.find('&', pos);
        if (end == std::string::npos) end = query.size();
        const std::string_view pair = std::string_view(query).substr(pos, end - pos);
        pos = end + 1;
        const std::size_t eq = pair.find('=');
        auto key = PercentDecode(pair.substr(0, eq), true);
        if (!key || *key != name) continue;
        if (eq == std::string_view::npos) return std::string();
        auto value = PercentDecode(pair.substr(eq + 1), true);
        if (value) return value;
    }
    return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (!EqualsIgnoreCase(k, "cookie")) continue;
        for (auto& [ck, cv] : ParseCookies(v)) {
            if (ck == name) return std::move(cv);
        }
    }
    return std::nullopt;
}

std::string Request::MediaType() const {
    const std::string_view type = Header("content-type");
    return ToLower(TrimSpaces(type.substr(0, type.find(';'))));
}

bool Request::AcceptsGzip() const {
    return AcceptsGzipEncoding(Header("accept-encoding"));
}

core::Result<const ::oqu::platform::http::Form*> Request::Form() {
    if (form_) return form_.get();
    if (form_error_) return *form_error_;
    const std::string media = MediaType();
    if (media == "multipart/form-data") {
        auto parsed = ParseMultipart(Header("content-type"), body, body_file, tmp_dir, form_limits);
        if (!parsed) {
            form_error_ = parsed.error();
            return *form_error_;
        }
        form_ = std::make_unique<::oqu::platform::http::Form>(std::move(parsed).value());
        return form_.get();
    }
    if (media == "application/x-www-form-urlencoded" || (media.empty() && body_size == 0)) {
        std::string text;
        if (!body_file.empty()) {
            auto read = ReadFile(body_file);
            if (!read) return read.error();
            text = std::move(read).value();
        }
        auto pairs = ParseUrlEncoded(body_file.empty() ? std::string_view(body) : std::string_view(text));
        if (!pairs) {
            form_error_ = pairs.error();
            return *form_error_;
        }
        auto form = std::make_unique<::oqu::platform::http::Form>();
        for (auto& [k, v] : pairs.value()) form->fields.emplace(std::move(k), std::move(v));
        form_ = std::move(form);
        return form_.get();
    }
    form_error_ = core::MakeError(core::ErrorCode::kInvalidInput, "platform.bad_form", "body is not a form");
    return *form_error_;
}

}  // namespace oqu::platform::http
