#include "assessment/domain/scoring.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>

#include "assessment/domain/text.hpp"

namespace oqu::assessment {

namespace {

/// Capital → small for the two-byte Cyrillic letters of Kazakh and Russian.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kKazakhPairs{{
    {"\xD3\x98", "\xD3\x99"},  // Ә ә
    {"\xD2\x92", "\xD2\x93"},  // Ғ ғ
    {"\xD2\x9A", "\xD2\x9B"},  // Қ қ
    {"\xD2\xA2", "\xD2\xA3"},  // Ң ң
    {"\xD3\xA8", "\xD3\xA9"},  // Ө ө
    {"\xD2\xB0", "\xD2\xB1"},  // Ұ ұ
    {"\xD2\xAE", "\xD2\xAF"},  // Ү ү
    {"\xD2\xBA", "\xD2\xBB"},  // Һ һ
    {"\xD0\x86", "\xD1\x96"},  // І і
    {"\xD0\x81", "\xD1\x91"},  // Ё ё
}};

/// `text` folded, spaces trimmed and runs of spaces made one.
std::string Normalise(std::string_view text) {
    const std::string folded = FoldCase(TrimSpace(text));
    std::string out;
    out.reserve(folded.size());
    bool space = false;
    for (char c : folded) {
        const bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (is_space) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// Moodle's short-answer wildcard: '*' matches any run of characters.
bool WildcardMatch(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

double Clamp01(double x) {
    return std::clamp(x, 0.0, 1.0);
}

}  // namespace

std::string FoldCase(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
            continue;
        }
        if (c == 0xD0 && i + 1 < text.size()) {
            const auto d = static_cast<unsigned char>(text[i + 1]);
            if (d >= 0x90 && d <= 0x9F) {  // А..П → а..п
                out += static_cast<char>(0xD0);
                out += static_cast<char>(d + 0x20);
                ++i;
                continue;
            }
            if (d >= 0xA0 && d <= 0xAF) {  // Р..Я → р..я
                out += static_cast<char>(0xD1);
                out += static_cast<char>(d - 0x20);
                ++i;
                continue;
            }
        }
        bool mapped = false;
        for (const auto& [upper, lower] : kKazakhPairs) {
            if (text.substr(i, 2) == upper) {
                out += lower;
                ++i;
                mapped = true;
                break;
            }
        }
        if (!mapped) out += static_cast<char>(c);
    }
    return out;
}

std::optional<double> Score(const Question& q, const Response& r) {
    const auto valid = [&q](int index) {
        return index >= 0 && static_cast<std::size_t>(index) < q.answers.size();
    };
    switch (q.type) {
        case QuestionType::kEssay:
            return std::nullopt;
        case QuestionType::kSingleChoice:
        case QuestionType::kTrueFalse: {
            if (r.chosen.size() != 1 || !valid(r.chosen.front())) return 0.0;
            const Answer& a = q.answers[static_cast<std::size_t>(r.chosen.front())];
            return Clamp01(a.fraction - a.penalty);
        }
        case QuestionType::kMultipleChoice: {
            std::vector<int> chosen = r.chosen;
            std::sort(chosen.begin(), chosen.end());
            chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
            double sum = 0.0;
            for (int index : chosen) {
                if (!valid(index)) continue;
                const Answer& a = q.answers[static_cast<std::size_t>(index)];
                sum += a.fraction - a.penalty;
            }
            return Clamp01(sum);
        }
        case QuestionType::kMatching: {
            if (q.answers.empty()) return 0.0;
            int right = 0;
            for (std::size_t i = 0; i < q.answers.size() && i < r.values.size(); ++i) {
                if (Normalise(r.values[i]) == Normalise(q.answers[i].match)) ++right;
            }
            return static_cast<double>(right) / static_cast<double>(q.answers.size());
        }
        case QuestionType::kOrdering: {
            if (q.answers.empty()) return 0.0;
            int right = 0;
            for (std::size_t i = 0; i < q.answers.size() && i < r.values.size(); ++i) {
                if (r.values[i] == q.answers[i].text) ++right;
            }
            return static_cast<double>(right) / static_cast<double>(q.answers.size());
        }
        case QuestionType::kShortAnswer: {
            if (r.values.empty()) return 0.0;
            const std::string given = Normalise(r.values.front());
            if (given.empty()) return 0.0;
            double best = 0.0;
            for (const Answer& a : q.answers) {
                if (WildcardMatch(Normalise(a.text), given)) best = std::max(best, a.fraction);
            }
            return best;
        }
        case QuestionType::kNumerical: {
            if (r.values.empty()) return 0.0;
            const auto given = ParseNumber(r.values.front());
            if (!given) return 0.0;
            double best = 0.0;
            for (const Answer& a : q.answers) {
                const auto value = ParseNumber(a.text);
                // A relative epsilon so 0.1 + 0.2 counts as 0.3 with tolerance 0.
                if (value && std::fabs(*given - *value) <=
                                 a.tolerance.value_or(0.0) + 1e-9 * std::fabs(*value) + 1e-12) {
                    best = std::max(best, a.fraction);
                }
            }
            return best;
        }
    }
    return 0.0;
}

std::vector<ItemStatistics> AnalyseItems(const std::vector<std::vector<double>>& scores) {
    if (scores.empty()) return {};
    const std::size_t items = scores.front().size();
    const auto n = static_cast<double>(scores.size());
    std::vector<ItemStatistics> out(items);
    std::vector<double> totals(scores.size(), 0.0);
    for (std::size_t a = 0; a < scores.size(); ++a) {
        for (double s : scores[a]) totals[a] += s;
    }
    for (std::size_t i = 0; i < items; ++i) {
        double sum_x = 0.0;
        double sum_y = 0.0;
        for (std::size_t a = 0; a < scores.size(); ++a) {
            sum_x += scores[a][i];
            sum_y += totals[a] - scores[a][i];
        }
        out[i].difficulty = sum_x / n;
        if (scores.size() < 2) continue;
        const double mean_x = sum_x / n;
        const double mean_y = sum_y / n;
        double cov = 0.0;
        double var_x = 0.0;
        double var_y = 0.0;
        for (std::size_t a = 0; a < scores.size(); ++a) {
            const double dx = scores[a][i] - mean_x;
            const double dy = totals[a] - scores[a][i] - mean_y;
            cov += dx * dy;
            var_x += dx * dx;
            var_y += dy * dy;
        }
        if (var_x > 1e-12 && var_y > 1e-12) out[i].discrimination = cov / std::sqrt(var_x * var_y);
    }
    return out;
}

}  // namespace oqu::assessment
