#include "tests/support/http_client.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace oqu::testing {

namespace {

// Decodes a chunked body; returns nullopt while incomplete.
std::optional<std::string> Dechunk(const std::string& raw) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto eol = raw.find("\r\n", pos);
        if (eol == std::string::npos) return std::nullopt;
        const std::size_t size = std::strtoul(raw.substr(pos, eol - pos).c_str(), nullptr, 16);
        if (size == 0) return out;
        if (raw.size() < eol + 2 + size + 2) return std::nullopt;
        out.append(raw, eol + 2, size);
        pos = eol + 2 + size + 2;
    }
}

}  // namespace

HttpReply HttpRequest(unsigned short port, const std::string& method, const std::string& target,
                      const std::string& body, const std::string& extra_headers, int timeout_ms) {
    HttpReply reply;
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return reply;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {  // NOLINT: BSD sockets API
        close(fd);
        return reply;
    }
    std::string request =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers;
    if (!body.empty() || method == "POST") {
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    std::size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            close(fd);
            return reply;
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string raw;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buf[16384];
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        raw.append(buf, static_cast<std::size_t>(n));
    }
    close(fd);
    const auto head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos || raw.compare(0, 9, "HTTP/1.1 ") != 0) return reply;
    std::size_t line_start = raw.find("\r\n") + 2;
    while (line_start < head_end) {
        const auto eol = raw.find("\r\n", line_start);
        const std::string line = raw.substr(line_start, eol - line_start);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return std::tolower(c); });
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            reply.headers[name] = value;
        }
        line_start = eol + 2;
    }
    std::string payload = raw.substr(head_end + 4);
    if (reply.headers["transfer-encoding"] == "chunked") {
        auto decoded = Dechunk(payload);
        if (!decoded) return reply;
        payload = std::move(*decoded);
    } else if (reply.headers.contains("content-length")) {
        const std::size_t length = std::strtoul(reply.headers["content-length"].c_str(), nullptr, 10);
        // A truncated body means the server died mid-response: not an acknowledgement.
        if (payload.size() < length && method != "HEAD") return reply;
        if (method != "HEAD") payload.resize(length);
    }
    reply.status = std::atoi(raw.substr(9, 3).c_str());
    reply.body = std::move(payload);
    return reply;
}

}  // namespace oqu::testing
