#pragma once

// An assignment's marks into the e-journal (R-O22), as a quiz's go there: the grade that counts for
// each member (CurrentGrade, not one returned for resubmission), after the late penalty, is written
// to his group's journal of the course's discipline and period through
// gradebook::RecordAssessmentMark in the transaction that graded it. Internal to the module;
// docs/ASSIGNMENTS.md "The journal".
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assignments/api.hpp"
#include "assignments/store.hpp"
#include "gradebook/api.hpp"

namespace oqu::platform::db {
class Session;
}

namespace oqu::assignments::detail {

/// The source key of an assignment's marks in the journal: "assignment:12".
std::string JournalSource(std::int64_t assignment_id);

/// What the journal marks of one assignment need, read before the grading transaction (the people
/// and courses modules read their own tables through a Database, never inside another transaction).
struct JournalLink {
    std::string column;  ///< "current", "rk1", "rk2", "exam".
    core::Instant at{};  ///< The due date: the week of "current".
    std::string source, title;
    std::int64_t discipline_id = 0, period_id = 0;
    std::string period_start;
    std::map<std::int64_t, std::optional<std::int64_t>> groups;  ///< Student -> his study group.
};

/// The link for these students; nullopt when the assignment has no journal column, the gradebook
/// is not installed or the course is gone.
std::optional<JournalLink> PrepareJournal(platform::db::Database& db, const Assignment& assignment,
                                          const std::vector<std::int64_t>& students);

/// The journal mark 0..100 of the grade that counts for the student among `grades` (oldest first),
/// nullopt when none counts (none, or the latest returned for resubmission).
std::optional<int> JournalMark(const Assignment& assignment, const std::vector<GradeRow>& grades,
                               std::int64_t student_id);

/// In the grading transaction: writes the student's counting grade, when he has one and was
/// prepared; adds the outcome to `tally`. Returns what it did, if it did.
std::optional<gradebook::AssessmentRecorded> RecordJournalMark(
    platform::db::Session& session, const JournalLink& link, const Assignment& assignment,
    const std::vector<GradeRow>& grades, std::int64_t student_id, const platform::auth::Principal& actor,
    const Change& change, JournalTally& tally);

}  // namespace oqu::assignments::detail
