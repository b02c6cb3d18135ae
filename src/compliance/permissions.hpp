#pragma once

#include <array>

#include "platform/auth/principal.hpp"

// The capabilities of the compliance module (STYLE.md §9.4).
namespace oqu::compliance {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See the Order 137 compliance report: the quality officer and the rector's office (R-A8), the
/// registrar, the ministry's auditor; a dean's office sees its own faculty's subjects.
inline constexpr Capability kViewCompliance{
    "compliance:view",
    Access::kRead,
    {Role::kQualityOfficer, Role::kRegistrar, Role::kDeansOffice, Role::kMinistryAuditor},
    Risk::kPersonalData};

/// Every capability of the module.
inline constexpr std::array<const Capability*, 1> kCapabilities{&kViewCompliance};

}  // namespace oqu::compliance
