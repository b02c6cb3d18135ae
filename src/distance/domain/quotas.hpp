#pragma once

#include <cstdint>

#include "core/verdict.hpp"

/// The quotas of Order 137 as pure functions: shares of disciplines and credits taken by distance
/// learning, through MOOCs or non-formal learning, and the synchronous share of a discipline.
/// Each compares integers exactly (20 % of 5 disciplines is 1, not "about 1") and returns a
/// Verdict with the numbers behind it; the use cases refuse with core::Refusal, the compliance
/// report lists the same verdicts.
namespace oqu::distance {

/// A direction of training's distance-learning regime (R-D7), resolved to the programme's group.
enum class DlLimit : std::uint8_t {
    kForbidden,  ///< Medical, pharmaceutical, pedagogical: no DL (except art. 37-2 of the Law).
    kLimit20,    ///< Law, choreography, construction ...: at most 20 % of the disciplines.
    kLimit50,    ///< Every other direction: at most 50 %.
};

/// The percentage a limit allows (0, 20, 50).
int LimitPercent(DlLimit limit);

/// R-D7: the share of a student's disciplines taken by DL over the whole period of study.
struct DlShare {
    DlLimit limit = DlLimit::kLimit50;
    int total_disciplines = 0;  ///< Disciplines of the student's curriculum, all semesters.
    int approved = 0;           ///< Distinct disciplines already granted DL (any period).
    int proposed = 0;           ///< Disciplines the act being checked would add (0 for a report).
    bool art_37_2 = false;      ///< A recorded decision under art. 37-2 p.2 of the Law on Education.
};
/// Met when (approved + proposed) ≤ limit % of total; a forbidden regime allows none without
/// the art. 37-2 decision. Violated, not "not applicable", when DL is asked for a curriculum
/// with no disciplines: the share cannot be proved. Args: count, total, share, limit.
core::Verdict CheckDlShare(const DlShare& in);

/// R-D8: a discipline taken by DL is synchronous unless it is mastered through a MOOC.
core::Verdict CheckDlSynchronous(bool synchronous, bool mooc);

/// Kinds of academic mobility (R-D15).
enum class Mobility : std::uint8_t {
    kNone,          ///< The student is not on a mobility programme.
    kMobility,      ///< Academic mobility: DL at most 20 % of the credits.
    kDoubleDegree,  ///< Double-degree programme: at most 50 %.
    kExchange,      ///< Exchange programme: at most 50 %.
};

/// R-D15 / R-D16: the credits a mobile student takes by DL over the whole period of study.
struct MobilityCredits {
    Mobility kind = Mobility::kNone;
    int dl_credits = 0;      ///< Including what the act being checked would add.
    int total_credits = 0;   ///< The programme's credits.
    bool emergency = false;  ///< An emergency order is in force for the period (R-D16).
};
/// Not applicable without mobility; met under an emergency order (R-D16 lifts the limit,
/// message says so); else dl ≤ 20 % (50 % for double-degree and exchange) of total.
/// Args: credits, total, share, limit.
core::Verdict CheckMobilityCredits(const MobilityCredits& in);

/// R-D17: recognised non-formal learning (MOOCs included) at most 20 % of the programme's
/// credits. Not applicable when nothing is recognised. Args: credits, total, share, limit.
core::Verdict CheckNonFormalCredits(int recognised_credits, int total_credits);

/// R-O14: an online student masters at least 10 % of the programme's credits through MOOCs.
/// Args: credits, total, share, floor.
core::Verdict CheckMoocCredits(int mooc_credits, int total_credits);

/// R-O6: synchronous classes are at least 20 % of an online discipline's volume (hours), except
/// disciplines taken through a MOOC (not applicable). Args: hours, total, share, floor.
core::Verdict CheckSynchronousShare(int synchronous_hours, int total_hours, bool mooc);

/// R-D13: a discipline moved to DL or the online form keeps the credits and hours of the
/// programme. Args: credits, hours, planned_credits, planned_hours.
core::Verdict CheckWorkloadKept(int planned_credits, int planned_hours, int credits, int hours);

}  // namespace oqu::distance
