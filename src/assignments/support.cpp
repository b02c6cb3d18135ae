#include "assignments/support.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "assignments/store.hpp"
#include "courses/api.hpp"
#include "integrity/api.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"
#include "platform/jobs/queue.hpp"

namespace oqu::assignments::detail {

namespace auth = platform::auth;
namespace db = platform::db;

core::Error Invalid(std::string key, std::string_view field) {
    return core::MakeError(core::ErrorCode::kInvalidInput, std::move(key), "field: " + std::string(field));
}

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

core::Error NotTeacher() {
    return core::MakeError(core::ErrorCode::kForbidden, "assignments.not_course_teacher",
                           "not a teacher of the course");
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value <= 0) return std::nullopt;
    return value;
}

std::optional<int> ParseInt(std::string_view text, int min, int max) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < min || value > max) return std::nullopt;
    return value;
}

std::optional<double> ParseMark(std::string_view text, double max) {
    // The rubric's level syntax: whole points or hundredths, with a point or a comma.
    std::string s(text);
    for (char& c : s) {
        if (c == ',') c = '.';
    }
    auto rubric = ParseRubric("x | m: " + s + " | z: 0");
    if (s.empty() || !rubric || rubric->criteria.size() != 1) return std::nullopt;
    const double value = rubric->criteria[0].levels[0].points;
    if (value > max + 1e-9) return std::nullopt;
    return value;
}

std::optional<std::int64_t> OwnStudentId(const auth::Principal& actor, db::Database& database) {
    if (actor.system || !actor.HasRole(auth::Role::kStudent)) return std::nullopt;
    auto student = people::FindStudentByUser(auth::SystemPrincipal(), database, actor.user_id);
    if (!student) return std::nullopt;
    return student->id.value;
}

std::string StudentName(db::Database& database, std::int64_t student_id) {
    auto student = people::FindStudent(auth::SystemPrincipal(), database, people::StudentId{student_id});
    return student ? people::DisplayName(student->name) : std::string();
}

core::Result<Loaded> Load(const auth::Principal& actor, db::Database& database, std::int64_t assignment_id) {
    auto found = database.Read([&](db::Session& s) { return Store(s).FindAssignment(assignment_id); });
    if (!found) return NotFound("no assignment " + std::to_string(assignment_id));
    auto access = courses::AccessTo(actor, database, found->course_id);
    if (!access) {
        return NotFound("assignment " + std::to_string(assignment_id) + " outside the actor's reach");
    }
    Loaded out;
    out.assignment = std::move(*found);
    out.manage = access->manage;
    out.access.grade = access->edit;
    out.access.extend = access->edit || access->manage;
    if (access->study) {
        out.student_id = OwnStudentId(actor, database);
        out.access.submit = out.student_id.has_value();
    }
    return out;
}

void RecordChange(db::Session& session, const auth::Principal& actor, const Change& change,
                  std::string_view action, std::int64_t assignment_id, const std::string& detail_json) {
    platform::audit::AuditEntry entry;
    entry.at = change.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login;
    entry.action = std::string(action);
    entry.object_type = "assignments_assignment";
    entry.object_id = std::to_string(assignment_id);
    entry.detail_json = detail_json;
    entry.address = change.address;
    // R-D6: the act is part of the digital footprint too.
    platform::audit::RecordAct(session, entry);
}

std::optional<std::int64_t> QueueBorrowingCheck(db::Session& session, platform::jobs::JobQueue& jobs,
                                                const CheckOrder& order, core::Instant now) {
    // A work with a file is checked in its file (the typed text is then a note to the teacher).
    integrity::CheckRequest request;
    request.owner_kind = "assignment";
    request.owner_id = order.version_id;
    request.course_id = order.course_id;
    request.author_user_id = order.author_user_id;
    request.title = order.title;
    request.student_may_view = order.student_may_view;
    if (!order.file_sha256.empty()) {
        request.file_sha256 = order.file_sha256;
        request.file_name = order.file_name;
    } else {
        request.text = order.text;
    }
    auto id = integrity::QueueCheck(session, jobs, request, now);
    // A request the check refuses is a bug of ours: fail the submission rather than lose the check.
    if (!id) throw std::logic_error("integrity::QueueCheck refused: " + id.error().detail);
    return id.value();
}

std::optional<CheckInfo> CheckOf(db::Database& db, std::int64_t version_id) {
    auto summary = integrity::CheckFor(db, "assignment", version_id);
    if (!summary) return std::nullopt;
    return CheckInfo{summary->status, summary->originality, summary->flags, summary->report_href};
}

}  // namespace oqu::assignments::detail
