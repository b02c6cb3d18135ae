#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "platform/auth/principal.hpp"

// The capabilities of the online module (STYLE.md §9.4), each within the scope of the grant. A
// student's records have the scope path {institution, faculty, programme}, a teacher's
// {institution, faculty}. A student acts on his own records without any of these.
namespace oqu::online {

using platform::auth::Access;
using platform::auth::Capability;
using platform::auth::Risk;
using platform::auth::Role;

/// See students' consents, MOOC records, transfers and teachers' qualification registers.
inline constexpr Capability kViewRecords{
    "online:view_records",
    Access::kRead,
    {Role::kDeansOffice, Role::kRegistrar, Role::kQualityOfficer, Role::kItAdmin, Role::kMinistryAuditor},
    Risk::kPersonalData};

/// Publish new versions of the contract documents (R-O7).
inline constexpr Capability kPublishDocuments{"online:publish_documents",
                                              Access::kWrite,
                                              {Role::kQualityOfficer, Role::kItAdmin},
                                              Risk::kConfiguration};

/// Record and approve MOOCs, mark transfers paid and decide them: the dean's office.
inline constexpr Capability kDecide{
    "online:decide", Access::kWrite, {Role::kDeansOffice}, Risk::kPersonalData};

/// Enter teachers' professional-development courses (R-O16): the dean's office, HR (it_admin).
inline constexpr Capability kEditQualifications{
    "online:edit_qualifications", Access::kWrite, {Role::kDeansOffice, Role::kItAdmin}, Risk::kPersonalData};

/// The own online record (contract, MOOCs, transfers; a teacher's register): students and
/// teachers, for the navigation link; the use cases check that the record is the actor's own.
inline constexpr Capability kOwnRecord{
    "online:own_record", Access::kRead, {Role::kStudent, Role::kTeacher}, Risk::kNone};

/// Every capability of the module, for the permission matrix page and tests.
inline constexpr std::array<const Capability*, 5> kCapabilities{&kViewRecords, &kPublishDocuments, &kDecide,
                                                                &kEditQualifications, &kOwnRecord};

/// The scope path of a student's records.
inline std::vector<platform::auth::Scope> StudentPath(std::int64_t faculty_id, std::int64_t programme_id) {
    return {platform::auth::kInstitution,
            {platform::auth::ScopeKind::kFaculty, faculty_id},
            {platform::auth::ScopeKind::kProgramme, programme_id}};
}

/// The scope path of a teacher's register.
inline std::vector<platform::auth::Scope> TeacherPath(std::int64_t faculty_id) {
    return {platform::auth::kInstitution, {platform::auth::ScopeKind::kFaculty, faculty_id}};
}

}  // namespace oqu::online
