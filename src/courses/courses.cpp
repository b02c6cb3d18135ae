#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "courses/api.hpp"
#include "courses/permissions.hpp"
#include "courses/store.hpp"
#include "courses/support.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::courses {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

constexpr std::string_view kKindNames[] = {"lecture", "practical", "laboratory", "file",    "audio",
                                           "video",   "image",     "link",       "library", "session"};

// The checked parts of a draft.
struct CheckedDraft {
    std::int64_t period_id = 0;
    std::string language;
    bool online = false;
};

core::Result<CheckedDraft> CheckDraft(db::Database& database, const CourseDraft& draft) {
    CheckedDraft out;
    const auto period = detail::ParseId(draft.period_id);
    if (!period || !academics::FindPeriod(auth::SystemPrincipal(), database, academics::PeriodId{*period})) {
        return detail::Invalid("courses.period_invalid", "period_id");
    }
    out.period_id = *period;
    if (draft.language != "kk" && draft.language != "ru" && draft.language != "en") {
        return detail::Invalid("courses.language_invalid", "language");
    }
    out.language = draft.language;
    if (draft.online != "yes" && draft.online != "no" && !draft.online.empty()) {
        return detail::Invalid("courses.online_invalid", "online");
    }
    out.online = draft.online == "yes";
    return out;
}

}  // namespace

std::string_view ElementKindName(ElementKind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<ElementKind> ParseElementKind(std::string_view name) {
    for (ElementKind kind : kElementKinds) {
        if (ElementKindName(kind) == name) return kind;
    }
    return std::nullopt;
}

core::Result<std::int64_t> CreateCourse(const auth::Principal& actor, const Change& change,
                                        const CourseDraft& draft, std::string_view /*lang*/) {
    const auth::Principal system = auth::SystemPrincipal();
    const auto discipline_id = detail::ParseId(draft.discipline_id);
    if (!discipline_id) return detail::Invalid("courses.discipline_invalid", "discipline_id");
    auto discipline = academics::FindDiscipline(system, change.db, academics::DisciplineId{*discipline_id});
    if (!discipline) return detail::Invalid("courses.discipline_invalid", "discipline_id");
    auto curriculum = academics::FindCurriculum(system, change.db, discipline->curriculum_id);
    if (!curriculum) return detail::Invalid("courses.discipline_invalid", "discipline_id");
    auto programme = academics::FindProgramme(system, change.db, curriculum->programme_id);
    if (!programme) return detail::Invalid("courses.discipline_invalid", "discipline_id");
    // The programme's scope decides: a discipline of another faculty is not revealed.
    const auto path = CoursePath(programme->faculty_id.value, programme->id.value, 0);
    const std::span<const auth::Scope> programme_path(path.data(), 3);
    if (!auth::Allows(actor, kView, programme_path) && !auth::Allows(actor, kManage, programme_path)) {
        return detail::NotFound("discipline outside the actor's scopes");
    }
    if (auto ok = auth::Require(actor, kManage, programme_path); !ok) return ok.error();
    auto checked = CheckDraft(change.db, draft);
    if (!checked) return checked.error();
    CourseRow row;
    row.discipline_id = *discipline_id;
    row.curriculum_id = curriculum->id.value;
    row.programme_id = programme->id.value;
    row.faculty_id = programme->faculty_id.value;
    if (programme->department_id) row.department_id = programme->department_id->value;
    if (!draft.department_id.empty()) {
        const auto department = detail::ParseId(draft.department_id);
        if (!department) return detail::Invalid("courses.department_invalid", "department_id");
        if (!academics::FindDepartment(system, change.db, academics::DepartmentId{*department})) {
            return detail::Invalid("courses.department_invalid", "department_id");
        }
        row.department_id = *department;
    }
    row.period_id = checked->period_id;
    row.language = checked->language;
    row.online = checked->online;
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        const std::int64_t id = Store(session).InsertCourse(row, actor.user_id, change.now);
        detail::RecordChange(
            session, actor, change, "courses.create", id,
            nlohmann::json{
                {"discipline_id", row.discipline_id}, {"period_id", row.period_id}, {"online", row.online}}
                .dump());
        return id;
    });
}

core::Status UpdateCourse(const auth::Principal& actor, const Change& change, std::int64_t id,
                          const CourseDraft& draft) {
    auto loaded = detail::LoadFor(actor, change.db, id, false);
    if (!loaded) return loaded.error();
    auto checked = CheckDraft(change.db, draft);
    if (!checked) return checked.error();
    if (checked->online && !loaded->row.online) {
        // R-O16: declaring the course online needs every teacher qualified for online teaching.
        for (std::int64_t teacher : loaded->teachers) {
            if (auto ok = detail::CheckTeacherForOnline(change.db, teacher, change.now); !ok) {
                return ok.error();
            }
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store(session).UpdateCourse(id, checked->period_id, checked->language, checked->online);
        detail::RecordChange(session, actor, change, "courses.update", id,
                             nlohmann::json{{"period_id", checked->period_id},
                                            {"language", checked->language},
                                            {"online", checked->online}}
                                 .dump());
        return core::OkStatus();
    });
}

core::Result<Course> FindCourse(const auth::Principal& actor, db::Database& database, std::int64_t id,
                                std::string_view lang) {
    auto loaded = detail::Load(actor, database, id);
    if (!loaded) return loaded.error();
    detail::Catalog catalog(database, lang);
    return catalog.Assemble(loaded->row);
}

core::Result<CourseAccess> AccessTo(const auth::Principal& actor, db::Database& database,
                                    std::int64_t course_id) {
    auto loaded = detail::Load(actor, database, course_id);
    if (!loaded) return loaded.error();
    return loaded->access;
}

std::vector<Course> ListCourses(const auth::Principal& actor, db::Database& database,
                                const CourseQuery& query, std::string_view lang) {
    const detail::Identity who = detail::Identify(actor, database);
    std::set<std::int64_t> own;
    std::vector<CourseRow> rows;
    database.Read([&](db::Session& s) {
        Store store(s);
        if (who.teacher_id) {
            for (std::int64_t id : store.CoursesOfTeacher(*who.teacher_id)) own.insert(id);
        }
        for (std::int64_t id : store.CoursesOfGroups(who.group_ids)) own.insert(id);
        rows = store.Courses(query.period_id);
        return 0;
    });
    detail::Catalog catalog(database, lang);
    std::vector<Course> out;
    for (const CourseRow& row : rows) {
        const bool mine = own.contains(row.id);
        const bool staff =
            !query.mine && auth::Allows(actor, kView, CoursePath(row.faculty_id, row.programme_id, row.id));
        if (mine || staff) out.push_back(catalog.Assemble(row));
    }
    return out;
}

core::Status AssignTeacher(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                           std::int64_t teacher_id) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, false);
    if (!loaded) return loaded.error();
    if (!people::FindTeacher(auth::SystemPrincipal(), change.db, people::TeacherId{teacher_id})) {
        return detail::Invalid("courses.teacher_invalid", "teacher_id");
    }
    if (std::find(loaded->teachers.begin(), loaded->teachers.end(), teacher_id) != loaded->teachers.end()) {
        return core::MakeError(core::ErrorCode::kConflict, "courses.teacher_assigned", "already assigned");
    }
    std::vector<std::int64_t> groups;
    for (const auto& [group, kind] :
         change.db.Read([&](db::Session& s) { return Store(s).Groups(course_id); })) {
        groups.push_back(group);
    }
    const bool online = detail::EffectiveOnline(change.db, loaded->row.online, groups);
    if (online) {
        // R-O16: only a teacher with 72 hours of qualification courses in 3 years teaches online.
        if (auto ok = detail::CheckTeacherForOnline(change.db, teacher_id, change.now); !ok) {
            return ok.error();
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).InsertTeacher(course_id, teacher_id, change.now)) {
            return core::MakeError(core::ErrorCode::kConflict, "courses.teacher_assigned",
                                   "already assigned");
        }
        detail::RecordChange(session, actor, change, "courses.assign_teacher", course_id,
                             nlohmann::json{{"teacher_id", teacher_id}, {"online", online}}.dump());
        return core::OkStatus();
    });
}

core::Status RemoveTeacher(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                           std::int64_t teacher_id) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, false);
    if (!loaded) return loaded.error();
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).DeleteTeacher(course_id, teacher_id)) return detail::NotFound("not assigned");
        detail::RecordChange(session, actor, change, "courses.remove_teacher", course_id,
                             nlohmann::json{{"teacher_id", teacher_id}}.dump());
        return core::OkStatus();
    });
}

core::Status AttachGroup(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                         std::int64_t group_id, std::string_view kind) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, false);
    if (!loaded) return loaded.error();
    auto group = people::FindGroup(auth::SystemPrincipal(), change.db, people::GroupId{group_id});
    if (!group) return detail::Invalid("courses.group_invalid", "group_id");
    if (group->programme_id != loaded->row.programme_id) {
        return detail::Invalid("courses.group_programme", "group_id");
    }
    if (kind != "stream" && kind != "subgroup") return detail::Invalid("courses.group_kind_invalid", "kind");
    std::vector<std::int64_t> groups{group_id};
    if (!loaded->row.online && detail::EffectiveOnline(change.db, false, groups)) {
        // R-O16: the group brings online students, so every teacher must be qualified.
        for (std::int64_t teacher : loaded->teachers) {
            if (auto ok = detail::CheckTeacherForOnline(change.db, teacher, change.now); !ok) {
                return ok.error();
            }
        }
    }
    // A course with its policy set gives it to the journals of the group it takes on.
    const auto journal_groups = loaded->row.weights ? detail::JournalGroups(change.db, course_id, group_id)
                                                    : std::vector<std::int64_t>{};
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).InsertGroup(course_id, group_id, std::string(kind))) {
            return core::MakeError(core::ErrorCode::kConflict, "courses.group_attached", "already attached");
        }
        if (loaded->row.weights) {
            detail::PushWeights(session, actor, change, loaded->row, journal_groups, *loaded->row.weights);
        }
        detail::RecordChange(session, actor, change, "courses.attach_group", course_id,
                             nlohmann::json{{"group_id", group_id}, {"kind", kind}}.dump());
        return core::OkStatus();
    });
}

core::Status DetachGroup(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                         std::int64_t group_id) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, false);
    if (!loaded) return loaded.error();
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).DeleteGroup(course_id, group_id)) return detail::NotFound("not attached");
        detail::RecordChange(session, actor, change, "courses.detach_group", course_id,
                             nlohmann::json{{"group_id", group_id}}.dump());
        return core::OkStatus();
    });
}

bool SchemaInstalled(db::Database& database) {
    return database.Read([](db::Session& s) { return Store(s).Installed(); });
}

}  // namespace oqu::courses
