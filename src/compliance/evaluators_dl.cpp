#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "compliance/evaluators.hpp"
#include "core/verdict.hpp"
#include "distance/api.hpp"
#include "dl/api.hpp"
#include "online/api.hpp"
#include "people/api.hpp"

namespace oqu::compliance::detail {

// R-D7: every student holding DL grants stays within his direction's share of disciplines over
// the whole period of study, as the decision checked it (a later change of the regime or of the
// curriculum shows here).
core::Status EvaluateDlShare(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    auto shares = dl::ListDlShares(c.actor, c.db, c.now);
    if (!shares) return shares.error();
    std::int64_t checked = 0;
    for (const auto& row : *shares) {
        if (!programmes->contains(row.programme_id)) continue;
        ++checked;
        const auto verdict = distance::CheckDlShare(row.share);
        if (!verdict.violated()) continue;
        r.violations.push_back({.subject = StudentSubject(c, row.student_id, row.programme_code),
                                .detail = c.Text(verdict.message_key, verdict.args),
                                .link = fmt::format("/people/students/{}", row.student_id)});
    }
    r.status = StatusOf(checked, r);
    r.summary = c.Text("compliance.rd7_summary", {{"count", std::to_string(checked)},
                                                  {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

// R-D5: the institution keeps its list of disciplines allowed for DL, approved by the rector's
// order, and every category-3 grant is for disciplines on it. Not applicable while the institution
// neither keeps a list nor grants DL.
core::Status EvaluateDlList(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    auto orders = dl::ListOrders(c.actor, c.db);
    if (!orders) return orders.error();
    auto listed = dl::ListListed(c.actor, c.db);
    if (!listed) return listed.error();
    auto grants = dl::ListDlGrants(c.actor, c.db);
    if (!grants) return grants.error();
    std::set<std::int64_t> on_list;
    for (const auto& l : *listed) on_list.insert(l.discipline_id);
    std::int64_t granted = 0;
    for (const auto& g : *grants) {
        const auto p = programmes->find(g.programme_id);
        if (p == programmes->end()) continue;
        ++granted;
        if (g.category != dl::Category::kListed) continue;
        int unlisted = 0;
        for (std::int64_t d : g.discipline_ids) unlisted += on_list.contains(d) ? 0 : 1;
        if (unlisted == 0) continue;
        r.violations.push_back(
            {.subject = StudentSubject(c, g.student_id, p->second.code),
             .detail = c.Text("compliance.rd5_unlisted", {{"count", std::to_string(unlisted)}}),
             .link = fmt::format("/dl/applications/{}", g.application_id)});
    }
    if (on_list.empty() && granted > 0 && r.violations.empty()) {
        r.violations.push_back({.subject = c.Text("compliance.institution", {}),
                                .detail = c.Text("compliance.rd5_no_list", {}),
                                .link = "/dl/list"});
    }
    r.status = !r.violations.empty() ? Status::kViolated
               : !on_list.empty()    ? Status::kMet
                                     : Status::kNotApplicable;
    r.summary = c.Text("compliance.rd5_summary", {{"orders", std::to_string(orders->size())},
                                                  {"disciplines", std::to_string(on_list.size())},
                                                  {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

// R-O7: every active online student has accepted the current contract documents (technical
// requirements, personal-data consent, user agreement) and not withdrawn his consent.
core::Status EvaluateOnlineContract(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    const auto consented_ids = online::ReportConsentedStudents(c.db);
    const std::set<std::int64_t> consented(consented_ids.begin(), consented_ids.end());
    const std::string missing = c.Text("compliance.ro7_missing", {});  // the same for every student
    std::int64_t checked = 0;
    auto read =
        ForEachOnlineStudent(c, *programmes, [&](const people::Student& s, const academics::Programme& p) {
            ++checked;
            if (consented.contains(s.id.value)) return;
            r.violations.push_back({.subject = StudentSubject(s, p.code),
                                    .detail = missing,
                                    .link = fmt::format("/online/students/{}", s.id.value)});
        });
    if (!read) return read;
    r.status = StatusOf(checked, r);
    r.summary = c.Text("compliance.ro7_summary", {{"count", std::to_string(checked)},
                                                  {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

// R-D17: recognised non-formal learning (approved MOOC credits) of each student is at most 20 %
// of his programme's credits.
core::Status EvaluateNonFormalCredits(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    std::int64_t checked = 0;
    for (const auto& row : online::ReportMoocCredits(c.db)) {
        // Only the students the reader may see, within the drill-down.
        auto s = people::FindStudent(c.actor, c.db, people::StudentId{row.student_id});
        if (!s) continue;
        const auto p = programmes->find(s->programme_id);
        if (p == programmes->end()) continue;
        ++checked;
        const auto verdict = distance::CheckNonFormalCredits(row.credits, p->second.credits);
        if (!verdict.violated()) continue;
        r.violations.push_back({.subject = StudentSubject(*s, p->second.code),
                                .detail = c.Text(verdict.message_key, verdict.args),
                                .link = fmt::format("/online/students/{}", row.student_id)});
    }
    r.status = StatusOf(checked, r);
    r.summary = c.Text("compliance.rd17_summary", {{"count", std::to_string(checked)},
                                                   {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

}  // namespace oqu::compliance::detail
