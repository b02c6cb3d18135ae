#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assessment/attempt_routes.hpp"
#include "assessment/attempt_service.hpp"
#include "assessment/journal_sync.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"

namespace oqu::assessment::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

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

const auth::Principal& Who(const http::Request& request) {
    return *auth::CurrentPrincipal(request);
}

std::string Field(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

std::string QuizHref(std::int64_t id) {
    return "/assessment/quizzes/" + std::to_string(id);
}

http::Response GradingPage(Services& services, http::Request& request, std::int64_t quiz_id) {
    auto grading = GradingOf(Who(request), services.db, quiz_id, Now());
    if (!grading) return ErrorPage(services, request, grading.error());
    json rows = json::array();
    for (const auto& r : grading->rows) {
        const auto& a = r.attempt;
        rows.push_back({{"student", r.student_name},
                        {"number", a.number},
                        {"state_label", T(services, request, "assessment.attempt.state_" + a.state)},
                        {"submitted", a.submitted_at ? When(request, *a.submitted_at) : std::string()},
                        {"by_server", a.submitted_by == "server"},
                        {"mark", a.mark ? Points(*a.mark) + " / " + Points(a.max_mark) : std::string()},
                        {"waiting", r.essays_waiting},
                        {"href", "/assessment/attempts/" + std::to_string(a.id) + "/grading"}});
    }
    const auto regraded = request.Query("regraded");
    json context{
        {"quiz_id", quiz_id},
        {"title", grading->quiz.title},
        {"rows", rows},
        {"has_rows", !rows.empty()},
        {"in_progress", grading->in_progress > 0 ? F(services, request, "assessment.grading.in_progress",
                                                     {{"count", std::to_string(grading->in_progress)}})
                                                 : std::string()},
        {"can_grade", grading->can_grade},
        {"analysis_href", QuizHref(quiz_id) + "/analysis"},
        {"regraded", regraded.has_value()},
        {"regraded_text",
         regraded ? F(services, request, "assessment.grading.regraded",
                      {{"changed", request.Query("changed").value_or("0")}, {"attempts", *regraded}})
                  : std::string()}};
    // The journal column: the rule of what goes there and the result of the last sending.
    const auto& column = grading->quiz.grade_column;
    context["journal_column"] = column.has_value();
    if (column) {
        context["journal_rule"] = F(services, request, "assessment.journal.rule",
                                    {{"column", T(services, request, "assessment.quiz.column_" + *column)}});
    }
    const auto sent = request.Query("sent");
    context["sent"] = sent.has_value();
    if (sent) {
        const auto q = [&](std::string_view name) { return request.Query(name).value_or("0"); };
        context["sent_text"] = F(services, request, "assessment.journal.sent",
                                 {{"written", q("written")},
                                  {"unchanged", q("unchanged")},
                                  {"closed", q("closed")},
                                  {"hand", q("hand")},
                                  {"none", q("none")}});
    }
    return Page(services, request, "assessment/grading", context, "assessment.grading.title");
}

http::Response AttemptGradingPage(Services& services, http::Request& request, std::int64_t id) {
    const auto now = Now();
    auto a = GetAttempt(Who(request), services.db, id, now);
    if (!a) return ErrorPage(services, request, a.error());
    // The attempt's own student reaches GetAttempt too: this page is for the course's staff.
    auto can = CanGrade(Who(request), services.db, a->course_id);
    if (!can) return ErrorPage(services, request, can.error());
    json slots = json::array();
    for (const auto& s : a->slots) {
        // The answer as the student's result page shows it (not the stored JSON).
        const std::string given = GivenText(services, request, s);
        const bool essay = s.question.type == QuestionType::kEssay;
        slots.push_back({{"slot", s.slot},
                         {"heading", F(services, request, "assessment.attempt.question_n",
                                       {{"n", std::to_string(s.slot)}})},
                         {"text", PlainText(s.question.text, s.question.format == TextFormat::kHtml)},
                         {"given", given},
                         {"essay", essay},
                         {"gradable", essay && *can && a->state != "in_progress"},
                         {"max", Points(s.mark)},
                         {"points", s.share ? Points(*s.share * s.mark) : std::string()},
                         {"earned", s.share ? Points(*s.share * s.mark) + " / " + Points(s.mark)
                                            : T(services, request, "assessment.attempt.awaiting_grade")},
                         {"comment", s.comment}});
    }
    json context{
        {"attempt_id", id},
        {"quiz_href", QuizHref(a->quiz_id) + "/grading"},
        {"number", a->number},
        {"state_label", T(services, request, "assessment.attempt.state_" + a->state)},
        {"mark", a->mark ? Points(*a->mark) + " / " + Points(a->max_mark) : std::string()},
        {"slots", slots},
        {"saved", request.Query("saved").has_value()},
        // false, not "": an empty string opens a Mustache section (an empty alert box on every page).
        {"error", request.Query("error").has_value()
                      ? json(F(services, request, "assessment.grading.mark_range",
                               {{"max", request.Query("max").value_or("")}}))
                      : json(false)}};
    return Page(services, request, "assessment/grading_attempt", context, "assessment.grading.attempt_title");
}

http::Response GradePost(Services& services, http::Request& request, std::int64_t id) {
    const auto slot = ParseId(request.Param("slot"));
    if (!slot || *slot > 10000) return ErrorPage(services, request, NotFoundError());
    std::string text = Field(request, "points");
    for (char& c : text) {
        if (c == ',') c = '.';  // "2,5" as typed on a Kazakh or Russian keyboard.
    }
    double points = -1;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), points);
    const bool parsed = !text.empty() && ec == std::errc{} && ptr == text.data() + text.size();
    auto done = GradeEssay(Who(request), services.db, id, static_cast<int>(*slot), parsed ? points : -1.0,
                           Field(request, "comment"), Now(), request.remote_address);
    const std::string back = "/assessment/attempts/" + std::to_string(id) + "/grading";
    if (!done) {
        if (done.error().message_key == "assessment.grading.mark_range") {
            std::string max;
            for (const auto& [k, v] : done.error().args) {
                if (k == "max") max = v;
            }
            return http::Response::Redirect(back + "?error=1&max=" + max + "#slot-" + std::to_string(*slot));
        }
        return ErrorPage(services, request, done.error());
    }
    return http::Response::Redirect(back + "?saved=1");
}

http::Response RegradePost(Services& services, http::Request& request, std::int64_t quiz_id) {
    auto done = RegradeQuiz(Who(request), services.db, quiz_id, Now(), request.remote_address);
    if (!done) return ErrorPage(services, request, done.error());
    return http::Response::Redirect(QuizHref(quiz_id) +
                                    "/grading?regraded=" + std::to_string(done->attempts) +
                                    "&changed=" + std::to_string(done->marks_changed));
}

// "Send the marks to the journal": every student's best graded attempt again (audited).
http::Response SendMarksPost(Services& services, http::Request& request, std::int64_t quiz_id) {
    auto done = SendMarksToJournal(Who(request), services.db, quiz_id, Now(), request.remote_address);
    if (!done) return ErrorPage(services, request, done.error());
    const JournalTally& t = done->tally;
    return http::Response::Redirect(fmt::format(
        "{}/grading?sent={}&written={}&unchanged={}&closed={}&hand={}&none={}#journal", QuizHref(quiz_id),
        done->students, t.written, t.unchanged, t.closed, t.hand, t.no_journal));
}

std::string Ratio(double value) {
    return fmt::format("{:.2f}", value);
}

http::Response AnalysisPage(Services& services, http::Request& request, std::int64_t quiz_id) {
    auto analysis = AnalyseQuiz(Who(request), services.db, quiz_id);
    if (!analysis) return ErrorPage(services, request, analysis.error());
    json items = json::array();
    for (const auto& item : analysis->items) {
        std::string verdict = "assessment.grading.item_ok";
        if (!item.discrimination) {
            verdict = "assessment.grading.item_undefined";
        } else if (*item.discrimination < 0) {
            verdict = "assessment.grading.item_negative";
        } else if (*item.discrimination < 0.2) {
            verdict = "assessment.grading.item_weak";
        }
        items.push_back(
            {{"name", item.name},
             {"type", item.type},
             {"responses", item.responses},
             {"facility", Ratio(item.facility)},
             {"discrimination", item.discrimination ? Ratio(*item.discrimination) : std::string("—")},
             {"verdict", T(services, request, verdict)},
             {"flag", item.discrimination && *item.discrimination < 0.2}});
    }
    json context{{"quiz_id", quiz_id},
                 {"title", analysis->quiz.title},
                 {"attempts", F(services, request, "assessment.grading.analysis_attempts",
                                {{"count", std::to_string(analysis->attempts)}})},
                 {"items", items},
                 {"has_items", !items.empty()},
                 {"grading_href", QuizHref(quiz_id) + "/grading"}};
    return Page(services, request, "assessment/grading_analysis", context,
                "assessment.grading.analysis_title");
}

using IdFn = http::Response (*)(Services&, http::Request&, std::int64_t);

http::Handler BindId(Services& services, IdFn fn) {
    return [&services, fn](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) return ErrorPage(services, request, NotFoundError());
        return fn(services, request, *id);
    };
}

}  // namespace

void AddGradingRoutes(http::Router& router, Services& services) {
    router.Add(http::Method::kGet, "/assessment/quizzes/{id}/grading", BindId(services, GradingPage));
    router.Add(http::Method::kGet, "/assessment/attempts/{id}/grading", BindId(services, AttemptGradingPage));
    router.Add(http::Method::kPost, "/assessment/attempts/{id}/grading/{slot}", BindId(services, GradePost));
    router.Add(http::Method::kPost, "/assessment/quizzes/{id}/regrade", BindId(services, RegradePost));
    router.Add(http::Method::kPost, "/assessment/quizzes/{id}/journal", BindId(services, SendMarksPost));
    router.Add(http::Method::kGet, "/assessment/quizzes/{id}/analysis", BindId(services, AnalysisPage));
}

}  // namespace oqu::assessment::detail
