#include "distance/domain/gates.hpp"

#include <gtest/gtest.h>

namespace oqu::distance {
namespace {

using core::RuleStatus;

Day D(const char* iso) {
    return core::ParseIsoDay(iso).value();
}

TEST(Gates, OnlineFormByDirection) {  // R-O2
    EXPECT_EQ(CheckOnlineFormAllowed(OnlineForm::kAllowed).status, RuleStatus::kMet);
    EXPECT_EQ(CheckOnlineFormAllowed(OnlineForm::kForbidden).status, RuleStatus::kViolated);
    const auto unknown = CheckOnlineFormAllowed(OnlineForm::kUnknown);
    EXPECT_EQ(unknown.status, RuleStatus::kViolated) << "an unconfirmed direction cannot be shown lawful";
    EXPECT_EQ(unknown.message_key, "distance.ro2_unknown");
}

TEST(Gates, TeacherQualificationWindow) {  // R-O16
    const Day today = D("2026-11-26");
    EXPECT_EQ(QualificationWindowStart(today), D("2023-11-26"));
    EXPECT_EQ(QualificationWindowStart(D("2028-02-29")), D("2025-02-28"));
    struct Case {
        std::vector<Qualification> courses;
        RuleStatus status;
        const char* hours;
    };
    const Case cases[] = {
        {{}, RuleStatus::kViolated, "0"},
        {{{D("2026-01-10"), 72, true}}, RuleStatus::kMet, "72"},
        {{{D("2026-01-10"), 71, true}}, RuleStatus::kViolated, "71"},
        {{{D("2025-03-01"), 36, true}, {D("2024-05-01"), 36, true}}, RuleStatus::kMet, "72"},
        {{{D("2023-11-26"), 72, true}}, RuleStatus::kMet, "72"},        // the first day of the window
        {{{D("2023-11-25"), 72, true}}, RuleStatus::kViolated, "0"},    // a day too old
        {{{D("2026-11-27"), 72, true}}, RuleStatus::kViolated, "0"},    // not yet completed
        {{{D("2026-01-10"), 100, false}}, RuleStatus::kViolated, "0"},  // not IT / online teaching
        {{{D("2026-01-10"), 40, true}, {D("2020-01-10"), 40, true}}, RuleStatus::kViolated, "40"},
    };
    for (const auto& c : cases) {
        const auto v = CheckTeacherQualification(c.courses, today);
        SCOPED_TRACE(c.hours);
        EXPECT_EQ(v.rule, "R-O16");
        EXPECT_EQ(v.status, c.status);
        EXPECT_EQ(v.Arg("hours"), c.hours);
        EXPECT_EQ(v.Arg("since"), "2023-11-26");
    }
}

TEST(Gates, ProctoringForRemoteAttestation) {  // R-D3 R-O21
    struct Case {
        StudyMode mode;
        Attestation kind;
        bool remote;
        bool proctored;
        RuleStatus status;
        const char* rule;
    };
    const Case cases[] = {
        {StudyMode::kDistance, Attestation::kFinal, true, false, RuleStatus::kViolated, "R-D3"},
        {StudyMode::kDistance, Attestation::kFinal, true, true, RuleStatus::kMet, "R-D3"},
        {StudyMode::kDistance, Attestation::kFinal, false, false, RuleStatus::kNotApplicable, "R-D3"},
        {StudyMode::kDistance, Attestation::kInterim, true, false, RuleStatus::kNotApplicable, "R-D3"},
        {StudyMode::kOnline, Attestation::kInterim, true, false, RuleStatus::kViolated, "R-O21"},
        {StudyMode::kOnline, Attestation::kFinal, true, false, RuleStatus::kViolated, "R-O21"},
        {StudyMode::kOnline, Attestation::kFinal, true, true, RuleStatus::kMet, "R-O21"},
        {StudyMode::kOnline, Attestation::kCurrent, true, false, RuleStatus::kNotApplicable, "R-O21"},
        {StudyMode::kFullTime, Attestation::kFinal, true, false, RuleStatus::kNotApplicable, "R-D3"},
    };
    for (const auto& c : cases) {
        const auto v = CheckProctoring(c.mode, c.kind, c.remote, c.proctored);
        EXPECT_EQ(v.status, c.status) << c.rule;
        EXPECT_EQ(v.rule, c.rule);
    }
}

TEST(Gates, FormTransferOnlyDuringPaidHolidays) {  // R-O25
    const std::vector<DayRange> breaks{{D("2026-01-19"), D("2026-02-01")},
                                       {D("2026-07-01"), D("2026-08-31")}};
    EXPECT_EQ(CheckFormTransfer(D("2026-01-19"), breaks, true).status, RuleStatus::kMet);
    EXPECT_EQ(CheckFormTransfer(D("2026-02-01"), breaks, true).status, RuleStatus::kMet);
    const auto after = CheckFormTransfer(D("2026-02-02"), breaks, true);
    EXPECT_EQ(after.status, RuleStatus::kViolated);
    EXPECT_EQ(after.message_key, "distance.ro25_not_holidays");
    EXPECT_EQ(after.Arg("date"), "2026-02-02");
    const auto unpaid = CheckFormTransfer(D("2026-07-15"), breaks, false);
    EXPECT_EQ(unpaid.status, RuleStatus::kViolated);
    EXPECT_EQ(unpaid.message_key, "distance.ro25_unpaid");
    EXPECT_EQ(CheckFormTransfer(D("2026-07-15"), {}, true).status, RuleStatus::kViolated)
        << "no breaks entered";
}

TEST(Gates, EmergencyOrderCoversItsPeriodOnly) {  // R-D16
    const std::vector<DayRange> orders{{D("2026-03-16"), D("2026-05-31")}};
    EXPECT_TRUE(EmergencyInForce(orders, D("2026-03-16")));
    EXPECT_TRUE(EmergencyInForce(orders, D("2026-05-31")));
    EXPECT_FALSE(EmergencyInForce(orders, D("2026-06-01")));
    EXPECT_FALSE(EmergencyInForce({}, D("2026-04-01")));
}

}  // namespace
}  // namespace oqu::distance
