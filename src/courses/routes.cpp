#include "courses/routes.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "courses/api.hpp"
#include "courses/markdown.hpp"
#include "courses/permissions.hpp"
#include "courses/support.hpp"
#include "courses/syllabus_pdf.hpp"
#include "people/api.hpp"
#include "platform/auth/gate.hpp"
#include "platform/auth/receipt.hpp"
#include "platform/files/content_disposition.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"

namespace oqu::courses::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

// Documents, images and captions are at most 20 MiB; audio and video at most 100 MiB (the
// route's body limit, itself capped by the server's max_upload_mb).
constexpr std::uint64_t kMaxDocument = 20ull << 20;
constexpr std::uint64_t kMaxMedia = 100ull << 20;

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
    return "/courses/" + std::to_string(id);
}

// Translated labels of stored codes ("courses.kind_lecture").
class Labels {
public:
    Labels(const Services& services, const http::Request& request)
        : strings_(services.renderer.strings()), lang_(web::RequestLanguage(request)) {}
    std::string operator()(std::string_view prefix, std::string_view code) const {
        return strings_.Get(lang_, "courses." + std::string(prefix) + "_" + std::string(code));
    }
    std::string Verdict(const core::Verdict& v) const {
        const std::map<std::string, std::string> args(v.args.begin(), v.args.end());
        return strings_.Format(lang_, v.message_key, args);
    }

private:
    const web::Strings& strings_;
    web::Language lang_;
};

json VerdictJson(const Labels& label, const core::Verdict& v) {
    return {{"rule", v.rule},
            {"status", core::RuleStatusName(v.status)},
            {"met", v.status == core::RuleStatus::kMet},
            {"violated", v.violated()},
            {"message", v.message_key.empty() ? std::string() : label.Verdict(v)}};
}

json WeightsJson(const CourseWeights& w) {
    return {{"current", w.current}, {"rk1", w.rk1}, {"rk2", w.rk2}, {"exam", w.exam}};
}

json CourseJson(const Course& c, const Labels& label) {
    json teachers = json::array();
    for (const auto& t : c.teachers) teachers.push_back({{"id", t.teacher_id}, {"name", t.name}});
    json groups = json::array();
    for (const auto& g : c.groups) {
        groups.push_back(
            {{"id", g.group_id}, {"code", g.code}, {"kind", g.kind}, {"kind_label", label("group", g.kind)}});
    }
    return {{"id", c.id},
            {"href", Href(c.id)},
            {"discipline_id", c.discipline_id},
            {"discipline_code", c.discipline_code},
            {"discipline_name", c.discipline_name},
            {"credits", c.credits},
            {"planned_hours", c.planned_hours},
            {"programme_id", c.programme_id},
            {"programme_code", c.programme_code},
            {"faculty_id", c.faculty_id},
            {"department_id", c.department_id ? json(*c.department_id) : json(nullptr)},
            {"period_id", c.period_id},
            {"period_year", c.period_year},
            {"period_kind", c.period_kind},
            {"period_label", c.period_year + " · " + label("period", c.period_kind)},
            {"period_start", c.period_start},
            {"period_end", c.period_end},
            {"language", c.language},
            {"language_label", label("language", c.language)},
            {"online_flag", c.online_flag},
            {"online", c.online},
            {"weights", c.weights ? WeightsJson(*c.weights) : json(nullptr)},
            {"has_weights", c.weights.has_value()},
            {"teachers", teachers},
            {"has_teachers", !teachers.empty()},
            {"groups", groups},
            {"has_groups", !groups.empty()},
            {"act_signed", c.act_signed_at.has_value()},
            {"act_signed_at", c.act_signed_at ? core::FormatUtc(*c.act_signed_at) : std::string()},
            {"copied_from", c.copied_from ? json(*c.copied_from) : json(nullptr)}};
}

json ElementJson(std::int64_t course_id, const Element& e, const Labels& label,
                 const std::vector<Outcome>& outcomes) {
    const std::string kind(ElementKindName(e.kind));
    const std::string file_href = e.file_sha256.empty() ? "" : Href(course_id) + "/files/" + e.file_sha256;
    json codes = json::array();
    for (std::int64_t id : e.outcome_ids) {
        for (const Outcome& o : outcomes) {
            if (o.id == id) codes.push_back(o.code);
        }
    }
    return {
        {"id", e.id},
        {"href", Href(course_id) + "/elements/" + std::to_string(e.id)},
        {"kind", kind},
        {"kind_label", label("kind", kind)},
        {"title", e.title},
        {"url", e.url},
        {"reference", e.reference},
        {"starts_at", e.starts_at},
        {"file_href", file_href},
        {"file_type", e.file_type},
        {"file_name", e.file_name},
        {"captions_href", e.captions_sha256.empty() ? "" : Href(course_id) + "/files/" + e.captions_sha256},
        {"has_captions", !e.captions_sha256.empty()},
        {"media", e.kind == ElementKind::kAudio || e.kind == ElementKind::kVideo},
        {"synchronous", e.synchronous},
        {"format_label", label("format", e.synchronous ? "sync" : "async")},
        {"hours", e.hours},
        {"outcomes", codes}};
}

json StructureJson(std::int64_t course_id, const Structure& s, const Labels& label) {
    json outcomes = json::array();
    for (const Outcome& o : s.outcomes) {
        outcomes.push_back(
            {{"id", o.id},
             {"code", o.code},
             {"text", o.text},
             {"programme_outcome", o.programme_outcome},
             {"remove_href", Href(course_id) + "/outcomes/" + std::to_string(o.id) + "/remove"}});
    }
    json weeks = json::array();
    for (const Week& w : s.weeks) {
        json elements = json::array();
        for (const Element& e : w.elements) elements.push_back(ElementJson(course_id, e, label, s.outcomes));
        weeks.push_back({{"id", w.id},
                         {"number", w.number},
                         {"topic", w.topic},
                         {"elements", elements},
                         {"has_elements", !elements.empty()},
                         {"add_href", Href(course_id) + "/weeks/" + std::to_string(w.id) + "/elements"}});
    }
    return {{"outcomes", outcomes},
            {"has_outcomes", !outcomes.empty()},
            {"weeks", weeks},
            {"has_weeks", !weeks.empty()}};
}

json ReadinessJson(const Readiness& r, const Labels& label) {
    const Checklist& c = r.checklist;
    std::string empty_weeks;
    for (int n : c.empty_weeks) empty_weeks += (empty_weeks.empty() ? "" : ", ") + std::to_string(n);
    std::string unmapped;
    for (const auto& code : c.unmapped_outcomes) unmapped += (unmapped.empty() ? "" : ", ") + code;
    return {{"checklist",
             {{"has_weeks", c.has_weeks},
              {"weeks_filled", c.weeks_filled},
              {"outcomes_mapped", c.outcomes_mapped},
              {"policy_set", c.policy_set},
              {"media_captioned", c.media_captioned},
              {"empty_weeks", empty_weeks},
              {"unmapped_outcomes", unmapped},
              {"uncaptioned", c.uncaptioned},
              {"complete", c.complete()}}},
            {"period_start", r.period_start},
            {"deadline", r.deadline},
            {"act_signed", r.act_signed_at.has_value()},
            {"act_signed_at", r.act_signed_at ? core::FormatUtc(*r.act_signed_at) : std::string()},
            {"signer", r.signer},
            {"placement", VerdictJson(label, r.placement)}};
}

// Stores an uploaded file (sniffed type, size limit); nullopt when no file was sent.
struct Stored {
    std::string sha256, type, name, head;
};
core::Result<std::optional<Stored>> Keep(const Services& services, http::Request& request,
                                         std::string_view field) {
    auto form = request.Form();
    if (!form) return std::optional<Stored>{};
    const http::UploadedFile* file = form.value()->File(field);
    if (file == nullptr || file->size == 0) return std::optional<Stored>{};
    if (file->size > kMaxMedia) return Invalid("courses.file_too_large", field);
    auto stored = file->path.empty() ? services.files.Put(file->data) : services.files.PutFile(file->path);
    if (!stored) return stored.error();
    const bool media =
        stored->content_type.starts_with("audio/") || stored->content_type.starts_with("video/");
    if (!media && stored->size > kMaxDocument) return Invalid("courses.file_too_large", field);
    Stored out{stored->sha256, stored->content_type, file->filename, {}};
    // The first bytes tell a WebVTT file; a spilled upload is not read whole for them.
    if (file->path.empty()) {
        out.head = file->data.substr(0, 16);
    } else if (std::ifstream in(file->path, std::ios::binary); in) {
        out.head.resize(16);
        in.read(out.head.data(), 16);
        out.head.resize(static_cast<std::size_t>(in.gcount()));
    }
    return std::optional<Stored>{std::move(out)};
}

std::optional<std::int64_t> QueryId(const http::Request& request, std::string_view name) {
    auto value = request.Query(name);
    if (!value) return std::nullopt;
    return ParseId(*value);
}

// Every period of every year, newest year first: [{id, label}].
json PeriodOptions(const Services& services, const Labels& label, std::optional<std::int64_t> selected) {
    json out = json::array();
    const auth::Principal system = auth::SystemPrincipal();
    auto years = academics::ListYears(system, services.db, {.after = 0, .limit = 500});
    if (!years) return out;
    for (auto it = years->rbegin(); it != years->rend(); ++it) {
        auto year = academics::FindYear(system, services.db, it->id);
        if (!year) continue;
        for (const auto& p : year->periods) {
            const std::string kind(academics::PeriodKindName(p.kind));
            out.push_back({{"id", p.id.value},
                           {"label", year->name + " · " + label("period", kind)},
                           {"selected", selected && *selected == p.id.value}});
        }
    }
    return out;
}

json LanguageOptions(const Labels& label, std::string_view selected) {
    json out = json::array();
    for (std::string_view code : {"kk", "ru", "en"}) {
        out.push_back({{"value", code}, {"label", label("language", code)}, {"selected", code == selected}});
    }
    return out;
}

// ----- list, create, edit ----------------------------------------------------------------------

http::Response ListPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Labels label(services, request);
    CourseQuery query;
    query.period_id = QueryId(request, "period");
    const bool staff = !auth::ScopesWith(who, kView).empty();
    query.mine = !staff;
    json rows = json::array();
    for (const Course& c : ListCourses(who, services.db, query, Lang(request))) {
        rows.push_back(CourseJson(c, label));
    }
    json context{{"courses", rows},
                 {"has_courses", !rows.empty()},
                 {"staff", staff},
                 {"can_create", !auth::ScopesWith(who, kManage).empty()},
                 {"periods", PeriodOptions(services, label, query.period_id)}};
    return Page(services, request, "courses/list", context, "courses.list_title");
}

// The create form: first the programme, then its disciplines (one curriculum after another).
http::Response NewPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auth::ScopesWith(who, kManage).empty()) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "no courses:manage"));
    }
    const Labels label(services, request);
    const std::string lang = Lang(request);
    const auto chosen = QueryId(request, "programme");
    json programmes = json::array();
    std::optional<academics::Programme> programme;
    auto list = academics::ListProgrammes(auth::SystemPrincipal(), services.db, std::nullopt,
                                          {.after = 0, .limit = 500});
    if (list) {
        for (const auto& p : *list) {
            if (!auth::Allows(who, kManage, academics::ScopePath(p))) continue;
            const bool selected = chosen && *chosen == p.id.value;
            if (selected) programme = p;
            const std::string& name = lang == "ru" ? p.names.ru : lang == "en" ? p.names.en : p.names.kk;
            programmes.push_back(
                {{"id", p.id.value}, {"label", p.code + " " + name}, {"selected", selected}});
        }
    }
    json disciplines = json::array();
    json departments = json::array();
    if (programme) {
        auto curricula = academics::ListCurricula(auth::SystemPrincipal(), services.db, programme->id);
        for (const auto& cur : curricula ? *curricula : std::vector<academics::Curriculum>{}) {
            auto full = academics::FindCurriculum(auth::SystemPrincipal(), services.db, cur.id);
            if (!full) continue;
            for (const auto& d : full->disciplines) {
                const std::string& name = lang == "ru" ? d.names.ru : lang == "en" ? d.names.en : d.names.kk;
                disciplines.push_back(
                    {{"id", d.id.value},
                     {"label", std::to_string(cur.admission_year) + " · " + std::to_string(d.semester) +
                                   " · " + d.code + " " + name}});
            }
        }
        auto deps = academics::ListDepartments(auth::SystemPrincipal(), services.db, programme->faculty_id);
        for (const auto& d : deps ? *deps : std::vector<academics::Department>{}) {
            const std::string& name = lang == "ru" ? d.names.ru : lang == "en" ? d.names.en : d.names.kk;
            departments.push_back(
                {{"id", d.id.value},
                 {"label", d.code + " " + name},
                 {"selected", programme->department_id && *programme->department_id == d.id}});
        }
    }
    json context{{"programmes", programmes},
                 {"has_programme", programme.has_value()},
                 {"programme_id", programme ? programme->id.value : 0},
                 {"disciplines", disciplines},
                 {"has_disciplines", !disciplines.empty()},
                 {"departments", departments},
                 {"periods", PeriodOptions(services, label, std::nullopt)},
                 {"languages", LanguageOptions(label, lang)}};
    return Page(services, request, "courses/new", context, "courses.new_title");
}

http::Response CreatePost(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    CourseDraft draft{Field(request, "discipline_id"), Field(request, "period_id"),
                      Field(request, "language"), Field(request, "online"), Field(request, "department_id")};
    auto made = CreateCourse(who, ChangeOf(services, request), draft);
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(Href(*made) + "?saved=1");
}

http::Response EditPage(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto course = FindCourse(who, services.db, id, Lang(request));
    if (!course) return Error(services, request, course.error());
    auto access = AccessTo(who, services.db, id);
    if (!access || !access->manage) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "no courses:manage"));
    }
    const Labels label(services, request);
    json context{{"course", CourseJson(*course, label)},
                 {"periods", PeriodOptions(services, label, course->period_id)},
                 {"languages", LanguageOptions(label, course->language)}};
    return Page(services, request, "courses/edit", context, "courses.edit_title");
}

http::Response UpdatePost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    CourseDraft draft{"", Field(request, "period_id"), Field(request, "language"), Field(request, "online"),
                      ""};
    if (auto ok = UpdateCourse(who, ChangeOf(services, request), id, draft); !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

// ----- the course page ------------------------------------------------------------------------------

http::Response CoursePage(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const std::string lang = Lang(request);
    auto course = FindCourse(who, services.db, id, lang);
    if (!course) return Error(services, request, course.error());
    auto access = AccessTo(who, services.db, id);
    auto structure = StructureOf(who, services.db, id);
    auto readiness = ReadinessOf(who, services.db, id, Now());
    if (!access || !structure || !readiness) return Error(services, request, NotFoundError());
    const Labels label(services, request);
    json context = {{"course", CourseJson(*course, label)},
                    {"structure", StructureJson(id, *structure, label)},
                    {"readiness", ReadinessJson(*readiness, label)},
                    {"manage", access->manage},
                    {"edit", access->edit},
                    {"sign", access->sign && !readiness->act_signed_at},
                    {"policy_editable", access->edit || access->manage},
                    {"saved", request.Query("saved").has_value()}};
    // Items of higher modules (quizzes, assignments) under their week, or the whole course.
    json whole = json::array();
    for (auto& week : context["structure"]["weeks"]) {
        week["items"] = json::array();
        week["has_items"] = false;
    }
    for (const WeekItem& item : WeekItemsOf(who, services.db, id, *access, lang)) {
        json entry{{"kind", item.kind},
                   {"kind_label", label("item", item.kind)},
                   {"title", item.title},
                   {"href", item.href},
                   {"note", item.note}};
        bool placed = false;
        for (auto& week : context["structure"]["weeks"]) {
            if (item.week_id && week["id"].get<std::int64_t>() == *item.week_id) {
                week["items"].push_back(entry);
                week["has_items"] = true;
                placed = true;
            }
        }
        if (!placed) whole.push_back(entry);
    }
    context["course_items"] = whole;
    context["has_course_items"] = !whole.empty();
    const PolicyBounds bounds = InstitutionPolicy();
    context["policy"] = {{"weights", WeightsJson(course->weights.value_or(bounds.defaults))},
                         {"min", WeightsJson(bounds.min)},
                         {"max", WeightsJson(bounds.max)}};
    if (access->manage) {
        json teachers = json::array();
        auto list = people::ListTeachers(who, services.db, {.offset = 0, .limit = 500});
        for (const auto& t : list ? list->items : std::vector<people::Teacher>{}) {
            teachers.push_back({{"id", t.id.value},
                                {"label", people::DisplayName(t.name) + " (" + t.department_code + ")"}});
        }
        json groups = json::array();
        people::ListQuery q;
        q.programme_id = course->programme_id;
        q.limit = 500;
        auto glist = people::ListGroups(auth::SystemPrincipal(), services.db, q);
        for (const auto& g : glist ? glist->items : std::vector<people::Group>{}) {
            groups.push_back({{"id", g.id.value}, {"label", g.code}});
        }
        context["teacher_options"] = teachers;
        context["group_options"] = groups;
        context["periods"] = PeriodOptions(services, label, std::nullopt);
    }
    if (access->edit) {
        json kinds = json::array();
        for (ElementKind k : kElementKinds) {
            kinds.push_back({{"value", ElementKindName(k)}, {"label", label("kind", ElementKindName(k))}});
        }
        context["kinds"] = kinds;
    }
    return Page(services, request, "courses/course", context, "courses.course_title");
}

http::Response TeacherPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto teacher = ParseId(Field(request, "teacher_id"));
    if (!teacher) return Error(services, request, Invalid("courses.teacher_invalid", "teacher_id"));
    if (auto ok = AssignTeacher(*auth::CurrentPrincipal(request), ChangeOf(services, request), id, *teacher);
        !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

http::Response GroupPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto group = ParseId(Field(request, "group_id"));
    if (!group) return Error(services, request, Invalid("courses.group_invalid", "group_id"));
    if (auto ok = AttachGroup(*auth::CurrentPrincipal(request), ChangeOf(services, request), id, *group,
                              Field(request, "kind"));
        !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

http::Response OutcomePost(const Services& services, http::Request& request, std::int64_t id) {
    OutcomeDraft draft{Field(request, "code"), Field(request, "text"), Field(request, "programme_outcome")};
    if (auto ok = AddOutcome(*auth::CurrentPrincipal(request), ChangeOf(services, request), id, draft); !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1#outcomes");
}

http::Response WeekPost(const Services& services, http::Request& request, std::int64_t id) {
    if (auto ok = AddWeek(*auth::CurrentPrincipal(request), ChangeOf(services, request), id,
                          Field(request, "number"), Field(request, "topic"));
        !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1#weeks");
}

http::Response PolicyPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto part = [&](const char* name) { return ParseInt(Field(request, name), 0, 100); };
    const auto current = part("current"), rk1 = part("rk1"), rk2 = part("rk2"), exam = part("exam");
    if (!current || !rk1 || !rk2 || !exam) {
        return Error(services, request, Invalid("courses.weights_invalid", "weights"));
    }
    if (auto ok = SetWeights(*auth::CurrentPrincipal(request), ChangeOf(services, request), id,
                             {*current, *rk1, *rk2, *exam});
        !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1#policy");
}

http::Response ReadinessPost(const Services& services, http::Request& request, std::int64_t id) {
    if (auto ok = SignReadinessAct(*auth::CurrentPrincipal(request), ChangeOf(services, request), id); !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1#readiness");
}

http::Response CopyPost(const Services& services, http::Request& request, std::int64_t id) {
    auto made = CopyCourse(*auth::CurrentPrincipal(request), ChangeOf(services, request), id,
                           Field(request, "period_id"));
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(Href(*made) + "?saved=1");
}

// Routes with a second id: /courses/{id}/<what>/{sub}/...
using SubFn = core::Status (*)(const auth::Principal&, const Change&, std::int64_t, std::int64_t);

http::Response SubPost(const Services& services, http::Request& request, std::string_view param, SubFn fn,
                       std::string_view anchor) {
    const auto id = ParseId(request.Param("id"));
    const auto sub = ParseId(request.Param(param));
    if (!id || !sub) return Error(services, request, NotFoundError());
    if (auto ok = fn(*auth::CurrentPrincipal(request), ChangeOf(services, request), *id, *sub); !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(*id) + "?saved=1" + std::string(anchor));
}

core::Status DetachGroupFn(const auth::Principal& a, const Change& c, std::int64_t id, std::int64_t sub) {
    return DetachGroup(a, c, id, sub);
}

http::Response ElementPost(const Services& services, http::Request& request) {
    const auto id = ParseId(request.Param("id"));
    const auto week = ParseId(request.Param("week"));
    if (!id || !week) return Error(services, request, NotFoundError());
    const auto& who = *auth::CurrentPrincipal(request);
    // Only a teacher of the course may upload: check before anything is stored.
    auto access = AccessTo(who, services.db, *id);
    if (!access) return Error(services, request, access.error());
    if (!access->edit) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "courses.not_course_teacher",
                                     "not a teacher of the course"));
    }
    auto file = Keep(services, request, "file");
    if (!file) return Error(services, request, file.error());
    ElementDraft draft;
    draft.kind = Field(request, "kind");
    draft.title = Field(request, "title");
    draft.body = Field(request, "body");
    draft.url = Field(request, "url");
    draft.reference = Field(request, "reference");
    draft.starts_at = Field(request, "starts_at");
    draft.synchronous = Field(request, "synchronous");
    draft.hours = Field(request, "hours");
    if (*file) {
        draft.file_sha256 = (*file)->sha256;
        draft.file_type = (*file)->type;
        draft.file_name = (*file)->name;
    }
    if (auto form = request.Form()) {
        const auto [first, last] = form.value()->fields.equal_range("outcomes");
        for (auto it = first; it != last; ++it) {
            if (auto outcome = ParseId(it->second)) draft.outcome_ids.push_back(*outcome);
        }
    }
    auto made = AddElement(who, ChangeOf(services, request), *id, *week, draft);
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(Href(*id) + "?saved=1#week-" + std::to_string(*week));
}

http::Response CaptionsPost(const Services& services, http::Request& request) {
    const auto id = ParseId(request.Param("id"));
    const auto element = ParseId(request.Param("element"));
    if (!id || !element) return Error(services, request, NotFoundError());
    const auto& who = *auth::CurrentPrincipal(request);
    auto access = AccessTo(who, services.db, *id);
    if (!access) return Error(services, request, access.error());
    if (!access->edit) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "courses.not_course_teacher",
                                     "not a teacher of the course"));
    }
    auto file = Keep(services, request, "captions");
    if (!file) return Error(services, request, file.error());
    if (!*file) return Error(services, request, Invalid("courses.captions_invalid", "captions"));
    if (auto ok =
            SetCaptions(who, ChangeOf(services, request), *id, *element, (*file)->sha256, (*file)->head);
        !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect(Href(*id) + "/elements/" + std::to_string(*element) + "?saved=1");
}

http::Response ElementPage(const Services& services, http::Request& request) {
    const auto id = ParseId(request.Param("id"));
    const auto element_id = ParseId(request.Param("element"));
    if (!id || !element_id) return Error(services, request, NotFoundError());
    const auto& who = *auth::CurrentPrincipal(request);
    auto course = FindCourse(who, services.db, *id, Lang(request));
    if (!course) return Error(services, request, course.error());
    auto structure = StructureOf(who, services.db, *id);
    auto access = AccessTo(who, services.db, *id);
    if (!structure || !access) return Error(services, request, NotFoundError());
    const Labels label(services, request);
    for (const Week& w : structure->weeks) {
        for (const Element& e : w.elements) {
            if (e.id != *element_id) continue;
            json element = ElementJson(*id, e, label, structure->outcomes);
            // Markdown rendered on the server in safe mode (no raw HTML reaches the page).
            element["body_html"] = e.body.empty() ? std::string() : RenderMarkdown(e.body);
            element["has_body"] = !e.body.empty();
            element["is_pdf"] = e.file_type == "application/pdf";
            element["is_audio"] = e.kind == ElementKind::kAudio;
            element["is_video"] = e.kind == ElementKind::kVideo;
            element["is_image"] = e.kind == ElementKind::kImage;
            element["is_session"] = e.kind == ElementKind::kSession;
            element["is_library"] = e.kind == ElementKind::kLibrary;
            element["is_link"] = e.kind == ElementKind::kLink;
            json context{{"course", CourseJson(*course, label)},
                         {"week", {{"number", w.number}, {"topic", w.topic}}},
                         {"element", element},
                         {"edit", access->edit},
                         {"saved", request.Query("saved").has_value()}};
            return Page(services, request, "courses/element", context, "courses.element_page_title");
        }
    }
    return Error(services, request, NotFoundError());
}

http::Response FileGet(const Services& services, http::Request& request) {
    const auto id = ParseId(request.Param("id"));
    const std::string sha(request.Param("sha256"));
    if (!id || sha.size() != 64) return Error(services, request, NotFoundError());
    auto type = CourseFileType(*auth::CurrentPrincipal(request), services.db, *id, sha);
    if (!type) return Error(services, request, type.error());
    auto path = services.files.PathOf(sha);
    if (!path) return Error(services, request, NotFoundError());
    auto response = http::Response::SendFile(*path, *type);
    if (*type == "application/pdf") {
        // A PDF is shown inline in the element page's frame (same origin only); the sniffed type
        // decides, never the client's claim.
        response.SetHeader("Content-Disposition", "inline");
        // No sandbox here: browsers refuse to run their PDF viewer in a sandboxed document.
        response.SetHeader("Content-Security-Policy", "frame-ancestors 'self'");
        response.SetHeader("X-Frame-Options", "SAMEORIGIN");
    } else if (*type == "text/vtt") {
        response.SetHeader("Content-Disposition", "inline");
    } else {
        response.SetHeader("Content-Disposition", platform::files::DispositionFor(*type, ""));
    }
    response.SetHeader("X-Content-Type-Options", "nosniff");
    response.SetHeader("Cache-Control", "private, max-age=3600");
    return response;
}

// ----- readiness dashboard and syllabus ------------------------------------------------------

http::Response DashboardPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auth::ScopesWith(who, kView).empty()) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "no courses:view"));
    }
    const Labels label(services, request);
    const auto period = QueryId(request, "period");
    json rows = json::array();
    if (period) {
        auto dashboard = ReadinessDashboard(who, services.db, *period, Now(), Lang(request));
        if (!dashboard) return Error(services, request, dashboard.error());
        for (const auto& r : *dashboard) {
            rows.push_back(
                {{"course", CourseJson(r.course, label)}, {"readiness", ReadinessJson(r.readiness, label)}});
        }
    }
    json context{{"periods", PeriodOptions(services, label, period)},
                 {"has_period", period.has_value()},
                 {"rows", rows},
                 {"has_rows", !rows.empty()}};
    return Page(services, request, "courses/readiness", context, "courses.readiness_title");
}

json SyllabusJson(const Syllabus& s, const Labels& label) {
    json literature = json::array();
    for (const auto& l : s.literature) literature.push_back(l);
    const int total = s.synchronous_hours + s.asynchronous_hours;
    return {{"course", CourseJson(s.course, label)},
            {"structure", StructureJson(s.course.id, s.structure, label)},
            {"weights", WeightsJson(s.weights)},
            {"weights_default", s.weights_default},
            {"literature", literature},
            {"has_literature", !literature.empty()},
            {"synchronous_hours", s.synchronous_hours},
            {"asynchronous_hours", s.asynchronous_hours},
            {"total_hours", total},
            {"synchronous_percent", core::Percent(s.synchronous_hours, total)},
            {"synchronous_share", VerdictJson(label, s.synchronous_share)}};
}

http::Response SyllabusPage(const Services& services, http::Request& request, std::int64_t id) {
    auto syllabus = SyllabusOf(*auth::CurrentPrincipal(request), services.db, id, Lang(request));
    if (!syllabus) return Error(services, request, syllabus.error());
    return Page(services, request, "courses/syllabus", SyllabusJson(*syllabus, Labels(services, request)),
                "courses.syllabus_title");
}

http::Response SyllabusPdfGet(const Services& services, http::Request& request, std::int64_t id) {
    auto syllabus = SyllabusOf(*auth::CurrentPrincipal(request), services.db, id, Lang(request));
    if (!syllabus) return Error(services, request, syllabus.error());
    const Labels label(services, request);
    const auto& strings = services.renderer.strings();
    const auto lang = web::RequestLanguage(request);
    const Word word = [&](const std::string& key) { return strings.Get(lang, key); };
    const std::string share =
        syllabus->synchronous_share.message_key.empty() ? "" : label.Verdict(syllabus->synchronous_share);
    auto bytes = SyllabusPdf(*syllabus, word, share);
    if (!bytes) return Error(services, request, bytes.error());
    http::Response response;
    response.body = std::move(bytes.value());
    response.SetHeader("Content-Type", "application/pdf");
    response.SetHeader(
        "Content-Disposition",
        platform::files::DispositionFor("application/pdf", "syllabus-" + std::to_string(id) + ".pdf"));
    response.SetHeader("X-Content-Type-Options", "nosniff");
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

// ----- IMS Common Cartridge ---------------------------------------------------------------------

http::Response CartridgeGet(const Services& services, http::Request& request, std::int64_t id) {
    auto bytes = ExportCartridge(*auth::CurrentPrincipal(request), services.db, services.files, id);
    if (!bytes) return Error(services, request, bytes.error());
    http::Response response;
    response.body = std::move(bytes.value());
    response.SetHeader("Content-Type", "application/zip");
    response.SetHeader("Content-Disposition",
                       "attachment; filename=\"course-" + std::to_string(id) + ".imscc\"");
    response.SetHeader("X-Content-Type-Options", "nosniff");
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

json PreviewJson(const CartridgePreview& preview, const Labels& label) {
    json weeks = json::array();
    int items = 0;
    for (const auto& w : preview.weeks) {
        json list = json::array();
        for (const auto& i : w.items) {
            list.push_back({{"kind_label", label("kind", i.kind)}, {"title", i.title}});
            ++items;
        }
        weeks.push_back(
            {{"number", w.number}, {"topic", w.topic}, {"items", list}, {"has_items", !list.empty()}});
    }
    return {{"title", preview.title},
            {"version", preview.version},
            {"weeks", weeks},
            {"items", items},
            {"skipped", preview.skipped}};
}

http::Response ImportPage(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto course = FindCourse(who, services.db, id, Lang(request));
    if (!course) return Error(services, request, course.error());
    auto access = AccessTo(who, services.db, id);
    if (!access || !access->edit) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "courses.not_course_teacher",
                                     "not a teacher of the course"));
    }
    return Page(services, request, "courses/import",
                {{"course", CourseJson(*course, Labels(services, request))}}, "courses.import_title");
}

// Step 1: the upload is kept in the file store and previewed; step 2 (commit=<sha256>) imports
// the kept package. A refused package shows the form again with the translated reason.
http::Response ImportPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto course = FindCourse(who, services.db, id, Lang(request));
    if (!course) return Error(services, request, course.error());
    const Labels label(services, request);
    auto again = [&](const core::Error& error) {
        json context{{"course", CourseJson(*course, label)},
                     {"error", Message(services, request, error)},
                     {"has_error", true}};
        auto response = Page(services, request, "courses/import", context, "courses.import_title");
        response.status = http::HttpStatus(error.code);
        return response;
    };
    const std::string commit = Field(request, "commit");
    const std::string purpose = "courses.cartridge:" + std::to_string(id);
    std::string zip;
    std::string sha;
    if (!commit.empty()) {
        // The kept package only with the receipt of this session's preview of it for this course.
        const bool previewed =
            commit.size() == 64 &&
            auth::CheckUploadReceipt(auth::CsrfToken(request), purpose, commit, Field(request, "receipt"));
        auto in = previewed ? services.files.Open(commit) : core::Result<std::ifstream>(NotFoundError());
        if (!in) return again(Invalid("courses.cartridge_invalid", "file"));
        std::ostringstream bytes;
        bytes << in->rdbuf();
        zip = bytes.str();
        auto made = ImportCartridge(who, ChangeOf(services, request), services.files, id, zip);
        if (!made) {
            if (made.error().code == core::ErrorCode::kForbidden) {
                return Error(services, request, made.error());
            }
            return again(made.error());
        }
        return http::Response::Redirect(Href(id) + "?saved=1#weeks");
    }
    auto access = AccessTo(who, services.db, id);
    if (!access || !access->edit) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "courses.not_course_teacher",
                                     "not a teacher of the course"));
    }
    auto form = request.Form();
    const http::UploadedFile* file = form ? form.value()->File("file") : nullptr;
    if (file == nullptr || file->size == 0) return again(Invalid("courses.cartridge_invalid", "file"));
    if (file->size > kMaxMedia) return again(Invalid("courses.cartridge_too_large", "file"));
    if (file->path.empty()) {
        zip = file->data;
    } else {
        std::ifstream in(file->path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        zip = bytes.str();
    }
    auto preview = PreviewCartridge(who, services.db, id, zip);
    if (!preview) return again(preview.error());
    auto kept = services.files.Put(zip);
    if (!kept) return again(kept.error());
    json context{{"course", CourseJson(*course, label)},
                 {"preview", PreviewJson(*preview, label)},
                 {"has_preview", true},
                 {"commit", kept->sha256},
                 {"receipt", auth::UploadReceipt(auth::CsrfToken(request), purpose, kept->sha256)}};
    return Page(services, request, "courses/import", context, "courses.import_title");
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
    if (body[key].is_boolean()) return body[key].get<bool>() ? "yes" : "no";
    return {};
}

http::Response ApiList(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    CourseQuery query;
    query.period_id = QueryId(request, "period");
    query.mine = request.Query("mine").value_or("") == "1" || auth::ScopesWith(who, kView).empty();
    const Labels label(services, request);
    json items = json::array();
    for (const Course& c : ListCourses(who, services.db, query, Lang(request))) {
        items.push_back(CourseJson(c, label));
    }
    return Json({{"items", items}});
}

http::Response ApiCreate(const Services& services, http::Request& request) {
    const json body = Body(request);
    CourseDraft draft{Text(body, "discipline_id"), Text(body, "period_id"), Text(body, "language"),
                      Text(body, "online"), Text(body, "department_id")};
    auto made = CreateCourse(*auth::CurrentPrincipal(request), ChangeOf(services, request), draft);
    if (!made) return ApiError(services, request, made.error());
    return Json({{"id", *made}}, 201);
}

http::Response ApiCourse(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto course = FindCourse(who, services.db, id, Lang(request));
    if (!course) return ApiError(services, request, course.error());
    auto structure = StructureOf(who, services.db, id);
    if (!structure) return ApiError(services, request, structure.error());
    const Labels label(services, request);
    json out = CourseJson(*course, label);
    out["structure"] = StructureJson(id, *structure, label);
    return Json(out);
}

http::Response ApiTeacher(const Services& services, http::Request& request, std::int64_t id) {
    const json body = Body(request);
    const auto& who = *auth::CurrentPrincipal(request);
    auto access = AccessTo(who, services.db, id);
    if (!access) return ApiError(services, request, access.error());
    const auto teacher = ParseId(Text(body, "teacher_id"));
    auto ok = teacher ? AssignTeacher(who, ChangeOf(services, request), id, *teacher)
                      : core::Status(Invalid("courses.teacher_invalid", "teacher_id"));
    if (!ok) return ApiError(services, request, ok.error());
    return Json({{"course_id", id}, {"teacher_id", *teacher}}, 201);
}

http::Response ApiGroup(const Services& services, http::Request& request, std::int64_t id) {
    const json body = Body(request);
    const auto& who = *auth::CurrentPrincipal(request);
    auto access = AccessTo(who, services.db, id);
    if (!access) return ApiError(services, request, access.error());
    const auto group = ParseId(Text(body, "group_id"));
    auto ok = group ? AttachGroup(who, ChangeOf(services, request), id, *group, Text(body, "kind"))
                    : core::Status(Invalid("courses.group_invalid", "group_id"));
    if (!ok) return ApiError(services, request, ok.error());
    return Json({{"course_id", id}, {"group_id", *group}}, 201);
}

http::Response ApiPolicy(const Services& services, http::Request& request, std::int64_t id) {
    const json body = Body(request);
    const auto& who = *auth::CurrentPrincipal(request);
    auto access = AccessTo(who, services.db, id);
    if (!access) return ApiError(services, request, access.error());
    const auto part = [&](const char* key) { return ParseInt(Text(body, key), 0, 100); };
    const auto current = part("current"), rk1 = part("rk1"), rk2 = part("rk2"), exam = part("exam");
    auto ok = current && rk1 && rk2 && exam
                  ? SetWeights(who, ChangeOf(services, request), id, {*current, *rk1, *rk2, *exam})
                  : core::Status(Invalid("courses.weights_invalid", "weights"));
    if (!ok) return ApiError(services, request, ok.error());
    return Json({{"course_id", id}, {"weights", WeightsJson({*current, *rk1, *rk2, *exam})}});
}

http::Response ApiReadiness(const Services& services, http::Request& request, std::int64_t id) {
    auto readiness = ReadinessOf(*auth::CurrentPrincipal(request), services.db, id, Now());
    if (!readiness) return ApiError(services, request, readiness.error());
    return Json(ReadinessJson(*readiness, Labels(services, request)));
}

http::Response ApiSyllabus(const Services& services, http::Request& request, std::int64_t id) {
    auto syllabus = SyllabusOf(*auth::CurrentPrincipal(request), services.db, id, Lang(request));
    if (!syllabus) return ApiError(services, request, syllabus.error());
    return Json(SyllabusJson(*syllabus, Labels(services, request)));
}

http::Response ApiDashboard(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto dashboard = ReadinessDashboard(who, services.db, QueryId(request, "period"), Now(), Lang(request));
    if (!dashboard) return ApiError(services, request, dashboard.error());
    const Labels label(services, request);
    json items = json::array();
    for (const auto& r : *dashboard) {
        json item = ReadinessJson(r.readiness, label);
        item["course"] = CourseJson(r.course, label);
        items.push_back(item);
    }
    return Json({{"items", items}});
}

using Fn = http::Response (*)(const Services&, http::Request&);
using IdFn = http::Response (*)(const Services&, http::Request&, std::int64_t);

http::Handler Bind(Services& services, Fn fn) {
    return [&services, fn](http::Request& request) { return fn(services, request); };
}

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

}  // namespace

void AddRoutes(platform::http::Router& router, platform::Services& services) {
    services.navigation.Add({.href = "/courses",
                             .label_key = "courses.nav_mine",
                             .description_key = "courses.nav_mine_description",
                             .capability = &kOwnCourses,
                             .order = 15});
    services.navigation.Add({.href = "/courses",
                             .label_key = "courses.nav_courses",
                             .description_key = "courses.nav_courses_description",
                             .capability = &kView,
                             .order = 35});
    services.navigation.Add({.href = "/courses/readiness",
                             .label_key = "courses.nav_readiness",
                             .description_key = "courses.nav_readiness_description",
                             .capability = &kView,
                             .order = 36});

    const auto get = http::Method::kGet;
    const auto post = http::Method::kPost;
    router.Add(get, "/courses", Bind(services, ListPage));
    router.Add(get, "/courses/new", Bind(services, NewPage));
    router.Add(post, "/courses", Bind(services, CreatePost));
    router.Add(get, "/courses/readiness", Bind(services, DashboardPage));
    router.Add(get, "/courses/{id}", BindId(services, CoursePage, false));
    router.Add(get, "/courses/{id}/edit", BindId(services, EditPage, false));
    router.Add(post, "/courses/{id}", BindId(services, UpdatePost, false));
    router.Add(post, "/courses/{id}/teachers", BindId(services, TeacherPost, false));
    router.Add(post, "/courses/{id}/teachers/{teacher}/remove", [&services](http::Request& request) {
        return SubPost(services, request, "teacher", RemoveTeacher, "");
    });
    router.Add(post, "/courses/{id}/groups", BindId(services, GroupPost, false));
    router.Add(post, "/courses/{id}/groups/{group}/remove", [&services](http::Request& request) {
        return SubPost(services, request, "group", DetachGroupFn, "");
    });
    router.Add(post, "/courses/{id}/outcomes", BindId(services, OutcomePost, false));
    router.Add(post, "/courses/{id}/outcomes/{outcome}/remove", [&services](http::Request& request) {
        return SubPost(services, request, "outcome", RemoveOutcome, "#outcomes");
    });
    router.Add(post, "/courses/{id}/weeks", BindId(services, WeekPost, false));
    router.Add(post, "/courses/{id}/weeks/{week}/elements", Bind(services, ElementPost),
               {.max_body = kMaxMedia});
    router.Add(get, "/courses/{id}/elements/{element}", Bind(services, ElementPage));
    router.Add(post, "/courses/{id}/elements/{element}/remove", [&services](http::Request& request) {
        return SubPost(services, request, "element", RemoveElement, "#weeks");
    });
    router.Add(post, "/courses/{id}/elements/{element}/captions", Bind(services, CaptionsPost),
               {.max_body = kMaxDocument});
    router.Add(get, "/courses/{id}/files/{sha256}", Bind(services, FileGet));
    router.Add(post, "/courses/{id}/policy", BindId(services, PolicyPost, false));
    router.Add(post, "/courses/{id}/readiness", BindId(services, ReadinessPost, false));
    router.Add(get, "/courses/{id}/syllabus", BindId(services, SyllabusPage, false));
    router.Add(get, "/courses/{id}/syllabus.pdf", BindId(services, SyllabusPdfGet, false));
    router.Add(get, "/courses/{id}/cartridge.imscc", BindId(services, CartridgeGet, false));
    router.Add(get, "/courses/{id}/import", BindId(services, ImportPage, false));
    router.Add(post, "/courses/{id}/import", BindId(services, ImportPost, false),
               {.max_body = kMaxMedia + (1u << 20)});
    router.Add(post, "/courses/{id}/copy", BindId(services, CopyPost, false));

    // JSON API (described in courses/openapi.json).
    router.Add(get, "/api/v1/courses", Bind(services, ApiList));
    router.Add(post, "/api/v1/courses", Bind(services, ApiCreate));
    router.Add(get, "/api/v1/courses/readiness", Bind(services, ApiDashboard));
    router.Add(get, "/api/v1/courses/{id}", BindId(services, ApiCourse, true));
    router.Add(post, "/api/v1/courses/{id}/teachers", BindId(services, ApiTeacher, true));
    router.Add(post, "/api/v1/courses/{id}/groups", BindId(services, ApiGroup, true));
    router.Add(post, "/api/v1/courses/{id}/policy", BindId(services, ApiPolicy, true));
    router.Add(get, "/api/v1/courses/{id}/readiness", BindId(services, ApiReadiness, true));
    router.Add(get, "/api/v1/courses/{id}/syllabus", BindId(services, ApiSyllabus, true));
}

}  // namespace oqu::courses::detail
