#pragma once

#include "platform/auth/principal.hpp"

/// Capabilities of the identity module (STYLE.md §9.4). Scope: all are institution-wide.
namespace oqu::identity {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See the list of accounts and their roles (institution-wide: a dean's office sees its faculty's people
/// in the people module, not every account of the university).
inline constexpr Capability kViewUsers{
    "identity:view_users", Access::kRead, {Role::kItAdmin, Role::kRegistrar}, Risk::kPersonalData};
/// Create and edit accounts, disable them, reset passwords.
inline constexpr Capability kManageUsers{
    "identity:manage_users", Access::kWrite, {Role::kItAdmin}, Risk::kSecurity};
/// Create accounts for imported students and teachers (no roles beyond student/teacher).
inline constexpr Capability kCreateAccounts{"identity:create_accounts",
                                            Access::kWrite,
                                            {Role::kItAdmin, Role::kRegistrar, Role::kDeansOffice},
                                            Risk::kPersonalData};
/// Grant and revoke roles.
inline constexpr Capability kGrantRoles{
    "identity:grant_roles", Access::kWrite, {Role::kItAdmin}, Risk::kSecurity};
/// Read the audit log of administrative acts and check its chain.
inline constexpr Capability kViewAudit{"identity:view_audit",
                                       Access::kRead,
                                       {Role::kItAdmin, Role::kQualityOfficer, Role::kMinistryAuditor},
                                       Risk::kNone};

/// Every capability of the module, for the permission matrix page and tests.
inline constexpr const Capability* kCapabilities[] = {&kViewUsers, &kManageUsers, &kCreateAccounts,
                                                      &kGrantRoles, &kViewAudit};

}  // namespace oqu::identity
