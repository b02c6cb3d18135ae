#pragma once

#include <string>
#include <vector>

/// The readiness checklist of a course (R-O13), computed from facts about its structure. Pure.
namespace oqu::courses {

/// A week and how many elements it has.
struct WeekFacts {
    int number = 0;
    int elements = 0;
};

/// A learning outcome and how many elements are linked to it.
struct OutcomeFacts {
    std::string code;
    int links = 0;
};

/// What the checklist looks at.
struct CourseFacts {
    std::vector<WeekFacts> weeks;
    std::vector<OutcomeFacts> outcomes;
    bool policy_set = false;
    int media = 0;      ///< Audio and video elements.
    int captioned = 0;  ///< Of them, those with WebVTT captions.
};

/// The readiness checklist computed from the course (R-O13).
struct Checklist {
    bool has_weeks = false;                      ///< At least one week.
    bool weeks_filled = false;                   ///< Every week has an element.
    bool outcomes_mapped = false;                ///< Outcomes exist and each is linked to an element.
    bool policy_set = false;                     ///< The assessment policy is set.
    bool media_captioned = false;                ///< Every audio and video element has captions.
    std::vector<int> empty_weeks;                ///< Numbers of weeks without elements.
    std::vector<std::string> unmapped_outcomes;  ///< Codes of outcomes no element forms.
    int uncaptioned = 0;                         ///< Audio/video elements without captions.
    /// Every item holds.
    bool complete() const {
        return has_weeks && weeks_filled && outcomes_mapped && policy_set && media_captioned;
    }
};

/// The checklist of a course: weeks present and each with content, outcomes present and each
/// linked, the policy set, every audio/video captioned.
Checklist CheckReadiness(const CourseFacts& facts);

}  // namespace oqu::courses
