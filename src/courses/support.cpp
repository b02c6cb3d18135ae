#include "courses/support.hpp"

#include <algorithm>
#include <charconv>

#include "academics/api.hpp"
#include "courses/permissions.hpp"
#include "online/api.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace oqu::courses::detail {

namespace auth = platform::auth;
namespace db = platform::db;

core::Error Invalid(std::string key, std::string_view field) {
    return core::MakeError(core::ErrorCode::kInvalidInput, std::move(key), "field: " + std::string(field));
}

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
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

bool Filled(std::string_view text, std::size_t max) {
    return text.find_first_not_of(" \t\r\n") != std::string_view::npos && text.size() <= max;
}

void RecordChange(db::Session& session, const auth::Principal& actor, const Change& change,
                  std::string_view action, std::int64_t course_id, const std::string& detail_json) {
    platform::audit::AuditEntry entry;
    entry.at = change.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login;
    entry.action = std::string(action);
    entry.object_type = "courses_course";
    entry.object_id = std::to_string(course_id);
    entry.detail_json = detail_json;
    entry.address = change.address;
    // R-D6: the act is part of the digital footprint too.
    platform::audit::RecordAct(session, entry);
}

Identity Identify(const auth::Principal& actor, db::Database& database) {
    Identity who;
    if (actor.system) return who;
    const auth::Principal system = auth::SystemPrincipal();
    if (actor.HasRole(auth::Role::kTeacher)) {
        if (auto id = online::OwnTeacherId(actor, database)) {
            who.teacher_id = *id;
            if (auto teacher = people::FindTeacher(system, database, people::TeacherId{*id})) {
                who.head_of_department = teacher->position == people::Position::kHeadOfDepartment;
                who.department_id = teacher->department_id;
            }
        }
    }
    if (actor.HasRole(auth::Role::kStudent)) {
        if (auto student = people::FindOwnStudent(database, actor.user_id); student && student->group) {
            who.group_ids.push_back(student->group->value);
            if (student->stream) who.group_ids.push_back(student->stream->value);
        }
    }
    return who;
}

core::Result<Loaded> Load(const auth::Principal& actor, db::Database& database, std::int64_t course_id) {
    Loaded out;
    bool found = false;
    database.Read([&](db::Session& s) {
        Store store(s);
        if (auto row = store.FindCourse(course_id)) {
            out.row = *row;
            out.teachers = store.Teachers(course_id);
            found = true;
        }
        return 0;
    });
    if (!found) return NotFound("no course " + std::to_string(course_id));
    const auto path = CoursePath(out.row.faculty_id, out.row.programme_id, course_id);
    bool visible = auth::Allows(actor, kView, path);
    out.access.manage = auth::Allows(actor, kManage, path);
    visible = visible || out.access.manage;
    const Identity who = Identify(actor, database);
    if (who.teacher_id) {
        out.access.edit =
            std::find(out.teachers.begin(), out.teachers.end(), *who.teacher_id) != out.teachers.end();
        out.access.sign =
            who.head_of_department && out.row.department_id && *out.row.department_id == who.department_id;
        visible = visible || out.access.edit || out.access.sign;
    }
    if (!who.group_ids.empty()) {
        out.access.study =
            database.Read([&](db::Session& s) { return Store(s).HasAnyGroup(course_id, who.group_ids); });
        visible = visible || out.access.study;
    }
    if (!visible) return NotFound("course " + std::to_string(course_id) + " outside the actor's reach");
    return out;
}

core::Result<Loaded> LoadFor(const auth::Principal& actor, db::Database& database, std::int64_t course_id,
                             bool edit) {
    auto loaded = Load(actor, database, course_id);
    if (!loaded) return loaded.error();
    if (edit ? !loaded->access.edit : !loaded->access.manage) {
        return core::MakeError(core::ErrorCode::kForbidden,
                               edit ? "courses.not_course_teacher" : "auth.forbidden",
                               "no right to change course " + std::to_string(course_id));
    }
    return loaded;
}

bool EffectiveOnline(db::Database& database, bool flag, const std::vector<std::int64_t>& group_ids) {
    if (flag) return true;
    for (std::int64_t group : group_ids) {
        people::StudentQuery query;
        query.group = people::GroupId{group};
        query.form = people::StudyForm::kOnline;
        query.limit = 1;
        auto page = people::ListStudents(auth::SystemPrincipal(), database, query);
        if (page && page->total > 0) return true;
    }
    return false;
}

core::Status CheckTeacherForOnline(db::Database& database, std::int64_t teacher_id, core::Instant now) {
    // R-O16: the courses module has decided who may assign; the register is read with the
    // system's authority so that a dean's office may assign a teacher of another faculty and
    // still be told his standing.
    return online::CheckCanTeachOnline(auth::SystemPrincipal(), database, teacher_id, now);
}

std::optional<core::Day> Day(std::string_view iso) {
    return core::ParseIsoDay(iso);
}

const Catalog::PeriodInfo& Catalog::Period(std::int64_t id) {
    auto it = periods_.find(id);
    if (it != periods_.end()) return it->second;
    PeriodInfo info;
    const auth::Principal system = auth::SystemPrincipal();
    if (auto period = academics::FindPeriod(system, db_, academics::PeriodId{id})) {
        info.kind = std::string(academics::PeriodKindName(period->kind));
        info.start = academics::FormatIsoDate(period->start);
        info.end = academics::FormatIsoDate(period->end);
        if (auto year = academics::FindYear(system, db_, period->year_id)) info.year = year->name;
    }
    return periods_.emplace(id, std::move(info)).first->second;
}

Course Catalog::Assemble(const CourseRow& row) {
    const auth::Principal system = auth::SystemPrincipal();
    Course c;
    c.id = row.id;
    c.discipline_id = row.discipline_id;
    c.curriculum_id = row.curriculum_id;
    c.programme_id = row.programme_id;
    c.faculty_id = row.faculty_id;
    c.department_id = row.department_id;
    c.period_id = row.period_id;
    c.language = row.language;
    c.online_flag = row.online;
    c.weights = row.weights;
    c.act_signed_at = row.act_signed_at;
    c.copied_from = row.copied_from;
    if (auto d = academics::FindDiscipline(system, db_, academics::DisciplineId{row.discipline_id})) {
        c.discipline_code = d->code;
        c.discipline_name = lang_ == "ru" ? d->names.ru : lang_ == "en" ? d->names.en : d->names.kk;
        c.credits = d->credits;
        c.planned_hours = d->hours.Total();
    }
    auto programme = programmes_.find(row.programme_id);
    if (programme == programmes_.end()) {
        auto p = academics::FindProgramme(system, db_, academics::ProgrammeId{row.programme_id});
        programme = programmes_.emplace(row.programme_id, p ? p->code : std::string()).first;
    }
    c.programme_code = programme->second;
    const PeriodInfo& period = Period(row.period_id);
    c.period_year = period.year;
    c.period_kind = period.kind;
    c.period_start = period.start;
    c.period_end = period.end;
    // Ids first, names after: a lookup in academics or people opens its own transaction.
    std::vector<std::int64_t> teacher_ids;
    std::vector<std::pair<std::int64_t, std::string>> groups;
    db_.Read([&](db::Session& s) {
        Store store(s);
        teacher_ids = store.Teachers(row.id);
        groups = store.Groups(row.id);
        return 0;
    });
    for (std::int64_t teacher : teacher_ids) {
        CourseTeacher t{teacher, {}};
        if (auto found = people::FindTeacher(system, db_, people::TeacherId{teacher})) {
            t.name = people::DisplayName(found->name);
        }
        c.teachers.push_back(std::move(t));
    }
    std::vector<std::int64_t> group_ids;
    for (const auto& [group, kind] : groups) {
        CourseGroup g{group, {}, kind};
        if (auto found = people::FindGroup(system, db_, people::GroupId{group})) g.code = found->code;
        c.groups.push_back(std::move(g));
        group_ids.push_back(group);
    }
    c.online = EffectiveOnline(db_, row.online, group_ids);
    return c;
}

}  // namespace oqu::courses::detail
