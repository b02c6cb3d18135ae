#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "platform/auth/principal.hpp"

// The capabilities of the people module (STYLE.md §9.4). Each holds within the scope of the
// holder's grant. A student's scope path is {institution, faculty of the programme, programme};
// a group's is the same as its programme's; a teacher's is {institution, faculty of the
// department}. So a dean's office of faculty 3 neither sees nor changes anyone of faculty 4.
namespace oqu::people {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See groups, students and teachers (IIN masked unless kViewPersonalData is held too).
inline constexpr Capability kViewPeople{"people:view",
                                        Access::kRead,
                                        {Role::kDeansOffice, Role::kRegistrar, Role::kAdviser, Role::kTeacher,
                                         Role::kQualityOfficer, Role::kItAdmin, Role::kMinistryAuditor},
                                        Risk::kPersonalData};

/// See personal data in full (the IIN): the offices that keep the student files (R-O10).
inline constexpr Capability kViewPersonalData{
    "people:view_personal_data", Access::kRead, {Role::kRegistrar, Role::kDeansOffice}, Risk::kPersonalData};

/// Create and change students (status, form of study, group) within the faculty or programme.
inline constexpr Capability kEditStudents{
    "people:edit_students", Access::kWrite, {Role::kDeansOffice, Role::kRegistrar}, Risk::kPersonalData};

/// Create and change study groups: the offices that place students in groups.
inline constexpr Capability kEditGroups{
    "people:edit_groups", Access::kWrite, {Role::kDeansOffice, Role::kRegistrar}, Risk::kNone};

/// Create and change teachers: the dean's office of the department's faculty, the IT administrator.
inline constexpr Capability kEditTeachers{
    "people:edit_teachers", Access::kWrite, {Role::kDeansOffice, Role::kItAdmin}, Risk::kPersonalData};

/// Import groups, students and teachers from CSV; every row also needs this within its scope.
inline constexpr Capability kImport{"people:import",
                                    Access::kWrite,
                                    {Role::kRegistrar, Role::kDeansOffice, Role::kItAdmin},
                                    Risk::kPersonalData};

/// Every capability of the module, for the permission matrix page and tests.
inline constexpr std::array<const Capability*, 6> kCapabilities{
    &kViewPeople, &kViewPersonalData, &kEditStudents, &kEditGroups, &kEditTeachers, &kImport};

/// The scope path of a student or group: {institution, faculty, programme}.
inline std::vector<platform::auth::Scope> ProgrammePath(std::int64_t faculty_id, std::int64_t programme_id) {
    return {platform::auth::kInstitution,
            {platform::auth::ScopeKind::kFaculty, faculty_id},
            {platform::auth::ScopeKind::kProgramme, programme_id}};
}

/// The scope path of a teacher: {institution, faculty of the department}.
inline std::vector<platform::auth::Scope> FacultyPath(std::int64_t faculty_id) {
    return {platform::auth::kInstitution, {platform::auth::ScopeKind::kFaculty, faculty_id}};
}

}  // namespace oqu::people
