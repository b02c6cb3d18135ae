#include <gtest/gtest.h>

#include "academics/domain/calendar.hpp"
#include "academics/domain/classifier.hpp"
#include "academics/domain/curriculum.hpp"
#include "academics/domain/fields.hpp"
#include "academics/domain/structure.hpp"

namespace oqu::academics {
namespace {

bool HasField(const core::Error& error, const std::string& field, const std::string& key = {}) {
    for (const auto& f : FieldErrorsOf(error)) {
        if (f.field == field && (key.empty() || f.message_key == key)) return true;
    }
    return false;
}

ProgrammeDraft GoodProgramme() {
    ProgrammeDraft d;
    d.code = "6B06101";
    d.names = {"Ақпараттық жүйелер", "Информационные системы", "Information systems"};
    d.level = "bachelor";
    d.credits = "240";
    d.direction_code = "B057";
    d.faculty_id = "3";
    d.languages = {"ru", "kk"};
    return d;
}

DisciplineDraft GoodDiscipline() {
    DisciplineDraft d;
    d.code = "Fil 1101";
    d.names = {"Философия", "Философия", "Philosophy"};
    d.credits = "5";
    d.cycle = "general";
    d.component = "required";
    d.semester = "1";
    d.control = "exam";
    d.hours = {"15", "30", "", "", "", "30", "75"};  // 150 = 5 × 30
    return d;
}

/// Field errors survive the trip through core::Error, arguments included.
TEST(FieldsTest, FieldErrorsRoundTrip) {
    const FieldErrors errors{{"credits", "academics.number_range", {{"min", "240"}, {"max", "360"}}},
                             {"code", "academics.code_required", {}}};
    const core::Error error = InvalidFields(errors);
    EXPECT_EQ(error.code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(error.message_key, "academics.form_invalid");
    EXPECT_EQ(FieldErrorsOf(error), errors);
    EXPECT_TRUE(FieldErrorsOf(core::MakeError(core::ErrorCode::kNotFound, "web.error_404")).empty());
}

/// The maximum DL share of each regime of Order 137 p.11; mixed classifies no programme.
TEST(ClassifierTest, MaxDlShareByRegime) {  // R-D7
    EXPECT_EQ(MaxDlSharePercent(DlRegime::kForbidden), 0);
    EXPECT_EQ(MaxDlSharePercent(DlRegime::kLimit20), 20);
    EXPECT_EQ(MaxDlSharePercent(DlRegime::kLimit50), 50);
    EXPECT_FALSE(MaxDlSharePercent(DlRegime::kMixed).has_value());
}

/// A group row needs a definite regime; fields and directions may be mixed.
TEST(ClassifierTest, MixedOnlyOnFieldsAndDirections) {  // R-D7
    EXPECT_TRUE(CheckRegimeForRow(RowType::kField, DlRegime::kMixed).has_value());
    EXPECT_TRUE(CheckRegimeForRow(RowType::kDirection, DlRegime::kMixed).has_value());
    const auto refused = CheckRegimeForRow(RowType::kGroup, DlRegime::kMixed);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().requirement, "R-D7");
    EXPECT_TRUE(CheckRegimeForRow(RowType::kGroup, DlRegime::kLimit20).has_value());
}

/// Rows not corroborated, or whose regime is our judgement, wait for confirmation until confirmed.
TEST(ClassifierTest, NeedsConfirmation) {
    struct Case {
        DataStatus status;
        const char* justification;
        bool confirmed;
        bool expected;
    };
    const Case cases[] = {
        {DataStatus::kCorroborated, "pedagogical programme", false, false},
        {DataStatus::kCorroborated, "JUDGEMENT: architecture is construction", false, true},
        {DataStatus::kCorroborated, "judgement in lower case is not the marker", false, false},
        {DataStatus::kSingleSource, "", false, true},
        {DataStatus::kConflicting, "", false, true},
        {DataStatus::kSingleSource, "JUDGEMENT: x", true, false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(NeedsConfirmation(c.status, c.justification, c.confirmed), c.expected) << c.justification;
    }
}

/// Every stored name parses back to its value.
TEST(ClassifierTest, NamesRoundTrip) {
    for (auto v : {DlRegime::kForbidden, DlRegime::kLimit20, DlRegime::kLimit50, DlRegime::kMixed}) {
        EXPECT_EQ(ParseDlRegime(DlRegimeName(v)), v);
    }
    for (auto v : {OnlineForm::kUnknown, OnlineForm::kAllowed, OnlineForm::kForbidden}) {
        EXPECT_EQ(ParseOnlineForm(OnlineFormName(v)), v);
    }
    EXPECT_EQ(ParseDataStatus("not_in_later_list"), DataStatus::kNotInLaterList);
    EXPECT_FALSE(ParseDataStatus("confirmed").has_value());
    EXPECT_FALSE(ParseLevel("Bachelor").has_value());
}

TEST(StructureTest, GoodProgrammePasses) {
    auto spec = CheckProgramme(GoodProgramme());
    ASSERT_TRUE(spec.has_value()) << spec.error().detail;
    EXPECT_EQ(spec->level, Level::kBachelor);
    EXPECT_EQ(spec->credits, 240);
    EXPECT_EQ(spec->faculty_id, FacultyId{3});
    EXPECT_EQ(spec->languages, (std::vector<std::string>{"kk", "ru"}));  // canonical order
}

/// Credit ranges per level: bachelor 240–360, master 60–120, doctorate 180–240.
TEST(StructureTest, CreditBoundaries) {
    struct Case {
        const char* level;
        const char* code;
        const char* group;
        const char* credits;
        bool ok;
    };
    const Case cases[] = {
        {"bachelor", "6B06101", "B057", "239", false},  {"bachelor", "6B06101", "B057", "240", true},
        {"bachelor", "6B06101", "B057", "360", true},   {"bachelor", "6B06101", "B057", "361", false},
        {"master", "7M06101", "M094", "59", false},     {"master", "7M06101", "M094", "60", true},
        {"master", "7M06101", "M094", "120", true},     {"master", "7M06101", "M094", "121", false},
        {"doctorate", "8D06101", "D094", "179", false}, {"doctorate", "8D06101", "D094", "180", true},
        {"doctorate", "8D06101", "D094", "240", true},  {"doctorate", "8D06101", "D094", "241", false},
        {"bachelor", "6B06101", "B057", "24O", false},  {"bachelor", "6B06101", "B057", "", false},
    };
    for (const auto& c : cases) {
        ProgrammeDraft d = GoodProgramme();
        d.level = c.level;
        d.code = c.code;
        d.direction_code = c.group;
        d.credits = c.credits;
        auto spec = CheckProgramme(d);
        EXPECT_EQ(spec.has_value(), c.ok) << c.level << " " << c.credits;
        if (!c.ok) {
            EXPECT_TRUE(HasField(spec.error(), "credits")) << c.level << " " << c.credits;
        }
    }
}

/// Code shape and its agreement with the level; the group letter matches the level.
TEST(StructureTest, ProgrammeCodeAndGroupFollowLevel) {  // R-D7
    struct Case {
        const char* code;
        const char* level;
        const char* group;
        const char* field;  // expected culprit, "" when valid
    };
    const Case cases[] = {
        {"6B06101", "bachelor", "B057", ""},       {"6B0610", "bachelor", "B057", "code"},
        {"6B061011", "bachelor", "B057", "code"},  {"6X06101", "bachelor", "B057", "code"},
        {"7M06101", "bachelor", "B057", "code"},   {"6B06101", "bachelor", "M094", "direction_code"},
        {"6B06101", "residency", "R001", "level"}, {"6b06101", "bachelor", "B057", "code"},
    };
    for (const auto& c : cases) {
        ProgrammeDraft d = GoodProgramme();
        d.code = c.code;
        d.level = c.level;
        d.direction_code = c.group;
        auto spec = CheckProgramme(d);
        if (std::string(c.field).empty()) {
            EXPECT_TRUE(spec.has_value()) << c.code;
        } else {
            ASSERT_FALSE(spec.has_value()) << c.code;
            EXPECT_TRUE(HasField(spec.error(), c.field)) << c.code << " " << spec.error().detail;
        }
    }
}

/// A programme takes its regime from a group row of its own level, never from a field or direction.
TEST(StructureTest, ProgrammeClassifiedByGroupOfItsLevel) {  // R-D7
    FieldErrors errors;
    CheckProgrammeGroup(Level::kBachelor, RowType::kGroup, Level::kBachelor, errors);
    EXPECT_TRUE(errors.empty());
    CheckProgrammeGroup(Level::kBachelor, RowType::kDirection, Level::kBachelor, errors);
    ASSERT_EQ(errors.size(), 1U);
    EXPECT_EQ(errors[0].message_key, "academics.direction_not_group");
    CheckProgrammeGroup(Level::kMaster, RowType::kGroup, Level::kBachelor, errors);
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_EQ(errors[1].message_key, "academics.direction_level");
}

TEST(StructureTest, NamesLanguagesStatusChecked) {
    ProgrammeDraft d = GoodProgramme();
    d.names.kk = "  ";
    d.names.en = std::string(kMaxNameBytes + 1, 'x');
    d.languages = {"kk", "de"};
    d.status = "archived";
    d.faculty_id = "0";
    auto spec = CheckProgramme(d);
    ASSERT_FALSE(spec.has_value());
    EXPECT_TRUE(HasField(spec.error(), "name_kk", "academics.name_required"));
    EXPECT_TRUE(HasField(spec.error(), "name_en", "academics.name_too_long"));
    EXPECT_FALSE(HasField(spec.error(), "name_ru"));
    EXPECT_TRUE(HasField(spec.error(), "languages"));
    EXPECT_TRUE(HasField(spec.error(), "status"));
    EXPECT_TRUE(HasField(spec.error(), "faculty_id"));
}

TEST(StructureTest, ShortCodes) {
    struct Case {
        const char* code;
        bool ok;
    };
    const Case cases[] = {{"FIT", true},
                          {"ФИТ", true},
                          {" IT-2 ", true},
                          {"Fil 1101", true},
                          {"", false},
                          {"a  b", false},
                          {"a/b", false},
                          {"a\tb", false},
                          {"12345678901234567890123456789012", true},
                          {"123456789012345678901234567890123", false}};
    for (const auto& c : cases) {
        FieldErrors errors;
        std::string code = c.code;
        CheckShortCode(code, "code", errors);
        EXPECT_EQ(errors.empty(), c.ok) << c.code;
    }
    auto faculty = CheckFaculty({" FIT ", {"Ақпараттық технологиялар", "Информационные технологии", "IT"}});
    ASSERT_TRUE(faculty.has_value());
    EXPECT_EQ(faculty->code, "FIT");
}

TEST(CurriculumTest, GoodDisciplinePasses) {
    auto spec = CheckDiscipline(GoodDiscipline(), Level::kBachelor);
    ASSERT_TRUE(spec.has_value()) << spec.error().detail;
    EXPECT_EQ(spec->hours.Total(), 150);
    EXPECT_EQ(spec->hours.Of(ClassKind::kSro), 75);
    EXPECT_EQ(spec->cycle, Cycle::kGeneral);
}

/// Hours add up to credits × 30 when given; all-empty hours are allowed in a draft.
TEST(CurriculumTest, HoursMatchCredits) {
    DisciplineDraft d = GoodDiscipline();
    d.hours[6] = "74";
    auto spec = CheckDiscipline(d, Level::kBachelor);
    ASSERT_FALSE(spec.has_value());
    const auto fields = FieldErrorsOf(spec.error());
    ASSERT_EQ(fields.size(), 1U);
    EXPECT_EQ(fields[0].field, "hours_total");
    EXPECT_EQ(fields[0].args,
              (std::vector<std::pair<std::string, std::string>>{{"expected", "150"}, {"total", "149"}}));
    d.hours = {};
    EXPECT_TRUE(CheckDiscipline(d, Level::kBachelor).has_value());
    d.hours[0] = "-1";
    EXPECT_TRUE(HasField(CheckDiscipline(d, Level::kBachelor).error(), "hours_lecture"));
}

/// Credits 1..60; semester within the level's length; vocabularies checked.
TEST(CurriculumTest, Boundaries) {
    struct Case {
        const char* credits;
        const char* semester;
        Level level;
        const char* field;
    };
    const Case cases[] = {
        {"0", "1", Level::kBachelor, "credits"},   {"61", "1", Level::kBachelor, "credits"},
        {"60", "1", Level::kBachelor, ""},         {"1", "12", Level::kBachelor, ""},
        {"1", "13", Level::kBachelor, "semester"}, {"1", "4", Level::kMaster, ""},
        {"1", "5", Level::kMaster, "semester"},    {"1", "0", Level::kDoctorate, "semester"}};
    for (const auto& c : cases) {
        DisciplineDraft d = GoodDiscipline();
        d.hours = {};
        d.credits = c.credits;
        d.semester = c.semester;
        auto spec = CheckDiscipline(d, c.level);
        if (std::string(c.field).empty()) {
            EXPECT_TRUE(spec.has_value()) << c.credits << "/" << c.semester;
        } else {
            ASSERT_FALSE(spec.has_value()) << c.credits << "/" << c.semester;
            EXPECT_TRUE(HasField(spec.error(), c.field));
        }
    }
    DisciplineDraft d = GoodDiscipline();
    d.cycle = "ООД";
    d.component = "optional";
    d.control = "test";
    auto spec = CheckDiscipline(d, Level::kBachelor);
    ASSERT_FALSE(spec.has_value());
    EXPECT_TRUE(HasField(spec.error(), "cycle"));
    EXPECT_TRUE(HasField(spec.error(), "component"));
    EXPECT_TRUE(HasField(spec.error(), "control"));
}

TEST(CurriculumTest, CreditsBySemester) {
    const auto totals = CreditsBySemester({{2, 5}, {1, 5}, {1, 3}, {2, 10}});
    ASSERT_EQ(totals.size(), 2U);
    EXPECT_EQ(totals[0].semester, 1);
    EXPECT_EQ(totals[0].credits, 8);
    EXPECT_EQ(totals[0].disciplines, 2);
    EXPECT_EQ(totals[1].credits, 15);
    EXPECT_EQ(CheckCurriculum({"1999"}).has_value(), false);
    EXPECT_EQ(CheckCurriculum({"2026"}).value(), 2026);
}

TEST(CalendarTest, IsoDates) {
    EXPECT_TRUE(ParseIsoDate("2028-02-29").has_value());
    EXPECT_FALSE(ParseIsoDate("2027-02-29").has_value());
    EXPECT_FALSE(ParseIsoDate("2100-02-29").has_value());
    EXPECT_TRUE(ParseIsoDate("2000-02-29").has_value());
    EXPECT_FALSE(ParseIsoDate("2026-9-01").has_value());
    EXPECT_FALSE(ParseIsoDate("2026-13-01").has_value());
    EXPECT_FALSE(ParseIsoDate("2026-04-31").has_value());
    EXPECT_FALSE(ParseIsoDate("+026-04-01").has_value());
    EXPECT_EQ(FormatDisplayDate(*ParseIsoDate("2026-09-01")), "01.09.2026");
    EXPECT_EQ(DisplayDate("2027-01-07"), "07.01.2027");
    EXPECT_EQ(DisplayDate("soon"), "soon");
}

TEST(CalendarTest, Years) {
    struct Case {
        const char* name;
        const char* start;
        const char* end;
        const char* field;
    };
    const Case cases[] = {{"2026-2027", "2026-09-01", "2027-08-31", ""},
                          {"2026-2028", "2026-09-01", "2027-08-31", "name"},
                          {"2026/2027", "2026-09-01", "2027-08-31", "name"},
                          {"2026-2027", "2025-09-01", "2027-08-31", "start_date"},
                          {"2026-2027", "2026-09-01", "2028-01-01", "end_date"},
                          {"2026-2027", "2026-09-01", "", "end_date"}};
    for (const auto& c : cases) {
        auto spec = CheckYear({c.name, c.start, c.end});
        if (std::string(c.field).empty()) {
            EXPECT_TRUE(spec.has_value()) << c.name;
        } else {
            ASSERT_FALSE(spec.has_value()) << c.name << c.start << c.end;
            EXPECT_TRUE(HasField(spec.error(), c.field)) << c.name << c.start << c.end;
        }
    }
}

/// Periods lie inside the year, do not overlap, and hold their exam session.
TEST(CalendarTest, Periods) {
    const DateRange year{*ParseIsoDate("2026-09-01"), *ParseIsoDate("2027-08-31")};
    const std::vector<DateRange> others{{*ParseIsoDate("2026-09-01"), *ParseIsoDate("2027-01-10")}};
    struct Case {
        PeriodDraft draft;
        const char* field;
    };
    const Case cases[] = {
        {{"semester2", "2027-01-11", "2027-05-31", "2027-05-15", "2027-05-31"}, ""},
        {{"semester2", "2027-01-10", "2027-05-31", "", ""}, "start_date"},
        {{"semester2", "2027-01-11", "2027-09-01", "", ""}, "end_date"},
        {{"semester2", "2027-05-31", "2027-01-11", "", ""}, "end_date"},
        {{"semester2", "2027-01-11", "2027-05-31", "2027-06-01", "2027-06-10"}, "exam_start"},
        {{"semester2", "2027-01-11", "2027-05-31", "2027-05-15", ""}, "exam_end"},
        {{"winter", "2027-01-11", "2027-05-31", "", ""}, "kind"},
    };
    for (const auto& c : cases) {
        auto spec = CheckPeriod(c.draft, year, others);
        if (std::string(c.field).empty()) {
            EXPECT_TRUE(spec.has_value()) << c.draft.start_date;
        } else {
            ASSERT_FALSE(spec.has_value()) << c.field;
            EXPECT_TRUE(HasField(spec.error(), c.field)) << c.field << ": " << spec.error().detail;
        }
    }
    auto holiday = CheckHoliday(
        {{"Қысқы демалыс", "Зимние каникулы", "Winter break"}, "2027-01-01", "2027-01-10"}, year);
    EXPECT_TRUE(holiday.has_value());
    EXPECT_FALSE(CheckHoliday({{"a", "b", "c"}, "2027-09-01", "2027-09-02"}, year).has_value());
}

}  // namespace
}  // namespace oqu::academics
