#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "assessment/attempt_service.hpp"
#include "courses/tests/fixture.hpp"
#include "platform/jobs/queue.hpp"

namespace oqu::assessment::testing {

namespace auth = platform::auth;
using people::testing::As;

/// The courses fixture plus the jobs and assessment schemas, a course of discipline 1 taught by
/// teacher 1 (account 601) and attended by group ИС-26-1 (student of account 504); the online
/// student (account 505) is not of the course. Quizzes and questions are written as the bank's
/// tables hold them.
class AttemptsDbTest : public courses::testing::CoursesDbTest {
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
        jobs_ = std::make_unique<platform::jobs::JobQueue>(*db_);
        category_ = Exec1(
            "INSERT INTO assessment_category (course_id, name, position) VALUES (?, 'Week 1', 1) RETURNING "
            "id",
            {course_});
    }

    static auth::Principal Student() { return StudentFull(); }
    static auth::Principal Outsider() { return StudentOnline(); }

    std::int64_t Exec1(const std::string& sql, const platform::db::Params& params) {
        return db_->Transact([&](platform::db::Session& s) { return s.Query(sql, params)[0].Int(0); });
    }

    /// A question of the course's bank in `category` (the fixture's when 0).
    std::int64_t AddQuestion(const Question& q, std::int64_t category = 0) {
        return Exec1(
            "INSERT INTO assessment_question (course_id, category_id, type, name, body, version, created_by, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0, 0) RETURNING id",
            {course_, category != 0 ? category : category_, std::string(TypeName(q.type)), q.name,
             QuestionJson(q)});
    }

    /// Changes a question in the bank as an edit does: new body, version + 1.
    void EditQuestion(std::int64_t id, const Question& q) {
        db_->Transact([&](platform::db::Session& s) {
            s.Exec("UPDATE assessment_question SET body = ?, version = version + 1 WHERE id = ?",
                   {QuestionJson(q), id});
        });
    }

    static Question Choice(const std::string& text, int right, int count = 3) {
        Question q;
        q.type = QuestionType::kSingleChoice;
        q.name = text;
        q.text = text;
        for (int i = 0; i < count; ++i) {
            Answer a;
            a.text = "variant " + std::to_string(i + 1);
            a.fraction = i == right ? 1.0 : 0.0;
            q.answers.push_back(a);
        }
        return q;
    }

    static Question Essay(const std::string& text) {
        Question q;
        q.type = QuestionType::kEssay;
        q.name = text;
        q.text = text;
        return q;
    }

    struct QuizOptions {
        core::Instant opens = Now();
        core::Instant closes = Now() + std::chrono::hours(24);
        std::optional<int> time_limit_seconds = 40 * 60;
        int attempts_allowed = 1;
        std::string review = "after_submit";
        bool shuffle_questions = false;
        bool shuffle_answers = false;
    };

    std::int64_t AddQuiz(const QuizOptions& o) {
        return Exec1(
            "INSERT INTO assessment_quiz (course_id, title, opens_at, closes_at, time_limit_seconds, "
            "attempts_allowed, "
            "shuffle_questions, shuffle_answers, review, max_mark, published, created_by, created_at, "
            "updated_at) "
            "VALUES (?, 'РК1', ?, ?, ?, ?, ?, ?, ?, 0, 1, 0, 0, 0) RETURNING id",
            {course_, core::ToMicros(o.opens), core::ToMicros(o.closes),
             o.time_limit_seconds ? platform::db::Value{static_cast<std::int64_t>(*o.time_limit_seconds)}
                                  : platform::db::Value{},
             static_cast<std::int64_t>(o.attempts_allowed), static_cast<std::int64_t>(o.shuffle_questions),
             static_cast<std::int64_t>(o.shuffle_answers), o.review});
    }

    void AddRule(std::int64_t quiz, std::optional<std::int64_t> question,
                 std::optional<std::int64_t> category, int draw, double mark) {
        db_->Transact([&](platform::db::Session& s) {
            const auto position =
                s.Query("SELECT COUNT(*) FROM assessment_quiz_rule WHERE quiz_id = ?", {quiz})[0].Int(0);
            s.Exec(
                "INSERT INTO assessment_quiz_rule (quiz_id, position, question_id, category_id, draw_count, "
                "mark) VALUES "
                "(?, ?, ?, ?, ?, ?)",
                {quiz, position + 1, question ? platform::db::Value{*question} : platform::db::Value{},
                 category ? platform::db::Value{*category} : platform::db::Value{},
                 static_cast<std::int64_t>(draw), mark});
        });
    }

    /// Another student of group ИС-26-1 linked to account `user_id`.
    auth::Principal AddStudent(std::int64_t user_id) {
        people::StudentDraft d = Draft("", "S-" + std::to_string(user_id));
        d.group = "ИС-26-1";
        const auto id = Must(people::CreateStudent(auth::SystemPrincipal(), At(), d)).value;
        db_->Transact([&](platform::db::Session& s) {
            s.Exec("UPDATE people_student SET user_id = ? WHERE id = ?", {user_id, id});
        });
        return As(auth::Role::kStudent, auth::kInstitution, user_id);
    }

    std::int64_t Scalar(const std::string& sql, const platform::db::Params& params = {}) {
        return db_->Read([&](platform::db::Session& s) { return s.Query(sql, params)[0].Int(0); });
    }

    std::int64_t course_ = 0;
    std::int64_t category_ = 0;
    std::unique_ptr<platform::jobs::JobQueue> jobs_;
};

}  // namespace oqu::assessment::testing
