#include "gradebook/support.hpp"

#include "academics/api.hpp"
#include "gradebook/permissions.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::gradebook::detail {

namespace auth = platform::auth;

core::Error Invalid(std::string key, std::string_view field) {
    return core::MakeError(core::ErrorCode::kInvalidInput, std::move(key), "field: " + std::string(field));
}

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

namespace {

std::optional<std::int64_t> OwnTeacher(const auth::Principal& actor, platform::db::Database& db) {
    if (actor.system) return std::nullopt;
    for (int offset = 0;; offset += 500) {
        auto page = people::ListTeachers(auth::SystemPrincipal(), db, {.offset = offset, .limit = 500});
        if (!page || page->items.empty()) break;
        for (const people::Teacher& t : page->items) {
            if (t.user_id && *t.user_id == actor.user_id) return t.id.value;
        }
        if (offset + 500 >= page->total) break;
    }
    return std::nullopt;
}

}  // namespace

std::set<std::int64_t> CuratedGroups(const auth::Principal& actor, platform::db::Database& db) {
    std::set<std::int64_t> out;
    // Only advisers and teachers curate groups: others need no lookup.
    if (!actor.HasRole(auth::Role::kAdviser) && !actor.HasRole(auth::Role::kTeacher)) return out;
    const auto teacher = OwnTeacher(actor, db);
    if (!teacher) return out;
    for (int offset = 0;; offset += 500) {
        auto page = people::ListGroups(auth::SystemPrincipal(), db, {.offset = offset, .limit = 500});
        if (!page || page->items.empty()) break;
        for (const people::Group& g : page->items) {
            if (g.curator && g.curator->value == *teacher) out.insert(g.id.value);
        }
        if (offset + 500 >= page->total) break;
    }
    return out;
}

bool Curates(const auth::Principal& actor, platform::db::Database& db, std::int64_t group_id) {
    if (actor.system) return false;
    if (!actor.HasRole(auth::Role::kAdviser) && !actor.HasRole(auth::Role::kTeacher)) return false;
    auto group = people::FindGroup(auth::SystemPrincipal(), db, people::GroupId{group_id});
    if (!group || !group->curator) return false;
    auto teacher = people::FindTeacher(auth::SystemPrincipal(), db, *group->curator);
    return teacher && teacher->user_id && *teacher->user_id == actor.user_id;
}

bool MaySee(const auth::Principal& actor, platform::db::Database& db, const JournalRecord& journal) {
    const auto path = ScopePathOf(journal.faculty_id, journal.programme_id);
    if (auth::Allows(actor, kViewJournal, path) || auth::Allows(actor, kEnterMarks, path) ||
        auth::Allows(actor, kManageJournal, path)) {
        return true;
    }
    return Curates(actor, db, journal.group_id);
}

core::Result<JournalRecord> VisibleJournal(const auth::Principal& actor, platform::db::Database& db,
                                           std::int64_t id) {
    auto journal = db.Read([&](platform::db::Session& s) { return Store(s).FindJournal(id); });
    if (!journal || !MaySee(actor, db, *journal)) return NotFound("journal " + std::to_string(id));
    return *journal;
}

Journal Describe(platform::db::Database& db, const JournalRecord& r) {
    Journal j;
    j.id = r.id;
    j.group_id = r.group_id;
    j.discipline_id = r.discipline_id;
    j.period_id = r.period_id;
    j.faculty_id = r.faculty_id;
    j.programme_id = r.programme_id;
    j.weeks = r.weeks;
    j.policy = r.policy;
    j.closed = r.closed;
    j.closed_at = r.closed_at;
    const auto system = auth::SystemPrincipal();
    if (auto group = people::FindGroup(system, db, people::GroupId{r.group_id})) j.group_code = group->code;
    if (auto d = academics::FindDiscipline(system, db, academics::DisciplineId{r.discipline_id})) {
        j.discipline_code = d->code;
        j.discipline_kk = d->names.kk;
        j.discipline_ru = d->names.ru;
        j.discipline_en = d->names.en;
        j.credits = d->credits;
    }
    if (auto p = academics::FindPeriod(system, db, academics::PeriodId{r.period_id})) {
        j.period_kind = std::string(academics::PeriodKindName(p->kind));
        j.period_start = academics::FormatIsoDate(p->start);
        j.period_end = academics::FormatIsoDate(p->end);
    }
    return j;
}

Row RowOf(const std::vector<StoredMark>& marks, std::int64_t student_id, int weeks) {
    Row row;
    for (const StoredMark& m : marks) {
        if (m.student_id != student_id || !m.mark) continue;
        if (auto cell = ParseCell(m.cell, weeks)) row.Set(*cell, m.mark);
    }
    return row;
}

}  // namespace oqu::gradebook::detail
