#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace oqu::platform::web {

/// The three languages of every page: Kazakh (the state language), Russian, English.
enum class Language { kKk, kRu, kEn };

/// All languages, in the order they are offered in the language switch.
inline constexpr std::array<Language, 3> kLanguages{Language::kKk, Language::kRu, Language::kEn};

/// The BCP 47 tag of a language ("kk", "ru", "en").
std::string_view LanguageTag(Language lang);

/// The language named by a tag ("kk", "kk-KZ", "RU", "en-GB"), or nothing for any other.
std::optional<Language> ParseLanguage(std::string_view tag);

/// Picks the page language: an explicit choice (query `?lang=` or the `lang` cookie) wins, then
/// the best q-weighted match of the Accept-Language header, else Kazakh.
Language NegotiateLanguage(std::string_view explicit_choice, std::string_view accept_language);

}  // namespace oqu::platform::web
