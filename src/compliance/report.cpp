#include <map>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "compliance/api.hpp"
#include "compliance/permissions.hpp"
#include "core/verdict.hpp"
#include "distance/api.hpp"
#include "people/api.hpp"

namespace oqu::compliance {

namespace {

namespace auth = platform::auth;
namespace web = platform::web;

/// What an evaluator needs: the reader, the data, the language.
struct Context {
    const auth::Principal& actor;
    platform::db::Database& db;
    const web::Strings& strings;
    web::Language lang;
    core::Instant now;
    const ReportScope& scope;

    std::string Text(std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const {
        return strings.Format(lang, key, std::map<std::string, std::string>(args.begin(), args.end()));
    }
};

/// Fills a rule's status, summary and violations; an Error when the data cannot be read.
using Evaluator = core::Status (*)(const Context&, RuleResult&);

/// Every programme the reader may see within the scope, by id.
core::Result<std::map<std::int64_t, academics::Programme>> Programmes(const Context& c) {
    std::map<std::int64_t, academics::Programme> out;
    academics::PageRequest page{.after = 0, .limit = 500};
    const auto faculty =
        c.scope.faculty_id ? std::optional(academics::FacultyId{*c.scope.faculty_id}) : std::nullopt;
    for (;;) {
        auto batch = academics::ListProgrammes(c.actor, c.db, faculty, page);
        if (!batch) return batch.error();
        for (auto& p : batch.value()) {
            page.after = p.id.value;
            if (!c.scope.programme_id || *c.scope.programme_id == p.id.value) {
                out.emplace(p.id.value, std::move(p));
            }
        }
        if (batch.value().size() < static_cast<std::size_t>(page.limit)) break;
    }
    return out;
}

distance::OnlineForm OnlineFormOf(academics::OnlineForm form) {
    switch (form) {
        case academics::OnlineForm::kAllowed:
            return distance::OnlineForm::kAllowed;
        case academics::OnlineForm::kForbidden:
            return distance::OnlineForm::kForbidden;
        case academics::OnlineForm::kUnknown:
            break;
    }
    return distance::OnlineForm::kUnknown;
}

// R-O2: every active online student's programme belongs to a direction where the online form
// is allowed (and confirmed as such).
core::Status EvaluateOnlineForm(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    people::StudentQuery query;
    query.form = people::StudyForm::kOnline;
    query.status = people::StudentStatus::kActive;
    query.programme_id = c.scope.programme_id;
    query.limit = 500;
    std::int64_t checked = 0;
    for (query.offset = 0;; query.offset += query.limit) {
        auto page = people::ListStudents(c.actor, c.db, query);
        if (!page) return page.error();
        for (const auto& s : page->items) {
            const auto p = programmes->find(s.programme_id);
            if (p == programmes->end()) continue;  // another faculty than the drill-down's
            ++checked;
            const auto verdict = distance::CheckOnlineFormAllowed(OnlineFormOf(p->second.online_form));
            if (!verdict.violated()) continue;
            auto args = verdict.args;
            args.emplace_back("programme", p->second.code);
            args.emplace_back("direction", p->second.direction_code);
            r.violations.push_back(
                {.subject = fmt::format("{} ({}{}{})", people::DisplayName(s.name), p->second.code,
                                        s.group_code.empty() ? "" : ", ", s.group_code),
                 .detail = c.Text(verdict.message_key, args),
                 .link = fmt::format("/people/students/{}", s.id.value)});
        }
        if (page->items.size() < static_cast<std::size_t>(query.limit)) break;
    }
    r.status = checked == 0           ? Status::kNotApplicable
               : r.violations.empty() ? Status::kMet
                                      : Status::kViolated;
    r.summary = c.Text("compliance.ro2_summary", {{"count", std::to_string(checked)},
                                                  {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

const std::map<std::string_view, Evaluator>& Evaluators() {
    static const std::map<std::string_view, Evaluator> kEvaluators{
        {"R-O2", &EvaluateOnlineForm},
    };
    return kEvaluators;
}

}  // namespace

core::Result<Report> BuildReport(const auth::Principal& actor, platform::db::Database& db,
                                 const web::Strings& strings, web::Language lang, core::Instant now,
                                 const ReportScope& scope) {
    // A holder in a faculty (a dean's office) gets the report of what it may see: the lists the
    // evaluators read are filtered by the same grants.
    if (auth::ScopesWith(actor, kViewCompliance).empty()) {
        return auth::Require(actor, kViewCompliance).error();
    }
    Report report{.generated_at = now, .lang = lang, .scope = scope, .rules = {}};
    const Context context{actor, db, strings, lang, now, scope};
    for (const auto& req : Requirements()) {
        RuleResult r{.id = std::string(req.id),
                     .group = req.group,
                     .status = Status::kNotCovered,
                     .title = strings.Get(lang, fmt::format("compliance.title.{}", req.id)),
                     .summary = {},
                     .violations = {}};
        if (const auto it = Evaluators().find(req.id); it != Evaluators().end()) {
            if (auto status = it->second(context, r); !status) return status.error();
        } else {
            r.summary = strings.Get(lang, "compliance.not_covered_summary");
        }
        report.rules.push_back(std::move(r));
    }
    return report;
}

nlohmann::json ReportJson(const Report& report) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : report.rules) {
        nlohmann::json violations = nlohmann::json::array();
        for (const auto& v : r.violations) {
            nlohmann::json item{{"subject", v.subject}, {"detail", v.detail}};
            if (!v.link.empty()) item["link"] = v.link;
            violations.push_back(std::move(item));
        }
        rules.push_back({{"id", r.id},
                         {"group", std::string(1, r.group)},
                         {"status", StatusName(r.status)},
                         {"title", r.title},
                         {"summary", r.summary},
                         {"violations", std::move(violations)}});
    }
    nlohmann::json out{{"generated_at", core::FormatUtc(report.generated_at)},
                       {"lang", web::LanguageTag(report.lang)},
                       {"rules", std::move(rules)}};
    if (report.scope.faculty_id) out["faculty_id"] = *report.scope.faculty_id;
    if (report.scope.programme_id) out["programme_id"] = *report.scope.programme_id;
    return out;
}

}  // namespace oqu::compliance
