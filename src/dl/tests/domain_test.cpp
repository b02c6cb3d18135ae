#include <gtest/gtest.h>

#include "dl/domain/application.hpp"

namespace oqu::dl {
namespace {

using std::chrono::days;

core::Day D(const char* iso) {
    return *core::ParseIsoDay(iso);
}

ApplicationDraft Event() {
    ApplicationDraft d;
    d.category = "event";
    d.period_start = "2026-10-01";
    d.period_end = "2026-10-10";
    d.statement = "Asian Games, Hangzhou, 1-10 October";
    d.discipline_ids = {5, 3, 5};
    return d;
}

/// Categories are read by name or by their number in R-D1; 1 and 2 get an individual plan.
TEST(DlDomainTest, Categories) {  // R-D1, R-D10
    EXPECT_EQ(ParseCategory("1"), Category::kMedical);
    EXPECT_EQ(ParseCategory("listed"), Category::kListed);
    EXPECT_FALSE(ParseCategory("4").has_value());
    EXPECT_TRUE(NeedsIndividualPlan(Category::kEvent));
    EXPECT_FALSE(NeedsIndividualPlan(Category::kListed));
    for (const Stage s :
         {Stage::kSubmitted, Stage::kReviewed, Stage::kApproved, Stage::kRefused, Stage::kWithdrawn}) {
        EXPECT_EQ(ParseStage(StageName(s)), s);
    }
}

/// Category 2 needs the statement; disciplines are made distinct and ordered.
TEST(DlDomainTest, EventApplication) {  // R-D2
    auto spec = CheckApplication(Event());
    ASSERT_TRUE(spec.has_value()) << spec.error().message_key;
    EXPECT_EQ(spec->discipline_ids, (std::vector<std::int64_t>{3, 5}));
    auto d = Event();
    d.statement = "   ";
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.statement_required");
}

/// Category 1 needs the conclusion's number, date (not after the period) and the document.
TEST(DlDomainTest, MedicalApplication) {  // R-D4
    auto d = Event();
    d.category = "medical";
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.mcc_number_required");
    d.mcc_number = "17";
    d.mcc_date = "2026-10-02";
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.mcc_date_after_period");
    d.mcc_date = "2026-09-30";
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.document_required");
    d.document_sha = std::string(64, 'f');
    EXPECT_TRUE(CheckApplication(d).has_value());
}

/// Dates are real, ordered and at most two years apart.
TEST(DlDomainTest, PeriodChecked) {  // R-D4
    auto d = Event();
    d.period_start = "2026-02-30";
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.period_start_invalid");
    d = Event();
    d.period_end = "2026-09-30";
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.period_reversed");
    d = Event();
    d.period_end = "2029-10-10";
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.period_too_long");
    d = Event();
    d.discipline_ids.clear();
    EXPECT_EQ(CheckApplication(d).error().message_key, "dl.disciplines_required");
}

/// An approved grant is upcoming, active through its last day, then ended, with no job.
TEST(DlDomainTest, StateFollowsTheDate) {  // R-D4
    const auto start = D("2026-10-01");
    const auto end = D("2026-10-31");
    EXPECT_EQ(StateOf(Stage::kApproved, start, end, start - days(1)), State::kUpcoming);
    EXPECT_EQ(StateOf(Stage::kApproved, start, end, start), State::kActive);
    EXPECT_EQ(StateOf(Stage::kApproved, start, end, end), State::kActive);
    EXPECT_EQ(StateOf(Stage::kApproved, start, end, end + days(1)), State::kEnded);
    EXPECT_EQ(StateOf(Stage::kSubmitted, start, end, end + days(1)), State::kSubmitted);
}

/// A decision defaults to the period asked for; a refusal needs a reason; art. 37-2 needs both fields.
TEST(DlDomainTest, Decisions) {  // R-D7
    const auto start = D("2026-10-01");
    const auto end = D("2026-10-31");
    auto spec = CheckDecision({"approve", "", "", "", "", ""}, start, end);
    ASSERT_TRUE(spec.has_value());
    EXPECT_EQ(spec->grant_end, end);
    EXPECT_EQ(CheckDecision({"refuse", "", "", "", "", ""}, start, end).error().message_key,
              "dl.comment_required");
    EXPECT_EQ(CheckDecision({"maybe", "", "", "", "", ""}, start, end).error().message_key,
              "dl.outcome_invalid");
    EXPECT_EQ(CheckDecision({"approve", "", "", "", "", "2026-09-01"}, start, end).error().message_key,
              "dl.art_37_2_incomplete");
    EXPECT_EQ(
        CheckDecision({"approve", "", "2026-11-01", "2026-10-01", "", ""}, start, end).error().message_key,
        "dl.period_reversed");
}

/// Plan rows name a granted discipline, inside the period; schedule rows a weekday and a time.
TEST(DlDomainTest, PlanRows) {  // R-D10
    const auto from = D("2026-10-01");
    const auto to = D("2026-10-31");
    EXPECT_TRUE(CheckPlanRow({"plan", "7", "Lectures", "2026-10-01", "2026-10-05", "", ""}, {7}, from, to));
    EXPECT_EQ(CheckPlanRow({"plan", "8", "Lectures", "2026-10-01", "2026-10-05", "", ""}, {7}, from, to)
                  .error()
                  .message_key,
              "dl.plan_discipline_invalid");
    EXPECT_EQ(CheckPlanRow({"plan", "7", "Lectures", "2026-09-01", "2026-10-05", "", ""}, {7}, from, to)
                  .error()
                  .message_key,
              "dl.plan_dates_outside");
    EXPECT_TRUE(CheckPlanRow({"schedule", "7", "Consultation", "", "", "3", "14:30"}, {7}, from, to));
    EXPECT_EQ(CheckPlanRow({"schedule", "7", "Consultation", "", "", "8", "14:30"}, {7}, from, to)
                  .error()
                  .message_key,
              "dl.weekday_invalid");
    EXPECT_EQ(CheckPlanRow({"schedule", "7", "Consultation", "", "", "3", "24:00"}, {7}, from, to)
                  .error()
                  .message_key,
              "dl.time_invalid");
}

}  // namespace
}  // namespace oqu::dl
