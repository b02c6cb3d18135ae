// The question bank of a course (issue 5 §3, R-A5): /courses/{id}/questions pages (categories,
// questions of the eight types, preview, import with a preview before saving, Moodle XML export)
// and /api/v1/courses/{id}/questions.
#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assessment/bank_web.hpp"
#include "courses/api.hpp"
#include "platform/auth/gate.hpp"
#include "platform/auth/receipt.hpp"
#include "platform/files/file_store.hpp"

namespace oqu::assessment::bank_web {
namespace {

// An uploaded question file is at most 5 MiB.
constexpr std::uint64_t kMaxImport = 5ull << 20;
// Answer rows the form shows beyond the filled ones.
constexpr int kSpareRows = 3;
constexpr int kMaxRows = 50;

constexpr std::array<std::string_view, 8> kTypeNames{
    "single_choice", "multiple_choice", "true_false", "matching",
    "ordering",      "short_answer",    "numerical",  "essay"};

std::string BankHref(std::int64_t course_id) {
    return CourseHref(course_id) + "/questions";
}

std::string QuestionHref(std::int64_t course_id, std::int64_t question_id) {
    return BankHref(course_id) + "/" + std::to_string(question_id);
}

json CourseContext(const Services& services, const http::Request& request, std::int64_t course_id) {
    const std::string lang(web::LanguageTag(web::RequestLanguage(request)));
    auto course = courses::FindCourse(Who(request), services.db, course_id, lang);
    json c{{"id", course_id}, {"href", CourseHref(course_id)}, {"title", ""}};
    if (course) c["title"] = course->discipline_code + " " + course->discipline_name;
    return c;
}

std::string TypeLabel(const Services& services, const http::Request& request, std::string_view type) {
    return Say(services, request, "assessment.bank.type_" + std::string(type));
}

json TypeOptions(const Services& services, const http::Request& request, std::string_view selected) {
    json out = json::array();
    for (auto t : kTypeNames) {
        out.push_back(
            {{"value", t}, {"label", TypeLabel(services, request, t)}, {"selected", t == selected}});
    }
    return out;
}

json CategoryOptions(const std::vector<Category>& tree, std::optional<std::int64_t> selected) {
    json out = json::array();
    for (const auto& c : tree) {
        out.push_back({{"id", c.id}, {"label", c.path}, {"selected", selected && *selected == c.id}});
    }
    return out;
}

std::string Excerpt(const std::string& text) {
    // At most ~100 bytes, cut on a UTF-8 boundary.
    if (text.size() <= 100) return text;
    std::size_t cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

std::string Percent(double share) {
    const double p = share * 100.0;
    if (std::fabs(p - std::round(p)) < 1e-6) return std::to_string(static_cast<long long>(std::llround(p)));
    return fmt::format("{:.4g}", p);
}

std::string Number(double v) {
    return fmt::format("{:g}", v);
}

std::vector<json> IssueList(const Services& services, const http::Request& request,
                            const std::vector<Issue>& issues) {
    std::vector<json> out;
    for (const Issue& i : issues) {
        const std::map<std::string, std::string> args(i.args.begin(), i.args.end());
        out.push_back({{"where", i.where}, {"message", Say(services, request, i.key, args)}, {"key", i.key}});
    }
    return out;
}

// The draft a question form sent.
QuestionDraft DraftFrom(http::Request& request) {
    QuestionDraft d;
    d.type = Field(request, "type");
    d.name = Field(request, "name");
    d.text = Field(request, "text");
    d.format = Field(request, "format");
    d.feedback = Field(request, "feedback");
    d.right = Field(request, "right");
    for (int i = 1; i <= kMaxRows; ++i) {
        const std::string n = std::to_string(i);
        AnswerDraft a{Field(request, "answer_text_" + n), Field(request, "answer_fraction_" + n),
                      Field(request, "answer_match_" + n), Field(request, "answer_tolerance_" + n),
                      Field(request, "answer_feedback_" + n)};
        d.answers.push_back(std::move(a));
    }
    while (!d.answers.empty() && d.answers.back().text.empty() && d.answers.back().fraction.empty() &&
           d.answers.back().match.empty() && d.answers.back().tolerance.empty() &&
           d.answers.back().feedback.empty()) {
        d.answers.pop_back();
    }
    return d;
}

QuestionDraft DraftOf(const Question& q) {
    QuestionDraft d;
    d.type = std::string(TypeName(q.type));
    d.name = q.name;
    d.text = q.text;
    d.format = std::string(FormatName(q.format));
    d.feedback = q.feedback;
    for (const Answer& a : q.answers) {
        if (q.type == QuestionType::kTrueFalse) {
            if (a.fraction > 0) d.right = a.text;
            continue;
        }
        d.answers.push_back({a.text, a.penalty > 0 ? "-" + Percent(a.penalty) : Percent(a.fraction), a.match,
                             a.tolerance ? Number(*a.tolerance) : "", a.feedback});
    }
    return d;
}

// The add/edit form of a question of `draft.type`.
json QuestionForm(const Services& services, const http::Request& request, const QuestionDraft& draft) {
    const std::string& t = draft.type;
    json rows = json::array();
    const int filled = static_cast<int>(draft.answers.size());
    const int count = std::min(kMaxRows, std::max(filled + kSpareRows, 4));
    for (int i = 0; i < count; ++i) {
        const AnswerDraft a = i < filled ? draft.answers[static_cast<std::size_t>(i)] : AnswerDraft{};
        rows.push_back({{"n", i + 1},
                        {"text", a.text},
                        {"fraction", a.fraction},
                        {"match", a.match},
                        {"tolerance", a.tolerance},
                        {"feedback", a.feedback}});
    }
    json formats = json::array();
    for (std::string_view f : {"plain", "html", "markdown"}) {
        formats.push_back({{"value", f},
                           {"label", Say(services, request, "assessment.bank.format_" + std::string(f))},
                           {"selected", f == (draft.format.empty() ? "plain" : draft.format)}});
    }
    return {{"type", t},
            {"type_label", TypeLabel(services, request, t)},
            {"name", draft.name},
            {"text", draft.text},
            {"feedback", draft.feedback},
            {"formats", formats},
            {"right_true", draft.right == "true"},
            {"right_false", draft.right == "false"},
            {"rows", rows},
            {"true_false", t == "true_false"},
            {"essay", t == "essay"},
            {"has_rows", t != "true_false" && t != "essay"},
            {"show_fraction",
             t == "single_choice" || t == "multiple_choice" || t == "short_answer" || t == "numerical"},
            {"show_match", t == "matching"},
            {"show_tolerance", t == "numerical"},
            {"hint", Say(services, request, "assessment.bank.hint_" + t)}};
}

// The question as a student sees it in an attempt (answers in stored order; the quiz may shuffle).
json PreviewOf(const Question& q) {
    json answers = json::array();
    json pairs = json::array();
    std::set<std::string> options;
    int id = 0;
    for (const Answer& a : q.answers) {
        ++id;
        answers.push_back({{"id", id}, {"text", a.text}});
        if (q.type == QuestionType::kMatching) options.insert(a.match);
    }
    if (q.type == QuestionType::kMatching) {
        json opts = json::array();
        for (const auto& o : options) opts.push_back({{"value", o}});
        id = 0;
        for (const Answer& a : q.answers) {
            pairs.push_back({{"id", ++id}, {"text", a.text}, {"options", opts}});
        }
    }
    return {{"text", q.text},
            {"single", q.type == QuestionType::kSingleChoice},
            {"multiple", q.type == QuestionType::kMultipleChoice},
            {"true_false", q.type == QuestionType::kTrueFalse},
            {"line", q.type == QuestionType::kShortAnswer || q.type == QuestionType::kNumerical},
            {"essay", q.type == QuestionType::kEssay},
            {"matching", q.type == QuestionType::kMatching},
            {"ordering", q.type == QuestionType::kOrdering},
            {"answers", answers},
            {"pairs", pairs}};
}

json QuestionJsonOut(std::int64_t course_id, const BankQuestion& b) {
    const Question& q = b.stored.question;
    json answers = json::array();
    for (const Answer& a : q.answers) {
        json answer{{"text", a.text}, {"fraction", a.fraction}};
        if (a.penalty > 0) answer["penalty"] = a.penalty;
        if (!a.match.empty()) answer["match"] = a.match;
        if (a.tolerance) answer["tolerance"] = *a.tolerance;
        if (!a.feedback.empty()) answer["feedback"] = a.feedback;
        answers.push_back(std::move(answer));
    }
    return {{"id", b.stored.id},
            {"href", QuestionHref(course_id, b.stored.id)},
            {"category_id", b.stored.category_id},
            {"category", b.category_path},
            {"version", b.stored.version},
            {"retired", b.stored.retired},
            {"type", TypeName(q.type)},
            {"name", q.name},
            {"text", q.text},
            {"text_format", FormatName(q.format)},
            {"feedback", q.feedback},
            {"answers", answers}};
}

// ----- the bank page ----------------------------------------------------------------------------

http::Response BankPage(const Services& services, http::Request& request, std::int64_t course_id,
                        const std::string& problem) {
    const auto& who = Who(request);
    auto rights = RightsOn(who, services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    auto tree = ListCategories(who, services.db, course_id);
    if (!tree) return Error(services, request, tree.error());
    std::optional<std::int64_t> filter;
    if (auto c = request.Query("category")) filter = Id(*c);
    const bool with_retired = request.Query("retired").has_value();
    auto questions = ListQuestions(who, services.db, course_id, filter, with_retired);
    if (!questions) return Error(services, request, questions.error());
    json cats = json::array();
    for (const auto& c : *tree) {
        cats.push_back({{"id", c.id},
                        {"name", c.name},
                        {"path", c.path},
                        {"indent", c.depth * 2},
                        {"questions", c.questions},
                        {"removable", c.removable},
                        {"href", BankHref(course_id) + "?category=" + std::to_string(c.id)},
                        {"action", BankHref(course_id) + "/categories/" + std::to_string(c.id)}});
    }
    json rows = json::array();
    for (const auto& b : *questions) {
        const Question& q = b.stored.question;
        rows.push_back({{"id", b.stored.id},
                        {"href", QuestionHref(course_id, b.stored.id)},
                        {"preview_href", QuestionHref(course_id, b.stored.id) + "/preview"},
                        {"title", q.name.empty() ? Excerpt(q.text) : q.name},
                        {"type_label", TypeLabel(services, request, TypeName(q.type))},
                        {"category", b.category_path},
                        {"version", b.stored.version},
                        {"retired", b.stored.retired}});
    }
    json context{{"course", CourseContext(services, request, course_id)},
                 {"bank_href", BankHref(course_id)},
                 {"quizzes_href", CourseHref(course_id) + "/quizzes"},
                 {"edit", rights->edit},
                 {"categories", cats},
                 {"has_categories", !cats.empty()},
                 {"category_options", CategoryOptions(*tree, filter)},
                 {"questions", rows},
                 {"has_questions", !rows.empty()},
                 {"types", TypeOptions(services, request, "single_choice")},
                 {"with_retired", with_retired},
                 {"filter", filter ? json(*filter) : json(nullptr)},
                 {"export_href", BankHref(course_id) + "/export.xml" +
                                     (filter ? "?category=" + std::to_string(*filter) : std::string())},
                 {"saved", request.Query("saved").has_value()},
                 {"has_problem", !problem.empty()},
                 {"problem", problem}};
    return Page(services, request, "assessment/bank", context, "assessment.bank.title");
}

http::Response BankGet(const Services& services, http::Request& request, std::int64_t course_id) {
    return BankPage(services, request, course_id, "");
}

// A failed form post: the bank page again with the translated problem (422), or the error page.
http::Response BankProblem(const Services& services, http::Request& request, std::int64_t course_id,
                           const core::Error& error) {
    if (error.code != core::ErrorCode::kInvalidInput && error.code != core::ErrorCode::kConflict) {
        return Error(services, request, error);
    }
    auto response = BankPage(services, request, course_id, Message(services, request, error));
    if (response.status == 200) response.status = error.code == core::ErrorCode::kConflict ? 409 : 422;
    return response;
}

http::Response CategoryPost(const Services& services, http::Request& request, std::int64_t course_id) {
    auto made = AddCategory(Who(request), ChangeOf(services, request), course_id, Field(request, "name"),
                            Field(request, "parent"));
    if (!made) return BankProblem(services, request, course_id, made.error());
    return http::Response::Redirect(BankHref(course_id) + "?saved=1");
}

http::Response RenamePost(const Services& services, http::Request& request, std::int64_t course_id,
                          std::int64_t category_id) {
    auto ok = RenameCategory(Who(request), ChangeOf(services, request), course_id, category_id,
                             Field(request, "name"));
    if (!ok) return BankProblem(services, request, course_id, ok.error());
    return http::Response::Redirect(BankHref(course_id) + "?saved=1");
}

http::Response RemoveCategoryPost(const Services& services, http::Request& request, std::int64_t course_id,
                                  std::int64_t category_id) {
    auto ok = RemoveCategory(Who(request), ChangeOf(services, request), course_id, category_id);
    if (!ok) return BankProblem(services, request, course_id, ok.error());
    return http::Response::Redirect(BankHref(course_id) + "?saved=1");
}

// ----- question forms ---------------------------------------------------------------------------

http::Response QuestionPage(const Services& services, http::Request& request, std::int64_t course_id,
                            std::optional<std::int64_t> question_id, const QuestionDraft& draft,
                            std::optional<std::int64_t> category_id, const std::vector<Issue>& issues,
                            int status) {
    const auto& who = Who(request);
    auto rights = RightsOn(who, services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    if (!rights->edit) {
        return Error(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    auto tree = ListCategories(who, services.db, course_id);
    if (!tree) return Error(services, request, tree.error());
    json context{{"course", CourseContext(services, request, course_id)},
                 {"bank_href", BankHref(course_id)},
                 {"form", QuestionForm(services, request, draft)},
                 {"is_new", !question_id},
                 {"action", question_id ? QuestionHref(course_id, *question_id) : BankHref(course_id)},
                 {"category_options", CategoryOptions(*tree, category_id)},
                 {"issues", IssueList(services, request, issues)},
                 {"has_issues", !issues.empty()},
                 {"saved", request.Query("saved").has_value()},
                 {"version", 0},
                 {"retired", false}};
    if (question_id) {
        auto found = FindQuestion(who, services.db, course_id, *question_id);
        if (!found) return Error(services, request, found.error());
        context["version"] = found->stored.version;
        context["retired"] = found->stored.retired;
        context["preview_href"] = QuestionHref(course_id, *question_id) + "/preview";
        context["retire_action"] = QuestionHref(course_id, *question_id) + "/retire";
        context["move_action"] = QuestionHref(course_id, *question_id) + "/move";
    }
    auto response = Page(services, request, "assessment/bank_question", context,
                         question_id ? "assessment.bank.edit_question" : "assessment.bank.new_question");
    if (response.status == 200) response.status = status;
    return response;
}

http::Response NewQuestionGet(const Services& services, http::Request& request, std::int64_t course_id) {
    QuestionDraft draft;
    draft.type = std::string(request.Query("type").value_or("single_choice"));
    if (!ParseTypeName(draft.type)) draft.type = "single_choice";
    std::optional<std::int64_t> category;
    if (auto c = request.Query("category")) category = Id(*c);
    return QuestionPage(services, request, course_id, std::nullopt, draft, category, {}, 200);
}

http::Response QuestionCreatePost(const Services& services, http::Request& request, std::int64_t course_id) {
    const QuestionDraft draft = DraftFrom(request);
    const auto category = Id(Field(request, "category_id"));
    auto built = BuildQuestion(draft);
    if (!category) {
        built.issues.insert(built.issues.begin(), {"category", "assessment.bank.category_invalid", {}});
    }
    if (!built.issues.empty()) {
        return QuestionPage(services, request, course_id, std::nullopt, draft, category, built.issues, 422);
    }
    auto made = AddQuestion(Who(request), ChangeOf(services, request), course_id, *category, draft);
    if (!made) {
        if (made.error().code != core::ErrorCode::kInvalidInput) {
            return Error(services, request, made.error());
        }
        return QuestionPage(services, request, course_id, std::nullopt, draft, category,
                            {{made.error().detail, made.error().message_key, {}}}, 422);
    }
    return http::Response::Redirect(QuestionHref(course_id, *made) + "?saved=1");
}

http::Response PreviewGet(const Services& services, http::Request& request, std::int64_t course_id,
                          std::int64_t question_id);

http::Response QuestionGet(const Services& services, http::Request& request, std::int64_t course_id,
                           std::int64_t question_id) {
    auto found = FindQuestion(Who(request), services.db, course_id, question_id);
    if (!found) return Error(services, request, found.error());
    auto rights = RightsOn(Who(request), services.db, course_id);
    if (rights && !rights->edit) return PreviewGet(services, request, course_id, question_id);  // readers
    return QuestionPage(services, request, course_id, question_id, DraftOf(found->stored.question),
                        found->stored.category_id, {}, 200);
}

http::Response QuestionEditPost(const Services& services, http::Request& request, std::int64_t course_id,
                                std::int64_t question_id) {
    auto found = FindQuestion(Who(request), services.db, course_id, question_id);
    if (!found) return Error(services, request, found.error());
    QuestionDraft draft = DraftFrom(request);
    draft.type = std::string(TypeName(found->stored.question.type));
    auto built = BuildQuestion(draft);
    if (!built.issues.empty()) {
        return QuestionPage(services, request, course_id, question_id, draft, found->stored.category_id,
                            built.issues, 422);
    }
    auto ok = EditQuestion(Who(request), ChangeOf(services, request), course_id, question_id, draft);
    if (!ok) return Error(services, request, ok.error());
    return http::Response::Redirect(QuestionHref(course_id, question_id) + "?saved=1");
}

http::Response RetirePost(const Services& services, http::Request& request, std::int64_t course_id,
                          std::int64_t question_id) {
    auto ok = RetireQuestion(Who(request), ChangeOf(services, request), course_id, question_id,
                             Field(request, "retired") != "0");
    if (!ok) return Error(services, request, ok.error());
    return http::Response::Redirect(QuestionHref(course_id, question_id) + "?saved=1");
}

http::Response MovePost(const Services& services, http::Request& request, std::int64_t course_id,
                        std::int64_t question_id) {
    // A missing category is id 0: MoveQuestion checks the rights first, then refuses it.
    const auto category = Id(Field(request, "category_id")).value_or(0);
    auto ok = MoveQuestion(Who(request), ChangeOf(services, request), course_id, question_id, category);
    if (!ok) return BankProblem(services, request, course_id, ok.error());
    return http::Response::Redirect(QuestionHref(course_id, question_id) + "?saved=1");
}

http::Response PreviewGet(const Services& services, http::Request& request, std::int64_t course_id,
                          std::int64_t question_id) {
    auto found = FindQuestion(Who(request), services.db, course_id, question_id);
    if (!found) return Error(services, request, found.error());
    const Question& q = found->stored.question;
    json context{{"course", CourseContext(services, request, course_id)},
                 {"bank_href", BankHref(course_id)},
                 {"edit_href", QuestionHref(course_id, question_id)},
                 {"title", q.name.empty() ? Excerpt(q.text) : q.name},
                 {"type_label", TypeLabel(services, request, TypeName(q.type))},
                 {"version", found->stored.version},
                 {"question", PreviewOf(q)}};
    return Page(services, request, "assessment/bank_preview", context, "assessment.bank.preview_title");
}

// ----- import and export ------------------------------------------------------------------------

json FormatOptions(const Services& services, const http::Request& request, std::string_view selected) {
    json out = json::array();
    for (std::string_view f : {"auto", "moodle-xml", "gift", "aiken", "kz-text"}) {
        out.push_back({{"value", f},
                       {"label", Say(services, request, "assessment.bank.import_format_" + std::string(f))},
                       {"selected", f == selected}});
    }
    return out;
}

http::Response ImportPage(const Services& services, http::Request& request, std::int64_t course_id,
                          const json& extra, int status) {
    const auto& who = Who(request);
    auto rights = RightsOn(who, services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    if (!rights->edit) {
        return Error(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    auto tree = ListCategories(who, services.db, course_id);
    if (!tree) return Error(services, request, tree.error());
    std::optional<std::int64_t> category;
    if (extra.contains("category_id")) category = extra["category_id"].get<std::int64_t>();
    json context{{"course", CourseContext(services, request, course_id)},
                 {"bank_href", BankHref(course_id)},
                 {"action", BankHref(course_id) + "/import"},
                 {"commit_action", BankHref(course_id) + "/import/commit"},
                 {"category_options", CategoryOptions(*tree, category)},
                 {"has_categories", !tree->empty()},
                 {"formats", FormatOptions(services, request, extra.value("format", std::string("auto")))},
                 {"previewed", false},
                 {"has_problem", false}};
    for (const auto& [k, v] : extra.items()) context[k] = v;
    auto response =
        Page(services, request, "assessment/bank_import", context, "assessment.bank.import_title");
    if (response.status == 200) response.status = status;
    return response;
}

http::Response ImportGet(const Services& services, http::Request& request, std::int64_t course_id) {
    return ImportPage(services, request, course_id, json::object(), 200);
}

// The preview of an import: every question and every problem, nothing saved. The file is kept in
// the file store so that the commit reads exactly the bytes previewed.
json PreviewContext(const Services& services, const http::Request& request, const ImportResult& result) {
    json questions = json::array();
    int n = 0;
    for (const Question& q : result.parsed.questions) {
        json answers = json::array();
        for (const Answer& a : q.answers) {
            std::string share = a.penalty > 0 ? "-" + Percent(a.penalty) + "%" : Percent(a.fraction) + "%";
            answers.push_back(
                {{"text", a.text}, {"match", a.match}, {"share", share}, {"right", a.fraction > 0}});
        }
        questions.push_back({{"n", ++n},
                             {"type_label", TypeLabel(services, request, TypeName(q.type))},
                             {"name", q.name},
                             {"category", q.category},
                             {"text", q.text},
                             {"line", q.line},
                             {"answers", answers}});
    }
    const auto issues = IssueList(services, request, result.parsed.issues);
    return {{"previewed", true},
            {"format", ImportFormatName(result.format)},
            {"format_label",
             Say(services, request,
                 "assessment.bank.import_format_" + std::string(ImportFormatName(result.format)))},
            {"questions", questions},
            {"question_count", questions.size()},
            {"has_questions", !questions.empty()},
            {"issues", issues},
            {"issue_count", issues.size()},
            {"has_issues", !issues.empty()},
            {"can_commit", issues.empty() && !questions.empty()}};
}

// The receipt that binds a kept import file to this session's preview for this course
// (platform/auth/receipt.hpp): a file's hash alone does not commit it.
std::string ImportPurpose(std::int64_t course_id) {
    return "assessment.questions:" + std::to_string(course_id);
}

std::string ImportReceipt(const http::Request& request, std::int64_t course_id, std::string_view sha256) {
    return platform::auth::UploadReceipt(platform::auth::CsrfToken(request), ImportPurpose(course_id),
                                         sha256);
}

http::Response ImportPost(const Services& services, http::Request& request, std::int64_t course_id) {
    auto rights = RightsOn(Who(request), services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    if (!rights->edit) {
        return Error(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    auto form = request.Form();
    const http::UploadedFile* file = form ? form.value()->File("file") : nullptr;
    const std::string format_name = Field(request, "format");
    const auto format =
        ParseImportFormat(format_name.empty() ? "auto" : format_name).value_or(ImportFormat::kAuto);
    const auto category = Id(Field(request, "category_id"));
    json extra{{"format", std::string(ImportFormatName(format))}};
    if (category) extra["category_id"] = *category;
    const auto problem = [&](const std::string& key) {
        extra["has_problem"] = true;
        extra["problem"] = Say(services, request, key);
        return ImportPage(services, request, course_id, extra, 422);
    };
    if (file == nullptr || file->size == 0) return problem("assessment.bank.import_no_file");
    if (file->size > kMaxImport) return problem("assessment.bank.import_too_large");
    auto bytes = file->ReadAll();
    if (!bytes) return Error(services, request, bytes.error());
    auto stored = services.files.Put(*bytes);
    if (!stored) return Error(services, request, stored.error());
    const ImportResult result = ReadQuestions(file->filename, *bytes, format);
    json preview = PreviewContext(services, request, result);
    for (const auto& [k, v] : preview.items()) extra[k] = v;
    extra["sha256"] = stored->sha256;
    extra["receipt"] = ImportReceipt(request, course_id, stored->sha256);
    extra["file_name"] = file->filename;
    return ImportPage(services, request, course_id, extra, result.parsed.issues.empty() ? 200 : 422);
}

http::Response ImportCommitPost(const Services& services, http::Request& request, std::int64_t course_id) {
    const std::string sha256 = Field(request, "sha256");
    const auto format = ParseImportFormat(Field(request, "format")).value_or(ImportFormat::kAuto);
    const auto category = Id(Field(request, "category_id"));
    const std::string file_name = Field(request, "file_name");
    json extra{{"format", std::string(ImportFormatName(format))}};
    if (category) extra["category_id"] = *category;
    const bool hex = sha256.size() == 64 && std::all_of(sha256.begin(), sha256.end(), [](char c) {
                         return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                     });
    auto rights = RightsOn(Who(request), services.db, course_id);
    if (!rights) return Error(services, request, rights.error());
    const bool previewed = hex && platform::auth::CheckUploadReceipt(platform::auth::CsrfToken(request),
                                                                     ImportPurpose(course_id), sha256,
                                                                     Field(request, "receipt"));
    if (!previewed || !services.files.Exists(sha256)) {
        extra["has_problem"] = true;
        extra["problem"] = Say(services, request, "assessment.bank.import_no_file");
        return ImportPage(services, request, course_id, extra, 422);
    }
    auto in = services.files.Open(sha256);
    if (!in) return Error(services, request, in.error());
    std::string bytes((std::istreambuf_iterator<char>(*in)), std::istreambuf_iterator<char>());
    const ImportResult result = ReadQuestions(file_name, bytes, format);
    if (!category) {
        json preview = PreviewContext(services, request, result);
        for (const auto& [k, v] : preview.items()) extra[k] = v;
        extra["sha256"] = sha256;
        extra["receipt"] = ImportReceipt(request, course_id, sha256);
        extra["file_name"] = file_name;
        extra["has_problem"] = true;
        extra["problem"] = Say(services, request, "assessment.bank.category_invalid");
        return ImportPage(services, request, course_id, extra, 422);
    }
    auto saved = CommitImport(Who(request), ChangeOf(services, request), course_id, *category, result);
    if (!saved) {
        if (saved.error().code != core::ErrorCode::kInvalidInput) {
            return Error(services, request, saved.error());
        }
        json preview = PreviewContext(services, request, result);
        for (const auto& [k, v] : preview.items()) extra[k] = v;
        extra["sha256"] = sha256;
        extra["receipt"] = ImportReceipt(request, course_id, sha256);
        extra["file_name"] = file_name;
        extra["has_problem"] = true;
        extra["problem"] = Message(services, request, saved.error());
        return ImportPage(services, request, course_id, extra, 422);
    }
    return http::Response::Redirect(BankHref(course_id) + "?category=" + std::to_string(*category) +
                                    "&saved=1");
}

http::Response ExportGet(const Services& services, http::Request& request, std::int64_t course_id) {
    std::optional<std::int64_t> category;
    if (auto c = request.Query("category"); c && !c->empty()) {
        category = Id(*c);
        if (!category) return Error(services, request, NotFoundError());
    }
    auto xml = ExportBank(Who(request), services.db, course_id, category);
    if (!xml) return Error(services, request, xml.error());
    auto response = http::Response::Text(*xml, 200);
    response.SetHeader("Content-Type", "application/xml; charset=utf-8");
    response.SetHeader("Content-Disposition",
                       "attachment; filename=\"questions-" + std::to_string(course_id) +
                           (category ? "-" + std::to_string(*category) : "") + ".xml\"");
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

// ----- JSON API ---------------------------------------------------------------------------------

json Body(const http::Request& request) {
    auto body = json::parse(request.body, nullptr, false);
    return body.is_object() ? body : json::object();
}

std::string Text(const json& body, const char* key) {
    if (!body.contains(key)) return {};
    const auto& v = body[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number()) return Number(v.get<double>());
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    return {};
}

http::Response ApiList(const Services& services, http::Request& request, std::int64_t course_id) {
    const auto& who = Who(request);
    std::optional<std::int64_t> filter;
    if (auto c = request.Query("category")) filter = Id(*c);
    auto questions = ListQuestions(who, services.db, course_id, filter, request.Query("retired").has_value());
    if (!questions) return ApiError(services, request, questions.error());
    auto tree = ListCategories(who, services.db, course_id);
    if (!tree) return ApiError(services, request, tree.error());
    json cats = json::array();
    for (const auto& c : *tree) {
        cats.push_back({{"id", c.id},
                        {"name", c.name},
                        {"path", c.path},
                        {"parent_id", c.parent_id ? json(*c.parent_id) : json(nullptr)},
                        {"questions", c.questions}});
    }
    json items = json::array();
    for (const auto& b : *questions) items.push_back(QuestionJsonOut(course_id, b));
    return Json({{"categories", cats}, {"questions", items}});
}

http::Response ApiCreate(const Services& services, http::Request& request, std::int64_t course_id) {
    auto rights = RightsOn(Who(request), services.db, course_id);
    if (!rights) return ApiError(services, request, rights.error());
    if (!rights->edit) {
        return ApiError(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    const json body = Body(request);
    QuestionDraft draft;
    draft.type = Text(body, "type");
    draft.name = Text(body, "name");
    draft.text = Text(body, "text");
    draft.format = Text(body, "text_format");
    draft.feedback = Text(body, "feedback");
    draft.right = Text(body, "right");
    if (body.contains("answers") && body["answers"].is_array()) {
        for (const auto& a : body["answers"]) {
            if (!a.is_object()) continue;
            std::string fraction = Text(a, "fraction");
            // The API speaks shares 0..1 like the import JSON; the form speaks percent.
            if (a.contains("fraction") && a["fraction"].is_number()) {
                fraction = Number(a["fraction"].get<double>() * 100);
            }
            draft.answers.push_back(
                {Text(a, "text"), fraction, Text(a, "match"), Text(a, "tolerance"), Text(a, "feedback")});
        }
    }
    const auto category = Id(Text(body, "category_id"));
    auto built = BuildQuestion(draft);
    if (!built.issues.empty() || !category) {
        json errors = json::array();
        if (!category) {
            errors.push_back({{"where", "category_id"},
                              {"key", "assessment.bank.category_invalid"},
                              {"message", Say(services, request, "assessment.bank.category_invalid")}});
        }
        for (const auto& i : IssueList(services, request, built.issues)) errors.push_back(i);
        json out{{"error",
                  {{"code", "invalid_input"}, {"key", errors[0]["key"]}, {"message", errors[0]["message"]}}},
                 {"errors", errors}};
        return Json(out, 422);
    }
    auto made = AddQuestion(Who(request), ChangeOf(services, request), course_id, *category, draft);
    if (!made) return ApiError(services, request, made.error());
    auto found = FindQuestion(Who(request), services.db, course_id, *made);
    if (!found) return ApiError(services, request, found.error());
    return Json(QuestionJsonOut(course_id, *found), 201);
}

// {"file_name", "content", "format", "category_id", "dry_run"}: the import's JSON (as the CLI's
// --dry-run) and, unless a dry run, the questions saved.
http::Response ApiImport(const Services& services, http::Request& request, std::int64_t course_id) {
    const json body = Body(request);
    auto rights = RightsOn(Who(request), services.db, course_id);
    if (!rights) return ApiError(services, request, rights.error());
    if (!rights->edit) {
        return ApiError(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    const std::string content = Text(body, "content");
    const auto format = ParseImportFormat(Text(body, "format").empty() ? "auto" : Text(body, "format"));
    if (!format) {
        return ApiError(services, request,
                        core::MakeError(core::ErrorCode::kInvalidInput,
                                        "assessment.bank.import_format_invalid", "format"));
    }
    const bool dry_run =
        (body.contains("dry_run") && body["dry_run"].is_boolean() && body["dry_run"].get<bool>()) ||
        request.Query("dry_run").value_or("") == "1" || request.Query("dry_run").value_or("") == "true";
    const ImportResult result = ReadQuestions(Text(body, "file_name"), content, *format);
    json out = ResultJson(result, services.renderer.strings(), web::RequestLanguage(request));
    out["dry_run"] = dry_run;
    out["saved"] = 0;
    if (dry_run) return Json(out, result.parsed.issues.empty() ? 200 : 422);
    const auto category = Id(Text(body, "category_id"));
    if (!category) {
        return ApiError(services, request,
                        core::MakeError(core::ErrorCode::kInvalidInput, "assessment.bank.category_invalid",
                                        "category_id"));
    }
    auto saved = CommitImport(Who(request), ChangeOf(services, request), course_id, *category, result);
    if (!saved) {
        if (saved.error().code != core::ErrorCode::kInvalidInput) {
            return ApiError(services, request, saved.error());
        }
        out["error"] = {{"code", "invalid_input"},
                        {"key", saved.error().message_key},
                        {"message", Message(services, request, saved.error())}};
        return Json(out, 422);
    }
    out["saved"] = *saved;
    return Json(out, 201);
}

}  // namespace

void AddBankRoutes(http::Router& router, Services& services) {
    const auto get = http::Method::kGet;
    const auto post = http::Method::kPost;
    router.Add(get, "/courses/{id}/questions", BindCourse(services, BankGet, false));
    router.Add(post, "/courses/{id}/questions", BindCourse(services, QuestionCreatePost, false));
    router.Add(get, "/courses/{id}/questions/new", BindCourse(services, NewQuestionGet, false));
    router.Add(post, "/courses/{id}/questions/categories", BindCourse(services, CategoryPost, false));
    router.Add(post, "/courses/{id}/questions/categories/{category}",
               BindSub(services, RenamePost, "category", false));
    router.Add(post, "/courses/{id}/questions/categories/{category}/remove",
               BindSub(services, RemoveCategoryPost, "category", false));
    router.Add(get, "/courses/{id}/questions/import", BindCourse(services, ImportGet, false));
    router.Add(post, "/courses/{id}/questions/import", BindCourse(services, ImportPost, false),
               {.max_body = kMaxImport + (64 << 10)});
    router.Add(post, "/courses/{id}/questions/import/commit", BindCourse(services, ImportCommitPost, false));
    router.Add(get, "/courses/{id}/questions/export.xml", BindCourse(services, ExportGet, false));
    router.Add(get, "/courses/{id}/questions/{question}", BindSub(services, QuestionGet, "question", false));
    router.Add(post, "/courses/{id}/questions/{question}",
               BindSub(services, QuestionEditPost, "question", false));
    router.Add(get, "/courses/{id}/questions/{question}/preview",
               BindSub(services, PreviewGet, "question", false));
    router.Add(post, "/courses/{id}/questions/{question}/retire",
               BindSub(services, RetirePost, "question", false));
    router.Add(post, "/courses/{id}/questions/{question}/move",
               BindSub(services, MovePost, "question", false));
    router.Add(get, "/api/v1/courses/{id}/questions", BindCourse(services, ApiList, true));
    router.Add(post, "/api/v1/courses/{id}/questions", BindCourse(services, ApiCreate, true));
    router.Add(post, "/api/v1/courses/{id}/questions/import", BindCourse(services, ApiImport, true),
               {.max_body = kMaxImport * 2});
}

}  // namespace oqu::assessment::bank_web

namespace oqu::assessment {

void RegisterBank(platform::ModuleRegistry& registry) {
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        bank_web::AddBankRoutes(router, services);
        bank_web::AddQuizSettingsRoutes(router, services);
    });
}

}  // namespace oqu::assessment
