#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "academics/tests/fixture.hpp"

namespace oqu::academics {
namespace {

using testing::Admin;
using testing::kNow;
namespace db_testing = platform::db::testing;

class UseCasesTest : public testing::AcademicsDbTest {};

INSTANTIATE_TEST_SUITE_P(Backends, UseCasesTest,
                         ::testing::Values(db_testing::Backend::kSqliteFile,
                                           db_testing::Backend::kSqliteMemory,
                                           db_testing::Backend::kPostgres),
                         db_testing::BackendName);

bool HasField(const core::Error& error, const std::string& field, const std::string& key = {}) {
    for (const auto& f : FieldErrorsOf(error)) {
        if (f.field == field && (key.empty() || f.message_key == key)) return true;
    }
    return false;
}

/// A faculty and a department are created, counted, renamed and removed, each change audited.
TEST_P(UseCasesTest, FacultyAndDepartmentLifecycle) {
    const FacultyId fit = MakeFaculty("FIT");
    auto dep = CreateDepartment(Admin(), At(), {std::to_string(fit.value), "IS", {"АЖ", "ИС", "IS"}});
    ASSERT_TRUE(dep.has_value()) << dep.error().detail;
    auto faculty = FindFaculty(Admin(), *db_, fit);
    ASSERT_TRUE(faculty.has_value());
    EXPECT_EQ(faculty->departments, 1);
    EXPECT_EQ(faculty->names.ru, "FIT ru");

    ASSERT_TRUE(UpdateFaculty(Admin(), At(), fit, {"FIT", {"АТФ", "ФИТ", "Faculty of IT"}}).has_value());
    EXPECT_EQ(FindFaculty(Admin(), *db_, fit)->names.ru, "ФИТ");

    auto refused = DeleteFaculty(Admin(), At(), fit);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(refused.error().message_key, "academics.faculty_not_empty");

    ASSERT_TRUE(DeleteDepartment(Admin(), At(), *dep).has_value());
    ASSERT_TRUE(DeleteFaculty(Admin(), At(), fit).has_value());
    EXPECT_EQ(FindFaculty(Admin(), *db_, fit).error().code, core::ErrorCode::kNotFound);

    const auto audit = Audit();
    ASSERT_EQ(audit.size(), 5U);
    EXPECT_EQ(audit[0].entry.action, "academics.delete_faculty");  // newest first
    EXPECT_EQ(audit[4].entry.action, "academics.create_faculty");
    EXPECT_EQ(audit[4].entry.actor_login, "user1");
    EXPECT_EQ(audit[4].entry.address, "192.0.2.1");
    const auto detail = nlohmann::json::parse(audit[2].entry.detail_json);  // update_faculty
    EXPECT_EQ(audit[2].entry.action, "academics.update_faculty");
    EXPECT_EQ(detail["before"]["names"]["ru"], "FIT ru");
    EXPECT_EQ(detail["after"]["names"]["ru"], "ФИТ");
}

/// A duplicate faculty code is kConflict on the code field, and writes no audit record.
TEST_P(UseCasesTest, DuplicateCodeIsConflict) {
    MakeFaculty("FIT");
    auto again = CreateFaculty(Admin(), At(), {"FIT", {"a", "b", "c"}});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
    EXPECT_TRUE(HasField(again.error(), "code", "academics.code_taken"));
    EXPECT_EQ(Audit().size(), 1U);
    // The database is still usable after the refused write (PostgreSQL rolled the transaction back).
    MakeFaculty("ECON");
}

/// A programme inherits its group's DL regime and online form; the page shows both.
TEST_P(UseCasesTest, ProgrammeInheritsRegimeOfItsGroup) {  // R-D7
    const FacultyId fit = MakeFaculty("FIT");
    const ProgrammeId id = MakeProgramme(fit);
    auto programme = FindProgramme(Admin(), *db_, id);
    ASSERT_TRUE(programme.has_value());
    EXPECT_EQ(programme->dl_regime, DlRegime::kLimit50);
    EXPECT_EQ(programme->online_form, OnlineForm::kUnknown);
    EXPECT_EQ(programme->direction_names.en, "Information technologies");
    EXPECT_EQ(programme->languages, (std::vector<std::string>{"kk", "ru"}));

    // The law group is a 20 % direction.
    ProgrammeDraft law = ProgrammeIn(fit, "6B04201");
    law.direction_code = "B049";
    auto law_id = CreateProgramme(Admin(), At(), law);
    ASSERT_TRUE(law_id.has_value()) << law_id.error().detail;
    EXPECT_EQ(FindProgramme(Admin(), *db_, *law_id)->dl_regime, DlRegime::kLimit20);

    // Changing the group's regime changes what the programme inherits.
    ASSERT_TRUE(SetDirectionSettings(Admin(), At(), "B049", {"forbidden", "forbidden"}).has_value());
    auto changed = FindProgramme(Admin(), *db_, *law_id);
    EXPECT_EQ(changed->dl_regime, DlRegime::kForbidden);
    EXPECT_EQ(changed->online_form, OnlineForm::kForbidden);  // R-O2
}

/// The direction must be a group row of the programme's level, and exist.
TEST_P(UseCasesTest, ProgrammeNeedsGroupOfItsLevel) {  // R-D7
    const FacultyId fit = MakeFaculty("FIT");
    ProgrammeDraft d = ProgrammeIn(fit);
    d.direction_code = "B999";
    auto unknown = CreateProgramme(Admin(), At(), d);
    ASSERT_FALSE(unknown.has_value());
    EXPECT_TRUE(HasField(unknown.error(), "direction_code", "academics.direction_unknown"));
    d.direction_code = "BOGUS";  // not a B code: refused by the domain before any lookup
    EXPECT_TRUE(HasField(CreateProgramme(Admin(), At(), d).error(), "direction_code"));
    EXPECT_TRUE(Audit("academics.create_programme").empty());
}

/// A department of another faculty cannot be a programme's.
TEST_P(UseCasesTest, DepartmentMustBelongToFaculty) {
    const FacultyId fit = MakeFaculty("FIT");
    const FacultyId econ = MakeFaculty("ECON");
    auto dep = CreateDepartment(Admin(), At(), {std::to_string(econ.value), "FIN", {"Қ", "Ф", "F"}});
    ASSERT_TRUE(dep.has_value());
    ProgrammeDraft d = ProgrammeIn(fit);
    d.department_id = std::to_string(dep->value);
    auto refused = CreateProgramme(Admin(), At(), d);
    ASSERT_FALSE(refused.has_value());
    EXPECT_TRUE(HasField(refused.error(), "department_id", "academics.department_other_faculty"));
}

/// Programmes are updated, moved, and cannot be removed while they have curricula.
TEST_P(UseCasesTest, ProgrammeUpdateAndDelete) {
    const FacultyId fit = MakeFaculty("FIT");
    const ProgrammeId id = MakeProgramme(fit);
    ProgrammeDraft d = ProgrammeIn(fit);
    d.credits = "300";
    d.status = "closed";
    ASSERT_TRUE(UpdateProgramme(Admin(), At(), id, d).has_value());
    auto p = FindProgramme(Admin(), *db_, id);
    EXPECT_EQ(p->credits, 300);
    EXPECT_EQ(p->status, ProgrammeStatus::kClosed);
    EXPECT_EQ(FindProgrammeByCode(Admin(), *db_, "6B06101")->id, id);

    auto curriculum = CreateCurriculum(Admin(), At(), id, {"2026"});
    ASSERT_TRUE(curriculum.has_value()) << curriculum.error().detail;
    EXPECT_EQ(DeleteProgramme(Admin(), At(), id).error().message_key, "academics.programme_has_curricula");
    ASSERT_TRUE(DeleteCurriculum(Admin(), At(), *curriculum).has_value());
    ASSERT_TRUE(DeleteProgramme(Admin(), At(), id).has_value());
    EXPECT_EQ(FindProgramme(Admin(), *db_, id).error().code, core::ErrorCode::kNotFound);
}

/// A curriculum holds disciplines by semester; duplicates are refused; every change is audited.
TEST_P(UseCasesTest, CurriculumWithDisciplines) {
    const ProgrammeId programme = MakeProgramme(MakeFaculty("FIT"));
    auto id = CreateCurriculum(Admin(), At(), programme, {"2026"});
    ASSERT_TRUE(id.has_value());
    auto dup = CreateCurriculum(Admin(), At(), programme, {"2026"});
    ASSERT_FALSE(dup.has_value());
    EXPECT_EQ(dup.error().code, core::ErrorCode::kConflict);
    EXPECT_TRUE(HasField(dup.error(), "admission_year", "academics.curriculum_exists"));

    ASSERT_TRUE(AddDiscipline(Admin(), At(), *id, DisciplineDraftOf("Fil 1101", "2")).has_value());
    auto second = AddDiscipline(Admin(), At(), *id, DisciplineDraftOf("IKT 1102", "1"));
    ASSERT_TRUE(second.has_value());
    auto same_code = AddDiscipline(Admin(), At(), *id, DisciplineDraftOf("IKT 1102", "3"));
    ASSERT_FALSE(same_code.has_value());
    EXPECT_TRUE(HasField(same_code.error(), "code", "academics.code_taken"));

    DisciplineDraft changed = DisciplineDraftOf("IKT 1102", "1");
    changed.credits = "6";
    changed.hours = {"30", "30", "", "", "", "30", "90"};
    ASSERT_TRUE(UpdateDiscipline(Admin(), At(), *second, changed).has_value());

    auto curriculum = FindCurriculum(Admin(), *db_, *id);
    ASSERT_TRUE(curriculum.has_value());
    ASSERT_EQ(curriculum->disciplines.size(), 2U);
    EXPECT_EQ(curriculum->disciplines[0].code, "IKT 1102");  // semester 1 first
    EXPECT_EQ(curriculum->disciplines[0].credits, 6);
    EXPECT_EQ(curriculum->disciplines[0].hours.Total(), 180);
    EXPECT_EQ(curriculum->disciplines[1].semester, 2);

    ASSERT_TRUE(RemoveDiscipline(Admin(), At(), *second).has_value());
    EXPECT_EQ(FindCurriculum(Admin(), *db_, *id)->disciplines.size(), 1U);
    EXPECT_EQ(ListCurricula(Admin(), *db_, programme)->size(), 1U);

    // create_faculty, create_programme, create_curriculum, 2 × add, update, remove.
    EXPECT_EQ(Audit().size(), 7U);
    EXPECT_EQ(Audit("academics.add_discipline").size(), 2U);
}

/// A master's curriculum has at most four semesters.
TEST_P(UseCasesTest, SemesterLimitFollowsProgrammeLevel) {
    const FacultyId fit = MakeFaculty("FIT");
    ProgrammeDraft master = ProgrammeIn(fit, "7M06101");
    master.level = "master";
    master.credits = "120";
    master.direction_code = "M094";
    auto programme = CreateProgramme(Admin(), At(), master);
    ASSERT_TRUE(programme.has_value()) << programme.error().detail;
    auto curriculum = CreateCurriculum(Admin(), At(), *programme, {"2026"});
    ASSERT_TRUE(curriculum.has_value());
    EXPECT_TRUE(AddDiscipline(Admin(), At(), *curriculum, DisciplineDraftOf("A", "4")).has_value());
    EXPECT_TRUE(
        HasField(AddDiscipline(Admin(), At(), *curriculum, DisciplineDraftOf("B", "5")).error(), "semester"));
}

/// An academic year with periods and a winter break; overlaps and duplicates refused.
TEST_P(UseCasesTest, AcademicCalendar) {
    auto year = CreateYear(Admin(), At(), {"2026-2027", "2026-09-01", "2027-08-31"});
    ASSERT_TRUE(year.has_value()) << year.error().detail;
    EXPECT_EQ(CreateYear(Admin(), At(), {"2026-2027", "2026-09-01", "2027-08-31"}).error().code,
              core::ErrorCode::kConflict);
    auto s1 = AddPeriod(Admin(), At(), *year,
                        {"semester1", "2026-09-01", "2026-12-31", "2026-12-15", "2026-12-31"});
    ASSERT_TRUE(s1.has_value()) << s1.error().detail;
    auto overlap = AddPeriod(Admin(), At(), *year, {"semester2", "2026-12-20", "2027-05-31", "", ""});
    ASSERT_FALSE(overlap.has_value());
    EXPECT_TRUE(HasField(overlap.error(), "start_date", "academics.period_overlap"));
    auto twice = AddPeriod(Admin(), At(), *year, {"semester1", "2027-06-01", "2027-06-30", "", ""});
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, core::ErrorCode::kConflict);
    ASSERT_TRUE(
        AddPeriod(Admin(), At(), *year, {"semester2", "2027-01-11", "2027-05-31", "", ""}).has_value());
    auto winter =
        AddHoliday(Admin(), At(), *year,
                   {{"Қысқы демалыс", "Зимние каникулы", "Winter break"}, "2027-01-01", "2027-01-10"});
    ASSERT_TRUE(winter.has_value());

    // A period may be edited in place without overlapping itself.
    ASSERT_TRUE(
        UpdatePeriod(Admin(), At(), *s1, {"semester1", "2026-09-01", "2026-12-30", "", ""}).has_value());

    auto found = FindYear(Admin(), *db_, *year);
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->periods.size(), 2U);
    EXPECT_EQ(found->periods[0].kind, PeriodKind::kSemester1);
    EXPECT_FALSE(found->periods[0].exam_start.has_value());
    EXPECT_EQ(FormatIsoDate(found->periods[1].start), "2027-01-11");
    ASSERT_EQ(found->holidays.size(), 1U);

    // The year cannot shrink past its periods, nor be removed while it has them.
    auto shrink = UpdateYear(Admin(), At(), *year, {"2026-2027", "2026-10-01", "2027-08-31"});
    ASSERT_FALSE(shrink.has_value());
    EXPECT_TRUE(HasField(shrink.error(), "start_date", "academics.year_excludes_periods"));
    EXPECT_EQ(DeleteYear(Admin(), At(), *year).error().message_key, "academics.year_not_empty");
    ASSERT_TRUE(RemoveHoliday(Admin(), At(), *winter).has_value());
    for (const auto& p : found->periods) ASSERT_TRUE(RemovePeriod(Admin(), At(), p.id).has_value());
    ASSERT_TRUE(DeleteYear(Admin(), At(), *year).has_value());
    EXPECT_EQ(ListYears(Admin(), *db_)->size(), 0U);
    EXPECT_EQ(Audit().size(), 9U);
}

/// Regime and online form are set per row; mixed is refused on a group; confirmation records who and when.
TEST_P(UseCasesTest, DirectionSettingsAndConfirmation) {  // R-D7 R-O2
    auto mixed = SetDirectionSettings(Admin(), At(), "B057", {"mixed", "unknown"});
    ASSERT_FALSE(mixed.has_value());
    EXPECT_TRUE(HasField(mixed.error(), "dl_regime", "academics.regime_mixed_on_group"));
    ASSERT_TRUE(SetDirectionSettings(Admin(), At(), "6B06", {"mixed", "allowed"}).has_value());

    auto before = FindDirection(Admin(), *db_, "B134");  // later_amendment: needs confirmation
    ASSERT_TRUE(before.has_value());
    EXPECT_TRUE(NeedsConfirmation(*before));
    ASSERT_TRUE(ConfirmDirection(Admin(), At(), "B134").has_value());
    auto after = FindDirection(Admin(), *db_, "B134");
    ASSERT_TRUE(after->confirmed.has_value());
    EXPECT_EQ(after->confirmed->login, "user1");
    EXPECT_EQ(after->confirmed->at, kNow);
    EXPECT_FALSE(NeedsConfirmation(*after));
    EXPECT_EQ(after->status, DataStatus::kLaterAmendment);  // the evidence stays as seeded
    EXPECT_EQ(Audit("academics.confirm_direction").size(), 1U);
    EXPECT_EQ(FindDirection(Admin(), *db_, "Z999").error().code, core::ErrorCode::kNotFound);
}

/// The classifier browser filters by text, level, regime and confirmation, in code order with paging.
TEST_P(UseCasesTest, DirectionQueries) {  // R-D7
    DirectionQuery q;
    q.text = "Право";
    q.level = Level::kBachelor;
    const auto law = ListDirections(Admin(), *db_, q);
    ASSERT_TRUE(law.has_value());
    ASSERT_FALSE(law->empty());
    EXPECT_TRUE(std::any_of(law->begin(), law->end(), [](const auto& d) { return d.code == "B049"; }));

    DirectionQuery by_code;
    by_code.text = "b04";
    EXPECT_FALSE(ListDirections(Admin(), *db_, by_code)->empty());

    DirectionQuery limit20;
    limit20.regime = DlRegime::kLimit20;
    limit20.limit = 500;
    const auto strict = ListDirections(Admin(), *db_, limit20);
    ASSERT_TRUE(strict.has_value());
    for (const auto& d : *strict) EXPECT_EQ(d.dl_regime, DlRegime::kLimit20);
    EXPECT_EQ(strict->size(), 84U);

    DirectionQuery waiting;
    waiting.needs_confirmation = true;
    waiting.limit = 500;
    const auto pending = ListDirections(Admin(), *db_, waiting).value();
    for (const auto& d : pending) EXPECT_TRUE(NeedsConfirmation(d)) << d.code;
    EXPECT_FALSE(pending.empty());

    DirectionQuery page;
    page.limit = 10;
    const auto first = ListDirections(Admin(), *db_, page).value();
    ASSERT_EQ(first.size(), 10U);
    page.after = first.back().code;
    const auto second = ListDirections(Admin(), *db_, page).value();
    ASSERT_FALSE(second.empty());
    EXPECT_LT(first.back().code, second.front().code);
}

/// Each change writes a footprint event too (R-D6 footprint of administrative acts).
TEST_P(UseCasesTest, FootprintRecorded) {
    MakeFaculty("FIT");
    const auto count = db_->Read([](platform::db::Session& s) {
        return s.Query("SELECT COUNT(*) FROM audit_footprint WHERE action = 'academics.create_faculty'")[0]
            .Int(0);
    });
    EXPECT_EQ(count, 1);
    EXPECT_TRUE(platform::audit::VerifyAuditChain(*db_).ok);
}

}  // namespace
}  // namespace oqu::academics
