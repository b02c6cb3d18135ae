#include <string>
#include <utility>

#include <fmt/format.h>

#include "compliance/evaluators.hpp"
#include "dl/api.hpp"
#include "people/api.hpp"

// The evaluators that read the DL grants (approved applications) of chapter 2: who may study by
// distance and on what record (R-D1, R-D2, R-D4), the individual plan (R-D10), and the emergency
// orders (R-D14).
namespace oqu::compliance::detail {

namespace {

std::string Iso(core::Day day) {
    return core::FormatIsoDay(day);
}

/// The grants within the reader's scopes and the drill-down, with their programme.
struct Grant {
    dl::DlGrantSummary grant;
    const academics::Programme* programme = nullptr;
};

core::Result<std::vector<Grant>> Grants(const Context& c,
                                        const std::map<std::int64_t, academics::Programme>& programmes) {
    auto all = dl::ListDlGrants(c.actor, c.db);
    if (!all) return all.error();
    std::vector<Grant> out;
    for (auto& g : *all) {
        const auto p = programmes.find(g.programme_id);
        if (p == programmes.end()) continue;
        out.push_back({std::move(g), &p->second});
    }
    return out;
}

void Violation(const Context& c, RuleResult& r, const Grant& g, std::string detail) {
    r.violations.push_back({.subject = StudentSubject(c, g.grant.student_id, g.programme->code),
                            .detail = std::move(detail),
                            .link = fmt::format("/dl/applications/{}", g.grant.application_id)});
}

void Finish(const Context& c, RuleResult& r, std::int64_t checked, std::string_view summary_key) {
    r.status = StatusOf(checked, r);
    r.summary = c.Text(summary_key, {{"count", std::to_string(checked)},
                                     {"violations", std::to_string(r.violations.size())}});
}

core::Day Today(const Context& c) {
    return core::KazakhstanDay(c.now);
}

}  // namespace

// R-D1: DL only for the three categories, and for categories 1 and 2 only within the period the
// record states (the MCC's indications, the dates of participation); category 3 is R-D5's list.
core::Status EvaluateDlCategories(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    auto grants = Grants(c, *programmes);
    if (!grants) return grants.error();
    for (const auto& g : *grants) {
        if (g.grant.category == dl::Category::kListed) continue;
        if (g.grant.period_start <= g.grant.start && g.grant.end <= g.grant.period_end) continue;
        Violation(c, r, g,
                  c.Text("compliance.rd1_outside", {{"start", Iso(g.grant.start)},
                                                    {"end", Iso(g.grant.end)},
                                                    {"from", Iso(g.grant.period_start)},
                                                    {"to", Iso(g.grant.period_end)}}));
    }
    Finish(c, r, static_cast<std::int64_t>(grants->size()), "compliance.rd1_summary");
    return core::OkStatus();
}

// R-D2: a category-2 grant rests on the application to the head of the HEI with the dates of
// participation.
core::Status EvaluateDlEventApplications(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    auto grants = Grants(c, *programmes);
    if (!grants) return grants.error();
    std::int64_t checked = 0;
    for (const auto& g : *grants) {
        if (g.grant.category != dl::Category::kEvent) continue;
        ++checked;
        if (g.grant.statement && g.grant.period_start <= g.grant.period_end &&
            g.grant.period_start != core::Day{}) {
            continue;
        }
        Violation(c, r, g, c.Text("compliance.rd2_no_application", {}));
    }
    Finish(c, r, checked, "compliance.rd2_summary");
    return core::OkStatus();
}

// R-D4: a category-1 grant rests on the MCC conclusion: its number, date and document.
core::Status EvaluateDlMedicalConclusions(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    auto grants = Grants(c, *programmes);
    if (!grants) return grants.error();
    std::int64_t checked = 0;
    for (const auto& g : *grants) {
        if (g.grant.category != dl::Category::kMedical) continue;
        ++checked;
        if (g.grant.mcc_conclusion) continue;
        Violation(c, r, g, c.Text("compliance.rd4_no_conclusion", {}));
    }
    Finish(c, r, checked, "compliance.rd4_summary");
    return core::OkStatus();
}

// R-D10: a category-1 or -2 grant that has begun has an individual study plan and an individual
// schedule.
core::Status EvaluateDlIndividualPlans(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    auto grants = Grants(c, *programmes);
    if (!grants) return grants.error();
    const core::Day today = Today(c);
    std::int64_t checked = 0;
    for (const auto& g : *grants) {
        if (g.grant.category == dl::Category::kListed || g.grant.start > today) continue;
        ++checked;
        if (g.grant.plan_rows > 0 && g.grant.schedule_rows > 0) continue;
        Violation(
            c, r, g,
            c.Text("compliance.rd10_missing", {{"plan", g.grant.plan_rows > 0 ? "yes" : "no"},
                                               {"schedule", g.grant.schedule_rows > 0 ? "yes" : "no"}}));
    }
    Finish(c, r, checked, "compliance.rd10_summary");
    return core::OkStatus();
}

// R-D14: under an emergency order, the laboratory, studio and practice classes that cannot be held
// online are moved to later periods, on record, keeping their hours (R-D13). Which classes could
// run online is the dean's office's judgement: the report shows the orders and the moves kept.
core::Status EvaluateEmergencyMoves(const Context& c, RuleResult& r) {
    auto orders = dl::ListEmergencies(c.actor, c.db);
    if (!orders) return orders.error();
    int moved = 0;
    for (const auto& o : *orders) moved += o.postponements;
    r.status = orders->empty() ? Status::kNotApplicable : Status::kMet;
    r.summary = c.Text("compliance.rd14_summary",
                       {{"orders", std::to_string(orders->size())}, {"moved", std::to_string(moved)}});
    return core::OkStatus();
}

}  // namespace oqu::compliance::detail
