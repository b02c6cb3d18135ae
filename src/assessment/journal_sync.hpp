#pragma once

// A quiz's final mark into the e-journal (R-O22): whenever an attempt becomes graded, the
// student's best graded attempt of a quiz with a journal column is written to his group's journal
// of the course's discipline and period through gradebook::RecordAssessmentMark, in the
// transaction that graded it. Internal to the assessment module; docs/QUIZZES.md "The journal".
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "gradebook/api.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform::db {
class Database;
class Session;
}  // namespace oqu::platform::db

namespace oqu::assessment {

/// What one sending did, per student.
using JournalTally = gradebook::AssessmentTally;

/// The link of one quiz to the journals, read before the grading transaction (the people and
/// courses modules read their own tables through a Database, never inside another transaction).
class JournalSync {
public:
    /// `actor` writes the marks: the system for automatic grading, the teacher for his acts.
    JournalSync(platform::db::Database& db, platform::auth::Principal actor, std::string address);

    /// Reads what the quiz's journal marks need: its column, the course's discipline, period and
    /// period start, and the groups of `students`. Nothing when the quiz has no journal column
    /// or the gradebook is not installed. Call before the transaction.
    void Prepare(std::int64_t quiz_id, const std::vector<std::int64_t>& students);

    /// In the grading transaction: writes the student's best graded attempt of the quiz when it
    /// was prepared for him; otherwise remembers him for Flush. Returns what it did, if it did.
    std::optional<gradebook::AssessmentRecorded> Graded(platform::db::Session& session, std::int64_t quiz_id,
                                                        std::int64_t student_id, core::Instant now);

    /// After a transaction that closed attempts lazily (a late save, a page view): prepares and
    /// writes the students remembered, each in a transaction of its own (idempotent).
    void Flush(core::Instant now);

    const JournalTally& tally() const { return tally_; }

private:
    struct Link {
        std::string column;
        core::Instant at{};
        std::string title;
        std::int64_t discipline_id = 0, period_id = 0;
        std::string period_start;
        std::map<std::int64_t, std::optional<std::int64_t>> groups;  ///< Student -> group.
    };

    platform::db::Database& db_;
    platform::auth::Principal actor_;
    std::string address_;
    std::map<std::int64_t, std::optional<Link>> links_;           ///< Quiz -> link (nullopt: no journal).
    std::vector<std::pair<std::int64_t, std::int64_t>> pending_;  ///< (quiz, student) for Flush.
    JournalTally tally_;
};

/// The student's best graded attempt of the quiz as a journal mark 0..100 (PercentMark of its
/// points), if he has a graded attempt.
std::optional<int> BestMark(platform::db::Session& session, std::int64_t quiz_id, std::int64_t student_id);

/// What "send marks to the journal" did.
struct SentMarks {
    int students = 0;  ///< Students with a graded attempt.
    JournalTally tally;
};

/// The teacher's re-sending of every student's best mark of the quiz to the journal (a teacher of
/// the course; the quiz needs a journal column, else kConflict "assessment.journal.no_column").
/// One transaction, audited ("assessment.send_marks" with the counts).
core::Result<SentMarks> SendMarksToJournal(const platform::auth::Principal& actor, platform::db::Database& db,
                                           std::int64_t quiz_id, core::Instant now, std::string_view address);

}  // namespace oqu::assessment
