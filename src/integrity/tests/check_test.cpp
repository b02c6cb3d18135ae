#include "integrity/domain/check.hpp"

#include <gtest/gtest.h>

#include "integrity/icu_tables.hpp"

namespace oqu::integrity {
namespace {

PreparedText Prep(std::u32string_view text) {
    return PrepareText(std::u32string(text), Icu());
}

constexpr std::u32string_view kSource =
    U"Оның отыздан астамы — күн электр станциялары. Жалпы жасыл экономикаға өту концепциясы "
    U"бойынша Қазақстанда баламалы энергия көздерінен алынатын қуат көлемі. Мемлекет басшысы "
    U"Қазақстандағы жаңартылған қуат көзін пайдаланудың сөйтіп жасыл экономикаға өтудің "
    U"маңыздылығын атап өтті.";
constexpr std::u32string_view kFiller =
    U"Студенттер кітапханада сабаққа дайындалды, ал оқытушылар келесі аптаның жоспарын талқылап, "
    U"емтихан кестесін бекітті де, кешке дейін әңгімелесіп отырды. ";

std::u32string_view Slice(std::u32string_view text, const Match& m, bool source) {
    return source ? text.substr(m.source_offset, m.source_length) : text.substr(m.offset, m.length);
}

TEST(Winnow, SelectsTheMinimumOfEveryWindowOnce) {
    const std::vector<std::uint64_t> grams = {77, 72, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 62};
    const auto fps = Winnow(grams, 4);
    std::vector<std::uint32_t> positions;
    positions.reserve(fps.size());
    for (const auto& f : fps) positions.push_back(f.position);
    // The textbook example of Schleimer et al.: windows of 4 select 17, 17, 8, 39.
    EXPECT_EQ(positions, (std::vector<std::uint32_t>{3, 6, 8, 11}));
}

TEST(WordGrams, IgnoreOrderInsideTheGram) {
    const auto a = Prep(U"one two three");
    const auto b = Prep(U"three one two");
    ASSERT_EQ(a.grams.size(), 1U);
    EXPECT_EQ(a.grams, b.grams);
    EXPECT_NE(a.grams, Prep(U"one two four").grams);
}

/// A copied passage in another script, between original paragraphs, is found with its offsets
/// on both sides and flagged as transliterated.
TEST(Check, FindsATransliteratedPassageWithOffsets) {
    const std::u32string copy =
        U"Onyñ otyzdan astamy — kün elektr stantsiialary. Jalpy jasyl ekonomikağa ötu kontseptsiiasy boiynşa "
        U"Qazaqstanda balamaly energiia közderınen alynatyn quat kölemı. Memleket basşysy Qazaqstandağy "
        U"jañartylğan quat közın paidalanudyñ söitıp jasyl ekonomikağa ötudıñ mañyzdylyğyn atap öttı.";
    const std::u32string work = std::u32string(kFiller) + U"\n\n" + copy + U"\n\n" + std::u32string(kFiller);
    const auto text = Prep(work);
    const auto source = Prep(kSource);
    const PreparedText* sources[] = {&source};
    const auto report = CheckText(text, sources);
    ASSERT_EQ(report.matches.size(), 1U);
    const Match& m = report.matches[0];
    EXPECT_EQ(Slice(work, m, false), copy);
    EXPECT_EQ(Slice(kSource, m, true), kSource);
    EXPECT_TRUE(m.transliterated);
    EXPECT_NEAR(report.originality, 0.5, 0.1);
    ASSERT_EQ(report.shares.size(), 1U);
    ASSERT_FALSE(report.flags.empty());
    EXPECT_EQ(report.flags.back().kind, FlagKind::kTransliteration);
}

TEST(Check, ToleratesDeletionsInsertionsAndLocalShuffles) {
    // Words dropped ("электр", "жасыл"), one inserted ("шамамен"), and pairs swapped.
    const std::u32string edited =
        U"Оның астамы отыздан — шамамен күн станциялары. Жалпы экономикаға өту концепциясы бойынша баламалы "
        U"Қазақстанда энергия көздерінен алынатын көлемі қуат. Мемлекет басшысы Қазақстандағы жаңартылған "
        U"қуат көзін пайдаланудың сөйтіп жасыл экономикаға өтудің маңыздылығын атап өтті.";
    const auto text = Prep(std::u32string(kFiller) + edited);
    const auto source = Prep(kSource);
    const PreparedText* sources[] = {&source};
    const auto report = CheckText(text, sources);
    ASSERT_EQ(report.matches.size(), 1U);
    EXPECT_GE(report.matches[0].source_length, kSource.size() - 10);
    EXPECT_TRUE(report.flags.empty());
}

TEST(Check, UnrelatedTextsHaveNoMatch) {
    const auto text = Prep(std::u32string(kFiller) + std::u32string(kFiller));
    const auto source = Prep(kSource);
    const PreparedText* sources[] = {&source};
    const auto report = CheckText(text, sources);
    EXPECT_TRUE(report.matches.empty());
    EXPECT_DOUBLE_EQ(report.originality, 1.0);
}

TEST(Check, QuotationsAndTheReferenceListAreReportedApart) {
    const std::u32string quoted = U"Ол былай деді: «" + std::u32string(kSource) + U"»\n\n";
    const std::u32string work = std::u32string(kFiller) + quoted + std::u32string(kFiller) +
                                std::u32string(kFiller) + U"\n\nПайдаланылған әдебиеттер:\n1. " +
                                std::u32string(kSource) + U"\n";
    const auto text = Prep(work);
    const auto source = Prep(kSource);
    const PreparedText* sources[] = {&source};
    const auto report = CheckText(text, sources);
    ASSERT_EQ(report.matches.size(), 2U);
    EXPECT_EQ(report.matches[0].kind, MatchKind::kQuotation);
    EXPECT_EQ(report.matches[1].kind, MatchKind::kReference);
    EXPECT_DOUBLE_EQ(report.originality, 1.0);
    EXPECT_TRUE(report.shares.empty());
}

TEST(Check, FlagsHiddenCharactersAndHomoglyphs) {
    const auto text = Prep(U"Мемлекет б\u200bасшысы Қaзaқстандағы жаңартылған");
    const auto report = CheckText(text, {});
    ASSERT_EQ(report.flags.size(), 2U);
    EXPECT_EQ(report.flags[0].kind, FlagKind::kHomoglyphs);
    EXPECT_EQ(report.flags[0].offset, 19U);
    EXPECT_EQ(report.flags[0].count, 2);
    EXPECT_EQ(report.flags[1].kind, FlagKind::kInvisibleCharacters);
    EXPECT_EQ(report.flags[1].offset, 10U);
}

TEST(Collection, RetrievesTheRightSourceAmongOthers) {
    Collection collection;
    collection.Add(Prep(kFiller));
    const std::size_t wanted = collection.Add(Prep(kSource));
    collection.Add(Prep(U"Тағы бір мүлдем басқа мәтін: ауа райы туралы хабарлама, жаңбыр жауып тұр."));
    const auto report = collection.Check(Prep(U"Кіріспе сөз. " + std::u32string(kSource)));
    ASSERT_EQ(report.matches.size(), 1U);
    EXPECT_EQ(report.matches[0].source, wanted);
}

}  // namespace
}  // namespace oqu::integrity
