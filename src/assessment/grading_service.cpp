#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "assessment/attempt_service.hpp"
#include "assessment/journal_sync.hpp"
#include "courses/api.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"

namespace oqu::assessment {

namespace {

using platform::db::Row;
using platform::db::Session;

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

std::string StudentName(platform::db::Database& db, std::int64_t student_id) {
    auto s = people::FindStudent(platform::auth::SystemPrincipal(), db, people::StudentId{student_id});
    if (!s) return "#" + std::to_string(student_id);
    std::string name = s->name.surname + " " + s->name.given_name;
    if (!s->name.patronymic.empty()) name += " " + s->name.patronymic;
    return name;
}

void Audit(Session& session, const platform::auth::Principal& actor, core::Instant now,
           std::string_view action, std::string_view type, std::int64_t id, const nlohmann::json& detail,
           std::string_view address) {
    platform::audit::RecordAct(session, {.at = now,
                                         .actor_user_id = actor.user_id,
                                         .actor_login = actor.system ? "system" : actor.login,
                                         .action = std::string(action),
                                         .object_type = std::string(type),
                                         .object_id = std::to_string(id),
                                         .detail_json = detail.dump(),
                                         .address = std::string(address)});
}

// The quiz and whether the actor grades it (a teacher) or only views (the dean's office).
core::Result<std::pair<QuizRow, bool>> QuizForStaff(const platform::auth::Principal& actor,
                                                    platform::db::Database& db, std::int64_t quiz_id) {
    auto quiz = db.Read([&](Session& s) { return FindQuiz(s, quiz_id); });
    if (!quiz) return NotFound("no such quiz");
    auto can = CanGrade(actor, db, quiz->course_id);
    if (!can) return can.error();
    return std::make_pair(std::move(*quiz), *can);
}

std::string ShortText(const Question& q) {
    if (!q.name.empty()) return q.name;
    // The first 60 bytes of the text, cut at a character boundary.
    std::string text = q.text.substr(0, 60);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80) != 0) text.pop_back();
    return text.size() < q.text.size() ? text + "…" : text;
}

}  // namespace

core::Result<Grading> GradingOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                std::int64_t quiz_id, core::Instant now) {
    auto staff = QuizForStaff(actor, db, quiz_id);
    if (!staff) return staff.error();
    Grading out;
    out.quiz = staff->first;
    out.can_grade = staff->second;
    // Expired attempts are closed first, so the list shows every attempt that is over; their
    // journal marks follow (Flush).
    JournalSync sync(db, platform::auth::SystemPrincipal(), "");
    auto attempts = db.Transact([&](Session& session) {
        std::vector<Attempt> list;
        for (const Row& r :
             session.Query("SELECT id FROM assessment_attempt WHERE quiz_id = ? ORDER BY student_id, number",
                           {quiz_id})) {
            auto a = detail::LoadAttempt(session, r.Int(0), true);
            if (!a) continue;
            detail::CloseExpired(session, *a, now, &sync);
            list.push_back(std::move(*a));
        }
        return list;
    });
    sync.Flush(now);
    for (auto& a : attempts) {
        if (a.state == "in_progress") {
            ++out.in_progress;
            continue;
        }
        GradingRow row;
        row.essays_waiting = static_cast<int>(std::count_if(
            a.slots.begin(), a.slots.end(), [](const AttemptSlot& s) { return s.awaiting_grade(); }));
        row.student_name = StudentName(db, a.student_id);
        row.attempt = std::move(a);
        out.rows.push_back(std::move(row));
    }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const GradingRow& x, const GradingRow& y) {
        return x.student_name < y.student_name;
    });
    return out;
}

core::Status GradeEssay(const platform::auth::Principal& actor, platform::db::Database& db,
                        std::int64_t attempt_id, int slot, double points, std::string_view comment,
                        core::Instant now, std::string_view address) {
    auto head = db.Read([&](Session& s) { return detail::LoadAttempt(s, attempt_id, false); });
    if (!head) return NotFound("no such attempt");
    auto can = CanGrade(actor, db, head->course_id);
    if (!can) return can.error();
    if (!*can) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course");
    }
    JournalSync sync(db, actor, std::string(address));
    sync.Prepare(head->quiz_id, {head->student_id});
    return db.Transact([&](Session& session) -> core::Status {
        auto a = detail::LoadAttempt(session, attempt_id, true);
        if (!a) return NotFound("no such attempt");
        if (a->state == "in_progress") {
            return core::MakeError(core::ErrorCode::kConflict, "assessment.grading.not_submitted",
                                   "in progress");
        }
        if (slot < 1 || slot > static_cast<int>(a->slots.size())) return NotFound("no such slot");
        auto& s = a->slots[static_cast<std::size_t>(slot - 1)];
        if (s.question.type != QuestionType::kEssay) return NotFound("not an essay");
        if (!std::isfinite(points) || points < 0 || points > s.mark + 1e-9) {
            core::Error e = core::MakeError(core::ErrorCode::kInvalidInput, "assessment.grading.mark_range",
                                            "points out of range");
            char max[32];
            std::snprintf(max, sizeof max, "%g", s.mark);
            e.args.emplace_back("max", max);
            return e;
        }
        const std::optional<double> before = s.share;
        s.share = s.mark > 0 ? points / s.mark : 0.0;
        s.comment = std::string(comment);
        session.Exec(
            "UPDATE assessment_attempt_slot SET share = ?, comment = ?, graded_by = ?, graded_at = ? WHERE "
            "attempt_id = ? AND slot = ?",
            {*s.share, s.comment, actor.user_id, core::ToMicros(now), attempt_id,
             static_cast<std::int64_t>(slot)});
        detail::StoreMark(session, *a, now);
        // The best graded attempt to the journal, in this transaction (R-O22).
        if (a->state == "graded") sync.Graded(session, a->quiz_id, a->student_id, now);
        Audit(session, actor, now, "assessment.grade_essay", "attempt", attempt_id,
              {{"slot", slot},
               {"points", points},
               {"before", before ? nlohmann::json(*before * s.mark) : nlohmann::json(nullptr)},
               {"mark", a->mark.value_or(0.0)},
               {"state", a->state}},
              address);
        return core::Ok{};
    });
}

core::Result<Regraded> RegradeQuiz(const platform::auth::Principal& actor, platform::db::Database& db,
                                   std::int64_t quiz_id, core::Instant now, std::string_view address) {
    auto staff = QuizForStaff(actor, db, quiz_id);
    if (!staff) return staff.error();
    if (!staff->second) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course");
    }
    const QuizRow quiz = staff->first;
    std::vector<std::int64_t> students;
    db.Read([&](Session& s) {
        for (const Row& r :
             s.Query("SELECT DISTINCT student_id FROM assessment_attempt WHERE quiz_id = ? AND "
                     "state <> 'in_progress' ORDER BY student_id",
                     {quiz_id})) {
            students.push_back(r.Int(0));
        }
    });
    JournalSync sync(db, actor, std::string(address));
    sync.Prepare(quiz_id, students);
    return db.Transact([&](Session& session) -> core::Result<Regraded> {
        Regraded out;
        std::vector<std::int64_t> graded;
        std::map<std::int64_t, std::optional<StoredQuestion>> current;
        for (const Row& r : session.Query(
                 "SELECT id FROM assessment_attempt WHERE quiz_id = ? AND state <> 'in_progress' ORDER BY id",
                 {quiz_id})) {
            auto a = detail::LoadAttempt(session, r.Int(0), true);
            if (!a) continue;
            ++out.attempts;
            const std::optional<double> before = a->mark;
            for (auto& s : a->slots) {
                auto [it, fresh] = current.try_emplace(s.question_id);
                if (fresh) {
                    const std::int64_t ids[] = {s.question_id};
                    auto found = LoadQuestions(session, quiz.course_id, ids);
                    if (!found.empty()) it->second = std::move(found.front());
                }
                const auto& bank = it->second;
                // The key comes from the bank's newer version; the type and the answers' count must
                // still fit the stored responses (answer ids are answer indexes).
                if (bank && bank->version > s.question_version && bank->question.type == s.question.type &&
                    bank->question.answers.size() == s.question.answers.size()) {
                    s.question = bank->question;
                    s.question_version = bank->version;
                    session.Exec(
                        "UPDATE assessment_attempt_slot SET body = ?, question_version = ? WHERE attempt_id "
                        "= ? AND "
                        "slot = ?",
                        {QuestionJson(s.question), static_cast<std::int64_t>(s.question_version), a->id,
                         static_cast<std::int64_t>(s.slot)});
                    ++out.slots_updated;
                }
                if (s.question.type == QuestionType::kEssay) continue;  // The teacher's mark stays.
                s.share = detail::ScoreSlot(s);
                session.Exec("UPDATE assessment_attempt_slot SET share = ? WHERE attempt_id = ? AND slot = ?",
                             {s.share ? platform::db::Value{*s.share} : platform::db::Value{}, a->id,
                              static_cast<std::int64_t>(s.slot)});
            }
            detail::StoreMark(session, *a, now);
            if (a->state == "graded") graded.push_back(a->student_id);
            if (!before || !a->mark || std::fabs(*before - *a->mark) > 1e-9) ++out.marks_changed;
        }
        // The regraded marks to the journal, in this transaction (R-O22).
        std::sort(graded.begin(), graded.end());
        graded.erase(std::unique(graded.begin(), graded.end()), graded.end());
        for (const std::int64_t student : graded) sync.Graded(session, quiz_id, student, now);
        Audit(session, actor, now, "assessment.regrade", "quiz", quiz_id,
              {{"attempts", out.attempts},
               {"slots_updated", out.slots_updated},
               {"marks_changed", out.marks_changed}},
              address);
        return out;
    });
}

std::vector<ItemRow> ItemStatisticsOf(
    const std::vector<std::vector<std::pair<std::int64_t, double>>>& scores) {
    // Per question, the pairs (its share, the rest of the attempt) over the attempts that had it;
    // AnalyseItems on these two columns gives the facility of the first and the correlation of the
    // two, i.e. the corrected item-total correlation even when attempts drew different questions.
    std::vector<std::int64_t> order;
    std::map<std::int64_t, std::vector<std::vector<double>>> columns;
    for (const auto& attempt : scores) {
        double total = 0.0;
        for (const auto& [question, share] : attempt) total += share;
        for (const auto& [question, share] : attempt) {
            auto [it, fresh] = columns.try_emplace(question);
            if (fresh) order.push_back(question);
            it->second.push_back({share, total - share});
        }
    }
    std::vector<ItemRow> out;
    for (std::int64_t question : order) {
        const auto& rows = columns[question];
        const auto stats = AnalyseItems(rows);
        ItemRow item;
        item.question_id = question;
        item.responses = static_cast<int>(rows.size());
        item.facility = stats.at(0).difficulty;
        item.discrimination = stats.at(0).discrimination;
        out.push_back(std::move(item));
    }
    return out;
}

core::Result<ItemAnalysis> AnalyseQuiz(const platform::auth::Principal& actor, platform::db::Database& db,
                                       std::int64_t quiz_id) {
    auto staff = QuizForStaff(actor, db, quiz_id);
    if (!staff) return staff.error();
    ItemAnalysis out;
    out.quiz = staff->first;
    std::map<std::int64_t, std::pair<std::string, std::string>> names;
    std::vector<std::vector<std::pair<std::int64_t, double>>> scores;
    db.Read([&](Session& session) {
        std::vector<std::pair<std::int64_t, std::int64_t>> ids;
        for (const Row& r : session.Query("SELECT s.attempt_id, s.question_id, s.share, s.type, s.name, "
                                          "s.body FROM assessment_attempt_slot s "
                                          "JOIN assessment_attempt a ON a.id = s.attempt_id WHERE a.quiz_id "
                                          "= ? AND a.state = 'graded' "
                                          "ORDER BY s.attempt_id, s.slot",
                                          {quiz_id})) {
            const std::int64_t attempt = r.Int(0);
            if (scores.empty() || ids.empty() || ids.back().first != attempt) {
                scores.emplace_back();
                ids.emplace_back(attempt, 0);
            }
            scores.back().emplace_back(r.Int(1), r.IsNull(2) ? 0.0 : r.Real(2));
            if (!names.contains(r.Int(1))) {
                auto q = ParseQuestionJson(r.Text(5));
                Question question = q ? *q : Question{};
                question.name = r.Text(4);
                names[r.Int(1)] = {ShortText(question), r.Text(3)};
            }
        }
    });
    out.attempts = static_cast<int>(scores.size());
    out.items = ItemStatisticsOf(scores);
    for (auto& item : out.items) {
        item.name = names[item.question_id].first;
        item.type = names[item.question_id].second;
    }
    return out;
}

}  // namespace oqu::assessment
