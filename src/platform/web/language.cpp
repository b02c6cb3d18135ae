#include "platform/web/language.hpp"

#include <cctype>
#include <cstdlib>
#include <string>

namespace oqu::platform::web {

std::string_view LanguageTag(Language lang) {
    switch (lang) {
        case Language::kKk:
            return "kk";
        case Language::kRu:
            return "ru";
        case Language::kEn:
            return "en";
    }
    return "kk";
}

std::optional<Language> ParseLanguage(std::string_view tag) {
    if (tag.size() < 2) return std::nullopt;
    if (tag.size() > 2 && tag[2] != '-' && tag[2] != '_') return std::nullopt;
    std::string primary{static_cast<char>(std::tolower(static_cast<unsigned char>(tag[0]))),
                        static_cast<char>(std::tolower(static_cast<unsigned char>(tag[1])))};
    if (primary == "kk") return Language::kKk;
    if (primary == "ru") return Language::kRu;
    if (primary == "en") return Language::kEn;
    return std::nullopt;
}

namespace {

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Parses "q=0.8" into thousandths; a malformed weight counts as 0 so it never wins.
int ParseQuality(std::string_view params) {
    const auto pos = params.find("q=");
    if (pos == std::string_view::npos) return 1000;
    const std::string value{Trim(params.substr(pos + 2))};
    char* end = nullptr;
    const double q = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || q < 0 || q > 1) return 0;
    return static_cast<int>(q * 1000);
}

}  // namespace

Language NegotiateLanguage(std::string_view explicit_choice, std::string_view accept_language) {
    if (auto lang = ParseLanguage(explicit_choice)) return *lang;
    std::optional<Language> best;
    int best_q = 0;
    while (!accept_language.empty()) {
        const auto comma = accept_language.find(',');
        const std::string_view item = Trim(accept_language.substr(0, comma));
        accept_language =
            comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);
        const auto semi = item.find(';');
        const std::string_view tag = Trim(item.substr(0, semi));
        const int q = semi == std::string_view::npos ? 1000 : ParseQuality(item.substr(semi + 1));
        const auto lang = ParseLanguage(tag);
        // Strictly greater: among equal weights the header's first entry wins.
        if (lang && q > best_q) {
            best = lang;
            best_q = q;
        }
    }
    return best.value_or(Language::kKk);
}

}  // namespace oqu::platform::web
