#include "dl/support.hpp"

#include "platform/audit/audit.hpp"

namespace oqu::dl::detail {

namespace auth = platform::auth;

ScopeFilter FilterFor(const auth::Principal& actor, const auth::Capability& capability) {
    ScopeFilter filter;
    for (const auth::Scope& scope : auth::ScopesWith(actor, capability)) {
        switch (scope.kind) {
            case auth::ScopeKind::kInstitution:
                filter.all = true;
                break;
            case auth::ScopeKind::kFaculty:
                filter.faculties.push_back(scope.id);
                break;
            case auth::ScopeKind::kProgramme:
                filter.programmes.push_back(scope.id);
                break;
            case auth::ScopeKind::kCourse:
                // A course grant reaches no student's application.
                break;
        }
    }
    return filter;
}

core::Status RequireSomewhere(const auth::Principal& actor, const auth::Capability& capability) {
    if (!auth::ScopesWith(actor, capability).empty()) {
        return core::OkStatus();
    }
    return core::MakeError(
        core::ErrorCode::kForbidden, "auth.forbidden",
        "user " + std::to_string(actor.user_id) + " lacks " + std::string(capability.name));
}

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

void RecordChange(platform::db::Session& session, const auth::Principal& actor, const Change& change,
                  std::string_view action, std::string_view object_type, std::int64_t object_id,
                  const std::string& detail_json) {
    platform::audit::AuditEntry entry;
    entry.at = change.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login;
    entry.action = std::string(action);
    entry.object_type = std::string(object_type);
    entry.object_id = std::to_string(object_id);
    entry.detail_json = detail_json;
    entry.address = change.address;
    // R-D6: the act is part of the digital footprint too.
    platform::audit::RecordAct(session, entry);
}

}  // namespace oqu::dl::detail
