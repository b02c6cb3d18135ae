#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

/// The rules of an application for distance learning (Order 137 chapter 2) as pure functions:
/// the three categories of R-D1, the stages of the workflow, the state of a grant computed from
/// its dates (a grant ends by itself, no job runs), and the checks of what a student, an adviser
/// and a dean's office type. Errors are kInvalidInput with a "dl.*" message key; `detail` names
/// the field.
namespace oqu::dl {

/// R-D1: who may study by distance learning.
enum class Category : std::uint8_t {
    kMedical = 1,  ///< (1) a conclusion of a medical-consultative commission (R-D4).
    kEvent = 2,    ///< (2) a participant of a camp, competition, contest or festival (R-D2).
    kListed = 3,   ///< (3) disciplines on the institution's list approved by the rector (R-D5).
};
/// "medical", "event", "listed".
std::string_view CategoryName(Category category);
/// The category of a stored name or of "1".."3"; nullopt otherwise.
std::optional<Category> ParseCategory(std::string_view text);
/// R-D10: categories 1 and 2 get an individual study plan and schedule.
bool NeedsIndividualPlan(Category category);

/// Where an application stands in the workflow.
enum class Stage : std::uint8_t {
    kSubmitted,  ///< Sent by the student, waiting for the adviser.
    kReviewed,   ///< The adviser commented and recommended (or not); waiting for the dean's office.
    kApproved,   ///< The dean's office granted DL for a period.
    kRefused,    ///< The dean's office refused.
    kWithdrawn,  ///< The student withdrew it before the decision.
};
/// "submitted", "reviewed", "approved", "refused", "withdrawn".
std::string_view StageName(Stage stage);
/// The stage of a stored name; nullopt when unknown.
std::optional<Stage> ParseStage(std::string_view text);
/// True while no decision has been taken (the student may still withdraw).
bool Undecided(Stage stage);

/// The state shown to people, computed from the stage, the granted period and today.
enum class State : std::uint8_t {
    kSubmitted,
    kReviewed,
    kRefused,
    kWithdrawn,
    kUpcoming,  ///< Approved, the period has not begun.
    kActive,    ///< Approved, today is inside the period.
    kEnded,     ///< Approved, the period is over: DL ended by itself.
};
/// "submitted", ..., "upcoming", "active", "ended".
std::string_view StateName(State state);
/// The state of an application at `today` (Kazakhstan day); an approved one without dates is active.
State StateOf(Stage stage, std::optional<core::Day> start, std::optional<core::Day> end, core::Day today);

/// An application as typed by the student (strings as in the form).
struct ApplicationDraft {
    std::string category;  ///< "medical" | "event" | "listed" (or "1".."3").
    std::string
        period_start;  ///< ISO date: the MCC period (1), the participation dates (2), the wished period (3).
    std::string period_end;    ///< ISO date.
    std::string mcc_number;    ///< (1) the number of the MCC conclusion.
    std::string mcc_date;      ///< (1) its date.
    std::string document_sha;  ///< (1) the uploaded conclusion (file store hash).
    std::string document_name;
    std::string statement;                     ///< (2) the free-form application to the rector.
    std::vector<std::int64_t> discipline_ids;  ///< The disciplines asked for.
};

/// A checked application.
struct ApplicationSpec {
    Category category = Category::kMedical;
    core::Day period_start;
    core::Day period_end;
    std::string mcc_number;
    std::optional<core::Day> mcc_date;
    std::string document_sha;
    std::string document_name;
    std::string statement;
    std::vector<std::int64_t> discipline_ids;  ///< Distinct, ascending.
};

/// Longest free text accepted (statement, comments), in bytes.
inline constexpr std::size_t kMaxText = 4000;

/// Checks a draft: a known category; both dates, start ≤ end, at most 2 years apart; at least one
/// discipline; category 1 needs the MCC number, its date (not after the period's start) and the
/// document; category 2 needs the statement. kInvalidInput "dl.<problem>" on the first problem.
core::Result<ApplicationSpec> CheckApplication(const ApplicationDraft& draft);

/// A decision as typed by the dean's office.
struct DecisionDraft {
    std::string outcome;      ///< "approve" | "refuse".
    std::string comment;      ///< Required when refusing.
    std::string grant_start;  ///< ISO date (approve); empty: the period asked for.
    std::string grant_end;
    std::string art_37_2_number;  ///< The recorded decision under art. 37-2 of the Law (R-D7), optional.
    std::string art_37_2_date;
};

/// A checked decision.
struct DecisionSpec {
    bool approve = false;
    std::string comment;
    core::Day grant_start;
    core::Day grant_end;
    std::string art_37_2_number;  ///< Empty: none.
    std::optional<core::Day> art_37_2_date;
};

/// Checks a decision against the period asked for (used when the dates are empty); the art. 37-2
/// decision needs both its number and date. kInvalidInput "dl.<problem>".
core::Result<DecisionSpec> CheckDecision(const DecisionDraft& draft, core::Day asked_start,
                                         core::Day asked_end);

/// Kinds of rows of the individual plan and schedule (R-D10).
enum class PlanKind : std::uint8_t {
    kPlan,      ///< A row of the individual study plan: activity between two dates.
    kSchedule,  ///< A row of the individual schedule: weekday and time.
};
/// "plan", "schedule".
std::string_view PlanKindName(PlanKind kind);
/// The kind of a name; nullopt otherwise.
std::optional<PlanKind> ParsePlanKind(std::string_view text);

/// A row of the individual plan or schedule as typed.
struct PlanRowDraft {
    std::string kind;  ///< "plan" | "schedule".
    std::string discipline_id;
    std::string activity;    ///< "Lectures (synchronous, MS Teams)", "Laboratory work 3".
    std::string start_date;  ///< plan: ISO dates.
    std::string end_date;
    std::string weekday;  ///< schedule: "1" (Monday) .. "7".
    std::string time;     ///< schedule: "HH:MM".
};

/// A checked row.
struct PlanRowSpec {
    PlanKind kind = PlanKind::kPlan;
    std::int64_t discipline_id = 0;
    std::string activity;
    std::optional<core::Day> start_date;
    std::optional<core::Day> end_date;
    int weekday = 0;  ///< 1..7 for a schedule row.
    std::string time;
};

/// Checks a row: the activity, a discipline among `granted`, and dates inside [from, to] (plan)
/// or a weekday and a time (schedule). kInvalidInput "dl.<problem>".
core::Result<PlanRowSpec> CheckPlanRow(const PlanRowDraft& draft, const std::vector<std::int64_t>& granted,
                                       core::Day from, core::Day to);

/// An order (of the rector, or the emergency order) as typed: number and date.
struct OrderDraft {
    std::string number;
    std::string date;  ///< ISO date.
};

/// Checks an order's number (1..64 bytes) and date. kInvalidInput "dl.order_number_required" /
/// "dl.order_date_invalid".
core::Status CheckOrder(const OrderDraft& draft);

/// R-D14 / R-D16: an emergency order as typed: number, date and the period it is in force.
struct EmergencyDraft {
    std::string number;
    std::string date;   ///< ISO date of the order.
    std::string start;  ///< ISO date: in force from.
    std::string end;    ///< ISO date: in force until (inclusive).
};

/// A checked emergency order.
struct EmergencySpec {
    std::string number;
    core::Day date{};
    core::Day start{};
    core::Day end{};
};

/// Checks an emergency order: CheckOrder, then a real period, start ≤ end. kInvalidInput "dl.*".
core::Result<EmergencySpec> CheckEmergency(const EmergencyDraft& draft);

/// R-D14: the kinds of classes moved to a later period when they cannot be held online.
/// "laboratory", "studio" or "practice" (professional practice, research and experimental work).
bool IsPostponable(std::string_view class_kind);

}  // namespace oqu::dl
