#include "platform/auth/roles.hpp"

#include <array>
#include <utility>

namespace oqu::platform::auth {

namespace {

// Stored in the database: never rename an entry, only add.
constexpr std::array<std::pair<Role, std::string_view>, 12> kRoleNames{{
    {Role::kStudent, "student"},
    {Role::kTeacher, "teacher"},
    {Role::kAdviser, "adviser"},
    {Role::kDeansOffice, "deans_office"},
    {Role::kRegistrar, "registrar"},
    {Role::kQualityOfficer, "quality_officer"},
    {Role::kLibrarian, "librarian"},
    {Role::kResearcher, "researcher"},
    {Role::kDormitoryOffice, "dormitory_office"},
    {Role::kProctor, "proctor"},
    {Role::kItAdmin, "it_admin"},
    {Role::kMinistryAuditor, "ministry_auditor"},
}};

constexpr std::array<std::pair<ScopeKind, std::string_view>, 4> kScopeKindNames{{
    {ScopeKind::kInstitution, "institution"},
    {ScopeKind::kFaculty, "faculty"},
    {ScopeKind::kProgramme, "programme"},
    {ScopeKind::kCourse, "course"},
}};

static_assert(std::size(kAllRoles) == kRoleNames.size(), "every role needs a stored name");

}  // namespace

std::string_view RoleName(Role role) {
    for (const auto& [r, name] : kRoleNames) {
        if (r == role) return name;
    }
    return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
    for (const auto& [role, n] : kRoleNames) {
        if (n == name) return role;
    }
    return std::nullopt;
}

bool IsAdministrative(Role role) {
    switch (role) {
        case Role::kDeansOffice:
        case Role::kRegistrar:
        case Role::kQualityOfficer:
        case Role::kItAdmin:
            return true;
        default:
            return false;
    }
}

std::string_view ScopeKindName(ScopeKind kind) {
    for (const auto& [k, name] : kScopeKindNames) {
        if (k == kind) return name;
    }
    return "unknown";
}

std::optional<ScopeKind> ParseScopeKind(std::string_view name) {
    for (const auto& [kind, n] : kScopeKindNames) {
        if (n == name) return kind;
    }
    return std::nullopt;
}

}  // namespace oqu::platform::auth
