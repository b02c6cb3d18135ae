#include "compliance/routes.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "compliance/api.hpp"
#include "compliance/permissions.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/content_disposition.hpp"
#include "platform/http/router.hpp"
#include "platform/http/url.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"
#include "platform/web/renderer.hpp"

namespace oqu::compliance::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
using nlohmann::json;

core::Instant Now() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

core::Error PageNotFound() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

/// A positive id of a query parameter; nullopt when absent; an error when malformed.
core::Result<std::optional<std::int64_t>> IdParam(const http::Request& request, std::string_view name) {
    const auto text = request.Query(name).value_or("");
    if (text.empty()) {
        return std::optional<std::int64_t>{};
    }
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value <= 0) {
        return PageNotFound();
    }
    return std::optional<std::int64_t>{value};
}

/// The faculties and programmes the reader may drill down to, and the scope the request asked
/// for. A faculty or programme outside what the reader sees answers 404 (nothing is revealed).
struct Filters {
    ReportScope scope;
    std::vector<academics::Faculty> faculties;
    std::vector<academics::Programme> programmes;  ///< Of the chosen faculty, or of all visible ones.
};

core::Result<Filters> FiltersOf(const auth::Principal& who, platform::db::Database& db,
                                const http::Request& request) {
    if (auth::ScopesWith(who, kViewCompliance).empty()) {
        // A page without a record: refused outright, as the other list pages are.
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden",
                               fmt::format("user {} lacks {}", who.user_id, kViewCompliance.name));
    }
    Filters f;
    auto faculty = IdParam(request, "faculty");
    if (!faculty) {
        return faculty.error();
    }
    auto programme = IdParam(request, "programme");
    if (!programme) {
        return programme.error();
    }
    auto faculties = academics::ListFaculties(who, db, {.after = 0, .limit = 500});
    if (!faculties) {
        return faculties.error();
    }
    f.faculties = std::move(faculties.value());
    // A reader without an institution-wide grant (a dean's office) sees its faculty's report only.
    const auto scopes = auth::ScopesWith(who, kViewCompliance);
    const bool institution = std::find(scopes.begin(), scopes.end(), auth::kInstitution) != scopes.end();
    if (!faculty.value() && !institution && f.faculties.size() == 1) {
        faculty.value() = f.faculties.front().id.value;
    }
    if (faculty.value()) {
        const bool visible = std::any_of(f.faculties.begin(), f.faculties.end(),
                                         [&](const auto& x) { return x.id.value == *faculty.value(); });
        if (!visible) {
            return PageNotFound();
        }
        f.scope.faculty_id = faculty.value();
    }
    const auto faculty_filter =
        f.scope.faculty_id ? std::optional(academics::FacultyId{*f.scope.faculty_id}) : std::nullopt;
    academics::PageRequest page{.after = 0, .limit = 500};
    for (;;) {
        auto batch = academics::ListProgrammes(who, db, faculty_filter, page);
        if (!batch) {
            return batch.error();
        }
        for (auto& p : batch.value()) {
            page.after = p.id.value;
            f.programmes.push_back(std::move(p));
        }
        if (batch.value().size() < static_cast<std::size_t>(page.limit)) {
            break;
        }
    }
    if (programme.value()) {
        const auto it = std::find_if(f.programmes.begin(), f.programmes.end(),
                                     [&](const auto& p) { return p.id.value == *programme.value(); });
        if (it == f.programmes.end()) {
            return PageNotFound();
        }
        f.scope.programme_id = programme.value();
        f.scope.faculty_id = it->faculty_id.value;
    }
    return f;
}

/// "?faculty=3&programme=12" of a scope (empty for the institution).
std::string ScopeQuery(const ReportScope& scope) {
    std::string out;
    if (scope.faculty_id) {
        out += fmt::format("faculty={}", *scope.faculty_id);
    }
    if (scope.programme_id) {
        out += fmt::format("{}programme={}", out.empty() ? "" : "&", *scope.programme_id);
    }
    return out.empty() ? out : "?" + out;
}

std::string_view NameIn(const academics::Names& names, web::Language lang) {
    const std::string* preferred = lang == web::Language::kKk   ? &names.kk
                                   : lang == web::Language::kRu ? &names.ru
                                                                : &names.en;
    if (!preferred->empty()) {
        return *preferred;
    }
    return !names.kk.empty() ? names.kk : !names.ru.empty() ? names.ru : names.en;
}

core::Result<Report> ReportFor(const platform::Services& services, const http::Request& request,
                               const ReportScope& scope) {
    const auto& who = *auth::CurrentPrincipal(request);
    return BuildReport(who, services.db, services.renderer.strings(), web::RequestLanguage(request), Now(),
                       scope);
}

json DashboardContext(const Report& report, const Filters& f, const web::Strings& strings) {
    const auto lang = report.lang;
    json counts = json::array();
    for (const Status status :
         {Status::kViolated, Status::kMet, Status::kNotApplicable, Status::kNotCovered}) {
        const auto n = std::count_if(report.rules.begin(), report.rules.end(),
                                     [&](const RuleResult& r) { return r.status == status; });
        counts.push_back(
            {{"status", StatusName(status)},
             {"label", strings.Get(lang, fmt::format("compliance.status.{}", StatusName(status)))},
             {"count", n}});
    }
    json groups = json::array();
    for (char group : {'A', 'D', 'O'}) {
        json rules = json::array();
        for (const auto& r : report.rules) {
            if (r.group != group) {
                continue;
            }
            json violations = json::array();
            for (const auto& v : r.violations) {
                violations.push_back({{"subject", v.subject},
                                      {"detail", v.detail},
                                      {"link", v.link},
                                      {"has_link", !v.link.empty()}});
            }
            rules.push_back({{"id", r.id},
                             {"title", r.title},
                             {"status", StatusName(r.status)},
                             {"status_label",
                              strings.Get(lang, fmt::format("compliance.status.{}", StatusName(r.status)))},
                             {"summary", r.summary},
                             {"violations", violations},
                             {"violation_count", r.violations.size()},
                             {"has_violations", !r.violations.empty()}});
        }
        groups.push_back({{"key", std::string(1, group)},
                          {"title", strings.Get(lang, fmt::format("compliance.group.{}", group))},
                          {"rules", rules}});
    }
    json faculties = json::array();
    for (const auto& x : f.faculties) {
        faculties.push_back({{"id", x.id.value},
                             {"label", fmt::format("{} — {}", x.code, NameIn(x.names, lang))},
                             {"selected", f.scope.faculty_id == x.id.value}});
    }
    json programmes = json::array();
    for (const auto& p : f.programmes) {
        programmes.push_back({{"id", p.id.value},
                              {"label", fmt::format("{} — {}", p.code, NameIn(p.names, lang))},
                              {"selected", f.scope.programme_id == p.id.value}});
    }
    const std::string query = ScopeQuery(report.scope);
    return {{"counts", counts},
            {"groups", groups},
            {"generated_at", core::FormatUtc(report.generated_at)},
            {"faculties", faculties},
            {"programmes", programmes},
            {"all_faculties", !f.scope.faculty_id.has_value()},
            {"all_programmes", !f.scope.programme_id.has_value()},
            {"xlsx_href", "/compliance/report.xlsx" + query},
            {"json_href", "/compliance/report.json" + query}};
}

http::Response NoStore(http::Response response) {
    // Personal data (students' names): never cached.
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response Dashboard(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto filters = FiltersOf(who, services.db, request);
    if (!filters) {
        return NoStore(web::RenderError(services.renderer, request, filters.error()));
    }
    auto report = ReportFor(services, request, filters->scope);
    if (!report) {
        return NoStore(web::RenderError(services.renderer, request, report.error()));
    }
    return NoStore(
        web::RenderPage(services.renderer, request, "compliance/dashboard",
                        DashboardContext(report.value(), filters.value(), services.renderer.strings()),
                        "compliance.report_title"));
}

/// The report as a download: JSON or XLSX of the same filters as the page.
http::Response Download(const platform::Services& services, http::Request& request, bool xlsx) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto filters = FiltersOf(who, services.db, request);
    if (!filters) {
        return NoStore(web::RenderError(services.renderer, request, filters.error()));
    }
    auto report = ReportFor(services, request, filters->scope);
    if (!report) {
        return NoStore(web::RenderError(services.renderer, request, report.error()));
    }
    const std::string stamp = core::FormatUtc(report->generated_at).substr(0, 10);
    http::Response response;
    std::string type;
    std::string name;
    if (xlsx) {
        auto bytes = ReportXlsx(report.value());
        if (!bytes) {
            return NoStore(web::RenderError(services.renderer, request, bytes.error()));
        }
        type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        name = fmt::format("oqu-compliance-{}.xlsx", stamp);
        response.body = std::move(bytes.value());
    } else {
        type = "application/json";
        name = fmt::format("oqu-compliance-{}.json", stamp);
        response.body = ReportJson(report.value()).dump(2) + "\n";
    }
    response.SetHeader("Content-Type", type);
    response.SetHeader("Content-Disposition", platform::files::DispositionFor(type, name));
    response.SetHeader("X-Content-Type-Options", "nosniff");
    return NoStore(std::move(response));
}

}  // namespace

void AddRoutes(http::Router& router, platform::Services& services) {
    services.navigation.Add({.href = "/compliance",
                             .label_key = "compliance.nav",
                             .description_key = "compliance.nav_description",
                             .capability = &kViewCompliance,
                             .order = 80});
    auto* s = &services;
    router.Add(http::Method::kGet, "/compliance", [s](http::Request& r) { return Dashboard(*s, r); });
    router.Add(http::Method::kGet, "/compliance/report.xlsx",
               [s](http::Request& r) { return Download(*s, r, true); });
    router.Add(http::Method::kGet, "/compliance/report.json",
               [s](http::Request& r) { return Download(*s, r, false); });
}

}  // namespace oqu::compliance::detail
