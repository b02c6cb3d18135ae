#pragma once

#include <string>

#include <gtest/gtest.h>

#include "online/api.hpp"
#include "people/tests/fixture.hpp"
#include "platform/db/database.hpp"

namespace oqu::online::testing {

namespace auth = platform::auth;
using people::testing::As;

/// The people fixture (two faculties, programmes of B057) plus the online schema, one student
/// per faculty linked to accounts 501 and 502, and a teacher of faculty 1 linked to account 601.
class OnlineDbTest : public people::testing::PeopleDbTest {
protected:
    void SetUp() override {
        PeopleDbTest::SetUp();
        if (IsSkipped()) return;
        (void)platform::db::Migrate(
            *db_, platform::db::LoadMigrations("online", people::testing::ResourceDir() / "online/schema",
                                               db_->dialect()));
        SetOnline("B057", "allowed");
        people::StudentDraft a = Draft();
        a.study_form = "online";
        student1_ = Must(people::CreateStudent(auth::SystemPrincipal(), At(), a)).value;
        people::StudentDraft b = Draft("950101600124", "S-2");
        b.programme = "6B06102";
        student2_ = Must(people::CreateStudent(auth::SystemPrincipal(), At(), b)).value;
        people::TeacherDraft t{"Ахметов", "Ерлан", "", "", "IS", "senior_lecturer", "", ""};
        teacher1_ = Must(people::CreateTeacher(auth::SystemPrincipal(), At(), t)).value;
        db_->Transact([&](platform::db::Session& s) {
            s.Exec("UPDATE people_student SET user_id = 501 WHERE id = ?", {student1_});
            s.Exec("UPDATE people_student SET user_id = 502 WHERE id = ?", {student2_});
            s.Exec("UPDATE people_teacher SET user_id = 601 WHERE id = ?", {teacher1_});
            return 0;
        });
    }

    Change Ch() { return Change{*db_, Now(), "127.0.0.1"}; }
    static auth::Principal Student1() { return As(auth::Role::kStudent, auth::kInstitution, 501); }
    static auth::Principal Student2() { return As(auth::Role::kStudent, auth::kInstitution, 502); }
    static auth::Principal Teacher1() { return As(auth::Role::kTeacher, auth::kInstitution, 601); }
    static auth::Principal Quality() { return As(auth::Role::kQualityOfficer, auth::kInstitution, 700); }

    /// Publishes one version of each document.
    void PublishAll() {
        for (DocumentKind kind : kDocumentKinds) {
            ASSERT_TRUE(PublishDocument(Quality(), Ch(),
                                        {std::string(DocumentKindName(kind)), "мәтін", "текст", "text"})
                            .has_value());
        }
    }

    /// Counts rows of a table.
    std::int64_t Count(const std::string& table) {
        return db_->Read(
            [&](platform::db::Session& s) { return s.Query("SELECT COUNT(*) FROM " + table)[0].Int(0); });
    }

    std::int64_t student1_ = 0, student2_ = 0, teacher1_ = 0;
};

}  // namespace oqu::online::testing
