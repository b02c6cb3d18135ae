#pragma once

#include <string>

#include <gtest/gtest.h>

#include "assessment/bank.hpp"
#include "courses/tests/fixture.hpp"

namespace oqu::assessment::testing {

namespace auth = platform::auth;
using people::testing::As;

/// The courses fixture plus the assessment schema: course_ (discipline 1, semester 1) taught by
/// teacher 1 (account 601) to group ИС-26-1 (student of account 504), and other_course_ (the same
/// discipline in semester 2) taught by another teacher of the department (account 602), who is
/// no teacher of course_.
class BankDbTest : public courses::testing::CoursesDbTest {
protected:
    void SetUp() override {
        CoursesDbTest::SetUp();
        if (IsSkipped()) return;
        const auto root = people::testing::ResourceDir();
        platform::db::Migrate(
            *db_, platform::db::LoadMigrations("jobs", root / "platform/jobs/schema", db_->dialect()));
        platform::db::Migrate(
            *db_, platform::db::LoadMigrations("assessment", root / "assessment/schema", db_->dialect()));
        course_ = MakeCourse();
        ASSERT_TRUE(courses::AssignTeacher(Dean1(), Cc(), course_, teacher1_).has_value());
        ASSERT_TRUE(courses::AttachGroup(Dean1(), Cc(), course_, group1_, "stream").has_value());
        people::TeacherDraft t{"Серікова", "Айгерім", "", "", "IS", "senior_lecturer", "", ""};
        teacher2_ = Must(people::CreateTeacher(auth::SystemPrincipal(), At(), t)).value;
        db_->Transact([&](platform::db::Session& s) {
            s.Exec("UPDATE people_teacher SET user_id = 602 WHERE id = ?", {teacher2_});
            return 0;
        });
        other_course_ = MakeCourse(false, period2_);
        ASSERT_TRUE(courses::AssignTeacher(Dean1(), Cc(), other_course_, teacher2_).has_value());
    }

    static auth::Principal Teacher2() { return As(auth::Role::kTeacher, auth::kInstitution, 602); }
    BankChange Bc() { return BankChange{*db_, Now(), "192.0.2.1"}; }

    std::int64_t Scalar(const std::string& sql, const platform::db::Params& params = {}) {
        return db_->Read([&](platform::db::Session& s) { return s.Query(sql, params)[0].Int(0); });
    }

    /// A category of course_ made by its teacher.
    std::int64_t Category(const std::string& name, const std::string& parent = "") {
        auto id = AddCategory(Teacher1(), Bc(), course_, name, parent);
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message_key);
        return id ? *id : 0;
    }

    static QuestionDraft Choice(const std::string& text) {
        QuestionDraft d;
        d.type = "single_choice";
        d.text = text;
        d.answers = {{"Астана", "100", "", "", ""}, {"Алматы", "0", "", "", ""}, {"Шымкент", "", "", "", ""}};
        return d;
    }

    std::int64_t course_ = 0, other_course_ = 0, teacher2_ = 0;
};

}  // namespace oqu::assessment::testing
