#include <map>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compliance/api.hpp"
#include "compliance/evaluators.hpp"
#include "compliance/permissions.hpp"

namespace oqu::compliance {

namespace {

namespace auth = platform::auth;
namespace web = platform::web;
using detail::Context;
using detail::Evaluator;

const std::map<std::string_view, Evaluator>& Evaluators() {
    static const std::map<std::string_view, Evaluator> kEvaluators{
        {"R-D1", &detail::EvaluateDlCategories},
        {"R-D2", &detail::EvaluateDlEventApplications},
        {"R-D4", &detail::EvaluateDlMedicalConclusions},
        {"R-D5", &detail::EvaluateDlList},
        {"R-D7", &detail::EvaluateDlShare},
        {"R-D10", &detail::EvaluateDlIndividualPlans},
        {"R-D14", &detail::EvaluateEmergencyMoves},
        {"R-D17", &detail::EvaluateNonFormalCredits},
        {"R-O2", &detail::EvaluateOnlineForm},
        {"R-O3", &detail::EvaluateOnlinePlans},
        {"R-O7", &detail::EvaluateOnlineContract},
        {"R-O12", &detail::EvaluateContentPlacement},
        {"R-O14", &detail::EvaluateMoocShare},
        {"R-O16", &detail::EvaluateOnlineTeachers},
        {"R-O25", &detail::EvaluateFormTransfers},
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
