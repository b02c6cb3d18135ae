#include "assessment/journal_sync.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "assessment/attempt_service.hpp"
#include "assessment/bank_store.hpp"
#include "courses/api.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace oqu::assessment {

namespace {

using platform::db::Row;
using platform::db::Session;

std::string SourceOf(std::int64_t quiz_id) {
    return "quiz:" + std::to_string(quiz_id);
}

}  // namespace

std::optional<int> BestMark(Session& session, std::int64_t quiz_id, std::int64_t student_id) {
    std::optional<int> best;
    for (const Row& r : session.Query(
             "SELECT mark, max_mark FROM assessment_attempt WHERE quiz_id = ? AND student_id = ? AND state = "
             "'graded' AND mark IS NOT NULL",
             {quiz_id, student_id})) {
        const int mark = gradebook::PercentMark(r.Real(0), r.Real(1));
        if (!best || mark > *best) best = mark;
    }
    return best;
}

JournalSync::JournalSync(platform::db::Database& db, platform::auth::Principal actor, std::string address)
    : db_(db), actor_(std::move(actor)), address_(std::move(address)) {}

void JournalSync::Prepare(std::int64_t quiz_id, const std::vector<std::int64_t>& students) {
    auto found = links_.find(quiz_id);
    if (found == links_.end()) {
        std::optional<Link> link;
        const auto quiz = db_.Read([&](Session& s) { return FindQuiz(s, quiz_id); });
        if (quiz && quiz->grade_column && gradebook::SchemaInstalled(db_)) {
            auto course = courses::FindCourse(platform::auth::SystemPrincipal(), db_, quiz->course_id);
            if (course) {
                link = Link{*quiz->grade_column, quiz->closes_at,      quiz->title, course->discipline_id,
                            course->period_id,   course->period_start, {}};
            }
        }
        found = links_.emplace(quiz_id, std::move(link)).first;
    }
    if (!found->second) return;
    auto& groups = found->second->groups;
    for (const std::int64_t student : students) {
        if (groups.contains(student)) continue;
        auto s = people::FindStudent(platform::auth::SystemPrincipal(), db_, people::StudentId{student});
        groups[student] = s && s->group ? std::optional<std::int64_t>(s->group->value) : std::nullopt;
    }
}

std::optional<gradebook::AssessmentRecorded> JournalSync::Graded(Session& session, std::int64_t quiz_id,
                                                                 std::int64_t student_id, core::Instant now) {
    const auto found = links_.find(quiz_id);
    if (found == links_.end() || (found->second && !found->second->groups.contains(student_id))) {
        pending_.emplace_back(quiz_id, student_id);
        return std::nullopt;
    }
    if (!found->second) return std::nullopt;  // No journal column, or no gradebook.
    const Link& link = *found->second;
    const auto mark = BestMark(session, quiz_id, student_id);
    if (!mark) return std::nullopt;
    const auto group = link.groups.at(student_id);
    gradebook::AssessmentRecorded out;
    if (group) {
        out = gradebook::RecordAssessmentMark(
            session, actor_, now, address_,
            {student_id, *group, link.discipline_id, link.period_id, link.period_start, link.column, link.at,
             *mark, SourceOf(quiz_id), link.title});
    }
    tally_.Add(out.outcome);
    return out;
}

void JournalSync::Flush(core::Instant now) {
    auto pending = std::exchange(pending_, {});
    std::sort(pending.begin(), pending.end());
    pending.erase(std::unique(pending.begin(), pending.end()), pending.end());
    for (const auto& [quiz, student] : pending) Prepare(quiz, {student});
    for (const auto& [quiz, student] : pending) {
        const std::int64_t q = quiz;
        const std::int64_t st = student;
        db_.Transact([&](Session& session) { Graded(session, q, st, now); });
    }
}

core::Result<SentMarks> SendMarksToJournal(const platform::auth::Principal& actor, platform::db::Database& db,
                                           std::int64_t quiz_id, core::Instant now,
                                           std::string_view address) {
    const auto quiz = db.Read([&](Session& s) { return FindQuiz(s, quiz_id); });
    if (!quiz) return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such quiz");
    auto can = CanGrade(actor, db, quiz->course_id);
    if (!can) return can.error();
    if (!*can) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course");
    }
    if (!quiz->grade_column) {
        return core::MakeError(core::ErrorCode::kConflict, "assessment.journal.no_column",
                               "the quiz has no journal column");
    }
    std::vector<std::int64_t> students;
    db.Read([&](Session& s) {
        for (const Row& r : s.Query(
                 "SELECT DISTINCT student_id FROM assessment_attempt WHERE quiz_id = ? AND state = 'graded' "
                 "ORDER BY student_id",
                 {quiz_id})) {
            students.push_back(r.Int(0));
        }
    });
    JournalSync sync(db, actor, std::string(address));
    sync.Prepare(quiz_id, students);
    return db.Transact([&](Session& session) -> core::Result<SentMarks> {
        SentMarks out;
        for (const std::int64_t student : students) {
            // Counted here, not from sync.tally(): a retried transaction runs this loop again.
            if (auto done = sync.Graded(session, quiz_id, student, now)) {
                ++out.students;
                out.tally.Add(done->outcome);
            }
        }
        platform::audit::RecordAct(session,
                                   {.at = now,
                                    .actor_user_id = actor.user_id,
                                    .actor_login = actor.system ? "system" : actor.login,
                                    .action = "assessment.send_marks",
                                    .object_type = "quiz",
                                    .object_id = std::to_string(quiz_id),
                                    .detail_json = nlohmann::json{{"students", out.students},
                                                                  {"written", out.tally.written},
                                                                  {"unchanged", out.tally.unchanged},
                                                                  {"closed", out.tally.closed},
                                                                  {"hand_entered", out.tally.hand},
                                                                  {"no_journal", out.tally.no_journal}}
                                                       .dump(),
                                    .address = std::string(address)});
        return out;
    });
}

}  // namespace oqu::assessment
