#include "core/result.hpp"

namespace oqu::core {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidInput:
            return "invalid_input";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kForbidden:
            return "forbidden";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kRuleViolation:
            return "rule_violation";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kTooLarge:
            return "too_large";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kTooManyRequests:
            return "too_many_requests";
    }
    return "invalid_input";
}

}  // namespace oqu::core
