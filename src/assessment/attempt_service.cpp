#include "assessment/attempt_service.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "assessment/journal_sync.hpp"
#include "courses/api.hpp"
#include "people/api.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/jobs/queue.hpp"

namespace oqu::assessment {

namespace {

using detail::AttemptsOf;
using detail::LoadAttempt;
using detail::LoadSlots;
using detail::ScoreSlot;
using detail::StoreMark;
using nlohmann::json;
using platform::db::Row;
using platform::db::Session;

core::Error NotFound(std::string detail) {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", std::move(detail));
}

core::Error BadResponse(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "assessment.attempt.response_invalid",
                           std::move(detail));
}

std::optional<core::Instant> OptInstant(const Row& r, std::size_t i) {
    if (r.IsNull(i)) return std::nullopt;
    return core::FromMicros(r.Int(i));
}

constexpr const char* kAttemptColumns =
    "a.id, a.quiz_id, q.course_id, a.student_id, a.number, a.state, a.started_at, a.deadline, "
    "a.submitted_at, COALESCE(a.submitted_by, ''), a.mark, a.max_mark FROM assessment_attempt a "
    "JOIN assessment_quiz q ON q.id = a.quiz_id";

Attempt AttemptOf(const Row& r) {
    Attempt a;
    a.id = r.Int(0);
    a.quiz_id = r.Int(1);
    a.course_id = r.Int(2);
    a.student_id = r.Int(3);
    a.number = static_cast<int>(r.Int(4));
    a.state = r.Text(5);
    a.started_at = core::FromMicros(r.Int(6));
    a.deadline = core::FromMicros(r.Int(7));
    a.submitted_at = OptInstant(r, 8);
    a.submitted_by = r.Text(9);
    if (!r.IsNull(10)) a.mark = r.Real(10);
    a.max_mark = r.Real(11);
    return a;
}

std::vector<int> ParseOrder(const std::string& text) {
    std::vector<int> out;
    auto j = json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& v : j) {
        if (v.is_number_integer()) out.push_back(v.get<int>());
    }
    return out;
}

// Submits an attempt in progress with what was saved, scoring every question it can; a graded
// attempt's mark goes to the journal through `sync` in the same transaction.
void Finish(Session& session, Attempt& attempt, core::Instant now, std::string_view by, JournalSync* sync) {
    if (attempt.state != "in_progress") return;
    if (attempt.slots.empty()) LoadSlots(session, attempt);
    // Every slot's score in one statement (thousands submit at once at the deadline).
    std::string scores = "UPDATE assessment_attempt_slot SET share = CASE slot";
    platform::db::Params params;
    params.reserve(attempt.slots.size() * 3 + 1);
    for (auto& s : attempt.slots) {
        s.share = ScoreSlot(s);
        // Typed the same whether a share is known or not (an essay waits for its grader), so the
        // statement is prepared once per number of slots, not once per pattern of NULLs.
        scores += " WHEN ? THEN CASE WHEN ? = 1 THEN ? END";
        params.emplace_back(static_cast<std::int64_t>(s.slot));
        params.emplace_back(std::int64_t{s.share ? 1 : 0});
        params.emplace_back(s.share.value_or(0.0));
    }
    if (!attempt.slots.empty()) {
        params.emplace_back(attempt.id);
        session.Exec(scores + " ELSE share END WHERE attempt_id = ?", params);
    }
    // The server submits at the deadline (with its grace), whatever the clock of the job says.
    const core::Instant at = by == "server" ? std::min(now, attempt.deadline + kSaveGrace) : now;
    session.Exec(
        "UPDATE assessment_attempt SET state = 'submitted', submitted_at = ?, submitted_by = ? WHERE id = ? "
        "AND state = 'in_progress'",
        {core::ToMicros(at), std::string(by), attempt.id});
    attempt.submitted_at = at;
    attempt.submitted_by = std::string(by);
    attempt.state = "submitted";
    StoreMark(session, attempt, now);
    if (sync != nullptr && attempt.state == "graded") {
        sync->Graded(session, attempt.quiz_id, attempt.student_id, now);
    }
}

// Closes the attempt lazily when its deadline (and grace) passed. Returns true when it did.
bool CloseIfExpired(Session& session, Attempt& attempt, core::Instant now, JournalSync* sync) {
    if (!DueForAutoSubmit(attempt.state != "in_progress", attempt.deadline, now)) return false;
    Finish(session, attempt, now, "server", sync);
    return true;
}

std::optional<std::int64_t> StudentIdOf(const platform::auth::Principal& actor, platform::db::Database& db) {
    if (actor.user_id == 0) return std::nullopt;
    auto student = people::FindOwnStudent(db, actor.user_id);
    if (!student) return std::nullopt;
    return student->id.value;
}

std::uint64_t Draw(std::mt19937_64& rng, std::size_t n) {
    return rng() % static_cast<std::uint64_t>(n);
}

// Fisher-Yates with the attempt's generator: the same seed gives the same order on every machine.
template <typename T>
void Shuffle(std::vector<T>& items, std::mt19937_64& rng) {
    for (std::size_t i = items.size(); i > 1; --i) {
        std::swap(items[i - 1], items[Draw(rng, i)]);
    }
}

struct DrawnSlot {
    StoredQuestion question;
    double mark = 0.0;
};

// The questions of a new attempt: each rule's fixed question or a random draw from its category,
// never the same question twice; then the question and answer shuffles.
std::vector<DrawnSlot> DrawQuestions(Session& session, const QuizRow& quiz, std::mt19937_64& rng) {
    std::vector<DrawnSlot> out;
    std::set<std::int64_t> used;
    for (const QuizRule& rule : QuizRules(session, quiz.id)) {
        if (rule.question_id) {
            const std::int64_t ids[] = {*rule.question_id};
            for (auto& q : LoadQuestions(session, quiz.course_id, ids)) {
                if (used.insert(q.id).second) out.push_back({std::move(q), rule.mark});
            }
            continue;
        }
        if (!rule.category_id) continue;
        std::vector<StoredQuestion> pool;
        for (auto& q : CategoryQuestions(session, *rule.category_id)) {
            if (!used.contains(q.id)) pool.push_back(std::move(q));
        }
        // A partial Fisher-Yates: the first draw_count of the pool are a uniform random choice.
        const std::size_t take =
            std::min(pool.size(), static_cast<std::size_t>(std::max(rule.draw_count, 0)));
        for (std::size_t i = 0; i < take; ++i) {
            std::swap(pool[i], pool[i + Draw(rng, pool.size() - i)]);
            used.insert(pool[i].id);
            out.push_back({std::move(pool[i]), rule.mark});
        }
    }
    if (quiz.shuffle_questions) Shuffle(out, rng);
    return out;
}

std::vector<int> AnswerOrder(const Question& q, bool shuffle, std::mt19937_64& rng) {
    std::vector<int> order;
    switch (q.type) {
        case QuestionType::kSingleChoice:
        case QuestionType::kMultipleChoice:
        case QuestionType::kTrueFalse:
        case QuestionType::kMatching:
        case QuestionType::kOrdering:
            for (std::size_t i = 0; i < q.answers.size(); ++i) order.push_back(static_cast<int>(i));
            break;
        default:
            return order;
    }
    // Ordering items in their right order would give the answer away; matching's right-hand items
    // likewise; true/false stays as it is.
    const bool always = q.type == QuestionType::kOrdering || q.type == QuestionType::kMatching;
    if ((shuffle && q.type != QuestionType::kTrueFalse) || always) Shuffle(order, rng);
    return order;
}

std::string OrderJson(const std::vector<int>& order) {
    return json(order).dump();
}

// Stores the drawn questions of a new attempt, a batch of rows per statement (an exam start is
// one of thousands at once: one statement instead of one per question).
void InsertSlots(Session& session, const Attempt& attempt) {
    constexpr std::size_t kBatch = 50;
    for (std::size_t from = 0; from < attempt.slots.size(); from += kBatch) {
        const std::size_t to = std::min(attempt.slots.size(), from + kBatch);
        std::string sql =
            "INSERT INTO assessment_attempt_slot (attempt_id, slot, question_id, question_version, type, "
            "name, "
            "body, mark, answer_order) VALUES ";
        platform::db::Params params;
        params.reserve((to - from) * 9);
        for (std::size_t i = from; i < to; ++i) {
            const AttemptSlot& s = attempt.slots[i];
            sql += i == from ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
            for (platform::db::Value& v : platform::db::Params{
                     attempt.id, static_cast<std::int64_t>(s.slot), s.question_id,
                     static_cast<std::int64_t>(s.question_version), std::string(TypeName(s.question.type)),
                     s.question.name, QuestionJson(s.question), s.mark, OrderJson(s.answer_order)}) {
                params.push_back(std::move(v));
            }
        }
        session.Exec(sql, params);
    }
}

void EnqueueDeadline(Session& session, platform::jobs::JobQueue& jobs, std::int64_t attempt_id,
                     core::Instant deadline, core::Instant now) {
    // Due once the save grace passed (DueForAutoSubmit), a second later to be past it for sure.
    const core::Instant due = deadline + kSaveGrace + std::chrono::seconds(1);
    jobs.Enqueue(session, kDeadlineJob, json{{"attempt", attempt_id}}.dump(), now,
                 {.run_at = due,
                  .max_attempts = 20,
                  .dedup_key = std::string(kDeadlineJob) + ":" + std::to_string(attempt_id) + ":" +
                               std::to_string(core::ToMicros(deadline))});
}

core::Error StartRefusal(StartDecision decision) {
    switch (decision) {
        case StartDecision::kNotOpenYet:
            return core::MakeError(core::ErrorCode::kConflict, "assessment.attempt.not_open_yet",
                                   "not open yet");
        case StartDecision::kNoAttempts:
            return core::MakeError(core::ErrorCode::kConflict, "assessment.attempt.no_attempts",
                                   "every attempt used");
        default:
            return core::MakeError(core::ErrorCode::kConflict, "assessment.attempt.closed",
                                   "the quiz closed");
    }
}

// Runs a write transaction again once when a concurrent one took a unique key first (two starts
// or two identical saves racing on PostgreSQL): the second run sees the winner's row and resumes or
// acknowledges it.
template <typename F>
auto OnceMoreOnConflict(platform::db::Database& db, const F& fn) -> decltype(db.Transact(fn)) {
    try {
        return db.Transact(fn);
    } catch (const platform::db::DbError& e) {
        if (!e.IsUniqueViolation()) throw;
    }
    return db.Transact(fn);
}

// The published quiz and the actor's student id, when he studies in its course.
core::Result<std::pair<QuizRow, std::int64_t>> QuizForStudent(const platform::auth::Principal& actor,
                                                              platform::db::Database& db,
                                                              std::int64_t quiz_id) {
    auto quiz = db.Read([&](Session& s) { return FindQuiz(s, quiz_id); });
    if (!quiz || !quiz->published) return NotFound("no such published quiz");
    auto access = courses::AccessTo(actor, db, quiz->course_id);
    if (!access || !access->study) return NotFound("not a student of the course");
    auto student = StudentIdOf(actor, db);
    if (!student) return NotFound("not a student");
    return std::make_pair(std::move(*quiz), *student);
}

}  // namespace

namespace detail {

void LoadSlots(Session& session, Attempt& attempt) {
    attempt.slots.clear();
    for (const Row& r : session.Query("SELECT slot, question_id, question_version, type, name, body, mark, "
                                      "answer_order, share, comment "
                                      "FROM assessment_attempt_slot WHERE attempt_id = ? ORDER BY slot",
                                      {attempt.id})) {
        AttemptSlot s;
        s.slot = static_cast<int>(r.Int(0));
        s.question_id = r.Int(1);
        s.question_version = static_cast<int>(r.Int(2));
        auto body = ParseQuestionJson(r.Text(5));
        if (body) s.question = std::move(*body);
        s.question.type = ParseTypeName(r.Text(3)).value_or(QuestionType::kEssay);
        s.question.name = r.Text(4);
        s.mark = r.Real(6);
        s.answer_order = ParseOrder(r.Text(7));
        if (!r.IsNull(8)) s.share = r.Real(8);
        s.comment = r.Text(9);
        attempt.slots.push_back(std::move(s));
    }
    // The answer to a slot is its save with the highest sequence number.
    for (const Row& r : session.Query(
             "SELECT r.slot, r.seq, r.response FROM assessment_attempt_response r WHERE r.attempt_id = ? AND "
             "r.seq = (SELECT MAX(m.seq) FROM assessment_attempt_response m WHERE m.attempt_id = "
             "r.attempt_id "
             "AND m.slot = r.slot)",
             {attempt.id})) {
        const auto slot = r.Int(0);
        if (slot >= 1 && slot <= static_cast<std::int64_t>(attempt.slots.size())) {
            auto& s = attempt.slots[static_cast<std::size_t>(slot - 1)];
            s.seq = r.Int(1);
            s.response_json = r.Text(2);
        }
    }
}

std::optional<Attempt> LoadAttempt(Session& session, std::int64_t id, bool with_slots) {
    auto rows = session.Query(std::string("SELECT ") + kAttemptColumns + " WHERE a.id = ?", {id});
    if (rows.empty()) return std::nullopt;
    Attempt a = AttemptOf(rows[0]);
    if (with_slots) LoadSlots(session, a);
    return a;
}

std::vector<Attempt> AttemptsOf(Session& session, std::int64_t quiz_id, std::int64_t student_id) {
    std::vector<Attempt> out;
    for (const Row& r : session.Query(std::string("SELECT ") + kAttemptColumns +
                                          " WHERE a.quiz_id = ? AND a.student_id = ? ORDER BY a.number",
                                      {quiz_id, student_id})) {
        out.push_back(AttemptOf(r));
    }
    return out;
}

// The share a slot's saved answer earns; an unanswered question earns nothing, an answered essay
// waits for the teacher (nullopt).
std::optional<double> ScoreSlot(const AttemptSlot& slot) {
    if (!slot.response_json) return 0.0;
    auto response = ParseResponse(slot.question, *slot.response_json);
    if (!response) return 0.0;
    if (slot.question.type == QuestionType::kEssay) {
        if (response->values.empty() || response->values.front().empty()) return 0.0;
        return std::nullopt;
    }
    return Score(slot.question, *response);
}

// Sums the points of the graded slots; the attempt is graded when no essay waits.
void StoreMark(Session& session, Attempt& attempt, core::Instant now) {
    double mark = 0.0;
    bool waiting = false;
    for (const auto& s : attempt.slots) {
        if (s.share) {
            mark += *s.share * s.mark;
        } else {
            waiting = true;
        }
    }
    // Marks to 1/10000 of a point: sums of shares like 1/3 must compare equal after a regrade.
    mark = std::round(mark * 10000.0) / 10000.0;
    attempt.mark = mark;
    attempt.state = waiting ? "submitted" : "graded";
    session.Exec("UPDATE assessment_attempt SET state = ?, mark = ?, graded_at = ? WHERE id = ?",
                 {attempt.state, mark,
                  waiting ? platform::db::Value{} : platform::db::Value{core::ToMicros(now)}, attempt.id});
}

}  // namespace detail

namespace detail {

bool CloseExpired(Session& session, Attempt& attempt, core::Instant now, JournalSync* sync) {
    return CloseIfExpired(session, attempt, now, sync);
}

}  // namespace detail

core::Result<Response> ParseResponse(const Question& question, std::string_view response_json) {
    auto j = json::parse(response_json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return BadResponse("not a JSON object");
    const auto n = static_cast<std::int64_t>(question.answers.size());
    Response out;
    try {
        switch (question.type) {
            case QuestionType::kSingleChoice:
            case QuestionType::kTrueFalse:
            case QuestionType::kMultipleChoice: {
                if (!j.contains("chosen") || !j["chosen"].is_array()) return BadResponse("chosen missing");
                std::set<int> seen;
                for (const auto& v : j["chosen"]) {
                    if (!v.is_number_integer()) return BadResponse("chosen: not an id");
                    const auto id = v.get<std::int64_t>();
                    if (id < 1 || id > n) return BadResponse("chosen: no such answer");
                    if (seen.insert(static_cast<int>(id - 1)).second) {
                        out.chosen.push_back(static_cast<int>(id - 1));
                    }
                }
                if (question.type != QuestionType::kMultipleChoice && out.chosen.size() > 1) {
                    return BadResponse("one answer only");
                }
                return out;
            }
            case QuestionType::kMatching: {
                if (!j.contains("pairs") || !j["pairs"].is_object()) return BadResponse("pairs missing");
                out.values.assign(question.answers.size(), std::string());
                for (const auto& [key, value] : j["pairs"].items()) {
                    const int id = std::atoi(key.c_str());
                    if (id < 1 || id > n || !value.is_string()) return BadResponse("pairs: no such item");
                    out.values[static_cast<std::size_t>(id - 1)] = value.get<std::string>();
                }
                return out;
            }
            case QuestionType::kOrdering: {
                if (!j.contains("order") || !j["order"].is_array()) return BadResponse("order missing");
                std::set<std::int64_t> seen;
                for (const auto& v : j["order"]) {
                    if (!v.is_number_integer()) return BadResponse("order: not an id");
                    const auto id = v.get<std::int64_t>();
                    if (id < 1 || id > n || !seen.insert(id).second) return BadResponse("order: bad id");
                    out.values.push_back(question.answers[static_cast<std::size_t>(id - 1)].text);
                }
                return out;
            }
            case QuestionType::kShortAnswer:
            case QuestionType::kNumerical:
            case QuestionType::kEssay: {
                if (!j.contains("text") || !j["text"].is_string()) return BadResponse("text missing");
                const auto text = j["text"].get<std::string>();
                // An essay of a book's length is not an answer: 100,000 bytes is far beyond any exam.
                if (text.size() > 100000) return BadResponse("text too long");
                out.values.push_back(text);
                return out;
            }
        }
    } catch (const json::exception& e) {
        return BadResponse(e.what());
    }
    return BadResponse("unknown type");
}

core::Result<Started> StartAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                   platform::jobs::JobQueue& jobs, std::int64_t quiz_id, core::Instant now) {
    auto who = QuizForStudent(actor, db, quiz_id);
    if (!who) return who.error();
    const QuizRow& quiz = who->first;
    const std::int64_t student_id = who->second;
    std::random_device device;
    // A positive 62-bit seed: stored in a BIGINT on both backends.
    const auto seed =
        static_cast<std::int64_t>(((static_cast<std::uint64_t>(device()) << 32) ^ device()) >> 2);
    JournalSync sync(db, platform::auth::SystemPrincipal(), "");
    auto result = OnceMoreOnConflict(db, [&](Session& session) -> core::Result<Started> {
        const QuizWindow window = WindowOf(quiz);
        const Accommodation accommodation = AccommodationFor(session, quiz.id, student_id);
        auto attempts = AttemptsOf(session, quiz.id, student_id);
        for (auto& a : attempts) CloseIfExpired(session, a, now, &sync);
        Attempt* open = nullptr;
        int finished = 0;
        int last_number = 0;
        for (auto& a : attempts) {
            last_number = std::max(last_number, a.number);
            if (a.state == "in_progress") {
                open = &a;
            } else {
                ++finished;
            }
        }
        const auto decision = DecideStart(window, accommodation, now, finished,
                                          open != nullptr ? std::optional(open->deadline) : std::nullopt);
        if (decision == StartDecision::kResume) {
            LoadSlots(session, *open);
            return Started{*open, false};
        }
        if (decision != StartDecision::kStart) return StartRefusal(decision);
        // An attempt past its deadline but within the save grace ends now: a new one begins.
        if (open != nullptr) Finish(session, *open, now, "server", &sync);

        std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
        auto drawn = DrawQuestions(session, quiz, rng);
        if (drawn.empty()) {
            return core::MakeError(core::ErrorCode::kConflict, "assessment.attempt.empty_quiz",
                                   "no questions");
        }
        Attempt a;
        a.quiz_id = quiz.id;
        a.course_id = quiz.course_id;
        a.student_id = student_id;
        a.number = last_number + 1;
        a.state = "in_progress";
        a.started_at = now;
        a.deadline = Deadline(window, accommodation, now);
        for (const auto& d : drawn) a.max_mark += d.mark;
        a.id = session
                   .Query(
                       "INSERT INTO assessment_attempt (quiz_id, student_id, number, state, started_at, "
                       "deadline, "
                       "seed, max_mark) VALUES (?, ?, ?, 'in_progress', ?, ?, ?, ?) RETURNING id",
                       {quiz.id, student_id, static_cast<std::int64_t>(a.number), core::ToMicros(now),
                        core::ToMicros(a.deadline), seed, a.max_mark})[0]
                   .Int(0);
        int slot = 0;
        for (auto& d : drawn) {
            AttemptSlot s;
            s.slot = ++slot;
            s.question_id = d.question.id;
            s.question_version = d.question.version;
            s.question = d.question.question;
            s.mark = d.mark;
            s.answer_order = AnswerOrder(s.question, quiz.shuffle_answers, rng);
            a.slots.push_back(std::move(s));
        }
        InsertSlots(session, a);
        EnqueueDeadline(session, jobs, a.id, a.deadline, now);
        return Started{std::move(a), true};
    });
    if (result && result->created) jobs.Notify();
    sync.Flush(now);
    return result;
}

namespace {

core::Result<Attempt> ReadAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t attempt_id, core::Instant now, bool own_only) {
    auto head = db.Read([&](Session& s) { return LoadAttempt(s, attempt_id, false); });
    if (!head) return NotFound("no such attempt");
    const auto student = StudentIdOf(actor, db);
    if (!student || *student != head->student_id) {
        if (own_only) return NotFound("not the actor's attempt");
        auto access = courses::AccessTo(actor, db, head->course_id);
        if (!access || !(access->edit || access->manage)) return NotFound("not the actor's attempt");
    }
    const bool due = DueForAutoSubmit(head->state != "in_progress", head->deadline, now);
    JournalSync sync(db, platform::auth::SystemPrincipal(), "");
    if (due) sync.Prepare(head->quiz_id, {head->student_id});
    auto out = db.Transact(
        [&](Session& session) -> core::Result<Attempt> {
            auto a = LoadAttempt(session, attempt_id, true);
            if (!a) return NotFound("no such attempt");
            CloseIfExpired(session, *a, now, &sync);
            return std::move(*a);
        },
        due);
    sync.Flush(now);
    return out;
}

}  // namespace

core::Result<Attempt> GetAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                 std::int64_t attempt_id, core::Instant now) {
    return ReadAttempt(actor, db, attempt_id, now, false);
}

core::Result<Attempt> OwnAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                 std::int64_t attempt_id, core::Instant now) {
    return ReadAttempt(actor, db, attempt_id, now, true);
}

core::Result<Saved> SaveResponse(const platform::auth::Principal& actor, platform::db::Database& db,
                                 std::int64_t attempt_id, int slot, std::int64_t seq,
                                 std::string_view response_json, core::Instant now) {
    const auto student = StudentIdOf(actor, db);
    if (!student) return NotFound("not a student");
    if (seq < 1) return BadResponse("seq must be positive");
    // A save after the deadline closes the attempt lazily: its journal mark follows (Flush).
    JournalSync sync(db, platform::auth::SystemPrincipal(), "");
    auto saved = OnceMoreOnConflict(db, [&](Session& session) -> core::Result<Saved> {
        auto a = LoadAttempt(session, attempt_id, false);
        if (!a || a->student_id != *student) return NotFound("not the actor's attempt");
        auto slots = session.Query(
            "SELECT type, body, (SELECT MAX(seq) FROM assessment_attempt_response r WHERE r.attempt_id = "
            "s.attempt_id "
            "AND r.slot = s.slot) FROM assessment_attempt_slot s WHERE s.attempt_id = ? AND s.slot = ?",
            {attempt_id, static_cast<std::int64_t>(slot)});
        if (slots.empty()) return NotFound("no such slot");
        const std::optional<std::int64_t> stored = slots[0].OptInt(2);
        CloseIfExpired(session, *a, now, &sync);
        const auto decision = DecideSave(stored, seq, a->state != "in_progress", a->deadline, now);
        Saved out{slot, stored.value_or(0), decision, a->deadline};
        if (decision == SaveDecision::kTooLate) {
            return core::MakeError(core::ErrorCode::kConflict, "assessment.attempt.closed",
                                   "after the deadline");
        }
        if (decision != SaveDecision::kApply) return out;
        auto question = ParseQuestionJson(slots[0].Text(1));
        if (!question) return question.error();
        question->type = ParseTypeName(slots[0].Text(0)).value_or(QuestionType::kEssay);
        if (auto parsed = ParseResponse(*question, response_json); !parsed) return parsed.error();
        // Stored as given after a round trip through the parser: compact, valid JSON.
        session.Exec(
            "INSERT INTO assessment_attempt_response (attempt_id, slot, seq, response, saved_at) VALUES (?, "
            "?, ?, ?, ?)",
            {attempt_id, static_cast<std::int64_t>(slot), seq, json::parse(response_json).dump(),
             core::ToMicros(now)});
        out.seq = seq;
        return out;
    });
    sync.Flush(now);
    return saved;
}

core::Result<Attempt> SubmitAttempt(const platform::auth::Principal& actor, platform::db::Database& db,
                                    std::int64_t attempt_id, core::Instant now) {
    const auto student = StudentIdOf(actor, db);
    if (!student) return NotFound("not a student");
    // The journal's link is read before the transaction that grades (and writes the mark).
    JournalSync sync(db, platform::auth::SystemPrincipal(), "");
    if (auto head = db.Read([&](Session& s) { return LoadAttempt(s, attempt_id, false); });
        head && head->student_id == *student && head->state == "in_progress") {
        sync.Prepare(head->quiz_id, {head->student_id});
    }
    auto out = db.Transact([&](Session& session) -> core::Result<Attempt> {
        auto a = LoadAttempt(session, attempt_id, true);
        if (!a || a->student_id != *student) return NotFound("not the actor's attempt");
        if (!CloseIfExpired(session, *a, now, &sync)) Finish(session, *a, now, "student", &sync);
        return std::move(*a);
    });
    sync.Flush(now);
    return out;
}

core::Result<bool> CloseIfDue(platform::db::Database& db, platform::jobs::JobQueue& jobs,
                              std::int64_t attempt_id, core::Instant now) {
    JournalSync sync(db, platform::auth::SystemPrincipal(), "");
    if (auto head = db.Read([&](Session& s) { return LoadAttempt(s, attempt_id, false); });
        head && DueForAutoSubmit(head->state != "in_progress", head->deadline, now)) {
        sync.Prepare(head->quiz_id, {head->student_id});
    }
    auto out = db.Transact([&](Session& session) -> core::Result<bool> {
        auto a = LoadAttempt(session, attempt_id, true);
        if (!a || a->state != "in_progress") return false;  // Gone or submitted: nothing to do.
        if (CloseIfExpired(session, *a, now, &sync)) return true;
        EnqueueDeadline(session, jobs, a->id, a->deadline, now);
        return false;
    });
    sync.Flush(now);
    return out;
}

core::Result<StudentQuiz> StudentQuizOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                        std::int64_t quiz_id, core::Instant now) {
    auto who = QuizForStudent(actor, db, quiz_id);
    if (!who) return who.error();
    const QuizRow& quiz = who->first;
    const std::int64_t student_id = who->second;
    JournalSync sync(db, platform::auth::SystemPrincipal(), "");
    auto result = db.Transact([&](Session& session) -> core::Result<StudentQuiz> {
        StudentQuiz out;
        out.quiz = quiz;
        out.accommodation = AccommodationFor(session, quiz.id, student_id);
        out.attempts = AttemptsOf(session, quiz.id, student_id);
        int finished = 0;
        std::optional<core::Instant> open;
        for (auto& a : out.attempts) {
            CloseIfExpired(session, a, now, &sync);
            if (a.state == "in_progress") {
                open = a.deadline;
            } else {
                ++finished;
            }
        }
        const QuizWindow window = WindowOf(quiz);
        out.decision = DecideStart(window, out.accommodation, now, finished, open);
        if (quiz.attempts_allowed > 0) {
            out.attempts_left = std::max(0, quiz.attempts_allowed - static_cast<int>(out.attempts.size()));
        }
        out.deadline_if_started = Deadline(window, out.accommodation, now);
        return out;
    });
    sync.Flush(now);
    return result;
}

bool ReviewOpen(const QuizRow& quiz, const Accommodation& accommodation, const Attempt& attempt,
                core::Instant now) {
    if (attempt.state == "in_progress" || quiz.review == "never") return false;
    if (quiz.review == "after_submit") return true;
    return now >= std::max(quiz.closes_at, accommodation.closes.value_or(quiz.closes_at));
}

// ----- grading ----------------------------------------------------------------------------------

core::Result<bool> CanGrade(const platform::auth::Principal& actor, platform::db::Database& db,
                            std::int64_t course_id) {
    auto access = courses::AccessTo(actor, db, course_id);
    if (!access || !(access->edit || access->manage)) return NotFound("not a teacher of the course");
    return access->edit;
}

}  // namespace oqu::assessment
