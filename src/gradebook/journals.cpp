#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "gradebook/api.hpp"
#include "gradebook/permissions.hpp"
#include "gradebook/store.hpp"
#include "gradebook/support.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace oqu::gradebook {

namespace auth = platform::auth;
namespace db = platform::db;
using detail::Invalid;

namespace {

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value <= 0) return std::nullopt;
    return value;
}

void Audit(db::Session& session, const auth::Principal& actor, const Change& change, std::string action,
           std::int64_t journal_id, const nlohmann::json& detail) {
    platform::audit::AuditEntry entry;
    entry.at = change.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login;
    entry.action = std::move(action);
    entry.object_type = "journal";
    entry.object_id = std::to_string(journal_id);
    entry.detail_json = detail.dump();
    entry.address = change.address;
    // The act is part of the digital footprint too (R-D6).
    platform::audit::RecordAct(session, entry);
}

struct TeacherCheck {
    std::mutex mutex;
    JournalTeacherCheck check;
};

TeacherCheck& InstalledCheck() {
    static TeacherCheck installed;
    return installed;
}

}  // namespace

void SetJournalTeacherCheck(JournalTeacherCheck check) {
    TeacherCheck& installed = InstalledCheck();
    const std::lock_guard lock(installed.mutex);
    installed.check = std::move(check);
}

bool detail::TeachesJournal(const auth::Principal& actor, db::Database& database,
                            const JournalRecord& journal) {
    JournalTeacherCheck check;
    {
        TeacherCheck& installed = InstalledCheck();
        const std::lock_guard lock(installed.mutex);
        check = installed.check;
    }
    // The dean's office (and the operator) are not narrowed: only a teacher's grant is.
    if (!check || actor.system || !actor.HasRole(auth::Role::kTeacher) ||
        actor.HasRole(auth::Role::kDeansOffice)) {
        return true;
    }
    return check(actor, database, journal.group_id, journal.discipline_id, journal.period_id);
}

std::vector<std::int64_t> ApplyCourseWeights(db::Session& session, const auth::Principal& actor,
                                             const Change& change, std::int64_t course_id,
                                             const std::vector<std::int64_t>& group_ids,
                                             std::int64_t discipline_id, std::int64_t period_id,
                                             const Weights& weights) {
    std::vector<std::int64_t> changed;
    Store store(session);
    for (std::int64_t group_id : group_ids) {
        for (const JournalRecord& r : store.Journals(group_id)) {
            if (r.discipline_id != discipline_id || r.period_id != period_id) continue;
            auto locked = store.LockJournal(r.id);
            // A closed journal's results are final: it keeps the weights it was closed with.
            if (!locked || locked->closed || locked->policy.weights == weights) continue;
            store.SetWeights(r.id, weights);
            const Weights& old = locked->policy.weights;
            Audit(session, actor, change, "gradebook.set_weights", r.id,
                  {{"before", {old.current, old.rk1, old.rk2, old.exam}},
                   {"after", {weights.current, weights.rk1, weights.rk2, weights.exam}},
                   {"course_id", course_id}});
            changed.push_back(r.id);
        }
    }
    return changed;
}

bool SchemaInstalled(db::Database& database) {
    return database.Read([](db::Session& s) { return Store(s).Installed(); });
}

core::Result<std::int64_t> OpenJournal(const auth::Principal& actor, const Change& change,
                                       const JournalDraft& draft, const Policy& policy) {
    if (auth::ScopesWith(actor, kEnterMarks).empty()) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "gradebook:enter_marks");
    }
    const auto system = auth::SystemPrincipal();
    const auto group_id = ParseId(draft.group_id);
    auto group = group_id ? people::FindGroup(system, change.db, people::GroupId{*group_id})
                          : core::Result<people::Group>(detail::NotFound("no group"));
    // A group outside the actor's scope is, for him, no group at all.
    if (!group || !auth::Allows(actor, kEnterMarks, ScopePathOf(group->faculty_id, group->programme_id))) {
        return Invalid("gradebook.group_invalid", "group_id");
    }
    const auto discipline_id = ParseId(draft.discipline_id);
    auto discipline =
        discipline_id ? academics::FindDiscipline(system, change.db, academics::DisciplineId{*discipline_id})
                      : core::Result<academics::Discipline>(detail::NotFound("no discipline"));
    if (!discipline) return Invalid("gradebook.discipline_invalid", "discipline_id");
    auto curriculum = academics::FindCurriculum(system, change.db, discipline->curriculum_id);
    if (!curriculum || curriculum->programme_id.value != group->programme_id) {
        return Invalid("gradebook.discipline_invalid", "discipline_id");
    }
    const auto period_id = ParseId(draft.period_id);
    if (!period_id || !academics::FindPeriod(system, change.db, academics::PeriodId{*period_id})) {
        return Invalid("gradebook.period_invalid", "period_id");
    }
    int weeks = kDefaultWeeks;
    if (!draft.weeks.empty()) {
        const auto parsed = ParseId(draft.weeks);
        if (!parsed || *parsed > kMaxWeeks) return Invalid("gradebook.weeks_invalid", "weeks");
        weeks = static_cast<int>(*parsed);
    }
    // R-O22: the institution's academic policy must itself be consistent.
    if (auto ok = CheckWeights(policy.weights, policy); !ok) return ok.error();
    JournalRecord record;
    record.group_id = group->id.value;
    record.discipline_id = discipline->id.value;
    record.period_id = *period_id;
    record.faculty_id = group->faculty_id;
    record.programme_id = group->programme_id;
    record.weeks = weeks;
    record.policy = policy;
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        auto id = Store(session).InsertJournal(record, actor.user_id, change.now);
        if (!id) {
            return core::MakeError(core::ErrorCode::kConflict, "gradebook.journal_exists",
                                   "the group has this discipline's journal in the period");
        }
        Audit(session, actor, change, "gradebook.open_journal", *id,
              {{"group_id", record.group_id},
               {"discipline_id", record.discipline_id},
               {"period_id", record.period_id},
               {"weeks", weeks},
               {"weights",
                {policy.weights.current, policy.weights.rk1, policy.weights.rk2, policy.weights.exam}}});
        return *id;
    });
}

core::Result<JournalChoices> ChoicesFor(const auth::Principal& actor, db::Database& database,
                                        std::optional<std::int64_t> group_id) {
    if (auth::ScopesWith(actor, kEnterMarks).empty()) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "gradebook:enter_marks");
    }
    const auto system = auth::SystemPrincipal();
    JournalChoices out;
    std::optional<people::Group> chosen;
    for (int offset = 0;; offset += 500) {
        auto page = people::ListGroups(system, database, {.offset = offset, .limit = 500});
        if (!page || page->items.empty()) break;
        for (const people::Group& g : page->items) {
            if (!auth::Allows(actor, kEnterMarks, ScopePathOf(g.faculty_id, g.programme_id))) continue;
            out.groups.push_back({g.id.value, g.code, g.programme_code, {}, {}, {}});
            if (group_id && g.id.value == *group_id) chosen = g;
        }
        if (offset + 500 >= page->total) break;
    }
    if (!chosen) return out;
    out.group_id = chosen->id.value;
    auto curricula = academics::ListCurricula(system, database, academics::ProgrammeId{chosen->programme_id});
    if (curricula) {
        // The curriculum of the group's admission year; without one, every curriculum of the programme.
        std::vector<academics::Curriculum> use;
        for (const auto& c : *curricula) {
            if (c.admission_year == chosen->admission_year) use.push_back(c);
        }
        if (use.empty()) use = *curricula;
        for (const auto& c : use) {
            auto full = academics::FindCurriculum(system, database, c.id);
            if (!full) continue;
            for (const academics::Discipline& d : full->disciplines) {
                out.disciplines.push_back(
                    {d.id.value, d.code, std::to_string(d.semester), d.names.kk, d.names.ru, d.names.en});
            }
        }
    }
    auto years = academics::ListYears(system, database, {0, 500});
    if (years) {
        for (const auto& y : *years) {
            auto year = academics::FindYear(system, database, y.id);
            if (!year) continue;
            for (const academics::Period& p : year->periods) {
                out.periods.push_back({p.id.value,
                                       std::string(academics::PeriodKindName(p.kind)),
                                       year->name + ": " + academics::FormatIsoDate(p.start) + " – " +
                                           academics::FormatIsoDate(p.end),
                                       {},
                                       {},
                                       {}});
            }
        }
        std::reverse(out.periods.begin(), out.periods.end());
    }
    return out;
}

core::Status SetJournalWeights(const auth::Principal& actor, const Change& change, std::int64_t journal_id,
                               const Weights& weights) {
    auto journal = detail::VisibleJournal(actor, change.db, journal_id);
    if (!journal) return journal.error();
    if (auto ok =
            auth::Require(actor, kManageJournal, ScopePathOf(journal->faculty_id, journal->programme_id));
        !ok) {
        return ok.error();
    }
    Policy bounds;  // The institution's bounds; the journal keeps its own minimums.
    if (auto ok = CheckWeights(weights, bounds); !ok) return ok.error();
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store store(session);
        auto locked = store.LockJournal(journal_id);
        if (!locked || locked->closed) {
            return core::MakeError(core::ErrorCode::kConflict, "gradebook.journal_closed", "closed");
        }
        store.SetWeights(journal_id, weights);
        const Weights& old = locked->policy.weights;
        Audit(session, actor, change, "gradebook.set_weights", journal_id,
              {{"before", {old.current, old.rk1, old.rk2, old.exam}},
               {"after", {weights.current, weights.rk1, weights.rk2, weights.exam}}});
        return core::OkStatus();
    });
}

std::vector<Journal> ListJournals(const auth::Principal& actor, db::Database& database,
                                  const JournalQuery& query) {
    const auto records = database.Read([&](db::Session& s) { return Store(s).Journals(query.group_id); });
    const std::set<std::int64_t> curated = detail::CuratedGroups(actor, database);
    std::vector<Journal> out;
    for (const JournalRecord& r : records) {
        const bool mine = curated.contains(r.group_id);
        if (query.curated && !mine) continue;
        const auto path = ScopePathOf(r.faculty_id, r.programme_id);
        if (!mine && !auth::Allows(actor, kViewJournal, path) && !auth::Allows(actor, kEnterMarks, path) &&
            !auth::Allows(actor, kManageJournal, path)) {
            continue;
        }
        out.push_back(detail::Describe(database, r));
    }
    std::sort(out.begin(), out.end(), [](const Journal& a, const Journal& b) {
        return std::tie(b.period_start, a.group_code, a.discipline_code, a.id) <
               std::tie(a.period_start, b.group_code, b.discipline_code, b.id);
    });
    return out;
}

core::Result<Journal> FindJournal(const auth::Principal& actor, db::Database& database, std::int64_t id) {
    auto record = detail::VisibleJournal(actor, database, id);
    if (!record) return record.error();
    return detail::Describe(database, *record);
}

core::Result<Sheet> LoadSheet(const auth::Principal& actor, db::Database& database, std::int64_t journal_id) {
    auto record = detail::VisibleJournal(actor, database, journal_id);
    if (!record) return record.error();
    Sheet sheet;
    sheet.journal = detail::Describe(database, *record);
    const auto path = ScopePathOf(record->faculty_id, record->programme_id);
    const bool manage = auth::Allows(actor, kManageJournal, path);
    sheet.can_enter = manage || (!record->closed && auth::Allows(actor, kEnterMarks, path) &&
                                 detail::TeachesJournal(actor, database, *record));
    sheet.can_close = manage && !record->closed;
    sheet.can_history = manage || (auth::Allows(actor, kEnterMarks, path) &&
                                   detail::TeachesJournal(actor, database, *record));
    const auto marks = database.Read([&](db::Session& s) { return Store(s).Marks(journal_id); });
    const auto system = auth::SystemPrincipal();
    std::set<std::int64_t> seen;
    for (int offset = 0;; offset += 500) {
        people::StudentQuery q;
        q.group = people::GroupId{record->group_id};
        q.offset = offset;
        q.limit = 500;
        auto page = people::ListStudents(system, database, q);
        if (!page || page->items.empty()) break;
        for (const people::Student& s : page->items) {
            seen.insert(s.id.value);
            sheet.rows.push_back({s.id.value, people::DisplayName(s.name), s.student_number, true, {}, {}});
        }
        if (offset + 500 >= page->total) break;
    }
    // Students who left the group keep their marks on the sheet.
    for (const StoredMark& m : marks) {
        if (!m.mark || seen.contains(m.student_id)) continue;
        seen.insert(m.student_id);
        if (auto s = people::FindStudent(system, database, people::StudentId{m.student_id})) {
            sheet.rows.push_back(
                {s->id.value, people::DisplayName(s->name), s->student_number, false, {}, {}});
        }
    }
    for (SheetRow& row : sheet.rows) {
        row.marks = detail::RowOf(marks, row.student_id, record->weeks);
        row.result = Evaluate(row.marks, record->policy);
    }
    std::stable_sort(sheet.rows.begin(), sheet.rows.end(), [](const SheetRow& a, const SheetRow& b) {
        return std::tie(b.in_group, a.name) < std::tie(a.in_group, b.name);
    });
    return sheet;
}

core::Result<History> HistoryOf(const auth::Principal& actor, db::Database& database,
                                std::int64_t journal_id) {
    auto record = detail::VisibleJournal(actor, database, journal_id);
    if (!record) return record.error();
    const auto path = ScopePathOf(record->faculty_id, record->programme_id);
    if (!auth::Allows(actor, kManageJournal, path) &&
        !(auth::Allows(actor, kEnterMarks, path) && detail::TeachesJournal(actor, database, *record))) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "journal history");
    }
    History out;
    out.journal = detail::Describe(database, *record);
    const auto changes = database.Read([&](db::Session& s) { return Store(s).Changes(journal_id); });
    std::map<std::int64_t, std::string> names;
    const auto system = auth::SystemPrincipal();
    for (const MarkChangeRecord& c : changes) {
        auto name = names.find(c.student_id);
        if (name == names.end()) {
            auto student = people::FindStudent(system, database, people::StudentId{c.student_id});
            name = names.emplace(c.student_id, student ? people::DisplayName(student->name) : std::string())
                       .first;
        }
        out.changes.push_back({c.student_id, name->second, c.cell, c.old_mark, c.new_mark, c.at, c.by,
                               c.by_login, c.after_close, c.reason, c.source, c.source_title});
    }
    return out;
}

core::Status CloseJournal(const auth::Principal& actor, const Change& change, std::int64_t journal_id) {
    auto journal = detail::VisibleJournal(actor, change.db, journal_id);
    if (!journal) return journal.error();
    if (auto ok =
            auth::Require(actor, kManageJournal, ScopePathOf(journal->faculty_id, journal->programme_id));
        !ok) {
        return ok.error();
    }
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).Close(journal_id, actor.user_id, change.now)) {
            return core::MakeError(core::ErrorCode::kConflict, "gradebook.journal_closed", "closed already");
        }
        Audit(session, actor, change, "gradebook.close_journal", journal_id, nlohmann::json::object());
        return core::OkStatus();
    });
}

}  // namespace oqu::gradebook
