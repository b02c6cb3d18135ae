#include "platform/web/strings.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

namespace oqu::platform::web {

namespace {

std::size_t Index(Language lang) {
    return static_cast<std::size_t>(lang);
}

}  // namespace

std::shared_ptr<const Strings> Strings::Load(const std::vector<std::filesystem::path>& dirs) {
    auto strings = std::make_shared<Strings>();
    for (const auto& dir : dirs) {
        for (Language lang : kLanguages) {
            const auto file = dir / fmt::format("{}.json", LanguageTag(lang));
            std::ifstream in(file);
            if (!in) throw std::runtime_error(fmt::format("strings file {} is missing", file.string()));
            nlohmann::json doc;
            try {
                doc = nlohmann::json::parse(in);
            } catch (const nlohmann::json::parse_error& e) {
                throw std::runtime_error(
                    fmt::format("strings file {} is not valid JSON: {}", file.string(), e.what()));
            }
            if (!doc.is_object()) {
                throw std::runtime_error(fmt::format("strings file {} is not an object", file.string()));
            }
            auto& table = strings->by_lang_[Index(lang)];
            for (const auto& [key, value] : doc.items()) {
                if (!value.is_string()) {
                    throw std::runtime_error(
                        fmt::format("strings file {}: {} is not a string", file.string(), key));
                }
                if (!table.emplace(key, value.get<std::string>()).second) {
                    throw std::runtime_error(
                        fmt::format("strings file {}: {} defined twice", file.string(), key));
                }
            }
        }
    }
    return strings;
}

const std::string& Strings::Get(Language lang, std::string_view key) const {
    const auto& table = by_lang_[Index(lang)];
    if (auto it = table.find(key); it != table.end()) return it->second;
    const auto& en = by_lang_[Index(Language::kEn)];
    if (auto it = en.find(key); it != en.end()) return it->second;
    // A missing key shows itself rather than an empty space: it is a bug, visible in review.
    static thread_local std::string missing;
    missing.assign(key);
    return missing;
}

std::string Strings::Format(Language lang, std::string_view key,
                            const std::map<std::string, std::string>& args) const {
    const std::string& pattern = Get(lang, key);
    if (args.empty()) return pattern;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(std::string(LanguageTag(lang)).c_str());
    icu::MessageFormat format(icu::UnicodeString::fromUTF8(pattern), locale, status);
    if (U_FAILURE(status)) return pattern;
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(args.size());
    values.reserve(args.size());
    for (const auto& [name, value] : args) {
        names.push_back(icu::UnicodeString::fromUTF8(name));
        char* end = nullptr;
        const double number = std::strtod(value.c_str(), &end);
        if (!value.empty() && end == value.c_str() + value.size()) {
            values.emplace_back(number);
        } else {
            values.emplace_back(icu::UnicodeString::fromUTF8(value));
        }
    }
    icu::UnicodeString out;
    format.format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
    if (U_FAILURE(status)) return pattern;
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

std::vector<std::string> Strings::Mismatches() const {
    std::set<std::string> all;
    for (const auto& table : by_lang_) {
        for (const auto& [key, value] : table) all.insert(key);
    }
    std::vector<std::string> out;
    for (Language lang : kLanguages) {
        for (const auto& key : all) {
            if (!by_lang_[Index(lang)].contains(key)) {
                out.push_back(fmt::format("{}: {} missing", LanguageTag(lang), key));
            }
        }
    }
    return out;
}

const std::map<std::string, std::string, std::less<>>& Strings::All(Language lang) const {
    return by_lang_[Index(lang)];
}

}  // namespace oqu::platform::web
