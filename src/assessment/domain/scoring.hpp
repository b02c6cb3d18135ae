#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/domain/question.hpp"

/// Automatic grading of a response (R-A5) and item analysis of a quiz. Pure.
namespace oqu::assessment {

/// A student's response to one question, in the shape its type needs.
struct Response {
    std::vector<int> chosen;          ///< Choice / true-false: indexes of the answers chosen.
    std::vector<std::string> values;  ///< Matching: the right-hand item chosen for each pair, in
                                      ///< pair order; ordering: the items in the order given;
                                      ///< short answer / numerical: one typed value.
};

/// The share of the mark (0..1) a response earns; nullopt for an essay (graded by hand).
///  - single choice: the chosen answer's share;
///  - multiple choice: the shares of the chosen answers minus their penalties, within 0..1;
///  - true/false: 1 or 0;
///  - matching and ordering: the share of pairs matched / items in their place;
///  - short answer: the best share among the accepted answers it equals, ignoring case (Latin,
///    Cyrillic and Kazakh letters), surrounding and repeated spaces; "*" in an accepted answer
///    matches any text;
///  - numerical: the best share among the values it is within tolerance of ("3,14" and "3.14").
std::optional<double> Score(const Question& question, const Response& response);

/// Lower case for the letters of Kazakh, Russian and English (UTF-8); other text unchanged.
std::string FoldCase(std::string_view text);

/// One question's statistics over the attempts of a quiz.
struct ItemStatistics {
    double difficulty = 0.0;  ///< Facility: the mean share earned, 0 (nobody) .. 1 (everybody).
    /// Corrected item-total correlation: the question's scores against the rest of the quiz;
    /// about 0.3 and above discriminates well, below 0 points at a wrong key. Nullopt when
    /// undefined (fewer than 2 attempts, or no spread in the item or the rest).
    std::optional<double> discrimination;
};

/// Statistics of each question from `scores[attempt][question]` (shares 0..1; every row has the
/// same length).
std::vector<ItemStatistics> AnalyseItems(const std::vector<std::vector<double>>& scores);

}  // namespace oqu::assessment
