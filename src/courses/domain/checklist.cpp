#include "courses/domain/checklist.hpp"

namespace oqu::courses {

Checklist CheckReadiness(const CourseFacts& facts) {
    Checklist out;
    out.has_weeks = !facts.weeks.empty();
    for (const WeekFacts& w : facts.weeks) {
        if (w.elements == 0) out.empty_weeks.push_back(w.number);
    }
    out.weeks_filled = out.has_weeks && out.empty_weeks.empty();
    for (const OutcomeFacts& o : facts.outcomes) {
        if (o.links == 0) out.unmapped_outcomes.push_back(o.code);
    }
    // A course without outcomes has no map of outcomes (R-A4): not mapped.
    out.outcomes_mapped = !facts.outcomes.empty() && out.unmapped_outcomes.empty();
    out.policy_set = facts.policy_set;
    out.uncaptioned = facts.media - facts.captioned;
    out.media_captioned = out.uncaptioned == 0;
    return out;
}

}  // namespace oqu::courses
