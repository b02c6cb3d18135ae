#include "core/assert.hpp"

#include <fmt/format.h>

namespace oqu::core {

void AssertFailed(const char* condition, const char* what, const char* file, int line) {
    throw InternalError(fmt::format("assertion failed: {} ({}) at {}:{}", what, condition, file, line));
}

}  // namespace oqu::core
