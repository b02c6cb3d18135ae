#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "platform/auth/principal.hpp"

// The capabilities of the gradebook (STYLE.md §9.4). A journal's scope path is its group's
// {institution, faculty, programme}; a student reads only his own marks, without any of these.
namespace oqu::gradebook {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See journals, exam sheets and transcripts of students in one's scope.
inline constexpr Capability kViewJournal{"gradebook:view_journal",
                                         Access::kRead,
                                         {Role::kTeacher, Role::kAdviser, Role::kDeansOffice,
                                          Role::kRegistrar, Role::kQualityOfficer, Role::kMinistryAuditor},
                                         Risk::kPersonalData};

/// Open journals and enter marks in the open ones. A teacher's grant is narrowed to the journals
/// of the courses he teaches by the check the courses module installs (SetJournalTeacherCheck).
inline constexpr Capability kEnterMarks{
    "gradebook:enter_marks", Access::kWrite, {Role::kTeacher, Role::kDeansOffice}, Risk::kPersonalData};

/// Close journals, change marks after the closing (with a reason, audited), set a journal's weights.
inline constexpr Capability kManageJournal{
    "gradebook:manage_journal", Access::kWrite, {Role::kDeansOffice}, Risk::kPersonalData};

/// The own marks and transcript (/gradebook/my): students, for the navigation link.
inline constexpr Capability kOwnMarks{"gradebook:own_marks", Access::kRead, {Role::kStudent}, Risk::kNone};

/// Every capability of the module, for the permission matrix page and tests.
inline constexpr std::array<const Capability*, 4> kCapabilities{&kViewJournal, &kEnterMarks, &kManageJournal,
                                                                &kOwnMarks};

/// The scope path of a journal or a student: {institution, faculty, programme}.
inline std::vector<platform::auth::Scope> ScopePathOf(std::int64_t faculty_id, std::int64_t programme_id) {
    return {platform::auth::kInstitution,
            {platform::auth::ScopeKind::kFaculty, faculty_id},
            {platform::auth::ScopeKind::kProgramme, programme_id}};
}

}  // namespace oqu::gradebook
