#pragma once

#include <string>

#include <gtest/gtest.h>

#include "assignments/api.hpp"
#include "assignments/domain/rules.hpp"
#include "courses/tests/fixture.hpp"
#include "platform/db/database.hpp"
#include "platform/jobs/queue.hpp"

namespace oqu::assignments::testing {

namespace auth = platform::auth;
using people::testing::As;

/// The courses fixture plus the jobs, integrity, gradebook and assignments schemas and two courses of
/// faculty 1: course A (semester 1) taught by teacher 1 (account 601) with groups ИС-26-1 (student
/// of account 504) and ИС-26-2 (online student of account 505); course B (semester 2) taught by
/// a teacher of department EC (account 604) without groups.
class AssignmentsDbTest : public courses::testing::CoursesDbTest {
protected:
    void SetUp() override {
        CoursesDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        for (const auto& [module, dir] :
             std::vector<std::pair<std::string, std::string>>{{"jobs", "platform/jobs/schema"},
                                                              {"integrity", "integrity/schema"},
                                                              {"gradebook", "gradebook/schema"},
                                                              {"assignments", "assignments/schema"}}) {
            (void)platform::db::Migrate(*db_,
                                        platform::db::LoadMigrations(module, root / dir, db_->dialect()));
        }
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        Qualify(teacher1_);
        course_ = MakeCourse();
        ASSERT_TRUE(courses::AssignTeacher(Dean1(), Cc(), course_, teacher1_).has_value());
        ASSERT_TRUE(courses::AttachGroup(Dean1(), Cc(), course_, group1_, "stream").has_value());
        ASSERT_TRUE(courses::AttachGroup(Dean1(), Cc(), course_, group_online_, "stream").has_value());
        other_course_ = MakeCourse(false, period2_);
        people::TeacherDraft t{"Серіков", "Арман", "", "", "EC", "senior_lecturer", "", ""};
        stranger_ = Must(people::CreateTeacher(auth::SystemPrincipal(), At(), t)).value;
        db_->Transact([&](platform::db::Session& s) {
            s.Exec("UPDATE people_teacher SET user_id = 604 WHERE id = ?", {stranger_});
        });
        ASSERT_TRUE(courses::AssignTeacher(Dean1(), Cc(), other_course_, stranger_).has_value());
    }

    void TearDown() override {
        jobs_.reset();
        CoursesDbTest::TearDown();
    }

    /// The teacher of course B (department EC of faculty 2, account 604).
    static auth::Principal Stranger() { return As(auth::Role::kTeacher, auth::kInstitution, 604); }
    static core::Instant Local(const char* text) { return *ParseLocalTime(text); }
    Change When(core::Instant now) { return Change{*db_, now, "127.0.0.1"}; }
    Change Ac() { return When(Now()); }

    /// A text assignment of course A: opens 1 Sep, due 10 Oct 23:59, cut-off 15 Oct 23:59, 10% a
    /// day up to 30%, out of 100.
    static AssignmentDraft TextDraft() {
        AssignmentDraft d;
        d.title = "Essay on normal forms";
        d.instructions = "Write **two** pages.";
        d.submission_type = "text";
        d.opens_at = "2026-09-01T09:00";
        d.due_at = "2026-10-10T23:59";
        d.cutoff_at = "2026-10-15T23:59";
        d.late_policy = "penalty";
        d.penalty_per_day = "10";
        d.penalty_cap = "30";
        d.max_mark = "100";
        d.group_mode = "none";
        return d;
    }

    std::int64_t Make(const AssignmentDraft& draft, std::int64_t course = 0) {
        auto id = CreateAssignment(course == other_course_ ? Stranger() : Teacher1(), Ac(),
                                   course != 0 ? course : course_, draft);
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key + ": " + id.error().detail);
        return id ? *id : 0;
    }

    /// A final text version at `now` by `who`.
    core::Result<Receipt> Hand(const auth::Principal& who, std::int64_t assignment, core::Instant now,
                               const std::string& text = "My essay about the third normal form.") {
        SubmissionDraft d;
        d.text = text;
        return Submit(who, When(now), *jobs_, assignment, d);
    }

    std::unique_ptr<platform::jobs::JobQueue> jobs_;
    std::int64_t course_ = 0, other_course_ = 0, stranger_ = 0;
};

}  // namespace oqu::assignments::testing
