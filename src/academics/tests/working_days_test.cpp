#include "academics/domain/working_days.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "platform/csv/csv.hpp"

namespace oqu::academics {
namespace {

using core::RuleStatus;

core::Day D(const char* iso) {
    return core::ParseIsoDay(iso).value();
}

std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(OQU_DEFAULT_RESOURCE_DIR);
}

struct SeedRow {
    CalendarDay day;
    std::string source;
};

/// The seeded calendar, seed/holidays.csv (a copy of shared/data/kz/holidays.csv).
std::vector<SeedRow> SeedRows() {
    std::ifstream in(ResourceDir() / "academics/seed/holidays.csv", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto table = platform::csv::Parse(text.str());
    EXPECT_TRUE(table.has_value());
    std::vector<SeedRow> out;
    if (!table) return out;
    const auto& h = table->header;
    auto col = [&](std::string_view name) {
        return static_cast<std::size_t>(std::find(h.begin(), h.end(), name) - h.begin());
    };
    for (const auto& row : table->rows) {
        const auto date = core::ParseIsoDay(row.fields.at(col("date")));
        const auto kind = ParseDayKind(row.fields.at(col("kind")));
        EXPECT_TRUE(date && kind) << "row " << row.row;
        if (date && kind) out.push_back({{*date, *kind}, row.fields.at(col("source"))});
    }
    return out;
}

// R-O12 counts working days on this calendar; the seed must be what the law gives, plus the
// government's transfers (only January 2025 in these years).
TEST(WorkingDays, LawReproducesTheSeededYears) {  // R-O12
    const auto rows = SeedRows();
    ASSERT_EQ(rows.size(), 61u);
    const std::map<int, core::Day> kurban{
        {2025, D("2025-06-06")}, {2026, D("2026-05-27")}, {2027, D("2027-05-16")}};
    for (const auto& [year, ait] : kurban) {
        std::vector<CalendarDay> seeded;
        for (const auto& r : rows) {
            const int y = static_cast<int>(std::chrono::year_month_day{r.day.date}.year());
            if (y == year && r.source.find("mtszn2025jan") == std::string::npos) seeded.push_back(r.day);
        }
        EXPECT_EQ(StatutoryDaysOff(year, ait), seeded) << year;
    }
}

TEST(WorkingDays, YearTotalsMatchThePublishedCalendars) {  // R-O12
    std::vector<CalendarDay> days;
    for (const auto& r : SeedRows()) days.push_back(r.day);
    const WorkingCalendar calendar(days);
    // shared/data/kz/README.md §2.1: 246 working days in 2025, 247 in 2026 and 2027.
    EXPECT_EQ(calendar.CountWorkingDays(D("2025-01-01"), D("2025-12-31")), 246);
    EXPECT_EQ(calendar.CountWorkingDays(D("2026-01-01"), D("2026-12-31")), 247);
    EXPECT_EQ(calendar.CountWorkingDays(D("2027-01-01"), D("2027-12-31")), 247);
    EXPECT_TRUE(calendar.IsWorkingDay(D("2025-01-05"))) << "a Sunday declared working";
    EXPECT_FALSE(calendar.IsWorkingDay(D("2025-01-03"))) << "the day off moved to Friday";
    EXPECT_TRUE(calendar.IsWorkingDay(D("2026-08-31"))) << "no lieu day for 30 August from 2026";
    EXPECT_FALSE(calendar.IsWorkingDay(D("2026-03-24"))) << "Nauryz on Saturday gives Tuesday";
    EXPECT_EQ(calendar.CountWorkingDays(D("2026-01-02"), D("2026-01-01")), 0);
}

TEST(WorkingDays, LaterEntryForADateWins) {
    const WorkingCalendar calendar(
        {{D("2026-11-27"), DayKind::kDayOff}, {D("2026-11-27"), DayKind::kWorkingDay}});
    EXPECT_TRUE(calendar.IsWorkingDay(D("2026-11-27")));
}

TEST(WorkingDays, ContentDeadlineIsFiveWorkingDaysBefore) {  // R-O12
    std::vector<CalendarDay> days;
    for (const auto& r : SeedRows()) days.push_back(r.day);
    const WorkingCalendar calendar(days);
    struct Case {
        const char* start;
        const char* deadline;
    };
    const Case cases[] = {
        {"2026-09-01", "2026-08-25"},  // Tuesday start: Tue 25 .. Mon 31 August
        {"2025-09-01", "2025-08-25"},  // Monday 1 Sept 2025 is itself the day in lieu of Saturday 30 Aug
        {"2026-03-30", "2026-03-18"},  // Nauryz 23 March and the lieu days 24-25 March are skipped
    };
    for (const auto& c : cases) {
        EXPECT_EQ(core::FormatIsoDay(ContentDeadline(D(c.start), calendar)), c.deadline) << c.start;
    }
    // New Year 2027: 1 Jan Friday, 2 Jan Saturday (lieu Monday 4), 7 Jan Thursday.
    EXPECT_EQ(core::FormatIsoDay(ContentDeadline(D("2027-01-11"), calendar)), "2026-12-30");
}

TEST(WorkingDays, ContentPlacementVerdicts) {  // R-O12
    const WorkingCalendar calendar({});
    const core::Day start = D("2026-09-01");  // deadline Tuesday 25 August
    struct Case {
        std::optional<core::Day> placed;
        const char* today;
        RuleStatus status;
        const char* key;
    };
    const Case cases[] = {
        {D("2026-08-25"), "2026-09-10", RuleStatus::kMet, "academics.ro12_on_time"},  // on the deadline
        {D("2026-08-10"), "2026-09-10", RuleStatus::kMet, "academics.ro12_on_time"},
        {D("2026-08-26"), "2026-09-10", RuleStatus::kViolated, "academics.ro12_late"},  // a day late
        {std::nullopt, "2026-08-25", RuleStatus::kNotApplicable, "academics.ro12_not_due"},
        {std::nullopt, "2026-08-26", RuleStatus::kViolated, "academics.ro12_missing"},
    };
    for (const auto& c : cases) {
        const auto v = CheckContentPlacement(c.placed, start, calendar, D(c.today));
        EXPECT_EQ(v.rule, "R-O12");
        EXPECT_EQ(v.status, c.status) << c.key;
        EXPECT_EQ(v.message_key, c.key);
        EXPECT_EQ(v.Arg("deadline"), "2026-08-25");
    }
}

}  // namespace
}  // namespace oqu::academics
