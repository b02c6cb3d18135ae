#include "online/support.hpp"

#include "core/time.hpp"
#include "online/permissions.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace oqu::online::detail {

namespace auth = platform::auth;

namespace {

// A write capability answers kNotFound for a record the actor may not even see, kForbidden for
// one it sees but may not change.
core::Status RequireOn(const auth::Principal& actor, const auth::Capability& capability,
                       const std::vector<auth::Scope>& path) {
    if (!auth::Allows(actor, kViewRecords, path) && !auth::Allows(actor, capability, path)) {
        return NotFound("outside the actor's scopes");
    }
    return auth::Require(actor, capability, path);
}

}  // namespace

core::Result<StudentInfo> Student(const auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t student_id, const auth::Capability& capability) {
    // People's read needs people:view, which a student lacks: the lookup runs with the system's
    // authority and the access decision is made here.
    auto student = people::FindStudent(auth::SystemPrincipal(), db, people::StudentId{student_id});
    if (!student) return NotFound("no student " + std::to_string(student_id));
    StudentInfo info{{student_id, student->faculty_id, student->programme_id},
                     student->form == people::StudyForm::kOnline,
                     student->user_id,
                     false};
    if (!actor.system && student->user_id && *student->user_id == actor.user_id) {
        info.self = true;
        return info;
    }
    if (auto ok = RequireOn(actor, capability, StudentPath(student->faculty_id, student->programme_id));
        !ok) {
        return ok.error();
    }
    return info;
}

core::Result<TeacherInfo> Teacher(const auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t teacher_id, const auth::Capability& capability) {
    auto teacher = people::FindTeacher(auth::SystemPrincipal(), db, people::TeacherId{teacher_id});
    if (!teacher) return NotFound("no teacher " + std::to_string(teacher_id));
    TeacherInfo info{teacher_id, teacher->faculty_id, false};
    if (!actor.system && teacher->user_id && *teacher->user_id == actor.user_id) {
        info.self = true;
        return info;
    }
    if (auto ok = RequireOn(actor, capability, TeacherPath(teacher->faculty_id)); !ok) return ok.error();
    return info;
}

core::Error Invalid(std::string key, std::string_view field) {
    return core::MakeError(core::ErrorCode::kInvalidInput, std::move(key), "field: " + std::string(field));
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

std::optional<core::Day> Day(std::string_view iso) {
    return core::ParseIsoDay(iso);
}

}  // namespace oqu::online::detail
