#include "platform/http/static_files.hpp"

#include <fstream>
#include <iterator>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>
#include <sys/stat.h>

#include "platform/http/errors.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/text.hpp"

namespace oqu::platform::http {
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kShortCache = "public, max-age=300";

// "app.3f2a9c1b.css": a run of 8+ hex digits between dots marks a content-hashed name.
bool HasFingerprint(std::string_view name) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (hex) {
            ++run;
            continue;
        }
        if (c == '.' && run >= 8 && i > run && name[i - run - 1] == '.') return true;
        run = 0;
    }
    return false;
}

bool IsVersioned(const Request& request, std::string_view name) {
    return request.Query("v") || request.Query("version") || request.Query("hash") || HasFingerprint(name);
}

// True when `path` lies inside `root` (both canonical).
bool IsWithin(const std::filesystem::path& root, const std::filesystem::path& path) {
    auto r = root.begin();
    auto p = path.begin();
    for (; r != root.end(); ++r, ++p) {
        if (p == path.end() || *r != *p) return false;
    }
    return true;
}

struct GzipCache {
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const std::string>> entries;
    std::size_t bytes = 0;
};

Response NotFound() {
    return ErrorResponse(404, "not_found", "Not found");
}

}  // namespace

std::string_view ContentTypeFor(const std::filesystem::path& file) {
    static const std::unordered_map<std::string, std::string_view> kTypes{
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".txt", "text/plain; charset=utf-8"},
        {".csv", "text/csv; charset=utf-8"},
        {".xml", "application/xml"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".pdf", "application/pdf"},
        {".zip", "application/zip"},
        {".mp4", "video/mp4"},
        {".webm", "video/webm"},
        {".mp3", "audio/mpeg"},
        {".wasm", "application/wasm"},
    };
    const auto it = kTypes.find(ToLower(file.extension().string()));
    return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

bool IsCompressibleType(std::string_view content_type) {
    const std::string type = ToLower(TrimSpaces(content_type.substr(0, content_type.find(';'))));
    return type.starts_with("text/") || type == "application/json" || type == "application/javascript" ||
           type == "application/xml" || type == "image/svg+xml" || type.ends_with("+json") ||
           type.ends_with("+xml");
}

bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag) {
    if (etag.empty()) return false;
    if (etag.starts_with("W/")) etag.remove_prefix(2);
    std::size_t pos = 0;
    while (pos <= if_none_match.size()) {
        std::size_t end = if_none_match.find(',', pos);
        if (end == std::string_view::npos) end = if_none_match.size();
        std::string_view tag = TrimSpaces(if_none_match.substr(pos, end - pos));
        pos = end + 1;
        if (tag == "*") return true;
        // If-None-Match uses the weak comparison (RFC 9110 13.1.2).
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (!tag.empty() && tag == etag) return true;
    }
    return false;
}

Handler ServeStatic(const std::filesystem::path& root, StaticOptions options) {
    std::error_code ec;
    auto canonical_root = std::filesystem::canonical(root, ec);
    if (ec) canonical_root = std::filesystem::absolute(root);
    auto cache = std::make_shared<GzipCache>();
    return [root = std::move(canonical_root), options = std::move(options),
            cache](Request& request) -> Response {
        const std::string_view rel = request.Param(options.param);
        if (rel.empty() || rel.front() == '/') return NotFound();
        // Hidden files (.git, .env) are never served, whatever the root holds.
        for (std::size_t pos = 0; pos < rel.size();) {
            if (rel[pos] == '.') return NotFound();
            const std::size_t slash = rel.find('/', pos);
            if (slash == std::string_view::npos) break;
            pos = slash + 1;
        }
        std::error_code err;
        const auto path = std::filesystem::canonical(root / std::filesystem::path(rel), err);
        // canonical resolves symlinks, so a link pointing outside the root is caught here.
        if (err || !IsWithin(root, path)) return NotFound();
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return NotFound();
        const auto mtime_ns = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000ull +
                              static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
        const std::string etag =
            fmt::format("\"{:x}-{:x}\"", static_cast<std::uint64_t>(st.st_size), mtime_ns);
        const std::string gzip_etag = etag.substr(0, etag.size() - 1) + "-gz\"";
        const std::string_view type = ContentTypeFor(path);
        const std::string_view cache_control =
            IsVersioned(request, path.filename().string()) ? kImmutable : kShortCache;
        const bool compressible = IsCompressibleType(type);
        const bool gzip = compressible && request.AcceptsGzip() &&
                          static_cast<std::uint64_t>(st.st_size) <= options.gzip_max_file_bytes;
        const std::string& current_etag = gzip ? gzip_etag : etag;

        const std::string_view inm = request.Header("if-none-match");
        if (!inm.empty() && IfNoneMatchHits(inm, current_etag)) {
            Response r;
            r.status = 304;
            r.SetHeader("ETag", current_etag);
            r.SetHeader("Cache-Control", cache_control);
            if (compressible) r.SetHeader("Vary", "Accept-Encoding");
            return r;
        }
        if (!gzip) {
            Response r = Response::SendFile(path, type, false, etag);
            r.SetHeader("Cache-Control", cache_control);
            if (compressible) r.SetHeader("Vary", "Accept-Encoding");
            return r;
        }
        const std::string key = path.string() + '\n' + gzip_etag;
        std::shared_ptr<const std::string> compressed;
        {
            const std::lock_guard lock(cache->mutex);
            const auto it = cache->entries.find(key);
            if (it != cache->entries.end()) compressed = it->second;
        }
        if (!compressed) {
            std::ifstream in(path, std::ios::binary);
            const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (!in && !in.eof()) return NotFound();
            auto gz = GzipCompress(data);
            if (!gz) {
                Response r = Response::SendFile(path, type, false, etag);
                r.SetHeader("Cache-Control", cache_control);
                r.SetHeader("Vary", "Accept-Encoding");
                return r;
            }
            compressed = std::make_shared<const std::string>(std::move(*gz));
            const std::lock_guard lock(cache->mutex);
            // A full cache is simply emptied: static assets are few and rebuilt on demand.
            if (cache->bytes + compressed->size() > options.gzip_cache_bytes) {
                cache->entries.clear();
                cache->bytes = 0;
            }
            if (compressed->size() <= options.gzip_cache_bytes &&
                cache->entries.emplace(key, compressed).second) {
                cache->bytes += compressed->size();
            }
        }
        Response r;
        r.body = *compressed;
        r.SetHeader("Content-Type", type);
        r.SetHeader("Content-Encoding", "gzip");
        r.SetHeader("ETag", gzip_etag);
        r.SetHeader("Cache-Control", cache_control);
        r.SetHeader("Vary", "Accept-Encoding");
        return r;
    };
}

}  // namespace oqu::platform::http
