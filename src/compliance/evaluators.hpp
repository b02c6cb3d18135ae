#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "academics/api.hpp"
#include "compliance/api.hpp"
#include "people/api.hpp"

// The evaluators of the compliance report: one function per requirement (or family), each in an
// evaluators_<family>.cpp, listed in report.cpp's table. Internal to the module.
namespace oqu::compliance::detail {

/// What an evaluator needs: the reader, the data, the language, the drill-down.
struct Context {
    const platform::auth::Principal& actor;
    platform::db::Database& db;
    const platform::web::Strings& strings;
    platform::web::Language lang;
    core::Instant now;
    const ReportScope& scope;
    /// The active online students the reader may see, read once per report by the first
    /// ForEachOnlineStudent (R-O2, R-O3, R-O7 and R-O14 all walk them).
    mutable std::optional<std::vector<people::Student>> online_students{};

    /// The translated message `key` with named arguments.
    std::string Text(std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const {
        return strings.Format(lang, key, std::map<std::string, std::string>(args.begin(), args.end()));
    }
};

/// Fills a rule's status, summary and violations; an Error when the data cannot be read.
using Evaluator = core::Status (*)(const Context&, RuleResult&);

/// Every programme the reader may see within the scope, by id.
core::Result<std::map<std::int64_t, academics::Programme>> Programmes(const Context& c);

/// Calls `fn` for every active online student the reader may see within the drill-down, with his
/// programme (one of `programmes`); pages through people::ListStudents (evaluators_online.cpp).
core::Status ForEachOnlineStudent(
    const Context& c, const std::map<std::int64_t, academics::Programme>& programmes,
    const std::function<void(const people::Student&, const academics::Programme&)>& fn);

/// "Name (programme, group)": the subject of a student's violation.
std::string StudentSubject(const people::Student& s, const std::string& programme_code);
/// The same for a student id; "#id (programme)" when the reader may not see the record.
std::string StudentSubject(const Context& c, std::int64_t student_id, const std::string& programme_code);

/// Met or violated by the rule's violations; not applicable when nothing was checked.
Status StatusOf(std::int64_t checked, const RuleResult& r);

/// R-O2: active online students only in directions where the online form is allowed
/// (evaluators_online.cpp).
core::Status EvaluateOnlineForm(const Context& c, RuleResult& r);

/// R-D5: the rector's list of DL disciplines kept, category-3 grants on it (evaluators_dl.cpp).
core::Status EvaluateDlList(const Context& c, RuleResult& r);

/// R-D7: students with DL grants within their direction's share (evaluators_dl.cpp).
core::Status EvaluateDlShare(const Context& c, RuleResult& r);

/// R-O7: active online students with the current contract accepted (evaluators_dl.cpp).
core::Status EvaluateOnlineContract(const Context& c, RuleResult& r);

/// R-D17: approved MOOC credits within 20 % of the programme's credits (evaluators_dl.cpp).
core::Status EvaluateNonFormalCredits(const Context& c, RuleResult& r);

/// R-O14: online students of the final course year with at least 10 % of credits through MOOCs
/// (evaluators_online.cpp).
core::Status EvaluateMoocShare(const Context& c, RuleResult& r);

/// R-O3: active online students with an approved individual plan and schedule
/// (evaluators_online.cpp).
core::Status EvaluateOnlinePlans(const Context& c, RuleResult& r);

/// R-O16: teachers of online courses with 72 h of professional development in 3 years
/// (evaluators_courses.cpp).
core::Status EvaluateOnlineTeachers(const Context& c, RuleResult& r);

/// R-O12: course content placed 5 working days before the period (evaluators_courses.cpp).
core::Status EvaluateContentPlacement(const Context& c, RuleResult& r);

/// R-O25: approved transfers between forms during holidays and paid (evaluators_online.cpp).
core::Status EvaluateFormTransfers(const Context& c, RuleResult& r);

/// R-D1: DL grants of categories 1 and 2 within the period their record states
/// (evaluators_grants.cpp, like the three below).
core::Status EvaluateDlCategories(const Context& c, RuleResult& r);

/// R-D2: category-2 grants rest on the application to the rector with the dates of participation.
core::Status EvaluateDlEventApplications(const Context& c, RuleResult& r);

/// R-D4: category-1 grants rest on the MCC conclusion with its document.
core::Status EvaluateDlMedicalConclusions(const Context& c, RuleResult& r);

/// R-D10: begun category-1 and -2 grants have an individual plan and schedule.
core::Status EvaluateDlIndividualPlans(const Context& c, RuleResult& r);

/// R-D14: emergency orders and the classes moved under them, on record.
core::Status EvaluateEmergencyMoves(const Context& c, RuleResult& r);

}  // namespace oqu::compliance::detail
