#include <chrono>

#include <gtest/gtest.h>

#include "academics/tests/fixture.hpp"

namespace oqu::academics {
namespace {

using testing::Admin;
using testing::Grantee;
namespace auth = platform::auth;
namespace db_testing = platform::db::testing;

class PublicDaysTest : public testing::AcademicsDbTest {};

INSTANTIATE_TEST_SUITE_P(Backends, PublicDaysTest,
                         ::testing::Values(db_testing::Backend::kSqliteMemory,
                                           db_testing::Backend::kPostgres),
                         db_testing::BackendName);

core::Day D(int y, unsigned m, unsigned d) {
    return core::Day{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

auth::Principal Registrar() {
    return Grantee(auth::Role::kRegistrar, auth::kInstitution, 3);
}

auth::Principal Teacher() {
    return Grantee(auth::Role::kTeacher, auth::kInstitution, 9);
}

PublicDayDraft Transfer(const std::string& date) {
    return {date, "day_off_transfer", {"Демалыс", "Выходной", "Day off"}, "decree 123"};
}

/// The seed lists 2025-2027 once, however often it runs.
TEST_P(PublicDaysTest, SeedLoadsThreeYearsIdempotently) {  // R-O12
    for (int year : {2025, 2026, 2027}) {
        auto days = ListPublicDays(Admin(), *db_, year);
        ASSERT_TRUE(days.has_value());
        EXPECT_GT(days->size(), 8U) << year;
    }
    auto again = SeedPublicDays(*db_, testing::ResourceDir() / "academics/seed/holidays.csv");
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, 0);
    const auto y2027 = ListPublicDays(Admin(), *db_, 2027).value();
    const auto kurban =
        std::find_if(y2027.begin(), y2027.end(), [](const PublicDay& d) { return d.source == "expected"; });
    ASSERT_NE(kurban, y2027.end());
    EXPECT_FALSE(kurban->confirmed);
}

/// The stored calendar gives the deadlines of the pure one: 1 Sep 2026 (30 August is no longer a
/// holiday in 2026) and 11 Jan 2027 (across the New Year days off).
TEST_P(PublicDaysTest, LoadedCalendarGivesContentDeadline) {  // R-O12
    auto calendar = LoadWorkingCalendar(std::nullopt, *db_, 2026, 2027);
    ASSERT_TRUE(calendar.has_value());
    EXPECT_EQ(ContentDeadline(D(2026, 9, 1), *calendar), D(2026, 8, 25));
    EXPECT_EQ(ContentDeadline(D(2027, 1, 11), *calendar), D(2026, 12, 30));
    auto seen = LoadWorkingCalendar(Teacher(), *db_, 2026, 2026);
    EXPECT_TRUE(seen.has_value());
}

/// A transferred day off entered by the registrar moves the deadline one working day earlier.
TEST_P(PublicDaysTest, AddedTransferMovesDeadline) {  // R-O12
    ASSERT_TRUE(SavePublicDay(Registrar(), At(), Transfer("2026-08-27")).has_value());
    auto calendar = LoadWorkingCalendar(Registrar(), *db_, 2026, 2026);
    ASSERT_TRUE(calendar.has_value());
    EXPECT_EQ(ContentDeadline(D(2026, 9, 1), *calendar), D(2026, 8, 24));
    EXPECT_EQ(Audit("academics.add_public_day").size(), 1U);

    ASSERT_TRUE(RemovePublicDay(Registrar(), At(), D(2026, 8, 27)).has_value());
    EXPECT_EQ(ContentDeadline(D(2026, 9, 1), LoadWorkingCalendar(std::nullopt, *db_, 2026, 2026).value()),
              D(2026, 8, 25));
    EXPECT_EQ(Audit("academics.remove_public_day").size(), 1U);
}

/// A teacher reads the calendar but cannot change it; someone without academics:view sees nothing.
TEST_P(PublicDaysTest, TeacherCannotEdit) {  // R-O12
    EXPECT_TRUE(ListPublicDays(Teacher(), *db_, 2026).has_value());
    auto saved = SavePublicDay(Teacher(), At(), Transfer("2026-08-27"));
    ASSERT_FALSE(saved.has_value());
    EXPECT_EQ(saved.error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(ConfirmPublicDay(Teacher(), At(), D(2026, 1, 1)).error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(ProposePublicYear(Teacher(), At(), 2028).error().code, core::ErrorCode::kForbidden);
    auth::Principal nobody;
    nobody.user_id = 11;
    EXPECT_EQ(ListPublicDays(nobody, *db_, 2026).error().code, core::ErrorCode::kNotFound);
    EXPECT_TRUE(Audit("academics.").empty());
}

/// A bad date is a translated field error and changes nothing.
TEST_P(PublicDaysTest, BadDateChangesNothing) {  // R-O12
    const auto before = ListPublicDays(Admin(), *db_, 2026).value();
    auto saved = SavePublicDay(Admin(), At(), Transfer("2026-02-30"));
    ASSERT_FALSE(saved.has_value());
    EXPECT_EQ(saved.error().code, core::ErrorCode::kInvalidInput);
    ASSERT_EQ(FieldErrorsOf(saved.error()).size(), 1U);
    EXPECT_EQ(FieldErrorsOf(saved.error())[0].message_key, "academics.date_invalid");
    EXPECT_EQ(ListPublicDays(Admin(), *db_, 2026).value(), before);
    EXPECT_TRUE(Audit("academics.").empty());
}

/// Proposing a missing year fills it from the law, unconfirmed and without Kurban Ait; an expected
/// day is then confirmed; a listed year cannot be proposed again.
TEST_P(PublicDaysTest, ProposeAndConfirmYear) {  // R-O12
    auto added = ProposePublicYear(Registrar(), At(), 2028);
    ASSERT_TRUE(added.has_value()) << added.error().detail;
    const auto days = ListPublicDays(Registrar(), *db_, 2028).value();
    EXPECT_EQ(static_cast<int>(days.size()), *added);
    EXPECT_EQ(days.size(), StatutoryDaysOff(2028, std::nullopt).size());
    for (const auto& d : days) {
        EXPECT_FALSE(d.confirmed);
        EXPECT_EQ(d.source, "expected");
    }
    EXPECT_EQ(ProposePublicYear(Registrar(), At(), 2028).error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(ProposePublicYear(Registrar(), At(), 2026).error().code, core::ErrorCode::kConflict);
    ASSERT_TRUE(ConfirmPublicDay(Registrar(), At(), D(2028, 1, 1)).has_value());
    EXPECT_TRUE(ListPublicDays(Registrar(), *db_, 2028).value().front().confirmed);
    EXPECT_EQ(ConfirmPublicDay(Registrar(), At(), D(2028, 2, 2)).error().code, core::ErrorCode::kNotFound);
}

/// Adding a day at a listed date is a conflict on the date field and changes nothing; replacing it
/// through SavePublicDay is an update, audited as one.
TEST_P(PublicDaysTest, AddRefusesListedDate) {  // R-O12
    const auto before = ListPublicDays(Admin(), *db_, 2026).value();
    auto added = AddPublicDay(Registrar(), At(), Transfer("2026-01-01"));
    ASSERT_FALSE(added.has_value());
    EXPECT_EQ(added.error().code, core::ErrorCode::kConflict);
    ASSERT_EQ(FieldErrorsOf(added.error()).size(), 1U);
    EXPECT_EQ(FieldErrorsOf(added.error())[0].field, "date");
    EXPECT_EQ(FieldErrorsOf(added.error())[0].message_key, "academics.day_listed");
    EXPECT_EQ(ListPublicDays(Admin(), *db_, 2026).value(), before);
    EXPECT_TRUE(Audit("academics.").empty());
    EXPECT_EQ(AddPublicDay(Teacher(), At(), Transfer("2026-08-27")).error().code,
              core::ErrorCode::kForbidden);

    ASSERT_TRUE(AddPublicDay(Registrar(), At(), Transfer("2026-08-27")).has_value());
    ASSERT_TRUE(SavePublicDay(Registrar(), At(), Transfer("2026-08-27")).has_value());
    EXPECT_EQ(Audit("academics.add_public_day").size(), 1U);
    EXPECT_EQ(Audit("academics.update_public_day").size(), 1U);
}

/// The years list counts the listed and the still-unconfirmed days; the month counts add up to the
/// year's working days and follow the listed days off.
TEST_P(PublicDaysTest, YearsAndWorkingDaysByMonth) {  // R-O12
    auto years = ListPublicYears(Teacher(), *db_);
    ASSERT_TRUE(years.has_value());
    ASSERT_EQ(years->size(), 3U);
    EXPECT_EQ((*years)[0].year, 2025);
    EXPECT_EQ((*years)[1].year, 2026);
    EXPECT_EQ((*years)[1].days, static_cast<int>(ListPublicDays(Admin(), *db_, 2026)->size()));
    EXPECT_EQ((*years)[1].unconfirmed, 0);
    EXPECT_GT((*years)[2].unconfirmed, 0);  // 2027: derived rows and the expected Kurban Ait
    auto months = CountWorkingDaysByMonth(Teacher(), *db_, 2026);
    ASSERT_TRUE(months.has_value());
    ASSERT_EQ(months->size(), 12U);
    int total = 0;
    for (int m : *months) total += m;
    EXPECT_EQ(total, (*years)[1].working_days);
    // January 2026: 22 weekdays minus 1, 2 and 7 January.
    EXPECT_EQ((*months)[0], 19);
    // A day off moved onto Thursday 27 August takes one working day from August.
    const int august = (*months)[7];
    ASSERT_TRUE(AddPublicDay(Registrar(), At(), Transfer("2026-08-27")).has_value());
    EXPECT_EQ(CountWorkingDaysByMonth(Teacher(), *db_, 2026).value()[7], august - 1);
    auth::Principal nobody;
    nobody.user_id = 11;
    EXPECT_EQ(ListPublicYears(nobody, *db_).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(CountWorkingDaysByMonth(nobody, *db_, 2026).error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace oqu::academics
