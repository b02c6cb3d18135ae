#pragma once

// The distance-learning and online-form module's interface to other modules: for now the rules
// of Order 137 (pure functions over data, see domain/) and their translated messages, which the
// compliance report evaluates.
#include "distance/domain/gates.hpp"   // IWYU pragma: export
#include "distance/domain/quotas.hpp"  // IWYU pragma: export

namespace oqu::platform {
class ModuleRegistry;
}

namespace oqu::distance {

/// Declares the module (its strings).
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::distance
