#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "platform/auth/principal.hpp"

// The capabilities of the dl module (STYLE.md §9.4). An application's scope path is the
// student's {institution, faculty of the programme, programme}: a dean's office of faculty 3
// neither sees nor decides an application of faculty 4. A student sees only his own.
namespace oqu::dl {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See the list of disciplines allowed for DL and its orders (R-D5).
inline constexpr Capability kViewList{"dl:view_list",
                                      Access::kRead,
                                      {Role::kDeansOffice, Role::kRegistrar, Role::kAdviser,
                                       Role::kQualityOfficer, Role::kItAdmin, Role::kMinistryAuditor},
                                      Risk::kNone};

/// Record the rector's order and keep its list (institution scope).
inline constexpr Capability kManageList{
    "dl:manage_list", Access::kWrite, {Role::kRegistrar, Role::kItAdmin}, Risk::kConfiguration};

/// Apply for DL and withdraw one's own application (R-D1).
inline constexpr Capability kApply{"dl:apply", Access::kWrite, {Role::kStudent}, Risk::kNone};

/// See applications and grants of students in one's scope (medical data of category 1).
inline constexpr Capability kViewApplications{
    "dl:view_applications",
    Access::kRead,
    {Role::kDeansOffice, Role::kRegistrar, Role::kAdviser, Role::kQualityOfficer, Role::kMinistryAuditor},
    Risk::kPersonalData};

/// Review an application: the adviser's comment and recommendation.
inline constexpr Capability kReview{"dl:review", Access::kWrite, {Role::kAdviser}, Risk::kPersonalData};

/// Decide an application and keep the individual plan and schedule (R-D10).
inline constexpr Capability kDecide{"dl:decide", Access::kWrite, {Role::kDeansOffice}, Risk::kPersonalData};

/// Record an emergency order and the classes it moves to a later period (R-D14, R-D16): the
/// offices acting for the rector, institution scope.
inline constexpr Capability kManageEmergency{
    "dl:manage_emergency", Access::kWrite, {Role::kRegistrar, Role::kItAdmin}, Risk::kConfiguration};

/// Every capability of the module, for the permission matrix page and tests.
inline constexpr std::array<const Capability*, 7> kCapabilities{
    &kViewList, &kManageList, &kApply, &kViewApplications, &kReview, &kDecide, &kManageEmergency};

/// The scope path of a student's application: {institution, faculty, programme}.
inline std::vector<platform::auth::Scope> StudentPath(std::int64_t faculty_id, std::int64_t programme_id) {
    return {platform::auth::kInstitution,
            {platform::auth::ScopeKind::kFaculty, faculty_id},
            {platform::auth::ScopeKind::kProgramme, programme_id}};
}

}  // namespace oqu::dl
