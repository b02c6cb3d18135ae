// The question bank and quiz authoring use cases on SQLite and PostgreSQL (R-A5, R-A7).
#include <set>

#include <gtest/gtest.h>

#include "assessment/moodle_xml.hpp"
#include "assessment/tests/bank_fixture.hpp"

namespace oqu::assessment::testing {
namespace {

using core::ErrorCode;

TEST_P(BankDbTest, CategoriesNestAndOnlyEmptyOnesAreRemoved) {  // R-A5
    const auto week = Category("Апта 1");
    const auto sql = Category("SQL", std::to_string(week));
    EXPECT_EQ(AddCategory(Teacher1(), Bc(), course_, "SQL", std::to_string(week)).error().message_key,
              "assessment.bank.category_exists");
    EXPECT_EQ(AddCategory(Teacher1(), Bc(), course_, "Апта 1", "").error().message_key,
              "assessment.bank.category_exists");
    EXPECT_EQ(AddCategory(Teacher1(), Bc(), course_, "  ", "").error().message_key,
              "assessment.bank.name_required");
    auto tree = ListCategories(Teacher1(), *db_, course_);
    ASSERT_TRUE(tree.has_value());
    ASSERT_EQ(tree->size(), 2U);
    EXPECT_EQ((*tree)[1].path, "Апта 1 / SQL");
    EXPECT_EQ((*tree)[1].depth, 1);
    EXPECT_FALSE((*tree)[0].removable);  // it has a sub-category
    ASSERT_TRUE(RenameCategory(Teacher1(), Bc(), course_, sql, "Запросы").has_value());
    ASSERT_TRUE(AddQuestion(Teacher1(), Bc(), course_, sql, Choice("Астана?")).has_value());
    EXPECT_EQ(RemoveCategory(Teacher1(), Bc(), course_, sql).error().code, ErrorCode::kConflict);
    EXPECT_EQ(RemoveCategory(Teacher1(), Bc(), course_, week).error().code, ErrorCode::kConflict);
    const auto empty = Category("Бос");
    ASSERT_TRUE(RemoveCategory(Teacher1(), Bc(), course_, empty).has_value());
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_category WHERE course_id = ?", {course_}), 2);
    EXPECT_EQ(Audited("assessment.category_removed"), 1);
}

TEST_P(BankDbTest, EveryTypeIsSavedAndEditsBumpTheVersion) {  // R-A5
    const auto cat = Category("Апта 1");
    std::vector<QuestionDraft> drafts;
    drafts.push_back(Choice("Қазақстанның астанасы?"));
    QuestionDraft multi{"multiple_choice", "", "Жай сандар", "plain", "", "", {}};
    multi.answers = {{"2", "50", "", "", ""}, {"3", "50", "", "", ""}, {"4", "-50", "", "", ""}};
    drafts.push_back(multi);
    drafts.push_back({"true_false", "", "Жер домалақ", "plain", "", "true", {}});
    QuestionDraft match{"matching", "", "Сәйкестендіріңіз", "plain", "", "", {}};
    match.answers = {{"Қазақстан", "", "Астана", "", ""}, {"Қырғызстан", "", "Бішкек", "", ""}};
    drafts.push_back(match);
    QuestionDraft order{"ordering", "", "Order", "plain", "", "", {}};
    order.answers = {{"one", "", "", "", ""}, {"two", "", "", "", ""}, {"three", "", "", "", ""}};
    drafts.push_back(order);
    QuestionDraft shortq{"short_answer", "", "Capital?", "plain", "", "", {}};
    shortq.answers = {{"Astana", "", "", "", ""}, {"Астана", "", "", "", ""}};
    drafts.push_back(shortq);
    QuestionDraft num{"numerical", "", "π ≈ ?", "plain", "", "", {}};
    num.answers = {{"3,14", "", "", "0.01", ""}};
    drafts.push_back(num);
    drafts.push_back({"essay", "", "Эссе жазыңыз", "plain", "", "", {}});
    for (const auto& d : drafts) {
        auto id = AddQuestion(Teacher1(), Bc(), course_, cat, d);
        ASSERT_TRUE(id.has_value()) << d.type << ": " << id.error().message_key << " " << id.error().detail;
    }
    auto list = ListQuestions(Teacher1(), *db_, course_, cat, false);
    ASSERT_TRUE(list.has_value());
    ASSERT_EQ(list->size(), 8U);
    EXPECT_EQ((*list)[1].stored.question.answers[2].penalty, 0.5);
    EXPECT_EQ((*list)[2].stored.question.type, QuestionType::kTrueFalse);
    EXPECT_EQ((*list)[3].stored.question.answers[1].match, "Бішкек");
    ASSERT_TRUE((*list)[6].stored.question.answers[0].tolerance.has_value());
    EXPECT_DOUBLE_EQ(*(*list)[6].stored.question.answers[0].tolerance, 0.01);

    const auto first = (*list)[0].stored.id;
    QuestionDraft edited = Choice("Қазақстан Республикасының астанасы?");
    edited.type = "essay";  // the type of a stored question never changes
    ASSERT_TRUE(EditQuestion(Teacher1(), Bc(), course_, first, edited).has_value());
    auto again = FindQuestion(Teacher1(), *db_, course_, first);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->stored.version, 2);
    EXPECT_EQ(again->stored.question.type, QuestionType::kSingleChoice);
    EXPECT_EQ(again->stored.question.text, "Қазақстан Республикасының астанасы?");

    const auto other = Category("Апта 2");
    ASSERT_TRUE(MoveQuestion(Teacher1(), Bc(), course_, first, other).has_value());
    ASSERT_TRUE(RetireQuestion(Teacher1(), Bc(), course_, first, true).has_value());
    EXPECT_TRUE(ListQuestions(Teacher1(), *db_, course_, other, false)->empty());
    EXPECT_EQ(ListQuestions(Teacher1(), *db_, course_, other, true)->size(), 1U);
    db_->Read([&](platform::db::Session& s) {
        EXPECT_TRUE(CategoryQuestions(s, other).empty());  // retired: never drawn again
        return 0;
    });
    EXPECT_EQ(Audited("assessment.question_added"), 8);
    EXPECT_EQ(Audited("assessment.question_edited"), 1);
}

TEST_P(BankDbTest, BadQuestionIsRefusedAndNothingSaved) {  // R-A5
    const auto cat = Category("Апта 1");
    QuestionDraft no_right = Choice("?");
    no_right.answers[0].fraction = "0";
    EXPECT_EQ(AddQuestion(Teacher1(), Bc(), course_, cat, no_right).error().message_key,
              "assessment.import.no_right_answer");
    QuestionDraft tf{"true_false", "", "Жер домалақ", "plain", "", "", {}};
    EXPECT_EQ(BuildQuestion(tf).issues.front().key, "assessment.bank.right_required");
    QuestionDraft num{"numerical", "", "π?", "plain", "", "", {}};
    num.answers = {{"pi", "", "", "", ""}};
    EXPECT_EQ(AddQuestion(Teacher1(), Bc(), course_, cat, num).error().message_key,
              "assessment.import.not_a_number");
    QuestionDraft bad_type = Choice("?");
    bad_type.type = "hotspot";
    EXPECT_EQ(AddQuestion(Teacher1(), Bc(), course_, cat, bad_type).error().message_key,
              "assessment.bank.type_invalid");
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 0);
}

TEST_P(BankDbTest, OnlyTheCoursesTeachersEditAndOthersSeeNothing) {  // R-A5
    const auto cat = Category("Апта 1");
    const auto q = AddQuestion(Teacher1(), Bc(), course_, cat, Choice("?"));
    ASSERT_TRUE(q.has_value());
    // Another course's teacher and another faculty's dean's office: 404, nothing changes.
    EXPECT_EQ(ListCategories(Teacher2(), *db_, course_).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(FindQuestion(Teacher2(), *db_, course_, *q).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(AddQuestion(Teacher2(), Bc(), course_, cat, Choice("x")).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(ListQuestions(Dean2(), *db_, course_, std::nullopt, false).error().code, ErrorCode::kNotFound);
    // A question of course_ is not found through the other course.
    EXPECT_EQ(FindQuestion(Teacher2(), *db_, other_course_, *q).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(RetireQuestion(Teacher2(), Bc(), other_course_, *q, true).error().code, ErrorCode::kNotFound);
    // The faculty's dean's office reads, does not edit; a student of the course does not see the bank.
    EXPECT_EQ(ListQuestions(Dean1(), *db_, course_, std::nullopt, false)->size(), 1U);
    EXPECT_EQ(AddCategory(Dean1(), Bc(), course_, "x", "").error().code, ErrorCode::kForbidden);
    EXPECT_EQ(ListCategories(StudentFull(), *db_, course_).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 1);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_category"), 1);
}

TEST_P(BankDbTest, ImportCommitsCyrillicFilesIntoTheCategoryInOneGo) {  // R-A5
    const auto root = Category("Импорт");
    const std::string kz =
        "<question>Қазақстан Республикасының астанасы\n<variant>Астана\n<variant>Алматы\n"
        "<question>Жай сандар<variantright>2<variantright>3<variant>4\n"
        "<question>Qazaqstannyñ astanasy?\n<variant>Astana\n<variant>Almaty\n";
    const auto r = ReadQuestions("test.txt", kz, ImportFormat::kAuto);
    ASSERT_EQ(r.format, ImportFormat::kKzText);
    auto saved = CommitImport(Teacher1(), Bc(), course_, root, r);
    ASSERT_TRUE(saved.has_value()) << saved.error().message_key;
    EXPECT_EQ(*saved, 3);
    // GIFT with $CATEGORY: the path becomes sub-categories of the chosen one.
    const std::string gift =
        "$CATEGORY: Апта 3/Сұрыптау\n\n::Q1:: Көпіршікті сұрыптаудың күрделілігі? {=O(n^2) ~O(n) ~O(log "
        "n)}\n\n"
        "::Q2:: Жылдам сұрыптау тұрақты. {F}\n";
    auto saved2 =
        CommitImport(Teacher1(), Bc(), course_, root, ReadQuestions("x.gift", gift, ImportFormat::kAuto));
    ASSERT_TRUE(saved2.has_value()) << saved2.error().message_key;
    auto tree = ListCategories(Teacher1(), *db_, course_);
    ASSERT_EQ(tree->size(), 3U);
    EXPECT_EQ((*tree)[2].path, "Импорт / Апта 3 / Сұрыптау");
    EXPECT_EQ((*tree)[2].questions, 2);
    auto list = ListQuestions(Teacher1(), *db_, course_, root, false);
    ASSERT_EQ(list->size(), 3U);
    EXPECT_EQ((*list)[0].stored.question.text, "Қазақстан Республикасының астанасы");
    EXPECT_EQ((*list)[1].stored.question.type, QuestionType::kMultipleChoice);
    EXPECT_EQ(Audited("assessment.questions_imported"), 2);
}

TEST_P(BankDbTest, AFileWithAnyErrorChangesNothing) {  // R-A5
    const auto root = Category("Импорт");
    const std::string bad =
        "$CATEGORY: Жаңа\n\n::Q1:: Дұрыс сұрақ {=иә ~жоқ}\n\n::Q2:: Дұрыс жауабы жоқ {~иә ~жоқ}\n";
    const auto r = ReadQuestions("bad.gift", bad, ImportFormat::kGift);
    ASSERT_FALSE(r.parsed.issues.empty());
    EXPECT_EQ(r.parsed.questions.size(), 2U);
    EXPECT_EQ(CommitImport(Teacher1(), Bc(), course_, root, r).error().message_key,
              "assessment.bank.import_has_errors");
    EXPECT_EQ(CommitImport(Teacher1(), Bc(), course_, root, ReadQuestions("e.txt", "", ImportFormat::kAuto))
                  .error()
                  .code,
              ErrorCode::kInvalidInput);
    // A good file into another course's category: refused, nothing saved.
    const auto good = ReadQuestions("g.gift", "::Q:: Иә? {T}\n", ImportFormat::kGift);
    ASSERT_TRUE(good.parsed.issues.empty());
    EXPECT_EQ(CommitImport(Teacher2(), Bc(), other_course_, root, good).error().message_key,
              "assessment.bank.category_invalid");
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 0);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_category"), 1);
    EXPECT_EQ(Audited("assessment.questions_imported"), 0);
}

TEST_P(BankDbTest, ExportToMoodleXmlReadsBackTheSameQuestions) {  // R-A5
    const auto week = Category("Апта 1");
    const auto sub = Category("Сұрыптау", std::to_string(week));
    ASSERT_TRUE(AddQuestion(Teacher1(), Bc(), course_, week, Choice("Қазақстанның астанасы?")).has_value());
    QuestionDraft num{"numerical", "pi", "π ≈ ?", "plain", "", "", {}};
    num.answers = {{"3.14", "", "", "0.01", ""}};
    ASSERT_TRUE(AddQuestion(Teacher1(), Bc(), course_, sub, num).has_value());
    QuestionDraft match{"matching", "", "Сәйкестендіріңіз", "plain", "", "", {}};
    match.answers = {{"Қазақстан", "", "Астана", "", ""}, {"Қырғызстан", "", "Бішкек", "", ""}};
    ASSERT_TRUE(AddQuestion(Teacher1(), Bc(), course_, sub, match).has_value());
    auto xml = ExportBank(Dean1(), *db_, course_, std::nullopt);  // the dean's office may export
    ASSERT_TRUE(xml.has_value());
    const auto back = ParseMoodleXml(*xml);
    ASSERT_TRUE(back.issues.empty()) << back.issues.front().key;
    ASSERT_EQ(back.questions.size(), 3U);
    EXPECT_EQ(back.questions[0].text, "Қазақстанның астанасы?");
    EXPECT_EQ(back.questions[0].category, "Апта 1");
    EXPECT_DOUBLE_EQ(back.questions[0].answers[0].fraction, 1.0);
    EXPECT_EQ(back.questions[1].category, "Апта 1/Сұрыптау");
    EXPECT_EQ(back.questions[1].type, QuestionType::kNumerical);
    EXPECT_DOUBLE_EQ(*back.questions[1].answers[0].tolerance, 0.01);
    EXPECT_EQ(back.questions[2].answers[1].match, "Бішкек");
    // A category alone, and the round trip through import into another category.
    auto part = ExportBank(Teacher1(), *db_, course_, sub);
    ASSERT_TRUE(part.has_value());
    const auto r = ReadQuestions("bank.xml", *part, ImportFormat::kAuto);
    ASSERT_TRUE(r.parsed.issues.empty());
    EXPECT_EQ(r.parsed.questions.size(), 2U);
    const auto copy = Category("Көшірме");
    ASSERT_TRUE(CommitImport(Teacher1(), Bc(), course_, copy, r).has_value());
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_question"), 5);
    EXPECT_EQ(ExportBank(Teacher2(), *db_, course_, std::nullopt).error().code, ErrorCode::kNotFound);
}

QuizDraft Valid(std::int64_t category) {
    QuizDraft d;
    d.title = "РК1";
    d.opens_at = "2026-10-01T09:00";
    d.closes_at = "2026-10-01T12:00";
    d.time_limit_minutes = "45";
    d.attempts_allowed = "1";
    d.review = "after_close";
    d.grade_column = "rk1";
    d.published = true;
    d.rules = {{"draw", "", std::to_string(category), "2", "5"}};
    return d;
}

TEST_P(BankDbTest, QuizSettingsAreValidatedWithEveryProblemListed) {  // R-A5
    const auto cat = Category("Апта 1");
    std::vector<std::int64_t> ids;
    ids.reserve(3);
    for (int i = 0; i < 3; ++i) {
        ids.push_back(*AddQuestion(Teacher1(), Bc(), course_, cat, Choice("Q" + std::to_string(i))));
    }
    QuizDraft bad = Valid(cat);
    bad.title = "";
    bad.closes_at = "2026-10-01T08:00";
    bad.time_limit_minutes = "0";
    bad.review = "sometimes";
    bad.rules = {{"draw", "", std::to_string(cat), "3", "5"},
                 {"fixed", std::to_string(ids[0]), "", "", "2"},
                 {"fixed", std::to_string(ids[0]), "", "", "2"}};
    const auto errors = CheckQuiz(*db_, course_, bad);
    std::set<std::string> keys;
    for (const auto& e : errors) keys.insert(e.message_key);
    EXPECT_TRUE(keys.contains("assessment.quiz.title_required"));
    EXPECT_TRUE(keys.contains("assessment.quiz.closes_before_opens"));
    EXPECT_TRUE(keys.contains("assessment.quiz.time_limit_invalid"));
    EXPECT_TRUE(keys.contains("assessment.quiz.review_invalid"));
    EXPECT_TRUE(keys.contains("assessment.quiz.question_twice"));
    // 3 drawn from a category of 3 of which one is fixed: only 2 remain.
    EXPECT_TRUE(keys.contains("assessment.quiz.draw_too_many"));
    EXPECT_EQ(SaveQuiz(Teacher1(), Bc(), course_, std::nullopt, bad).error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_quiz"), 0);

    // A question or category of another course is refused.
    auto other_cat = AddCategory(Teacher2(), Bc(), other_course_, "Бөтен", "");
    ASSERT_TRUE(other_cat.has_value());
    QuizDraft foreign = Valid(*other_cat);
    EXPECT_EQ(SaveQuiz(Teacher1(), Bc(), course_, std::nullopt, foreign).error().message_key,
              "assessment.quiz.category_invalid");
    // Another course's teacher: 404; the dean's office reads but does not author.
    EXPECT_EQ(SaveQuiz(Teacher2(), Bc(), course_, std::nullopt, Valid(cat)).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(SaveQuiz(Dean1(), Bc(), course_, std::nullopt, Valid(cat)).error().code, ErrorCode::kForbidden);

    QuizDraft good = Valid(cat);
    good.rules.push_back({"fixed", std::to_string(ids[2]), "", "", "10"});
    good.rules[0].count = "2";
    auto id = SaveQuiz(Teacher1(), Bc(), course_, std::nullopt, good);
    ASSERT_TRUE(id.has_value()) << id.error().message_key;
    auto detail = FindQuizOf(Dean1(), *db_, course_, *id);
    ASSERT_TRUE(detail.has_value());
    EXPECT_DOUBLE_EQ(detail->quiz.max_mark, 20.0);
    EXPECT_EQ(detail->quiz.time_limit_seconds, 45 * 60);
    EXPECT_EQ(detail->quiz.grade_column, "rk1");
    EXPECT_EQ(FormatLocalMinute(detail->quiz.opens_at), "2026-10-01T09:00");
    EXPECT_EQ(core::FormatUtc(detail->quiz.opens_at), "2026-10-01T04:00:00.000000Z");
    ASSERT_EQ(detail->rules.size(), 2U);
    EXPECT_EQ(detail->rules[0].draw_count, 2);
    EXPECT_EQ(detail->rules[1].question_id, ids[2]);
    EXPECT_EQ(FindQuizOf(Teacher2(), *db_, other_course_, *id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Audited("assessment.quiz_created"), 1);
}

TEST_P(BankDbTest, RulesAreLockedOnceAttemptsBegin) {  // R-A5
    const auto cat = Category("Апта 1");
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(AddQuestion(Teacher1(), Bc(), course_, cat, Choice("Q" + std::to_string(i))));
    }
    auto id = SaveQuiz(Teacher1(), Bc(), course_, std::nullopt, Valid(cat));
    ASSERT_TRUE(id.has_value());
    QuizDraft more = Valid(cat);
    more.rules[0].count = "3";
    ASSERT_TRUE(SaveQuiz(Teacher1(), Bc(), course_, *id, more).has_value());  // no attempt yet
    db_->Transact([&](platform::db::Session& s) {
        s.Exec(
            "INSERT INTO assessment_attempt (quiz_id, student_id, number, state, started_at, deadline, seed) "
            "VALUES (?, ?, 1, 'in_progress', ?, ?, 7)",
            {*id, student_full_, core::ToMicros(Now()), core::ToMicros(Now()) + 1});
        return 0;
    });
    QuizDraft fewer = Valid(cat);
    fewer.rules[0].count = "1";
    EXPECT_EQ(SaveQuiz(Teacher1(), Bc(), course_, *id, fewer).error().message_key,
              "assessment.quiz.rules_locked");
    more.title = "РК1 (қайта)";
    more.closes_at = "2026-10-01T13:00";
    ASSERT_TRUE(SaveQuiz(Teacher1(), Bc(), course_, *id, more).has_value());  // same rules: allowed
    auto detail = FindQuizOf(Teacher1(), *db_, course_, *id);
    EXPECT_EQ(detail->quiz.title, "РК1 (қайта)");
    EXPECT_TRUE(detail->attempts_begun);
    EXPECT_EQ(detail->rules[0].draw_count, 3);
}

TEST_P(BankDbTest, AccommodationsAreSetAuditedAndApplied) {  // R-A7
    const auto cat = Category("Апта 1");
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(AddQuestion(Teacher1(), Bc(), course_, cat, Choice("Q" + std::to_string(i))));
    }
    auto quiz = SaveQuiz(Teacher1(), Bc(), course_, std::nullopt, Valid(cat));
    ASSERT_TRUE(quiz.has_value());
    const std::string student = std::to_string(student_full_);
    // Bad input: a clear error and nothing saved.
    EXPECT_EQ(SetAccommodation(Teacher1(), Bc(), course_, {student, "", "50", "", " "}).error().message_key,
              "assessment.quiz.reason_required");
    EXPECT_EQ(
        SetAccommodation(Teacher1(), Bc(), course_, {student, "", "999", "", "ЕБҚ"}).error().message_key,
        "assessment.quiz.extra_time_invalid");
    EXPECT_EQ(
        SetAccommodation(Teacher1(), Bc(), course_, {std::to_string(student_online_), "", "50", "", "ЕБҚ"})
            .error()
            .message_key,
        "assessment.quiz.student_invalid");  // not of the course's groups
    EXPECT_EQ(SetAccommodation(Teacher1(), Bc(), course_,
                               {student, std::to_string(*quiz), "", "2026-10-01T11:00", "x"})
                  .error()
                  .message_key,
              "assessment.quiz.extension_not_later");
    EXPECT_EQ(SetAccommodation(Teacher2(), Bc(), course_, {student, "", "50", "", "ЕБҚ"}).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(SetAccommodation(StudentFull(), Bc(), course_, {student, "", "50", "", "ЕБҚ"}).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM assessment_accommodation"), 0);
    EXPECT_EQ(Audited("assessment.accommodation_set"), 0);

    // The teacher: 50% on every quiz; the dean's office: a later closing of this quiz.
    ASSERT_TRUE(SetAccommodation(Teacher1(), Bc(), course_,
                                 {student, "", "50", "", "Ерекше білім беру қажеттілігі"}));
    db_->Read([&](platform::db::Session& s) {
        const auto a = AccommodationFor(s, *quiz, student_full_);
        EXPECT_EQ(a.extra_time_percent, 50);
        EXPECT_FALSE(a.closes.has_value());
        return 0;
    });
    auto set =
        SetAccommodation(Dean1(), Bc(), course_,
                         {student, std::to_string(*quiz), "100", "2026-10-02T12:00", "Медициналық анықтама"});
    ASSERT_TRUE(set.has_value()) << set.error().message_key;
    db_->Read([&](platform::db::Session& s) {
        const auto a = AccommodationFor(s, *quiz, student_full_);  // the quiz's own one wins
        EXPECT_EQ(a.extra_time_percent, 100);
        EXPECT_EQ(a.closes ? core::FormatUtc(*a.closes) : "", "2026-10-02T07:00:00.000000Z");
        EXPECT_EQ(AccommodationFor(s, *quiz, student_online_).extra_time_percent, 0);
        return 0;
    });
    EXPECT_EQ(Audited("assessment.accommodation_set"), 2);
    const auto detail = db_->Read([&](platform::db::Session& s) {
        return s
            .Query(
                "SELECT detail, actor_user_id FROM audit_log WHERE action = "
                "'assessment.accommodation_set' ORDER BY seq DESC")[0]
            .Text(0);
    });
    EXPECT_NE(detail.find("Медициналық анықтама"), std::string::npos);
    auto rows = ListAccommodations(Teacher1(), *db_, course_);
    ASSERT_TRUE(rows.has_value());
    ASSERT_EQ(rows->size(), 2U);
    ASSERT_TRUE(RemoveAccommodation(Teacher1(), Bc(), course_, (*rows)[0].id).has_value());
    EXPECT_EQ(RemoveAccommodation(Teacher2(), Bc(), course_, (*rows)[1].id).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(Audited("assessment.accommodation_removed"), 1);
    EXPECT_EQ(ListAccommodations(Dean2(), *db_, course_).error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, BankDbTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::assessment::testing
