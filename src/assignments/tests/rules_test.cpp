#include "assignments/domain/rules.hpp"

#include <gtest/gtest.h>

namespace oqu::assignments {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::seconds;

core::Instant At(const char* local) {
    return *ParseLocalTime(local);
}

const Deadlines kDates{At("2026-10-01T09:00"), At("2026-10-10T23:59"), At("2026-10-15T23:59")};
const Penalty kTenPerDay{10, 30};

/// Exactly at the due date is on time; a microsecond later is one started day late.
TEST(LatenessTest, DueDateBoundary) {
    const Timing on_time =
        JudgeSubmission(kDates, LatePolicy::kPenalty, kTenPerDay, std::nullopt, kDates.due);
    EXPECT_TRUE(on_time.accepted);
    EXPECT_EQ(on_time.late_seconds, 0);
    EXPECT_EQ(on_time.penalty_percent, 0);
    const Timing late =
        JudgeSubmission(kDates, LatePolicy::kPenalty, kTenPerDay, std::nullopt, kDates.due + microseconds(1));
    EXPECT_TRUE(late.accepted);
    EXPECT_EQ(late.late_seconds, 1);
    EXPECT_EQ(late.late_days, 1);
    EXPECT_EQ(late.penalty_percent, 10);
}

/// Whole days: 24 h late is one day, 24 h and a second two; the cap stops the penalty.
TEST(LatenessTest, PenaltyPerStartedDayUpToTheCap) {
    const auto judge = [](core::Instant now) {
        return JudgeSubmission(kDates, LatePolicy::kPenalty, kTenPerDay, std::nullopt, now);
    };
    EXPECT_EQ(judge(kDates.due + hours(24)).late_days, 1);
    EXPECT_EQ(judge(kDates.due + hours(24)).penalty_percent, 10);
    EXPECT_EQ(judge(kDates.due + hours(24) + seconds(1)).late_days, 2);
    EXPECT_EQ(judge(kDates.due + hours(24) + seconds(1)).penalty_percent, 20);
    EXPECT_EQ(judge(kDates.due + hours(72)).penalty_percent, 30);
    EXPECT_EQ(judge(kDates.due + hours(96)).penalty_percent, 30);  // capped
    EXPECT_EQ(PenaltyPercent(0, kTenPerDay), 0);
    EXPECT_EQ(PenaltyPercent(50, {40, 100}), 100);
    EXPECT_EQ(PenaltyPercent(3, {40, 200}), 100);  // never past 100%
}

/// Before opening and after the cut-off nothing is accepted; at the cut-off itself it is.
TEST(LatenessTest, OpensAndCutoffBoundaries) {
    const auto judge = [](core::Instant now) {
        return JudgeSubmission(kDates, LatePolicy::kPenalty, kTenPerDay, std::nullopt, now);
    };
    EXPECT_EQ(judge(kDates.opens - microseconds(1)).refusal_key, "assignments.not_open");
    EXPECT_TRUE(judge(kDates.opens).accepted);
    EXPECT_TRUE(judge(*kDates.cutoff).accepted);
    EXPECT_EQ(judge(*kDates.cutoff + microseconds(1)).refusal_key, "assignments.closed");
}

/// The refuse policy: late work until the cut-off carries no penalty; without a cut-off the due
/// date closes the assignment.
TEST(LatenessTest, RefusePolicy) {
    const Timing late =
        JudgeSubmission(kDates, LatePolicy::kRefuse, kTenPerDay, std::nullopt, kDates.due + hours(30));
    EXPECT_TRUE(late.accepted);
    EXPECT_EQ(late.late_days, 2);
    EXPECT_EQ(late.penalty_percent, 0);
    const Deadlines no_cutoff{kDates.opens, kDates.due, std::nullopt};
    EXPECT_TRUE(JudgeSubmission(no_cutoff, LatePolicy::kRefuse, {}, std::nullopt, kDates.due).accepted);
    EXPECT_EQ(JudgeSubmission(no_cutoff, LatePolicy::kRefuse, {}, std::nullopt, kDates.due + seconds(1))
                  .refusal_key,
              "assignments.closed");
    // The penalty policy without a cut-off accepts late work indefinitely, capped.
    EXPECT_EQ(JudgeSubmission(no_cutoff, LatePolicy::kPenalty, kTenPerDay, std::nullopt,
                              kDates.due + hours(24 * 40))
                  .penalty_percent,
              30);
}

/// An extension moves the due date, and the cut-off when it is later.
TEST(LatenessTest, ExtensionMovesDueAndCutoff) {
    const core::Instant extended = At("2026-10-20T12:00");
    const Timing t =
        JudgeSubmission(kDates, LatePolicy::kPenalty, kTenPerDay, extended, At("2026-10-18T12:00"));
    EXPECT_TRUE(t.accepted);
    EXPECT_EQ(t.late_seconds, 0);
    const Timing after =
        JudgeSubmission(kDates, LatePolicy::kPenalty, kTenPerDay, extended, extended + hours(1));
    EXPECT_EQ(after.refusal_key, "assignments.closed");
}

/// The penalty is applied in hundredths: 7.5 less 10% is exactly 6.75.
TEST(PenaltyTest, AppliedInHundredths) {
    EXPECT_DOUBLE_EQ(ApplyPenalty(7.5, 10), 6.75);
    EXPECT_DOUBLE_EQ(ApplyPenalty(100, 0), 100);
    EXPECT_DOUBLE_EQ(ApplyPenalty(100, 100), 0);
    EXPECT_DOUBLE_EQ(ApplyPenalty(33.33, 30), 23.33);
    EXPECT_DOUBLE_EQ(ApplyPenalty(80, 25), 60);
}

/// Rubric text round-trips; points sum the chosen levels; the maximum sums the best levels.
TEST(RubricTest, ParsesAndSums) {
    auto rubric =
        ParseRubric("Content | Excellent: 50 | Good: 30 | Weak: 10\n\nStyle | Clear: 20 | Unclear: 2.5\n");
    ASSERT_TRUE(rubric.has_value());
    ASSERT_EQ(rubric->criteria.size(), 2u);
    EXPECT_EQ(rubric->criteria[1].levels[1].title, "Unclear");
    EXPECT_DOUBLE_EQ(RubricMax(*rubric), 70);
    EXPECT_DOUBLE_EQ(*RubricPoints(*rubric, {1, 1}), 32.5);
    EXPECT_DOUBLE_EQ(*RubricPoints(*rubric, {0, 0}), 70);
    EXPECT_FALSE(RubricPoints(*rubric, {0}).has_value());
    EXPECT_FALSE(RubricPoints(*rubric, {3, 0}).has_value());
    EXPECT_FALSE(RubricPoints(*rubric, {0, -1}).has_value());
    EXPECT_EQ(ParseRubric(RubricText(*rubric)).value(), *rubric);
    EXPECT_TRUE(ParseRubric("").value().criteria.empty());
}

/// A criterion needs two levels, each with points 0..1000.
TEST(RubricTest, RefusesMalformedLines) {
    for (const char* bad :
         {"Content | Good: 5", "Content | Good | Bad: 0", "Content | Good: x | Bad: 0", "| Good: 5 | Bad: 0",
          "Content | Good: 1001 | Bad: 0", "Content | Good: 1.234 | Bad: 0"}) {
        auto r = ParseRubric(bad);
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().message_key, "assignments.rubric_invalid");
    }
}

/// Allowed types are known extensions, and the sniffed type must fit the extension.
TEST(FileTypesTest, ExtensionAndSniffedTypeMustAgree) {
    EXPECT_EQ(ParseFileTypes("PDF, .docx ,txt").value(), (std::vector<std::string>{"pdf", "docx", "txt"}));
    EXPECT_FALSE(ParseFileTypes("pdf, exe").has_value());
    EXPECT_EQ(ExtensionOf("Essay.Final.PDF"), "pdf");
    EXPECT_EQ(ExtensionOf("README"), "");
    EXPECT_TRUE(TypeFits("pdf", "application/pdf"));
    EXPECT_FALSE(TypeFits("pdf", "text/plain"));
    EXPECT_TRUE(TypeFits("txt", "text/plain"));
    EXPECT_FALSE(TypeFits("exe", "application/x-dosexec"));
}

/// Local times are Asia/Almaty (UTC+5).
TEST(LocalTimeTest, AlmatyRoundTrip) {
    const auto t = ParseLocalTime("2026-12-12T10:00");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(core::FormatUtc(*t), "2026-12-12T05:00:00.000000Z");
    EXPECT_EQ(FormatLocalTime(*t), "2026-12-12T10:00");
    EXPECT_EQ(DisplayTime(*t), "2026-12-12 10:00");
    EXPECT_FALSE(ParseLocalTime("2026-02-30T10:00").has_value());
    EXPECT_FALSE(ParseLocalTime("2026-12-12T24:00").has_value());
    EXPECT_FALSE(ParseLocalTime("12.12.2026 10:00").has_value());
}

}  // namespace
}  // namespace oqu::assignments
