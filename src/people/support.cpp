#include "people/support.hpp"

#include <algorithm>
#include <chrono>

#include "distance/api.hpp"
#include "people/permissions.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace oqu::people::detail {

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
                // A course grant (a teacher of one course) reaches no student list of ours.
                break;
        }
    }
    return filter;
}

core::Status RequireSomewhere(const auth::Principal& actor, const auth::Capability& capability) {
    if (!auth::ScopesWith(actor, capability).empty()) return core::OkStatus();
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

core::Status CheckOnlineAdmission(StudyForm form, const ProgrammeInfo* programme) {
    if (form != StudyForm::kOnline) return core::OkStatus();
    distance::OnlineForm flag = distance::OnlineForm::kUnknown;
    if (programme != nullptr && programme->online == OnlineFlag::kAllowed) {
        flag = distance::OnlineForm::kAllowed;
    }
    if (programme != nullptr && programme->online == OnlineFlag::kForbidden) {
        flag = distance::OnlineForm::kForbidden;
    }
    // R-O2: the one rule of the distance module decides; unknown is violated there, so an
    // office admits online students only into directions an administrator has confirmed.
    const core::Verdict verdict = distance::CheckOnlineFormAllowed(flag);
    if (!verdict.violated()) return core::OkStatus();
    core::Error error = core::Refusal(verdict);
    error.message_key =
        flag == distance::OnlineForm::kForbidden ? "people.online_forbidden" : "people.online_unconfirmed";
    error.args = {{"direction", programme != nullptr ? programme->direction_code : std::string()},
                  {"programme", programme != nullptr ? programme->code : std::string()}};
    return error;
}

Student ForViewer(const auth::Principal& actor, Student student, const Directory& directory) {
    if (!auth::Allows(actor, kViewPersonalData, ProgrammePath(student.faculty_id, student.programme_id))) {
        student.iin = MaskIin(student.iin);
        student.iin_masked = !student.iin.empty();
    }
    if (const ProgrammeInfo* p = directory.ProgrammeById(student.programme_id)) {
        student.programme_code = p->code;
    }
    return student;
}

core::Result<Student> ResolveStudent(const StudentDraft& draft, const Directory& directory, Store& store,
                                     std::optional<StudentId> self) {
    FieldErrors errors;
    Student s;
    if (self) s.id = *self;
    s.name = {draft.surname, draft.given_name, draft.patronymic, draft.latin_name};
    CheckFullName(s.name, errors);
    s.iin = draft.iin;
    if (!s.iin.empty()) {
        if (auto iin = CheckIin(s.iin); !iin) {
            errors.push_back({"iin", iin.error().message_key, {}});
        } else if (auto other = store.FindStudentByIin(s.iin); other && (!self || other->id != *self)) {
            errors.push_back({"iin", "people.iin_taken", {}});
        }
    }
    s.student_number = draft.student_number;
    const std::size_t before_number = errors.size();
    CheckStudentNumber(s.student_number, errors);
    if (errors.size() == before_number) {
        if (auto other = store.FindStudentByNumber(s.student_number);
            other && (!self || other->id != *self)) {
            errors.push_back({"student_number", "people.student_number_taken", {}});
        }
    }
    const ProgrammeInfo* programme = directory.ProgrammeByCode(draft.programme);
    if (programme == nullptr) {
        errors.push_back({"programme", "people.programme_unknown", {{"code", draft.programme}}});
    } else {
        s.programme_id = programme->id;
        s.programme_code = programme->code;
        s.faculty_id = programme->faculty_id;
    }
    if (!draft.group.empty()) {
        if (auto group = store.FindGroupByCode(draft.group)) {
            if (programme != nullptr && group->programme_id != programme->id) {
                errors.push_back({"group", "people.group_other_programme", {{"code", draft.group}}});
            }
            s.group = group->id;
            s.group_code = group->code;
        } else {
            errors.push_back({"group", "people.group_unknown", {{"code", draft.group}}});
        }
    }
    if (auto year = ParseIntIn(draft.course_year, 1, 6)) {
        s.course_year = *year;
        if (programme != nullptr) CheckCourseYear(*year, programme->level, programme->credits, errors);
    } else {
        const int max = programme != nullptr ? MaxCourseYear(programme->level, programme->credits) : 6;
        errors.push_back({"course_year", "people.course_year_range", {{"max", std::to_string(max)}}});
    }
    std::string requirement;
    if (auto form = ParseStudyForm(draft.study_form)) {
        s.form = *form;
        if (programme != nullptr) {
            if (auto allowed = CheckOnlineAdmission(*form, programme); !allowed) {
                errors.push_back({"study_form", allowed.error().message_key, allowed.error().args});
                requirement = allowed.error().requirement;
            }
        }
    } else {
        errors.push_back({"study_form", "people.study_form_invalid", {}});
    }
    if (auto funding = ParseFunding(draft.funding)) {
        s.funding = *funding;
    } else {
        errors.push_back({"funding", "people.funding_invalid", {}});
    }
    if (draft.status.empty()) {
        s.status = StudentStatus::kActive;
    } else if (auto status = ParseStudentStatus(draft.status)) {
        s.status = *status;
    } else {
        errors.push_back({"status", "people.status_invalid", {}});
    }
    if (auto needs = ParseYesNo(draft.special_needs)) {
        s.special_needs = *needs;  // R-A7
    } else {
        errors.push_back({"special_needs", "people.yes_no_invalid", {}});
    }
    if (!errors.empty()) return InvalidFields(errors, requirement);
    return s;
}

core::Result<Teacher> ResolveTeacher(const TeacherDraft& draft, const Directory& directory,
                                     std::optional<TeacherId> self) {
    FieldErrors errors;
    Teacher t;
    if (self) t.id = *self;
    t.name = {draft.surname, draft.given_name, draft.patronymic, draft.latin_name};
    CheckFullName(t.name, errors);
    if (const DepartmentInfo* department = directory.DepartmentByCode(draft.department)) {
        t.department_id = department->id;
        t.department_code = department->code;
        t.faculty_id = department->faculty_id;
    } else {
        errors.push_back({"department", "people.department_unknown", {{"code", draft.department}}});
    }
    if (auto position = ParsePosition(draft.position)) {
        t.position = *position;
    } else {
        errors.push_back({"position", "people.position_invalid", {}});
    }
    if (draft.degree.empty()) {
        t.degree = Degree::kNone;
    } else if (auto degree = ParseDegree(draft.degree)) {
        t.degree = *degree;
    } else {
        errors.push_back({"degree", "people.degree_invalid", {}});
    }
    if (!errors.empty()) return InvalidFields(errors);
    return t;
}

core::Result<Group> ResolveGroup(const GroupDraft& draft, const Directory& directory, Store& store,
                                 std::optional<GroupId> self, int current_year) {
    FieldErrors errors;
    Group g;
    if (self) g.id = *self;
    g.code = draft.code;
    const std::size_t before_code = errors.size();
    CheckGroupCode(g.code, errors);
    if (errors.size() == before_code) {
        if (auto other = store.FindGroupByCode(g.code); other && (!self || other->id != *self)) {
            errors.push_back({"code", "people.group_code_taken", {}});
        }
    }
    const ProgrammeInfo* programme = directory.ProgrammeByCode(draft.programme);
    if (programme == nullptr) {
        errors.push_back({"programme", "people.programme_unknown", {{"code", draft.programme}}});
    } else {
        g.programme_id = programme->id;
        g.programme_code = programme->code;
        g.faculty_id = programme->faculty_id;
    }
    if (auto year = ParseIntIn(draft.admission_year, 1990, current_year + 1)) {
        g.admission_year = *year;
    } else {
        errors.push_back(
            {"admission_year", "people.admission_year_range", {{"max", std::to_string(current_year + 1)}}});
    }
    g.language = draft.language;
    const std::size_t before_language = errors.size();
    CheckLanguage(g.language, errors);
    if (errors.size() == before_language && programme != nullptr && !programme->languages.empty() &&
        std::find(programme->languages.begin(), programme->languages.end(), g.language) ==
            programme->languages.end()) {
        errors.push_back({"language", "people.language_not_in_programme", {}});
    }
    if (!draft.curator.empty()) {
        auto id = ParseIntIn(draft.curator, 1, 2'000'000'000);
        auto curator = id ? store.FindTeacher(TeacherId{*id}) : std::nullopt;
        if (curator) {
            g.curator = curator->id;
            g.curator_name = DisplayName(curator->name);
        } else {
            errors.push_back({"curator", "people.curator_unknown", {}});
        }
    }
    if (!draft.parent.empty()) {
        auto parent = store.FindGroupByCode(draft.parent);
        if (!parent) {
            errors.push_back({"parent", "people.group_unknown", {{"code", draft.parent}}});
        } else if ((self && parent->id == *self) || parent->parent) {
            // A lab subgroup belongs to a whole group: one level only, never itself.
            errors.push_back({"parent", "people.parent_invalid", {}});
        } else if (programme != nullptr && parent->programme_id != programme->id) {
            errors.push_back({"parent", "people.group_other_programme", {{"code", draft.parent}}});
        } else {
            g.parent = parent->id;
            g.parent_code = parent->code;
        }
    }
    if (!errors.empty()) return InvalidFields(errors);
    return g;
}

int YearOf(core::Instant now) {
    const auto local = std::chrono::floor<std::chrono::days>(now + core::kKazakhstanOffset);
    return static_cast<int>(std::chrono::year_month_day(local).year());
}

}  // namespace oqu::people::detail
