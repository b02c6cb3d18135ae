#include "platform/auth/principal.hpp"

#include <algorithm>

namespace oqu::platform::auth {

namespace {

// A grant reaches an object when it is the institution's or sits on the object's scope path.
bool GrantReaches(const Grant& grant, std::span<const Scope> object_path) {
    if (grant.scope == kInstitution) return true;
    return std::find(object_path.begin(), object_path.end(), grant.scope) != object_path.end();
}

}  // namespace

bool Principal::HasRole(Role role) const {
    return std::any_of(grants.begin(), grants.end(), [role](const Grant& g) { return g.role == role; });
}

Principal SystemPrincipal() {
    Principal p;
    p.login = "system";
    p.display_name = "System";
    p.system = true;
    return p;
}

bool Allows(const Principal& who, const Capability& capability, std::span<const Scope> object_path) {
    if (who.system) return true;
    return std::any_of(who.grants.begin(), who.grants.end(), [&](const Grant& g) {
        return capability.roles.Has(g.role) && GrantReaches(g, object_path);
    });
}

core::Status Require(const Principal& who, const Capability& capability, std::span<const Scope> object_path) {
    if (Allows(who, capability, object_path)) return core::OkStatus();
    const std::string detail =
        "user " + std::to_string(who.user_id) + " lacks " + std::string(capability.name);
    if (capability.access == Access::kRead) {
        // A guessed id of an object the caller may not read answers as if it did not exist.
        return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", detail);
    }
    return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", detail);
}

std::vector<Scope> ScopesWith(const Principal& who, const Capability& capability) {
    if (who.system) return {kInstitution};
    std::vector<Scope> scopes;
    for (const Grant& g : who.grants) {
        if (!capability.roles.Has(g.role)) continue;
        // Held everywhere: narrower scopes add nothing, and the caller can skip its filter.
        if (g.scope == kInstitution) return {kInstitution};
        if (std::find(scopes.begin(), scopes.end(), g.scope) == scopes.end()) scopes.push_back(g.scope);
    }
    return scopes;
}

}  // namespace oqu::platform::auth
