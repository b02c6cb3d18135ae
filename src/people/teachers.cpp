#include <nlohmann/json.hpp>

#include "people/api.hpp"
#include "people/permissions.hpp"
#include "people/support.hpp"
#include "platform/db/database.hpp"

namespace oqu::people {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

std::string Detail(const Teacher& t) {
    return nlohmann::json{{"name", DisplayName(t.name)},
                          {"department_id", t.department_id},
                          {"position", PositionName(t.position)},
                          {"degree", DegreeName(t.degree)}}
        .dump();
}

Teacher WithDepartmentCode(Teacher teacher, const Directory& directory) {
    if (const DepartmentInfo* d = directory.DepartmentById(teacher.department_id)) {
        teacher.department_code = d->code;
    }
    return teacher;
}

}  // namespace

core::Result<Page<Teacher>> ListTeachers(const auth::Principal& actor, db::Database& database,
                                         const ListQuery& query) {
    if (auto ok = detail::RequireSomewhere(actor, kViewPeople); !ok) return ok.error();
    const ScopeFilter scope = detail::FilterFor(actor, kViewPeople);
    Page<Teacher> page = database.Read([&](db::Session& s) { return Store(s).ListTeachers(scope, query); });
    const Directory directory = Directory::Load(actor, database);
    for (Teacher& t : page.items) t = WithDepartmentCode(std::move(t), directory);
    return page;
}

core::Result<Teacher> FindTeacher(const auth::Principal& actor, db::Database& database, TeacherId id) {
    auto teacher = database.Read([&](db::Session& s) { return Store(s).FindTeacher(id); });
    if (!teacher) return detail::NotFound("no teacher " + std::to_string(id.value));
    if (auto ok = auth::Require(actor, kViewPeople, FacultyPath(teacher->faculty_id)); !ok) return ok.error();
    return WithDepartmentCode(std::move(*teacher), Directory::Load(actor, database));
}

core::Result<TeacherId> CreateTeacher(const auth::Principal& actor, const Change& change,
                                      const TeacherDraft& draft) {
    if (auto ok = detail::RequireSomewhere(actor, kEditTeachers); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    if (const DepartmentInfo* d = directory.DepartmentByCode(draft.department)) {
        if (auto ok = auth::Require(actor, kEditTeachers, FacultyPath(d->faculty_id)); !ok) return ok.error();
    }
    auto teacher = detail::ResolveTeacher(draft, directory, std::nullopt);
    if (!teacher) return teacher.error();
    return change.db.Transact([&](db::Session& session) -> core::Result<TeacherId> {
        Store store(session);
        auto id = store.InsertTeacher(*teacher, change.now);
        if (!id) return id.error();
        detail::RecordChange(session, actor, change, "people.create_teacher", "teacher", id->value,
                             Detail(*teacher));
        return *id;
    });
}

core::Status UpdateTeacher(const auth::Principal& actor, const Change& change, TeacherId id,
                           const TeacherDraft& draft) {
    auto current = change.db.Read([&](db::Session& s) { return Store(s).FindTeacher(id); });
    if (!current) return detail::NotFound("no teacher " + std::to_string(id.value));
    const auto old_path = FacultyPath(current->faculty_id);
    if (auto ok = auth::Require(actor, kViewPeople, old_path); !ok) return ok.error();
    if (auto ok = auth::Require(actor, kEditTeachers, old_path); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    if (const DepartmentInfo* d = directory.DepartmentByCode(draft.department)) {
        if (auto ok = auth::Require(actor, kEditTeachers, FacultyPath(d->faculty_id)); !ok) return ok.error();
    }
    auto teacher = detail::ResolveTeacher(draft, directory, id);
    if (!teacher) return teacher.error();
    teacher->user_id = current->user_id;
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store store(session);
        if (auto ok = store.UpdateTeacher(*teacher, change.now); !ok) return ok;
        detail::RecordChange(session, actor, change, "people.update_teacher", "teacher", id.value,
                             Detail(*teacher));
        return core::OkStatus();
    });
}

}  // namespace oqu::people
