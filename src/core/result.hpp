#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace oqu::core {

/// Kinds of expected failure a user can cause; platform/http maps each to one status.
enum class ErrorCode {
    kInvalidInput,     ///< 400 / 422: malformed or out-of-range input.
    kNotFound,         ///< 404: no such record visible to the caller.
    kForbidden,        ///< 403: the caller lacks the capability for this object.
    kConflict,         ///< 409: duplicate or stale state.
    kRuleViolation,    ///< 422: a rule of Order 137 or of the institution refuses the act.
    kUnavailable,      ///< 503: a dependency (database, disk) cannot serve now.
    kTooLarge,         ///< 413: input over a configured size limit.
    kUnauthenticated,  ///< 401: the caller must sign in first.
    kTooManyRequests,  ///< 429: throttled (login attempts); retry later.
};

/// Stable lower-case name of a code, used in JSON error bodies ("rule_violation").
const char* ErrorCodeName(ErrorCode code);

/// An expected failure: a code, a translatable message key, an English detail for logs only,
/// and (for rules of the order) the requirement ID that refused it.
struct Error {
    ErrorCode code = ErrorCode::kInvalidInput;
    std::string message_key;  ///< Key in the strings files ("platform.db_unreachable").
    std::string detail;       ///< English, logged only, never shown to users.
    std::string requirement;  ///< "R-D7" when a rule of the order refused the act, else empty.
    /// Named arguments of the message ("share" → "21.9"), formatted by ICU MessageFormat.
    std::vector<std::pair<std::string, std::string>> args;
};

/// Builds an Error in one expression.
inline Error MakeError(ErrorCode code, std::string message_key, std::string detail = {},
                       std::string requirement = {}) {
    return Error{code, std::move(message_key), std::move(detail), std::move(requirement), {}};
}

/// Marker value of a successful Status.
struct Ok {};

/// Either a T or an Error; shaped like C++23 std::expected (GCC 12 has none).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() & { return std::get<0>(v_); }
    const T& operator*() const& { return std::get<0>(v_); }

    const Error& error() const& { return std::get<1>(v_); }
    Error&& error() && { return std::get<1>(std::move(v_)); }

    template <typename U>
    T value_or(U&& fallback) const& {
        return has_value() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, Error> v_;
};

/// Success or an Error.
using Status = Result<Ok>;

/// The successful Status.
inline Status OkStatus() {
    return Ok{};
}

}  // namespace oqu::core
