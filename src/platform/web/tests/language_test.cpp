#include "platform/web/language.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::web {
namespace {

/// An explicit choice (query or cookie) beats the browser's header.
TEST(LanguageTest, ExplicitChoiceWins) {
    EXPECT_EQ(NegotiateLanguage("ru", "en-US,en;q=0.9"), Language::kRu);
    EXPECT_EQ(NegotiateLanguage("EN", ""), Language::kEn);
}

/// Accept-Language weights decide; ties go to the first listed.
TEST(LanguageTest, AcceptLanguageWeights) {
    EXPECT_EQ(NegotiateLanguage("", "ru-RU,ru;q=0.9,kk;q=0.8"), Language::kRu);
    EXPECT_EQ(NegotiateLanguage("", "de-DE,kk;q=0.5,ru;q=0.7"), Language::kRu);
    EXPECT_EQ(NegotiateLanguage("", "en;q=0.5, kk-KZ"), Language::kKk);
    EXPECT_EQ(NegotiateLanguage("", "en, ru"), Language::kEn);
}

/// Kazakh, the state language, is the default for anything unknown or malformed.
TEST(LanguageTest, DefaultsToKazakh) {
    EXPECT_EQ(NegotiateLanguage("", ""), Language::kKk);
    EXPECT_EQ(NegotiateLanguage("xx", "de,fr;q=0.5"), Language::kKk);
    EXPECT_EQ(NegotiateLanguage("", ";;;,,q=,ru;q=abc"), Language::kKk);
    EXPECT_EQ(NegotiateLanguage("", "ru;q=2"), Language::kKk);
}

TEST(LanguageTest, ParsesTags) {
    EXPECT_EQ(ParseLanguage("kk-KZ"), Language::kKk);
    EXPECT_EQ(ParseLanguage("ru_RU"), Language::kRu);
    EXPECT_FALSE(ParseLanguage("rus").has_value());
    EXPECT_FALSE(ParseLanguage("k").has_value());
    EXPECT_EQ(LanguageTag(Language::kEn), "en");
}

}  // namespace
}  // namespace oqu::platform::web
