#include "online/routes.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "online/api.hpp"
#include "online/permissions.hpp"
#include "people/api.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"

namespace oqu::online::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

// A certificate upload (PDF or image) is at most 10 MiB.
constexpr std::uint64_t kMaxUpload = 10ull << 20;

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

Change ChangeOf(const Services& services, const http::Request& request) {
    return Change{services.db, Now(), request.remote_address};
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value <= 0) return std::nullopt;
    return value;
}

std::string Field(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

std::string Message(const Services& services, const http::Request& request, const core::Error& error) {
    const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
    return services.renderer.strings().Format(web::RequestLanguage(request), error.message_key, args);
}

http::Response Page(const Services& services, const http::Request& request, std::string_view name,
                    const json& context, std::string_view title_key) {
    auto response = web::RenderPage(services.renderer, request, name, context, title_key);
    response.SetHeader("Cache-Control", "no-store");  // Personal data: never cached.
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

std::string Iso(core::Instant t) {
    return core::FormatUtc(t);
}

// Translated labels of stored codes ("online.kind_personal_data").
class Labels {
public:
    Labels(const Services& services, const http::Request& request)
        : strings_(services.renderer.strings()), lang_(web::RequestLanguage(request)) {}
    std::string operator()(std::string_view prefix, std::string_view code) const {
        return strings_.Get(lang_, "online." + std::string(prefix) + "_" + std::string(code));
    }
    json Options(std::string_view prefix, std::initializer_list<std::string_view> codes) const {
        json out = json::array();
        for (std::string_view code : codes) {
            out.push_back({{"value", code}, {"label", (*this)(prefix, code)}});
        }
        return out;
    }

private:
    const web::Strings& strings_;
    web::Language lang_;
};

std::string_view Lang(const http::Request& request) {
    return web::LanguageTag(web::RequestLanguage(request));
}

const std::string& TextIn(const Document& d, std::string_view lang) {
    if (lang == "ru") return d.text_ru;
    if (lang == "en") return d.text_en;
    return d.text_kk;
}

std::string StudentHref(std::int64_t id) {
    return "/online/students/" + std::to_string(id);
}

std::string TeacherHref(std::int64_t id) {
    return "/online/teachers/" + std::to_string(id);
}

json VerdictJson(const Services& services, const http::Request& request, const core::Verdict& v) {
    const std::map<std::string, std::string> args(v.args.begin(), v.args.end());
    return {
        {"rule", v.rule},
        {"status", core::RuleStatusName(v.status)},
        {"met", v.status == core::RuleStatus::kMet},
        {"violated", v.violated()},
        {"message", services.renderer.strings().Format(web::RequestLanguage(request), v.message_key, args)}};
}

// Keeps an uploaded certificate in the file store; "" when none was sent.
core::Result<std::string> KeepCertificate(const Services& services, http::Request& request) {
    auto form = request.Form();
    if (!form) return std::string{};
    const http::UploadedFile* file = form.value()->File("certificate");
    if (file == nullptr || file->size == 0) return std::string{};
    auto bytes = file->ReadAll();
    if (!bytes) return bytes.error();
    auto stored = services.files.Put(*bytes);
    if (!stored) return stored.error();
    return stored->sha256;
}

// ----- the student's own contract (R-O7) -------------------------------------------------------

json ConsentJson(const ConsentState& state, std::string_view lang, const Labels& label) {
    json docs = json::array();
    for (std::size_t i = 0; i < state.current.size(); ++i) {
        const Document& d = state.current[i];
        docs.push_back({{"id", d.id},
                        {"kind", DocumentKindName(d.kind)},
                        {"kind_label", label("kind", DocumentKindName(d.kind))},
                        {"version", d.version},
                        {"text", TextIn(d, lang)},
                        {"published_at", Iso(d.published_at)},
                        {"accepted", state.accepted[i]}});
    }
    json history = json::array();
    for (const Acceptance& a : state.history) {
        history.push_back({{"kind", DocumentKindName(a.kind)},
                           {"kind_label", label("kind", DocumentKindName(a.kind))},
                           {"version", a.version},
                           {"accepted_at", Iso(a.accepted_at)},
                           {"withdrawn", a.withdrawn_at.has_value()},
                           {"withdrawn_at", a.withdrawn_at ? Iso(*a.withdrawn_at) : std::string()}});
    }
    return {{"student_id", state.student_id},
            {"online", state.online},
            {"complete", state.complete},
            {"documents", docs},
            {"history", history},
            {"has_history", !history.empty()}};
}

http::Response ConsentsPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto own = OwnStudentId(who, services.db);
    if (!own) return Error(services, request, own.error());
    auto state = ConsentStateOf(who, services.db, *own);
    if (!state) return Error(services, request, state.error());
    json context = ConsentJson(*state, Lang(request), Labels(services, request));
    std::string ids;
    bool personal_data_in_force = false;
    for (std::size_t i = 0; i < state->current.size(); ++i) {
        ids += (ids.empty() ? "" : ",") + std::to_string(state->current[i].id);
        if (state->current[i].kind == DocumentKind::kPersonalData && state->accepted[i]) {
            personal_data_in_force = true;
        }
    }
    context["document_ids"] = ids;
    context["nothing_published"] = state->current.empty();
    context["can_accept"] = !state->current.empty() && !state->complete;
    context["can_withdraw"] = personal_data_in_force;
    context["record_href"] = StudentHref(*own);
    context["saved"] = request.Query("saved").has_value();
    context["error"] = request.Query("error").value_or("") == "agree";
    return Page(services, request, "online/consents", context, "online.consents_title");
}

http::Response AcceptPost(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (Field(request, "agree") != "yes") return http::Response::Redirect("/online/consents?error=agree");
    std::vector<std::int64_t> ids;
    const std::string list = Field(request, "documents");
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        if (auto id = ParseId(std::string_view(list).substr(start, comma - start))) ids.push_back(*id);
        start = comma + 1;
    }
    if (auto ok = AcceptDocuments(who, ChangeOf(services, request), ids); !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect("/online/consents?saved=1");
}

http::Response WithdrawPost(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto ok = WithdrawPersonalDataConsent(who, ChangeOf(services, request)); !ok) {
        return Error(services, request, ok.error());
    }
    return http::Response::Redirect("/online/consents?saved=1");
}

// ----- a student's online record ----------------------------------------------------------------

// ----- R-O3 individual plan and schedule ----------------------------------------------------------

std::string PlanHref(std::int64_t id) {
    return StudentHref(id) + "/plan";
}

const std::string& NameIn(const PlanEntry& e, std::string_view lang) {
    if (lang == "ru") return e.name_ru;
    if (lang == "en") return e.name_en;
    return e.name_kk;
}

std::string PlanStatus(const StudyPlan& plan) {
    return plan.approved ? "approved" : plan.saved ? "draft" : "none";
}

// The plan as the student page and the plan page show it (read-only rows and schedule).
json PlanRows(const Services& services, const http::Request& request, const StudyPlan& plan) {
    const Labels label(services, request);
    json rows = json::array();
    for (const PlanEntry& e : plan.entries) {
        std::string how;
        if (e.set && e.mode == "mooc") {
            how = label("mode", "mooc") + ": " + e.mooc_title;
        } else if (e.set) {
            const std::map<std::string, std::string> args{{"hours", std::to_string(e.synchronous_hours)},
                                                          {"total", std::to_string(e.total_hours)}};
            how = label("mode", "online") + ": " +
                  services.renderer.strings().Format(web::RequestLanguage(request), "online.plan_sync_hours",
                                                     args);
        }
        rows.push_back({{"discipline_id", e.discipline_id},
                        {"semester", e.semester},
                        {"code", e.code},
                        {"name", NameIn(e, Lang(request))},
                        {"credits", e.credits},
                        {"total_hours", e.total_hours},
                        {"set", e.set},
                        {"how", how},
                        {"ro6_violated", e.set && e.synchronous.violated()}});
    }
    return rows;
}

json ScheduleJson(const Services& services, const http::Request& request, const StudyPlan& plan,
                  std::int64_t student_id) {
    const Labels label(services, request);
    json rows = json::array();
    for (const ScheduleRow& r : plan.schedule) {
        rows.push_back(
            {{"id", r.id},
             {"weekday", label("weekday", std::to_string(r.weekday))},
             {"start_time", r.start_time},
             {"end_time", r.end_time},
             {"code", r.code},
             {"format", label("format", r.format)},
             {"remove_href", PlanHref(student_id) + "/schedule/" + std::to_string(r.id) + "/remove"}});
    }
    return rows;
}

json PlanJson(const Services& services, const http::Request& request, std::int64_t id, bool can_decide) {
    const Labels label(services, request);
    auto plan = StudyPlanOf(*auth::CurrentPrincipal(request), services.db, id, Now());
    if (!plan) {
        return {
            {"available", false}, {"problem", Message(services, request, plan.error())}, {"can_edit", false}};
    }
    // R-O3 is about online students: a full-time student's page says he has no individual plan.
    if (!plan->online) {
        const auto none = core::MakeError(core::ErrorCode::kConflict, "online.not_online_student");
        return {{"available", false}, {"problem", Message(services, request, none)}, {"can_edit", false}};
    }
    const json schedule = ScheduleJson(services, request, *plan, id);
    return {{"available", true},
            {"status", PlanStatus(*plan)},
            {"status_label", label("plan", PlanStatus(*plan))},
            {"approved", plan->approved},
            {"approved_at", plan->approved_at ? Iso(*plan->approved_at) : std::string()},
            {"approver", plan->approver},
            {"admission_year", plan->admission_year},
            {"rows", PlanRows(services, request, *plan)},
            {"has_schedule", !schedule.empty()},
            {"schedule", schedule},
            {"can_edit", can_decide && plan->online},
            {"edit_href", PlanHref(id)}};
}

// The plan page of the dean's office: the entries form, the schedule and the approval.
http::Response PlanPage(const Services& services, http::Request& request, std::int64_t id,
                        const std::string& problem, int status) {
    const auto& who = *auth::CurrentPrincipal(request);
    // Only those who decide on the student's records edit the plan; a reader of them gets 403.
    if (auto student = ConsentStateOf(who, services.db, id); !student) {
        return Error(services, request, student.error());
    }
    if (auth::ScopesWith(who, kDecide).empty()) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "plan"));
    }
    auto plan = StudyPlanOf(who, services.db, id, Now());
    if (!plan) return Error(services, request, plan.error());
    std::string notice;
    if (!plan->online) {
        notice = Message(services, request,
                         core::MakeError(core::ErrorCode::kConflict, "online.not_online_student"));
    } else if (!plan->has_curriculum) {
        notice =
            Message(services, request, core::MakeError(core::ErrorCode::kConflict, "online.no_curriculum"));
    }
    // A full-time student has no individual plan to edit: the page says so and offers no form.
    if (!plan->online) plan->entries.clear();
    const Labels label(services, request);
    json entries = PlanRows(services, request, *plan);
    for (std::size_t i = 0; i < plan->entries.size(); ++i) {
        const PlanEntry& e = plan->entries[i];
        json options = json::array();
        options.push_back(
            {{"value", "online"}, {"label", label("mode", "online")}, {"selected", e.mode != "mooc"}});
        for (const Mooc& m : plan->approved_moocs) {
            options.push_back({{"value", "mooc:" + std::to_string(m.id)},
                               {"label", label("mode", "mooc") + ": " + m.title},
                               {"selected", e.mode == "mooc" && e.mooc_id && *e.mooc_id == m.id}});
        }
        entries[i]["options"] = options;
        // An entry not set yet proposes the R-O6 floor: 20 % of the hours, rounded up.
        entries[i]["sync_value"] = e.set ? e.synchronous_hours : (e.total_hours + 4) / 5;
    }
    json weekdays = json::array();
    for (int d = 1; d <= 7; ++d) {
        weekdays.push_back({{"value", d}, {"label", label("weekday", std::to_string(d))}});
    }
    json disciplines = json::array();
    for (const PlanEntry& e : plan->entries) {
        if (e.set) {
            disciplines.push_back(
                {{"value", e.discipline_id}, {"label", e.code + " " + NameIn(e, Lang(request))}});
        }
    }
    json context{{"student_href", StudentHref(id)},
                 {"action", PlanHref(id)},
                 {"status_label", label("plan", PlanStatus(*plan))},
                 {"approved", plan->approved},
                 {"approved_at", plan->approved_at ? Iso(*plan->approved_at) : std::string()},
                 {"approver", plan->approver},
                 {"admission_year", plan->admission_year},
                 {"has_problem", !problem.empty()},
                 {"problem", problem},
                 {"has_notice", !notice.empty()},
                 {"notice", notice},
                 {"entries", entries},
                 {"has_entries", !entries.empty()},
                 {"schedule", ScheduleJson(services, request, *plan, id)},
                 {"has_schedule", !plan->schedule.empty()},
                 {"can_schedule", plan->online && plan->saved && !disciplines.empty()},
                 {"disciplines", disciplines},
                 {"weekdays", weekdays},
                 {"formats", label.Options("format", {"synchronous", "asynchronous"})},
                 {"can_approve", plan->online && plan->saved && plan->complete && !plan->schedule.empty() &&
                                     !plan->approved},
                 {"saved", request.Query("saved").has_value()}};
    auto response = Page(services, request, "online/plan", context, "online.plan_title");
    if (response.status == 200) response.status = status;
    return response;
}

http::Response PlanGet(const Services& services, http::Request& request, std::int64_t id) {
    return PlanPage(services, request, id, "", 200);
}

// A refused plan change: the plan page again with the reason, or the error page when the student
// is not the actor's to change.
http::Response PlanRefused(const Services& services, http::Request& request, std::int64_t id,
                           const core::Error& error) {
    if (error.code == core::ErrorCode::kNotFound || error.code == core::ErrorCode::kForbidden) {
        return Error(services, request, error);
    }
    const int status = error.code == core::ErrorCode::kConflict ? 409 : 422;
    return PlanPage(services, request, id, Message(services, request, error), status);
}

http::Response SavePlanPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    std::vector<PlanEntryDraft> drafts;
    auto form = request.Form();
    if (form) {
        const auto [first, last] = form.value()->fields.equal_range("discipline");
        for (auto it = first; it != last; ++it) {
            const std::string& discipline = it->second;
            const std::string way = Field(request, "way_" + discipline);
            PlanEntryDraft d;
            d.discipline_id = discipline;
            if (way.starts_with("mooc:")) {
                d.mode = "mooc";
                d.mooc_id = way.substr(5);
            } else {
                d.mode = way;
                d.synchronous_hours = Field(request, "sync_" + discipline);
            }
            drafts.push_back(std::move(d));
        }
    }
    if (auto ok = SavePlan(who, ChangeOf(services, request), id, drafts); !ok) {
        return PlanRefused(services, request, id, ok.error());
    }
    return http::Response::Redirect(PlanHref(id) + "?saved=1");
}

http::Response AddSchedulePost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    ScheduleDraft draft{Field(request, "discipline_id"), Field(request, "weekday"),
                        Field(request, "start_time"), Field(request, "end_time"), Field(request, "format")};
    if (auto ok = AddScheduleRow(who, ChangeOf(services, request), id, draft); !ok) {
        return PlanRefused(services, request, id, ok.error());
    }
    return http::Response::Redirect(PlanHref(id) + "?saved=1");
}

http::Response RemoveSchedulePost(const Services& services, http::Request& request, std::int64_t id) {
    const auto row = ParseId(request.Param("row"));
    if (!row) return Error(services, request, NotFoundError());
    if (auto ok = RemoveScheduleRow(*auth::CurrentPrincipal(request), ChangeOf(services, request), id, *row);
        !ok) {
        return PlanRefused(services, request, id, ok.error());
    }
    return http::Response::Redirect(PlanHref(id) + "?saved=1");
}

http::Response ApprovePlanPost(const Services& services, http::Request& request, std::int64_t id) {
    if (auto ok = ApprovePlan(*auth::CurrentPrincipal(request), ChangeOf(services, request), id); !ok) {
        return PlanRefused(services, request, id, ok.error());
    }
    return http::Response::Redirect(StudentHref(id) + "?saved=1");
}

// ----- the staff list of online students ---------------------------------------------------------

http::Response StudentsPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    OnlineStudentQuery query;
    const auto programme = ParseId(request.Query("programme").value_or(""));
    const auto group = ParseId(request.Query("group").value_or(""));
    query.programme_id = programme;
    query.group_id = group;
    const auto page_number = ParseId(request.Query("page").value_or("")).value_or(1);
    query.limit = 50;
    query.offset = static_cast<int>(std::min<std::int64_t>(page_number - 1, 10'000) * query.limit);
    auto list = ListOnlineStudents(who, services.db, query);
    if (!list) return Error(services, request, list.error());
    const Labels label(services, request);
    json rows = json::array();
    for (const auto& r : list->items) {
        rows.push_back({{"href", StudentHref(r.student_id)},
                        {"name", r.name},
                        {"student_number", r.student_number},
                        {"programme", r.programme_code},
                        {"group", r.group_code},
                        {"course_year", r.course_year},
                        {"consented", r.consented},
                        {"plan", r.plan},
                        {"plan_approved", r.plan == "approved"},
                        {"plan_label", label("plan", r.plan)}});
    }
    // The filters: the programmes and groups the list may show.
    json programmes = json::array();
    if (auto visible =
            academics::ListProgrammes(who, services.db, std::nullopt, {.after = 0, .limit = 500})) {
        for (const auto& p : *visible) {
            if (!auth::Allows(who, kViewRecords, StudentPath(p.faculty_id.value, p.id.value))) continue;
            programmes.push_back({{"value", p.id.value},
                                  {"label", p.code},
                                  {"selected", programme && *programme == p.id.value}});
        }
    }
    json groups = json::array();
    people::ListQuery group_query;
    group_query.programme_id = programme;
    group_query.limit = 500;
    if (auto visible = people::ListGroups(who, services.db, group_query)) {
        for (const auto& g : visible->items) {
            groups.push_back(
                {{"value", g.id.value}, {"label", g.code}, {"selected", group && *group == g.id.value}});
        }
    }
    std::string base = "/online/students?";
    if (programme) base += "programme=" + std::to_string(*programme) + "&";
    if (group) base += "group=" + std::to_string(*group) + "&";
    const bool has_next = page_number * query.limit < list->total;
    json context{{"students", rows},
                 {"has_students", !rows.empty()},
                 {"total", list->total},
                 {"total_label",
                  services.renderer.strings().Format(web::RequestLanguage(request), "online.students_total",
                                                     {{"count", std::to_string(list->total)}})},
                 {"programmes", programmes},
                 {"groups", groups},
                 {"has_prev", page_number > 1},
                 {"prev_href", base + "page=" + std::to_string(page_number - 1)},
                 {"has_next", has_next},
                 {"next_href", base + "page=" + std::to_string(page_number + 1)}};
    return Page(services, request, "online/students", context, "online.students_title");
}

http::Response StudentPage(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto state = ConsentStateOf(who, services.db, id);
    if (!state) return Error(services, request, state.error());
    auto moocs = ListMoocs(who, services.db, id);
    auto shares = MoocSharesOf(who, services.db, id);
    auto transfers = ListTransfers(who, services.db, id);
    if (!moocs || !shares || !transfers) return Error(services, request, NotFoundError());
    auto own = OwnStudentId(who, services.db);
    const bool self = own && *own == id;
    // R-O7: an online student without the accepted contract sees only the blocking notice.
    const bool blocked = self && state->online && !state->complete;
    const Labels label(services, request);
    json context = ConsentJson(*state, Lang(request), Labels(services, request));
    context["self"] = self;
    context["blocked"] = blocked;
    context["can_decide"] = !self && !auth::ScopesWith(who, kDecide).empty();
    context["can_submit"] = !blocked;
    context["href"] = StudentHref(id);
    context["saved"] = request.Query("saved").has_value();
    json mooc_rows = json::array();
    for (const Mooc& m : *moocs) {
        mooc_rows.push_back({{"id", m.id},
                             {"platform", MoocPlatformName(m.platform)},
                             {"platform_label", label("platform", MoocPlatformName(m.platform))},
                             {"status_label", label("status", m.status)},
                             {"title", m.title},
                             {"url", m.url},
                             {"credits", m.credits},
                             {"completed_on", m.completed_on},
                             {"has_certificate", !m.certificate_sha256.empty()},
                             {"status", m.status},
                             {"submitted", m.status == "submitted"},
                             {"decide_href", "/online/moocs/" + std::to_string(m.id) + "/decision"}});
    }
    context["moocs"] = mooc_rows;
    context["has_moocs"] = !mooc_rows.empty();
    context["platforms"] =
        label.Options("platform", {"coursera", "edx", "futurelearn", "udacity", "own", "other"});
    context["shares"] = {{"approved_credits", shares->approved_credits},
                         {"programme_credits", shares->programme_credits},
                         {"mooc", VerdictJson(services, request, shares->mooc)},
                         {"nonformal", VerdictJson(services, request, shares->nonformal)}};
    json transfer_rows = json::array();
    bool open = false;
    for (const Transfer& t : *transfers) {
        open = open || t.status == "requested";
        transfer_rows.push_back({{"id", t.id},
                                 {"from_label", label("form", t.from_form)},
                                 {"to_label", label("form", t.to_form)},
                                 {"status_label", label("status", t.status)},
                                 {"from_form", t.from_form},
                                 {"to_form", t.to_form},
                                 {"effective_on", t.effective_on},
                                 {"paid", t.paid},
                                 {"status", t.status},
                                 {"open", t.status == "requested"},
                                 {"paid_href", "/online/transfers/" + std::to_string(t.id) + "/paid"},
                                 {"decide_href", "/online/transfers/" + std::to_string(t.id) + "/decision"}});
    }
    context["transfers"] = transfer_rows;
    context["has_transfers"] = !transfer_rows.empty();
    context["can_request_transfer"] = !open && !blocked;
    context["plan"] = PlanJson(services, request, id, context["can_decide"].get<bool>());
    return Page(services, request, "online/student", context, "online.student_title");
}

http::Response SubmitMoocPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto gate = RequireOnlineConsents(who, services.db); !gate) {
        return Error(services, request, gate.error());
    }
    auto certificate = KeepCertificate(services, request);
    if (!certificate) return Error(services, request, certificate.error());
    MoocDraft draft{Field(request, "platform"), Field(request, "title"),        Field(request, "url"),
                    Field(request, "credits"),  Field(request, "completed_on"), *certificate};
    auto made = SubmitMooc(who, ChangeOf(services, request), id, draft);
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(StudentHref(id) + "?saved=1");
}

http::Response DecideMoocPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto ok = DecideMooc(who, ChangeOf(services, request), id, Field(request, "decision")); !ok) {
        return Error(services, request, ok.error());
    }
    const std::string back = Field(request, "back");
    return http::Response::Redirect(back.starts_with("/online/students/") ? back : "/");
}

http::Response RequestTransferPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto made = RequestTransfer(who, ChangeOf(services, request), id, Field(request, "effective_on"));
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(StudentHref(id) + "?saved=1");
}

http::Response TransferPaidPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto ok = MarkTransferPaid(who, ChangeOf(services, request), id, Field(request, "paid")); !ok) {
        return Error(services, request, ok.error());
    }
    const std::string back = Field(request, "back");
    return http::Response::Redirect(back.starts_with("/online/students/") ? back : "/");
}

http::Response DecideTransferPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto ok = DecideTransfer(who, ChangeOf(services, request), id, Field(request, "decision")); !ok) {
        return Error(services, request, ok.error());
    }
    const std::string back = Field(request, "back");
    return http::Response::Redirect(back.starts_with("/online/students/") ? back : "/");
}

// ----- "my online study": the student's or teacher's own page ---------------------------------

http::Response MinePage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto student = OwnStudentId(who, services.db)) return http::Response::Redirect(StudentHref(*student));
    if (auto teacher = OwnTeacherId(who, services.db)) return http::Response::Redirect(TeacherHref(*teacher));
    // Staff have no online record of their own: their dashboard lists what they may open.
    return http::Response::Redirect("/");
}

// ----- teacher qualification register (R-O16) ---------------------------------------------------

http::Response TeacherPage(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto standing = QualificationOf(who, services.db, id, Now());
    if (!standing) return Error(services, request, standing.error());
    json rows = json::array();
    for (const auto& c : standing->courses) {
        rows.push_back({{"title", c.title},
                        {"provider", c.provider},
                        {"hours", c.hours},
                        {"start_on", c.start_on},
                        {"end_on", c.end_on},
                        {"has_certificate", !c.certificate_sha256.empty()},
                        {"in_window", c.end_on >= standing->window_start}});
    }
    json context{{"courses", rows},
                 {"has_courses", !rows.empty()},
                 {"verdict", VerdictJson(services, request, standing->verdict)},
                 {"hours", standing->hours_in_window},
                 {"window_start", standing->window_start},
                 {"valid_until", standing->valid_until},
                 {"has_valid_until", !standing->valid_until.empty()},
                 {"href", TeacherHref(id)},
                 {"saved", request.Query("saved").has_value()}};
    return Page(services, request, "online/teacher", context, "online.teacher_title");
}

http::Response RecordCoursePost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto certificate = KeepCertificate(services, request);
    if (!certificate) return Error(services, request, certificate.error());
    QualificationDraft draft{Field(request, "title"),    Field(request, "provider"), Field(request, "hours"),
                             Field(request, "start_on"), Field(request, "end_on"),   *certificate};
    auto made = RecordQualification(who, ChangeOf(services, request), id, draft);
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect(TeacherHref(id) + "?saved=1");
}

// ----- contract documents (R-O7, quality officer / it_admin) -------------------------------------

http::Response DocumentsPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto ok = auth::Require(who, kPublishDocuments); !ok) return Error(services, request, ok.error());
    const Labels label(services, request);
    json docs = json::array();
    for (const Document& d : CurrentDocuments(services.db)) {
        docs.push_back({{"kind", DocumentKindName(d.kind)},
                        {"kind_label", label("kind", DocumentKindName(d.kind))},
                        {"version", d.version},
                        {"published_at", Iso(d.published_at)},
                        {"text_kk", d.text_kk},
                        {"text_ru", d.text_ru},
                        {"text_en", d.text_en}});
    }
    json context{
        {"documents", docs},
        {"has_documents", !docs.empty()},
        {"kinds", label.Options("kind", {"technical_requirements", "personal_data", "user_agreement"})},
        {"saved", request.Query("saved").has_value()}};
    return Page(services, request, "online/documents", context, "online.documents_title");
}

http::Response PublishPost(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    DocumentDraft draft{Field(request, "kind"), Field(request, "text_kk"), Field(request, "text_ru"),
                        Field(request, "text_en")};
    auto made = PublishDocument(who, ChangeOf(services, request), draft);
    if (!made) return Error(services, request, made.error());
    return http::Response::Redirect("/online/documents?saved=1");
}

// ----- JSON API ----------------------------------------------------------------------------------

http::Response ApiConsents(const Services& services, http::Request& request, std::int64_t id) {
    auto state = ConsentStateOf(*auth::CurrentPrincipal(request), services.db, id);
    if (!state) return ApiError(services, request, state.error());
    return Json(ConsentJson(*state, Lang(request), Labels(services, request)));
}

http::Response ApiMoocs(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto moocs = ListMoocs(who, services.db, id);
    if (!moocs) return ApiError(services, request, moocs.error());
    auto shares = MoocSharesOf(who, services.db, id);
    if (!shares) return ApiError(services, request, shares.error());
    json items = json::array();
    for (const Mooc& m : *moocs) {
        items.push_back({{"id", m.id},
                         {"platform", MoocPlatformName(m.platform)},
                         {"title", m.title},
                         {"url", m.url},
                         {"credits", m.credits},
                         {"completed_on", m.completed_on},
                         {"certificate_sha256", m.certificate_sha256},
                         {"status", m.status}});
    }
    return Json({{"items", items},
                 {"approved_credits", shares->approved_credits},
                 {"programme_credits", shares->programme_credits},
                 {"mooc", VerdictJson(services, request, shares->mooc)},
                 {"nonformal", VerdictJson(services, request, shares->nonformal)}});
}

http::Response ApiSubmitMooc(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto gate = RequireOnlineConsents(who, services.db); !gate) {
        return ApiError(services, request, gate.error());
    }
    auto body = json::parse(request.body, nullptr, false);
    // A body that is no JSON object has no fields: the use case checks access first, then refuses them.
    if (body.is_discarded() || !body.is_object()) body = json::object();
    const auto text = [&](const char* key) {
        return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
    };
    std::string credits = text("credits");
    if (body.contains("credits") && body["credits"].is_number_integer()) {
        credits = std::to_string(body["credits"].get<std::int64_t>());
    }
    MoocDraft draft{text("platform"), text("title"), text("url"), credits, text("completed_on"), ""};
    auto made = SubmitMooc(who, ChangeOf(services, request), id, draft);
    if (!made) return ApiError(services, request, made.error());
    return Json({{"id", *made}, {"status", "submitted"}}, 201);
}

http::Response ApiQualifications(const Services& services, http::Request& request, std::int64_t id) {
    auto standing = QualificationOf(*auth::CurrentPrincipal(request), services.db, id, Now());
    if (!standing) return ApiError(services, request, standing.error());
    json items = json::array();
    for (const auto& c : standing->courses) {
        items.push_back({{"id", c.id},
                         {"title", c.title},
                         {"provider", c.provider},
                         {"hours", c.hours},
                         {"start_on", c.start_on},
                         {"end_on", c.end_on}});
    }
    return Json({{"items", items},
                 {"hours_in_window", standing->hours_in_window},
                 {"window_start", standing->window_start},
                 {"valid_until", standing->valid_until.empty() ? json(nullptr) : json(standing->valid_until)},
                 {"verdict", VerdictJson(services, request, standing->verdict)}});
}

http::Response ApiPlan(const Services& services, http::Request& request, std::int64_t id) {
    auto plan = StudyPlanOf(*auth::CurrentPrincipal(request), services.db, id, Now());
    if (!plan) return ApiError(services, request, plan.error());
    json entries = json::array();
    for (const PlanEntry& e : plan->entries) {
        entries.push_back(
            {{"discipline_id", e.discipline_id},
             {"code", e.code},
             {"names", {{"kk", e.name_kk}, {"ru", e.name_ru}, {"en", e.name_en}}},
             {"semester", e.semester},
             {"credits", e.credits},
             {"total_hours", e.total_hours},
             {"mode", e.set ? json(e.mode) : json(nullptr)},
             {"synchronous_hours", e.set && e.mode == "online" ? json(e.synchronous_hours) : json(nullptr)},
             {"mooc_id", e.mooc_id ? json(*e.mooc_id) : json(nullptr)},
             {"synchronous", VerdictJson(services, request, e.synchronous)}});
    }
    json schedule = json::array();
    for (const ScheduleRow& r : plan->schedule) {
        schedule.push_back({{"id", r.id},
                            {"discipline_id", r.discipline_id},
                            {"weekday", r.weekday},
                            {"start_time", r.start_time},
                            {"end_time", r.end_time},
                            {"format", r.format}});
    }
    return Json({{"student_id", plan->student_id},
                 {"online", plan->online},
                 {"curriculum_id", plan->curriculum_id},
                 {"status", PlanStatus(*plan)},
                 {"complete", plan->complete},
                 {"approved_at", plan->approved_at ? json(Iso(*plan->approved_at)) : json(nullptr)},
                 {"approver", plan->approver},
                 {"entries", entries},
                 {"schedule", schedule}});
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
    services.navigation.Add({.href = "/online/mine",
                             .label_key = "online.nav_mine",
                             .description_key = "online.nav_mine_description",
                             .capability = &kOwnRecord,
                             .order = 20});
    services.navigation.Add({.href = "/online/students",
                             .label_key = "online.nav_students",
                             .description_key = "online.nav_students_description",
                             .capability = &kViewRecords,
                             .order = 30});
    services.navigation.Add({.href = "/online/documents",
                             .label_key = "online.nav_documents",
                             .description_key = "online.nav_documents_description",
                             .capability = &kPublishDocuments,
                             .order = 40});

    // Pages; every route is Audience::kSignedIn (the default): the gate guarantees a principal.
    router.Add(http::Method::kGet, "/online/mine", Bind(services, MinePage));
    router.Add(http::Method::kGet, "/online/consents", Bind(services, ConsentsPage));
    router.Add(http::Method::kPost, "/online/consents/accept", Bind(services, AcceptPost));
    router.Add(http::Method::kPost, "/online/consents/withdraw", Bind(services, WithdrawPost));
    router.Add(http::Method::kGet, "/online/students", Bind(services, StudentsPage));
    router.Add(http::Method::kGet, "/online/students/{id}", BindId(services, StudentPage, false));
    router.Add(http::Method::kGet, "/online/students/{id}/plan", BindId(services, PlanGet, false));
    router.Add(http::Method::kPost, "/online/students/{id}/plan", BindId(services, SavePlanPost, false));
    router.Add(http::Method::kPost, "/online/students/{id}/plan/approve",
               BindId(services, ApprovePlanPost, false));
    router.Add(http::Method::kPost, "/online/students/{id}/plan/schedule",
               BindId(services, AddSchedulePost, false));
    router.Add(http::Method::kPost, "/online/students/{id}/plan/schedule/{row}/remove",
               BindId(services, RemoveSchedulePost, false));
    router.Add(http::Method::kPost, "/online/students/{id}/moocs", BindId(services, SubmitMoocPost, false),
               {.max_body = kMaxUpload});
    router.Add(http::Method::kPost, "/online/students/{id}/transfers",
               BindId(services, RequestTransferPost, false));
    router.Add(http::Method::kPost, "/online/moocs/{id}/decision", BindId(services, DecideMoocPost, false));
    router.Add(http::Method::kPost, "/online/transfers/{id}/paid", BindId(services, TransferPaidPost, false));
    router.Add(http::Method::kPost, "/online/transfers/{id}/decision",
               BindId(services, DecideTransferPost, false));
    router.Add(http::Method::kGet, "/online/teachers/{id}", BindId(services, TeacherPage, false));
    router.Add(http::Method::kPost, "/online/teachers/{id}/courses",
               BindId(services, RecordCoursePost, false), {.max_body = kMaxUpload});
    router.Add(http::Method::kGet, "/online/documents", Bind(services, DocumentsPage));
    router.Add(http::Method::kPost, "/online/documents", Bind(services, PublishPost));

    // JSON API (described in online/openapi.json).
    router.Add(http::Method::kGet, "/api/v1/online/students/{id}/consents",
               BindId(services, ApiConsents, true));
    router.Add(http::Method::kGet, "/api/v1/online/students/{id}/moocs", BindId(services, ApiMoocs, true));
    router.Add(http::Method::kPost, "/api/v1/online/students/{id}/moocs",
               BindId(services, ApiSubmitMooc, true));
    router.Add(http::Method::kGet, "/api/v1/online/students/{id}/plan", BindId(services, ApiPlan, true));
    router.Add(http::Method::kGet, "/api/v1/online/teachers/{id}/qualifications",
               BindId(services, ApiQualifications, true));
}

}  // namespace oqu::online::detail
