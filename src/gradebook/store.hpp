#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gradebook/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::gradebook {

/// A journal row as stored (names of the group, discipline and period are filled by the use cases).
struct JournalRecord {
    std::int64_t id = 0;
    std::int64_t group_id = 0;
    std::int64_t discipline_id = 0;
    std::int64_t period_id = 0;
    std::int64_t faculty_id = 0;
    std::int64_t programme_id = 0;
    int weeks = kDefaultWeeks;
    Policy policy;
    bool closed = false;
    std::optional<core::Instant> closed_at;
};

/// One stored mark.
struct StoredMark {
    std::int64_t student_id = 0;
    std::string cell;
    std::optional<int> mark;
};

/// One change of a mark, for the history table.
struct MarkChangeRecord {
    std::int64_t journal_id = 0;
    std::int64_t student_id = 0;
    std::string cell;
    std::optional<int> old_mark;
    std::optional<int> new_mark;
    core::Instant at{};
    std::int64_t by = 0;
    bool after_close = false;
    std::string reason;
    std::string by_login;      ///< Empty for changes recorded before migration 0002.
    std::string source;        ///< "quiz:12" for a mark from an assessment; empty when typed.
    std::string source_title;  ///< The source's title when the change was made.
};

/// The mark of one cell with who wrote it last.
struct CellMark {
    std::optional<int> mark;
    std::string source;  ///< Empty: typed in the journal (or cleared there).
};

/// The only code that reads and writes the gradebook_ tables (sql_store.cpp).
class Store {
public:
    explicit Store(platform::db::Session& session) : session_(session) {}

    /// Inserts a journal; nullopt when (group, discipline, period) has one already.
    std::optional<std::int64_t> InsertJournal(const JournalRecord& journal, std::int64_t by,
                                              core::Instant at);
    /// A journal by id.
    std::optional<JournalRecord> FindJournal(std::int64_t id);
    /// A journal by id, locking it against a concurrent closing (FOR UPDATE on PostgreSQL).
    std::optional<JournalRecord> LockJournal(std::int64_t id);
    /// Journals, optionally of one group, id order.
    std::vector<JournalRecord> Journals(std::optional<std::int64_t> group_id);
    /// Journals of a group or with marks of a student.
    std::vector<JournalRecord> JournalsOfStudent(std::int64_t student_id,
                                                 std::optional<std::int64_t> group_id);
    /// Sets the weights.
    void SetWeights(std::int64_t id, const Weights& weights);
    /// Closes an open journal; false when it was closed.
    bool Close(std::int64_t id, std::int64_t by, core::Instant at);

    /// Every mark of a journal (cleared ones included, mark nullopt).
    std::vector<StoredMark> Marks(std::int64_t journal_id);
    /// The marks of one student in one journal.
    std::vector<StoredMark> MarksOf(std::int64_t journal_id, std::int64_t student_id);
    /// The open or closed journal of (group, discipline, period), if one was opened.
    std::optional<std::int64_t> JournalIdFor(std::int64_t group_id, std::int64_t discipline_id,
                                             std::int64_t period_id);
    /// One cell of one student; nullopt when it was never written.
    std::optional<CellMark> CellOf(std::int64_t journal_id, std::int64_t student_id, const std::string& cell);
    /// Writes a mark (insert or update); `source` as CellMark (empty: typed by hand).
    void PutMark(std::int64_t journal_id, std::int64_t student_id, const std::string& cell,
                 std::optional<int> mark, std::int64_t by, core::Instant at, const std::string& source = {});
    /// Appends a history row.
    void InsertChange(const MarkChangeRecord& change);
    /// The history of a journal, newest first.
    std::vector<MarkChangeRecord> Changes(std::int64_t journal_id);

    /// Whether the gradebook's migrations are recorded in schema_migrations.
    bool Installed();
    /// Whether (user, client, seq) was recorded.
    bool SaveSeen(std::int64_t user_id, const std::string& client, std::int64_t seq);
    /// Records a grid save; false when (user, client, seq) was recorded before.
    bool RecordSave(std::int64_t user_id, const std::string& client, std::int64_t seq,
                    std::int64_t journal_id, core::Instant at);

private:
    platform::db::Session& session_;
};

}  // namespace oqu::gradebook
