#include "assignments/domain/rules.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace oqu::assignments {

namespace {

constexpr std::int64_t kDaySeconds = 24 * 60 * 60;

std::string_view Trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

core::Error RubricError(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "assignments.rubric_invalid", std::move(detail));
}

std::optional<double> ParsePoints(std::string_view text) {
    // Whole points or hundredths ("2.5"); std::from_chars for double is missing in GCC 12's
    // libstdc++ only for some targets, so parse the two parts as integers.
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    int w = 0;
    const auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), w);
    if (whole.empty() || ec != std::errc{} || p != whole.data() + whole.size()) return std::nullopt;
    int f = 0;
    if (dot != std::string_view::npos) {
        if (frac.empty() || frac.size() > 2) return std::nullopt;
        const auto [q, ec2] = std::from_chars(frac.data(), frac.data() + frac.size(), f);
        if (ec2 != std::errc{} || q != frac.data() + frac.size()) return std::nullopt;
        if (frac.size() == 1) f *= 10;
    }
    if (w < 0 || w > 1000 || (w == 1000 && f > 0)) return std::nullopt;
    return w + f / 100.0;
}

std::string FormatPoints(double points) {
    char buffer[32];
    const double rounded = RoundMark(points);
    if (rounded == std::floor(rounded)) {
        std::snprintf(buffer, sizeof buffer, "%.0f", rounded);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.2f", rounded);
        std::string out(buffer);
        if (out.back() == '0') out.pop_back();
        return out;
    }
    return buffer;
}

struct FileType {
    const char* extension;
    std::array<const char*, 4> types;  ///< Sniffed types that fit; nullptr ends the list.
};

// libmagic names Office Open XML and OpenDocument files by their own types on Debian 12, and
// older magic databases as a plain zip: both fit.
constexpr std::array<FileType, 9> kFileTypes{{
    {"pdf", {"application/pdf", nullptr, nullptr, nullptr}},
    {"docx",
     {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip",
      "application/octet-stream", nullptr}},
    {"odt", {"application/vnd.oasis.opendocument.text", "application/zip", nullptr, nullptr}},
    {"pptx",
     {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip",
      "application/octet-stream", nullptr}},
    {"rtf", {"text/rtf", "application/rtf", nullptr, nullptr}},
    {"txt", {"text/plain", nullptr, nullptr, nullptr}},
    {"md", {"text/plain", "text/markdown", nullptr, nullptr}},
    {"zip", {"application/zip", nullptr, nullptr, nullptr}},
    {"png", {"image/png", nullptr, nullptr, nullptr}},
}};

}  // namespace

Timing JudgeSubmission(const Deadlines& deadlines, LatePolicy policy, const Penalty& penalty,
                       std::optional<core::Instant> extended_due, core::Instant now) {
    Timing out;
    if (now < deadlines.opens) {
        out.refusal_key = "assignments.not_open";
        return out;
    }
    const core::Instant due = extended_due.value_or(deadlines.due);
    std::optional<core::Instant> cutoff = deadlines.cutoff;
    if (!cutoff && policy == LatePolicy::kRefuse) cutoff = deadlines.due;
    // An extension past the cut-off moves the cut-off with it: the student may hand in until then.
    if (cutoff && extended_due && *extended_due > *cutoff) cutoff = *extended_due;
    if (cutoff && now > *cutoff) {
        out.refusal_key = "assignments.closed";
        return out;
    }
    out.accepted = true;
    if (now > due) {
        const auto late = std::chrono::duration_cast<std::chrono::microseconds>(now - due).count();
        const std::int64_t micros_per_day = kDaySeconds * 1'000'000;
        out.late_seconds = (late + 999'999) / 1'000'000;
        // Integer arithmetic: a started day counts whole, 1 µs late is one day.
        out.late_days = static_cast<int>((late + micros_per_day - 1) / micros_per_day);
        if (policy == LatePolicy::kPenalty) out.penalty_percent = PenaltyPercent(out.late_days, penalty);
    }
    return out;
}

int PenaltyPercent(int late_days, const Penalty& penalty) {
    if (late_days <= 0) return 0;
    const std::int64_t raw = static_cast<std::int64_t>(late_days) * penalty.percent_per_day;
    return static_cast<int>(std::min<std::int64_t>({raw, penalty.cap_percent, 100}));
}

double RoundMark(double value) {
    return std::round(value * 100.0) / 100.0;
}

double ApplyPenalty(double points, int percent) {
    const int kept = 100 - std::clamp(percent, 0, 100);
    // In hundredths of a point, so 7.5 less 10% is exactly 6.75.
    const auto hundredths = static_cast<std::int64_t>(std::llround(points * 100.0));
    return RoundMark(static_cast<double>(hundredths * kept) / 10000.0);
}

core::Result<Rubric> ParseRubric(std::string_view text) {
    Rubric rubric;
    std::size_t line_no = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = Trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++line_no;
        if (line.empty()) continue;
        Criterion criterion;
        std::size_t part = 0;
        while (true) {
            const auto bar = line.find('|');
            const std::string_view piece = Trim(line.substr(0, bar));
            if (part == 0) {
                if (piece.empty() || piece.size() > 500) {
                    return RubricError("line " + std::to_string(line_no));
                }
                criterion.title = std::string(piece);
            } else {
                const auto colon = piece.rfind(':');
                if (colon == std::string_view::npos) return RubricError("level without points");
                const std::string_view title = Trim(piece.substr(0, colon));
                const auto points = ParsePoints(Trim(piece.substr(colon + 1)));
                if (title.empty() || title.size() > 500 || !points) return RubricError("bad level");
                criterion.levels.push_back({std::string(title), *points});
            }
            ++part;
            if (bar == std::string_view::npos) break;
            line = line.substr(bar + 1);
        }
        if (criterion.levels.size() < 2) return RubricError("criterion with fewer than two levels");
        rubric.criteria.push_back(std::move(criterion));
        if (rubric.criteria.size() > 50) return RubricError("more than 50 criteria");
    }
    return rubric;
}

std::string RubricText(const Rubric& rubric) {
    std::string out;
    for (const Criterion& c : rubric.criteria) {
        out += c.title;
        for (const Level& l : c.levels) out += " | " + l.title + ": " + FormatPoints(l.points);
        out += "\n";
    }
    return out;
}

double RubricMax(const Rubric& rubric) {
    double sum = 0;
    for (const Criterion& c : rubric.criteria) {
        double best = 0;
        for (const Level& l : c.levels) best = std::max(best, l.points);
        sum += best;
    }
    return RoundMark(sum);
}

core::Result<double> RubricPoints(const Rubric& rubric, const std::vector<int>& chosen) {
    if (chosen.size() != rubric.criteria.size()) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "assignments.levels_invalid", "count");
    }
    double sum = 0;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const auto& levels = rubric.criteria[i].levels;
        if (chosen[i] < 0 || static_cast<std::size_t>(chosen[i]) >= levels.size()) {
            return core::MakeError(core::ErrorCode::kInvalidInput, "assignments.levels_invalid",
                                   "criterion " + std::to_string(i));
        }
        sum += levels[static_cast<std::size_t>(chosen[i])].points;
    }
    return RoundMark(sum);
}

std::string ExtensionOf(std::string_view file_name) {
    const auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos || dot + 1 == file_name.size()) return {};
    std::string ext(file_name.substr(dot + 1));
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return ext;
}

bool TypeFits(std::string_view extension, std::string_view sniffed_type) {
    for (const FileType& t : kFileTypes) {
        if (extension != t.extension) continue;
        for (const char* type : t.types) {
            if (type != nullptr && sniffed_type == type) return true;
        }
    }
    return false;
}

const std::vector<std::string>& KnownFileTypes() {
    static const std::vector<std::string> kAll = [] {
        std::vector<std::string> all;
        all.reserve(kFileTypes.size());
        for (const FileType& t : kFileTypes) all.emplace_back(t.extension);
        return all;
    }();
    return kAll;
}

std::optional<std::vector<std::string>> ParseFileTypes(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find_first_of(", ");
        std::string ext(Trim(text.substr(0, comma)));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (ext.empty()) continue;
        if (ext.front() == '.') ext.erase(0, 1);
        for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        const auto& known = KnownFileTypes();
        if (std::find(known.begin(), known.end(), ext) == known.end()) return std::nullopt;
        if (std::find(out.begin(), out.end(), ext) == out.end()) out.push_back(ext);
    }
    return out;
}

std::optional<core::Instant> ParseLocalTime(std::string_view text) {
    // "YYYY-MM-DDTHH:MM", optionally with ":SS" as some browsers send.
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    const auto day = core::ParseIsoDay(text.substr(0, 10));
    if (!day) return std::nullopt;
    auto number = [&](std::size_t at, int max) -> std::optional<int> {
        int v = 0;
        const auto [p, ec] = std::from_chars(text.data() + at, text.data() + at + 2, v);
        if (ec != std::errc{} || p != text.data() + at + 2 || v < 0 || v > max) return std::nullopt;
        return v;
    };
    if (text[13] != ':') return std::nullopt;
    const auto hour = number(11, 23);
    const auto minute = number(14, 59);
    std::optional<int> second = 0;
    if (text.size() == 19) second = text[16] == ':' ? number(17, 59) : std::nullopt;
    if (!hour || !minute || !second) return std::nullopt;
    const auto local = std::chrono::sys_seconds(*day) + std::chrono::hours(*hour) +
                       std::chrono::minutes(*minute) + std::chrono::seconds(*second);
    return std::chrono::time_point_cast<std::chrono::microseconds>(local - core::kKazakhstanOffset);
}

std::string FormatLocalTime(core::Instant t) {
    const auto local = std::chrono::floor<std::chrono::minutes>(t + core::kKazakhstanOffset);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::hh_mm_ss time(local - day);
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()));
    return core::FormatIsoDay(day) + "T" + buffer;
}

std::string DisplayTime(core::Instant t) {
    std::string s = FormatLocalTime(t);
    s[10] = ' ';
    return s;
}

}  // namespace oqu::assignments
