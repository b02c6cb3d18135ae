#include <string>

#include <gtest/gtest.h>

#include "courses/support.hpp"
#include "courses/tests/fixture.hpp"
#include "gradebook/api.hpp"

namespace oqu::courses::testing {
namespace {

/// The courses fixture plus the gradebook's schema: journals of the course's groups.
class CourseJournalsTest : public CoursesDbTest {
protected:
    void SetUp() override {
        CoursesDbTest::SetUp();
        if (IsSkipped()) return;
        (void)platform::db::Migrate(
            *db_, platform::db::LoadMigrations(
                      "gradebook", people::testing::ResourceDir() / "gradebook/schema", db_->dialect()));
    }

    std::int64_t Journal(std::int64_t group, std::int64_t period) {
        auto id = gradebook::OpenJournal(
            Dean1(), {*db_, Now(), ""},
            {std::to_string(group), std::to_string(discipline1_), std::to_string(period), ""});
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key);
        return id ? *id : 0;
    }

    gradebook::Weights WeightsOf(std::int64_t journal) {
        return gradebook::FindJournal(Dean1(), *db_, journal)->policy.weights;
    }
};

/// R-O22: the course's assessment policy reaches the open journals of its groups in its
/// discipline and period; a closed journal and another period's keep theirs; a group attached
/// later takes it too.
TEST_P(CourseJournalsTest, CourseWeightsReachTheOpenJournals) {  // R-O22
    if (IsSkipped()) return;
    const std::int64_t id = MakeCourse();
    Qualify(teacher1_);  // the online group makes the course online (R-O16)
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    const std::int64_t open = Journal(group1_, period1_);
    const std::int64_t later = Journal(group1_, period2_);
    const std::int64_t closed = Journal(group_online_, period1_);
    ASSERT_TRUE(gradebook::CloseJournal(Dean1(), {*db_, Now(), ""}, closed).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group_online_, "stream").has_value());
    const gradebook::Weights before = WeightsOf(open);
    ASSERT_TRUE(SetWeights(Teacher1(), Cc(), id, {10, 20, 20, 50}).has_value());
    EXPECT_EQ(WeightsOf(open), (gradebook::Weights{10, 20, 20, 50}));
    EXPECT_EQ(WeightsOf(later), before);
    EXPECT_EQ(WeightsOf(closed), before);
    // Weights out of the policy's bounds change neither the course nor a journal.
    EXPECT_FALSE(SetWeights(Teacher1(), Cc(), id, {0, 0, 0, 100}).has_value());
    EXPECT_EQ(WeightsOf(open), (gradebook::Weights{10, 20, 20, 50}));
    EXPECT_EQ(Audited("gradebook.set_weights"), 1);
}

/// A group attached after the policy is set gets it on its open journal.
TEST_P(CourseJournalsTest, AGroupAttachedLaterTakesTheWeights) {  // R-O22
    if (IsSkipped()) return;
    const std::int64_t id = MakeCourse();
    ASSERT_TRUE(SetWeights(Dean1(), Cc(), id, {30, 15, 15, 40}).has_value());
    const std::int64_t journal = Journal(group1_, period1_);
    EXPECT_EQ(WeightsOf(journal), (gradebook::Weights{20, 20, 20, 40}));
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    EXPECT_EQ(WeightsOf(journal), (gradebook::Weights{30, 15, 15, 40}));
}

/// With the courses check installed, a teacher enters marks only in the journals of the courses
/// he teaches (this discipline, period and group); the dean's office is not narrowed.
TEST_P(CourseJournalsTest, OnlyTheCourseTeachersEnterMarks) {
    if (IsSkipped()) return;
    detail::InstallJournalTeacherCheck();
    const std::int64_t id = MakeCourse();
    const std::int64_t journal = Journal(group1_, period1_);
    const std::vector<gradebook::MarkEntry> entry{{student_full_, "w1", "80", ""}};
    auto refused = gradebook::EnterMarks(Teacher1(), {*db_, Now(), ""}, journal, entry);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "gradebook.not_journal_teacher");
    EXPECT_FALSE(gradebook::LoadSheet(Teacher1(), *db_, journal)->can_enter);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    // Teaching the course is not enough while the group is not one of its groups.
    EXPECT_FALSE(gradebook::EnterMarks(Teacher1(), {*db_, Now(), ""}, journal, entry).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    EXPECT_TRUE(gradebook::EnterMarks(Teacher1(), {*db_, Now(), ""}, journal, entry).has_value());
    EXPECT_TRUE(gradebook::LoadSheet(Teacher1(), *db_, journal)->can_enter);
    EXPECT_TRUE(gradebook::EnterMarks(Dean1(), {*db_, Now(), ""}, journal, entry).has_value());
    // The same teacher and group in another period's journal: not his course there.
    const std::int64_t other = Journal(group1_, period2_);
    EXPECT_FALSE(gradebook::EnterMarks(Teacher1(), {*db_, Now(), ""}, other, entry).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, CourseJournalsTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::courses::testing
