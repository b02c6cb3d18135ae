// The integrity pages (R-O20): the report of a check with its decisions and exclusions, its PDF,
// and the staff's list of recent checks. Every route is Audience::kSignedIn; the shared gate
// checks the CSRF token of every POST.
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "courses/api.hpp"
#include "integrity/checks_internal.hpp"
#include "integrity/permissions.hpp"
#include "integrity/report_view.hpp"
#include "integrity/routes.hpp"
#include "platform/auth/gate.hpp"
#include "platform/db/database.hpp"
#include "platform/files/content_disposition.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/format.hpp"
#include "platform/web/pages.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::integrity::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
namespace web = platform::web;
namespace db = platform::db;
using nlohmann::json;
using Services = platform::Services;

// The list page shows this many of the latest checks.
constexpr int kListLimit = 200;

core::Instant Now() {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
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

http::Response NoStore(http::Response response) {
    response.SetHeader("Cache-Control", "no-store");  // Personal data: never cached.
    return response;
}

http::Response Error(const Services& services, const http::Request& request, const core::Error& error) {
    return NoStore(web::RenderError(services.renderer, request, error));
}

core::Error NotFoundError() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

std::string CheckHref(std::int64_t id) {
    return "/integrity/checks/" + std::to_string(id);
}

/// The check and the actor's access to it; kNotFound for anyone without.
struct Visible {
    CheckRow check;
    CheckAccess access;
};
core::Result<Visible> LoadVisible(const Services& services, const auth::Principal& who, std::int64_t id) {
    auto check = services.db.Read([&](db::Session& s) { return FindCheck(s, id); });
    if (!check) return NotFoundError();
    if ((check->status == "queued" || check->status == "running") &&
        RecoverAbandonedChecks(
            services.db, services.jobs,
            std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()),
            id) > 0) {
        check = services.db.Read([&](db::Session& s) { return FindCheck(s, id); });
        if (!check) return NotFoundError();
    }
    auto access = AccessToCheck(who, services.db, *check);
    if (!access) return access.error();
    return Visible{std::move(*check), *access};
}

std::string Originality(const CheckRow& c) {
    return c.originality ? Percent(*c.originality) : std::string{};
}

json ReportContext(const Services& services, const http::Request& request, const Visible& v) {
    const web::Language lang = web::RequestLanguage(request);
    const web::Strings& strings = services.renderer.strings();
    const auto w = [&](const std::string& key) { return strings.Get(lang, "integrity.report." + key); };
    const bool author_only = !v.access.teacher && !v.access.dean;
    const ReportData report = LoadReport(services.db, v.check, author_only);
    const CheckRow& c = report.check;
    json ctx;
    ctx["id"] = c.id;
    ctx["title"] = c.title;
    ctx["href"] = CheckHref(c.id);
    ctx["pdf_href"] = CheckHref(c.id) + "/report.pdf";
    ctx["status"] = c.status;
    ctx["status_label"] = strings.Get(lang, "integrity.check.status_" + c.status);
    ctx["done"] = c.status == "done";
    ctx["failed"] = c.status == "failed";
    ctx["pending"] = c.status == "queued" || c.status == "running";
    ctx["error"] = c.error_key.empty() ? std::string{} : strings.Get(lang, c.error_key);
    ctx["originality"] = Originality(c);
    ctx["created"] = web::FormatDateTime(c.created_at, lang);
    ctx["finished"] = c.finished_at ? web::FormatDateTime(*c.finished_at, lang) : std::string{};
    ctx["file_name"] = c.file_name;
    ctx["can_act"] = v.access.teacher;
    ctx["course_href"] = v.access.teacher || v.access.dean ? "/courses/" + std::to_string(c.course_id) : "";
    ctx["text_available"] = report.text_available;

    json segments = json::array();
    for (const Segment& s : report.segments) {
        json seg = {{"text", s.text}, {"matched", s.match > 0}, {"number", s.match}, {"last", s.last}};
        if (s.match > 0) {
            seg["kind"] = s.kind;
            seg["kind_label"] = w("kind_" + s.kind);
        }
        segments.push_back(std::move(seg));
    }
    ctx["segments"] = segments;

    json matches = json::array();
    for (const MatchView& m : report.matches) {
        matches.push_back({{"number", m.number},
                           {"kind", m.kind},
                           {"kind_label", w("kind_" + m.kind)},
                           {"source_number", m.source_number},
                           {"passage", m.passage},
                           {"source_passage", m.source_passage},
                           {"source_shown", !m.source_passage.empty()},
                           {"transliterated", m.transliterated}});
    }
    ctx["matches"] = matches;
    ctx["has_matches"] = !matches.empty();

    json sources = json::array();
    for (const SourceView& s : report.sources) {
        sources.push_back({{"number", s.number},
                           {"doc", s.doc},
                           {"title", s.title.empty() ? w("anonymous_submission") : s.title},
                           {"origin", w("origin_" + s.origin)},
                           {"share", Percent(s.share)},
                           {"excluded", s.excluded},
                           {"can_exclude", v.access.teacher && !s.excluded && c.status == "done"}});
    }
    ctx["sources"] = sources;
    ctx["has_sources"] = !sources.empty();

    json flags = json::array();
    for (const FlagView& f : report.flags) {
        flags.push_back({{"label", w("flag_name_" + f.kind)},
                         {"text", strings.Format(lang, "integrity.report.flag_" + f.kind,
                                                 {{"count", std::to_string(f.count)}})}});
    }
    ctx["flags"] = flags;
    ctx["has_flags"] = !flags.empty();

    json exclusions = json::array();
    for (const Exclusion& e : report.exclusions) {
        exclusions.push_back(
            {{"title", author_only && e.origin == "submission" ? w("anonymous_submission") : e.title},
             {"doc", e.document_id},
             {"at", web::FormatDateTime(e.excluded_at, lang)}});
    }
    ctx["exclusions"] = exclusions;
    ctx["has_exclusions"] = !exclusions.empty();

    json decisions = json::array();
    for (const Decision& d : report.decisions) {
        decisions.push_back({{"decision", w("decision_" + d.decision)},
                             {"comment", d.comment},
                             {"decider", d.decider},
                             {"at", web::FormatDateTime(d.decided_at, lang)}});
    }
    ctx["decisions"] = decisions;
    ctx["has_decisions"] = !decisions.empty();
    ctx["decision_options"] = json::array({{{"value", "accepted"}, {"label", w("decision_accepted")}},
                                           {{"value", "returned"}, {"label", w("decision_returned")}},
                                           {{"value", "referred"}, {"label", w("decision_referred")}}});
    ctx["saved"] = request.Query("saved").has_value();
    ctx["has_problem"] = false;
    return ctx;
}

http::Response RenderReport(const Services& services, http::Request& request, const Visible& v,
                            const core::Error* problem, const std::string& comment,
                            const std::string& decision) {
    json ctx = ReportContext(services, request, v);
    int status = 200;
    if (problem != nullptr) {
        const std::map<std::string, std::string> args(problem->args.begin(), problem->args.end());
        ctx["has_problem"] = true;
        ctx["problem"] =
            services.renderer.strings().Format(web::RequestLanguage(request), problem->message_key, args);
        ctx["problem_field"] = problem->message_key == "integrity.report.comment_required" ||
                                       problem->message_key == "integrity.report.comment_too_long"
                                   ? "comment"
                                   : "decision";
        ctx["comment"] = comment;
        for (auto& o : ctx["decision_options"]) o["selected"] = o["value"] == decision;
        status = 422;
    }
    auto response = NoStore(
        web::RenderPage(services.renderer, request, "integrity/report", ctx, "integrity.report.title"));
    if (response.status == 200) response.status = status;
    return response;
}

http::Response ReportPage(const Services& services, http::Request& request, std::int64_t id) {
    auto v = LoadVisible(services, *auth::CurrentPrincipal(request), id);
    if (!v) return Error(services, request, v.error());
    return RenderReport(services, request, *v, nullptr, {}, {});
}

http::Response ReportPdfGet(const Services& services, http::Request& request, std::int64_t id) {
    auto v = LoadVisible(services, *auth::CurrentPrincipal(request), id);
    if (!v) return Error(services, request, v.error());
    const ReportData report = LoadReport(services.db, v->check, !v->access.teacher && !v->access.dean);
    auto bytes = ReportPdf(report, services.renderer.strings(), web::RequestLanguage(request));
    if (!bytes) return Error(services, request, bytes.error());
    http::Response response;
    response.body = std::move(*bytes);
    response.SetHeader("Content-Type", "application/pdf");
    response.SetHeader(
        "Content-Disposition",
        platform::files::DispositionFor("application/pdf", fmt::format("integrity-check-{}.pdf", id)));
    response.SetHeader("X-Content-Type-Options", "nosniff");
    return NoStore(std::move(response));
}

// Excluding a source from a check, or counting it again: the same form (document_id), the same
// refusals, then the change (ExcludeSource / IncludeSource: audited, the check recomputed).
using SourceChange = core::Status (*)(const platform::auth::Principal&, const Act&, std::int64_t,
                                      std::int64_t);

http::Response ChangeSources(const Services& services, http::Request& request, std::int64_t id,
                             SourceChange change, const char* bad_id_key, const char* anchor) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto v = LoadVisible(services, who, id);
    if (!v) return Error(services, request, v.error());
    if (!v->access.teacher) {
        return Error(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course"));
    }
    const auto document = ParseId(Field(request, "document_id"));
    if (!document) {
        const auto problem = core::MakeError(core::ErrorCode::kInvalidInput, bad_id_key, "id");
        return RenderReport(services, request, *v, &problem, {}, {});
    }
    if (auto ok = change(who, {services.db, Now(), request.remote_address}, id, *document); !ok) {
        if (ok.error().code != core::ErrorCode::kInvalidInput) return Error(services, request, ok.error());
        return RenderReport(services, request, *v, &ok.error(), {}, {});
    }
    return http::Response::Redirect(CheckHref(id) + "?saved=1#" + anchor);
}

http::Response ExcludePost(const Services& services, http::Request& request, std::int64_t id) {
    return ChangeSources(services, request, id, ExcludeSource, "integrity.report.not_a_source", "sources");
}

http::Response IncludePost(const Services& services, http::Request& request, std::int64_t id) {
    return ChangeSources(services, request, id, IncludeSource, "integrity.report.not_excluded", "exclusions");
}

http::Response DecidePost(const Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto v = LoadVisible(services, who, id);
    if (!v) return Error(services, request, v.error());
    const std::string decision = Field(request, "decision");
    const std::string comment = Field(request, "comment");
    if (auto ok = RecordDecision(who, {services.db, Now(), request.remote_address}, id, decision, comment);
        !ok) {
        if (ok.error().code != core::ErrorCode::kInvalidInput) return Error(services, request, ok.error());
        return RenderReport(services, request, *v, &ok.error(), comment, decision);
    }
    return http::Response::Redirect(CheckHref(id) + "?saved=1#decisions");
}

http::Response ListPage(const Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (!who.system && !who.HasRole(auth::Role::kTeacher) && !who.HasRole(auth::Role::kDeansOffice)) {
        return Error(services, request,
                     core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "integrity list"));
    }
    const web::Language lang = web::RequestLanguage(request);
    const web::Strings& strings = services.renderer.strings();
    std::vector<std::int64_t> ids;
    std::map<std::int64_t, std::string> names;
    for (const courses::Course& c : courses::ListCourses(who, services.db, {}, web::LanguageTag(lang))) {
        auto access = courses::AccessTo(who, services.db, c.id);
        if (!access) continue;
        const bool dean = auth::Allows(who, kReview, CourseScope(c.faculty_id, c.programme_id, c.id));
        if (!access->edit && !dean) continue;
        ids.push_back(c.id);
        names[c.id] = c.discipline_code + " " + c.discipline_name + " (" + c.period_year + ")";
    }
    const auto rows = services.db.Read([&](db::Session& s) { return ChecksOfCourses(s, ids, kListLimit); });
    json checks = json::array();
    for (const CheckRow& c : rows) {
        const json flags = json::parse(c.flags_json, nullptr, false);
        checks.push_back({{"href", CheckHref(c.id)},
                          {"title", c.title},
                          {"course", names[c.course_id]},
                          {"status", strings.Get(lang, "integrity.check.status_" + c.status)},
                          {"originality", Originality(c)},
                          {"has_originality", c.originality.has_value()},
                          {"flags", flags.is_array() ? flags.size() : 0},
                          {"created", web::FormatDateTime(c.created_at, lang)}});
    }
    json ctx = {{"checks", checks}, {"has_checks", !checks.empty()}, {"has_courses", !ids.empty()}};
    return NoStore(
        web::RenderPage(services.renderer, request, "integrity/list", ctx, "integrity.report.list_title"));
}

using Fn = http::Response (*)(const Services&, http::Request&);
using IdFn = http::Response (*)(const Services&, http::Request&, std::int64_t);

http::Handler Bind(Services& services, Fn fn) {
    return [&services, fn](http::Request& request) { return fn(services, request); };
}

http::Handler BindId(Services& services, IdFn fn) {
    return [&services, fn](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) return Error(services, request, NotFoundError());
        return fn(services, request, *id);
    };
}

}  // namespace

void AddRoutes(platform::http::Router& router, platform::Services& services) {
    services.navigation.Add({.href = "/integrity",
                             .label_key = "integrity.report.nav",
                             .description_key = "integrity.report.nav_description",
                             .capability = &kListChecks,
                             .order = 60});
    router.Add(http::Method::kGet, "/integrity", Bind(services, ListPage));
    router.Add(http::Method::kGet, "/integrity/checks/{id}", BindId(services, ReportPage));
    router.Add(http::Method::kGet, "/integrity/checks/{id}/report.pdf", BindId(services, ReportPdfGet));
    router.Add(http::Method::kPost, "/integrity/checks/{id}/exclusions", BindId(services, ExcludePost));
    router.Add(http::Method::kPost, "/integrity/checks/{id}/exclusions/remove",
               BindId(services, IncludePost));
    router.Add(http::Method::kPost, "/integrity/checks/{id}/decisions", BindId(services, DecidePost));
    router.Add(http::Method::kGet, "/integrity/static/{path*}",
               http::ServeStatic(services.config.resource_dir / "integrity/static"),
               {.audience = http::Audience::kStateless});
}

}  // namespace oqu::integrity::detail
