#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "platform/auth/principal.hpp"

// The capabilities of the integrity module (STYLE.md §9.4). A check belongs to a course (scope
// path courses::CoursePath); its teachers act on it by assignment (courses::AccessTo edit) and its
// author reads it when the check allows, both checked by the use cases.
namespace oqu::integrity {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// Read the checks and reports of the scope's courses: the dean's office of the faculty.
inline constexpr Capability kReview{
    "integrity:review", Access::kRead, {Role::kDeansOffice}, Risk::kPersonalData};

/// The list of recent checks of one's courses (/integrity): teachers and the dean's office; the
/// list holds only the courses each may see.
inline constexpr Capability kListChecks{
    "integrity:list", Access::kRead, {Role::kTeacher, Role::kDeansOffice}, Risk::kNone};

/// The scope path of a course (as courses' own): {institution, faculty, programme, course}.
inline std::vector<platform::auth::Scope> CourseScope(std::int64_t faculty_id, std::int64_t programme_id,
                                                      std::int64_t course_id) {
    return {platform::auth::kInstitution,
            {platform::auth::ScopeKind::kFaculty, faculty_id},
            {platform::auth::ScopeKind::kProgramme, programme_id},
            {platform::auth::ScopeKind::kCourse, course_id}};
}

/// Every capability of the module.
inline constexpr std::array<const Capability*, 2> kCapabilities{&kReview, &kListChecks};

}  // namespace oqu::integrity
