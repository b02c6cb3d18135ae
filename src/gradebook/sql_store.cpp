#include <string>

#include "gradebook/store.hpp"
#include "platform/db/database.hpp"

namespace oqu::gradebook {
namespace {

using DbRow = platform::db::Row;
using platform::db::Value;

constexpr const char* kJournalColumns =
    "SELECT id, group_id, discipline_id, period_id, faculty_id, programme_id, weeks, weight_current, "
    "weight_rk1, weight_rk2, weight_exam, min_admission, min_exam, status, closed_at FROM gradebook_journal ";

JournalRecord JournalOf(const DbRow& r) {
    JournalRecord j;
    j.id = r.Int(0);
    j.group_id = r.Int(1);
    j.discipline_id = r.Int(2);
    j.period_id = r.Int(3);
    j.faculty_id = r.Int(4);
    j.programme_id = r.Int(5);
    j.weeks = static_cast<int>(r.Int(6));
    j.policy.weights = {static_cast<int>(r.Int(7)), static_cast<int>(r.Int(8)), static_cast<int>(r.Int(9)),
                        static_cast<int>(r.Int(10))};
    j.policy.min_admission = static_cast<int>(r.Int(11));
    j.policy.min_exam = static_cast<int>(r.Int(12));
    j.closed = r.Text(13) == "closed";
    if (auto at = r.OptInt(14)) j.closed_at = core::FromMicros(*at);
    return j;
}

Value OptMark(std::optional<int> mark) {
    return mark ? Value(std::int64_t{*mark}) : Value(std::monostate{});
}

std::optional<int> MarkOf(const DbRow& r, std::size_t i) {
    if (auto v = r.OptInt(i)) return static_cast<int>(*v);
    return std::nullopt;
}

std::vector<StoredMark> MarksFrom(const platform::db::Rows& rows) {
    std::vector<StoredMark> out;
    out.reserve(rows.size());
    for (const DbRow& r : rows) out.push_back({r.Int(0), r.Text(1), MarkOf(r, 2)});
    return out;
}

}  // namespace

std::optional<std::int64_t> Store::InsertJournal(const JournalRecord& j, std::int64_t by, core::Instant at) {
    const Policy& p = j.policy;
    const auto rows = session_.Query(
        "INSERT INTO gradebook_journal (group_id, discipline_id, period_id, faculty_id, programme_id, weeks, "
        "weight_current, weight_rk1, weight_rk2, weight_exam, min_admission, min_exam, status, opened_at, "
        "opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) "
        "ON CONFLICT (group_id, discipline_id, period_id) DO NOTHING RETURNING id",
        {j.group_id, j.discipline_id, j.period_id, j.faculty_id, j.programme_id, std::int64_t{j.weeks},
         std::int64_t{p.weights.current}, std::int64_t{p.weights.rk1}, std::int64_t{p.weights.rk2},
         std::int64_t{p.weights.exam}, std::int64_t{p.min_admission}, std::int64_t{p.min_exam},
         core::ToMicros(at), by});
    if (rows.empty()) return std::nullopt;
    return rows[0].Int(0);
}

std::optional<JournalRecord> Store::FindJournal(std::int64_t id) {
    const auto rows = session_.Query(std::string(kJournalColumns) + "WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return JournalOf(rows[0]);
}

std::optional<JournalRecord> Store::LockJournal(std::int64_t id) {
    // SQLite's write transaction is exclusive already; PostgreSQL needs the row lock so that a
    // mark cannot slip in while the dean's office closes the journal.
    const std::string lock = session_.dialect() == platform::db::Dialect::kPostgres ? " FOR UPDATE" : "";
    const auto rows = session_.Query(std::string(kJournalColumns) + "WHERE id = ?" + lock, {id});
    if (rows.empty()) return std::nullopt;
    return JournalOf(rows[0]);
}

std::vector<JournalRecord> Store::Journals(std::optional<std::int64_t> group_id) {
    std::vector<JournalRecord> out;
    const auto rows =
        group_id
            ? session_.Query(std::string(kJournalColumns) + "WHERE group_id = ? ORDER BY id", {*group_id})
            : session_.Query(std::string(kJournalColumns) + "ORDER BY id");
    for (const DbRow& r : rows) out.push_back(JournalOf(r));
    return out;
}

std::vector<JournalRecord> Store::JournalsOfStudent(std::int64_t student_id,
                                                    std::optional<std::int64_t> group_id) {
    std::vector<JournalRecord> out;
    for (const DbRow& r : session_.Query(
             std::string(kJournalColumns) +
                 "WHERE group_id = ? OR id IN (SELECT journal_id FROM gradebook_mark WHERE student_id = ? "
                 "AND mark IS NOT NULL) ORDER BY id",
             {group_id ? Value(*group_id) : Value(std::monostate{}), student_id})) {
        out.push_back(JournalOf(r));
    }
    return out;
}

void Store::SetWeights(std::int64_t id, const Weights& w) {
    session_.Exec(
        "UPDATE gradebook_journal SET weight_current = ?, weight_rk1 = ?, weight_rk2 = ?, weight_exam = ? "
        "WHERE id = ?",
        {std::int64_t{w.current}, std::int64_t{w.rk1}, std::int64_t{w.rk2}, std::int64_t{w.exam}, id});
}

bool Store::Close(std::int64_t id, std::int64_t by, core::Instant at) {
    return session_.Exec(
               "UPDATE gradebook_journal SET status = 'closed', closed_at = ?, closed_by = ? "
               "WHERE id = ? AND status = 'open'",
               {core::ToMicros(at), by, id}) == 1;
}

std::vector<StoredMark> Store::Marks(std::int64_t journal_id) {
    return MarksFrom(session_.Query("SELECT student_id, cell, mark FROM gradebook_mark WHERE journal_id = ?",
                                    {journal_id}));
}

std::vector<StoredMark> Store::MarksOf(std::int64_t journal_id, std::int64_t student_id) {
    return MarksFrom(session_.Query(
        "SELECT student_id, cell, mark FROM gradebook_mark WHERE journal_id = ? AND student_id = ?",
        {journal_id, student_id}));
}

std::optional<std::int64_t> Store::JournalIdFor(std::int64_t group_id, std::int64_t discipline_id,
                                                std::int64_t period_id) {
    const auto rows = session_.Query(
        "SELECT id FROM gradebook_journal WHERE group_id = ? AND discipline_id = ? AND period_id = ?",
        {group_id, discipline_id, period_id});
    if (rows.empty()) return std::nullopt;
    return rows[0].Int(0);
}

std::optional<CellMark> Store::CellOf(std::int64_t journal_id, std::int64_t student_id,
                                      const std::string& cell) {
    const auto rows = session_.Query(
        "SELECT mark, source FROM gradebook_mark WHERE journal_id = ? AND student_id = ? AND cell = ?",
        {journal_id, student_id, cell});
    if (rows.empty()) return std::nullopt;
    return CellMark{MarkOf(rows[0], 0), rows[0].Text(1)};
}

void Store::PutMark(std::int64_t journal_id, std::int64_t student_id, const std::string& cell,
                    std::optional<int> mark, std::int64_t by, core::Instant at, const std::string& source) {
    session_.Exec(
        "INSERT INTO gradebook_mark (journal_id, student_id, cell, mark, updated_at, updated_by, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (journal_id, student_id, cell) DO UPDATE SET "
        "mark = excluded.mark, updated_at = excluded.updated_at, updated_by = excluded.updated_by, "
        "source = excluded.source",
        {journal_id, student_id, cell, OptMark(mark), core::ToMicros(at), by, source});
}

void Store::InsertChange(const MarkChangeRecord& c) {
    session_.Exec(
        "INSERT INTO gradebook_mark_change (journal_id, student_id, cell, old_mark, new_mark, changed_at, "
        "changed_by, after_close, reason, changed_by_login, source, source_title) VALUES (?, ?, ?, ?, ?, ?, "
        "?, "
        "?, ?, ?, ?, ?)",
        {c.journal_id, c.student_id, c.cell, OptMark(c.old_mark), OptMark(c.new_mark), core::ToMicros(c.at),
         c.by, std::int64_t{c.after_close ? 1 : 0}, c.reason, c.by_login, c.source, c.source_title});
}

std::vector<MarkChangeRecord> Store::Changes(std::int64_t journal_id) {
    std::vector<MarkChangeRecord> out;
    for (const DbRow& r : session_.Query(
             "SELECT student_id, cell, old_mark, new_mark, changed_at, changed_by, after_close, reason, "
             "changed_by_login, source, source_title FROM gradebook_mark_change WHERE journal_id = ? ORDER "
             "BY id DESC",
             {journal_id})) {
        MarkChangeRecord c;
        c.journal_id = journal_id;
        c.student_id = r.Int(0);
        c.cell = r.Text(1);
        c.old_mark = MarkOf(r, 2);
        c.new_mark = MarkOf(r, 3);
        c.at = core::FromMicros(r.Int(4));
        c.by = r.Int(5);
        c.after_close = r.Int(6) != 0;
        c.reason = r.Text(7);
        c.by_login = r.Text(8);
        c.source = r.Text(9);
        c.source_title = r.Text(10);
        out.push_back(std::move(c));
    }
    return out;
}

bool Store::Installed() {
    // schema_migrations is the migration runner's record (platform/db), read-only here.
    return session_.Query("SELECT COUNT(*) FROM schema_migrations WHERE module = 'gradebook'")[0].Int(0) > 0;
}

bool Store::SaveSeen(std::int64_t user_id, const std::string& client, std::int64_t seq) {
    return !session_
                .Query("SELECT 1 FROM gradebook_save WHERE user_id = ? AND client = ? AND seq = ?",
                       {user_id, client, seq})
                .empty();
}

bool Store::RecordSave(std::int64_t user_id, const std::string& client, std::int64_t seq,
                       std::int64_t journal_id, core::Instant at) {
    return session_.Exec(
               "INSERT INTO gradebook_save (user_id, client, seq, journal_id, saved_at) VALUES (?, ?, ?, ?, "
               "?) "
               "ON CONFLICT (user_id, client, seq) DO NOTHING",
               {user_id, client, seq, journal_id, core::ToMicros(at)}) == 1;
}

}  // namespace oqu::gradebook
