#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "core/verdict.hpp"
#include "courses/domain/checklist.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform {
class ModuleRegistry;
namespace db {
class Database;
}
namespace files {
class FileStore;
}
}  // namespace oqu::platform

/// Courses (issue 5 §1): a discipline of a curriculum taught in an academic period by teachers to
/// groups; its structure of learning outcomes, weeks and elements (R-A4, R-O8.1); its assessment
/// policy; its readiness checklist and act (R-O12, R-O13) and its syllabus (R-O5, R-O6). Other
/// modules use only this header.
///
/// Every function takes the acting principal first. Staff read a course with courses:view on its
/// {institution, faculty, programme} and manage it with courses:manage; a teacher of the course
/// reads it and edits its structure; a student of one of its groups reads it. Anyone else gets
/// kNotFound. Each change is one transaction with an audit record and a footprint event. Bad input
/// is kInvalidInput with a "courses.*" key and the field in `detail`; nothing is changed.
namespace oqu::courses {

/// Where and when a change happens.
struct Change {
    platform::db::Database& db;  ///< The database the change is made in.
    core::Instant now{};         ///< The time of the change.
    std::string address;         ///< Client IP for the audit record.
};

/// A teacher of a course.
struct CourseTeacher {
    std::int64_t teacher_id = 0;
    std::string name;  ///< Display name.
};

/// A group of a course: a stream or a subgroup for laboratory classes.
struct CourseGroup {
    std::int64_t group_id = 0;
    std::string code;
    std::string kind;  ///< "stream" or "subgroup".
};

/// Assessment weights in percent (as gradebook::Weights).
struct CourseWeights {
    int current = 0, rk1 = 0, rk2 = 0, exam = 0;
    friend bool operator==(const CourseWeights&, const CourseWeights&) = default;
};

/// A course as the caller may see it.
struct Course {
    std::int64_t id = 0;
    std::int64_t discipline_id = 0, curriculum_id = 0, programme_id = 0, faculty_id = 0;
    std::optional<std::int64_t> department_id;
    std::int64_t period_id = 0;
    std::string discipline_code;
    std::string discipline_name;  ///< In the language asked for.
    int credits = 0;
    int planned_hours = 0;  ///< The curriculum's hours of the discipline.
    std::string programme_code;
    std::string period_year;               ///< "2026-2027".
    std::string period_kind;               ///< "semester1", "semester2", "summer".
    std::string period_start, period_end;  ///< ISO days.
    std::string language;                  ///< Language of instruction.
    bool online_flag = false;              ///< Declared taught in the online form.
    bool online = false;                   ///< online_flag, or a group has online students.
    std::optional<CourseWeights> weights;  ///< The course's policy, once set.
    std::vector<CourseTeacher> teachers;
    std::vector<CourseGroup> groups;
    std::optional<core::Instant> act_signed_at;  ///< R-O12 readiness act.
    std::optional<std::int64_t> copied_from;
};

/// A course as typed.
struct CourseDraft {
    std::string discipline_id;
    std::string period_id;
    std::string language;       ///< "kk", "ru", "en".
    std::string online;         ///< "yes" / "no" (empty: no).
    std::string department_id;  ///< The department responsible (signs the act); empty: the programme's.
};

/// Creates a course (courses:manage on the discipline's programme). kInvalidInput
/// "courses.discipline_invalid" / "courses.period_invalid" / "courses.language_invalid";
/// kNotFound for a discipline the actor may not see.
core::Result<std::int64_t> CreateCourse(const platform::auth::Principal& actor, const Change& change,
                                        const CourseDraft& draft, std::string_view lang = "kk");
/// Changes the period, language and online flag of a course (courses:manage). Declaring it online
/// checks R-O16 for every teacher already assigned.
core::Status UpdateCourse(const platform::auth::Principal& actor, const Change& change, std::int64_t id,
                          const CourseDraft& draft);
/// One course with its teachers and groups; names in `lang` ("kk", "ru", "en").
core::Result<Course> FindCourse(const platform::auth::Principal& actor, platform::db::Database& db,
                                std::int64_t id, std::string_view lang = "kk");

/// Filters of the course list.
struct CourseQuery {
    std::optional<std::int64_t> period_id;
    bool mine = false;  ///< Only the actor's own courses (as teacher or student).
};
/// Courses the actor may see: staff within their courses:view scopes, a teacher his courses, a
/// student those of his groups; id order.
std::vector<Course> ListCourses(const platform::auth::Principal& actor, platform::db::Database& db,
                                const CourseQuery& query, std::string_view lang = "kk");

/// Assigns a teacher (courses:manage). R-O16: a course taught in the online form takes only a
/// teacher with 72 h of qualification courses in 3 years (online::CheckCanTeachOnline), else
/// kRuleViolation "distance.ro16_short". kConflict "courses.teacher_assigned" when assigned.
core::Status AssignTeacher(const platform::auth::Principal& actor, const Change& change,
                           std::int64_t course_id, std::int64_t teacher_id);
/// Removes a teacher from a course (courses:manage).
core::Status RemoveTeacher(const platform::auth::Principal& actor, const Change& change,
                           std::int64_t course_id, std::int64_t teacher_id);
/// Attaches a group as "stream" or "subgroup" (courses:manage); the group must be of the course's
/// programme. kConflict "courses.group_attached".
core::Status AttachGroup(const platform::auth::Principal& actor, const Change& change, std::int64_t course_id,
                         std::int64_t group_id, std::string_view kind);
/// Detaches a group (courses:manage).
core::Status DetachGroup(const platform::auth::Principal& actor, const Change& change, std::int64_t course_id,
                         std::int64_t group_id);

/// What the actor may do with a course.
struct CourseAccess {
    bool manage = false;  ///< courses:manage on its scope.
    bool edit = false;    ///< A teacher of the course: edits the structure.
    bool sign = false;    ///< The head of its department: signs the readiness act.
    bool study = false;   ///< A student of one of its groups (streams or subgroups).
};
/// The actor's rights on a course; kNotFound when he may not even see it.
core::Result<CourseAccess> AccessTo(const platform::auth::Principal& actor, platform::db::Database& db,
                                    std::int64_t course_id);

// --- Items of higher modules in the week view ----------------------------------------------

/// An item a higher module (assessment, assignments) shows in a course's week view.
struct WeekItem {
    std::string kind;                     ///< "quiz", "assignment".
    std::string title;                    ///< As the module shows it.
    std::string href;                     ///< Its page.
    std::string note;                     ///< "closes 12 Dec 10:00", already translated; may be empty.
    std::optional<std::int64_t> week_id;  ///< Its week; nullopt: the whole course.
};
/// Gives the items of a course the actor may see (called with the actor's access, which allows at
/// least seeing the course); `lang` is "kk", "ru" or "en".
using WeekItemProvider =
    std::function<std::vector<WeekItem>(const platform::auth::Principal&, platform::db::Database&,
                                        std::int64_t course_id, const CourseAccess&, std::string_view lang)>;
/// Adds a provider (thread-safe; call it from a module's AddRoutes or start-up, before serving).
/// The course page lists the items under their week, or under "Whole course" when the week is
/// empty or not one of the course's.
void AddWeekItemProvider(WeekItemProvider provider);
/// Every provider's items for a course, in the order the providers were added.
std::vector<WeekItem> WeekItemsOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t course_id, const CourseAccess& access, std::string_view lang);

// --- Structure (R-A4, R-O8.1) ----------------------------------------------------------------

/// A learning outcome.
struct Outcome {
    std::int64_t id = 0;
    std::string code;               ///< "LO1".
    std::string text;               ///< What the student is able to do.
    std::string programme_outcome;  ///< The programme outcome it serves ("PO3"); may be empty.
};

/// The kinds of course elements that work now.
enum class ElementKind : std::uint8_t {
    kLecture,
    kPractical,
    kLaboratory,
    kFile,
    kAudio,
    kVideo,
    kImage,
    kLink,
    kLibrary,
    kSession,
};
/// "lecture", "practical", "laboratory", "file", "audio", "video", "image", "link", "library", "session".
std::string_view ElementKindName(ElementKind kind);
/// The kind of a stored name; nullopt when unknown.
std::optional<ElementKind> ParseElementKind(std::string_view name);
/// Every kind, in display order.
inline constexpr ElementKind kElementKinds[] = {
    ElementKind::kLecture, ElementKind::kPractical, ElementKind::kLaboratory, ElementKind::kFile,
    ElementKind::kAudio,   ElementKind::kVideo,     ElementKind::kImage,      ElementKind::kLink,
    ElementKind::kLibrary, ElementKind::kSession};

/// An element of a week.
struct Element {
    std::int64_t id = 0;
    std::int64_t week_id = 0;
    ElementKind kind = ElementKind::kLecture;
    std::string title;
    std::string body;       ///< Markdown (lecture, tasks) or a description.
    std::string url;        ///< Link to a media service; the synchronous session's link.
    std::string reference;  ///< Electronic-library reference (author, title, year, link).
    std::string file_sha256, file_type, file_name;
    std::string captions_sha256;  ///< WebVTT captions of audio or video.
    std::string starts_at;        ///< Session: "2026-09-07T10:00" (Asia/Almaty).
    bool synchronous = false;
    int hours = 0;
    std::vector<std::int64_t> outcome_ids;
};

/// A week (or module) with its elements.
struct Week {
    std::int64_t id = 0;
    int number = 0;
    std::string topic;
    std::vector<Element> elements;
};

/// The structure of a course.
struct Structure {
    std::vector<Outcome> outcomes;
    std::vector<Week> weeks;  ///< Number order; elements in id order.
};

/// The structure (anyone who may see the course).
core::Result<Structure> StructureOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                    std::int64_t course_id);

/// An outcome as typed: code 1..20 bytes, text 1..2000, programme outcome up to 50.
struct OutcomeDraft {
    std::string code, text, programme_outcome;
};
/// Adds an outcome (a teacher of the course). kConflict "courses.outcome_exists" on code.
core::Result<std::int64_t> AddOutcome(const platform::auth::Principal& actor, const Change& change,
                                      std::int64_t course_id, const OutcomeDraft& draft);
/// Removes an outcome and its links.
core::Status RemoveOutcome(const platform::auth::Principal& actor, const Change& change,
                           std::int64_t course_id, std::int64_t outcome_id);

/// Adds a week with its topic (1..500 bytes); number 1..30. kConflict "courses.week_exists".
core::Result<std::int64_t> AddWeek(const platform::auth::Principal& actor, const Change& change,
                                   std::int64_t course_id, std::string_view number, std::string_view topic);

/// An element as typed; the uploaded file, if any, is already in the file store.
struct ElementDraft {
    std::string kind, title, body, url, reference, starts_at;
    std::string synchronous;                        ///< "yes" / "no".
    std::string hours;                              ///< "0".."200".
    std::string file_sha256, file_type, file_name;  ///< file_type sniffed, never the client's.
    std::vector<std::int64_t> outcome_ids;
};
/// Adds an element to a week of the course (a teacher of the course). Each kind needs its part:
/// lecture/practical/laboratory a Markdown body, file a PDF/DOCX/PPTX, audio/video/image a file of
/// that type, link an http(s) URL, library a reference, session a date-time and an http(s) link.
/// kInvalidInput "courses.element_*".
core::Result<std::int64_t> AddElement(const platform::auth::Principal& actor, const Change& change,
                                      std::int64_t course_id, std::int64_t week_id,
                                      const ElementDraft& draft);
/// Removes an element.
core::Status RemoveElement(const platform::auth::Principal& actor, const Change& change,
                           std::int64_t course_id, std::int64_t element_id);
/// Attaches WebVTT captions (already stored; checked to start with "WEBVTT") to an audio or video
/// element. kInvalidInput "courses.captions_invalid".
core::Status SetCaptions(const platform::auth::Principal& actor, const Change& change, std::int64_t course_id,
                         std::int64_t element_id, std::string_view sha256, std::string_view first_bytes);
/// Whether the course has an element (or captions) with this file: the file route serves only those.
core::Result<std::string> CourseFileType(const platform::auth::Principal& actor, platform::db::Database& db,
                                         std::int64_t course_id, std::string_view sha256);

// --- Assessment policy --------------------------------------------------------------------------

/// The institution's academic policy (gradebook::Policy's weights and bounds).
struct PolicyBounds {
    CourseWeights defaults, min, max;
};
/// The institution's policy.
PolicyBounds InstitutionPolicy();
/// Sets the course's weights (a teacher of the course or courses:manage), checked with
/// gradebook::CheckWeights: kInvalidInput "gradebook.weights_sum" / "gradebook.weight_bounds".
core::Status SetWeights(const platform::auth::Principal& actor, const Change& change, std::int64_t course_id,
                        const CourseWeights& weights);

// --- Readiness (R-O12, R-O13) ----------------------------------------------------------------

/// A course's readiness: its checklist, the R-O12 deadline and the act.
struct Readiness {
    Checklist checklist;
    std::string period_start;  ///< ISO day.
    std::string deadline;      ///< ISO day: the 5th working day before the period starts.
    std::optional<core::Instant> act_signed_at;
    std::string signer;       ///< The head of department who signed.
    core::Verdict placement;  ///< academics::CheckContentPlacement on `today`.
};
/// The readiness of a course (anyone who may see it); `now` gives "today" in Asia/Almaty.
core::Result<Readiness> ReadinessOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                    std::int64_t course_id, core::Instant now);
/// The head of the course's department signs the readiness act (a teacher with the position
/// head_of_department in that department): kForbidden "courses.not_department_head" otherwise;
/// kRuleViolation "courses.not_ready" (R-O13) while the checklist is incomplete; kConflict
/// "courses.act_signed_conflict" when signed. Audited. The operator (the system principal, as
/// `oqu demo` runs) records the act of the department's head, who must exist.
core::Status SignReadinessAct(const platform::auth::Principal& actor, const Change& change,
                              std::int64_t course_id);

/// A row of the readiness dashboard.
struct ReadinessRow {
    Course course;
    Readiness readiness;
};
/// The courses (of a period; every period when nullopt) the actor may see with their readiness
/// (courses:view, else kForbidden).
core::Result<std::vector<ReadinessRow>> ReadinessDashboard(const platform::auth::Principal& actor,
                                                           platform::db::Database& db,
                                                           std::optional<std::int64_t> period_id,
                                                           core::Instant now, std::string_view lang = "kk");

// --- Syllabus (R-A4, R-O5, R-O6) ------------------------------------------------------------

/// The syllabus generated from the course.
struct Syllabus {
    Course course;
    Structure structure;
    CourseWeights weights;  ///< The course's, or the institution's until set.
    bool weights_default = false;
    std::vector<std::string> literature;  ///< The e-library references.
    int synchronous_hours = 0, asynchronous_hours = 0;
    core::Verdict synchronous_share;  ///< R-O6 (online courses; not applicable otherwise).
};
/// The syllabus of a course (anyone who may see it).
core::Result<Syllabus> SyllabusOf(const platform::auth::Principal& actor, platform::db::Database& db,
                                  std::int64_t course_id, std::string_view lang = "kk");

// --- Copy -------------------------------------------------------------------------------------

/// Copies a course into another period (courses:manage on it): discipline, language, online
/// flag, teachers, outcomes, weeks, elements and weights; not groups, captions stay with their
/// videos, not the readiness act. R-O16 is checked again for an online course's teachers.
core::Result<std::int64_t> CopyCourse(const platform::auth::Principal& actor, const Change& change,
                                      std::int64_t course_id, std::string_view period_id);

// --- IMS Common Cartridge ---------------------------------------------------------------------

/// The course's content as an IMS Common Cartridge 1.3 package (a teacher of the course or
/// courses:manage): one organisation item per week, pages (lectures, tasks, library references)
/// as HTML with their Markdown, files as webcontent, links and sessions as weblinks. Outcomes,
/// hours and the synchronous flag are not part of a cartridge.
core::Result<std::string> ExportCartridge(const platform::auth::Principal& actor, platform::db::Database& db,
                                          platform::files::FileStore& files, std::int64_t course_id);

/// What importing a cartridge would create.
struct CartridgePreview {
    struct Item {
        std::string kind;  ///< "lecture", ..., "file" (its kind decided by its sniffed type), "link".
        std::string title;
    };
    struct PreviewWeek {
        int number = 0;  ///< After the course's last week.
        std::string topic;
        std::vector<Item> items;
    };
    std::string title;    ///< The package's title.
    std::string version;  ///< Its declared CC version.
    std::vector<PreviewWeek> weeks;
    int skipped = 0;  ///< Items Oqu does not take (quizzes, discussions, LTI links).
};
/// Reads a cartridge (1.0-1.3; Moodle and Canvas exports) for a course (a teacher of the
/// course): nothing is stored. Refusals are kInvalidInput/kTooLarge "courses.cartridge_*".
core::Result<CartridgePreview> PreviewCartridge(const platform::auth::Principal& actor,
                                                platform::db::Database& db, std::int64_t course_id,
                                                std::string_view zip);
/// Imports a cartridge into a course (a teacher of the course): its weeks after the course's
/// last, their elements (files kept in the file store with their sniffed type; a file of a type
/// no element takes is skipped), all in one transaction, audited. A refused package changes
/// nothing. Returns the number of elements created.
core::Result<int> ImportCartridge(const platform::auth::Principal& actor, const Change& change,
                                  platform::files::FileStore& files, std::int64_t course_id,
                                  std::string_view zip);

// --- Read API of the compliance report -------------------------------------------------------

/// A teacher of a course taught in the online form.
struct OnlineTeachingRow {
    std::int64_t course_id = 0;
    std::int64_t teacher_id = 0;
    std::int64_t discipline_id = 0;
    std::int64_t period_id = 0;
};
/// Every (course, teacher) of the courses taught in the online form (the flag, or a group with
/// an online student), for R-O16.
std::vector<OnlineTeachingRow> ReportOnlineTeaching(platform::db::Database& db);

/// A course's R-O12 standing.
struct ReadinessReportRow {
    std::int64_t course_id = 0;
    std::int64_t discipline_id = 0;
    std::int64_t faculty_id = 0;
    std::int64_t period_id = 0;
    std::string period_start;  ///< ISO day.
    std::string deadline;      ///< ISO day (5 working days before).
    std::optional<core::Instant> act_signed_at;
    std::optional<std::string> content_placed_on;  ///< ISO day of the act, Asia/Almaty.
    core::Verdict placement;                       ///< academics::CheckContentPlacement.
};
/// Every course with its period start, deadline and act, judged on `now`'s day.
std::vector<ReadinessReportRow> ReportReadiness(platform::db::Database& db, core::Instant now);

/// Whether the courses' migrations have run in `db` (a partial setup, such as another module's
/// test database, has no courses tables; `oqu demo` then makes no courses).
bool SchemaInstalled(platform::db::Database& db);

/// Renders a teacher's Markdown (lectures, assignment instructions) to HTML the way course pages
/// do: GitHub-flavoured, cmark-gfm's safe mode (raw HTML dropped, unsafe links removed), so the
/// result may be inserted unescaped.
std::string RenderTeacherMarkdown(std::string_view markdown);

/// Registers the module: schema, templates, strings, OpenAPI fragment, routes and navigation.
void Register(platform::ModuleRegistry& registry);

}  // namespace oqu::courses
