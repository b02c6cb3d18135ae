#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/portal.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace oqu::app::testing {

/// Calls a portal's router in process, like a browser with a cookie jar would over HTTP (the
/// server's own parts — framing, deadlines, security headers — are tested in platform/http).
class PortalClient {
public:
    explicit PortalClient(Portal& portal) : portal_(portal) {}

    /// Sends one request; a non-empty `body` is sent as a URL-encoded form unless `headers` names
    /// another Content-Type. Stores Set-Cookie values.
    platform::http::Response Send(platform::http::Method method, const std::string& target,
                                  const std::string& body = {}, bool html = true,
                                  const std::map<std::string, std::string>& headers = {});
    platform::http::Response Get(const std::string& target) {
        return Send(platform::http::Method::kGet, target);
    }
    /// POSTs form fields (URL-encoded), adding the current CSRF token unless `with_csrf` is false.
    platform::http::Response Post(const std::string& target, std::map<std::string, std::string> fields,
                                  bool with_csrf = true);

    /// The CSRF token forms carry for this client now (fetched from a page when unknown).
    std::string Csrf();
    /// Signs in through POST /login (and the second factor when `totp_secret` is given).
    bool SignIn(const std::string& login, const std::string& password, const std::string& totp_secret = {});

    std::map<std::string, std::string>& cookies() { return cookies_; }
    /// The last Set-Cookie header values seen, raw.
    const std::vector<std::string>& set_cookies() const { return set_cookies_; }

private:
    Portal& portal_;
    std::map<std::string, std::string> cookies_;
    std::vector<std::string> set_cookies_;
    std::string csrf_;
};

/// URL-encodes a form.
std::string EncodeForm(const std::map<std::string, std::string>& fields);

}  // namespace oqu::app::testing
