#include "assignments/journal.hpp"

#include "courses/api.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::assignments::detail {

namespace auth = platform::auth;

std::string JournalSource(std::int64_t assignment_id) {
    return "assignment:" + std::to_string(assignment_id);
}

std::optional<JournalLink> PrepareJournal(platform::db::Database& db, const Assignment& assignment,
                                          const std::vector<std::int64_t>& students) {
    if (!assignment.grade_column || !gradebook::SchemaInstalled(db)) return std::nullopt;
    auto course = courses::FindCourse(auth::SystemPrincipal(), db, assignment.course_id);
    if (!course) return std::nullopt;
    JournalLink link{
        *assignment.grade_column, assignment.deadlines.due, JournalSource(assignment.id), assignment.title,
        course->discipline_id,    course->period_id,        course->period_start,         {}};
    for (const std::int64_t student : students) {
        if (link.groups.contains(student)) continue;
        auto s = people::FindStudent(auth::SystemPrincipal(), db, people::StudentId{student});
        link.groups[student] = s && s->group ? std::optional<std::int64_t>(s->group->value) : std::nullopt;
    }
    return link;
}

std::optional<int> JournalMark(const Assignment& assignment, const std::vector<GradeRow>& grades,
                               std::int64_t student_id) {
    Submission probe;
    for (const GradeRow& g : grades) probe.grades.push_back(g.grade);
    const Grade* current = CurrentGrade(probe, student_id);
    // A work returned for resubmission is to be done again: its grade is not the journal's.
    if (current == nullptr || current->returned) return std::nullopt;
    return gradebook::PercentMark(current->mark, assignment.max_mark);
}

std::optional<gradebook::AssessmentRecorded> RecordJournalMark(
    platform::db::Session& session, const JournalLink& link, const Assignment& assignment,
    const std::vector<GradeRow>& grades, std::int64_t student_id, const auth::Principal& actor,
    const Change& change, JournalTally& tally) {
    const auto group = link.groups.find(student_id);
    if (group == link.groups.end()) return std::nullopt;
    const auto mark = JournalMark(assignment, grades, student_id);
    if (!mark) return std::nullopt;
    gradebook::AssessmentRecorded out;
    if (group->second) {
        out = gradebook::RecordAssessmentMark(
            session, actor, change.now, change.address,
            {student_id, *group->second, link.discipline_id, link.period_id, link.period_start, link.column,
             link.at, *mark, link.source, link.title});
    }
    tally.Add(out.outcome);
    return out;
}

}  // namespace oqu::assignments::detail
