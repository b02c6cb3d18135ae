#pragma once

#include <map>
#include <optional>
#include <string>

namespace oqu::testing {

/// A response as seen by the tests' blocking client.
struct HttpReply {
    int status = 0;                              ///< 0 when the connection failed.
    std::map<std::string, std::string> headers;  ///< Lower-case names; last value wins.
    std::string body;
};

/// One request over a fresh connection (Connection: close) to 127.0.0.1:port; status 0 when the
/// server cannot be reached or closes early. `extra_headers` are raw "Name: value\r\n" lines.
HttpReply HttpRequest(unsigned short port, const std::string& method, const std::string& target,
                      const std::string& body = {}, const std::string& extra_headers = {},
                      int timeout_ms = 10000);

}  // namespace oqu::testing
