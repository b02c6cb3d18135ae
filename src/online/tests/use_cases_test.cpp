#include <gtest/gtest.h>

#include "academics/api.hpp"
#include "online/api.hpp"
#include "online/tests/fixture.hpp"
#include "people/api.hpp"

namespace oqu::online {
namespace {

using testing::OnlineDbTest;
namespace auth = platform::auth;

class ConsentTest : public OnlineDbTest {};
class MoocTest : public OnlineDbTest {};
class QualificationTest : public OnlineDbTest {};
class TransferTest : public OnlineDbTest {};

/// Accepting every current version unblocks the online pages; withdrawing the personal-data
/// consent blocks them again, and both acts stay in the history with their times.
TEST_P(ConsentTest, WithdrawalBlocksOnlinePages) {  // R-O7
    PublishAll();
    EXPECT_FALSE(HasAcceptedConsents(*db_, student1_));
    auto blocked = RequireOnlineConsents(Student1(), *db_);
    ASSERT_FALSE(blocked.has_value());
    EXPECT_EQ(blocked.error().message_key, "online.consents_required");
    EXPECT_TRUE(RequireOnlineConsents(Student2(), *db_).has_value());  // full-time: not concerned
    auto state = ConsentStateOf(Student1(), *db_, student1_);
    ASSERT_TRUE(state.has_value());
    ASSERT_EQ(state->current.size(), 3u);
    std::vector<std::int64_t> ids;
    for (const auto& d : state->current) ids.push_back(d.id);
    ASSERT_TRUE(AcceptDocuments(Student1(), Ch(), ids).has_value());
    EXPECT_TRUE(HasAcceptedConsents(*db_, student1_));
    EXPECT_TRUE(RequireOnlineConsents(Student1(), *db_).has_value());
    EXPECT_EQ(ReportConsentedStudents(*db_), std::vector<std::int64_t>{student1_});
    ASSERT_TRUE(WithdrawPersonalDataConsent(Student1(), Ch()).has_value());
    EXPECT_FALSE(RequireOnlineConsents(Student1(), *db_).has_value());
    EXPECT_TRUE(ReportConsentedStudents(*db_).empty());
    state = ConsentStateOf(Student1(), *db_, student1_);
    ASSERT_EQ(state->history.size(), 3u);
    int withdrawn = 0;
    for (const auto& a : state->history) withdrawn += a.withdrawn_at.has_value() ? 1 : 0;
    EXPECT_EQ(withdrawn, 1);
}

/// A new version must be accepted again; an outdated one is refused.
TEST_P(ConsentTest, NewVersionNeedsAcceptance) {  // R-O7
    PublishAll();
    auto state = ConsentStateOf(Student1(), *db_, student1_);
    std::vector<std::int64_t> ids;
    for (const auto& d : state->current) ids.push_back(d.id);
    ASSERT_TRUE(AcceptDocuments(Student1(), Ch(), ids).has_value());
    ASSERT_TRUE(PublishDocument(Quality(), Ch(), {"user_agreement", "жаңа", "новый", "new"}).has_value());
    EXPECT_FALSE(HasAcceptedConsents(*db_, student1_));
    auto outdated = AcceptDocuments(Student1(), Ch(), {ids[2]});
    ASSERT_FALSE(outdated.has_value());
    EXPECT_EQ(outdated.error().message_key, "online.version_outdated");
}

/// Only the quality officer or it_admin publishes; an empty text is refused and nothing is written.
TEST_P(ConsentTest, PublishingIsGuardedAndValidated) {  // R-O7
    auto denied = PublishDocument(Student1(), Ch(), {"user_agreement", "a", "b", "c"});
    ASSERT_FALSE(denied.has_value());
    EXPECT_EQ(denied.error().code, core::ErrorCode::kForbidden);
    auto empty = PublishDocument(Quality(), Ch(), {"user_agreement", "a", "  ", "c"});
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().message_key, "online.text_required");
    EXPECT_EQ(Count("online_document"), 0);
}

/// Staff of faculty 2 do not see faculty 1's student; a student sees only himself.
TEST_P(ConsentTest, CrossFacultyIsNotFound) {  // R-O7
    auto other = ConsentStateOf(Dean(faculty2_), *db_, student1_);
    ASSERT_FALSE(other.has_value());
    EXPECT_EQ(other.error().code, core::ErrorCode::kNotFound);
    EXPECT_TRUE(ConsentStateOf(Dean(faculty1_), *db_, student1_).has_value());
    auto peer = ConsentStateOf(Student2(), *db_, student1_);
    ASSERT_FALSE(peer.has_value());
    EXPECT_EQ(peer.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(ListMoocs(Dean(faculty2_), *db_, student1_).error().code, core::ErrorCode::kNotFound);
}

/// Approved MOOC credits count toward the R-O14 floor and the R-D17 ceiling; submitted ones do not.
TEST_P(MoocTest, ApprovalCountsInShares) {  // R-O14
    auto id = SubmitMooc(
        Student1(), Ch(), student1_,
        {"coursera", "Machine Learning", "https://www.coursera.org/learn/ml", "20", "2026-05-30", ""});
    ASSERT_TRUE(id.has_value()) << id.error().message_key;
    auto shares = MoocSharesOf(Student1(), *db_, student1_);
    ASSERT_TRUE(shares.has_value());
    EXPECT_EQ(shares->approved_credits, 0);
    EXPECT_TRUE(shares->mooc.violated());
    // A student cannot approve his own record; the other faculty's dean's office does not see it.
    EXPECT_EQ(DecideMooc(Student1(), Ch(), *id, "approve").error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(DecideMooc(Dean(faculty2_), Ch(), *id, "approve").error().code, core::ErrorCode::kNotFound);
    ASSERT_TRUE(DecideMooc(Dean(faculty1_), Ch(), *id, "approve").has_value());
    EXPECT_EQ(DecideMooc(Dean(faculty1_), Ch(), *id, "reject").error().code, core::ErrorCode::kConflict);
    ASSERT_TRUE(SubmitMooc(Dean(faculty1_), Ch(), student1_,
                           {"edx", "CS50", "https://cs50.edx.org", "10", "2026-06-01", ""})
                    .has_value());
    shares = MoocSharesOf(Dean(faculty1_), *db_, student1_);
    EXPECT_EQ(shares->approved_credits, 20);
    EXPECT_EQ(shares->programme_credits, 240);
    EXPECT_TRUE(shares->mooc.violated());  // 20 of 240 = 8.3 % < 10 %
    EXPECT_FALSE(shares->nonformal.violated());
    const auto report = ReportMoocCredits(*db_);
    ASSERT_EQ(report.size(), 1u);
    EXPECT_EQ(report[0].credits, 20);
}

/// Bad input is refused with a translated key and nothing is written.
TEST_P(MoocTest, BadInputChangesNothing) {  // R-D17
    auto bad_url = SubmitMooc(Student1(), Ch(), student1_,
                              {"coursera", "ML", "javascript:alert(1)", "5", "2026-05-30", ""});
    ASSERT_FALSE(bad_url.has_value());
    EXPECT_EQ(bad_url.error().message_key, "online.mooc_url_invalid");
    auto bad_credits =
        SubmitMooc(Student1(), Ch(), student1_, {"coursera", "ML", "https://x.kz", "0", "2026-05-30", ""});
    EXPECT_EQ(bad_credits.error().message_key, "online.mooc_credits_invalid");
    auto future =
        SubmitMooc(Student1(), Ch(), student1_, {"coursera", "ML", "https://x.kz", "5", "2027-05-30", ""});
    EXPECT_EQ(future.error().message_key, "online.mooc_date_invalid");
    auto platform =
        SubmitMooc(Student1(), Ch(), student1_, {"myspace", "ML", "https://x.kz", "5", "2026-05-30", ""});
    EXPECT_EQ(platform.error().message_key, "online.mooc_platform_invalid");
    EXPECT_EQ(Count("online_mooc"), 0);
}

/// 71 hours is short, the 72nd hour qualifies, a course older than three years does not count.
TEST_P(QualificationTest, SeventyTwoHoursInThreeYears) {  // R-O16
    // Today is 2026-09-21: the window starts 2023-09-21.
    ASSERT_TRUE(RecordQualification(Teacher1(), Ch(), teacher1_,
                                    {"Old course", "KazNU", "100", "2023-09-01", "2023-09-20", ""})
                    .has_value());
    ASSERT_TRUE(RecordQualification(Teacher1(), Ch(), teacher1_,
                                    {"Moodle for teachers", "Orleu", "71", "2025-01-01", "2025-01-10", ""})
                    .has_value());
    auto refused = CheckCanTeachOnline(Dean(faculty1_), *db_, teacher1_, Now());
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().requirement, "R-O16");
    EXPECT_EQ(refused.error().message_key, "distance.ro16_short");
    auto standing = QualificationOf(Teacher1(), *db_, teacher1_, Now());
    EXPECT_EQ(standing->hours_in_window, 71);
    EXPECT_TRUE(standing->valid_until.empty());
    ASSERT_TRUE(RecordQualification(Dean(faculty1_), Ch(), teacher1_,
                                    {"Online proctoring", "Coursera", "1", "2026-01-01", "2026-01-01", ""})
                    .has_value());
    EXPECT_TRUE(CheckCanTeachOnline(Dean(faculty1_), *db_, teacher1_, Now()).has_value());
    standing = QualificationOf(Teacher1(), *db_, teacher1_, Now());
    EXPECT_EQ(standing->hours_in_window, 72);
    EXPECT_EQ(standing->valid_until, "2028-01-10");  // the 71-hour course leaves the window after
    const auto hours = ReportQualificationHours(*db_, core::KazakhstanDay(Now()));
    ASSERT_EQ(hours.size(), 1u);
    EXPECT_EQ(hours[0].hours, 72);
    // The other faculty's dean's office neither sees nor writes this register.
    EXPECT_EQ(CheckCanTeachOnline(Dean(faculty2_), *db_, teacher1_, Now()).error().code,
              core::ErrorCode::kNotFound);
    EXPECT_EQ(RecordQualification(Dean(faculty2_), Ch(), teacher1_,
                                  {"X", "Y", "10", "2026-01-01", "2026-01-02", ""})
                  .error()
                  .code,
              core::ErrorCode::kNotFound);
    auto bad =
        RecordQualification(Teacher1(), Ch(), teacher1_, {"X", "Y", "10", "2026-02-01", "2026-01-02", ""});
    EXPECT_EQ(bad.error().message_key, "online.course_dates_invalid");
}

class TransferCalendarTest : public TransferTest {
protected:
    void SetUp() override {
        TransferTest::SetUp();
        if (IsSkipped()) return;
        const auto system = auth::SystemPrincipal();
        const academics::Change change{*db_, Now(), ""};
        auto year = academics::CreateYear(system, change, {"2026-2027", "2026-09-01", "2027-06-30"});
        ASSERT_TRUE(year.has_value()) << year.error().message_key;
        ASSERT_TRUE(
            academics::AddPeriod(system, change, *year, {"semester1", "2026-09-01", "2026-12-31", "", ""})
                .has_value());
        ASSERT_TRUE(
            academics::AddPeriod(system, change, *year, {"semester2", "2027-01-19", "2027-05-31", "", ""})
                .has_value());
    }
};

/// Outside the holidays or unpaid, the transfer is refused and the form stays; in the winter
/// break and paid, it changes the student's form through people.
TEST_P(TransferCalendarTest, HolidaysAndPaymentRequired) {  // R-O25
    auto term = RequestTransfer(Student2(), Ch(), student2_, "2026-10-15");
    ASSERT_TRUE(term.has_value()) << term.error().message_key;
    ASSERT_TRUE(MarkTransferPaid(Dean(faculty2_), Ch(), *term, "yes").has_value());
    auto refused = DecideTransfer(Dean(faculty2_), Ch(), *term, "approve");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "distance.ro25_not_holidays");
    ASSERT_TRUE(DecideTransfer(Dean(faculty2_), Ch(), *term, "refuse").has_value());
    auto winter = RequestTransfer(Dean(faculty2_), Ch(), student2_, "2027-01-10");
    ASSERT_TRUE(winter.has_value());
    auto unpaid = DecideTransfer(Dean(faculty2_), Ch(), *winter, "approve");
    ASSERT_FALSE(unpaid.has_value());
    EXPECT_EQ(unpaid.error().message_key, "distance.ro25_unpaid");
    EXPECT_EQ(people::FindStudent(auth::SystemPrincipal(), *db_, people::StudentId{student2_})->form,
              people::StudyForm::kFullTime);
    EXPECT_EQ(MarkTransferPaid(Dean(faculty1_), Ch(), *winter, "yes").error().code,
              core::ErrorCode::kNotFound);
    ASSERT_TRUE(MarkTransferPaid(Dean(faculty2_), Ch(), *winter, "yes").has_value());
    ASSERT_TRUE(DecideTransfer(Dean(faculty2_), Ch(), *winter, "approve").has_value());
    EXPECT_EQ(people::FindStudent(auth::SystemPrincipal(), *db_, people::StudentId{student2_})->form,
              people::StudyForm::kOnline);
    const auto all = ReportTransfers(*db_);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[1].status, "approved");
    EXPECT_TRUE(all[1].paid);
}

/// A bad date is refused with a translated key; a second open request conflicts.
TEST_P(TransferTest, BadDateAndPendingRefused) {  // R-O25
    auto bad = RequestTransfer(Student2(), Ch(), student2_, "31.12.2026");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "online.transfer_date_invalid");
    EXPECT_EQ(Count("online_transfer"), 0);
    ASSERT_TRUE(RequestTransfer(Student2(), Ch(), student2_, "2027-01-10").has_value());
    EXPECT_EQ(RequestTransfer(Student2(), Ch(), student2_, "2027-01-11").error().message_key,
              "online.transfer_pending");
    EXPECT_EQ(RequestTransfer(Student1(), Ch(), student2_, "2027-01-11").error().code,
              core::ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsentTest, people::testing::Backends(),
                         platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, MoocTest, people::testing::Backends(), platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, QualificationTest, people::testing::Backends(),
                         platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, TransferTest, people::testing::Backends(),
                         platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, TransferCalendarTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::online
