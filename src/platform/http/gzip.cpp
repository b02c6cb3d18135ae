#include "platform/http/gzip.hpp"

#include <zlib.h>

#include "platform/http/text.hpp"

namespace oqu::platform::http {

std::optional<std::string> GzipCompress(std::string_view data) {
    z_stream zs{};
    // windowBits 15 + 16 selects the gzip wrapper instead of raw zlib.
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const std::size_t produced = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(produced);
    return out;
}

bool AcceptsGzipEncoding(std::string_view accept_encoding) {
    std::size_t pos = 0;
    while (pos <= accept_encoding.size()) {
        std::size_t end = accept_encoding.find(',', pos);
        if (end == std::string_view::npos) end = accept_encoding.size();
        const std::string_view item = TrimSpaces(accept_encoding.substr(pos, end - pos));
        pos = end + 1;
        const std::size_t semi = item.find(';');
        const std::string_view coding = TrimSpaces(item.substr(0, semi));
        if (!EqualsIgnoreCase(coding, "gzip") && coding != "*") continue;
        if (semi == std::string_view::npos) return true;
        const std::string q = HeaderParameter(item, "q");
        // q=0, q=0.0, q=0.000 refuse the coding; anything else accepts it.
        if (q.empty() || q.find_first_not_of("0.") != std::string::npos) return true;
        return false;
    }
    return false;
}

}  // namespace oqu::platform::http
