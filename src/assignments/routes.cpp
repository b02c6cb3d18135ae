#include "assignments/routes.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "assignments/api.hpp"
#include "assignments/support.hpp"
#include "courses/api.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/content_disposition.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assignments::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

// Submitted files are at most 50 MiB (an assignment's own limit is 1..50 MiB); feedback files 20 MiB.
constexpr std::uint64_t kMaxUpload = 51ull << 20;
constexpr std::uint64_t kMaxFeedback = 20ull << 20;

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

Change ChangeOf(const Services& services, const http::Request& request) {
    return Change{services.db, Now(), request.remote_address};
}

std::string Field(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

std::vector<std::string> Fields(http::Request& request, std::string_view name) {
    std::vector<std::string> out;
    auto form = request.Form();
    if (!form) return out;
    const auto [first, last] = form.value()->fields.equal_range(std::string(name));
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    return out;
}

std::string Lang(const http::Request& request) {
    return std::string(web::LanguageTag(web::RequestLanguage(request)));
}

std::string Message(const Services& services, const http::Request& request, const core::Error& error) {
    const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
    return services.renderer.strings().Format(web::RequestLanguage(request), error.message_key, args);
}

http::Response Page(const Services& services, const http::Request& request, std::string_view name,
                    const json& context, std::string_view title_key) {
    auto response = web::RenderPage(services.renderer, request, name, context, title_key);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response Error(const Services& services, const http::Request& request, const core::Error& error) {
    auto response = web::RenderError(services.renderer, request, error);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response Json(const json& body, int status = 200) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response ApiError(const Services& services, const http::Request& request, const core::Error& error) {
    auto response = http::ErrorResponse(error, Message(services, request, error));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

core::Error NotFoundError() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

std::string Href(std::int64_t id) {
    return "/assignments/" + std::to_string(id);
}

std::string CourseHref(std::int64_t course_id) {
    return "/courses/" + std::to_string(course_id);
}

// Translated labels of stored codes ("assignments.status_late").
class Labels {
public:
    Labels(const Services& services, const http::Request& request)
        : strings_(services.renderer.strings()), lang_(web::RequestLanguage(request)) {}
    std::string operator()(std::string_view prefix, std::string_view code) const {
        return strings_.Get(lang_, "assignments." + std::string(prefix) + "_" + std::string(code));
    }
    std::string Format(std::string_view key, const std::map<std::string, std::string>& args) const {
        return strings_.Format(lang_, key, args);
    }

private:
    const web::Strings& strings_;
    web::Language lang_;
};

std::string Mark(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", RoundMark(value));
    std::string out(buffer);
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    return out;
}

std::string Lateness(const Labels& label, std::int64_t seconds) {
    if (seconds <= 0) return label("late", "none");
    const std::int64_t hours = seconds / 3600, minutes = (seconds % 3600 + 59) / 60;
    return label.Format("assignments.late_by",
                        {{"hours", std::to_string(hours)}, {"minutes", std::to_string(minutes)}});
}

json RubricJson(const Rubric& rubric, const std::vector<int>& chosen) {
    json criteria = json::array();
    for (std::size_t i = 0; i < rubric.criteria.size(); ++i) {
        const Criterion& c = rubric.criteria[i];
        json levels = json::array();
        for (std::size_t j = 0; j < c.levels.size(); ++j) {
            levels.push_back({{"index", j},
                              {"title", c.levels[j].title},
                              {"points", Mark(c.levels[j].points)},
                              {"id", "c" + std::to_string(i) + "l" + std::to_string(j)},
                              {"checked", i < chosen.size() && chosen[i] == static_cast<int>(j)}});
        }
        criteria.push_back(
            {{"index", i}, {"name", "level" + std::to_string(i)}, {"title", c.title}, {"levels", levels}});
    }
    return criteria;
}

json AssignmentJson(const Assignment& a, const Labels& label) {
    json types = json::array();
    std::string accept;
    for (const auto& t : a.file_types) {
        types.push_back(t);
        accept += (accept.empty() ? "." : ",.") + t;
    }
    return {{"id", a.id},
            {"href", Href(a.id)},
            {"course_id", a.course_id},
            {"course_href", CourseHref(a.course_id)},
            {"list_href", CourseHref(a.course_id) + "/assignments"},
            {"week_id", a.week_id ? json(*a.week_id) : json(nullptr)},
            {"title", a.title},
            {"instructions", a.instructions},
            {"instructions_html", courses::RenderTeacherMarkdown(a.instructions)},
            {"submission_type", a.submission_type},
            {"type_label", label("type", a.submission_type)},
            {"accepts_text", a.submission_type != "file"},
            {"accepts_file", a.submission_type != "text"},
            {"file_types", types},
            {"file_types_label", accept},
            {"accept", accept},
            {"max_file_mb", a.max_file_mb},
            {"opens_at", DisplayTime(a.deadlines.opens)},
            {"due_at", DisplayTime(a.deadlines.due)},
            {"opens_at_utc", core::FormatUtc(a.deadlines.opens)},
            {"due_at_utc", core::FormatUtc(a.deadlines.due)},
            {"cutoff_at", a.deadlines.cutoff ? DisplayTime(*a.deadlines.cutoff) : std::string()},
            {"has_cutoff", a.deadlines.cutoff.has_value()},
            {"late_policy", a.late_policy == LatePolicy::kRefuse ? "refuse" : "penalty"},
            {"penalty", a.late_policy == LatePolicy::kPenalty},
            {"penalty_per_day", a.penalty.percent_per_day},
            {"penalty_cap", a.penalty.cap_percent},
            {"max_mark", Mark(a.max_mark)},
            {"has_rubric", !a.rubric.criteria.empty()},
            {"rubric", RubricJson(a.rubric, {})},
            {"group_mode", GroupModeName(a.group_mode)},
            {"group_label", label("group", GroupModeName(a.group_mode))},
            {"grouped", a.group_mode != GroupMode::kNone},
            {"individual", a.group_mode == GroupMode::kIndividual},
            {"report_visible", a.report_visible},
            {"grade_column", a.grade_column.value_or("")},
            {"has_column", a.grade_column.has_value()},
            {"column_label", label("column", a.grade_column.value_or("none"))}};
}

json CheckJson(const Services& services, std::int64_t version_id, const Labels& label) {
    const auto check = CheckOf(services.db, version_id);
    if (!check) return nullptr;
    return {{"status", check->status},
            {"status_label", label("check", check->status)},
            {"has_originality", check->originality.has_value()},
            {"originality", check->originality ? Mark(*check->originality * 100) : std::string()},
            {"flags", check->flags},
            {"report_href", check->report_href}};
}

json SubmissionJson(const Services& services, const Assignment& a, const Submission& s, const Labels& label,
                    bool with_checks) {
    json members = json::array();
    for (const auto& m : s.members) members.push_back({{"student_id", m.student_id}, {"name", m.name}});
    json versions = json::array();
    for (auto it = s.versions.rbegin(); it != s.versions.rend(); ++it) {
        const Version& v = *it;
        json version{{"id", v.id},
                     {"number", v.number},
                     {"final", v.final},
                     {"kind_label", label("version", v.final ? "final" : "draft")},
                     {"text", v.text},
                     {"has_text", !v.text.empty()},
                     {"file_name", v.file_name},
                     {"file_href", v.file_sha256.empty() ? "" : Href(a.id) + "/files/" + v.file_sha256},
                     {"has_file", !v.file_sha256.empty()},
                     {"submitted_by", v.submitted_by_name},
                     {"submitted_at", DisplayTime(v.submitted_at)},
                     {"late", v.late_seconds > 0},
                     {"late_seconds", v.late_seconds},
                     {"lateness", Lateness(label, v.late_seconds)},
                     {"penalty_percent", v.penalty_percent}};
        if (with_checks && v.final) version["check"] = CheckJson(services, v.id, label);
        versions.push_back(version);
    }
    json grades = json::array();
    for (auto it = s.grades.rbegin(); it != s.grades.rend(); ++it) {
        const Grade& g = *it;
        std::string member;
        for (const auto& m : s.members) {
            if (g.student_id && m.student_id == *g.student_id) member = m.name;
        }
        grades.push_back(
            {{"member", member},
             {"for_member", g.student_id.has_value()},
             {"version", g.version_number},
             {"points", Mark(g.points)},
             {"penalty_percent", g.penalty_percent},
             {"mark", Mark(g.mark)},
             {"feedback", g.feedback},
             {"has_feedback", !g.feedback.empty()},
             {"feedback_name", g.feedback_name},
             {"feedback_href", g.feedback_sha256.empty() ? "" : Href(a.id) + "/files/" + g.feedback_sha256},
             {"has_feedback_file", !g.feedback_sha256.empty()},
             {"returned", g.returned},
             {"graded_at", DisplayTime(g.graded_at)}});
    }
    const Version* counting = CountingVersion(s);
    json out{{"id", s.id},
             {"href", Href(a.id) + "/submissions/" + std::to_string(s.id)},
             {"group_name", s.group_name},
             {"members", members},
             {"status", StatusName(s.status)},
             {"status_label", label("status", StatusName(s.status))},
             {"versions", versions},
             {"has_versions", !versions.empty()},
             {"grades", grades},
             {"has_grades", !grades.empty()},
             {"version", counting != nullptr ? counting->number : 0},
             {"late", counting != nullptr && counting->late_seconds > 0},
             {"lateness", counting != nullptr ? Lateness(label, counting->late_seconds) : std::string()},
             {"penalty_percent", counting != nullptr ? counting->penalty_percent : 0},
             {"mark", s.grades.empty() ? std::string() : Mark(s.grades.back().mark)},
             {"updated_at", DisplayTime(s.updated_at)}};
    if (with_checks && counting != nullptr) out["check"] = CheckJson(services, counting->id, label);
    return out;
}

// Stores an uploaded file; nullopt when none was sent. `limit` in bytes is checked before storing.
struct Stored {
    std::string sha256, type, name;
    std::uint64_t size = 0;
};
core::Result<std::optional<Stored>> Keep(const Services& services, http::Request& request,
                                         std::string_view field, std::uint64_t limit) {
    auto form = request.Form();
    if (!form) return std::optional<Stored>{};
    const http::UploadedFile* file = form.value()->File(field);
    if (file == nullptr || file->size == 0) return std::optional<Stored>{};
    if (file->size > limit) return Invalid("assignments.file_too_large", field);
    auto stored = file->path.empty() ? services.files.Put(file->data) : services.files.PutFile(file->path);
    if (!stored) return stored.error();
    return std::optional<Stored>{Stored{stored->sha256, stored->content_type, file->filename, stored->size}};
}

// The journal columns an assignment's marks may go to (R-O22), "" first: not in the journal.
json ColumnOptions(const Labels& label, std::string_view chosen = {}) {
    json out = json::array();
    for (const char* column : {"", "current", "rk1", "rk2", "exam"}) {
        const std::string code = *column == '\0' ? "none" : column;
        out.push_back({{"value", column}, {"label", label("column", code)}, {"selected", chosen == column}});
    }
    return out;
}

// ----- list and authoring ----------------------------------------------------------------------

http::Response ListPage(const Services& services, http::Request& request, std::int64_t course_id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto course = courses::FindCourse(who, services.db, course_id, Lang(request));
    if (!course) return Error(services, request, course.error());
    auto access = courses::AccessTo(who, services.db, course_id);
    auto list = ListAssignments(who, services.db, course_id);
    if (!access || !list) return Error(services, request, NotFoundError());
    const Labels label(services, request);
    json rows = json::array();
    for (const auto& s : *list) {
        json row = AssignmentJson(s.assignment, label);
        row["own_due"] = s.own_due ? DisplayTime(*s.own_due) : std::string();
        row["own_status"] = label("status", StatusName(s.own_status));
        row["own_mark"] = s.own_mark ? Mark(*s.own_mark) : std::string();
        row["submissions"] = s.submissions;
        rows.push_back(row);
    }
    json context{{"course",
                  {{"id", course_id},
                   {"href", CourseHref(course_id)},
                   {"title", course->discipline_code + " " + course->discipline_name}}},
                 {"assignments", rows},
                 {"has_assignments", !rows.empty()},
                 {"teacher", access->edit || access->manage},
                 {"student", access->study},
                 {"can_create", access->edit},
                 {"saved", request.Query("saved").has_value()}};
    return Page(services, request, "assignments/list", context, "assignments.list_title");
}

http::Response NewPage(const Services& services, http::Request& request, std::int64_t course_id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto course = courses::FindCourse(who, services.db, course_id, Lang(request));
    if (!course) return Error(services, request, course.error());
    auto access = courses::AccessTo(who, services.db, course_id);
    if (!access || !access->edit) return Error(services, request, NotTeacher());
    auto structure = courses::StructureOf(who, services.db, course_id);
    json weeks = json::array();
    for (const auto& w : structure ? structure->weeks : std::vector<courses::Week>{}) {
        weeks.push_back({{"id", w.id}, {"label", std::to_string(w.number) + ". " + w.topic}});
    }
    std::string known;
    for (const auto& t : KnownFileTypes()) known += (known.empty() ? "" : ", ") + t;
    json context{{"course",
                  {{"id", course_id},
                   {"href", CourseHref(course_id)},
                   {"title", course->discipline_code + " " + course->discipline_name}}},
                 {"weeks", weeks},
                 {"known_types", known},
                 {"columns", ColumnOptions(Labels(services, request))}};
    return Page(services, request, "assignments/new", context, "assignments.new_title");
}

AssignmentDraft DraftOf(http::Request& request) {
    AssignmentDraft d;
    d.title = Field(request, "title");
    d.instructions = Field(request, "instructions");
    d.week_id = Field(request, "week_id");
    d.submission_type = Field(request, "submission_type");
    d.file_types = Field(request, "file_types");
    d.max_file_mb = Field(request, "max_file_mb");
    d.opens_at = Field(request, "opens_at");
    d.due_at = Field(request, "due_at");
    d.cutoff_at = Field(request, "cutoff_at");
    d.late_policy = Field(request, "late_policy");
    d.penalty_per_day = Field(request, "penalty_per_day");
    d.penalty_cap = Field(request, "penalty_cap");
    d.max_mark = Field(request, "max_mark");
    d.rubric = Field(request, "rubric");
    d.group_mode = Field(request, "group_mode");
    d.report_visible = Field(request, "report_visible");
    d.grade_column = Field(request, "grade_column");
    return d;
}

http::Response CreatePost(const Services& services, http::Request& request, std::int64_t course_id) {
    auto made = CreateAssignment(*auth::CurrentPrincipal(request), ChangeOf(services, request), course_id,
                                 DraftOf(request));
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(Href(*made) + "?saved=1");
}

// ----- the assignment page --------------------------------------------------------------------------

http::Response AssignmentPage(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto view = FindAssignment(who, services.db, id);
    if (!view) return Error(services, request, view.error());
    const Labels label(services, request);
    const Assignment& a = view->assignment;
    json context{{"assignment", AssignmentJson(a, label)},
                 {"grade", view->access.grade},
                 {"extend", view->access.extend},
                 {"student", view->access.submit},
                 {"saved", request.Query("saved").has_value()}};
    if (view->access.submit) {
        const auto extension = view->own_due && *view->own_due != a.deadlines.due;
        const Timing now = JudgeSubmission(a.deadlines, a.late_policy, a.penalty,
                                           extension ? view->own_due : std::nullopt, Now());
        const bool graded = view->own && view->own->status == Status::kGraded;
        json own{{"due_at", view->own_due ? DisplayTime(*view->own_due) : std::string()},
                 {"extended", extension},
                 {"extension_reason", view->own_extension_reason},
                 {"group_name", view->group_name.value_or("")},
                 {"in_group", view->group_name.has_value()},
                 {"needs_group", a.group_mode != GroupMode::kNone && !view->group_name},
                 {"open", now.accepted && !graded && (a.group_mode == GroupMode::kNone || view->group_name)},
                 {"late_now", now.accepted && now.late_seconds > 0},
                 {"penalty_now", now.penalty_percent},
                 {"refusal",
                  now.accepted ? std::string()
                               : Message(services, request,
                                         core::MakeError(core::ErrorCode::kRuleViolation, now.refusal_key))},
                 {"status_label", label("status", StatusName(view->own ? view->own->status : Status::kNone))},
                 {"has_submission", view->own.has_value()}};
        if (view->own) {
            json submission = SubmissionJson(services, a, *view->own, label, a.report_visible);
            const Grade* g = CurrentGrade(*view->own, *view->student_id);
            submission["has_grade"] = g != nullptr;
            if (g != nullptr) {
                submission["grade"] = {
                    {"points", Mark(g->points)},
                    {"penalty_percent", g->penalty_percent},
                    {"mark", Mark(g->mark)},
                    {"feedback", g->feedback},
                    {"has_feedback", !g->feedback.empty()},
                    {"feedback_name", g->feedback_name},
                    {"feedback_href",
                     g->feedback_sha256.empty() ? "" : Href(a.id) + "/files/" + g->feedback_sha256},
                    {"has_feedback_file", !g->feedback_sha256.empty()},
                    {"returned", g->returned}};
            }
            // Students see their grades and feedback, never other members' individual grades.
            submission.erase("grades");
            own["submission"] = submission;
            if (!view->own->versions.empty()) own["last_text"] = view->own->versions.back().text;
        }
        context["own"] = own;
    }
    if (view->access.extend) {
        auto submissions = SubmissionsOf(who, services.db, id);
        json rows = json::array();
        for (const auto& s : submissions ? *submissions : std::vector<Submission>{}) {
            rows.push_back(SubmissionJson(services, a, s, label, true));
        }
        context["submissions"] = rows;
        context["has_submissions"] = !rows.empty();
        // The originality column appears once a check is recorded for some submission.
        context["has_checks"] = std::any_of(rows.begin(), rows.end(), [](const json& r) {
            return r.contains("check") && !r["check"].is_null();
        });
        auto students = StudentsOf(who, services.db, id);
        json options = json::array();
        for (const auto& s : students ? *students : std::vector<CourseStudent>{}) {
            options.push_back({{"id", s.student_id}, {"label", s.name + " (" + s.group_code + ")"}});
        }
        context["students"] = options;
        context["has_students"] = !options.empty();
        auto extensions = ExtensionsOf(who, services.db, id);
        json ext = json::array();
        for (const auto& e : extensions ? *extensions : std::vector<Extension>{}) {
            ext.push_back({{"name", e.name}, {"due_at", DisplayTime(e.due_at)}, {"reason", e.reason}});
        }
        context["extensions"] = ext;
        context["has_extensions"] = !ext.empty();
        // R-O22: what goes to the journal, its column (teachers change it) and the last sending.
        context["columns"] = ColumnOptions(label, a.grade_column.value_or(""));
        if (a.grade_column) {
            context["journal_rule"] =
                label.Format("assignments.journal_rule", {{"column", label("column", *a.grade_column)}});
        }
        const auto sent = request.Query("sent");
        context["sent"] = sent.has_value();
        if (sent) {
            // Counts only: a crafted link shows no text of its own.
            const auto q = [&](std::string_view name) {
                const auto value = request.Query(name).value_or("0");
                return ParseInt(value, 0, 1000000) ? value : std::string("0");
            };
            context["sent_text"] = label.Format("assignments.journal_sent", {{"students", q("sent")},
                                                                             {"written", q("written")},
                                                                             {"unchanged", q("unchanged")},
                                                                             {"closed", q("closed")},
                                                                             {"hand", q("hand")},
                                                                             {"none", q("none")}});
        }
    }
    if (a.group_mode != GroupMode::kNone && view->access.extend) {
        auto groups = GroupsOf(who, services.db, id);
        json rows = json::array();
        for (const auto& g : groups ? *groups : std::vector<GroupRow>{}) {
            json members = json::array();
            for (const auto& m : g.members) members.push_back(m.name);
            rows.push_back({{"name", g.name}, {"members", members}});
        }
        context["groups"] = rows;
        context["has_groups"] = !rows.empty();
    }
    return Page(services, request, "assignments/assignment", context, "assignments.assignment_title");
}

http::Response SubmitPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    // Rights and the assignment's own size limit first: nothing is stored for a refused request.
    auto view = FindAssignment(who, services.db, id);
    if (!view) return Error(services, request, view.error());
    if (!view->access.submit) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "assignments.not_student"));
    }
    const std::uint64_t limit = static_cast<std::uint64_t>(view->assignment.max_file_mb) << 20;
    auto file = Keep(services, request, "file", limit);
    if (!file) return Error(services, request, file.error());
    SubmissionDraft draft;
    draft.text = Field(request, "text");
    draft.final = Field(request, "action") != "draft";
    if (*file) {
        draft.file_sha256 = (*file)->sha256;
        draft.file_type = (*file)->type;
        draft.file_name = (*file)->name;
        draft.file_size = (*file)->size;
    }
    auto receipt = Submit(who, ChangeOf(services, request), services.jobs, id, draft);
    if (!receipt) return Error(services, request, receipt.error());
    return http::Response::Redirect(Href(id) + "?saved=1#own");
}

http::Response ExtensionPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto student = ParseId(Field(request, "student_id"));
    auto ok = GrantExtension(*auth::CurrentPrincipal(request), ChangeOf(services, request), id,
                             student.value_or(0), Field(request, "due_at"), Field(request, "reason"));
    if (!ok) return Error(services, request, ok.error());
    return http::Response::Redirect(Href(id) + "?saved=1#extensions");
}

http::Response GroupPost(const Services& services, http::Request& request, std::int64_t id) {
    std::vector<std::int64_t> students;
    for (const auto& value : Fields(request, "students")) {
        if (auto s = ParseId(value)) students.push_back(*s);
    }
    auto made = FormGroup(*auth::CurrentPrincipal(request), ChangeOf(services, request), id,
                          Field(request, "name"), students);
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(Href(id) + "?saved=1#groups");
}

// "Send the marks to the journal again" (R-O22): every student's counting grade (audited).
http::Response JournalPost(const Services& services, http::Request& request, std::int64_t id) {
    auto sent = SendMarksToJournal(*auth::CurrentPrincipal(request), ChangeOf(services, request), id);
    if (!sent) return Error(services, request, sent.error());
    const JournalTally& t = sent->tally;
    return http::Response::Redirect(
        Href(id) + "?sent=" + std::to_string(sent->students) + "&written=" + std::to_string(t.written) +
        "&unchanged=" + std::to_string(t.unchanged) + "&closed=" + std::to_string(t.closed) +
        "&hand=" + std::to_string(t.hand) + "&none=" + std::to_string(t.no_journal) + "#journal");
}

// The assignment's journal column (R-O22), from its page (there is no edit form).
http::Response JournalColumnPost(const Services& services, http::Request& request, std::int64_t id) {
    auto ok = SetJournalColumn(*auth::CurrentPrincipal(request), ChangeOf(services, request), id,
                               Field(request, "grade_column"));
    if (!ok) return Error(services, request, ok.error());
    return http::Response::Redirect(Href(id) + "?saved=1#journal");
}

// ----- grading ------------------------------------------------------------------------------------

std::optional<std::int64_t> SubId(const http::Request& request) {
    return ParseId(request.Param("submission"));
}

http::Response SubmissionPage(const Services& services, http::Request& request, std::int64_t id) {
    const auto sub = SubId(request);
    if (!sub) return Error(services, request, NotFoundError());
    const auto& who = *auth::CurrentPrincipal(request);
    auto view = FindAssignment(who, services.db, id);
    if (!view) return Error(services, request, view.error());
    if (!view->access.extend) return Error(services, request, NotFoundError());
    auto submission = FindSubmission(who, services.db, id, *sub);
    if (!submission) return Error(services, request, submission.error());
    const Labels label(services, request);
    const Assignment& a = view->assignment;
    json s = SubmissionJson(services, a, *submission, label, true);
    std::vector<int> chosen;
    if (!submission->grades.empty()) chosen = submission->grades.back().levels;
    json context{
        {"assignment", AssignmentJson(a, label)},
        {"submission", s},
        {"rubric", RubricJson(a.rubric, chosen)},
        {"grade", view->access.grade},
        {"last_mark", submission->grades.empty() ? std::string() : Mark(submission->grades.back().points)},
        {"saved", request.Query("saved").has_value()}};
    return Page(services, request, "assignments/submission", context, "assignments.submission_title");
}

GradeDraft GradeDraftOf(http::Request& request, std::size_t criteria) {
    GradeDraft d;
    for (std::size_t i = 0; i < criteria; ++i) {
        d.levels.push_back(Field(request, "level" + std::to_string(i)));
    }
    d.mark = Field(request, "mark");
    d.feedback = Field(request, "feedback");
    d.student_id = Field(request, "student_id");
    d.return_for_resubmission = Field(request, "return") == "yes";
    return d;
}

http::Response GradePost(const Services& services, http::Request& request, std::int64_t id) {
    const auto sub = SubId(request);
    if (!sub) return Error(services, request, NotFoundError());
    const auto& who = *auth::CurrentPrincipal(request);
    auto view = FindAssignment(who, services.db, id);
    if (!view) return Error(services, request, view.error());
    if (!view->access.grade) return Error(services, request, NotTeacher());
    auto file = Keep(services, request, "feedback_file", kMaxFeedback);
    if (!file) return Error(services, request, file.error());
    GradeDraft draft = GradeDraftOf(request, view->assignment.rubric.criteria.size());
    if (*file) {
        draft.feedback_sha256 = (*file)->sha256;
        draft.feedback_name = (*file)->name;
    }
    auto graded = GradeSubmission(who, ChangeOf(services, request), id, *sub, draft);
    if (!graded) return Error(services, request, graded.error());
    return http::Response::Redirect(Href(id) + "/submissions/" + std::to_string(*sub) + "?saved=1");
}

http::Response FileGet(const Services& services, http::Request& request, std::int64_t id) {
    const std::string sha(request.Param("sha256"));
    if (!platform::files::IsValidSha256(sha)) return Error(services, request, NotFoundError());
    auto info = SubmissionFile(*auth::CurrentPrincipal(request), services.db, id, sha);
    if (!info) return Error(services, request, info.error());
    auto stat = services.files.Stat(sha);
    auto path = services.files.PathOf(sha);
    if (!stat || !path) return Error(services, request, NotFoundError());
    auto response = http::Response::SendFile(*path, stat->content_type);
    // Students' files are always downloaded, never rendered in the portal's origin.
    response.SetHeader("Content-Disposition",
                       platform::files::DispositionFor("application/octet-stream", info->name));
    response.SetHeader("X-Content-Type-Options", "nosniff");
    response.SetHeader("Cache-Control", "private, no-store");
    return response;
}

// ----- JSON API ----------------------------------------------------------------------------------

json Body(const http::Request& request) {
    auto body = json::parse(request.body, nullptr, false);
    // A body that is no JSON object has no fields: the use case checks access first, then refuses them.
    if (body.is_discarded() || !body.is_object()) body = json::object();
    return body;
}

std::string Text(const json& body, const char* key) {
    if (!body.contains(key)) return {};
    if (body[key].is_string()) return body[key].get<std::string>();
    if (body[key].is_number_integer()) return std::to_string(body[key].get<std::int64_t>());
    if (body[key].is_number()) return Mark(body[key].get<double>());
    if (body[key].is_boolean()) return body[key].get<bool>() ? "yes" : "no";
    return {};
}

http::Response ApiList(const Services& services, http::Request& request, std::int64_t course_id) {
    auto list = ListAssignments(*auth::CurrentPrincipal(request), services.db, course_id);
    if (!list) return ApiError(services, request, list.error());
    const Labels label(services, request);
    json items = json::array();
    for (const auto& s : *list) {
        json item = AssignmentJson(s.assignment, label);
        item["own_due_at"] = s.own_due ? core::FormatUtc(*s.own_due) : std::string();
        item["own_status"] = StatusName(s.own_status);
        item["own_mark"] = s.own_mark ? json(*s.own_mark) : json(nullptr);
        items.push_back(item);
    }
    return Json({{"items", items}});
}

http::Response ApiCreate(const Services& services, http::Request& request, std::int64_t course_id) {
    const json b = Body(request);
    AssignmentDraft d;
    d.title = Text(b, "title");
    d.instructions = Text(b, "instructions");
    d.week_id = Text(b, "week_id");
    d.submission_type = Text(b, "submission_type");
    d.file_types = Text(b, "file_types");
    d.max_file_mb = Text(b, "max_file_mb");
    d.opens_at = Text(b, "opens_at");
    d.due_at = Text(b, "due_at");
    d.cutoff_at = Text(b, "cutoff_at");
    d.late_policy = Text(b, "late_policy");
    d.penalty_per_day = Text(b, "penalty_per_day");
    d.penalty_cap = Text(b, "penalty_cap");
    d.max_mark = Text(b, "max_mark");
    d.rubric = Text(b, "rubric");
    d.group_mode = Text(b, "group_mode");
    d.report_visible = Text(b, "report_visible");
    d.grade_column = Text(b, "grade_column");
    auto made = CreateAssignment(*auth::CurrentPrincipal(request), ChangeOf(services, request), course_id, d);
    if (!made) return ApiError(services, request, made.error());
    return Json({{"id", *made}, {"href", Href(*made)}}, 201);
}

http::Response ApiSubmissions(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto view = FindAssignment(who, services.db, id);
    if (!view) return ApiError(services, request, view.error());
    const Labels label(services, request);
    json items = json::array();
    if (view->access.extend) {
        auto all = SubmissionsOf(who, services.db, id);
        if (!all) return ApiError(services, request, all.error());
        for (const auto& s : *all) {
            items.push_back(SubmissionJson(services, view->assignment, s, label, true));
        }
    } else if (view->own) {
        json own =
            SubmissionJson(services, view->assignment, *view->own, label, view->assignment.report_visible);
        own.erase("grades");
        if (const Grade* g = CurrentGrade(*view->own, view->student_id.value_or(0))) {
            own["grade"] = {{"mark", g->mark},
                            {"points", g->points},
                            {"penalty_percent", g->penalty_percent},
                            {"feedback", g->feedback},
                            {"returned", g->returned}};
        }
        items.push_back(own);
    }
    return Json({{"items", items}});
}

http::Response ApiSubmit(const Services& services, http::Request& request, std::int64_t id) {
    const json b = Body(request);
    SubmissionDraft draft;
    draft.text = Text(b, "text");
    draft.final = Text(b, "draft") != "yes";
    auto receipt =
        Submit(*auth::CurrentPrincipal(request), ChangeOf(services, request), services.jobs, id, draft);
    if (!receipt) return ApiError(services, request, receipt.error());
    return Json({{"submission_id", receipt->submission_id},
                 {"version", receipt->version},
                 {"late_seconds", receipt->timing.late_seconds},
                 {"penalty_percent", receipt->timing.penalty_percent},
                 {"check_id", receipt->check_id ? json(*receipt->check_id) : json(nullptr)}},
                201);
}

http::Response ApiGrade(const Services& services, http::Request& request, std::int64_t id) {
    const auto sub = SubId(request);
    if (!sub) return ApiError(services, request, NotFoundError());
    const json b = Body(request);
    GradeDraft d;
    if (b.contains("levels") && b["levels"].is_array()) {
        for (const json& l : b["levels"]) {
            d.levels.push_back(l.is_number_integer() ? std::to_string(l.get<int>()) : "x");
        }
    }
    d.mark = Text(b, "mark");
    d.feedback = Text(b, "feedback");
    d.student_id = Text(b, "student_id");
    d.return_for_resubmission = Text(b, "return") == "yes";
    auto graded = GradeSubmission(*auth::CurrentPrincipal(request), ChangeOf(services, request), id, *sub, d);
    if (!graded) return ApiError(services, request, graded.error());
    return Json({{"submission_id", *sub},
                 {"points", graded->points},
                 {"penalty_percent", graded->penalty_percent},
                 {"mark", graded->mark},
                 {"returned", graded->returned}});
}

using IdFn = http::Response (*)(const Services&, http::Request&, std::int64_t);

http::Handler BindId(Services& services, IdFn fn, bool api) {
    return [&services, fn, api](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) {
            return api ? ApiError(services, request, NotFoundError())
                       : Error(services, request, NotFoundError());
        }
        return fn(services, request, *id);
    };
}

// The strings of the latest portal whose routes were added: the week-item provider is registered
// once per process (courses keeps providers for the process's life), and tests build a portal
// per test, so the provider must not hold on to one portal's services.
std::atomic<const web::Strings*> g_strings{nullptr};

// The course week view lists each assignment under its week with its (own) due date.
std::vector<courses::WeekItem> WeekItems(const auth::Principal& actor, platform::db::Database& database,
                                         std::int64_t course_id, const courses::CourseAccess& access,
                                         std::string_view lang) {
    std::vector<courses::WeekItem> out;
    const web::Strings* strings = g_strings.load();
    auto list = ListAssignments(actor, database, course_id);
    if (!list || strings == nullptr) return out;
    const web::Language language = web::ParseLanguage(lang).value_or(web::Language::kKk);
    // The list of the course's assignments (where its teachers add one) under "Whole course".
    if (access.edit || !list->empty()) {
        out.push_back({"assignment", strings->Get(language, "assignments.list_title"),
                       CourseHref(course_id) + "/assignments", std::string(), std::nullopt});
    }
    for (const auto& s : *list) {
        const std::string due = DisplayTime(s.own_due.value_or(s.assignment.deadlines.due));
        out.push_back({"assignment", s.assignment.title, Href(s.assignment.id),
                       strings->Format(language, "assignments.week_note", {{"due", due}}),
                       s.assignment.week_id});
    }
    return out;
}

}  // namespace

void AddRoutes(platform::http::Router& router, platform::Services& services) {
    g_strings.store(&services.renderer.strings());
    static std::once_flag registered;
    std::call_once(registered, [] { courses::AddWeekItemProvider(WeekItems); });
    const auto get = http::Method::kGet;
    const auto post = http::Method::kPost;
    router.Add(get, "/courses/{id}/assignments", BindId(services, ListPage, false));
    router.Add(get, "/courses/{id}/assignments/new", BindId(services, NewPage, false));
    router.Add(post, "/courses/{id}/assignments", BindId(services, CreatePost, false));
    router.Add(get, "/assignments/{id}", BindId(services, AssignmentPage, false));
    router.Add(post, "/assignments/{id}/submissions", BindId(services, SubmitPost, false),
               {.max_body = kMaxUpload});
    router.Add(post, "/assignments/{id}/extensions", BindId(services, ExtensionPost, false));
    router.Add(post, "/assignments/{id}/groups", BindId(services, GroupPost, false));
    router.Add(post, "/assignments/{id}/journal", BindId(services, JournalPost, false));
    router.Add(post, "/assignments/{id}/journal-column", BindId(services, JournalColumnPost, false));
    router.Add(get, "/assignments/{id}/submissions/{submission}", BindId(services, SubmissionPage, false));
    router.Add(post, "/assignments/{id}/submissions/{submission}/grade", BindId(services, GradePost, false),
               {.max_body = kMaxFeedback + (1ull << 20)});
    router.Add(get, "/assignments/{id}/files/{sha256}", BindId(services, FileGet, false));

    // JSON API (described in assignments/openapi.json).
    router.Add(get, "/api/v1/courses/{id}/assignments", BindId(services, ApiList, true));
    router.Add(post, "/api/v1/courses/{id}/assignments", BindId(services, ApiCreate, true));
    router.Add(get, "/api/v1/assignments/{id}/submissions", BindId(services, ApiSubmissions, true));
    router.Add(post, "/api/v1/assignments/{id}/submissions", BindId(services, ApiSubmit, true));
    router.Add(post, "/api/v1/assignments/{id}/submissions/{submission}/grade",
               BindId(services, ApiGrade, true));
}

}  // namespace oqu::assignments::detail
