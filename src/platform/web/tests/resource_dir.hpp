#pragma once

#include <cstdlib>
#include <filesystem>

namespace oqu::platform::web::testing {

/// The source tree's src/ folder, where templates and strings live (set by CTest).
inline std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

}  // namespace oqu::platform::web::testing
