#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/language.hpp"
#include "platform/web/strings.hpp"

/// The Order 137 compliance report (R-A8): every requirement of the order with its status for
/// the institution, computed by the same pure rules the use cases enforce. A requirement Oqu does
/// not evaluate yet says so ("not_covered"), never "met".
namespace oqu::compliance {

/// A requirement's status. Names (StatusName) are the stable JSON interface.
enum class Status : std::uint8_t { kMet, kViolated, kNotApplicable, kNotCovered };

/// "met", "violated", "not_applicable", "not_covered".
std::string_view StatusName(Status status);

/// One offending subject: a student, a programme, a course ...
struct Violation {
    std::string subject;  ///< "Нұрланова Әлия (6B04201, ЮР-24-1)".
    std::string detail;   ///< The rule's translated message with its numbers.
    std::string link;     ///< The subject's page in the portal ("/people/students/12"), may be empty.
};

/// A requirement of the order and its evaluation.
struct RuleResult {
    std::string id;    ///< "R-O2".
    char group = 'A';  ///< 'A' infrastructure, 'D' distance learning, 'O' online form.
    Status status = Status::kNotCovered;
    std::string title;    ///< Translated short title of the requirement.
    std::string summary;  ///< Translated one-line account of what was checked (counts).
    std::vector<Violation> violations;
};

/// Limits a report to a faculty or a programme (drill-down); empty: the institution.
struct ReportScope {
    std::optional<std::int64_t> faculty_id;
    std::optional<std::int64_t> programme_id;
};

/// A whole report.
struct Report {
    core::Instant generated_at{};
    platform::web::Language lang = platform::web::Language::kKk;
    ReportScope scope;
    std::vector<RuleResult> rules;  ///< Every requirement, in the order of REQUIREMENTS.md.
};

/// Every requirement ID of the order in document order ("R-A1" .. "R-O28"), with its group.
struct Requirement {
    std::string_view id;
    char group;
};
const std::vector<Requirement>& Requirements();

/// Builds the report as `actor` sees it (compliance:view; subjects outside the actor's scopes are
/// not listed). Titles and messages come from `strings` in `lang`. kForbidden without the
/// capability.
core::Result<Report> BuildReport(const platform::auth::Principal& actor, platform::db::Database& db,
                                 const platform::web::Strings& strings, platform::web::Language lang,
                                 core::Instant now, const ReportScope& scope = {});

/// The stable JSON form: {"rules": [{"id", "status", "violations": [{"subject", "detail"}], ...}]}
/// plus "title", "summary", "group" on each rule and "generated_at", "lang" at the top.
nlohmann::json ReportJson(const Report& report);

/// The report as an XLSX workbook (one sheet per group of requirements, plus a summary sheet).
core::Result<std::string> ReportXlsx(const Report& report);

/// Declares the module and the `oqu compliance` command.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::compliance
