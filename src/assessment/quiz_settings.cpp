// Quiz authoring and accommodations (issue 5 §3, R-A5, R-A7): the settings of a quiz, its rules
// (fixed questions and random draws per category), and per-student extra time or later closing.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assessment/bank.hpp"
#include "courses/api.hpp"
#include "gradebook/api.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"

namespace oqu::assessment {
namespace {

namespace db = platform::db;
using db::Row;
using db::Session;

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxIntro = 20000;

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

core::Error Invalid(std::string key, std::string field) {
    return core::MakeError(core::ErrorCode::kInvalidInput, std::move(key), std::move(field));
}

std::string Trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    const std::string t = Trim(text);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size() || v <= 0) return std::nullopt;
    return v;
}

std::optional<int> ParseWhole(std::string_view text, int min, int max) {
    const std::string t = Trim(text);
    int v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size() || v < min || v > max) return std::nullopt;
    return v;
}

std::optional<double> ParseMark(std::string_view text) {
    std::string t = Trim(text);
    std::replace(t.begin(), t.end(), ',', '.');
    double v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v) || v <= 0 ||
        v > 1000) {
        return std::nullopt;
    }
    return v;
}

void Record(Session& session, const platform::auth::Principal& actor, const BankChange& change,
            std::string_view action, std::string_view object_type, std::int64_t object_id,
            const nlohmann::json& detail) {
    platform::audit::AuditEntry entry;
    entry.at = change.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login;
    entry.action = std::string(action);
    entry.object_type = std::string(object_type);
    entry.object_id = std::to_string(object_id);
    entry.detail_json = detail.dump();
    entry.address = change.address;
    platform::audit::RecordAct(session, entry);
}

bool Blank(const RuleDraft& r) {
    return Trim(r.question_id).empty() && Trim(r.category_id).empty() && Trim(r.count).empty() &&
           Trim(r.mark).empty();
}

// The parsed settings of a valid draft.
struct Parsed {
    QuizRow quiz;
    std::vector<QuizRule> rules;
};

// The ids of a course's weeks (courses::StructureOf, read before the transaction).
std::set<std::int64_t> WeeksOf(db::Database& database, std::int64_t course_id) {
    std::set<std::int64_t> out;
    auto structure = courses::StructureOf(platform::auth::SystemPrincipal(), database, course_id);
    if (structure) {
        for (const auto& w : structure->weeks) out.insert(w.id);
    }
    return out;
}

std::vector<core::Error> Check(Session& session, std::int64_t course_id, const std::set<std::int64_t>& weeks,
                               const QuizDraft& draft, Parsed& out) {
    std::vector<core::Error> errors;
    QuizRow& q = out.quiz;
    q.course_id = course_id;
    q.title = Trim(draft.title);
    q.intro = draft.intro;
    if (q.title.empty() || q.title.size() > kMaxTitle) {
        errors.push_back(Invalid("assessment.quiz.title_required", "title"));
    }
    if (q.intro.size() > kMaxIntro) errors.push_back(Invalid("assessment.quiz.intro_too_long", "intro"));
    if (!Trim(draft.week_id).empty()) {
        const auto week = ParseId(draft.week_id);
        if (!week || !weeks.contains(*week)) {
            errors.push_back(Invalid("assessment.quiz.week_invalid", "week_id"));
        } else {
            q.week_id = *week;
        }
    }
    const auto opens = ParseLocalMinute(draft.opens_at);
    const auto closes = ParseLocalMinute(draft.closes_at);
    if (!opens) errors.push_back(Invalid("assessment.quiz.opens_invalid", "opens_at"));
    if (!closes) errors.push_back(Invalid("assessment.quiz.closes_invalid", "closes_at"));
    if (opens && closes && *closes <= *opens) {
        errors.push_back(Invalid("assessment.quiz.closes_before_opens", "closes_at"));
    }
    if (opens) q.opens_at = *opens;
    if (closes) q.closes_at = *closes;
    if (!Trim(draft.time_limit_minutes).empty()) {
        const auto limit = ParseWhole(draft.time_limit_minutes, 1, 24 * 60);
        if (!limit) {
            errors.push_back(Invalid("assessment.quiz.time_limit_invalid", "time_limit_minutes"));
        } else {
            q.time_limit_seconds = *limit * 60;
            if (opens && closes && *closes - *opens < std::chrono::minutes(*limit)) {
                errors.push_back(
                    Invalid("assessment.quiz.time_limit_longer_than_window", "time_limit_minutes"));
            }
        }
    }
    const auto attempts = Trim(draft.attempts_allowed).empty() ? std::optional<int>(1)
                                                               : ParseWhole(draft.attempts_allowed, 0, 100);
    if (!attempts) {
        errors.push_back(Invalid("assessment.quiz.attempts_invalid", "attempts_allowed"));
    } else {
        q.attempts_allowed = *attempts;
    }
    q.shuffle_questions = draft.shuffle_questions;
    q.shuffle_answers = draft.shuffle_answers;
    q.one_per_page = draft.one_per_page;
    q.proctored = draft.proctored;
    q.published = draft.published;
    q.review = draft.review.empty() ? "after_close" : draft.review;
    if (q.review != "never" && q.review != "after_submit" && q.review != "after_close") {
        errors.push_back(Invalid("assessment.quiz.review_invalid", "review"));
    }
    if (!draft.grade_column.empty()) {
        if (!gradebook::IsAssessmentColumn(draft.grade_column)) {
            errors.push_back(Invalid("assessment.quiz.grade_column_invalid", "grade_column"));
        } else {
            q.grade_column = draft.grade_column;
        }
    }
    // Rules: a fixed question is drawn once; a category gives `count` of its questions. A question
    // may not be asked twice by fixed rules, and draws may not ask for more than a category has.
    std::set<std::int64_t> fixed;
    int position = 0;
    int row = 0;
    for (const RuleDraft& r : draft.rules) {
        ++row;
        if (Blank(r)) continue;
        QuizRule rule;
        rule.position = ++position;
        core::Error bad;
        const auto mark = ParseMark(r.mark);
        if (!mark) {
            core::Error e = Invalid("assessment.quiz.mark_invalid", "rule " + std::to_string(row));
            e.args.emplace_back("row", std::to_string(row));
            errors.push_back(std::move(e));
        } else {
            rule.mark = *mark;
        }
        const auto fail = [&](const char* key) {
            core::Error e = Invalid(key, "rule " + std::to_string(row));
            e.args.emplace_back("row", std::to_string(row));
            errors.push_back(std::move(e));
        };
        if (r.kind == "fixed") {
            const auto id = ParseId(r.question_id);
            if (!id ||
                session
                    .Query("SELECT 1 FROM assessment_question WHERE id = ? AND course_id = ? AND retired = 0",
                           {*id, course_id})
                    .empty()) {
                fail("assessment.quiz.question_invalid");
                continue;
            }
            if (!fixed.insert(*id).second) {
                fail("assessment.quiz.question_twice");
                continue;
            }
            rule.question_id = *id;
            rule.draw_count = 1;
        } else if (r.kind == "draw") {
            const auto id = ParseId(r.category_id);
            if (!id || session
                           .Query("SELECT 1 FROM assessment_category WHERE id = ? AND course_id = ?",
                                  {*id, course_id})
                           .empty()) {
                fail("assessment.quiz.category_invalid");
                continue;
            }
            const auto count = ParseWhole(r.count, 1, 500);
            if (!count) {
                fail("assessment.quiz.count_invalid");
                continue;
            }
            rule.category_id = *id;
            rule.draw_count = *count;
        } else {
            fail("assessment.quiz.rule_kind_invalid");
            continue;
        }
        out.rules.push_back(rule);
    }
    // Draw counts against the questions available (a category's draws together, fixed ones apart).
    std::map<std::int64_t, int> wanted;
    for (const auto& rule : out.rules) {
        if (rule.category_id) wanted[*rule.category_id] += rule.draw_count;
    }
    for (const auto& [category, count] : wanted) {
        int available = 0;
        for (const Row& r : session.Query(
                 "SELECT id FROM assessment_question WHERE category_id = ? AND retired = 0", {category})) {
            if (!fixed.contains(r.Int(0))) ++available;
        }
        if (count > available) {
            core::Error e = Invalid("assessment.quiz.draw_too_many", "rules");
            auto name = session.Query("SELECT name FROM assessment_category WHERE id = ?", {category});
            e.args.emplace_back("category", name.empty() ? std::string() : name[0].Text(0));
            e.args.emplace_back("count", std::to_string(count));
            e.args.emplace_back("available", std::to_string(available));
            errors.push_back(std::move(e));
        }
    }
    if (out.rules.empty() && q.published) {
        errors.push_back(Invalid("assessment.quiz.rules_required", "rules"));
    }
    q.max_mark = 0;
    for (const auto& rule : out.rules) q.max_mark += rule.mark * rule.draw_count;
    return errors;
}

bool SameRules(const std::vector<QuizRule>& a, const std::vector<QuizRule>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].question_id != b[i].question_id || a[i].category_id != b[i].category_id ||
            a[i].draw_count != b[i].draw_count || std::fabs(a[i].mark - b[i].mark) > 1e-9) {
            return false;
        }
    }
    return true;
}

db::Value Opt(const std::optional<std::int64_t>& v) {
    return v ? db::Value(*v) : db::Value();
}

}  // namespace

std::optional<core::Instant> ParseLocalMinute(std::string_view text) {
    const std::string t = Trim(text);
    // "YYYY-MM-DDTHH:MM" (a space instead of T is accepted too).
    if (t.size() != 16 || (t[10] != 'T' && t[10] != ' ') || t[13] != ':') return std::nullopt;
    const auto day = core::ParseIsoDay(std::string_view(t).substr(0, 10));
    const auto hour = ParseWhole(std::string_view(t).substr(11, 2), 0, 23);
    const auto minute = ParseWhole(std::string_view(t).substr(14, 2), 0, 59);
    if (!day || !hour || !minute || !std::isdigit(static_cast<unsigned char>(t[11])) ||
        !std::isdigit(static_cast<unsigned char>(t[14]))) {
        return std::nullopt;
    }
    const auto local = core::Instant(*day) + std::chrono::hours(*hour) + std::chrono::minutes(*minute);
    return local - core::kKazakhstanOffset;
}

std::string FormatLocalMinute(core::Instant t) {
    const auto local = std::chrono::floor<std::chrono::minutes>(t + core::kKazakhstanOffset);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::hh_mm_ss<std::chrono::minutes> hm(local - day);
    return fmt::format("{}T{:02}:{:02}", core::FormatIsoDay(day), hm.hours().count(), hm.minutes().count());
}

bool AttemptsBegun(Session& session, std::int64_t quiz_id) {
    // assessment_attempt comes with schema 0002 (the attempts part); checked before use.
    const auto exists =
        session.dialect() == db::Dialect::kSqlite
            ? session.Query(
                  "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'assessment_attempt'")
            : session.Query(
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'assessment_attempt' "
                  "AND table_schema = current_schema()");
    if (exists[0].Int(0) == 0) return false;
    return !session.Query("SELECT 1 FROM assessment_attempt WHERE quiz_id = ? LIMIT 1", {quiz_id}).empty();
}

std::vector<core::Error> CheckQuiz(db::Database& database, std::int64_t course_id, const QuizDraft& draft) {
    const auto weeks = WeeksOf(database, course_id);
    return database.Read([&](Session& session) {
        Parsed parsed;
        return Check(session, course_id, weeks, draft, parsed);
    });
}

core::Result<std::int64_t> SaveQuiz(const platform::auth::Principal& actor, const BankChange& change,
                                    std::int64_t course_id, std::optional<std::int64_t> quiz_id,
                                    const QuizDraft& draft) {
    auto rights = RightsOn(actor, change.db, course_id);
    if (!rights) return rights.error();
    if (!rights->edit) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course");
    }
    const auto weeks = WeeksOf(change.db, course_id);
    return change.db.Transact([&](Session& session) -> core::Result<std::int64_t> {
        Parsed parsed;
        auto errors = Check(session, course_id, weeks, draft, parsed);
        if (!errors.empty()) return errors.front();
        const QuizRow& q = parsed.quiz;
        const db::Value limit =
            q.time_limit_seconds ? db::Value(std::int64_t{*q.time_limit_seconds}) : db::Value();
        const db::Value column = q.grade_column ? db::Value(*q.grade_column) : db::Value();
        const auto flag = [](bool b) { return std::int64_t{b ? 1 : 0}; };
        std::int64_t id = 0;
        bool rules_changed = true;
        if (quiz_id) {
            auto old = FindQuiz(session, *quiz_id);
            if (!old || old->course_id != course_id) return NotFound("no such quiz");
            id = *quiz_id;
            rules_changed = !SameRules(QuizRules(session, id), parsed.rules);
            if (rules_changed && AttemptsBegun(session, id)) {
                return core::MakeError(core::ErrorCode::kConflict, "assessment.quiz.rules_locked",
                                       "attempts have begun");
            }
            session.Exec(
                "UPDATE assessment_quiz SET week_id = ?, title = ?, intro = ?, opens_at = ?, closes_at = ?, "
                "time_limit_seconds = ?, attempts_allowed = ?, shuffle_questions = ?, shuffle_answers = ?, "
                "one_per_page = ?, review = ?, proctored = ?, grade_column = ?, max_mark = ?, published = ?, "
                "updated_at = ? WHERE id = ?",
                {Opt(q.week_id), q.title, q.intro, core::ToMicros(q.opens_at), core::ToMicros(q.closes_at),
                 limit, std::int64_t{q.attempts_allowed}, flag(q.shuffle_questions), flag(q.shuffle_answers),
                 flag(q.one_per_page), q.review, flag(q.proctored), column, q.max_mark, flag(q.published),
                 core::ToMicros(change.now), id});
            if (rules_changed) session.Exec("DELETE FROM assessment_quiz_rule WHERE quiz_id = ?", {id});
        } else {
            id =
                session
                    .Query(
                        "INSERT INTO assessment_quiz (course_id, week_id, title, intro, opens_at, closes_at, "
                        "time_limit_seconds, attempts_allowed, shuffle_questions, shuffle_answers, "
                        "one_per_page, "
                        "review, proctored, grade_column, max_mark, published, created_by, created_at, "
                        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "RETURNING id",
                        {course_id, Opt(q.week_id), q.title, q.intro, core::ToMicros(q.opens_at),
                         core::ToMicros(q.closes_at), limit, std::int64_t{q.attempts_allowed},
                         flag(q.shuffle_questions), flag(q.shuffle_answers), flag(q.one_per_page), q.review,
                         flag(q.proctored), column, q.max_mark, flag(q.published), actor.user_id,
                         core::ToMicros(change.now), core::ToMicros(change.now)})[0]
                    .Int(0);
        }
        if (rules_changed) {
            for (const QuizRule& rule : parsed.rules) {
                session.Exec(
                    "INSERT INTO assessment_quiz_rule (quiz_id, position, question_id, category_id, "
                    "draw_count, mark) VALUES (?, ?, ?, ?, ?, ?)",
                    {id, std::int64_t{rule.position}, Opt(rule.question_id), Opt(rule.category_id),
                     std::int64_t{rule.draw_count}, rule.mark});
            }
        }
        Record(session, actor, change, quiz_id ? "assessment.quiz_changed" : "assessment.quiz_created",
               "assessment_quiz", id,
               {{"course_id", course_id}, {"published", q.published}, {"rules", parsed.rules.size()}});
        return id;
    });
}

core::Result<std::vector<QuizRow>> ListQuizzes(const platform::auth::Principal& actor, db::Database& database,
                                               std::int64_t course_id) {
    auto rights = RightsOn(actor, database, course_id);
    if (!rights) return rights.error();
    return database.Read([&](Session& session) {
        std::vector<QuizRow> out;
        for (const Row& r : session.Query(
                 "SELECT id FROM assessment_quiz WHERE course_id = ? ORDER BY opens_at, id", {course_id})) {
            if (auto q = FindQuiz(session, r.Int(0))) out.push_back(std::move(*q));
        }
        return out;
    });
}

core::Result<QuizDetail> FindQuizOf(const platform::auth::Principal& actor, db::Database& database,
                                    std::int64_t course_id, std::int64_t quiz_id) {
    auto rights = RightsOn(actor, database, course_id);
    if (!rights) return rights.error();
    return database.Read([&](Session& session) -> core::Result<QuizDetail> {
        auto quiz = FindQuiz(session, quiz_id);
        if (!quiz || quiz->course_id != course_id) return NotFound("no such quiz");
        QuizDetail d{std::move(*quiz), QuizRules(session, quiz_id), AttemptsBegun(session, quiz_id)};
        return d;
    });
}

// --- accommodations -----------------------------------------------------------------------------

std::vector<CourseStudent> StudentsOfCourse(db::Database& database, std::int64_t course_id) {
    const auto system = platform::auth::SystemPrincipal();
    std::vector<CourseStudent> out;
    auto course = courses::FindCourse(system, database, course_id);
    if (!course) return out;
    std::set<std::int64_t> seen;
    for (const auto& g : course->groups) {
        people::StudentQuery query;
        query.group = people::GroupId{g.group_id};
        query.limit = 500;
        auto page = people::ListStudents(system, database, query);
        if (!page) continue;
        for (const auto& s : page->items) {
            if (!seen.insert(s.id.value).second) continue;
            out.push_back({s.id.value, people::DisplayName(s.name) + " · " + s.group_code});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const CourseStudent& a, const CourseStudent& b) { return a.label < b.label; });
    return out;
}

core::Result<std::vector<AccommodationRow>> ListAccommodations(const platform::auth::Principal& actor,
                                                               db::Database& database,
                                                               std::int64_t course_id) {
    auto rights = RightsOn(actor, database, course_id);
    if (!rights) return rights.error();
    std::map<std::int64_t, std::string> names;
    for (const auto& s : StudentsOfCourse(database, course_id)) names[s.id] = s.label;
    return database.Read([&](Session& session) {
        std::vector<AccommodationRow> out;
        for (const Row& r : session.Query(
                 "SELECT a.id, a.student_id, a.quiz_id, q.title, a.extra_time_percent, a.closes_at, "
                 "a.reason, "
                 "a.set_at FROM assessment_accommodation a LEFT JOIN assessment_quiz q ON q.id = a.quiz_id "
                 "WHERE a.course_id = ? ORDER BY a.student_id, a.id",
                 {course_id})) {
            AccommodationRow a;
            a.id = r.Int(0);
            a.student_id = r.Int(1);
            a.student_name =
                names.contains(a.student_id) ? names[a.student_id] : std::to_string(a.student_id);
            a.quiz_id = r.OptInt(2);
            a.quiz_title = r.OptText(3).value_or("");
            a.extra_time_percent = static_cast<int>(r.Int(4));
            if (auto c = r.OptInt(5)) a.closes_at = core::FromMicros(*c);
            a.reason = r.Text(6);
            a.set_at = core::FromMicros(r.Int(7));
            out.push_back(std::move(a));
        }
        return out;
    });
}

core::Result<std::int64_t> SetAccommodation(const platform::auth::Principal& actor, const BankChange& change,
                                            std::int64_t course_id, const AccommodationDraft& draft) {
    auto rights = RightsOn(actor, change.db, course_id);
    if (!rights) return rights.error();
    if (!rights->accommodate) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden",
                               "neither teacher nor dean's office");
    }
    const auto student = ParseId(draft.student_id);
    const auto students = StudentsOfCourse(change.db, course_id);
    if (!student || std::none_of(students.begin(), students.end(),
                                 [&](const CourseStudent& s) { return s.id == *student; })) {
        return Invalid("assessment.quiz.student_invalid", "student_id");
    }
    std::optional<std::int64_t> quiz;
    if (!Trim(draft.quiz_id).empty()) {
        quiz = ParseId(draft.quiz_id);
        if (!quiz) return Invalid("assessment.quiz.quiz_invalid", "quiz_id");
    }
    const auto extra = Trim(draft.extra_time_percent).empty() ? std::optional<int>(0)
                                                              : ParseWhole(draft.extra_time_percent, 0, 400);
    if (!extra) return Invalid("assessment.quiz.extra_time_invalid", "extra_time_percent");
    std::optional<core::Instant> closes;
    if (!Trim(draft.closes_at).empty()) {
        closes = ParseLocalMinute(draft.closes_at);
        if (!closes) return Invalid("assessment.quiz.closes_invalid", "closes_at");
    }
    if (*extra == 0 && !closes) return Invalid("assessment.quiz.accommodation_empty", "extra_time_percent");
    const std::string reason = Trim(draft.reason);
    if (reason.empty() || reason.size() > 1000) return Invalid("assessment.quiz.reason_required", "reason");
    return change.db.Transact([&](Session& session) -> core::Result<std::int64_t> {
        if (quiz) {
            auto q = FindQuiz(session, *quiz);
            if (!q || q->course_id != course_id) return Invalid("assessment.quiz.quiz_invalid", "quiz_id");
            if (closes && *closes <= q->closes_at) {
                return Invalid("assessment.quiz.extension_not_later", "closes_at");
            }
        }
        if (quiz) {
            session.Exec(
                "DELETE FROM assessment_accommodation WHERE course_id = ? AND student_id = ? AND quiz_id = ?",
                {course_id, *student, *quiz});
        } else {
            session.Exec(
                "DELETE FROM assessment_accommodation WHERE course_id = ? AND student_id = ? AND "
                "quiz_id IS NULL",
                {course_id, *student});
        }
        const std::int64_t id =
            session
                .Query(
                    "INSERT INTO assessment_accommodation (course_id, student_id, quiz_id, "
                    "extra_time_percent, "
                    "closes_at, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    {course_id, *student, Opt(quiz), std::int64_t{*extra},
                     closes ? db::Value(core::ToMicros(*closes)) : db::Value(), reason, actor.user_id,
                     core::ToMicros(change.now)})[0]
                .Int(0);
        // R-A7: who granted what to whom, and why.
        Record(session, actor, change, "assessment.accommodation_set", "assessment_accommodation", id,
               {{"course_id", course_id},
                {"student_id", *student},
                {"quiz_id", quiz ? nlohmann::json(*quiz) : nlohmann::json(nullptr)},
                {"extra_time_percent", *extra},
                {"closes_at", closes ? nlohmann::json(core::FormatUtc(*closes)) : nlohmann::json(nullptr)},
                {"reason", reason}});
        return id;
    });
}

core::Status RemoveAccommodation(const platform::auth::Principal& actor, const BankChange& change,
                                 std::int64_t course_id, std::int64_t accommodation_id) {
    auto rights = RightsOn(actor, change.db, course_id);
    if (!rights) return rights.error();
    if (!rights->accommodate) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden",
                               "neither teacher nor dean's office");
    }
    return change.db.Transact([&](Session& session) -> core::Status {
        auto rows =
            session.Query("SELECT student_id FROM assessment_accommodation WHERE id = ? AND course_id = ?",
                          {accommodation_id, course_id});
        if (rows.empty()) return NotFound("no such accommodation");
        session.Exec("DELETE FROM assessment_accommodation WHERE id = ?", {accommodation_id});
        Record(session, actor, change, "assessment.accommodation_removed", "assessment_accommodation",
               accommodation_id, {{"course_id", course_id}, {"student_id", rows[0].Int(0)}});
        return core::OkStatus();
    });
}

}  // namespace oqu::assessment
