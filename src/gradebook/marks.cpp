#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

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

/// One entry, checked.
struct Checked {
    std::int64_t student_id = 0;
    Cell cell;
    std::string code;
    std::optional<int> mark;
};

bool ValidClient(const std::string& client) {
    if (client.size() < 8 || client.size() > 64) return false;
    return std::all_of(client.begin(), client.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
               c == '_';
    });
}

core::Error At(core::Error error, std::size_t index) {
    error.detail += " (entry " + std::to_string(index) + ")";
    return error;
}

nlohmann::json MarkJson(std::optional<int> mark) {
    return mark ? nlohmann::json(*mark) : nlohmann::json(nullptr);
}

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

core::Result<std::vector<Saved>> EnterMarks(const auth::Principal& actor, const Change& change,
                                            std::int64_t journal_id, const std::vector<MarkEntry>& entries,
                                            const std::optional<SaveKey>& key) {
    auto journal = detail::VisibleJournal(actor, change.db, journal_id);
    if (!journal) return journal.error();
    const auto path = ScopePathOf(journal->faculty_id, journal->programme_id);
    const bool manage = auth::Allows(actor, kManageJournal, path);
    if (!manage) {
        if (auto ok = auth::Require(actor, kEnterMarks, path); !ok) return ok.error();
        if (!detail::TeachesJournal(actor, change.db, *journal)) {
            return core::MakeError(core::ErrorCode::kForbidden, "gradebook.not_journal_teacher",
                                   "not a teacher of the journal's course");
        }
    }
    if (key && (!ValidClient(key->client) || key->seq <= 0)) {
        return Invalid("gradebook.save_key_invalid", "seq");
    }

    // Every entry is checked before anything is written: one bad mark changes nothing.
    std::vector<Checked> checked;
    std::map<std::int64_t, bool> on_roster;
    const auto stored = change.db.Read([&](db::Session& s) { return Store(s).Marks(journal_id); });
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const MarkEntry& e = entries[i];
        const auto cell = ParseCell(e.cell, journal->weeks);
        if (!cell) return At(Invalid("gradebook.cell_invalid", "cell"), i);
        auto mark = ParseMark(e.mark);
        if (!mark) return At(mark.error(), i);
        auto roster = on_roster.find(e.student_id);
        if (roster == on_roster.end()) {
            // On the roster: in the group now, or with marks in this journal from before.
            auto student =
                people::FindStudent(auth::SystemPrincipal(), change.db, people::StudentId{e.student_id});
            const bool member = student && student->group && student->group->value == journal->group_id;
            const bool marked = std::any_of(stored.begin(), stored.end(), [&](const StoredMark& m) {
                return m.student_id == e.student_id;
            });
            roster = on_roster.emplace(e.student_id, student.has_value() && (member || marked)).first;
        }
        if (!roster->second) return At(Invalid("gradebook.student_invalid", "student_id"), i);
        checked.push_back({e.student_id, *cell, CellCode(*cell), *mark});
    }
    std::string reason;
    for (const MarkEntry& e : entries) {
        if (!Trimmed(e.reason).empty()) reason = Trimmed(e.reason).substr(0, 1000);
    }

    return change.db.Transact([&](db::Session& session) -> core::Result<std::vector<Saved>> {
        Store store(session);
        const auto locked = store.LockJournal(journal_id);
        if (!locked) return detail::NotFound("journal gone");
        std::map<std::int64_t, Row> rows;
        for (const Checked& c : checked) {
            if (!rows.contains(c.student_id)) {
                rows[c.student_id] =
                    detail::RowOf(store.MarksOf(journal_id, c.student_id), c.student_id, locked->weeks);
            }
        }
        const auto answer = [&](bool duplicate, const std::vector<bool>& changed) {
            std::vector<Saved> out;
            for (std::size_t i = 0; i < checked.size(); ++i) {
                const Row& row = rows[checked[i].student_id];
                out.push_back({!changed.empty() && changed[i], duplicate, row.Get(checked[i].cell),
                               Evaluate(row, locked->policy)});
            }
            return out;
        };
        // A retried save: answer the cells as they stand, apply nothing.
        if (key && store.SaveSeen(actor.user_id, key->client, key->seq)) return answer(true, {});
        if (locked->closed) {
            if (!manage) {
                return core::MakeError(core::ErrorCode::kForbidden, "gradebook.journal_closed",
                                       "the journal is closed");
            }
            if (reason.empty()) return Invalid("gradebook.reason_required", "reason");
        }
        // Apply in order on the rows in memory, checking the re-exam rule on the row as it will be.
        std::vector<bool> changed(checked.size(), false);
        std::vector<std::optional<int>> before(checked.size());
        for (std::size_t i = 0; i < checked.size(); ++i) {
            const Checked& c = checked[i];
            Row& row = rows[c.student_id];
            before[i] = row.Get(c.cell);
            if (before[i] == c.mark) continue;
            if (c.cell.part == Part::kReExam && c.mark) {
                Row next = row;
                next.Set(c.cell, c.mark);
                if (auto ok = CheckReExamAllowed(next, locked->policy); !ok) return At(ok.error(), i);
            }
            row.Set(c.cell, c.mark);
            changed[i] = true;
        }
        if (key) store.RecordSave(actor.user_id, key->client, key->seq, journal_id, change.now);
        for (std::size_t i = 0; i < checked.size(); ++i) {
            if (!changed[i]) continue;
            const Checked& c = checked[i];
            store.PutMark(journal_id, c.student_id, c.code, c.mark, actor.user_id, change.now);
            store.InsertChange({journal_id,
                                c.student_id,
                                c.code,
                                before[i],
                                c.mark,
                                change.now,
                                actor.user_id,
                                locked->closed,
                                locked->closed ? reason : std::string(),
                                actor.login,
                                {},
                                {}});
            if (locked->closed) {
                // A mark changed after the closing is an administrative act of the dean's office.
                platform::audit::AuditEntry entry;
                entry.at = change.now;
                entry.actor_user_id = actor.user_id;
                entry.actor_login = actor.login;
                entry.action = "gradebook.change_closed_mark";
                entry.object_type = "journal";
                entry.object_id = std::to_string(journal_id);
                entry.detail_json = nlohmann::json{
                    {"student_id", c.student_id},
                    {"cell", c.code},
                    {"before", MarkJson(before[i])},
                    {"after", MarkJson(c.mark)},
                    {"reason", reason}}.dump();
                entry.address = change.address;
                platform::audit::RecordAct(session, entry);  // Also the footprint event (R-D6).
            } else {
                // R-D6, R-O19: every mark change is part of the digital footprint.
                platform::audit::RecordFootprint(
                    session,
                    {change.now, actor.user_id, "gradebook.enter_mark", "journal", std::to_string(journal_id),
                     nlohmann::json{{"student_id", c.student_id}, {"cell", c.code}}.dump(), change.address});
            }
        }
        return answer(false, changed);
    });
}

int PercentMark(double points, double max_points) {
    if (!(max_points > 0) || !std::isfinite(points)) return 0;
    // Half up on the percentage; the tiny epsilon keeps 84.5 from landing at 84.49999... .
    const double percent = std::floor(points / max_points * 100.0 + 0.5 + 1e-9);
    return static_cast<int>(std::clamp(percent, 0.0, 100.0));
}

bool IsAssessmentColumn(std::string_view column) {
    return column == "current" || column == "rk1" || column == "rk2" || column == "exam";
}

std::string AssessmentCell(std::string_view column, core::Instant at, std::string_view period_start,
                           int weeks) {
    if (!IsAssessmentColumn(column)) return {};
    if (column != "current") return std::string(column);
    if (weeks < 1) return {};
    const auto start = core::ParseIsoDay(period_start);
    if (!start) return {};
    const auto days = (core::KazakhstanDay(at) - *start).count();
    const auto week = days < 0 ? 1 : days / 7 + 1;
    return CellCode(Cell{Part::kWeek, static_cast<int>(std::clamp<std::int64_t>(week, 1, weeks))});
}

AssessmentRecorded RecordAssessmentMark(db::Session& session, const auth::Principal& actor, core::Instant now,
                                        std::string_view address, const AssessmentMark& mark) {
    AssessmentRecorded out;
    Store store(session);
    const auto id = store.JournalIdFor(mark.group_id, mark.discipline_id, mark.period_id);
    if (!id) return out;
    // The row lock keeps a concurrent closing or typed mark from interleaving with this write.
    const auto journal = store.LockJournal(*id);
    if (!journal) return out;
    out.journal_id = journal->id;
    out.cell = AssessmentCell(mark.column, mark.at, mark.period_start, journal->weeks);
    if (out.cell.empty()) return out;
    if (journal->closed) {
        out.outcome = AssessmentOutcome::kClosed;
        return out;
    }
    const int value = std::clamp(mark.mark, 0, 100);
    const auto cell = store.CellOf(journal->id, mark.student_id, out.cell);
    if (cell && cell->mark && cell->source != mark.source) {
        out.outcome = AssessmentOutcome::kHandEntered;
        return out;
    }
    if (cell && cell->mark == value) {
        out.outcome = AssessmentOutcome::kUnchanged;
        return out;
    }
    const std::optional<int> before = cell ? cell->mark : std::nullopt;
    const std::string login = actor.system ? "system" : actor.login;
    store.PutMark(journal->id, mark.student_id, out.cell, value, actor.user_id, now, mark.source);
    store.InsertChange({journal->id,
                        mark.student_id,
                        out.cell,
                        before,
                        value,
                        now,
                        actor.user_id,
                        false,
                        {},
                        login,
                        mark.source,
                        mark.source_title});
    // R-D6, R-O19: a mark from an assessment is part of the digital footprint as a typed one is.
    platform::audit::RecordFootprint(
        session,
        {now, actor.user_id, "gradebook.assessment_mark", "journal", std::to_string(journal->id),
         nlohmann::json{
             {"student_id", mark.student_id}, {"cell", out.cell}, {"mark", value}, {"source", mark.source}}
             .dump(),
         std::string(address)});
    out.outcome = AssessmentOutcome::kWritten;
    return out;
}

void AssessmentTally::Add(AssessmentOutcome outcome) {
    switch (outcome) {
        case AssessmentOutcome::kWritten:
            ++written;
            break;
        case AssessmentOutcome::kUnchanged:
            ++unchanged;
            break;
        case AssessmentOutcome::kClosed:
            ++closed;
            break;
        case AssessmentOutcome::kHandEntered:
            ++hand;
            break;
        case AssessmentOutcome::kNoJournal:
            ++no_journal;
            break;
    }
}

}  // namespace oqu::gradebook
