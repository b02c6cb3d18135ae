#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "distance/api.hpp"
#include "dl/domain/application.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
}
}  // namespace oqu::platform

/// The distance-learning workflow of Order 137 chapter 2: the institution's list of disciplines
/// allowed for DL approved by a rector's order (R-D5), students' applications in the three
/// categories of R-D1 (R-D2, R-D4), the adviser's review, the dean's office's decision checked
/// against the share of R-D7 (with the art. 37-2 exception), the individual plan and schedule of
/// categories 1 and 2 (R-D10). Other modules use only this header.
///
/// Every function takes the acting principal first and checks its capability (permissions.hpp)
/// on the object's scope path {institution, faculty, programme} of the student: an application
/// outside the caller's scopes (or another student's) is kNotFound; a change the caller may see
/// but not make is kForbidden. Each change is one transaction with an audit record and a
/// footprint event. Refused input is kInvalidInput "dl.*"; a decision against R-D7 is
/// kRuleViolation with the numbers ("dl.rd7_exceeded", requirement "R-D7") and changes nothing.
namespace oqu::dl {

/// Where and when a change happens: the database, the clock reading, the client address.
struct Change {
    platform::db::Database& db;  ///< The database the change is made in.
    core::Instant now{};         ///< The time of the change.
    std::string address;         ///< Client IP for the audit record.
};

// --- R-D5: the list of disciplines allowed for DL --------------------------------------------

/// A rector's order approving (part of) the list.
struct ListOrder {
    std::int64_t id = 0;
    std::string number;  ///< "45-н".
    core::Day date{};
    std::string scan_sha;   ///< The scanned order in the file store; empty when none.
    std::string scan_name;  ///< Its file name as uploaded.
    int disciplines = 0;    ///< Disciplines on this order.
};

/// A discipline on the list.
struct ListedDiscipline {
    std::int64_t order_id = 0;
    std::int64_t discipline_id = 0;
    std::int64_t programme_id = 0;
    std::string code;
    std::string name_kk, name_ru, name_en;
};

/// The orders, newest first (dl:view_list somewhere).
core::Result<std::vector<ListOrder>> ListOrders(const platform::auth::Principal& actor,
                                                platform::db::Database& db);
/// One order; kNotFound when absent.
core::Result<ListOrder> FindOrder(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t id);
/// The disciplines on the list (of one order, when given), code order.
core::Result<std::vector<ListedDiscipline>> ListListed(const platform::auth::Principal& actor,
                                                       platform::db::Database& db,
                                                       std::optional<std::int64_t> order_id = std::nullopt);
/// Records a rector's order (dl:manage_list at institution scope); the scan is optional.
core::Result<std::int64_t> RecordListOrder(const platform::auth::Principal& actor, const Change& change,
                                           const OrderDraft& draft, const std::string& scan_sha = {},
                                           const std::string& scan_name = {});
/// Puts a discipline of a curriculum on the order's list; kConflict "dl.already_listed" when it is.
core::Status AddListed(const platform::auth::Principal& actor, const Change& change, std::int64_t order_id,
                       std::int64_t discipline_id);
/// Takes a discipline off the order's list; kNotFound when it is not on it.
core::Status RemoveListed(const platform::auth::Principal& actor, const Change& change, std::int64_t order_id,
                          std::int64_t discipline_id);

// --- R-D1..R-D4, R-D7, R-D10: applications -------------------------------------------------

/// A discipline named on an application.
struct AppliedDiscipline {
    std::int64_t id = 0;
    std::string code;
    std::string name_kk, name_ru, name_en;
};

/// A row of the individual plan or schedule (R-D10).
struct PlanRow {
    std::int64_t id = 0;
    PlanKind kind = PlanKind::kPlan;
    std::int64_t discipline_id = 0;
    std::string activity;
    std::optional<core::Day> start_date, end_date;
    int weekday = 0;  ///< 1 (Monday) .. 7 for a schedule row.
    std::string time;
};

/// An application as the caller may see it.
struct Application {
    std::int64_t id = 0;
    std::int64_t student_id = 0;
    std::int64_t user_id = 0;  ///< The student's account.
    std::string student_name;
    std::int64_t programme_id = 0;
    std::int64_t faculty_id = 0;
    Category category = Category::kMedical;
    Stage stage = Stage::kSubmitted;
    State state = State::kSubmitted;  ///< Computed at the `now` of the read.
    core::Day period_start{}, period_end{};
    std::string mcc_number;
    std::optional<core::Day> mcc_date;
    std::string document_sha, document_name;
    std::string statement;
    core::Instant submitted_at{};
    std::string review_comment;
    std::optional<bool> recommended;  ///< The adviser's recommendation, once reviewed.
    std::string reviewer;             ///< Login of the adviser.
    std::string decision_comment;
    std::string decider;  ///< Login of the dean's office member.
    std::optional<core::Day> grant_start, grant_end;
    std::string art_37_2_number;
    std::optional<core::Day> art_37_2_date;
    std::vector<AppliedDiscipline> disciplines;
    std::vector<PlanRow> plan;  ///< Filled by FindApplication only.
};

/// Filters of the application list.
struct ApplicationQuery {
    std::optional<Stage> stage;
    bool mine = false;  ///< Only the caller's own (a student).
    int limit = 100;    ///< 1..500.
    int offset = 0;
};

/// The applications the caller may see: a student his own; advisers, deans' offices, the
/// registrar, the quality officer and the auditor those in their scopes; newest first.
core::Result<std::vector<Application>> ListApplications(const platform::auth::Principal& actor,
                                                        platform::db::Database& db,
                                                        const ApplicationQuery& query, core::Instant now);
/// One application with its plan; kNotFound when absent or not the caller's to see.
core::Result<Application> FindApplication(const platform::auth::Principal& actor, platform::db::Database& db,
                                          std::int64_t id, core::Instant now);

/// A discipline the student may choose: of his curriculum, and whether it is on the list (R-D5).
struct Choice {
    AppliedDiscipline discipline;
    int semester = 0;
    bool listed = false;
};
/// The disciplines of the signed-in student's curriculum (dl:apply); kNotFound
/// "dl.no_student_record" when the account is linked to no student.
core::Result<std::vector<Choice>> ChoicesOf(const platform::auth::Principal& actor,
                                            platform::db::Database& db);

/// A student applies (dl:apply, his own student record): the disciplines must be of his
/// curriculum ("dl.discipline_not_in_curriculum"), and on the list for category 3
/// ("dl.discipline_not_listed", R-D5).
core::Result<std::int64_t> Apply(const platform::auth::Principal& actor, const Change& change,
                                 const ApplicationDraft& draft);
/// The student withdraws his application while it is undecided (kConflict "dl.already_decided").
core::Status Withdraw(const platform::auth::Principal& actor, const Change& change, std::int64_t id);
/// The adviser reviews a submitted application (dl:review on the student): a comment and whether
/// he recommends it (nullopt: kInvalidInput "dl.recommend_required", checked after the
/// permission). kConflict "dl.not_submitted" once reviewed or decided.
core::Status Review(const platform::auth::Principal& actor, const Change& change, std::int64_t id,
                    std::optional<bool> recommend, const std::string& comment);
/// The dean's office decides (dl:decide on the student). Approval runs R-D7 over the student's
/// whole curriculum (distance::CheckDlShare) and refuses with kRuleViolation, changing nothing.
core::Status Decide(const platform::auth::Principal& actor, const Change& change, std::int64_t id,
                    const DecisionDraft& draft);
/// Adds a row of the individual plan or schedule of an approved application of category 1 or 2
/// (dl:decide on the student; kConflict "dl.no_individual_plan" otherwise). Returns its id.
core::Result<std::int64_t> AddPlanRow(const platform::auth::Principal& actor, const Change& change,
                                      std::int64_t application_id, const PlanRowDraft& draft);
/// Removes a row of the individual plan or schedule (dl:decide on the student).
core::Status RemovePlanRow(const platform::auth::Principal& actor, const Change& change,
                           std::int64_t application_id, std::int64_t row_id);

// --- R-D14, R-D16: emergency mode ------------------------------------------------------------

/// An institution-wide emergency order (quarantine, emergency situation).
struct EmergencyOrder {
    std::int64_t id = 0;
    std::string number;
    core::Day date{};
    core::Day start{}, end{};  ///< In force from start to end, inclusive.
    int postponements = 0;     ///< Postponed classes recorded under it.
};

/// Classes of one discipline moved to a later academic period under an emergency order.
struct Postponement {
    std::int64_t id = 0;
    std::int64_t discipline_id = 0;
    std::string code;
    std::string name_kk, name_ru, name_en;
    std::string class_kind;  ///< "laboratory", "studio", "practice".
    int hours = 0;           ///< The curriculum's hours of that kind, kept whole (R-D13).
    std::string moved_to;    ///< The later period ("2026-2027, semester 2").
};

/// The emergency orders, newest first (dl:view_list somewhere).
core::Result<std::vector<EmergencyOrder>> ListEmergencies(const platform::auth::Principal& actor,
                                                          platform::db::Database& db);
/// One emergency order; kNotFound when absent or not viewable.
core::Result<EmergencyOrder> FindEmergency(const platform::auth::Principal& actor, platform::db::Database& db,
                                           std::int64_t id);
/// The postponed classes of an emergency order, by discipline code.
core::Result<std::vector<Postponement>> ListPostponements(const platform::auth::Principal& actor,
                                                          platform::db::Database& db,
                                                          std::int64_t emergency_id);
/// R-D16: the emergency order in force on `day`, if any (the latest when several overlap). No
/// capability is needed: whether an emergency is in force is public knowledge.
std::optional<EmergencyOrder> EmergencyInForce(platform::db::Database& db, core::Day day);
/// Records an emergency order (dl:manage_emergency at institution scope).
core::Result<std::int64_t> RecordEmergency(const platform::auth::Principal& actor, const Change& change,
                                           const EmergencyDraft& draft);
/// R-D14: moves the laboratory, studio or practice classes of a discipline to a later period
/// (dl:manage_emergency). kInvalidInput "dl.kind_not_postponable" for another kind,
/// "dl.no_such_classes" when the discipline has no hours of that kind, "dl.moved_to_required";
/// kConflict "dl.already_postponed".
core::Result<std::int64_t> Postpone(const platform::auth::Principal& actor, const Change& change,
                                    std::int64_t emergency_id, std::int64_t discipline_id,
                                    const std::string& class_kind, const std::string& moved_to);

// --- For other modules (the compliance report) ----------------------------------------------

/// One grant of DL: an approved application.
struct DlGrantSummary {
    std::int64_t application_id = 0;
    std::int64_t student_id = 0;
    std::int64_t programme_id = 0;
    std::vector<std::int64_t> discipline_ids;  ///< Ascending.
    Category category = Category::kMedical;
    core::Day start{}, end{};
    bool art_37_2 = false;  ///< Granted under a recorded decision of art. 37-2 p.2 of the Law.
    /// The period the application states: the MCC's indications (category 1, R-D4), the dates of
    /// participation (category 2, R-D2).
    core::Day period_start{}, period_end{};
    bool mcc_conclusion = false;           ///< Category 1: the MCC conclusion's number, date and document.
    bool statement = false;                ///< Category 2: the application to the rector's text.
    int plan_rows = 0, schedule_rows = 0;  ///< Rows of the individual plan and schedule (R-D10).
};

/// Every grant (approved application) in the caller's scopes (dl:view_applications), by student
/// then application; with `active_on`, only those whose period contains that day. One query,
/// whatever the number of students.
core::Result<std::vector<DlGrantSummary>> ListDlGrants(const platform::auth::Principal& actor,
                                                       platform::db::Database& db,
                                                       std::optional<core::Day> active_on = std::nullopt);

/// R-D7 as the compliance report reads it: a student holding DL grants, with the share to check.
struct DlShareSummary {
    std::int64_t student_id = 0;
    std::int64_t programme_id = 0;
    std::string programme_code;
    std::string direction_code;
    distance::DlShare share;  ///< approved: distinct disciplines granted; total: his curriculum's.
};

/// Every student with DL grants in the caller's scopes (dl:view_applications) and his share over
/// the whole period of study, computed as the decision computes it (the curriculum of his
/// admission year, the direction's regime, art. 37-2 decisions). One query for the grants, then
/// one read per student who holds any.
core::Result<std::vector<DlShareSummary>> ListDlShares(const platform::auth::Principal& actor,
                                                       platform::db::Database& db, core::Instant now);

/// Registers the module: schema, templates, strings, OpenAPI fragment, routes and navigation.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::dl
