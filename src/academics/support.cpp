#include "academics/support.hpp"

#include "platform/audit/audit.hpp"

namespace oqu::academics::detail {

namespace auth = platform::auth;

std::vector<auth::Scope> FacultyPath(FacultyId faculty) {
    return {auth::kInstitution, {auth::ScopeKind::kFaculty, faculty.value}};
}

std::vector<auth::Scope> ProgrammePath(FacultyId faculty, ProgrammeId programme) {
    return {auth::kInstitution,
            {auth::ScopeKind::kFaculty, faculty.value},
            {auth::ScopeKind::kProgramme, programme.value}};
}

core::Status RequireSomewhere(const auth::Principal& actor, const auth::Capability& capability) {
    if (!auth::ScopesWith(actor, capability).empty()) return core::OkStatus();
    return auth::Require(actor, capability);
}

Visibility VisibleTo(const auth::Principal& actor, const auth::Capability& capability) {
    Visibility v;
    for (const auth::Scope& scope : auth::ScopesWith(actor, capability)) {
        switch (scope.kind) {
            case auth::ScopeKind::kInstitution:
                v.all = true;
                break;
            case auth::ScopeKind::kFaculty:
                v.faculty_ids.push_back(scope.id);
                break;
            case auth::ScopeKind::kProgramme:
                v.programme_ids.push_back(scope.id);
                break;
            case auth::ScopeKind::kCourse:
                // A course grant (a teacher's) reaches no object of the academic structure.
                break;
        }
    }
    return v;
}

void RecordChange(platform::db::Session& session, const auth::Principal& actor, const Change& change,
                  std::string_view action, std::string_view object_type, std::string object_id,
                  std::string detail_json) {
    platform::audit::AuditEntry entry;
    entry.at = change.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login.empty() && actor.system ? "system" : actor.login;
    entry.action = std::string(action);
    entry.object_type = std::string(object_type);
    entry.object_id = std::move(object_id);
    entry.detail_json = std::move(detail_json);
    entry.address = change.address;
    // R-D6: the act is part of the digital footprint too.
    platform::audit::RecordAct(session, entry);
}

std::string ChangeDetail(const std::string& before, const std::string& after) {
    return R"({"before":)" + before + R"(,"after":)" + after + "}";
}

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

}  // namespace oqu::academics::detail
