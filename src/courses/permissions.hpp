#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "platform/auth/principal.hpp"

// The capabilities of the courses module (STYLE.md §9.4), each within the scope of the grant. A
// course's scope path is {institution, faculty, programme, course}. Teachers of a course and
// students of its groups act on it by assignment, checked by the use cases.
namespace oqu::courses {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See every course of the scope, its structure, readiness and syllabus.
inline constexpr Capability kView{
    "courses:view",
    Access::kRead,
    {Role::kDeansOffice, Role::kRegistrar, Role::kQualityOfficer, Role::kItAdmin, Role::kMinistryAuditor},
    Risk::kNone};

/// Create courses, assign teachers and groups, copy courses: the dean's office and the registrar.
inline constexpr Capability kManage{
    "courses:manage", Access::kWrite, {Role::kDeansOffice, Role::kRegistrar}, Risk::kConfiguration};

/// The own courses (a teacher's, a student's) for the navigation link; the use cases check the
/// assignment.
inline constexpr Capability kOwnCourses{
    "courses:own", Access::kRead, {Role::kStudent, Role::kTeacher}, Risk::kNone};

/// Every capability of the module.
inline constexpr std::array<const Capability*, 3> kCapabilities{&kView, &kManage, &kOwnCourses};

/// The scope path of a course.
inline std::vector<platform::auth::Scope> CoursePath(std::int64_t faculty_id, std::int64_t programme_id,
                                                     std::int64_t course_id) {
    return {platform::auth::kInstitution,
            {platform::auth::ScopeKind::kFaculty, faculty_id},
            {platform::auth::ScopeKind::kProgramme, programme_id},
            {platform::auth::ScopeKind::kCourse, course_id}};
}

}  // namespace oqu::courses
