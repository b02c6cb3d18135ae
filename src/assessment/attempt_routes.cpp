#include "assessment/attempt_routes.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assessment/attempt_service.hpp"
#include "gradebook/api.hpp"
#include "platform/auth/gate.hpp"
#include "platform/db/database.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/format.hpp"
#include "platform/web/pages.hpp"

namespace oqu::assessment::detail {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value <= 0) return std::nullopt;
    return value;
}

http::Response Page(const Services& services, const http::Request& request, std::string_view name,
                    const json& context, std::string_view title_key) {
    auto response = web::RenderPage(services.renderer, request, name, context, title_key);
    response.SetHeader("Cache-Control", "no-store");  // Personal data and a live exam: never cached.
    return response;
}

http::Response ErrorPage(const Services& services, const http::Request& request, const core::Error& error) {
    auto response = web::RenderError(services.renderer, request, error);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

std::string When(const http::Request& request, core::Instant at) {
    return web::FormatDateTime(at, web::RequestLanguage(request));
}

std::string Points(double value) {
    std::string text = fmt::format("{:.2f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string PlainText(const std::string& text, bool html) {
    if (!html) return text;
    std::string out;
    bool in_tag = false;
    for (char c : text) {
        if (c == '<') {
            in_tag = true;
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            out += c;
        }
    }
    return out;
}

namespace {

http::Response Json(const json& body, int status = 200) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

std::string Message(const Services& services, const http::Request& request, const core::Error& error) {
    const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
    return services.renderer.strings().Format(web::RequestLanguage(request), error.message_key, args);
}

http::Response ApiError(const Services& services, const http::Request& request, const core::Error& error) {
    auto response = http::ErrorResponse(error, Message(services, request, error));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

core::Error NotFoundError() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

std::string T(const Services& services, const http::Request& request, std::string_view key) {
    return services.renderer.strings().Get(web::RequestLanguage(request), key);
}

std::string F(const Services& services, const http::Request& request, std::string_view key,
              const std::map<std::string, std::string>& args) {
    return services.renderer.strings().Format(web::RequestLanguage(request), key, args);
}

// "8 / 10", and with it the mark on the 0..100 scale and its letter (the table of REQUIREMENTS.md,
// gradebook::LetterOf): "Letter grade: B (80 of 100)".
std::string MarkText(double mark, double max_mark) {
    return Points(mark) + " / " + Points(max_mark);
}

std::string LetterOfMark(double mark, double max_mark) {
    return std::string(gradebook::LetterOf(gradebook::PercentMark(mark, max_mark)).name);
}

std::string LetterText(const Services& services, const http::Request& request, double mark, double max_mark) {
    const int score = gradebook::PercentMark(mark, max_mark);
    return F(services, request, "assessment.attempt.letter_grade",
             {{"letter", std::string(gradebook::LetterOf(score).name)}, {"score", std::to_string(score)}});
}

// The answers of a true/false question are stored as "true" and "false"; students read them in
// their language.
std::string ShownAnswer(const Services& services, const http::Request& request, const Question& q,
                        const std::string& text) {
    if (q.type != QuestionType::kTrueFalse || (text != "true" && text != "false")) return text;
    return T(services, request, "assessment.bank." + text);
}

bool IsChoice(QuestionType t) {
    return t == QuestionType::kSingleChoice || t == QuestionType::kMultipleChoice ||
           t == QuestionType::kTrueFalse;
}

bool IsText(QuestionType t) {
    return t == QuestionType::kShortAnswer || t == QuestionType::kNumerical || t == QuestionType::kEssay;
}

// The right-hand items of a matching question in the shown order, each once.
std::vector<std::string> MatchChoices(const AttemptSlot& s) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (int i : s.answer_order) {
        if (i < 0 || i >= static_cast<int>(s.question.answers.size())) continue;
        const auto& m = s.question.answers[static_cast<std::size_t>(i)].match;
        if (!m.empty() && seen.insert(m).second) out.push_back(m);
    }
    return out;
}

// The question as the student sees it: no keys, no feedback.
json QuestionJsonForStudent(const AttemptSlot& s) {
    json answers = json::array();
    const auto& q = s.question;
    if (q.type == QuestionType::kMatching) {
        for (std::size_t i = 0; i < q.answers.size(); ++i) {
            answers.push_back({{"id", i + 1}, {"text", q.answers[i].text}});
        }
    } else if (IsChoice(q.type) || q.type == QuestionType::kOrdering) {
        for (int i : s.answer_order) {
            if (i < 0 || i >= static_cast<int>(q.answers.size())) continue;
            answers.push_back({{"id", i + 1}, {"text", q.answers[static_cast<std::size_t>(i)].text}});
        }
    }
    json out{{"slot", s.slot}, {"type", TypeName(q.type)}, {"text", q.text}, {"format", FormatName(q.format)},
             {"mark", s.mark}, {"answers", answers}};
    if (q.type == QuestionType::kMatching) out["choices"] = MatchChoices(s);
    return out;
}

json AttemptJson(const Attempt& a, core::Instant now, std::optional<double> mark_shown) {
    json questions = json::array();
    json responses = json::object();
    for (const auto& s : a.slots) {
        questions.push_back(QuestionJsonForStudent(s));
        if (s.seq && s.response_json) {
            responses[std::to_string(s.slot)] = {{"seq", *s.seq},
                                                 {"response", json::parse(*s.response_json)}};
        }
    }
    json out{{"attempt", a.id},
             {"quiz", a.quiz_id},
             {"number", a.number},
             {"state", a.state},
             {"deadline", core::FormatUtc(a.deadline)},
             {"server_time", core::FormatUtc(now)},
             {"questions", questions},
             {"responses", responses}};
    if (a.submitted_at) {
        out["submitted_at"] = core::FormatUtc(*a.submitted_at);
        out["submitted_by"] = a.submitted_by;
    }
    if (mark_shown) {
        out["mark"] = *mark_shown;
        out["max_mark"] = a.max_mark;
    }
    return out;
}

// The quiz and the accommodation of an attempt's student, for the review rule.
std::pair<std::optional<QuizRow>, Accommodation> QuizOf(const Services& services, const Attempt& a) {
    return services.db.Read([&](platform::db::Session& s) {
        return std::make_pair(FindQuiz(s, a.quiz_id), AccommodationFor(s, a.quiz_id, a.student_id));
    });
}

std::optional<double> MarkShown(const Services& services, const Attempt& a, core::Instant now) {
    if (a.state != "graded" || !a.mark) return std::nullopt;
    auto [quiz, accommodation] = QuizOf(services, a);
    if (!quiz || !ReviewOpen(*quiz, accommodation, a, now)) return std::nullopt;
    return a.mark;
}

const auth::Principal& Who(const http::Request& request) {
    return *auth::CurrentPrincipal(request);
}

// ----- JSON API -------------------------------------------------------------------------------

http::Response ApiStart(Services& services, http::Request& request, std::int64_t quiz_id) {
    const auto now = Now();
    auto started = StartAttempt(Who(request), services.db, services.jobs, quiz_id, now);
    if (!started) return ApiError(services, request, started.error());
    return Json(AttemptJson(started->attempt, now, std::nullopt), started->created ? 201 : 200);
}

http::Response ApiGet(Services& services, http::Request& request, std::int64_t id) {
    const auto now = Now();
    auto a = GetAttempt(Who(request), services.db, id, now);
    if (!a) return ApiError(services, request, a.error());
    return Json(AttemptJson(*a, now, MarkShown(services, *a, now)));
}

http::Response ApiSave(Services& services, http::Request& request, std::int64_t id) {
    const auto slot = ParseId(request.Param("slot"));
    if (!slot || *slot > 10000) return ApiError(services, request, NotFoundError());
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("seq") ||
        !body["seq"].is_number_integer() || !body.contains("response")) {
        // Another's attempt is not found, whatever the body.
        if (auto own = OwnAttempt(Who(request), services.db, id, Now()); !own) {
            return ApiError(services, request, own.error());
        }
        return ApiError(services, request,
                        core::MakeError(core::ErrorCode::kInvalidInput, "assessment.attempt.response_invalid",
                                        "body must be {seq, response}"));
    }
    const auto now = Now();
    auto saved = SaveResponse(Who(request), services.db, id, static_cast<int>(*slot),
                              body["seq"].get<std::int64_t>(), body["response"].dump(), now);
    if (!saved) return ApiError(services, request, saved.error());
    return Json({{"slot", saved->slot},
                 {"seq", saved->seq},
                 {"saved", saved->decision != SaveDecision::kStale},
                 {"deadline", core::FormatUtc(saved->deadline)},
                 {"server_time", core::FormatUtc(now)}});
}

http::Response ApiSubmit(Services& services, http::Request& request, std::int64_t id) {
    const auto now = Now();
    auto a = SubmitAttempt(Who(request), services.db, id, now);
    if (!a) return ApiError(services, request, a.error());
    return Json(AttemptJson(*a, now, MarkShown(services, *a, now)));
}

// ----- the student's pages --------------------------------------------------------------------

std::string AttemptHref(std::int64_t id) {
    return "/assessment/attempts/" + std::to_string(id);
}

std::string StateLabel(const Services& services, const http::Request& request, const std::string& state) {
    return T(services, request, "assessment.attempt.state_" + state);
}

http::Response QuizPage(Services& services, http::Request& request, std::int64_t quiz_id) {
    const auto now = Now();
    auto view = StudentQuizOf(Who(request), services.db, quiz_id, now);
    if (!view) return ErrorPage(services, request, view.error());
    const QuizRow& quiz = view->quiz;
    json attempts = json::array();
    bool has_open = false;
    for (const auto& a : view->attempts) {
        const auto shown = a.state == "graded" && ReviewOpen(quiz, view->accommodation, a, now);
        has_open = has_open || a.state == "in_progress";
        attempts.push_back(
            {{"number", a.number},
             {"state_label", StateLabel(services, request, a.state)},
             {"started", When(request, a.started_at)},
             {"submitted", a.submitted_at ? When(request, *a.submitted_at) : std::string()},
             {"by_server", a.submitted_by == "server"},
             {"mark", shown && a.mark ? MarkText(*a.mark, a.max_mark) : std::string()},
             {"letter", shown && a.mark ? LetterOfMark(*a.mark, a.max_mark) : std::string()},
             {"href", a.state == "in_progress" ? AttemptHref(a.id) : AttemptHref(a.id) + "/result"}});
    }
    const auto decision = view->decision;
    std::string time_limit;
    if (quiz.time_limit_seconds) {
        time_limit = F(services, request, "assessment.attempt.minutes",
                       {{"minutes", std::to_string((*quiz.time_limit_seconds + 59) / 60)}});
    }
    json context{
        {"quiz_id", quiz.id},
        {"title", quiz.title},
        {"intro", quiz.intro},
        {"opens", When(request, quiz.opens_at)},
        {"closes", When(request, quiz.closes_at)},
        {"time_limit", time_limit},
        {"has_time_limit", !time_limit.empty()},
        {"extra_time", view->accommodation.extra_time_percent > 0
                           ? F(services, request, "assessment.attempt.extra_time",
                               {{"percent", std::to_string(view->accommodation.extra_time_percent)}})
                           : std::string()},
        {"extension", view->accommodation.closes && *view->accommodation.closes > quiz.closes_at
                          ? When(request, *view->accommodation.closes)
                          : std::string()},
        {"attempts_allowed", quiz.attempts_allowed > 0
                                 ? std::to_string(quiz.attempts_allowed)
                                 : T(services, request, "assessment.attempt.unlimited")},
        {"attempts_left", view->attempts_left ? std::to_string(*view->attempts_left)
                                              : T(services, request, "assessment.attempt.unlimited")},
        {"attempts", attempts},
        {"has_attempts", !attempts.empty()},
        {"can_start", decision == StartDecision::kStart},
        {"can_resume", decision == StartDecision::kResume},
        {"deadline_if_started", When(request, view->deadline_if_started)},
        {"refusal", decision == StartDecision::kStart || decision == StartDecision::kResume
                        ? std::string()
                        : T(services, request,
                            std::string("assessment.attempt.") + std::string(StartDecisionName(decision)))},
    };
    (void)has_open;
    return Page(services, request, "assessment/attempt_quiz", context, "assessment.attempt.quiz_title");
}

http::Response StartPost(Services& services, http::Request& request, std::int64_t quiz_id) {
    auto started = StartAttempt(Who(request), services.db, services.jobs, quiz_id, Now());
    if (!started) return ErrorPage(services, request, started.error());
    return http::Response::Redirect(AttemptHref(started->attempt.id));
}

// One slot of the attempt form.
json SlotContext(const AttemptSlot& s, const Services& services, const http::Request& request) {
    const auto& q = s.question;
    std::optional<Response> given;
    if (s.response_json) {
        if (auto r = ParseResponse(q, *s.response_json)) given = std::move(*r);
    }
    json answers = json::array();
    json pairs = json::array();
    std::string value;
    if (IsChoice(q.type) || q.type == QuestionType::kOrdering) {
        // Ordering: the items in the student's order when he gave one, else as shown.
        std::vector<int> order = s.answer_order;
        if (q.type == QuestionType::kOrdering && given && given->values.size() == q.answers.size()) {
            order.clear();
            for (const auto& text : given->values) {
                for (std::size_t i = 0; i < q.answers.size(); ++i) {
                    if (q.answers[i].text == text &&
                        std::find(order.begin(), order.end(), static_cast<int>(i)) == order.end()) {
                        order.push_back(static_cast<int>(i));
                        break;
                    }
                }
            }
        }
        int position = 0;
        for (int i : order) {
            if (i < 0 || i >= static_cast<int>(q.answers.size())) continue;
            const bool checked =
                given && std::find(given->chosen.begin(), given->chosen.end(), i) != given->chosen.end();
            answers.push_back(
                {{"id", i + 1},
                 {"text", ShownAnswer(services, request, q, q.answers[static_cast<std::size_t>(i)].text)},
                 {"checked", checked},
                 {"position", ++position}});
        }
    } else if (q.type == QuestionType::kMatching) {
        const auto choices = MatchChoices(s);
        for (std::size_t i = 0; i < q.answers.size(); ++i) {
            const std::string chosen = given && i < given->values.size() ? given->values[i] : std::string();
            json options = json::array();
            for (const auto& c : choices) options.push_back({{"value", c}, {"selected", c == chosen}});
            pairs.push_back({{"id", i + 1}, {"text", q.answers[i].text}, {"options", options}});
        }
    } else if (given && !given->values.empty()) {
        value = given->values.front();
    }
    return {
        {"slot", s.slot},
        {"heading", F(services, request, "assessment.attempt.question_n", {{"n", std::to_string(s.slot)}})},
        {"mark", F(services, request, "assessment.attempt.points", {{"points", Points(s.mark)}})},
        {"text", PlainText(q.text, q.format == TextFormat::kHtml)},
        {"type", TypeName(q.type)},
        {"single", q.type == QuestionType::kSingleChoice || q.type == QuestionType::kTrueFalse},
        {"multiple", q.type == QuestionType::kMultipleChoice},
        {"line", q.type == QuestionType::kShortAnswer || q.type == QuestionType::kNumerical},
        {"essay", q.type == QuestionType::kEssay},
        {"matching", q.type == QuestionType::kMatching},
        {"ordering", q.type == QuestionType::kOrdering},
        {"answers", answers},
        {"pairs", pairs},
        {"value", value},
        {"seq", s.seq.value_or(0) + 1},
        {"answered", s.response_json.has_value()}};
}

int PageCount(const Attempt& a, bool one_per_page) {
    return one_per_page ? static_cast<int>(a.slots.size()) : 1;
}

http::Response AttemptPage(Services& services, http::Request& request, std::int64_t id) {
    const auto now = Now();
    auto a = OwnAttempt(Who(request), services.db, id, now);
    if (!a) return ErrorPage(services, request, a.error());
    if (a->state != "in_progress") return http::Response::Redirect(AttemptHref(id) + "/result");
    auto [quiz, accommodation] = QuizOf(services, *a);
    if (!quiz) return ErrorPage(services, request, NotFoundError());
    const int pages = PageCount(*a, quiz->one_per_page);
    int page = 1;
    if (auto p = request.Query("page"); p && ParseId(*p)) {
        page = static_cast<int>(std::min<std::int64_t>(*ParseId(*p), pages));
    }
    json slots = json::array();
    for (const auto& s : a->slots) {
        if (!quiz->one_per_page || s.slot == page) slots.push_back(SlotContext(s, services, request));
    }
    json nav = json::array();
    if (pages > 1) {
        for (const auto& s : a->slots) {
            nav.push_back(
                {{"n", s.slot}, {"current", s.slot == page}, {"answered", s.response_json.has_value()}});
        }
    }
    json context{{"attempt_id", id},
                 {"title", quiz->title},
                 {"number", a->number},
                 {"deadline_iso", core::FormatUtc(a->deadline)},
                 {"server_time_iso", core::FormatUtc(now)},
                 {"deadline", When(request, a->deadline)},
                 {"grace_seconds", kSaveGrace.count()},
                 {"slots", slots},
                 {"page", page},
                 {"pages", nav},
                 {"has_pages", pages > 1},
                 {"has_prev", page > 1},
                 {"prev", page - 1},
                 {"has_next", page < pages},
                 {"next", page + 1},
                 {"saved", request.Query("saved").has_value()}};
    return Page(services, request, "assessment/attempt", context, "assessment.attempt.attempt_title");
}

// The response a page form gives for one slot (see attempt.mustache for the field names), as
// the API's JSON.
std::optional<std::string> FormResponse(const AttemptSlot& s, const http::Form& form) {
    const std::string base = "r." + std::to_string(s.slot);
    const auto& q = s.question;
    if (IsChoice(q.type)) {
        json chosen = json::array();
        auto [from, to] = form.fields.equal_range(base);
        for (auto it = from; it != to; ++it) {
            if (auto id = ParseId(it->second)) chosen.push_back(*id);
        }
        return json{{"chosen", chosen}}.dump();
    }
    if (IsText(q.type)) {
        const std::string* v = form.Field(base);
        return json{{"text", v != nullptr ? *v : std::string()}}.dump();
    }
    if (q.type == QuestionType::kMatching) {
        json pairs = json::object();
        for (std::size_t i = 0; i < q.answers.size(); ++i) {
            const std::string* v = form.Field(base + "." + std::to_string(i + 1));
            if (v != nullptr && !v->empty()) pairs[std::to_string(i + 1)] = *v;
        }
        return json{{"pairs", pairs}}.dump();
    }
    // Ordering: each item's position as typed; the items sorted by it (ties keep the shown order).
    std::vector<std::pair<std::int64_t, int>> placed;
    int shown = 0;
    for (int i : s.answer_order) {
        const std::string* v = form.Field(base + "." + std::to_string(i + 1));
        const auto pos = v != nullptr ? ParseId(*v) : std::nullopt;
        placed.emplace_back(pos.value_or(1000) * 1000 + shown++, i + 1);
    }
    std::sort(placed.begin(), placed.end());
    json order = json::array();
    for (const auto& p : placed) order.push_back(p.second);
    return json{{"order", order}}.dump();
}

http::Response SavePost(Services& services, http::Request& request, std::int64_t id) {
    const auto now = Now();
    auto a = OwnAttempt(Who(request), services.db, id, now);
    if (!a) return ErrorPage(services, request, a.error());
    if (a->state != "in_progress") return http::Response::Redirect(AttemptHref(id) + "/result");
    auto form = request.Form();
    if (!form) return ErrorPage(services, request, form.error());
    for (const auto& s : a->slots) {
        if (form.value()->Field("present." + std::to_string(s.slot)) == nullptr) continue;
        const auto response = FormResponse(s, *form.value());
        if (!response) continue;
        // An unchanged answer is not saved again.
        if (s.response_json && json::parse(*s.response_json) == json::parse(*response)) continue;
        if (!s.response_json && *response == json{{"text", ""}}.dump()) continue;
        const std::string* seq_text = form.value()->Field("seq." + std::to_string(s.slot));
        const auto seq = seq_text != nullptr ? ParseId(*seq_text) : std::nullopt;
        auto saved = SaveResponse(Who(request), services.db, id, s.slot, seq.value_or(s.seq.value_or(0) + 1),
                                  *response, now);
        if (!saved) {
            if (saved.error().message_key == "assessment.attempt.closed") break;
            return ErrorPage(services, request, saved.error());
        }
    }
    const std::string* go = form.value()->Field("go");
    if (go != nullptr && *go == "finish") return http::Response::Redirect(AttemptHref(id) + "/confirm");
    if (go != nullptr && ParseId(*go)) {
        return http::Response::Redirect(AttemptHref(id) + "?page=" + *go + "&saved=1");
    }
    return http::Response::Redirect(AttemptHref(id) + "?saved=1");
}

http::Response ConfirmPage(Services& services, http::Request& request, std::int64_t id) {
    const auto now = Now();
    auto a = OwnAttempt(Who(request), services.db, id, now);
    if (!a) return ErrorPage(services, request, a.error());
    if (a->state != "in_progress") return http::Response::Redirect(AttemptHref(id) + "/result");
    json unanswered = json::array();
    int answered = 0;
    for (const auto& s : a->slots) {
        if (s.response_json) {
            ++answered;
        } else {
            unanswered.push_back({{"n", s.slot}});
        }
    }
    json context{
        {"attempt_id", id},
        {"summary", F(services, request, "assessment.attempt.answered_of",
                      {{"answered", std::to_string(answered)}, {"total", std::to_string(a->slots.size())}})},
        {"unanswered", unanswered},
        {"has_unanswered", !unanswered.empty()},
        {"deadline", When(request, a->deadline)}};
    return Page(services, request, "assessment/attempt_confirm", context, "assessment.attempt.confirm_title");
}

http::Response SubmitPost(Services& services, http::Request& request, std::int64_t id) {
    auto a = SubmitAttempt(Who(request), services.db, id, Now());
    if (!a) return ErrorPage(services, request, a.error());
    return http::Response::Redirect(AttemptHref(id) + "/result");
}

std::string ResponseText(const AttemptSlot& s) {
    if (!s.response_json) return {};
    auto r = ParseResponse(s.question, *s.response_json);
    if (!r) return {};
    std::string out;
    auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    for (int i : r->chosen) add(s.question.answers[static_cast<std::size_t>(i)].text);
    if (s.question.type == QuestionType::kMatching) {
        for (std::size_t i = 0; i < r->values.size(); ++i) {
            if (!r->values[i].empty()) add(s.question.answers[i].text + " → " + r->values[i]);
        }
    } else {
        for (const auto& v : r->values) add(v);
    }
    return out;
}

std::string RightText(const Question& q) {
    std::string out;
    auto add = [&out](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    for (const auto& a : q.answers) {
        if (q.type == QuestionType::kMatching) {
            add(a.text + " → " + a.match);
        } else if (q.type == QuestionType::kOrdering || a.fraction > 0) {
            add(a.text);
        }
    }
    return out;
}

http::Response ResultPage(Services& services, http::Request& request, std::int64_t id) {
    const auto now = Now();
    auto a = OwnAttempt(Who(request), services.db, id, now);
    if (!a) return ErrorPage(services, request, a.error());
    if (a->state == "in_progress") return http::Response::Redirect(AttemptHref(id));
    auto [quiz, accommodation] = QuizOf(services, *a);
    if (!quiz) return ErrorPage(services, request, NotFoundError());
    const bool review = ReviewOpen(*quiz, accommodation, *a, now);
    json slots = json::array();
    if (review) {
        for (const auto& s : a->slots) {
            slots.push_back(
                {{"heading",
                  F(services, request, "assessment.attempt.question_n", {{"n", std::to_string(s.slot)}})},
                 {"text", PlainText(s.question.text, s.question.format == TextFormat::kHtml)},
                 {"given", GivenText(services, request, s)},
                 {"right", s.question.type == QuestionType::kEssay
                               ? std::string()
                               : ShownAnswer(services, request, s.question, RightText(s.question))},
                 {"earned", s.share ? Points(*s.share * s.mark) + " / " + Points(s.mark)
                                    : T(services, request, "assessment.attempt.awaiting_grade")},
                 {"feedback", s.question.feedback},
                 {"comment", s.comment}});
        }
    }
    json context{
        {"quiz_id", a->quiz_id},
        {"title", quiz->title},
        {"number", a->number},
        {"state_label", StateLabel(services, request, a->state)},
        {"submitted", a->submitted_at ? When(request, *a->submitted_at) : std::string()},
        {"by_server", a->submitted_by == "server"},
        {"waiting", a->state == "submitted"},
        {"review", review},
        {"mark", review && a->mark ? MarkText(*a->mark, a->max_mark) : std::string()},
        {"letter", review && a->mark ? LetterText(services, request, *a->mark, a->max_mark) : std::string()},
        {"slots", slots}};
    return Page(services, request, "assessment/attempt_result", context, "assessment.attempt.result_title");
}

}  // namespace

std::string GivenText(const Services& services, const http::Request& request, const AttemptSlot& slot) {
    return ShownAnswer(services, request, slot.question, ResponseText(slot));
}

namespace {

using IdFn = http::Response (*)(Services&, http::Request&, std::int64_t);

http::Handler BindId(Services& services, IdFn fn, bool api) {
    return [&services, fn, api](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) {
            return api ? ApiError(services, request, NotFoundError())
                       : ErrorPage(services, request, NotFoundError());
        }
        return fn(services, request, *id);
    };
}

}  // namespace

void AddAttemptRoutes(http::Router& router, Services& services) {
    // JSON API (docs/QUIZZES.md). Saves are small: 256 KiB is far above any answer.
    router.Add(http::Method::kPost, "/api/v1/quizzes/{id}/attempts", BindId(services, ApiStart, true));
    router.Add(http::Method::kGet, "/api/v1/attempts/{id}", BindId(services, ApiGet, true));
    router.Add(http::Method::kPut, "/api/v1/attempts/{id}/responses/{slot}", BindId(services, ApiSave, true),
               {.max_body = 256 << 10});
    router.Add(http::Method::kPost, "/api/v1/attempts/{id}/submit", BindId(services, ApiSubmit, true));
    // The student's pages.
    router.Add(http::Method::kGet, "/assessment/quizzes/{id}/take", BindId(services, QuizPage, false));
    router.Add(http::Method::kPost, "/assessment/quizzes/{id}/take", BindId(services, StartPost, false));
    router.Add(http::Method::kGet, "/assessment/attempts/{id}", BindId(services, AttemptPage, false));
    router.Add(http::Method::kPost, "/assessment/attempts/{id}", BindId(services, SavePost, false),
               {.max_body = 1 << 20});
    router.Add(http::Method::kGet, "/assessment/attempts/{id}/confirm", BindId(services, ConfirmPage, false));
    router.Add(http::Method::kPost, "/assessment/attempts/{id}/submit", BindId(services, SubmitPost, false));
    router.Add(http::Method::kGet, "/assessment/attempts/{id}/result", BindId(services, ResultPage, false));
    router.Add(http::Method::kGet, "/assessment/static/{path*}",
               http::ServeStatic(services.config.resource_dir / "assessment/static"),
               {.audience = http::Audience::kStateless});
}

}  // namespace oqu::assessment::detail

namespace oqu::assessment {

void RegisterAttempts(platform::ModuleRegistry& registry) {
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        detail::AddAttemptRoutes(router, services);
        detail::AddGradingRoutes(router, services);
    });
    // At an attempt's deadline the server submits it with what was saved (the lazy close on every
    // touch does the same; both are idempotent).
    registry.AddServiceJobHandler(
        std::string(kDeadlineJob),
        [](const platform::jobs::Job& job, platform::Services& services) -> core::Status {
            const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
            if (!payload.is_object() || !payload.contains("attempt") ||
                !payload["attempt"].is_number_integer()) {
                return core::MakeError(core::ErrorCode::kInvalidInput, "web.error_400",
                                       "bad deadline job payload");
            }
            auto closed =
                CloseIfDue(services.db, services.jobs, payload["attempt"].get<std::int64_t>(), detail::Now());
            if (!closed) return closed.error();
            return core::Ok{};
        });
}

}  // namespace oqu::assessment
