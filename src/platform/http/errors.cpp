#include "platform/http/errors.hpp"

#include <string>

#include "platform/log/log.hpp"

namespace oqu::platform::http {
namespace {

std::string ErrorJson(std::string_view code, std::string_view message, std::string_view requirement) {
    std::string out = "{\"error\":{\"code\":\"";
    log::AppendJsonEscaped(out, code);
    out += "\",\"message\":\"";
    log::AppendJsonEscaped(out, message);
    out += '"';
    if (!requirement.empty()) {
        out += ",\"requirement\":\"";
        log::AppendJsonEscaped(out, requirement);
        out += '"';
    }
    out += "}}";
    return out;
}

}  // namespace

int HttpStatus(core::ErrorCode code) {
    switch (code) {
        case core::ErrorCode::kInvalidInput:
            return 400;
        case core::ErrorCode::kNotFound:
            return 404;
        case core::ErrorCode::kForbidden:
            return 403;
        case core::ErrorCode::kConflict:
            return 409;
        case core::ErrorCode::kRuleViolation:
            return 422;
        case core::ErrorCode::kUnavailable:
            return 503;
        case core::ErrorCode::kTooLarge:
            return 413;
        case core::ErrorCode::kUnauthenticated:
            return 401;
        case core::ErrorCode::kTooManyRequests:
            return 429;
    }
    return 500;
}

std::string_view StatusReason(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 206:
            return "Partial Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 412:
            return "Precondition Failed";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Unknown";
    }
}

Response ErrorResponse(const core::Error& error, std::string_view message) {
    return Response::Json(ErrorJson(core::ErrorCodeName(error.code), message, error.requirement),
                          HttpStatus(error.code));
}

Response ErrorResponse(int status, std::string_view code, std::string_view message) {
    return Response::Json(ErrorJson(code, message, {}), status);
}

std::string_view ErrorCodeForStatus(int status) {
    switch (status) {
        case 400:
            return "bad_request";
        case 401:
            return "unauthenticated";
        case 403:
            return "forbidden";
        case 404:
            return "not_found";
        case 405:
            return "method_not_allowed";
        case 408:
            return "timeout";
        case 413:
            return "too_large";
        case 414:
            return "uri_too_long";
        case 429:
            return "too_many_requests";
        case 431:
            return "headers_too_large";
        case 503:
            return "unavailable";
        default:
            return "internal";
    }
}

}  // namespace oqu::platform::http
