#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "platform/auth/roles.hpp"

namespace oqu::platform::auth {

/// Read or write: a read capability on an object the caller may not see answers kNotFound
/// (no record is revealed because its id was guessed); a write one answers kForbidden when the
/// caller can see the object but not change it.
enum class Access : std::uint8_t { kRead, kWrite };

/// How much harm a misuse can do (shown on the permission matrix page, like Moodle's riskbitmask).
enum class Risk : std::uint8_t { kNone, kPersonalData, kConfiguration, kSecurity };

/// One permission, declared as data in the owning module's permissions.hpp (STYLE.md §9.4):
///   inline constexpr Capability kEditProgramme{"academics:edit_programme", Access::kWrite,
///       {Role::kDeansOffice, Role::kItAdmin}, Risk::kConfiguration};
struct Capability {
    std::string_view name;  ///< "<module>:<verb_object>"
    Access access = Access::kRead;
    RoleSet roles;  ///< Roles that hold it, within the scope of their grant.
    Risk risk = Risk::kNone;
};

/// A role granted to a user within a scope.
struct Grant {
    Role role = Role::kStudent;
    Scope scope;
    friend bool operator==(const Grant&, const Grant&) = default;
};

/// Who is acting: the logged-in user of a request, or a command-line operator. Use cases take
/// it as their first argument and check their capability first.
struct Principal {
    std::int64_t user_id = 0;
    std::string login;
    std::string display_name;
    std::vector<Grant> grants;
    bool system = false;  ///< The command-line operator (oqu demo, oqu user): holds every capability.

    bool HasRole(Role role) const;
};

/// The principal of command-line tools, which run with the machine owner's authority.
Principal SystemPrincipal();

/// True when `who` holds `capability` on an object whose scope path (from the institution down,
/// e.g. {institution, faculty 3, programme 12}) is `object_path`: some grant has one of the
/// capability's roles and its scope lies on the path. An empty path means the institution.
bool Allows(const Principal& who, const Capability& capability, std::span<const Scope> object_path);

/// Allows() as a Status: OK, or kForbidden ("auth.forbidden"), or for a read capability
/// kNotFound ("web.error_404") so that a guessed id reveals nothing.
core::Status Require(const Principal& who, const Capability& capability,
                     std::span<const Scope> object_path = {});

/// The scopes (of `kind`, or every kind) in which `who` holds `capability`; lets a list page
/// filter its query to what the caller may see. Contains kInstitution when it holds it everywhere.
std::vector<Scope> ScopesWith(const Principal& who, const Capability& capability);

}  // namespace oqu::platform::auth
