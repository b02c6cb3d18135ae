#pragma once

#include <string_view>

#include "core/result.hpp"
#include "platform/http/response.hpp"

namespace oqu::platform::http {

/// The one table from ErrorCode to HTTP status: 400, 404, 403, 409, 422, 503, 413.
int HttpStatus(core::ErrorCode code);

/// Stable JSON error code of a status the server itself answers ("not_found", "too_large");
/// "internal" for any other.
std::string_view ErrorCodeForStatus(int status);

/// Standard reason phrase of a status ("Not Found"); "Unknown" for unlisted codes.
std::string_view StatusReason(int status);

/// JSON error response {"error":{"code":"rule_violation","message":...,"requirement":"R-D7"}} with the
/// status of error.code; `message` is the already translated text; requirement only when non-empty.
Response ErrorResponse(const core::Error& error, std::string_view message);

/// JSON error response for the server's own errors (404, 405, 413, ...): code is e.g. "not_found".
Response ErrorResponse(int status, std::string_view code, std::string_view message);

}  // namespace oqu::platform::http
