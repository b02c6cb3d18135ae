#include "platform/http/multipart.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <unistd.h>

#include "platform/http/text.hpp"

namespace oqu::platform::http {
namespace {

core::Error Invalid(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "platform.bad_multipart", std::move(detail));
}

core::Error TooLarge(std::string detail) {
    return core::MakeError(core::ErrorCode::kTooLarge, "platform.too_large", std::move(detail));
}

core::Error IoFailed(std::string detail) {
    return core::MakeError(core::ErrorCode::kUnavailable, "platform.io_error", std::move(detail));
}

enum class State { kPreamble, kAfterBoundary, kHeaders, kBody, kDone, kFailed };

}  // namespace

core::Result<std::string> BoundaryFromContentType(std::string_view content_type) {
    const std::string media = ToLower(TrimSpaces(content_type.substr(0, content_type.find(';'))));
    if (media != "multipart/form-data") return Invalid("not multipart/form-data");
    std::string boundary = HeaderParameter(content_type, "boundary");
    if (boundary.empty() || boundary.size() > 70) return Invalid("missing or bad boundary");
    return boundary;
}

struct MultipartParser::Impl {
    std::string delimiter;  ///< "\r\n--" + boundary.
    std::filesystem::path tmp_dir;
    FormLimits limits;
    State state = State::kPreamble;
    std::string buf;
    Form form;
    std::uint64_t total = 0;
    std::size_t parts = 0;
    // The part being read.
    bool is_file = false;
    std::string field_name;
    std::string field_value;
    std::FILE* file = nullptr;

    ~Impl() { CloseFile(); }

    void CloseFile() {
        if (file != nullptr) {
            std::fclose(file);
            file = nullptr;
        }
    }

    core::Status Fail(core::Error error) {
        state = State::kFailed;
        CloseFile();
        return error;
    }

    core::Status StartPart(std::string_view header_block) {
        if (++parts > limits.max_parts) return TooLarge("too many parts");
        std::string disposition;
        std::string content_type;
        std::size_t pos = 0;
        while (pos < header_block.size()) {
            std::size_t end = header_block.find("\r\n", pos);
            if (end == std::string_view::npos) end = header_block.size();
            const std::string_view line = header_block.substr(pos, end - pos);
            pos = end + 2;
            if (line.empty()) continue;
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) return Invalid("part header without ':'");
            const std::string_view name = TrimSpaces(line.substr(0, colon));
            const std::string_view value = TrimSpaces(line.substr(colon + 1));
            if (EqualsIgnoreCase(name, "content-disposition")) disposition = value;
            if (EqualsIgnoreCase(name, "content-type")) content_type = value;
        }
        const std::string kind =
            ToLower(TrimSpaces(std::string_view(disposition).substr(0, disposition.find(';'))));
        if (kind != "form-data") return Invalid("part without Content-Disposition: form-data");
        field_name = HeaderParameter(disposition, "name");
        if (field_name.empty()) return Invalid("part without a name");
        field_value.clear();
        // A filename parameter, even empty, marks a file input.
        is_file = disposition.find("filename=") != std::string::npos;
        if (is_file) {
            UploadedFile f;
            f.field = field_name;
            f.filename = HeaderParameter(disposition, "filename");
            f.content_type = content_type.empty() ? "application/octet-stream" : content_type;
            form.files.push_back(std::move(f));
        }
        return core::OkStatus();
    }

    core::Status SpillToFile(UploadedFile& f) {
        std::string templ = (tmp_dir / "oqu-part-XXXXXX").string();
        const int fd = ::mkstemp(templ.data());
        if (fd < 0) return IoFailed("cannot create temp file for a part");
        f.path = templ;
        file = ::fdopen(fd, "wb");
        if (file == nullptr) {
            ::close(fd);
            return IoFailed("cannot open temp file for a part");
        }
        if (!f.data.empty() && std::fwrite(f.data.data(), 1, f.data.size(), file) != f.data.size()) {
            return IoFailed("cannot write part to temp file");
        }
        f.data.clear();
        f.data.shrink_to_fit();
        return core::OkStatus();
    }

    core::Status PartBytes(std::string_view bytes) {
        if (bytes.empty()) return core::OkStatus();
        total += bytes.size();
        if (total > limits.max_total_bytes) return TooLarge("multipart body over limit");
        if (!is_file) {
            if (field_value.size() + bytes.size() > limits.max_field_bytes) {
                return TooLarge("form field over limit");
            }
            field_value.append(bytes);
            return core::OkStatus();
        }
        UploadedFile& f = form.files.back();
        f.size += bytes.size();
        if (file == nullptr && f.data.size() + bytes.size() > limits.memory_threshold) {
            if (auto st = SpillToFile(f); !st) return st;
        }
        if (file != nullptr) {
            if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
                return IoFailed("cannot write part to temp file");
            }
        } else {
            f.data.append(bytes);
        }
        return core::OkStatus();
    }

    core::Status EndPart() {
        if (is_file) {
            if (file != nullptr) {
                const bool ok = std::fflush(file) == 0;
                CloseFile();
                if (!ok) return IoFailed("cannot flush part temp file");
            }
        } else {
            form.fields.emplace(std::move(field_name), std::move(field_value));
            field_value.clear();
        }
        return core::OkStatus();
    }

    core::Status Process() {
        const std::string_view dash_boundary = std::string_view(delimiter).substr(2);
        while (true) {
            switch (state) {
                case State::kPreamble: {
                    // The first boundary may open the body without a preceding CRLF.
                    if (buf.size() < dash_boundary.size()) return core::OkStatus();
                    if (buf.compare(0, dash_boundary.size(), dash_boundary) == 0) {
                        buf.erase(0, dash_boundary.size());
                        state = State::kAfterBoundary;
                        break;
                    }
                    const std::size_t p = buf.find(delimiter);
                    if (p == std::string::npos) {
                        // Keep a tail that could be the start of a split delimiter.
                        if (buf.size() >= delimiter.size()) buf.erase(0, buf.size() - delimiter.size() + 1);
                        return core::OkStatus();
                    }
                    buf.erase(0, p + delimiter.size());
                    state = State::kAfterBoundary;
                    break;
                }
                case State::kAfterBoundary: {
                    std::size_t i = 0;
                    while (i < buf.size() && (buf[i] == ' ' || buf[i] == '\t')) ++i;
                    if (i > 64) return Invalid("padding after boundary");
                    if (buf.size() < i + 2) return core::OkStatus();
                    if (buf.compare(i, 2, "--") == 0) {
                        state = State::kDone;
                        buf.clear();
                        return core::OkStatus();
                    }
                    if (buf.compare(i, 2, "\r\n") != 0) return Invalid("garbage after boundary");
                    buf.erase(0, i + 2);
                    state = State::kHeaders;
                    break;
                }
                case State::kHeaders: {
                    std::size_t end = 0;
                    std::size_t skip = 0;
                    if (buf.size() >= 2 && buf.compare(0, 2, "\r\n") == 0) {
                        skip = 2;
                    } else {
                        end = buf.find("\r\n\r\n");
                        if (end == std::string::npos) {
                            if (buf.size() > limits.max_part_header_bytes) {
                                return TooLarge("part headers over limit");
                            }
                            return core::OkStatus();
                        }
                        skip = end + 4;
                    }
                    if (end > limits.max_part_header_bytes) return TooLarge("part headers over limit");
                    if (auto st = StartPart(std::string_view(buf).substr(0, end)); !st) return st;
                    buf.erase(0, skip);
                    state = State::kBody;
                    break;
                }
                case State::kBody: {
                    const std::size_t p = buf.find(delimiter);
                    if (p == std::string::npos) {
                        if (buf.size() >= delimiter.size()) {
                            const std::size_t safe = buf.size() - delimiter.size() + 1;
                            if (auto st = PartBytes(std::string_view(buf).substr(0, safe)); !st) return st;
                            buf.erase(0, safe);
                        }
                        return core::OkStatus();
                    }
                    if (auto st = PartBytes(std::string_view(buf).substr(0, p)); !st) return st;
                    if (auto st = EndPart(); !st) return st;
                    buf.erase(0, p + delimiter.size());
                    state = State::kAfterBoundary;
                    break;
                }
                case State::kDone:
                    // The epilogue is ignored.
                    buf.clear();
                    return core::OkStatus();
                case State::kFailed:
                    return Invalid("parser already failed");
            }
        }
    }
};

MultipartParser::MultipartParser(const std::string& boundary, std::filesystem::path tmp_dir,
                                 FormLimits limits)
    : impl_(std::make_unique<Impl>()) {
    impl_->delimiter = "\r\n--" + boundary;
    impl_->tmp_dir = std::move(tmp_dir);
    impl_->limits = limits;
}

MultipartParser::~MultipartParser() = default;

core::Status MultipartParser::Feed(std::string_view chunk) {
    if (impl_->state == State::kFailed) return Invalid("parser already failed");
    if (impl_->state == State::kDone) return core::OkStatus();
    impl_->buf.append(chunk);
    auto st = impl_->Process();
    if (!st) return impl_->Fail(st.error());
    return st;
}

core::Result<Form> MultipartParser::Finish() {
    if (impl_->state == State::kFailed) return Invalid("parser already failed");
    if (impl_->state != State::kDone) {
        return impl_->Fail(Invalid("truncated multipart body")).error();
    }
    return std::move(impl_->form);
}

core::Result<Form> ParseMultipart(std::string_view content_type, std::string_view body,
                                  const std::filesystem::path& file, const std::filesystem::path& tmp_dir,
                                  const FormLimits& limits) {
    auto boundary = BoundaryFromContentType(content_type);
    if (!boundary) return boundary.error();
    MultipartParser parser(std::move(boundary).value(), tmp_dir, limits);
    if (file.empty()) {
        if (auto st = parser.Feed(body); !st) return st.error();
        return parser.Finish();
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return IoFailed("cannot open spilled body");
    std::vector<char> chunk(64 * 1024);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) break;
        if (auto st = parser.Feed(std::string_view(chunk.data(), n)); !st) return st.error();
    }
    if (in.bad()) return IoFailed("cannot read spilled body");
    return parser.Finish();
}

}  // namespace oqu::platform::http
