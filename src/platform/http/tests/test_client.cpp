#include "platform/http/tests/test_client.hpp"

#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace oqu::platform::http::testing {

Client::Client(unsigned short port, std::chrono::milliseconds timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

Client::~Client() {
    if (fd_ >= 0) ::close(fd_);
}

bool Client::Send(std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool Client::RecvMore() {
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n <= 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
}

std::optional<Reply> Client::Read(bool head_request) {
    std::size_t end = 0;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!RecvMore()) return std::nullopt;
    }
    Reply reply;
    const std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    std::size_t pos = head.find("\r\n");
    reply.status = std::atoi(head.substr(9, 3).c_str());
    while (pos != std::string::npos && pos < head.size()) {
        const std::size_t next = head.find("\r\n", pos + 2);
        const std::string line =
            head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
        const std::size_t colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::size_t v = colon + 1;
            while (v < line.size() && line[v] == ' ') ++v;
            reply.headers[name] = line.substr(v);
        }
        pos = next;
    }
    const auto cl = reply.headers.find("content-length");
    if (head_request) return reply;
    if (cl != reply.headers.end()) {
        const auto length = static_cast<std::size_t>(std::stoull(cl->second));
        while (buffer_.size() < length) {
            if (!RecvMore()) return std::nullopt;
        }
        reply.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
    } else if (reply.status != 304 && reply.status != 204) {
        while (RecvMore()) {
        }
        reply.body = std::move(buffer_);
        buffer_.clear();
    }
    return reply;
}

std::string Client::ReadUntil(std::string_view needle) {
    while (buffer_.find(needle) == std::string::npos) {
        if (!RecvMore()) break;
    }
    return buffer_;
}

bool Client::WaitClosed() {
    char buf[4096];
    while (true) {
        const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
        if (n == 0) return true;
        if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
    }
}

std::optional<Reply> Fetch(unsigned short port, std::string_view request) {
    Client c(port);
    if (!c.connected() || !c.Send(request)) return std::nullopt;
    return c.Read();
}

}  // namespace oqu::platform::http::testing
