#include "dl/routes.hpp"

#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "dl/api.hpp"
#include "dl/permissions.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/content_disposition.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::dl::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

constexpr std::uint64_t kMaxUploadBytes = 10ULL << 20;

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value <= 0) {
        return std::nullopt;
    }
    return value;
}

core::Error PageNotFound() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

core::Error BadRequest(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "dl.bad_request", std::move(detail));
}

std::string Field(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) {
        return {};
    }
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

std::vector<std::int64_t> Ids(http::Request& request, const std::string& name) {
    std::vector<std::int64_t> out;
    auto form = request.Form();
    if (!form) {
        return out;
    }
    const auto [first, last] = form.value()->fields.equal_range(name);
    for (auto it = first; it != last; ++it) {
        // An unparsable id stays in as 0, so the use case refuses it instead of ignoring it.
        out.push_back(ParseId(it->second).value_or(0));
    }
    return out;
}

const auth::Principal& Who(const http::Request& request) {
    return *auth::CurrentPrincipal(request);
}

Change ChangeOf(const Services& services, const http::Request& request) {
    return Change{services.db, Now(), request.remote_address};
}

/// The strings of the request's language.
class Texts {
public:
    Texts(const Services& services, const http::Request& request)
        : strings_(services.renderer.strings()), lang_(web::RequestLanguage(request)) {}
    const std::string& Get(std::string_view key) const { return strings_.Get(lang_, key); }
    std::string Message(const core::Error& error) const {
        const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
        return strings_.Format(lang_, error.message_key, args);
    }
    /// The name in the page's language.
    const std::string& Pick(const std::string& kk, const std::string& ru, const std::string& en) const {
        const std::string_view tag = web::LanguageTag(lang_);
        const std::string& chosen = tag == "ru" ? ru : tag == "en" ? en : kk;
        return chosen.empty() ? kk : chosen;
    }

private:
    const web::Strings& strings_;
    web::Language lang_;
};

http::Response Page(const Services& services, const http::Request& request, std::string_view name,
                    const json& context, std::string_view title, int status = 200) {
    auto response = web::RenderPage(services.renderer, request, name, context, title);
    if (response.status == 200) {
        response.status = status;
    }
    // Applications carry medical and personal data: never cached.
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response ErrorPage(const Services& services, const http::Request& request, const core::Error& error) {
    auto response = web::RenderError(services.renderer, request, error);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response JsonResponse(const json& body, int status = 200) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response ApiError(const Services& services, const http::Request& request, const core::Error& error) {
    auto response = http::ErrorResponse(error, Texts(services, request).Message(error));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

std::string Display(core::Day day) {
    const std::chrono::year_month_day ymd(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02u.%02u.%04d", static_cast<unsigned>(ymd.day()),
                  static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
    return buffer;
}

std::string Display(const std::optional<core::Day>& day) {
    return day ? Display(*day) : std::string{};
}

std::string Iso(const std::optional<core::Day>& day) {
    return day ? core::FormatIsoDay(*day) : std::string{};
}

std::string Href(std::int64_t id) {
    return "/dl/applications/" + std::to_string(id);
}

json DisciplinesJson(const std::vector<AppliedDiscipline>& list, const Texts& t) {
    json out = json::array();
    for (const auto& d : list) {
        out.push_back({{"id", d.id}, {"code", d.code}, {"name", t.Pick(d.name_kk, d.name_ru, d.name_en)}});
    }
    return out;
}

json Row(const Application& a, const Texts& t) {
    const std::string state(StateName(a.state));
    return {{"href", Href(a.id)},
            {"id", a.id},
            {"student", a.student_name},
            {"category", t.Get("dl.category_" + std::string(CategoryName(a.category)))},
            {"state", t.Get("dl.state_" + state)},
            {"state_code", state},
            {"period", Display(a.period_start) + " – " + Display(a.period_end)},
            {"disciplines", DisciplinesJson(a.disciplines, t)}};
}

json ApplicationJson(const Application& a) {
    json disciplines = json::array();
    for (const auto& d : a.disciplines) {
        disciplines.push_back({{"id", d.id},
                               {"code", d.code},
                               {"name_kk", d.name_kk},
                               {"name_ru", d.name_ru},
                               {"name_en", d.name_en}});
    }
    json plan = json::array();
    for (const auto& r : a.plan) {
        plan.push_back({{"id", r.id},
                        {"kind", PlanKindName(r.kind)},
                        {"discipline_id", r.discipline_id},
                        {"activity", r.activity},
                        {"start_date", Iso(r.start_date)},
                        {"end_date", Iso(r.end_date)},
                        {"weekday", r.weekday},
                        {"time", r.time}});
    }
    return {{"id", a.id},
            {"student_id", a.student_id},
            {"student", a.student_name},
            {"programme_id", a.programme_id},
            {"category", CategoryName(a.category)},
            {"stage", StageName(a.stage)},
            {"state", StateName(a.state)},
            {"period_start", core::FormatIsoDay(a.period_start)},
            {"period_end", core::FormatIsoDay(a.period_end)},
            {"mcc_number", a.mcc_number},
            {"mcc_date", Iso(a.mcc_date)},
            {"has_document", !a.document_sha.empty()},
            {"statement", a.statement},
            {"recommended", a.recommended ? json(*a.recommended) : json(nullptr)},
            {"review_comment", a.review_comment},
            {"decision_comment", a.decision_comment},
            {"grant_start", Iso(a.grant_start)},
            {"grant_end", Iso(a.grant_end)},
            {"art_37_2_number", a.art_37_2_number},
            {"art_37_2_date", Iso(a.art_37_2_date)},
            {"disciplines", disciplines},
            {"plan", plan}};
}

// ----- applications: pages -----------------------------------------------------------------------

http::Response ApplicationsPage(const Services& services, http::Request& request) {
    const auto& who = Who(request);
    const Texts t(services, request);
    ApplicationQuery query;
    if (auto stage = ParseStage(request.Query("stage").value_or(""))) {
        query.stage = stage;
    }
    auto list = ListApplications(who, services.db, query, Now());
    if (!list) {
        return ErrorPage(services, request, list.error());
    }
    json rows = json::array();
    for (const auto& a : *list) {
        rows.push_back(Row(a, t));
    }
    const bool can_apply = !auth::ScopesWith(who, kApply).empty();
    return Page(services, request, "dl/applications",
                {{"applications", rows}, {"has_applications", !rows.empty()}, {"can_apply", can_apply}},
                "dl.applications_title");
}

json CategoryOptions(const Texts& t, std::string_view selected) {
    json out = json::array();
    for (const auto c : {Category::kMedical, Category::kEvent, Category::kListed}) {
        const std::string name(CategoryName(c));
        out.push_back({{"value", name},
                       {"label", t.Get("dl.category_" + name)},
                       {"hint", t.Get("dl.category_" + name + "_hint")},
                       {"checked", name == selected}});
    }
    return out;
}

http::Response ApplyForm(const Services& services, const http::Request& request, const ApplicationDraft& d,
                         const std::string& error, int status) {
    const auto& who = Who(request);
    const Texts t(services, request);
    auto choices = ChoicesOf(who, services.db);
    if (!choices) {
        return ErrorPage(services, request, choices.error());
    }
    json disciplines = json::array();
    for (const auto& c : *choices) {
        const bool chosen = std::find(d.discipline_ids.begin(), d.discipline_ids.end(), c.discipline.id) !=
                            d.discipline_ids.end();
        disciplines.push_back(
            {{"id", c.discipline.id},
             {"code", c.discipline.code},
             {"name", t.Pick(c.discipline.name_kk, c.discipline.name_ru, c.discipline.name_en)},
             {"semester", c.semester},
             {"listed", c.listed},
             {"checked", chosen}});
    }
    return Page(services, request, "dl/apply",
                {{"categories", CategoryOptions(t, d.category)},
                 {"disciplines", disciplines},
                 {"has_disciplines", !disciplines.empty()},
                 {"has_error", !error.empty()},
                 {"error", error},
                 {"form",
                  {{"period_start", d.period_start},
                   {"period_end", d.period_end},
                   {"mcc_number", d.mcc_number},
                   {"mcc_date", d.mcc_date},
                   {"statement", d.statement}}}},
                "dl.apply_title", status);
}

http::Response NewApplicationPage(const Services& services, http::Request& request) {
    ApplicationDraft d;
    d.category = "medical";
    return ApplyForm(services, request, d, "", 200);
}

http::Response CreateApplicationPost(const Services& services, http::Request& request) {
    const auto& who = Who(request);
    if (auth::ScopesWith(who, kApply).empty()) {
        return ErrorPage(services, request,
                         core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "dl:apply"));
    }
    ApplicationDraft d;
    d.category = Field(request, "category");
    d.period_start = Field(request, "period_start");
    d.period_end = Field(request, "period_end");
    d.mcc_number = Field(request, "mcc_number");
    d.mcc_date = Field(request, "mcc_date");
    d.statement = Field(request, "statement");
    d.discipline_ids = Ids(request, "discipline");
    if (d.category == "medical") {
        auto form = request.Form();
        const http::UploadedFile* file = form ? form.value()->File("document") : nullptr;
        if (file != nullptr && file->size > 0) {
            auto stored =
                file->path.empty() ? services.files.Put(file->data) : services.files.PutFile(file->path);
            if (!stored) {
                return ApplyForm(services, request, d, Texts(services, request).Message(stored.error()), 422);
            }
            d.document_sha = stored->sha256;
            d.document_name = file->filename;
        }
    }
    auto id = Apply(who, ChangeOf(services, request), d);
    if (!id) {
        if (id.error().code == core::ErrorCode::kInvalidInput ||
            id.error().code == core::ErrorCode::kConflict) {
            return ApplyForm(services, request, d, Texts(services, request).Message(id.error()), 422);
        }
        return ErrorPage(services, request, id.error());
    }
    return http::Response::Redirect(Href(*id) + "?saved=1");
}

http::Response ApplicationPageWith(const Services& services, const http::Request& request, std::int64_t id,
                                   const std::string& error, int status) {
    const auto& who = Who(request);
    const Texts t(services, request);
    auto found = FindApplication(who, services.db, id, Now());
    if (!found) {
        return ErrorPage(services, request, found.error());
    }
    const Application& a = *found;
    const auto path = StudentPath(a.faculty_id, a.programme_id);
    const bool own = a.user_id == who.user_id && !auth::ScopesWith(who, kApply).empty();
    const bool can_review = a.stage == Stage::kSubmitted && auth::Allows(who, kReview, path);
    const bool can_decide = a.stage == Stage::kReviewed && auth::Allows(who, kDecide, path);
    const bool individual = NeedsIndividualPlan(a.category) && a.stage == Stage::kApproved;
    const bool can_plan = individual && auth::Allows(who, kDecide, path);
    std::map<std::int64_t, std::string> names;
    for (const auto& d : a.disciplines) {
        names[d.id] = d.code + " " + t.Pick(d.name_kk, d.name_ru, d.name_en);
    }
    json plan = json::array();
    json schedule = json::array();
    for (const auto& r : a.plan) {
        json row = {{"id", r.id},
                    {"discipline", names[r.discipline_id]},
                    {"activity", r.activity},
                    {"dates", Display(r.start_date) + " – " + Display(r.end_date)},
                    {"weekday", r.weekday > 0 ? t.Get("dl.weekday_" + std::to_string(r.weekday)) : ""},
                    {"time", r.time},
                    {"remove_action", Href(a.id) + "/plan/" + std::to_string(r.id) + "/remove"}};
        (r.kind == PlanKind::kPlan ? plan : schedule).push_back(row);
    }
    json weekdays = json::array();
    for (int day = 1; day <= 7; ++day) {
        weekdays.push_back({{"value", day}, {"label", t.Get("dl.weekday_" + std::to_string(day))}});
    }
    const std::string state(StateName(a.state));
    json context = {{"application",
                     {{"id", a.id},
                      {"student", a.student_name},
                      {"category", t.Get("dl.category_" + std::string(CategoryName(a.category)))},
                      {"state", t.Get("dl.state_" + state)},
                      {"state_code", state},
                      {"period", Display(a.period_start) + " – " + Display(a.period_end)},
                      {"is_medical", a.category == Category::kMedical},
                      {"is_event", a.category == Category::kEvent},
                      {"mcc_number", a.mcc_number},
                      {"mcc_date", Display(a.mcc_date)},
                      {"has_document", !a.document_sha.empty()},
                      {"document_href", Href(a.id) + "/document"},
                      {"document_name", a.document_name.empty() ? "document" : a.document_name},
                      {"statement", a.statement},
                      {"disciplines", DisciplinesJson(a.disciplines, t)},
                      {"reviewed", a.recommended.has_value()},
                      {"recommended", a.recommended.value_or(false)},
                      {"review_comment", a.review_comment},
                      {"reviewer", a.reviewer},
                      {"decided", !Undecided(a.stage) && a.stage != Stage::kWithdrawn},
                      {"approved", a.stage == Stage::kApproved},
                      {"decision_comment", a.decision_comment},
                      {"decider", a.decider},
                      {"grant", Display(a.grant_start) + " – " + Display(a.grant_end)},
                      {"has_art_37_2", !a.art_37_2_number.empty()},
                      {"art_37_2", a.art_37_2_number + " / " + Display(a.art_37_2_date)}}},
                    {"saved", request.Query("saved").value_or("") == "1"},
                    {"has_error", !error.empty()},
                    {"error", error},
                    {"action", Href(a.id)},
                    {"can_withdraw", own && Undecided(a.stage)},
                    {"can_review", can_review},
                    {"can_decide", can_decide},
                    {"grant_start", core::FormatIsoDay(a.period_start)},
                    {"grant_end", core::FormatIsoDay(a.period_end)},
                    {"individual", individual},
                    {"can_plan", can_plan},
                    {"plan", plan},
                    {"has_plan", !plan.empty()},
                    {"schedule", schedule},
                    {"has_schedule", !schedule.empty()},
                    {"weekdays", weekdays},
                    {"plan_disciplines", DisciplinesJson(a.disciplines, t)}};
    return Page(services, request, "dl/application", context, "dl.application_title", status);
}

http::Response ApplicationPage(const Services& services, http::Request& request, std::int64_t id) {
    return ApplicationPageWith(services, request, id, "", 200);
}

// A refused act on the application page: the page again with the message, or the error page.
http::Response ActFailure(const Services& services, const http::Request& request, std::int64_t id,
                          const core::Error& error) {
    const auto code = error.code;
    if (code != core::ErrorCode::kInvalidInput && code != core::ErrorCode::kConflict &&
        code != core::ErrorCode::kRuleViolation) {
        return ErrorPage(services, request, error);
    }
    return ApplicationPageWith(services, request, id, Texts(services, request).Message(error),
                               http::HttpStatus(code) == 400 ? 422 : http::HttpStatus(code));
}

http::Response WithdrawPost(const Services& services, http::Request& request, std::int64_t id) {
    if (auto ok = Withdraw(Who(request), ChangeOf(services, request), id); !ok) {
        return ActFailure(services, request, id, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

http::Response ReviewPost(const Services& services, http::Request& request, std::int64_t id) {
    const std::string text = Field(request, "recommend");
    std::optional<bool> recommend;
    if (text == "yes" || text == "no") {
        recommend = text == "yes";
    }
    if (auto ok = Review(Who(request), ChangeOf(services, request), id, recommend, Field(request, "comment"));
        !ok) {
        return ActFailure(services, request, id, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

DecisionDraft DecisionOf(http::Request& request) {
    DecisionDraft d;
    d.outcome = Field(request, "outcome");
    d.comment = Field(request, "comment");
    d.grant_start = Field(request, "grant_start");
    d.grant_end = Field(request, "grant_end");
    d.art_37_2_number = Field(request, "art_37_2_number");
    d.art_37_2_date = Field(request, "art_37_2_date");
    return d;
}

http::Response DecisionPost(const Services& services, http::Request& request, std::int64_t id) {
    if (auto ok = Decide(Who(request), ChangeOf(services, request), id, DecisionOf(request)); !ok) {
        return ActFailure(services, request, id, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

http::Response PlanPost(const Services& services, http::Request& request, std::int64_t id) {
    PlanRowDraft d;
    d.kind = Field(request, "kind");
    d.discipline_id = Field(request, "discipline_id");
    d.activity = Field(request, "activity");
    d.start_date = Field(request, "start_date");
    d.end_date = Field(request, "end_date");
    d.weekday = Field(request, "weekday");
    d.time = Field(request, "time");
    if (auto ok = AddPlanRow(Who(request), ChangeOf(services, request), id, d); !ok) {
        return ActFailure(services, request, id, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

http::Response RemovePlanPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto row = ParseId(request.Param("row"));
    if (!row) {
        return ErrorPage(services, request, PageNotFound());
    }
    if (auto ok = RemovePlanRow(Who(request), ChangeOf(services, request), id, *row); !ok) {
        return ActFailure(services, request, id, ok.error());
    }
    return http::Response::Redirect(Href(id) + "?saved=1");
}

http::Response DocumentGet(const Services& services, http::Request& request, std::int64_t id) {
    auto found = FindApplication(Who(request), services.db, id, Now());
    if (!found) {
        return ErrorPage(services, request, found.error());
    }
    if (found->document_sha.empty()) {
        return ErrorPage(services, request, PageNotFound());
    }
    auto stat = services.files.Stat(found->document_sha);
    auto path = services.files.PathOf(found->document_sha);
    if (!stat || !path) {
        return ErrorPage(services, request, PageNotFound());
    }
    auto response = http::Response::SendFile(*path, stat->content_type);
    response.SetHeader("Content-Disposition",
                       platform::files::DispositionFor(stat->content_type, found->document_name));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

// ----- R-D5: the list ----------------------------------------------------------------------------

http::Response ListPageWith(const Services& services, const http::Request& request, const std::string& error,
                            int status) {
    const auto& who = Who(request);
    const Texts t(services, request);
    auto orders = ListOrders(who, services.db);
    if (!orders) {
        return ErrorPage(services, request, orders.error());
    }
    auto listed = ListListed(who, services.db);
    if (!listed) {
        return ErrorPage(services, request, listed.error());
    }
    std::map<std::int64_t, std::string> numbers;
    json order_rows = json::array();
    for (const auto& o : *orders) {
        numbers[o.id] = o.number + " (" + Display(o.date) + ")";
        order_rows.push_back({{"href", "/dl/list/orders/" + std::to_string(o.id)},
                              {"number", o.number},
                              {"date", Display(o.date)},
                              {"disciplines", o.disciplines},
                              {"has_scan", !o.scan_sha.empty()}});
    }
    json rows = json::array();
    for (const auto& l : *listed) {
        rows.push_back({{"code", l.code},
                        {"name", t.Pick(l.name_kk, l.name_ru, l.name_en)},
                        {"order", numbers[l.order_id]},
                        {"order_href", "/dl/list/orders/" + std::to_string(l.order_id)}});
    }
    return Page(services, request, "dl/list",
                {{"orders", order_rows},
                 {"has_orders", !order_rows.empty()},
                 {"listed", rows},
                 {"has_listed", !rows.empty()},
                 {"can_manage", auth::Allows(who, kManageList, {})},
                 {"has_error", !error.empty()},
                 {"error", error}},
                "dl.list_title", status);
}

http::Response ListPage(const Services& services, http::Request& request) {
    return ListPageWith(services, request, "", 200);
}

http::Response RecordOrderPost(const Services& services, http::Request& request) {
    const auto& who = Who(request);
    if (auto ok = auth::Require(who, kManageList); !ok) {
        return ErrorPage(services, request, ok.error());
    }
    std::string sha;
    std::string name;
    auto form = request.Form();
    const http::UploadedFile* file = form ? form.value()->File("scan") : nullptr;
    if (file != nullptr && file->size > 0) {
        auto stored =
            file->path.empty() ? services.files.Put(file->data) : services.files.PutFile(file->path);
        if (!stored) {
            return ListPageWith(services, request, Texts(services, request).Message(stored.error()), 422);
        }
        sha = stored->sha256;
        name = file->filename;
    }
    auto id = RecordListOrder(who, ChangeOf(services, request),
                              OrderDraft{Field(request, "number"), Field(request, "date")}, sha, name);
    if (!id) {
        if (id.error().code == core::ErrorCode::kInvalidInput) {
            return ListPageWith(services, request, Texts(services, request).Message(id.error()), 422);
        }
        return ErrorPage(services, request, id.error());
    }
    return http::Response::Redirect("/dl/list/orders/" + std::to_string(*id));
}

/// The programme picker of the list and emergency pages and, once a programme is chosen
/// (?programme=ID), the disciplines of its curricula, those in `exclude` left out.
struct Picker {
    json programmes = json::array();  ///< {id, label, selected}
    json candidates = json::array();  ///< {id, code, name, year, semester, label}
};

Picker PickDiscipline(const Services& services, const http::Request& request, const auth::Principal& who,
                      const Texts& t, const std::vector<std::int64_t>& exclude) {
    Picker out;
    const auto chosen = ParseId(request.Query("programme").value_or(""));
    if (auto list = academics::ListProgrammes(who, services.db, std::nullopt, {.after = 0, .limit = 500})) {
        for (const auto& p : *list) {
            out.programmes.push_back({{"id", p.id.value},
                                      {"label", p.code + " " + t.Pick(p.names.kk, p.names.ru, p.names.en)},
                                      {"selected", chosen && *chosen == p.id.value}});
        }
    }
    if (!chosen) {
        return out;
    }
    auto curricula = academics::ListCurricula(who, services.db, academics::ProgrammeId{*chosen});
    if (!curricula) {
        return out;
    }
    for (const auto& c : *curricula) {
        auto full = academics::FindCurriculum(who, services.db, c.id);
        if (!full) {
            continue;
        }
        for (const auto& d : full->disciplines) {
            if (std::find(exclude.begin(), exclude.end(), d.id.value) != exclude.end()) {
                continue;
            }
            const std::string& name = t.Pick(d.names.kk, d.names.ru, d.names.en);
            out.candidates.push_back(
                {{"id", d.id.value},
                 {"code", d.code},
                 {"name", name},
                 {"year", c.admission_year},
                 {"semester", d.semester},
                 {"label", d.code + " " + name + " (" + std::to_string(c.admission_year) + ")"}});
        }
    }
    return out;
}

http::Response OrderPageWith(const Services& services, const http::Request& request, std::int64_t id,
                             const std::string& error, int status) {
    const auto& who = Who(request);
    const Texts t(services, request);
    auto order = FindOrder(who, services.db, id);
    if (!order) {
        return ErrorPage(services, request, order.error());
    }
    auto listed = ListListed(who, services.db, id);
    if (!listed) {
        return ErrorPage(services, request, listed.error());
    }
    const std::string base = "/dl/list/orders/" + std::to_string(id);
    json rows = json::array();
    std::vector<std::int64_t> on_order;
    for (const auto& l : *listed) {
        on_order.push_back(l.discipline_id);
        rows.push_back(
            {{"code", l.code},
             {"name", t.Pick(l.name_kk, l.name_ru, l.name_en)},
             {"remove_action", base + "/disciplines/" + std::to_string(l.discipline_id) + "/remove"}});
    }
    const bool can_manage = auth::Allows(who, kManageList, {});
    const Picker picker = can_manage ? PickDiscipline(services, request, who, t, on_order) : Picker{};
    const json& programmes = picker.programmes;
    const json& candidates = picker.candidates;
    return Page(services, request, "dl/order",
                {{"order",
                  {{"number", order->number},
                   {"date", Display(order->date)},
                   {"has_scan", !order->scan_sha.empty()},
                   {"scan_name", order->scan_name}}},
                 {"base", base},
                 {"listed", rows},
                 {"has_listed", !rows.empty()},
                 {"can_manage", can_manage},
                 {"programmes", programmes},
                 {"candidates", candidates},
                 {"has_candidates", !candidates.empty()},
                 {"has_error", !error.empty()},
                 {"error", error}},
                "dl.order_title", status);
}

http::Response OrderPage(const Services& services, http::Request& request, std::int64_t id) {
    return OrderPageWith(services, request, id, "", 200);
}

http::Response AddListedPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto ids = Ids(request, "discipline");
    if (ids.empty()) {
        return OrderPageWith(services, request, id, Texts(services, request).Get("dl.disciplines_required"),
                             422);
    }
    for (const auto discipline : ids) {
        if (auto ok = AddListed(Who(request), ChangeOf(services, request), id, discipline); !ok) {
            if (ok.error().code == core::ErrorCode::kInvalidInput ||
                ok.error().code == core::ErrorCode::kConflict) {
                return OrderPageWith(services, request, id, Texts(services, request).Message(ok.error()),
                                     422);
            }
            return ErrorPage(services, request, ok.error());
        }
    }
    return http::Response::Redirect("/dl/list/orders/" + std::to_string(id));
}

http::Response RemoveListedPost(const Services& services, http::Request& request, std::int64_t id) {
    const auto discipline = ParseId(request.Param("discipline"));
    if (!discipline) {
        return ErrorPage(services, request, PageNotFound());
    }
    if (auto ok = RemoveListed(Who(request), ChangeOf(services, request), id, *discipline); !ok) {
        return ErrorPage(services, request, ok.error());
    }
    return http::Response::Redirect("/dl/list/orders/" + std::to_string(id));
}

// ----- R-D14, R-D16: emergency mode ---------------------------------------------------------------

http::Response EmergenciesPageWith(const Services& services, const http::Request& request,
                                   const std::string& error, int status) {
    const auto& who = Who(request);
    auto list = ListEmergencies(who, services.db);
    if (!list) {
        return ErrorPage(services, request, list.error());
    }
    const auto today = core::KazakhstanDay(Now());
    json rows = json::array();
    for (const auto& e : *list) {
        rows.push_back({{"href", "/dl/emergency/" + std::to_string(e.id)},
                        {"number", e.number},
                        {"date", Display(e.date)},
                        {"period", Display(e.start) + " – " + Display(e.end)},
                        {"in_force", e.start <= today && today <= e.end},
                        {"postponements", e.postponements}});
    }
    return Page(services, request, "dl/emergency",
                {{"orders", rows},
                 {"has_orders", !rows.empty()},
                 {"can_manage", auth::Allows(who, kManageEmergency, {})},
                 {"has_error", !error.empty()},
                 {"error", error}},
                "dl.emergency_title", status);
}

http::Response EmergenciesPage(const Services& services, http::Request& request) {
    return EmergenciesPageWith(services, request, "", 200);
}

http::Response RecordEmergencyPost(const Services& services, http::Request& request) {
    EmergencyDraft d{Field(request, "number"), Field(request, "date"), Field(request, "start"),
                     Field(request, "end")};
    auto id = RecordEmergency(Who(request), ChangeOf(services, request), d);
    if (!id) {
        if (id.error().code == core::ErrorCode::kInvalidInput) {
            return EmergenciesPageWith(services, request, Texts(services, request).Message(id.error()), 422);
        }
        return ErrorPage(services, request, id.error());
    }
    return http::Response::Redirect("/dl/emergency/" + std::to_string(*id));
}

http::Response EmergencyPageWith(const Services& services, const http::Request& request, std::int64_t id,
                                 const std::string& error, int status) {
    const auto& who = Who(request);
    const Texts t(services, request);
    auto order = FindEmergency(who, services.db, id);
    if (!order) {
        return ErrorPage(services, request, order.error());
    }
    auto moved = ListPostponements(who, services.db, id);
    if (!moved) {
        return ErrorPage(services, request, moved.error());
    }
    json rows = json::array();
    for (const auto& p : *moved) {
        rows.push_back({{"code", p.code},
                        {"name", t.Pick(p.name_kk, p.name_ru, p.name_en)},
                        {"kind", t.Get("dl.class_" + p.class_kind)},
                        {"hours", p.hours},
                        {"moved_to", p.moved_to}});
    }
    const bool can_manage = auth::Allows(who, kManageEmergency, {});
    const std::string base = "/dl/emergency/" + std::to_string(id);
    const Picker picker = can_manage ? PickDiscipline(services, request, who, t, {}) : Picker{};
    const json& programmes = picker.programmes;
    const json& candidates = picker.candidates;
    json kinds = json::array();
    for (const char* kind : {"laboratory", "studio", "practice"}) {
        kinds.push_back({{"value", kind}, {"label", t.Get(std::string("dl.class_") + kind)}});
    }
    const auto today = core::KazakhstanDay(Now());
    return Page(services, request, "dl/emergency_order",
                {{"order",
                  {{"number", order->number},
                   {"date", Display(order->date)},
                   {"period", Display(order->start) + " – " + Display(order->end)},
                   {"in_force", order->start <= today && today <= order->end}}},
                 {"base", base},
                 {"postponements", rows},
                 {"has_postponements", !rows.empty()},
                 {"can_manage", can_manage},
                 {"programmes", programmes},
                 {"candidates", candidates},
                 {"has_candidates", !candidates.empty()},
                 {"kinds", kinds},
                 {"has_error", !error.empty()},
                 {"error", error}},
                "dl.emergency_order_title", status);
}

http::Response EmergencyPage(const Services& services, http::Request& request, std::int64_t id) {
    return EmergencyPageWith(services, request, id, "", 200);
}

http::Response PostponePost(const Services& services, http::Request& request, std::int64_t id) {
    auto result = Postpone(Who(request), ChangeOf(services, request), id,
                           ParseId(Field(request, "discipline_id")).value_or(0), Field(request, "class_kind"),
                           Field(request, "moved_to"));
    if (!result) {
        const auto code = result.error().code;
        if (code == core::ErrorCode::kInvalidInput || code == core::ErrorCode::kConflict) {
            return EmergencyPageWith(services, request, id, Texts(services, request).Message(result.error()),
                                     422);
        }
        return ErrorPage(services, request, result.error());
    }
    return http::Response::Redirect("/dl/emergency/" + std::to_string(id));
}

// ----- JSON API ----------------------------------------------------------------------------------

core::Result<json> Body(const http::Request& request) {
    if (!request.body_file.empty()) {
        return BadRequest("body too large for JSON");
    }
    // An empty body is an empty object: the use case then checks the caller's right first and
    // refuses the missing members after it.
    auto body = request.body.empty() ? json::object() : json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return BadRequest("body is not a JSON object");
    }
    return body;
}

std::string Text(const json& body, const char* key) {
    const auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

http::Response ApiApplications(const Services& services, http::Request& request) {
    ApplicationQuery query;
    if (const auto stage = request.Query("stage").value_or(""); !stage.empty()) {
        query.stage = ParseStage(stage);
        if (!query.stage) {
            return ApiError(services, request, BadRequest("bad stage"));
        }
    }
    auto list = ListApplications(Who(request), services.db, query, Now());
    if (!list) {
        return ApiError(services, request, list.error());
    }
    json items = json::array();
    for (const auto& a : *list) {
        items.push_back(ApplicationJson(a));
    }
    return JsonResponse({{"applications", items}});
}

http::Response ApiApplication(const Services& services, http::Request& request, std::int64_t id) {
    auto found = FindApplication(Who(request), services.db, id, Now());
    if (!found) {
        return ApiError(services, request, found.error());
    }
    return JsonResponse(ApplicationJson(*found));
}

http::Response ApiApply(const Services& services, http::Request& request) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    ApplicationDraft d;
    d.category = Text(*body, "category");
    d.period_start = Text(*body, "period_start");
    d.period_end = Text(*body, "period_end");
    d.mcc_number = Text(*body, "mcc_number");
    d.mcc_date = Text(*body, "mcc_date");
    d.document_sha = Text(*body, "document_sha256");
    d.statement = Text(*body, "statement");
    if (const auto it = body->find("discipline_ids"); it != body->end() && it->is_array()) {
        for (const auto& v : *it) {
            d.discipline_ids.push_back(v.is_number_integer() ? v.get<std::int64_t>() : 0);
        }
    }
    // The document of category 1 must be one the file store holds (uploaded through the page).
    if (!d.document_sha.empty() && !services.files.Exists(d.document_sha)) {
        d.document_sha.clear();
    }
    auto id = Apply(Who(request), ChangeOf(services, request), d);
    if (!id) {
        return ApiError(services, request, id.error());
    }
    auto found = FindApplication(Who(request), services.db, *id, Now());
    auto response = JsonResponse(found ? ApplicationJson(*found) : json{{"id", *id}}, 201);
    response.SetHeader("Location", "/api/v1/dl/applications/" + std::to_string(*id));
    return response;
}

http::Response ApiReview(const Services& services, http::Request& request, std::int64_t id) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    const auto it = body->find("recommend");
    std::optional<bool> recommend;
    if (it != body->end() && it->is_boolean()) {
        recommend = it->get<bool>();
    }
    if (auto ok = Review(Who(request), ChangeOf(services, request), id, recommend, Text(*body, "comment"));
        !ok) {
        return ApiError(services, request, ok.error());
    }
    return ApiApplication(services, request, id);
}

http::Response ApiDecide(const Services& services, http::Request& request, std::int64_t id) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    DecisionDraft d;
    d.outcome = Text(*body, "outcome");
    d.comment = Text(*body, "comment");
    d.grant_start = Text(*body, "grant_start");
    d.grant_end = Text(*body, "grant_end");
    d.art_37_2_number = Text(*body, "art_37_2_number");
    d.art_37_2_date = Text(*body, "art_37_2_date");
    if (auto ok = Decide(Who(request), ChangeOf(services, request), id, d); !ok) {
        return ApiError(services, request, ok.error());
    }
    return ApiApplication(services, request, id);
}

http::Response ApiWithdraw(const Services& services, http::Request& request, std::int64_t id) {
    if (auto ok = Withdraw(Who(request), ChangeOf(services, request), id); !ok) {
        return ApiError(services, request, ok.error());
    }
    return ApiApplication(services, request, id);
}

// ----- JSON API: the rector's list (R-D5), emergency orders (R-D14), the individual plan (R-D10) --

// An id member of a body as the pages' forms carry it: "12" or 12; 0 otherwise (refused later).
std::int64_t IdMember(const json& body, const char* key) {
    const auto it = body.find(key);
    if (it == body.end()) {
        return 0;
    }
    if (it->is_number_integer()) {
        return it->get<std::int64_t>();
    }
    return it->is_string() ? ParseId(it->get<std::string>()).value_or(0) : 0;
}

std::string IdText(const json& body, const char* key) {
    const std::int64_t id = IdMember(body, key);
    return id > 0 ? std::to_string(id) : Text(body, key);
}

http::Response Created(const json& body, const std::string& location) {
    auto response = JsonResponse(body, 201);
    response.SetHeader("Location", location);
    return response;
}

http::Response NoContent() {
    auto response = http::Response::NoContent();
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

json OrderJson(const ListOrder& o) {
    return {{"id", o.id},
            {"number", o.number},
            {"date", core::FormatIsoDay(o.date)},
            {"has_scan", !o.scan_sha.empty()},
            {"scan_name", o.scan_name},
            {"disciplines", o.disciplines}};
}

json ListedJson(const ListedDiscipline& l) {
    return {{"order_id", l.order_id},
            {"discipline_id", l.discipline_id},
            {"programme_id", l.programme_id},
            {"code", l.code},
            {"name_kk", l.name_kk},
            {"name_ru", l.name_ru},
            {"name_en", l.name_en}};
}

json EmergencyJson(const EmergencyOrder& e) {
    const auto today = core::KazakhstanDay(Now());
    return {{"id", e.id},
            {"number", e.number},
            {"date", core::FormatIsoDay(e.date)},
            {"start", core::FormatIsoDay(e.start)},
            {"end", core::FormatIsoDay(e.end)},
            {"in_force", e.start <= today && today <= e.end},
            {"postponements", e.postponements}};
}

json PlanJson(const Application& a) {
    json rows = json::array();
    for (const auto& r : a.plan) {
        rows.push_back({{"id", r.id},
                        {"kind", PlanKindName(r.kind)},
                        {"discipline_id", r.discipline_id},
                        {"activity", r.activity},
                        {"start_date", Iso(r.start_date)},
                        {"end_date", Iso(r.end_date)},
                        {"weekday", r.weekday},
                        {"time", r.time}});
    }
    return {{"application_id", a.id},
            {"category", CategoryName(a.category)},
            {"grant_start", Iso(a.grant_start)},
            {"grant_end", Iso(a.grant_end)},
            {"rows", rows}};
}

http::Response ApiList(const Services& services, http::Request& request) {
    auto orders = ListOrders(Who(request), services.db);
    if (!orders) {
        return ApiError(services, request, orders.error());
    }
    auto listed = ListListed(Who(request), services.db);
    if (!listed) {
        return ApiError(services, request, listed.error());
    }
    json order_items = json::array();
    for (const auto& o : *orders) {
        order_items.push_back(OrderJson(o));
    }
    json listed_items = json::array();
    for (const auto& l : *listed) {
        listed_items.push_back(ListedJson(l));
    }
    return JsonResponse({{"orders", order_items}, {"listed", listed_items}});
}

http::Response ApiOrder(const Services& services, http::Request& request, std::int64_t id) {
    auto order = FindOrder(Who(request), services.db, id);
    if (!order) {
        return ApiError(services, request, order.error());
    }
    auto listed = ListListed(Who(request), services.db, id);
    if (!listed) {
        return ApiError(services, request, listed.error());
    }
    json out = OrderJson(*order);
    out["listed"] = json::array();
    for (const auto& l : *listed) {
        out["listed"].push_back(ListedJson(l));
    }
    return JsonResponse(out);
}

http::Response ApiRecordOrder(const Services& services, http::Request& request) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    auto id = RecordListOrder(Who(request), ChangeOf(services, request),
                              {Text(*body, "number"), Text(*body, "date")});
    if (!id) {
        return ApiError(services, request, id.error());
    }
    auto found = FindOrder(Who(request), services.db, *id);
    return Created(found ? OrderJson(*found) : json{{"id", *id}},
                   "/api/v1/dl/list/orders/" + std::to_string(*id));
}

http::Response ApiAddListed(const Services& services, http::Request& request, std::int64_t id) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    if (auto ok = AddListed(Who(request), ChangeOf(services, request), id, IdMember(*body, "discipline_id"));
        !ok) {
        return ApiError(services, request, ok.error());
    }
    return ApiOrder(services, request, id);
}

http::Response ApiRemoveListed(const Services& services, http::Request& request, std::int64_t id) {
    const auto discipline = ParseId(request.Param("discipline"));
    if (!discipline) {
        return ApiError(services, request, PageNotFound());
    }
    if (auto ok = RemoveListed(Who(request), ChangeOf(services, request), id, *discipline); !ok) {
        return ApiError(services, request, ok.error());
    }
    return NoContent();
}

http::Response ApiEmergencies(const Services& services, http::Request& request) {
    auto list = ListEmergencies(Who(request), services.db);
    if (!list) {
        return ApiError(services, request, list.error());
    }
    json items = json::array();
    for (const auto& e : *list) {
        items.push_back(EmergencyJson(e));
    }
    return JsonResponse({{"emergencies", items}});
}

http::Response ApiEmergency(const Services& services, http::Request& request, std::int64_t id) {
    auto order = FindEmergency(Who(request), services.db, id);
    if (!order) {
        return ApiError(services, request, order.error());
    }
    auto moved = ListPostponements(Who(request), services.db, id);
    if (!moved) {
        return ApiError(services, request, moved.error());
    }
    json out = EmergencyJson(*order);
    out["postponed"] = json::array();
    for (const auto& p : *moved) {
        out["postponed"].push_back({{"id", p.id},
                                    {"discipline_id", p.discipline_id},
                                    {"code", p.code},
                                    {"name_kk", p.name_kk},
                                    {"name_ru", p.name_ru},
                                    {"name_en", p.name_en},
                                    {"class_kind", p.class_kind},
                                    {"hours", p.hours},
                                    {"moved_to", p.moved_to}});
    }
    return JsonResponse(out);
}

http::Response ApiRecordEmergency(const Services& services, http::Request& request) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    EmergencyDraft d{Text(*body, "number"), Text(*body, "date"), Text(*body, "start"), Text(*body, "end")};
    auto id = RecordEmergency(Who(request), ChangeOf(services, request), d);
    if (!id) {
        return ApiError(services, request, id.error());
    }
    auto found = FindEmergency(Who(request), services.db, *id);
    return Created(found ? EmergencyJson(*found) : json{{"id", *id}},
                   "/api/v1/dl/emergencies/" + std::to_string(*id));
}

http::Response ApiPostpone(const Services& services, http::Request& request, std::int64_t id) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    auto made = Postpone(Who(request), ChangeOf(services, request), id, IdMember(*body, "discipline_id"),
                         Text(*body, "class_kind"), Text(*body, "moved_to"));
    if (!made) {
        return ApiError(services, request, made.error());
    }
    auto response = ApiEmergency(services, request, id);
    response.status = 201;
    return response;
}

http::Response ApiPlan(const Services& services, http::Request& request, std::int64_t id) {
    auto found = FindApplication(Who(request), services.db, id, Now());
    if (!found) {
        return ApiError(services, request, found.error());
    }
    return JsonResponse(PlanJson(*found));
}

http::Response ApiAddPlanRow(const Services& services, http::Request& request, std::int64_t id) {
    auto body = Body(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    PlanRowDraft d;
    d.kind = Text(*body, "kind");
    d.discipline_id = IdText(*body, "discipline_id");
    d.activity = Text(*body, "activity");
    d.start_date = Text(*body, "start_date");
    d.end_date = Text(*body, "end_date");
    d.weekday = IdText(*body, "weekday");
    d.time = Text(*body, "time");
    auto row = AddPlanRow(Who(request), ChangeOf(services, request), id, d);
    if (!row) {
        return ApiError(services, request, row.error());
    }
    auto found = FindApplication(Who(request), services.db, id, Now());
    if (!found) {
        return ApiError(services, request, found.error());
    }
    return Created(PlanJson(*found), "/api/v1/dl/applications/" + std::to_string(id) + "/plan");
}

http::Response ApiRemovePlanRow(const Services& services, http::Request& request, std::int64_t id) {
    const auto row = ParseId(request.Param("row"));
    if (!row) {
        return ApiError(services, request, PageNotFound());
    }
    if (auto ok = RemovePlanRow(Who(request), ChangeOf(services, request), id, *row); !ok) {
        return ApiError(services, request, ok.error());
    }
    return NoContent();
}

// ----- wiring ------------------------------------------------------------------------------------

using Fn = http::Response (*)(const Services&, http::Request&);
using IdFn = http::Response (*)(const Services&, http::Request&, std::int64_t);

http::Handler Bind(Services& services, Fn fn) {
    return [&services, fn](http::Request& request) { return fn(services, request); };
}

http::Handler BindId(Services& services, IdFn fn, bool api) {
    return [&services, fn, api](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) {
            return api ? ApiError(services, request, PageNotFound())
                       : ErrorPage(services, request, PageNotFound());
        }
        return fn(services, request, *id);
    };
}

}  // namespace

void AddRoutes(http::Router& router, Services& services) {
    services.navigation.Add({.href = "/dl/applications",
                             .label_key = "dl.nav_my_applications",
                             .description_key = "dl.nav_my_applications_description",
                             .capability = &kApply,
                             .order = 40});
    services.navigation.Add({.href = "/dl/applications",
                             .label_key = "dl.nav_applications",
                             .description_key = "dl.nav_applications_description",
                             .capability = &kViewApplications,
                             .order = 41});
    services.navigation.Add({.href = "/dl/list",
                             .label_key = "dl.nav_list",
                             .description_key = "dl.nav_list_description",
                             .capability = &kViewList,
                             .order = 42});
    services.navigation.Add({.href = "/dl/emergency",
                             .label_key = "dl.nav_emergency",
                             .description_key = "dl.nav_emergency_description",
                             .capability = &kManageEmergency,
                             .order = 43});

    // Pages; every route is Audience::kSignedIn (the default): the gate guarantees a principal.
    router.Add(http::Method::kGet, "/dl/applications", Bind(services, ApplicationsPage));
    router.Add(http::Method::kGet, "/dl/applications/new", Bind(services, NewApplicationPage));
    router.Add(http::Method::kPost, "/dl/applications", Bind(services, CreateApplicationPost),
               {.max_body = kMaxUploadBytes});
    router.Add(http::Method::kGet, "/dl/applications/{id}", BindId(services, ApplicationPage, false));
    router.Add(http::Method::kGet, "/dl/applications/{id}/document", BindId(services, DocumentGet, false));
    router.Add(http::Method::kPost, "/dl/applications/{id}/withdraw", BindId(services, WithdrawPost, false));
    router.Add(http::Method::kPost, "/dl/applications/{id}/review", BindId(services, ReviewPost, false));
    router.Add(http::Method::kPost, "/dl/applications/{id}/decision", BindId(services, DecisionPost, false));
    router.Add(http::Method::kPost, "/dl/applications/{id}/plan", BindId(services, PlanPost, false));
    router.Add(http::Method::kPost, "/dl/applications/{id}/plan/{row}/remove",
               BindId(services, RemovePlanPost, false));
    router.Add(http::Method::kGet, "/dl/list", Bind(services, ListPage));
    router.Add(http::Method::kPost, "/dl/list/orders", Bind(services, RecordOrderPost),
               {.max_body = kMaxUploadBytes});
    router.Add(http::Method::kGet, "/dl/list/orders/{id}", BindId(services, OrderPage, false));
    router.Add(http::Method::kPost, "/dl/list/orders/{id}/disciplines",
               BindId(services, AddListedPost, false));
    router.Add(http::Method::kPost, "/dl/list/orders/{id}/disciplines/{discipline}/remove",
               BindId(services, RemoveListedPost, false));
    router.Add(http::Method::kGet, "/dl/emergency", Bind(services, EmergenciesPage));
    router.Add(http::Method::kPost, "/dl/emergency", Bind(services, RecordEmergencyPost));
    router.Add(http::Method::kGet, "/dl/emergency/{id}", BindId(services, EmergencyPage, false));
    router.Add(http::Method::kPost, "/dl/emergency/{id}/postponements",
               BindId(services, PostponePost, false));

    // JSON API (session cookie + X-CSRF-Token, as people's; see openapi.json).
    router.Add(http::Method::kGet, "/api/v1/dl/applications", Bind(services, ApiApplications));
    router.Add(http::Method::kPost, "/api/v1/dl/applications", Bind(services, ApiApply));
    router.Add(http::Method::kGet, "/api/v1/dl/applications/{id}", BindId(services, ApiApplication, true));
    router.Add(http::Method::kPost, "/api/v1/dl/applications/{id}/review", BindId(services, ApiReview, true));
    router.Add(http::Method::kPost, "/api/v1/dl/applications/{id}/decision",
               BindId(services, ApiDecide, true));
    router.Add(http::Method::kPost, "/api/v1/dl/applications/{id}/withdraw",
               BindId(services, ApiWithdraw, true));
    router.Add(http::Method::kGet, "/api/v1/dl/applications/{id}/plan", BindId(services, ApiPlan, true));
    router.Add(http::Method::kPost, "/api/v1/dl/applications/{id}/plan",
               BindId(services, ApiAddPlanRow, true));
    router.Add(http::Method::kDelete, "/api/v1/dl/applications/{id}/plan/{row}",
               BindId(services, ApiRemovePlanRow, true));
    router.Add(http::Method::kGet, "/api/v1/dl/list", Bind(services, ApiList));
    router.Add(http::Method::kPost, "/api/v1/dl/list/orders", Bind(services, ApiRecordOrder));
    router.Add(http::Method::kGet, "/api/v1/dl/list/orders/{id}", BindId(services, ApiOrder, true));
    router.Add(http::Method::kPost, "/api/v1/dl/list/orders/{id}/disciplines",
               BindId(services, ApiAddListed, true));
    router.Add(http::Method::kDelete, "/api/v1/dl/list/orders/{id}/disciplines/{discipline}",
               BindId(services, ApiRemoveListed, true));
    router.Add(http::Method::kGet, "/api/v1/dl/emergencies", Bind(services, ApiEmergencies));
    router.Add(http::Method::kPost, "/api/v1/dl/emergencies", Bind(services, ApiRecordEmergency));
    router.Add(http::Method::kGet, "/api/v1/dl/emergencies/{id}", BindId(services, ApiEmergency, true));
    router.Add(http::Method::kPost, "/api/v1/dl/emergencies/{id}/postponements",
               BindId(services, ApiPostpone, true));
}

}  // namespace oqu::dl::detail
