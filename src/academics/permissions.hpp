#pragma once

#include "platform/auth/principal.hpp"

// The capabilities of the academics module (STYLE.md §9.4). Each holds within the scope of the
// holder's grant: a grant on faculty 3 covers the faculty, its departments, its programmes and
// their curricula, and nothing of faculty 4. The classifier and the academic calendar are
// institution-wide reference data: reading them needs academics:view in some scope, changing
// them needs the capability at institution scope.
namespace oqu::academics {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See the academic structure: faculties, departments, programmes, curricula, classifier,
/// calendar. Staff who plan or check study (dean's office, registrar, quality, IT, the ministry's
/// read-only auditor) and teachers and advisers (who advise students on their curricula).
inline constexpr Capability kViewStructure{
    "academics:view",
    Access::kRead,
    {Role::kDeansOffice, Role::kRegistrar, Role::kQualityOfficer, Role::kItAdmin, Role::kMinistryAuditor,
     Role::kTeacher, Role::kAdviser},
    Risk::kNone};

/// Create, rename, remove faculties and departments. The registrar's office keeps the
/// institution's structure; the IT administrator sets it up. A grant on a faculty allows its
/// departments; creating a faculty needs the institution scope.
inline constexpr Capability kEditStructure{
    "academics:edit_structure", Access::kWrite, {Role::kRegistrar, Role::kItAdmin}, Risk::kConfiguration};

/// Set a classifier row's DL regime (R-D7) and online-form flag (R-O2). These decide what the
/// compliance checks allow, so only the quality officer (who answers for compliance) and the IT
/// administrator; institution scope.
inline constexpr Capability kEditDirections{"academics:edit_directions",
                                            Access::kWrite,
                                            {Role::kQualityOfficer, Role::kItAdmin},
                                            Risk::kConfiguration};

/// Record that a classifier row was checked against the official text (who and when). The same
/// roles as kEditDirections, kept apart so an installation can narrow one without the other.
inline constexpr Capability kConfirmDirections{"academics:confirm_directions",
                                               Access::kWrite,
                                               {Role::kQualityOfficer, Role::kItAdmin},
                                               Risk::kConfiguration};

/// Create and change educational programmes: the dean's office of the programme's faculty, the
/// registrar, the IT administrator (each within the scope of its grant).
inline constexpr Capability kEditProgramme{"academics:edit_programme",
                                           Access::kWrite,
                                           {Role::kDeansOffice, Role::kRegistrar, Role::kItAdmin},
                                           Risk::kConfiguration};

/// Create and change curricula and their disciplines: the same offices as programmes.
inline constexpr Capability kEditCurriculum{"academics:edit_curriculum",
                                            Access::kWrite,
                                            {Role::kDeansOffice, Role::kRegistrar, Role::kItAdmin},
                                            Risk::kConfiguration};

/// Create and change academic years, periods and breaks: the registrar's office (which keeps
/// the academic calendar) and the IT administrator; institution scope.
inline constexpr Capability kEditCalendar{
    "academics:edit_calendar", Access::kWrite, {Role::kRegistrar, Role::kItAdmin}, Risk::kConfiguration};

/// Every capability of the module, for the permission matrix page.
inline constexpr const Capability* kCapabilities[] = {&kViewStructure,     &kEditStructure, &kEditDirections,
                                                      &kConfirmDirections, &kEditProgramme, &kEditCurriculum,
                                                      &kEditCalendar};

}  // namespace oqu::academics
