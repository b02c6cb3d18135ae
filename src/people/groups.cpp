#include <nlohmann/json.hpp>

#include "people/api.hpp"
#include "people/permissions.hpp"
#include "people/support.hpp"
#include "platform/db/database.hpp"

namespace oqu::people {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

std::string Detail(const Group& g) {
    return nlohmann::json{{"code", g.code},
                          {"programme_id", g.programme_id},
                          {"admission_year", g.admission_year},
                          {"language", g.language},
                          {"curator_id", g.curator ? g.curator->value : 0},
                          {"parent_id", g.parent ? g.parent->value : 0}}
        .dump();
}

Group WithProgrammeCode(Group group, const Directory& directory) {
    if (const ProgrammeInfo* p = directory.ProgrammeById(group.programme_id)) group.programme_code = p->code;
    return group;
}

}  // namespace

core::Result<Page<Group>> ListGroups(const auth::Principal& actor, db::Database& database,
                                     const ListQuery& query) {
    if (auto ok = detail::RequireSomewhere(actor, kViewPeople); !ok) return ok.error();
    const ScopeFilter scope = detail::FilterFor(actor, kViewPeople);
    Page<Group> page = database.Read([&](db::Session& s) { return Store(s).ListGroups(scope, query); });
    const Directory directory = Directory::Load(actor, database);
    for (Group& g : page.items) g = WithProgrammeCode(std::move(g), directory);
    return page;
}

core::Result<Group> FindGroup(const auth::Principal& actor, db::Database& database, GroupId id) {
    auto group = database.Read([&](db::Session& s) { return Store(s).FindGroup(id); });
    if (!group) return detail::NotFound("no group " + std::to_string(id.value));
    if (auto ok = auth::Require(actor, kViewPeople, ProgrammePath(group->faculty_id, group->programme_id));
        !ok) {
        return ok.error();
    }
    return WithProgrammeCode(std::move(*group), Directory::Load(actor, database));
}

core::Result<GroupId> CreateGroup(const auth::Principal& actor, const Change& change,
                                  const GroupDraft& draft) {
    if (auto ok = detail::RequireSomewhere(actor, kEditGroups); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    if (const ProgrammeInfo* p = directory.ProgrammeByCode(draft.programme)) {
        if (auto ok = auth::Require(actor, kEditGroups, ProgrammePath(p->faculty_id, p->id)); !ok) {
            return ok.error();
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Result<GroupId> {
        Store store(session);
        auto group = detail::ResolveGroup(draft, directory, store, std::nullopt, detail::YearOf(change.now));
        if (!group) return group.error();
        auto id = store.InsertGroup(*group, change.now);
        if (!id) return id.error();
        detail::RecordChange(session, actor, change, "people.create_group", "group", id->value,
                             Detail(*group));
        return *id;
    });
}

core::Status UpdateGroup(const auth::Principal& actor, const Change& change, GroupId id,
                         const GroupDraft& draft) {
    auto current = change.db.Read([&](db::Session& s) { return Store(s).FindGroup(id); });
    if (!current) return detail::NotFound("no group " + std::to_string(id.value));
    const auto old_path = ProgrammePath(current->faculty_id, current->programme_id);
    if (auto ok = auth::Require(actor, kViewPeople, old_path); !ok) return ok.error();
    if (auto ok = auth::Require(actor, kEditGroups, old_path); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    if (const ProgrammeInfo* p = directory.ProgrammeByCode(draft.programme)) {
        if (auto ok = auth::Require(actor, kEditGroups, ProgrammePath(p->faculty_id, p->id)); !ok) {
            return ok.error();
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store store(session);
        auto group = detail::ResolveGroup(draft, directory, store, id, detail::YearOf(change.now));
        if (!group) return group.error();
        if (auto ok = store.UpdateGroup(*group, change.now); !ok) return ok;
        detail::RecordChange(session, actor, change, "people.update_group", "group", id.value,
                             Detail(*group));
        return core::OkStatus();
    });
}

}  // namespace oqu::people
