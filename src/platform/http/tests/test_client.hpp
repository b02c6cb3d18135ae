#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace oqu::platform::http::testing {

/// One parsed response.
struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  ///< Lower-case names.
    std::string body;
};

/// A blocking client socket to 127.0.0.1 with a receive timeout; closes on destruction.
class Client {
public:
    /// Connects; connected() is false when refused.
    explicit Client(unsigned short port, std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// True when the connection was established.
    bool connected() const { return fd_ >= 0; }
    /// Sends all bytes; false on error.
    bool Send(std::string_view data);
    /// Reads one response (Content-Length or until close; no body when `head_request`); nullopt on
    /// timeout or close before a complete response.
    std::optional<Reply> Read(bool head_request = false);
    /// Reads raw bytes until `needle` appears or timeout; returns what was read.
    std::string ReadUntil(std::string_view needle);
    /// True when the server closes the connection within the timeout (recv returns 0 or an error).
    bool WaitClosed();

private:
    int fd_ = -1;
    std::string buffer_;
    bool RecvMore();
};

/// Sends `request` on a fresh connection and reads one reply.
std::optional<Reply> Fetch(unsigned short port, std::string_view request);

}  // namespace oqu::platform::http::testing
