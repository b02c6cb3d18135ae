#pragma once

#include <stdexcept>
#include <string>

namespace oqu::core {

/// Thrown by OQU_ASSERT: a bug in Oqu, never a user's mistake.
class InternalError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

[[noreturn]] void AssertFailed(const char* condition, const char* what, const char* file, int line);

}  // namespace oqu::core

/// Checks an invariant of our own code; throws core::InternalError when it breaks. Never use on input.
#define OQU_ASSERT(cond, what)                                                   \
    do {                                                                         \
        if (!(cond)) ::oqu::core::AssertFailed(#cond, what, __FILE__, __LINE__); \
    } while (false)
