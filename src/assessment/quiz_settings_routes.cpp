// Quiz authoring (issue 5 §3, R-A5) and accommodations (R-A7): /courses/{id}/quizzes and
// /courses/{id}/accommodations, and the quizzes in the course's week view.
#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assessment/bank_web.hpp"
#include "courses/api.hpp"

namespace oqu::assessment::bank_web {
namespace {

constexpr int kSpareRules = 3;
constexpr int kMaxRules = 60;

std::string QuizzesHref(std::int64_t course_id) {
    return CourseHref(course_id) + "/quizzes";
}

std::string QuizHref(std::int64_t course_id, std::int64_t quiz_id) {
    return QuizzesHref(course_id) + "/" + std::to_string(quiz_id);
}

json CourseContext(const Services& services, const http::Request& request, std::int64_t course_id) {
    const std::string lang(web::LanguageTag(web::RequestLanguage(request)));
    auto course = courses::FindCourse(Who(request), services.db, course_id, lang);
    json c{{"id", course_id}, {"href", CourseHref(course_id)}, {"title", ""}};
    if (course) c["title"] = course->discipline_code + " " + course->discipline_name;
    return c;
}

std::string Local(core::Instant t) {
    return FormatLocalMinute(t);
}

// "01.10.2026 10:00" (Kazakhstan time) for lists.
std::string Shown(core::Instant t) {
    const std::string s = FormatLocalMinute(t);
    return s.substr(8, 2) + "." + s.substr(5, 2) + "." + s.substr(0, 4) + " " + s.substr(11);
}

std::string Mark(double v) {
    return fmt::format("{:g}", v);
}

QuizDraft DraftOf(const QuizDetail& d) {
    const QuizRow& q = d.quiz;
    QuizDraft draft;
    draft.title = q.title;
    draft.intro = q.intro;
    draft.week_id = q.week_id ? std::to_string(*q.week_id) : "";
    draft.opens_at = Local(q.opens_at);
    draft.closes_at = Local(q.closes_at);
    draft.time_limit_minutes = q.time_limit_seconds ? std::to_string(*q.time_limit_seconds / 60) : "";
    draft.attempts_allowed = std::to_string(q.attempts_allowed);
    draft.shuffle_questions = q.shuffle_questions;
    draft.shuffle_answers = q.shuffle_answers;
    draft.one_per_page = q.one_per_page;
    draft.proctored = q.proctored;
    draft.published = q.published;
    draft.review = q.review;
    draft.grade_column = q.grade_column.value_or("");
    for (const QuizRule& r : d.rules) {
        draft.rules.push_back({r.question_id ? "fixed" : "draw",
                               r.question_id ? std::to_string(*r.question_id) : "",
                               r.category_id ? std::to_string(*r.category_id) : "",
                               std::to_string(r.draw_count), Mark(r.mark)});
    }
    return draft;
}

QuizDraft DraftFrom(http::Request& request) {
    QuizDraft d;
    d.title = Field(request, "title");
    d.intro = Field(request, "intro");
    d.week_id = Field(request, "week_id");
    d.opens_at = Field(request, "opens_at");
    d.closes_at = Field(request, "closes_at");
    d.time_limit_minutes = Field(request, "time_limit_minutes");
    d.attempts_allowed = Field(request, "attempts_allowed");
    d.shuffle_questions = Checked(request, "shuffle_questions");
    d.shuffle_answers = Checked(request, "shuffle_answers");
    d.one_per_page = Field(request, "one_per_page") == "1";
    d.proctored = Checked(request, "proctored");
    d.published = Checked(request, "published");
    d.review = Field(request, "review");
    d.grade_column = Field(request, "grade_column");
    for (int i = 1; i <= kMaxRules; ++i) {
        const std::string n = std::to_string(i);
        RuleDraft r{Field(request, "rule_kind_" + n), Field(request, "rule_question_" + n),
                    Field(request, "rule_category_" + n), Field(request, "rule_count_" + n),
                    Field(request, "rule_mark_" + n)};
        // A row's kind alone (the select's default) is blank.
        if (r.question_id.empty() && r.category_id.empty() && r.count.empty() && r.mark.empty()) continue;
        d.rules.push_back(std::move(r));
    }
    return d;
}

json Options(const std::vector<std::pair<std::string, std::string>>& values, std::string_view selected) {
    json out = json::array();
    for (const auto& [value, label] : values) {
        out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
    }
    return out;
}

http::Response FormPage(const Services& services, http::Request& request, std::int64_t course_id,
                        std::optional<std::int64_t> quiz_id, const QuizDraft& draft,
                        const std::vector<core::Error>& errors, int status) {
    const auto& who = Who(request);
    auto rights = RightsOn(who, services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    bool begun = false;
    if (quiz_id) {
        auto found = FindQuizOf(who, services.db, course_id, *quiz_id);
        if (!found) return Error(services, request, found.error());
        begun = found->attempts_begun;
    } else if (!rights->edit) {
        return Error(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    auto tree = ListCategories(who, services.db, course_id);
    auto questions = ListQuestions(who, services.db, course_id, std::nullopt, false);
    if (!tree || !questions) return Error(services, request, NotFoundError());
    std::vector<std::pair<std::string, std::string>> weeks{
        {"", Say(services, request, "assessment.quiz.whole_course")}};
    if (auto s = courses::StructureOf(who, services.db, course_id)) {
        for (const auto& w : s->weeks) {
            weeks.emplace_back(std::to_string(w.id), Say(services, request, "assessment.quiz.week_n",
                                                         {{"n", std::to_string(w.number)}}) +
                                                         (w.topic.empty() ? "" : ": " + w.topic));
        }
    }
    std::vector<std::pair<std::string, std::string>> question_values{{"", "—"}};
    for (const auto& b : *questions) {
        const Question& q = b.stored.question;
        std::string title = q.name.empty() ? q.text.substr(0, 60) : q.name;
        // Never cut inside a UTF-8 sequence.
        while (!title.empty() && (static_cast<unsigned char>(title.back()) & 0xC0) == 0x80) title.pop_back();
        if (!title.empty() && (static_cast<unsigned char>(title.back()) & 0xC0) == 0xC0) title.pop_back();
        question_values.emplace_back(std::to_string(b.stored.id), "#" + std::to_string(b.stored.id) + " " +
                                                                      title + " (" + b.category_path + ")");
    }
    std::vector<std::pair<std::string, std::string>> category_values{{"", "—"}};
    for (const auto& c : *tree) {
        category_values.emplace_back(std::to_string(c.id), c.path + " (" + std::to_string(c.questions) + ")");
    }
    json rules = json::array();
    const int filled = static_cast<int>(draft.rules.size());
    for (int i = 0; i < std::min(kMaxRules, filled + kSpareRules); ++i) {
        const RuleDraft r =
            i < filled ? draft.rules[static_cast<std::size_t>(i)] : RuleDraft{"draw", "", "", "", ""};
        rules.push_back({{"n", i + 1},
                         {"kinds", Options({{"draw", Say(services, request, "assessment.quiz.rule_draw")},
                                            {"fixed", Say(services, request, "assessment.quiz.rule_fixed")}},
                                           r.kind)},
                         {"questions", Options(question_values, r.question_id)},
                         {"categories", Options(category_values, r.category_id)},
                         {"count", r.count},
                         {"mark", r.mark}});
    }
    json error_list = json::array();
    for (const auto& e : errors) {
        error_list.push_back({{"message", Message(services, request, e)}, {"field", e.detail}});
    }
    const auto say = [&](const char* key) { return Say(services, request, key); };
    json context{
        {"course", CourseContext(services, request, course_id)},
        {"quizzes_href", QuizzesHref(course_id)},
        {"bank_href", CourseHref(course_id) + "/questions"},
        {"action", quiz_id ? QuizHref(course_id, *quiz_id) : QuizzesHref(course_id)},
        {"is_new", !quiz_id},
        {"edit", rights->edit},
        {"begun", begun},
        {"title", draft.title},
        {"intro", draft.intro},
        {"weeks", Options(weeks, draft.week_id)},
        {"opens_at", draft.opens_at},
        {"closes_at", draft.closes_at},
        {"time_limit_minutes", draft.time_limit_minutes},
        {"attempts_allowed", draft.attempts_allowed.empty() ? "1" : draft.attempts_allowed},
        {"shuffle_questions", draft.shuffle_questions},
        {"shuffle_answers", draft.shuffle_answers},
        {"one_per_page", draft.one_per_page},
        {"proctored", draft.proctored},
        {"published", draft.published},
        {"reviews", Options({{"never", say("assessment.quiz.review_never")},
                             {"after_submit", say("assessment.quiz.review_after_submit")},
                             {"after_close", say("assessment.quiz.review_after_close")}},
                            draft.review.empty() ? "after_close" : draft.review)},
        {"columns", Options({{"", say("assessment.quiz.column_none")},
                             {"current", say("assessment.quiz.column_current")},
                             {"rk1", say("assessment.quiz.column_rk1")},
                             {"rk2", say("assessment.quiz.column_rk2")},
                             {"exam", say("assessment.quiz.column_exam")}},
                            draft.grade_column)},
        {"rules", rules},
        {"errors", error_list},
        {"has_errors", !error_list.empty()},
        {"saved", request.Query("saved").has_value()},
        {"take_href", quiz_id ? "/assessment/quizzes/" + std::to_string(*quiz_id) + "/take" : ""},
        // Only for those who may open it (quality officers and auditors read the quiz, not the attempts).
        {"grading_href",
         quiz_id && rights->grade ? "/assessment/quizzes/" + std::to_string(*quiz_id) + "/grading" : ""}};
    auto response = Page(services, request, "assessment/quiz_form", context,
                         quiz_id ? "assessment.quiz.edit_title" : "assessment.quiz.new_title");
    if (response.status == 200) response.status = status;
    return response;
}

http::Response ListGet(const Services& services, http::Request& request, std::int64_t course_id) {
    const auto& who = Who(request);
    auto rights = RightsOn(who, services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    auto quizzes = ListQuizzes(who, services.db, course_id);
    if (!quizzes) return Error(services, request, quizzes.error());
    json rows = json::array();
    for (const auto& q : *quizzes) {
        rows.push_back(
            {{"href", QuizHref(course_id, q.id)},
             {"title", q.title},
             {"opens", Shown(q.opens_at)},
             {"closes", Shown(q.closes_at)},
             {"limit", q.time_limit_seconds ? Say(services, request, "assessment.quiz.minutes",
                                                  {{"n", std::to_string(*q.time_limit_seconds / 60)}})
                                            : Say(services, request, "assessment.quiz.no_limit")},
             {"max_mark", Mark(q.max_mark)},
             {"published", q.published},
             {"proctored", q.proctored}});
    }
    json context{{"course", CourseContext(services, request, course_id)},
                 {"quizzes", rows},
                 {"has_quizzes", !rows.empty()},
                 {"edit", rights->edit},
                 {"accommodate", rights->accommodate},
                 {"new_href", QuizzesHref(course_id) + "/new"},
                 {"bank_href", CourseHref(course_id) + "/questions"},
                 {"accommodations_href", CourseHref(course_id) + "/accommodations"}};
    return Page(services, request, "assessment/quiz_list", context, "assessment.quiz.list_title");
}

http::Response NewGet(const Services& services, http::Request& request, std::int64_t course_id) {
    QuizDraft draft;
    draft.attempts_allowed = "1";
    draft.review = "after_close";
    draft.shuffle_answers = true;
    return FormPage(services, request, course_id, std::nullopt, draft, {}, 200);
}

http::Response Save(const Services& services, http::Request& request, std::int64_t course_id,
                    std::optional<std::int64_t> quiz_id) {
    const QuizDraft draft = DraftFrom(request);
    auto rights = RightsOn(Who(request), services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    if (!rights->edit) {
        return Error(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    if (quiz_id) {
        if (auto found = FindQuizOf(Who(request), services.db, course_id, *quiz_id); !found) {
            return Error(services, request, found.error());
        }
    }
    auto errors = CheckQuiz(services.db, course_id, draft);
    if (!errors.empty()) return FormPage(services, request, course_id, quiz_id, draft, errors, 422);
    auto saved = SaveQuiz(Who(request), ChangeOf(services, request), course_id, quiz_id, draft);
    if (!saved) {
        const auto code = saved.error().code;
        if (code != core::ErrorCode::kInvalidInput && code != core::ErrorCode::kConflict) {
            return Error(services, request, saved.error());
        }
        return FormPage(services, request, course_id, quiz_id, draft, {saved.error()},
                        code == core::ErrorCode::kConflict ? 409 : 422);
    }
    return http::Response::Redirect(QuizHref(course_id, *saved) + "?saved=1");
}

http::Response CreatePost(const Services& services, http::Request& request, std::int64_t course_id) {
    return Save(services, request, course_id, std::nullopt);
}

http::Response QuizGet(const Services& services, http::Request& request, std::int64_t course_id,
                       std::int64_t quiz_id) {
    auto found = FindQuizOf(Who(request), services.db, course_id, quiz_id);
    if (!found) return Error(services, request, found.error());
    return FormPage(services, request, course_id, quiz_id, DraftOf(*found), {}, 200);
}

http::Response QuizPost(const Services& services, http::Request& request, std::int64_t course_id,
                        std::int64_t quiz_id) {
    return Save(services, request, course_id, quiz_id);
}

// ----- accommodations (R-A7) --------------------------------------------------------------------

http::Response AccommodationsPage(const Services& services, http::Request& request, std::int64_t course_id,
                                  const AccommodationDraft& draft, const std::string& problem, int status) {
    const auto& who = Who(request);
    auto rows = ListAccommodations(who, services.db, course_id);
    if (!rows) return Error(services, request, rows.error());
    auto rights = RightsOn(who, services.db, course_id);
    auto quizzes = ListQuizzes(who, services.db, course_id);
    if (!rights || !quizzes) return Error(services, request, NotFoundError());
    json list = json::array();
    for (const auto& a : *rows) {
        list.push_back(
            {{"student", a.student_name},
             {"quiz", a.quiz_id ? a.quiz_title : Say(services, request, "assessment.quiz.every_quiz")},
             {"extra", a.extra_time_percent},
             {"closes", a.closes_at ? Shown(*a.closes_at) : ""},
             {"reason", a.reason},
             {"set_at", Shown(a.set_at)},
             {"remove_action",
              CourseHref(course_id) + "/accommodations/" + std::to_string(a.id) + "/remove"}});
    }
    std::vector<std::pair<std::string, std::string>> students{{"", "—"}};
    for (const auto& s : StudentsOfCourse(services.db, course_id)) {
        students.emplace_back(std::to_string(s.id), s.label);
    }
    std::vector<std::pair<std::string, std::string>> quiz_values{
        {"", Say(services, request, "assessment.quiz.every_quiz")}};
    for (const auto& q : *quizzes) quiz_values.emplace_back(std::to_string(q.id), q.title);
    json context{{"course", CourseContext(services, request, course_id)},
                 {"quizzes_href", QuizzesHref(course_id)},
                 {"action", CourseHref(course_id) + "/accommodations"},
                 {"accommodate", rights->accommodate},
                 {"rows", list},
                 {"has_rows", !list.empty()},
                 {"students", Options(students, draft.student_id)},
                 {"quizzes", Options(quiz_values, draft.quiz_id)},
                 {"extra_time_percent", draft.extra_time_percent},
                 {"closes_at", draft.closes_at},
                 {"reason", draft.reason},
                 {"has_problem", !problem.empty()},
                 {"problem", problem},
                 {"saved", request.Query("saved").has_value()}};
    auto response = Page(services, request, "assessment/quiz_accommodations", context,
                         "assessment.quiz.accommodations_title");
    if (response.status == 200) response.status = status;
    return response;
}

http::Response AccommodationsGet(const Services& services, http::Request& request, std::int64_t course_id) {
    return AccommodationsPage(services, request, course_id, {}, "", 200);
}

http::Response AccommodationPost(const Services& services, http::Request& request, std::int64_t course_id) {
    AccommodationDraft draft{Field(request, "student_id"), Field(request, "quiz_id"),
                             Field(request, "extra_time_percent"), Field(request, "closes_at"),
                             Field(request, "reason")};
    auto set = SetAccommodation(Who(request), ChangeOf(services, request), course_id, draft);
    if (!set) {
        if (set.error().code != core::ErrorCode::kInvalidInput) return Error(services, request, set.error());
        return AccommodationsPage(services, request, course_id, draft,
                                  Message(services, request, set.error()), 422);
    }
    return http::Response::Redirect(CourseHref(course_id) + "/accommodations?saved=1");
}

http::Response AccommodationRemovePost(const Services& services, http::Request& request,
                                       std::int64_t course_id, std::int64_t accommodation_id) {
    auto ok = RemoveAccommodation(Who(request), ChangeOf(services, request), course_id, accommodation_id);
    if (!ok) return Error(services, request, ok.error());
    return http::Response::Redirect(CourseHref(course_id) + "/accommodations?saved=1");
}

std::mutex& ItemStringsMutex() {
    static std::mutex mutex;
    return mutex;
}

std::shared_ptr<const web::Strings>& ItemStrings() {
    static std::shared_ptr<const web::Strings> strings;
    return strings;
}

// Staff and teachers reach the settings (and, as one whole-course item, the quiz list and the
// bank); students the published quizzes.
std::vector<courses::WeekItem> QuizItems(const platform::auth::Principal& /*actor*/,
                                         platform::db::Database& db, std::int64_t course_id,
                                         const courses::CourseAccess& access, std::string_view lang) {
    std::shared_ptr<const web::Strings> strings;
    {
        const std::lock_guard lock(ItemStringsMutex());
        strings = ItemStrings();
    }
    std::vector<courses::WeekItem> items;
    if (!strings) return items;
    const bool staff = access.edit || access.manage || !access.study;
    const auto language = web::ParseLanguage(lang).value_or(web::Language::kKk);
    auto quizzes = ListQuizzes(platform::auth::SystemPrincipal(), db, course_id);
    if (!quizzes) return items;
    if (staff) {
        items.push_back({"quiz", strings->Get(language, "assessment.quiz.all_quizzes"),
                         QuizzesHref(course_id), "", std::nullopt});
    }
    for (const auto& q : *quizzes) {
        if (!staff && !q.published) continue;
        const std::string note =
            strings->Format(language, "assessment.quiz.closes_note", {{"at", Shown(q.closes_at)}});
        items.push_back(
            {"quiz", q.title,
             staff ? QuizHref(course_id, q.id) : "/assessment/quizzes/" + std::to_string(q.id) + "/take",
             note, q.week_id});
    }
    return items;
}

}  // namespace

void AddQuizSettingsRoutes(http::Router& router, Services& services) {
    const auto get = http::Method::kGet;
    const auto post = http::Method::kPost;
    router.Add(get, "/courses/{id}/quizzes", BindCourse(services, ListGet, false));
    router.Add(post, "/courses/{id}/quizzes", BindCourse(services, CreatePost, false));
    router.Add(get, "/courses/{id}/quizzes/new", BindCourse(services, NewGet, false));
    router.Add(get, "/courses/{id}/quizzes/{quiz}", BindSub(services, QuizGet, "quiz", false));
    router.Add(post, "/courses/{id}/quizzes/{quiz}", BindSub(services, QuizPost, "quiz", false));
    router.Add(get, "/courses/{id}/accommodations", BindCourse(services, AccommodationsGet, false));
    router.Add(post, "/courses/{id}/accommodations", BindCourse(services, AccommodationPost, false));
    router.Add(post, "/courses/{id}/accommodations/{accommodation}/remove",
               BindSub(services, AccommodationRemovePost, "accommodation", false));

    // The course page lists the quizzes under their weeks. The provider is registered once per
    // process and outlives any one portal, so it keeps its own copy of the module's strings.
    try {
        auto strings = web::Strings::Load({services.config.resource_dir / "assessment/strings"});
        const std::lock_guard lock(ItemStringsMutex());
        ItemStrings() = std::move(strings);
    } catch (const std::runtime_error&) {
        // Without the strings files the items show their keys; the pages themselves fail loudly.
    }
    static std::once_flag registered;
    std::call_once(registered, [] { courses::AddWeekItemProvider(QuizItems); });
}

}  // namespace oqu::assessment::bank_web
