#include "app/tests/portal_client.hpp"

#include "platform/auth/totp.hpp"
#include "platform/http/router.hpp"

namespace oqu::app::testing {

namespace http = platform::http;

namespace {

// The value of the first hidden `_csrf` field of a page, or empty.
std::string FindCsrf(const std::string& page) {
    const std::string marker = R"(name="_csrf" value=")";
    const auto at = page.find(marker);
    if (at == std::string::npos) return {};
    const auto start = at + marker.size();
    const auto end = page.find('"', start);
    return end == std::string::npos ? std::string{} : page.substr(start, end - start);
}

}  // namespace

std::string EncodeForm(const std::map<std::string, std::string>& fields) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out.push_back('&');
        for (const std::string* part : {&name, &value}) {
            for (unsigned char c : *part) {
                if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
                    out.push_back(static_cast<char>(c));
                } else {
                    out.push_back('%');
                    out.push_back(kHex[c >> 4]);
                    out.push_back(kHex[c & 15]);
                }
            }
            if (part == &name) out.push_back('=');
        }
    }
    return out;
}

http::Response PortalClient::Send(http::Method method, const std::string& target, const std::string& body,
                                  bool html, const std::map<std::string, std::string>& headers) {
    http::Request request;
    request.method = method;
    request.target = target;
    const auto q = target.find('?');
    request.path = target.substr(0, q);
    request.query = q == std::string::npos ? "" : target.substr(q + 1);
    request.remote_address = "10.20.30.40";
    request.request_id = "test";
    request.tmp_dir = std::filesystem::temp_directory_path();
    request.headers.emplace_back("Accept", html ? "text/html" : "application/json");
    if (!body.empty() && !headers.contains("Content-Type")) {
        request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
    for (const auto& [name, value] : headers) request.headers.emplace_back(name, value);
    std::string cookie;
    for (const auto& [name, value] : cookies_) {
        if (!cookie.empty()) cookie += "; ";
        cookie.append(name).append("=").append(value);
    }
    if (!cookie.empty()) request.headers.emplace_back("Cookie", cookie);
    request.body = body;
    request.body_size = body.size();

    const auto match = portal_.router.Find(method, request.path);
    if (match.kind != http::RouteMatch::Kind::kFound) return http::Response::Text("no route", 404);
    request.path_params = match.params;
    request.route = match.pattern;
    http::Response response = (*match.handler)(request);
    set_cookies_.clear();
    for (const auto& [name, value] : response.headers) {
        if (name != "Set-Cookie") continue;
        set_cookies_.push_back(value);
        const auto eq = value.find('=');
        const auto semi = value.find(';');
        const std::string cname = value.substr(0, eq);
        const std::string cvalue = value.substr(eq + 1, semi - eq - 1);
        if (value.find("Max-Age=0") != std::string::npos) {
            cookies_.erase(cname);
        } else {
            cookies_[cname] = cvalue;
        }
    }
    return response;
}

std::string PortalClient::Csrf() {
    // Any page carries the token of the current session (or the anonymous one) in its forms.
    auto token = FindCsrf(Get("/login").body);
    return token.empty() ? FindCsrf(Get("/account").body) : token;
}

http::Response PortalClient::Post(const std::string& target, std::map<std::string, std::string> fields,
                                  bool with_csrf) {
    if (with_csrf) fields["_csrf"] = Csrf();
    return Send(http::Method::kPost, target, EncodeForm(fields));
}

bool PortalClient::SignIn(const std::string& login, const std::string& password,
                          const std::string& totp_secret) {
    auto response = Post("/login", {{"login", login}, {"password", password}, {"next", "/dashboard"}});
    if (response.status != 303) return false;
    if (response.Header("Location") != "/login/second-factor") return true;
    if (totp_secret.empty()) return false;
    const auto now = std::chrono::system_clock::now();
    const auto step =
        platform::auth::TotpStep(core::Instant(std::chrono::time_point_cast<std::chrono::microseconds>(now)));
    // The step of enrolment may be the current one: the next step's code is accepted (drift).
    const auto code = platform::auth::TotpCode(totp_secret, step + 1);
    // The pending session's page has the token.
    const auto token = FindCsrf(Get("/login/second-factor").body);
    if (token.empty()) return false;
    response =
        Send(http::Method::kPost, "/login/second-factor", EncodeForm({{"_csrf", token}, {"code", *code}}));
    return response.status == 303 && response.Header("Location") == "/dashboard";
}

}  // namespace oqu::app::testing
