#include <gtest/gtest.h>

#include "identity/api.hpp"
#include "people/tests/fixture.hpp"
#include "platform/db/database.hpp"

namespace oqu::people {
namespace {

using testing::As;
using testing::PeopleDbTest;
namespace auth = platform::auth;
namespace csv = platform::csv;

class ImportsTest : public PeopleDbTest {
protected:
    void SetUp() override {
        PeopleDbTest::SetUp();
        if (IsSkipped()) return;
        SetOnline("B057", "allowed");  // R-O2: the rows admit online students into B057.
    }

    std::int64_t Students() {
        return db_->Read([](platform::db::Session& s) {
            return s.Query("SELECT COUNT(*) FROM people_student")[0].Int(0);
        });
    }
};

constexpr const char* kHeaderRu =
    "Фамилия;Имя;Отчество;ИИН;Номер зачётной книжки;Образовательная программа;Курс;Форма обучения;"
    "Финансирование;Логин\r\n";

/// The preview classifies rows and reports errors with row and column; nothing is written.
TEST_P(ImportsTest, PreviewReportsRowsAndWritesNothing) {
    const auto registrar = As(auth::Role::kRegistrar, auth::kInstitution);
    ASSERT_TRUE(CreateStudent(registrar, At(), Draft()).has_value());
    const std::string text = std::string(kHeaderRu) +
                             "Нұрланова;Әлия;Серікқызы;860904350504;S-1;6B06101;3;full_time;state_grant;\r\n"
                             "Ахметов;Ерлан;;950101600124;S-2;6B06101;2;online;paid;\r\n"
                             "Ким;Ирина;;950101600125;S-3;6B06101;9;full_time;paid;\r\n";
    auto preview = PreviewImport(registrar, *db_, ImportKind::kStudents, text, Now());
    ASSERT_TRUE(preview.has_value()) << preview.error().message_key;
    ASSERT_EQ(preview->rows.size(), 3u);
    EXPECT_EQ(preview->rows[0].status, csv::RowStatus::kUpdate);
    EXPECT_EQ(preview->rows[1].status, csv::RowStatus::kNew);
    EXPECT_EQ(preview->rows[2].status, csv::RowStatus::kError);
    const auto errors = preview->AllErrors();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].row, 4u);
    EXPECT_EQ(errors[0].column, "iin");
    EXPECT_EQ(errors[1].column, "course_year");
    EXPECT_EQ(Students(), 1);
}

/// A bad row anywhere changes nothing; a clean file is applied in one go with new accounts.
TEST_P(ImportsTest, BadRowChangesNothingCleanFileCommits) {
    const auto admin = As(auth::Role::kItAdmin, auth::kInstitution);
    const std::string good =
        std::string(kHeaderRu) +
        "Нұрланова;Әлия;Серікқызы;860904350504;S-1;6B06101;1;full_time;state_grant;aliya.n\r\n"
        "Ахметов;Ерлан;;950101600124;S-2;6B06101;2;online;paid;\r\n";
    auto bad = CommitImport(admin, At(), ImportKind::kStudents,
                            good + "Ким;Ирина;;;S-3;6B99999;1;full_time;paid;\r\n");
    ASSERT_TRUE(bad.has_value());
    EXPECT_FALSE(bad->committed);
    EXPECT_EQ(bad->rows[2].errors.at(0).message_key, "people.programme_unknown");
    EXPECT_EQ(Students(), 0);
    auto ok = CommitImport(admin, At(), ImportKind::kStudents, good);
    ASSERT_TRUE(ok.has_value());
    ASSERT_TRUE(ok->committed) << (ok->AllErrors().empty() ? "" : ok->AllErrors()[0].message_key);
    EXPECT_EQ(Students(), 2);
    auto user = db_->Read([](platform::db::Session& s) { return identity::FindUserByLogin(s, "aliya.n"); });
    ASSERT_TRUE(user.has_value());
    EXPECT_EQ(FindStudentByUser(admin, *db_, user->id)->student_number, "S-1");
    // The same file again changes nothing.
    auto again = PreviewImport(admin, *db_, ImportKind::kStudents, good, Now());
    EXPECT_EQ(again->Count(csv::RowStatus::kUnchanged), 2u);
}

/// The own-student lookup that every request of a student makes (quiz starts, course access):
/// the record, its group and that group's stream; nothing for an account that is no student.
TEST_P(ImportsTest, OwnStudentNamesItsGroupAndStream) {
    const auto admin = As(auth::Role::kItAdmin, auth::kInstitution);
    auto ok = CommitImport(
        admin, At(), ImportKind::kStudents,
        std::string(kHeaderRu) +
            "Нұрланова;Әлия;Серікқызы;860904350504;S-1;6B06101;1;full_time;state_grant;aliya.n\r\n");
    ASSERT_TRUE(ok.has_value() && ok->committed);
    auto user = db_->Read([](platform::db::Session& s) { return identity::FindUserByLogin(s, "aliya.n"); });
    ASSERT_TRUE(user.has_value());
    auto own = FindOwnStudent(*db_, user->id);
    ASSERT_TRUE(own.has_value());
    EXPECT_EQ(own->id, FindStudentByUser(admin, *db_, user->id)->id);
    EXPECT_FALSE(own->group.has_value());
    EXPECT_FALSE(own->stream.has_value());

    const auto dean = Dean(faculty1_);
    auto stream = CreateGroup(dean, At(), {"ИС-21-1", "6B06101", "2021", "kk", "", ""});
    auto lab = CreateGroup(dean, At(), {"ИС-21-1а", "6B06101", "2021", "kk", "", "ИС-21-1"});
    ASSERT_TRUE(stream.has_value() && lab.has_value());
    StudentDraft d = Draft();
    d.course_year = "1";
    d.group = "ИС-21-1а";
    ASSERT_TRUE(UpdateStudent(dean, At(), own->id, d).has_value());
    own = FindOwnStudent(*db_, user->id);
    ASSERT_TRUE(own.has_value());
    EXPECT_EQ(own->group, *lab);
    EXPECT_EQ(own->stream, *stream);
    EXPECT_FALSE(FindOwnStudent(*db_, user->id + 1000).has_value());
    EXPECT_FALSE(FindOwnStudent(*db_, 0).has_value());
}

/// A dean's office may import only rows of its own faculty.
TEST_P(ImportsTest, RowsOfAnotherFacultyRefused) {
    const std::string text = std::string(kHeaderRu) + "Ким;Ирина;;;S-3;6B06102;1;full_time;paid;\r\n";
    auto preview = PreviewImport(Dean(faculty1_), *db_, ImportKind::kStudents, text, Now());
    ASSERT_TRUE(preview.has_value());
    EXPECT_EQ(preview->rows[0].errors.at(0).message_key, "people.programme_unknown");
    auto teacher =
        PreviewImport(As(auth::Role::kTeacher, auth::kInstitution), *db_, ImportKind::kStudents, text, Now());
    ASSERT_FALSE(teacher.has_value());
    EXPECT_EQ(teacher.error().code, core::ErrorCode::kForbidden);
}

/// Groups and teachers import through the same frame, with Kazakh titles.
TEST_P(ImportsTest, GroupsAndTeachers) {
    const auto admin = As(auth::Role::kItAdmin, auth::kInstitution);
    auto groups =
        CommitImport(admin, At(), ImportKind::kGroups,
                     "Топ,Білім беру бағдарламасы,Түскен жылы,Оқыту тілі\nИС-21-1,6B06101,2021,kk\n");
    ASSERT_TRUE(groups.has_value());
    EXPECT_TRUE(groups->committed);
    auto teachers =
        CommitImport(admin, At(), ImportKind::kTeachers,
                     "Тегі,Аты,Кафедра,Лауазымы\nСмағұлов,Ерлан,IS,professor\nОспанова,Дина,XX,professor\n");
    ASSERT_TRUE(teachers.has_value());
    EXPECT_FALSE(teachers->committed);
    EXPECT_EQ(teachers->rows[1].errors.at(0).column, "department");
    EXPECT_EQ(ListTeachers(admin, *db_, {})->total, 0);
}

/// An upload is found again only by its owner, for its kind, within the hour.
TEST_P(ImportsTest, UploadTokens) {
    const auto registrar = As(auth::Role::kRegistrar, auth::kInstitution, 7);
    auto token = SaveUpload(registrar, At(), ImportKind::kStudents, "students.csv", "a,b\n");
    ASSERT_TRUE(token.has_value());
    EXPECT_EQ(LoadUpload(registrar, *db_, ImportKind::kStudents, *token, Now()).value_or(""), "a,b\n");
    EXPECT_FALSE(LoadUpload(registrar, *db_, ImportKind::kTeachers, *token, Now()).has_value());
    EXPECT_FALSE(LoadUpload(As(auth::Role::kRegistrar, auth::kInstitution, 8), *db_, ImportKind::kStudents,
                            *token, Now())
                     .has_value());
    EXPECT_FALSE(LoadUpload(registrar, *db_, ImportKind::kStudents, *token, Now() + std::chrono::minutes(61))
                     .has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportsTest, testing::Backends(), platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::people
