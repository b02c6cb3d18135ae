#include <string>

#include <gtest/gtest.h>

#include "people/domain/iin.hpp"
#include "people/domain/people.hpp"

namespace oqu::people {
namespace {

/// The IIN control digit, table-driven: first-pass and second-pass (weights 3..11,1,2) numbers,
/// wrong control digits, numbers never issued, and malformed input.
TEST(IinTest, CheckDigitTable) {
    const struct {
        const char* iin;
        const char* key;  // "" when valid
    } cases[] = {
        {"860904350504", ""},
        {"950101600124", ""},
        {"000213501237", ""},
        {"050730500000", ""},
        {"991231400002", ""},  // second pass
        {"123456789013", ""},  // second pass
        {"900101300811", ""},  // second pass
        {"860904350505", "people.iin_checksum"},
        {"991231400003", "people.iin_checksum"},
        {"900101300800", "people.iin_checksum"},  // both passes give 10: never issued
        {"900101300809", "people.iin_checksum"},
        {"86090435050", "people.iin_format"},
        {"8609043505040", "people.iin_format"},
        {"86090435050a", "people.iin_format"},
        {"", "people.iin_format"},
        {"８６０９０４３５０５０４", "people.iin_format"},  // full-width digits
    };
    for (const auto& c : cases) {
        const auto status = CheckIin(c.iin);
        if (std::string(c.key).empty()) {
            EXPECT_TRUE(status.has_value()) << c.iin;
        } else {
            ASSERT_FALSE(status.has_value()) << c.iin;
            EXPECT_EQ(status.error().message_key, c.key) << c.iin;
            EXPECT_EQ(status.error().code, core::ErrorCode::kInvalidInput);
        }
    }
    EXPECT_EQ(IinControlDigit("90010130080"), -1);
}

/// Without the personal-data capability the IIN shows only its first two and last digit.
TEST(IinTest, Masking) {
    EXPECT_EQ(MaskIin("860904350504"), "86*********4");
    EXPECT_EQ(MaskIin(""), "");
}

/// The course year is bounded by the programme's credits (60 per year) and level.
TEST(CourseYearTest, BoundedByProgramme) {
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kBachelor, 240), 4);
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kBachelor, 300), 5);
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kBachelor, 360), 6);
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kBachelor, 0), 4);
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kMaster, 120), 2);
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kMaster, 60), 1);
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kDoctorate, 180), 3);
    EXPECT_EQ(MaxCourseYear(ProgrammeLevel::kMaster, 400), 2);
    FieldErrors errors;
    CheckCourseYear(5, ProgrammeLevel::kBachelor, 240, errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "course_year");
    EXPECT_EQ(errors[0].args.at(0).second, "4");
    errors.clear();
    CheckCourseYear(5, ProgrammeLevel::kBachelor, 300, errors);
    CheckCourseYear(1, ProgrammeLevel::kMaster, 120, errors);
    EXPECT_TRUE(errors.empty());
    CheckCourseYear(0, ProgrammeLevel::kBachelor, 240, errors);
    EXPECT_EQ(errors.size(), 1u);
}

/// Stored codes round-trip; unknown codes are refused.
TEST(CodesTest, RoundTrip) {  // R-O1
    for (auto code : StudyFormCodes()) EXPECT_EQ(StudyFormName(*ParseStudyForm(code)), code);
    for (auto code : FundingCodes()) EXPECT_EQ(FundingName(*ParseFunding(code)), code);
    for (auto code : StudentStatusCodes()) EXPECT_EQ(StudentStatusName(*ParseStudentStatus(code)), code);
    for (auto code : PositionCodes()) EXPECT_EQ(PositionName(*ParsePosition(code)), code);
    for (auto code : DegreeCodes()) EXPECT_EQ(DegreeName(*ParseDegree(code)), code);
    EXPECT_FALSE(ParseStudyForm("part_time").has_value());
    EXPECT_FALSE(ParseStudyForm("Online").has_value());
}

/// Names: Cyrillic and Kazakh letters, hyphens; Latin spelling ASCII only.
TEST(NameTest, Validation) {
    FieldErrors errors;
    CheckFullName({"Нұрланова", "Әлия", "Серікқызы", "NURLANOVA ALIYA"}, errors);
    CheckFullName({"Иванов-Петров", "Jean-Luc", "", ""}, errors);
    EXPECT_TRUE(errors.empty());
    CheckFullName({"", "Әлия", "", ""}, errors);
    CheckFullName({"X1", "Әлия", "", "Нұрланова"}, errors);
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0], (FieldError{"surname", "people.name_required", {}}));
    EXPECT_EQ(errors[1].message_key, "people.name_invalid");
    EXPECT_EQ(errors[2].field, "latin_name");
    EXPECT_EQ(DisplayName({"Нұрланова", "Әлия", "Серікқызы", ""}), "Нұрланова Әлия Серікқызы");
}

TEST(CodeTest, GroupCodeAndStudentNumber) {
    FieldErrors errors;
    CheckGroupCode("ИС-21-1", errors);
    CheckGroupCode("IS-21-1", errors);
    CheckStudentNumber("S-2021/001", errors);
    EXPECT_TRUE(errors.empty());
    CheckGroupCode("ИС 21", errors);
    CheckGroupCode("", errors);
    CheckStudentNumber("№1", errors);
    EXPECT_EQ(errors.size(), 3u);
}

/// Yes/no cells in three languages; anything else is refused. // R-A7
TEST(YesNoTest, ThreeLanguages) {  // R-A7
    for (const char* yes : {"1", "yes", "YES", "true", "да", "Да", "иә"}) {
        EXPECT_EQ(ParseYesNo(yes), true) << yes;
    }
    for (const char* no : {"", "0", "no", "нет", "жоқ"}) {
        EXPECT_EQ(ParseYesNo(no), false) << no;
    }
    EXPECT_FALSE(ParseYesNo("maybe").has_value());
}

/// Field errors survive the trip through a core::Error, arguments included.
TEST(FieldErrorsTest, RoundTripThroughError) {
    const FieldErrors errors = {{"iin", "people.iin_checksum", {}},
                                {"course_year", "people.course_year_range", {{"max", "4"}}}};
    const core::Error error = InvalidFields(errors);
    EXPECT_EQ(error.code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(FieldErrorsOf(error), errors);
}

TEST(ParseIntTest, Bounds) {
    EXPECT_EQ(ParseIntIn("4", 1, 6), 4);
    EXPECT_FALSE(ParseIntIn("7", 1, 6).has_value());
    EXPECT_FALSE(ParseIntIn("4a", 1, 6).has_value());
    EXPECT_FALSE(ParseIntIn("", 1, 6).has_value());
}

}  // namespace
}  // namespace oqu::people
