#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace oqu::platform::auth {

/// The roles of the portal (issue 3, ARCHITECTURE.md "Who uses it"). Stored by name.
enum class Role : std::uint8_t {
    kStudent,
    kTeacher,
    kAdviser,  ///< Adviser / curator of a group.
    kDeansOffice,
    kRegistrar,
    kQualityOfficer,
    kLibrarian,
    kResearcher,
    kDormitoryOffice,
    kProctor,
    kItAdmin,
    kMinistryAuditor,  ///< Read-only.
};

inline constexpr Role kAllRoles[] = {Role::kStudent,     Role::kTeacher,    Role::kAdviser,
                                     Role::kDeansOffice, Role::kRegistrar,  Role::kQualityOfficer,
                                     Role::kLibrarian,   Role::kResearcher, Role::kDormitoryOffice,
                                     Role::kProctor,     Role::kItAdmin,    Role::kMinistryAuditor};

/// Stable name stored in the database and used in strings keys ("deans_office").
std::string_view RoleName(Role role);
/// The role of a stored name; nullopt when unknown.
std::optional<Role> ParseRole(std::string_view name);
/// Roles with administrative rights: a second factor (TOTP) is mandatory for them.
bool IsAdministrative(Role role);

/// A set of roles as a bit mask, so that capability tables can be constexpr data.
class RoleSet {
public:
    constexpr RoleSet() = default;
    constexpr RoleSet(std::initializer_list<Role> roles) {
        for (Role r : roles) bits_ |= Bit(r);
    }
    constexpr bool Has(Role role) const { return (bits_ & Bit(role)) != 0; }
    constexpr bool Empty() const { return bits_ == 0; }

private:
    static constexpr std::uint32_t Bit(Role r) { return 1U << static_cast<unsigned>(r); }
    std::uint32_t bits_ = 0;
};

/// Where a grant applies. A grant in a scope covers every object below it: an institution
/// grant covers everything, a faculty grant its departments, programmes, groups and courses.
enum class ScopeKind : std::uint8_t { kInstitution, kFaculty, kProgramme, kCourse };

std::string_view ScopeKindName(ScopeKind kind);
std::optional<ScopeKind> ParseScopeKind(std::string_view name);

/// One node of the scope tree; the institution is {kInstitution, 0}.
struct Scope {
    ScopeKind kind = ScopeKind::kInstitution;
    std::int64_t id = 0;
    friend bool operator==(const Scope&, const Scope&) = default;
};

inline constexpr Scope kInstitution{ScopeKind::kInstitution, 0};

}  // namespace oqu::platform::auth
