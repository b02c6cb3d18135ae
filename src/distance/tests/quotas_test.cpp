#include "distance/domain/quotas.hpp"

#include <gtest/gtest.h>

namespace oqu::distance {
namespace {

using core::RuleStatus;

struct DlShareCase {
    DlShare in;
    RuleStatus status;
    const char* key;
};

// R-D7: at and around every boundary of the three regimes, counting approved and proposed.
TEST(Quotas, DlShareBoundaries) {  // R-D7
    const DlShareCase cases[] = {
        {{DlLimit::kLimit20, 32, 6, 0, false}, RuleStatus::kMet, "distance.rd7_within"},         // 18.8 %
        {{DlLimit::kLimit20, 32, 6, 1, false}, RuleStatus::kViolated, "distance.rd7_exceeded"},  // 21.9 %
        {{DlLimit::kLimit20, 30, 5, 1, false}, RuleStatus::kMet, "distance.rd7_within"},  // exactly 20 %
        {{DlLimit::kLimit20, 30, 6, 1, false}, RuleStatus::kViolated, "distance.rd7_exceeded"},  // 20 % + one
        {{DlLimit::kLimit20, 4, 0, 1, false}, RuleStatus::kViolated, "distance.rd7_exceeded"},  // 25 %: small
        {{DlLimit::kLimit20, 5, 0, 1, false}, RuleStatus::kMet, "distance.rd7_within"},
        {{DlLimit::kLimit50, 40, 20, 0, false}, RuleStatus::kMet, "distance.rd7_within"},  // exactly 50 %
        {{DlLimit::kLimit50, 40, 20, 1, false}, RuleStatus::kViolated, "distance.rd7_exceeded"},
        {{DlLimit::kLimit50, 41, 20, 0, false}, RuleStatus::kMet, "distance.rd7_within"},
        {{DlLimit::kLimit50, 3, 2, 0, false}, RuleStatus::kViolated, "distance.rd7_exceeded"},
        {{DlLimit::kForbidden, 40, 0, 0, false}, RuleStatus::kMet, "distance.rd7_none"},
        {{DlLimit::kForbidden, 40, 0, 1, false}, RuleStatus::kViolated, "distance.rd7_forbidden"},
        {{DlLimit::kForbidden, 40, 1, 0, false}, RuleStatus::kViolated, "distance.rd7_forbidden"},
        {{DlLimit::kForbidden, 40, 0, 1, true}, RuleStatus::kMet, "distance.rd7_exception"},  // art. 37-2
        {{DlLimit::kLimit20, 0, 0, 0, false}, RuleStatus::kMet, "distance.rd7_none"},  // 0 disciplines, no DL
        {{DlLimit::kLimit20, 0, 0, 1, false}, RuleStatus::kViolated, "distance.rd7_no_curriculum"},
        {{DlLimit::kLimit50, 0, 0, 1, false}, RuleStatus::kViolated, "distance.rd7_no_curriculum"},
    };
    for (const auto& c : cases) {
        const auto v = CheckDlShare(c.in);
        SCOPED_TRACE(testing::Message() << "limit " << LimitPercent(c.in.limit) << ", " << c.in.approved
                                        << "+" << c.in.proposed << " of " << c.in.total_disciplines);
        EXPECT_EQ(v.rule, "R-D7");
        EXPECT_EQ(v.status, c.status);
        EXPECT_EQ(v.message_key, c.key);
    }
}

TEST(Quotas, DlShareNumbersForTheMessage) {  // R-D7
    // "Law: 7 of 32 disciplines, 21.9%, would exceed the 20% limit (R-D7)".
    const auto v = CheckDlShare({DlLimit::kLimit20, 32, 6, 1, false});
    EXPECT_EQ(v.Arg("count"), "7");
    EXPECT_EQ(v.Arg("total"), "32");
    EXPECT_EQ(v.Arg("share"), "21.9");
    EXPECT_EQ(v.Arg("limit"), "20");
    const auto refusal = core::Refusal(v);
    EXPECT_EQ(refusal.code, core::ErrorCode::kRuleViolation);
    EXPECT_EQ(refusal.requirement, "R-D7");
}

TEST(Quotas, DlDisciplinesAreSynchronousUnlessMooc) {  // R-D8
    EXPECT_EQ(CheckDlSynchronous(true, false).status, RuleStatus::kMet);
    EXPECT_EQ(CheckDlSynchronous(false, true).status, RuleStatus::kMet);
    EXPECT_EQ(CheckDlSynchronous(true, true).status, RuleStatus::kMet);
    const auto v = CheckDlSynchronous(false, false);
    EXPECT_EQ(v.status, RuleStatus::kViolated);
    EXPECT_EQ(v.rule, "R-D8");
}

TEST(Quotas, MobilityCredits) {  // R-D15 R-D16
    struct Case {
        MobilityCredits in;
        RuleStatus status;
        const char* key;
    };
    const Case cases[] = {
        {{Mobility::kNone, 100, 240, false}, RuleStatus::kNotApplicable, "distance.rd15_no_mobility"},
        {{Mobility::kMobility, 48, 240, false}, RuleStatus::kMet, "distance.rd15_within"},  // exactly 20 %
        {{Mobility::kMobility, 49, 240, false}, RuleStatus::kViolated, "distance.rd15_exceeded"},
        {{Mobility::kDoubleDegree, 120, 240, false}, RuleStatus::kMet, "distance.rd15_within"},  // 50 %
        {{Mobility::kDoubleDegree, 121, 240, false}, RuleStatus::kViolated, "distance.rd15_exceeded"},
        {{Mobility::kExchange, 121, 240, false}, RuleStatus::kViolated, "distance.rd15_exceeded"},
        {{Mobility::kExchange, 0, 240, false}, RuleStatus::kMet, "distance.rd15_within"},
        {{Mobility::kMobility, 200, 240, true}, RuleStatus::kMet, "distance.rd16_emergency"},  // R-D16
        {{Mobility::kMobility, 5, 0, false}, RuleStatus::kViolated, "distance.rd15_no_credits"},
    };
    for (const auto& c : cases) {
        const auto v = CheckMobilityCredits(c.in);
        SCOPED_TRACE(c.key);
        EXPECT_EQ(v.status, c.status);
        EXPECT_EQ(v.message_key, c.key);
        EXPECT_EQ(v.rule, "R-D15");
    }
    EXPECT_EQ(CheckMobilityCredits({Mobility::kMobility, 49, 240, false}).Arg("share"), "20.4");
}

TEST(Quotas, NonFormalLearningAtMostTwentyPercent) {  // R-D17
    EXPECT_EQ(CheckNonFormalCredits(0, 240).status, RuleStatus::kNotApplicable);
    EXPECT_EQ(CheckNonFormalCredits(48, 240).status, RuleStatus::kMet);
    EXPECT_EQ(CheckNonFormalCredits(49, 240).status, RuleStatus::kViolated);
    EXPECT_EQ(CheckNonFormalCredits(1, 0).status, RuleStatus::kViolated);
    EXPECT_EQ(CheckNonFormalCredits(49, 240).rule, "R-D17");
}

TEST(Quotas, OnlineStudentsTakeTenPercentThroughMoocs) {            // R-O14
    EXPECT_EQ(CheckMoocCredits(24, 240).status, RuleStatus::kMet);  // exactly 10 %
    EXPECT_EQ(CheckMoocCredits(23, 240).status, RuleStatus::kViolated);
    EXPECT_EQ(CheckMoocCredits(0, 240).status, RuleStatus::kViolated);
    EXPECT_EQ(CheckMoocCredits(0, 0).status, RuleStatus::kViolated) << "no programme credits: unproven";
    EXPECT_EQ(CheckMoocCredits(23, 240).Arg("share"), "9.6");
}

TEST(Quotas, SynchronousShareOfOnlineDisciplines) {                             // R-O6
    EXPECT_EQ(CheckSynchronousShare(30, 150, false).status, RuleStatus::kMet);  // exactly 20 %
    EXPECT_EQ(CheckSynchronousShare(29, 150, false).status, RuleStatus::kViolated);
    EXPECT_EQ(CheckSynchronousShare(0, 150, true).status, RuleStatus::kNotApplicable) << "MOOC";
    EXPECT_EQ(CheckSynchronousShare(0, 0, false).status, RuleStatus::kViolated);
    EXPECT_EQ(CheckSynchronousShare(150, 150, false).status, RuleStatus::kMet);
}

TEST(Quotas, WorkloadIsKept) {  // R-D13
    EXPECT_EQ(CheckWorkloadKept(5, 150, 5, 150).status, RuleStatus::kMet);
    EXPECT_EQ(CheckWorkloadKept(5, 150, 5, 120).status, RuleStatus::kViolated);
    EXPECT_EQ(CheckWorkloadKept(5, 150, 4, 150).status, RuleStatus::kViolated);
}

}  // namespace
}  // namespace oqu::distance
