#include <gtest/gtest.h>

#include "gradebook/api.hpp"
#include "gradebook/tests/fixture.hpp"

namespace oqu::gradebook {
namespace {

using testing::GradebookDbTest;
namespace auth = platform::auth;

class JournalUseCaseTest : public GradebookDbTest {};
class MarksTest : public GradebookDbTest {};
class ViewsTest : public GradebookDbTest {};

/// A journal is opened with the institution's weights stored on it, once per group, discipline
/// and period; the discipline must be of the group's programme; the act is audited.
TEST_P(JournalUseCaseTest, OpeningChecksAndKeepsThePolicy) {  // R-O22
    const auto audits = Count("SELECT COUNT(*) FROM audit_log");
    const std::int64_t id = Open();
    ASSERT_GT(id, 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'gradebook.open_journal'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audits + 1);
    auto journal = FindJournal(Teacher1(), *db_, id);
    ASSERT_TRUE(journal.has_value());
    EXPECT_EQ(journal->group_code, "ИС-26-1");
    EXPECT_EQ(journal->discipline_code, "IS 2201");
    EXPECT_EQ(journal->credits, 5);
    EXPECT_EQ(journal->period_kind, "semester1");
    EXPECT_EQ(journal->weeks, kDefaultWeeks);
    EXPECT_EQ(journal->policy.weights.exam, 40);
    EXPECT_FALSE(journal->closed);

    const auto again =
        OpenJournal(Teacher1(), Ch(),
                    {std::to_string(group1_), std::to_string(discipline1_), std::to_string(period_), ""});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().message_key, "gradebook.journal_exists");
    const auto foreign = OpenJournal(
        Teacher1(), Ch(),
        {std::to_string(group1_), std::to_string(discipline_other_), std::to_string(period_), ""});
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().message_key, "gradebook.discipline_invalid");
    // Another faculty's group is no group for this teacher.
    const auto outside = OpenJournal(
        Teacher1(), Ch(),
        {std::to_string(group2_), std::to_string(discipline_other_), std::to_string(period_), ""});
    ASSERT_FALSE(outside.has_value());
    EXPECT_EQ(outside.error().message_key, "gradebook.group_invalid");
    const auto weeks =
        OpenJournal(Teacher1(), Ch(),
                    {std::to_string(group1_), std::to_string(discipline2_), std::to_string(period_), "31"});
    ASSERT_FALSE(weeks.has_value());
    EXPECT_EQ(weeks.error().message_key, "gradebook.weeks_invalid");
    const auto student =
        OpenJournal(Student(0), Ch(),
                    {std::to_string(group1_), std::to_string(discipline2_), std::to_string(period_), ""});
    ASSERT_FALSE(student.has_value());
    EXPECT_EQ(student.error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_journal"), 1);
}

/// A course's weights may replace the policy's within its bounds; the dean's office sets them.
TEST_P(JournalUseCaseTest, WeightsWithinBounds) {  // R-O22
    const std::int64_t id = Open();
    EXPECT_EQ(SetJournalWeights(Teacher1(), Ch(), id, {10, 20, 20, 50}).error().code,
              core::ErrorCode::kForbidden);
    auto bad = SetJournalWeights(Dean(faculty1_), Ch(), id, {10, 10, 10, 70});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "gradebook.weight_bounds");
    ASSERT_TRUE(SetJournalWeights(Dean(faculty1_), Ch(), id, {10, 20, 20, 50}).has_value());
    EXPECT_EQ(FindJournal(Teacher1(), *db_, id)->policy.weights.exam, 50);
}

/// Marks of the four parts give the final mark, letter and GPA points; every change is a
/// footprint event and a history row.
TEST_P(MarksTest, EnteredMarksAreGraded) {  // R-O22 R-D9
    const std::int64_t id = Open();
    const auto footprints =
        Count("SELECT COUNT(*) FROM audit_footprint WHERE action = 'gradebook.enter_mark'");
    auto saved = Marks(Teacher1(), id, 0, 90, 80, 70, 60);
    ASSERT_TRUE(saved.has_value()) << saved.error().message_key;
    ASSERT_EQ(saved->size(), 5U);
    EXPECT_TRUE(saved->back().changed);
    EXPECT_EQ(*saved->back().result.result.final_mark, 72);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_footprint WHERE action = 'gradebook.enter_mark'"),
              footprints + 5);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark_change"), 5);
    auto sheet = LoadSheet(Teacher1(), *db_, id);
    ASSERT_TRUE(sheet.has_value());
    ASSERT_EQ(sheet->rows.size(), 3U);
    EXPECT_TRUE(sheet->can_enter);
    EXPECT_FALSE(sheet->can_close);
    const SheetRow* row = nullptr;
    for (const auto& r : sheet->rows) {
        if (r.student_id == students_[0]) row = &r;
    }
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(*row->result.current, 90);
    EXPECT_EQ(*row->result.result.admission, 80);
    EXPECT_EQ(row->result.result.letter->name, "C+");
    EXPECT_DOUBLE_EQ(row->result.result.letter->points, 2.33);
    // The same value again changes nothing; clearing a mark is a change.
    auto same = EnterMarks(Teacher1(), Ch(), id, {{students_[0], "exam", "60", ""}});
    ASSERT_TRUE(same.has_value());
    EXPECT_FALSE(same->front().changed);
    auto cleared = EnterMarks(Teacher1(), Ch(), id, {{students_[0], "exam", "", ""}});
    ASSERT_TRUE(cleared.has_value());
    EXPECT_TRUE(cleared->front().changed);
    EXPECT_EQ(cleared->front().result.result.outcome, Outcome::kIncomplete);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark_change"), 6);
}

/// A mark outside 0-100 (or a bad cell or a student not on the roster) refuses the whole batch:
/// nothing is written.
TEST_P(MarksTest, BadEntryChangesNothing) {  // R-O22
    const std::int64_t id = Open();
    const auto footprints = Count("SELECT COUNT(*) FROM audit_footprint");
    const std::vector<std::pair<MarkEntry, std::string>> cases = {
        {{students_[1], "rk1", "101", ""}, "gradebook.mark_range"},
        {{students_[1], "rk1", "-3", ""}, "gradebook.mark_range"},
        {{students_[1], "w16", "50", ""}, "gradebook.cell_invalid"},
        {{other_student_, "rk1", "50", ""}, "gradebook.student_invalid"},
    };
    for (const auto& [bad, key] : cases) {
        auto refused = EnterMarks(Teacher1(), Ch(), id, {{students_[0], "rk1", "80", ""}, bad});
        ASSERT_FALSE(refused.has_value()) << key;
        EXPECT_EQ(refused.error().message_key, key);
        EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidInput);
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_footprint"), footprints);
}

/// The re-exam is open only after an FX.
TEST_P(MarksTest, ReExamOnlyAfterFx) {  // R-O22
    const std::int64_t id = Open();
    ASSERT_TRUE(Marks(Teacher1(), id, 0, 100, 100, 100, 90).has_value());
    auto refused = EnterMarks(Teacher1(), Ch(), id, {{students_[0], "reexam", "70", ""}});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kRuleViolation);
    EXPECT_EQ(refused.error().message_key, "gradebook.reexam_not_allowed");
    ASSERT_TRUE(EnterMarks(Teacher1(), Ch(), id, {{students_[0], "exam", "30", ""}}).has_value());
    auto re = EnterMarks(Teacher1(), Ch(), id, {{students_[0], "reexam", "70", ""}});
    ASSERT_TRUE(re.has_value());
    EXPECT_EQ(re->front().result.result.outcome, Outcome::kPassed);
    EXPECT_EQ(*re->front().result.result.final_mark, 88);  // 60 + 0.4 * 70
}

/// The dean's office closes the journal; afterwards a teacher cannot change a mark, and the dean's
/// office can only with a reason — an audited act.
TEST_P(MarksTest, ClosedJournalNeedsTheDeansOfficeAndAReason) {  // R-O22
    const std::int64_t id = Open();
    ASSERT_TRUE(Marks(Teacher1(), id, 0, 90, 80, 70, 60).has_value());
    EXPECT_EQ(CloseJournal(Teacher1(), Ch(), id).error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(CloseJournal(Dean(faculty2_), Ch(), id).error().code, core::ErrorCode::kNotFound);
    ASSERT_TRUE(CloseJournal(Dean(faculty1_), Ch(), id).has_value());
    EXPECT_EQ(CloseJournal(Dean(faculty1_), Ch(), id).error().message_key, "gradebook.journal_closed");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'gradebook.close_journal'"), 1);

    auto teacher = EnterMarks(Teacher1(), Ch(), id, {{students_[0], "exam", "65", ""}});
    ASSERT_FALSE(teacher.has_value());
    EXPECT_EQ(teacher.error().code, core::ErrorCode::kForbidden);
    EXPECT_EQ(teacher.error().message_key, "gradebook.journal_closed");
    EXPECT_FALSE(LoadSheet(Teacher1(), *db_, id)->can_enter);
    auto no_reason = EnterMarks(Dean(faculty1_), Ch(), id, {{students_[0], "exam", "65", " "}});
    ASSERT_FALSE(no_reason.has_value());
    EXPECT_EQ(no_reason.error().message_key, "gradebook.reason_required");
    const auto audits = Count("SELECT COUNT(*) FROM audit_log");
    auto dean = EnterMarks(Dean(faculty1_), Ch(), id, {{students_[0], "exam", "65", "Апелляция №4"}});
    ASSERT_TRUE(dean.has_value());
    EXPECT_EQ(*dean->front().mark, 65);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'gradebook.change_closed_mark'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audits + 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_footprint WHERE action = 'gradebook.change_closed_mark'"), 1);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM gradebook_mark_change WHERE after_close = 1 AND reason = 'Апелляция №4'"),
        1);
}

/// A retried save with the same (client, seq) is applied once; the answer says so.
TEST_P(MarksTest, RetriedSaveIsAppliedOnce) {  // R-O22
    const std::int64_t id = Open();
    const SaveKey key{"page-4f2a9c1b", 7};
    auto first = EnterMarks(Teacher1(), Ch(), id, {{students_[1], "w3", "75", ""}}, key);
    ASSERT_TRUE(first.has_value());
    EXPECT_FALSE(first->front().duplicate);
    // Meanwhile someone else changes the cell; the retry of seq 7 must not put 75 back.
    ASSERT_TRUE(EnterMarks(Dean(faculty1_), Ch(), id, {{students_[1], "w3", "80", ""}}).has_value());
    auto retry = EnterMarks(Teacher1(), Ch(), id, {{students_[1], "w3", "75", ""}}, key);
    ASSERT_TRUE(retry.has_value());
    EXPECT_TRUE(retry->front().duplicate);
    EXPECT_FALSE(retry->front().changed);
    EXPECT_EQ(*retry->front().mark, 80);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark_change"), 2);
    auto next =
        EnterMarks(Teacher1(), Ch(), id, {{students_[1], "w3", "75", ""}}, SaveKey{"page-4f2a9c1b", 8});
    ASSERT_TRUE(next.has_value());
    EXPECT_TRUE(next->front().changed);
    auto bad = EnterMarks(Teacher1(), Ch(), id, {{students_[1], "w3", "70", ""}}, SaveKey{"x", 9});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "gradebook.save_key_invalid");
}

/// Another faculty's dean's office neither sees nor changes the journal; a student and the
/// curator of another group see nothing either.
TEST_P(ViewsTest, OutsideTheScopeIsNotFound) {  // R-O22
    const std::int64_t id = Open();
    EXPECT_EQ(FindJournal(Dean(faculty2_), *db_, id).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(LoadSheet(Student(0), *db_, id).error().code, core::ErrorCode::kNotFound);
    auto write = EnterMarks(Dean(faculty2_), Ch(), id, {{students_[0], "rk1", "50", ""}});
    ASSERT_FALSE(write.has_value());
    EXPECT_EQ(write.error().code, core::ErrorCode::kNotFound);
    EXPECT_TRUE(ListJournals(Dean(faculty2_), *db_).empty());
    EXPECT_EQ(ListJournals(Dean(faculty1_), *db_).size(), 1U);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM gradebook_mark"), 0);
}

/// The curator (adviser) of a group sees its journals and transcripts, even from a grant in
/// another faculty, but enters no marks.
TEST_P(ViewsTest, CuratorSeesHisGroup) {  // R-O22 R-D9
    const std::int64_t id = Open();
    EXPECT_TRUE(LoadSheet(Curator(), *db_, id).has_value());
    EXPECT_FALSE(LoadSheet(Curator(), *db_, id)->can_enter);
    EXPECT_EQ(ListJournals(Curator(), *db_, {.curated = true}).size(), 1U);
    EXPECT_TRUE(TranscriptOf(Curator(), *db_, students_[0]).has_value());
    // Another adviser of the same (other) faculty, who curates no group here, sees nothing.
    const auto stranger =
        people::testing::As(auth::Role::kAdviser, {auth::ScopeKind::kFaculty, faculty2_}, 699);
    EXPECT_EQ(LoadSheet(stranger, *db_, id).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(TranscriptOf(stranger, *db_, students_[0]).error().code, core::ErrorCode::kNotFound);
    EXPECT_TRUE(ListJournals(stranger, *db_).empty());
    auto write = EnterMarks(Curator(), Ch(), id, {{students_[0], "rk1", "50", ""}});
    ASSERT_FALSE(write.has_value());
    EXPECT_EQ(write.error().code, core::ErrorCode::kForbidden);
}

/// A student sees his own marks and GPA (credit-weighted over the disciplines with a final mark),
/// and nobody else's.
TEST_P(ViewsTest, StudentSeesOwnMarksAndGpa) {  // R-D9 R-O22
    const std::int64_t j1 = Open();
    const std::int64_t j2 = Open(discipline2_);
    ASSERT_TRUE(Marks(Teacher1(), j1, 0, 100, 100, 100, 90).has_value());  // 96: A, 4.0, 5 credits
    ASSERT_TRUE(Marks(Teacher1(), j2, 0, 80, 80, 80, 80).has_value());     // 80: B, 3.0, 3 credits
    ASSERT_TRUE(Marks(Teacher1(), j1, 1, 50, 50, 50, 50).has_value());
    auto own = OwnStudentId(Student(0), *db_);
    ASSERT_TRUE(own.has_value());
    EXPECT_EQ(*own, students_[0]);
    auto transcript = TranscriptOf(Student(0), *db_, *own);
    ASSERT_TRUE(transcript.has_value());
    ASSERT_EQ(transcript->lines.size(), 2U);
    EXPECT_EQ(transcript->credits, 8);
    EXPECT_DOUBLE_EQ(transcript->gpa, 3.63);  // (20 + 9) / 8 = 3.625
    EXPECT_EQ(transcript->lines[0].result.result.letter->name, "A");
    EXPECT_EQ(TranscriptOf(Student(0), *db_, students_[1]).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(OwnStudentId(Teacher1(), *db_).error().message_key, "gradebook.not_a_student");
    EXPECT_TRUE(TranscriptOf(Dean(faculty1_), *db_, students_[1]).has_value());
    EXPECT_EQ(TranscriptOf(Dean(faculty2_), *db_, students_[1]).error().code, core::ErrorCode::kNotFound);
}

/// The opening form offers the groups of the actor's scope, the chosen group's curriculum and
/// the periods.
TEST_P(ViewsTest, ChoicesFollowTheScope) {  // R-O22
    auto choices = ChoicesFor(Teacher1(), *db_, group1_);
    ASSERT_TRUE(choices.has_value());
    ASSERT_EQ(choices->groups.size(), 1U);
    EXPECT_EQ(choices->groups[0].code, "ИС-26-1");
    EXPECT_EQ(choices->disciplines.size(), 2U);
    EXPECT_EQ(choices->periods.size(), 1U);
    auto other = ChoicesFor(Teacher1(), *db_, group2_);
    ASSERT_TRUE(other.has_value());
    EXPECT_FALSE(other->group_id.has_value());
    EXPECT_TRUE(other->disciplines.empty());
    EXPECT_EQ(ChoicesFor(Student(0), *db_, std::nullopt).error().code, core::ErrorCode::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, JournalUseCaseTest, people::testing::Backends(),
                         platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, MarksTest, people::testing::Backends(),
                         platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, ViewsTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::gradebook
