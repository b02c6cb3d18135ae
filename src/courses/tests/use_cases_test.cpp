#include <gtest/gtest.h>

#include "courses/api.hpp"
#include "courses/tests/fixture.hpp"

namespace oqu::courses {
namespace {

using testing::CoursesDbTest;
namespace auth = platform::auth;

class CourseTest : public CoursesDbTest {};
class StructureTest : public CoursesDbTest {};
class ReadinessTest : public CoursesDbTest {};

/// The dean's office of the discipline's faculty creates the course; another faculty's dean's
/// office neither sees it nor creates one there; bad input changes nothing.
TEST_P(CourseTest, CreatedWithinTheFacultyOnly) {
    const std::int64_t id = MakeCourse();
    auto course = FindCourse(Dean1(), *db_, id, "ru");
    ASSERT_TRUE(course.has_value());
    EXPECT_EQ(course->discipline_code, "IS 2201");
    EXPECT_EQ(course->discipline_name, "Базы данных IS 2201");
    EXPECT_EQ(course->period_start, "2026-09-01");
    EXPECT_EQ(course->planned_hours, 150);
    EXPECT_FALSE(course->online);
    auto hidden = FindCourse(Dean2(), *db_, id);
    ASSERT_FALSE(hidden.has_value());
    EXPECT_EQ(hidden.error().code, core::ErrorCode::kNotFound);
    auto foreign =
        CreateCourse(Dean2(), Cc(), {std::to_string(discipline1_), std::to_string(period1_), "kk", "", ""});
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().code, core::ErrorCode::kNotFound);
    auto bad = CreateCourse(Dean1(), Cc(), {std::to_string(discipline1_), "999", "kk", "", ""});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "courses.period_invalid");
    auto language =
        CreateCourse(Dean1(), Cc(), {std::to_string(discipline1_), std::to_string(period1_), "de", "", ""});
    ASSERT_FALSE(language.has_value());
    EXPECT_EQ(language.error().message_key, "courses.language_invalid");
    EXPECT_EQ(Count("courses_course"), 1);
    EXPECT_EQ(Audited("courses.create"), 1);
    EXPECT_TRUE(ListCourses(Dean2(), *db_, {}).empty());
    EXPECT_EQ(ListCourses(Dean1(), *db_, {}).size(), 1U);
}

/// A teacher sees the courses he teaches, a student those of his groups; nobody else.
TEST_P(CourseTest, TeachersAndStudentsSeeTheirOwn) {
    const std::int64_t id = MakeCourse();
    EXPECT_TRUE(ListCourses(Teacher1(), *db_, {.mine = true}).empty());
    ASSERT_FALSE(FindCourse(Teacher1(), *db_, id).has_value());
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    EXPECT_EQ(ListCourses(Teacher1(), *db_, {.mine = true}).size(), 1U);
    EXPECT_TRUE(FindCourse(Teacher1(), *db_, id).has_value());
    EXPECT_EQ(ListCourses(StudentFull(), *db_, {.mine = true}).size(), 1U);
    EXPECT_TRUE(FindCourse(StudentFull(), *db_, id).has_value());
    auto other = FindCourse(StudentOnline(), *db_, id);
    ASSERT_FALSE(other.has_value());
    EXPECT_EQ(other.error().code, core::ErrorCode::kNotFound);
    // A group of another programme is refused; attaching twice is a conflict.
    auto foreign = AttachGroup(Dean1(), Cc(), id, group_other_, "stream");
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().message_key, "courses.group_programme");
    auto twice = AttachGroup(Dean1(), Cc(), id, group1_, "subgroup");
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, core::ErrorCode::kConflict);
    // Teachers do not manage courses.
    auto denied = AssignTeacher(Teacher1(), Cc(), id, head_);
    ASSERT_FALSE(denied.has_value());
    EXPECT_EQ(denied.error().code, core::ErrorCode::kForbidden);
}

/// A course of the online form takes only a teacher with 72 hours of qualification courses in 3
/// years; the refusal carries R-O16's message; the qualified teacher is listed for the report.
TEST_P(CourseTest, OnlineCourseNeedsQualifiedTeachers) {  // R-O16
    const std::int64_t id = MakeCourse(true);
    auto refused = AssignTeacher(Dean1(), Cc(), id, teacher1_);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kRuleViolation);
    EXPECT_EQ(refused.error().message_key, "distance.ro16_short");
    EXPECT_EQ(refused.error().requirement, "R-O16");
    EXPECT_EQ(Count("courses_teacher"), 0);
    Qualify(teacher1_);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    const auto rows = ReportOnlineTeaching(*db_);
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].course_id, id);
    EXPECT_EQ(rows[0].teacher_id, teacher1_);
    EXPECT_EQ(rows[0].discipline_id, discipline1_);
    EXPECT_EQ(rows[0].period_id, period1_);
}

/// A full-time course becomes online in effect with a group of online students: an unqualified
/// teacher is then refused, and attaching that group to an unqualified teacher's course too.
TEST_P(CourseTest, OnlineGroupMakesTheCourseOnline) {  // R-O16
    const std::int64_t id = MakeCourse(false);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, head_).has_value());
    auto attach = AttachGroup(Dean1(), Cc(), id, group_online_, "stream");
    ASSERT_FALSE(attach.has_value());
    EXPECT_EQ(attach.error().message_key, "distance.ro16_short");
    Qualify(head_);
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group_online_, "stream").has_value());
    EXPECT_TRUE(FindCourse(Dean1(), *db_, id)->online);
    auto refused = AssignTeacher(Dean1(), Cc(), id, teacher1_);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().message_key, "distance.ro16_short");
    EXPECT_TRUE(ReportOnlineTeaching(*db_).size() == 1U);
    // Declaring a course online checks the teachers it has already.
    const std::int64_t other = MakeCourse(false);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), other, teacher1_).has_value());
    auto declared = UpdateCourse(Dean1(), Cc(), other, {"", std::to_string(period1_), "kk", "yes", ""});
    ASSERT_FALSE(declared.has_value());
    EXPECT_EQ(declared.error().message_key, "distance.ro16_short");
    EXPECT_FALSE(FindCourse(Dean1(), *db_, other)->online_flag);
}

/// Only a teacher of the course edits its structure; each kind of element needs its part, and
/// a refused element writes nothing.
TEST_P(StructureTest, TeachersEditAndElementsAreChecked) {
    const std::int64_t id = MakeCourse();
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    auto dean = AddWeek(Dean1(), Cc(), id, "1", "Кіріспе");
    ASSERT_FALSE(dean.has_value());
    EXPECT_EQ(dean.error().code, core::ErrorCode::kForbidden);
    auto student = AddOutcome(StudentFull(), Cc(), id, {"LO1", "text", ""});
    ASSERT_FALSE(student.has_value());
    EXPECT_EQ(student.error().code, core::ErrorCode::kForbidden);
    const auto outcome =
        AddOutcome(Teacher1(), Cc(), id, {"LO1", "Реляциялық модельді жобалай алады", "PO3"});
    ASSERT_TRUE(outcome.has_value());
    EXPECT_EQ(AddOutcome(Teacher1(), Cc(), id, {"LO1", "again", ""}).error().code,
              core::ErrorCode::kConflict);
    const auto week = AddWeek(Teacher1(), Cc(), id, "1", "Кіріспе");
    ASSERT_TRUE(week.has_value());
    EXPECT_EQ(AddWeek(Teacher1(), Cc(), id, "31", "x").error().message_key, "courses.week_number_invalid");

    const auto refused = [&](const ElementDraft& d) {
        auto r = AddElement(Teacher1(), Cc(), id, *week, d);
        return r ? std::string("accepted") : r.error().message_key;
    };
    ElementDraft lecture{"lecture", "Модель", "", "", "", "", "no", "2", "", "", "", {*outcome}};
    EXPECT_EQ(refused(lecture), "courses.element_body_required");
    ElementDraft link{"link", "Видео", "", "javascript:alert(1)", "", "", "no", "1", "", "", "", {}};
    EXPECT_EQ(refused(link), "courses.element_url_invalid");
    ElementDraft session{
        "session", "Семинар", "", "https://meet.example.kz/a", "", "2026-09-07T10:00", "no", "2", "",
        "",        "",        {}};
    EXPECT_EQ(refused(session), "courses.element_session_sync");
    ElementDraft video{"video",           "Кіріспе", "", "", "", "", "no", "1", std::string(64, 'a'),
                       "application/pdf", "a.pdf",   {}};
    EXPECT_EQ(refused(video), "courses.element_file_type");
    ElementDraft svg{"image",         "Сызба", "", "", "", "", "no", "0", std::string(64, 'b'),
                     "image/svg+xml", "a.svg", {}};
    EXPECT_EQ(refused(svg), "courses.element_file_type");
    ElementDraft foreign_outcome = lecture;
    foreign_outcome.body = "# Модель";
    foreign_outcome.outcome_ids = {*outcome + 100};
    EXPECT_EQ(refused(foreign_outcome), "courses.element_outcome_invalid");
    EXPECT_EQ(Count("courses_element"), 0);

    lecture.body = "# Реляциялық модель\n\nКесте, кілт.";
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week, lecture).has_value());
    session.synchronous = "yes";
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week, session).has_value());
    auto structure = StructureOf(StudentFull(), *db_, id);
    ASSERT_TRUE(structure.has_value());
    ASSERT_EQ(structure->weeks.size(), 1U);
    ASSERT_EQ(structure->weeks[0].elements.size(), 2U);
    EXPECT_EQ(structure->weeks[0].elements[0].outcome_ids, std::vector<std::int64_t>{*outcome});
    EXPECT_TRUE(structure->weeks[0].elements[1].synchronous);
}

/// Captions are WebVTT only, on audio and video elements, and the file route serves only files
/// of the course.
TEST_P(StructureTest, CaptionsAreWebVtt) {
    const std::int64_t id = MakeCourse();
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    const auto week = AddWeek(Teacher1(), Cc(), id, "1", "Кіріспе");
    ASSERT_TRUE(week.has_value());
    const std::string video_sha(64, 'c'), vtt_sha(64, 'd');
    auto video =
        AddElement(Teacher1(), Cc(), id, *week,
                   {"video", "Кіріспе", "", "", "", "", "no", "1", video_sha, "video/mp4", "a.mp4", {}});
    ASSERT_TRUE(video.has_value());
    auto bad = SetCaptions(Teacher1(), Cc(), id, *video, vtt_sha, "1\n00:00.000 --> ");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "courses.captions_invalid");
    ASSERT_TRUE(SetCaptions(Teacher1(), Cc(), id, *video, vtt_sha, "\xEF\xBB\xBFWEBVTT\n\n").has_value());
    EXPECT_EQ(*CourseFileType(Dean1(), *db_, id, video_sha), "video/mp4");
    EXPECT_EQ(*CourseFileType(Dean1(), *db_, id, vtt_sha), "text/vtt");
    EXPECT_EQ(CourseFileType(Dean1(), *db_, id, std::string(64, 'e')).error().code,
              core::ErrorCode::kNotFound);
    EXPECT_EQ(CourseFileType(Dean2(), *db_, id, video_sha).error().code, core::ErrorCode::kNotFound);
}

/// The weights come from the institution's policy and a course may override them only within
/// its bounds (gradebook::CheckWeights).
TEST_P(StructureTest, WeightsWithinThePolicy) {
    const std::int64_t id = MakeCourse();
    EXPECT_EQ(InstitutionPolicy().defaults, (CourseWeights{20, 20, 20, 40}));
    auto sum = SetWeights(Dean1(), Cc(), id, {20, 20, 20, 30});
    ASSERT_FALSE(sum.has_value());
    EXPECT_EQ(sum.error().message_key, "gradebook.weights_sum");
    auto bounds = SetWeights(Dean1(), Cc(), id, {10, 5, 25, 60});
    ASSERT_FALSE(bounds.has_value());
    EXPECT_EQ(bounds.error().message_key, "gradebook.weight_bounds");
    EXPECT_FALSE(FindCourse(Dean1(), *db_, id)->weights.has_value());
    ASSERT_TRUE(SetWeights(Dean1(), Cc(), id, {30, 15, 15, 40}).has_value());
    EXPECT_EQ(*FindCourse(Dean1(), *db_, id)->weights, (CourseWeights{30, 15, 15, 40}));
    EXPECT_EQ(SetWeights(Dean2(), Cc(), id, {20, 20, 20, 40}).error().code, core::ErrorCode::kNotFound);
}

/// Fills the course so that the checklist is complete: a week with a captioned video linked to
/// the outcome, and the policy.
void Fill(CoursesDbTest& t, const auth::Principal& teacher, const Change& change, std::int64_t id) {
    const auto outcome = AddOutcome(teacher, change, id, {"LO1", "Жобалай алады", ""});
    const auto week = AddWeek(teacher, change, id, "1", "Кіріспе");
    ASSERT_TRUE(outcome && week);
    auto video = AddElement(
        teacher, change, id, *week,
        {"video", "Кіріспе", "", "", "", "", "no", "4", std::string(64, 'c'), "video/mp4", "", {*outcome}});
    ASSERT_TRUE(video.has_value());
    ASSERT_TRUE(SetCaptions(teacher, change, id, *video, std::string(64, 'd'), "WEBVTT").has_value());
    ASSERT_TRUE(SetWeights(teacher, change, id, {20, 20, 20, 40}).has_value());
    (void)t;
}

/// The checklist follows the course's content (R-O13).
TEST_P(ReadinessTest, ChecklistFollowsTheContent) {  // R-O13
    const std::int64_t id = MakeCourse(false, period2_);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    auto r = ReadinessOf(Dean1(), *db_, id, Now());
    ASSERT_TRUE(r.has_value());
    EXPECT_FALSE(r->checklist.has_weeks);
    EXPECT_FALSE(r->checklist.outcomes_mapped);
    const auto week = AddWeek(Teacher1(), Cc(), id, "1", "Кіріспе");
    const auto outcome = AddOutcome(Teacher1(), Cc(), id, {"LO1", "Жобалай алады", ""});
    ASSERT_TRUE(week && outcome);
    ASSERT_TRUE(
        AddElement(Teacher1(), Cc(), id, *week,
                   {"video", "Кіріспе", "", "", "", "", "no", "4", std::string(64, 'c'), "video/mp4", "", {}})
            .has_value());
    r = ReadinessOf(Dean1(), *db_, id, Now());
    EXPECT_TRUE(r->checklist.weeks_filled);
    EXPECT_EQ(r->checklist.unmapped_outcomes, std::vector<std::string>{"LO1"});
    EXPECT_EQ(r->checklist.uncaptioned, 1);
    EXPECT_FALSE(r->checklist.policy_set);
    EXPECT_FALSE(r->checklist.complete());
}

/// Only the head of the course's department signs; not before the checklist is complete; once.
/// The deadline is 5 working days before the period starts by the holiday calendar: the period
/// starting Monday 2027-01-11 skips 7 January, 4 January (in lieu of 2 January) and 1 January,
/// so the deadline is 2026-12-30. Signing on 2026-09-21 places the content in time.
TEST_P(ReadinessTest, HeadSignsTheActAgainstTheDeadline) {  // R-O12
    const std::int64_t id = MakeCourse(false, period2_);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    auto early = SignReadinessAct(Head(), Cc(), id);
    ASSERT_FALSE(early.has_value());
    EXPECT_EQ(early.error().code, core::ErrorCode::kRuleViolation);
    EXPECT_EQ(early.error().requirement, "R-O13");
    Fill(*this, Teacher1(), Cc(), id);
    auto teacher = SignReadinessAct(Teacher1(), Cc(), id);
    ASSERT_FALSE(teacher.has_value());
    EXPECT_EQ(teacher.error().message_key, "courses.not_department_head");
    auto dean = SignReadinessAct(Dean1(), Cc(), id);
    ASSERT_FALSE(dean.has_value());
    EXPECT_EQ(dean.error().code, core::ErrorCode::kForbidden);

    auto before = ReportReadiness(*db_, Now());
    ASSERT_EQ(before.size(), 1U);
    EXPECT_EQ(before[0].deadline, "2026-12-30");
    EXPECT_EQ(before[0].placement.status, core::RuleStatus::kNotApplicable);               // not yet due
    const auto late = core::FromMicros(core::ToMicros(Now()) + 120LL * 86'400'000'000LL);  // 2027-01-19
    EXPECT_TRUE(ReportReadiness(*db_, late)[0].placement.violated());

    ASSERT_TRUE(SignReadinessAct(Head(), Cc(), id).has_value());
    EXPECT_EQ(SignReadinessAct(Head(), Cc(), id).error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(Audited("courses.sign_readiness_act"), 1);
    const auto after = ReportReadiness(*db_, late);
    ASSERT_EQ(after.size(), 1U);
    EXPECT_EQ(after[0].period_start, "2027-01-11");
    EXPECT_EQ(after[0].content_placed_on, "2026-09-21");
    EXPECT_EQ(after[0].placement.status, core::RuleStatus::kMet);
    auto readiness = ReadinessOf(Head(), *db_, id, Now());
    ASSERT_TRUE(readiness.has_value());
    EXPECT_EQ(readiness->signer, "Бекова Дана");
    auto dashboard = ReadinessDashboard(Dean1(), *db_, period2_, Now());
    ASSERT_TRUE(dashboard.has_value());
    ASSERT_EQ(dashboard->size(), 1U);
    EXPECT_TRUE((*dashboard)[0].readiness.checklist.complete());
    EXPECT_TRUE(ReadinessDashboard(Dean2(), *db_, period2_, Now())->empty());
}

/// The syllabus of an online course shows its synchronous share: 2 of 12 hours is under 20 %.
TEST_P(ReadinessTest, SyllabusShowsTheSynchronousShare) {  // R-O6
    Qualify(teacher1_);
    const std::int64_t id = MakeCourse(true);
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    const auto week = AddWeek(Teacher1(), Cc(), id, "1", "Кіріспе");
    ASSERT_TRUE(week.has_value());
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week,
                           {"lecture", "Модель", "Мәтін", "", "", "", "no", "10", "", "", "", {}})
                    .has_value());
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week,
                           {"session",
                            "Семинар",
                            "",
                            "https://meet.example.kz/a",
                            "",
                            "2026-09-07T10:00",
                            "yes",
                            "2",
                            "",
                            "",
                            "",
                            {}})
                    .has_value());
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week,
                           {"library",
                            "Оқулық",
                            "",
                            "",
                            "Date C. J. An Introduction to Database Systems, 2004",
                            "",
                            "no",
                            "0",
                            "",
                            "",
                            "",
                            {}})
                    .has_value());
    auto syllabus = SyllabusOf(StudentOnline(), *db_, id);
    ASSERT_FALSE(syllabus.has_value());  // not of his groups
    syllabus = SyllabusOf(Teacher1(), *db_, id);
    ASSERT_TRUE(syllabus.has_value());
    EXPECT_EQ(syllabus->synchronous_hours, 2);
    EXPECT_EQ(syllabus->asynchronous_hours, 10);
    EXPECT_TRUE(syllabus->synchronous_share.violated());
    EXPECT_EQ(syllabus->synchronous_share.message_key, "distance.ro6_short");
    EXPECT_EQ(syllabus->literature,
              std::vector<std::string>{"Date C. J. An Introduction to Database Systems, 2004"});
    EXPECT_TRUE(syllabus->weights_default);
    ASSERT_TRUE(AddElement(Teacher1(), Cc(), id, *week,
                           {"session",
                            "Семинар 2",
                            "",
                            "https://meet.example.kz/b",
                            "",
                            "2026-09-08T10:00",
                            "yes",
                            "1",
                            "",
                            "",
                            "",
                            {}})
                    .has_value());
    EXPECT_EQ(SyllabusOf(Teacher1(), *db_, id)->synchronous_share.status, core::RuleStatus::kMet);  // 3 of 13
}

/// A course is copied into another period with its teachers and structure, without groups or act.
TEST_P(ReadinessTest, CopiedIntoAnotherPeriod) {
    const std::int64_t id = MakeCourse();
    ASSERT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
    ASSERT_TRUE(AttachGroup(Dean1(), Cc(), id, group1_, "stream").has_value());
    Fill(*this, Teacher1(), Cc(), id);
    EXPECT_EQ(CopyCourse(Dean1(), Cc(), id, std::to_string(period1_)).error().message_key,
              "courses.copy_same_period");
    EXPECT_EQ(CopyCourse(Dean2(), Cc(), id, std::to_string(period2_)).error().code,
              core::ErrorCode::kNotFound);
    auto copy = CopyCourse(Dean1(), Cc(), id, std::to_string(period2_));
    ASSERT_TRUE(copy.has_value());
    auto course = FindCourse(Teacher1(), *db_, *copy);
    ASSERT_TRUE(course.has_value());
    EXPECT_EQ(course->period_id, period2_);
    EXPECT_EQ(course->copied_from, id);
    EXPECT_TRUE(course->groups.empty());
    auto readiness = ReadinessOf(Teacher1(), *db_, *copy, Now());
    ASSERT_TRUE(readiness.has_value());
    EXPECT_TRUE(readiness->checklist.complete());  // outcome links and captions came along
    EXPECT_FALSE(readiness->act_signed_at.has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, CourseTest, people::testing::Backends(),
                         platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, StructureTest, people::testing::Backends(),
                         platform::db::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, ReadinessTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::courses
