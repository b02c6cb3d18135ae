// The role-by-route permission matrix over the demo university, at the HTTP level, on SQLite and
// PostgreSQL (docs/SECURITY.md "Roles, scopes and capabilities").
//
// kMatrix below is the explicit expectation table: for each route of the router (method + pattern)
// the roles that may use it. It is derived from the capabilities declared in identity/, academics/
// and people/permissions.hpp, but written out here, so that a change of permissions shows up as a
// failing test. The test fails, naming the route, when the router has a route without a row or a
// row names a route that no longer exists: adding a route means adding one line to kMatrix.
//
// Each demo role signs in once. Objects in {id}/{code} are real demo records: one of the faculty
// of the dean's office's grant (Law) and one of another faculty, so a faculty-scoped role proves
// that a guessed id reveals nothing: another faculty's record answers 404 to a read and 403 or 404
// to a write, and a refused write changes nothing in the database. A removal (and a page that needs
// an empty curriculum or year) runs on records the test makes per request (Obj::kNew...): each
// allowed role removes its own, and the demo records stay for the rows after it.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "app/commands.hpp"
#include "app/tests/portal_client.hpp"
#include "courses/api.hpp"
#include "demo/api.hpp"
#include "dl/api.hpp"
#include "identity/api.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/roles.hpp"
#include "platform/db/database.hpp"
#include "platform/db/tests/backends.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"

namespace oqu::app {
namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using auth::Role;
using auth::RoleSet;
using platform::db::testing::Backend;
using testing::PortalClient;
using Fields = std::map<std::string, std::string>;

constexpr http::Method kGet = http::Method::kGet;
constexpr http::Method kPost = http::Method::kPost;
constexpr http::Method kPatch = http::Method::kPatch;
constexpr http::Method kPut = http::Method::kPut;
constexpr http::Method kDelete = http::Method::kDelete;

// ----- the expectation table -------------------------------------------------------------------

/// What a route's {id} (or {code}) stands for. The faculty-scoped kinds have a record of the
/// dean's office's own faculty and one of another faculty.
enum class Obj : std::uint8_t {
    kNone,
    kUser,       ///< A throwaway account (the victim of the allowed writes).
    kGrantPage,  ///< That account, {grant_id} one of its grants (revoked through the page).
    kGrantApi,   ///< That account, {grant_id} another grant (revoked through the API).
    kFaculty,
    kDepartment,
    kProgramme,
    kCurriculum,
    kStudent,
    kGroup,
    kTeacher,
    kDiscipline,   ///< A discipline of the kCurriculum record's faculty.
    kYear,         ///< Institution-wide: the demo year (with its periods and break).
    kPeriod,       ///< A period of the demo year.
    kYearHoliday,  ///< The demo year, {holiday} its break.
    kDirection,    ///< Institution-wide classifier row ({code}).
    kDlApp,        ///< A DL application of a student without a demo account; {row} a plan row.
    kDlOrder,      ///< Institution-wide: a rector's order of the DL list; {discipline} on it.
    kDlEmergency,  ///< Institution-wide: an emergency order (R-D14).
    kOlStudent,    ///< online: a student of the faculty without a demo account.
    kCourse,       ///< courses: a course of the faculty (no demo account teaches or attends it).
    kJournal,      ///< gradebook: the demo's journal of a group of the faculty.
    kPublicDay,    ///< Institution-wide: {year} 2026 of the holiday calendar, {date} its 1 January.
    kCheck,        ///< integrity: a check of the kCourse record (no demo account teaches it or wrote it).
    kAssignment,   ///< assignments: one of the kCourse record with a submission ({submission}) of a file.
    kAttemptQuiz,  ///< assessment: a quiz of the kCourse record (no demo account attends or teaches it).
    kAttempt,  ///< assessment: a submitted attempt at kAttemptQuiz ({slot} an essay) of a student without an
               ///< account.
    // Records made for one request each (see Fresh): a removal takes them away, and a form that
    // needs an empty record (a curriculum or year without content) gets one. The refused roles
    // try the one made for them; every allowed role gets its own.
    kNewFaculty,      ///< An empty faculty.
    kNewDepartment,   ///< A department no programme names, of the side's faculty.
    kNewCurriculum,   ///< An empty curriculum of the side's kProgramme.
    kNewDiscipline,   ///< A discipline of the side's kCurriculum.
    kNewYear,         ///< An empty year.
    kNewPeriod,       ///< The only period of a new year.
    kNewHoliday,      ///< A break of the demo year ({id} is the break).
    kNewYearHoliday,  ///< The demo year, {holiday} a new break of it.
};

bool FacultyScoped(Obj o) {
    return o == Obj::kFaculty || o == Obj::kDepartment || o == Obj::kProgramme || o == Obj::kCurriculum ||
           o == Obj::kDiscipline || o == Obj::kStudent || o == Obj::kGroup || o == Obj::kTeacher ||
           o == Obj::kNewDepartment || o == Obj::kNewCurriculum || o == Obj::kNewDiscipline ||
           o == Obj::kDlApp || o == Obj::kOlStudent || o == Obj::kCourse || o == Obj::kJournal ||
           o == Obj::kCheck || o == Obj::kAssignment || o == Obj::kAttemptQuiz || o == Obj::kAttempt;
}

/// Whether each request of a row with this object gets a record made for it.
bool IsFresh(Obj o) {
    return o >= Obj::kNewFaculty;
}

enum class Kind : std::uint8_t {
    kRead,    ///< GET: `allowed` roles get 200; the others get `refused` (404 unless said otherwise).
    kWrite,   ///< Changes state: the others get 403 or 404 and nothing changes; `allowed` are not refused.
    kOwn,     ///< The user's own account or session: every signed-in role. GETs answer 200 or a
              ///< redirect; writes are not sent (they would end or change the test's own session).
    kPublic,  ///< Audience kAnyone or kStateless: checked by security_test and the system tests.
};

/// Which faculty's record (or form value) a request uses.
enum class Side : std::uint8_t { kOwn, kOther };

struct Ids;

/// The body of a write: form fields, or a JSON document for the API.
struct Body {
    Fields form;
    nlohmann::json json;
};
using BodyFn = Body (*)(const Ids&, Side);

/// What a role that may not use a GET route gets.
enum class Refusal : std::uint8_t {
    k404,   ///< 404: the record (or page) does not exist for it.
    k403,   ///< 403: a page without a record (a list or an empty form) refused outright.
    kForm,  ///< The edit form of a record: 403 for the roles that may read the record, else 404.
};

struct Row {
    http::Method method;
    std::string_view pattern;
    Kind kind;
    RoleSet allowed;  ///< Roles allowed, on their own faculty's record for faculty-scoped roles.
    Obj object = Obj::kNone;
    BodyFn body = nullptr;            ///< Fields a permitted request would succeed with.
    bool sided = false;               ///< The body names a faculty: also sent for the other faculty.
    Refusal refused = Refusal::k404;  ///< kRead: what a refused role gets.
    bool send_allowed = true;         ///< kWrite: also send it as the allowed roles (false: refusals only).
};

// Role sets, written out from the capabilities of each module's permissions.hpp.
const RoleSet kEveryone{Role::kStudent,     Role::kTeacher,    Role::kAdviser,
                        Role::kDeansOffice, Role::kRegistrar,  Role::kQualityOfficer,
                        Role::kLibrarian,   Role::kResearcher, Role::kDormitoryOffice,
                        Role::kProctor,     Role::kItAdmin,    Role::kMinistryAuditor};
// identity:view_users / manage_users (and grant_roles) / view_audit.
const RoleSet kUserReaders{Role::kItAdmin, Role::kRegistrar};
const RoleSet kUserAdmins{Role::kItAdmin};
const RoleSet kAuditReaders{Role::kItAdmin, Role::kQualityOfficer, Role::kMinistryAuditor};
// academics:view / edit_structure / edit_directions = confirm_directions / edit_programme =
// edit_curriculum.
const RoleSet kStructureReaders{Role::kDeansOffice, Role::kRegistrar,       Role::kQualityOfficer,
                                Role::kItAdmin,     Role::kMinistryAuditor, Role::kTeacher,
                                Role::kAdviser};
const RoleSet kStructureEditors{Role::kRegistrar, Role::kItAdmin};
const RoleSet kDirectionEditors{Role::kQualityOfficer, Role::kItAdmin};
const RoleSet kProgrammeEditors{Role::kDeansOffice, Role::kRegistrar, Role::kItAdmin};
// academics:edit_curriculum.
const RoleSet kCurriculumEditors{Role::kDeansOffice, Role::kRegistrar, Role::kItAdmin};
// academics:edit_calendar (institution scope).
const RoleSet kCalendarEditors{Role::kRegistrar, Role::kItAdmin};
// people:view / edit_students / import.
const RoleSet kPeopleReaders{Role::kDeansOffice,    Role::kRegistrar, Role::kAdviser,        Role::kTeacher,
                             Role::kQualityOfficer, Role::kItAdmin,   Role::kMinistryAuditor};
const RoleSet kStudentEditors{Role::kDeansOffice, Role::kRegistrar};
const RoleSet kImporters{Role::kRegistrar, Role::kDeansOffice, Role::kItAdmin};
// people:edit_groups / edit_teachers.
const RoleSet kGroupEditors{Role::kDeansOffice, Role::kRegistrar};
const RoleSet kTeacherEditors{Role::kDeansOffice, Role::kItAdmin};
// dl:view_list / manage_list / view_applications / apply / review / decide.
const RoleSet kDlListReaders{Role::kDeansOffice,    Role::kRegistrar, Role::kAdviser,
                             Role::kQualityOfficer, Role::kItAdmin,   Role::kMinistryAuditor};
const RoleSet kDlListManagers{Role::kRegistrar, Role::kItAdmin};
const RoleSet kDlViewers{Role::kDeansOffice, Role::kRegistrar, Role::kAdviser, Role::kQualityOfficer,
                         Role::kMinistryAuditor};
const RoleSet kDlListUsers{Role::kStudent, Role::kDeansOffice,    Role::kRegistrar,
                           Role::kAdviser, Role::kQualityOfficer, Role::kMinistryAuditor};
const RoleSet kDlApplicants{Role::kStudent};
const RoleSet kDlReviewers{Role::kAdviser};
const RoleSet kDlDeciders{Role::kDeansOffice};
// compliance:view.
const RoleSet kComplianceReaders{Role::kQualityOfficer, Role::kRegistrar, Role::kDeansOffice,
                                 Role::kMinistryAuditor};
// The applicant only: the matrix's records belong to students without a demo account.
const RoleSet kNobody{};
// online:view_records / decide / edit_qualifications / publish_documents; the student's own pages.
const RoleSet kOlViewers{Role::kDeansOffice, Role::kRegistrar, Role::kQualityOfficer, Role::kItAdmin,
                         Role::kMinistryAuditor};
const RoleSet kOlDeciders{Role::kDeansOffice};
const RoleSet kOlQualificationEditors{Role::kDeansOffice, Role::kItAdmin};
const RoleSet kOlPublishers{Role::kQualityOfficer, Role::kItAdmin};
const RoleSet kOlStudents{Role::kStudent};
// courses:view / manage (structure, readiness act: teachers of the course and the head of its
// department, which no demo account is for the matrix's courses).
const RoleSet kCourseViewers{Role::kDeansOffice, Role::kRegistrar, Role::kQualityOfficer, Role::kItAdmin,
                             Role::kMinistryAuditor};
const RoleSet kCourseManagers{Role::kDeansOffice, Role::kRegistrar};
// integrity:review (the dean's office of the course's faculty) / integrity:list; the course's
// teachers act on a check, and no demo account teaches the matrix's courses.
const RoleSet kCheckReaders{Role::kDeansOffice};
const RoleSet kCheckListers{Role::kTeacher, Role::kDeansOffice};
// gradebook:view_journal / enter_marks / manage_journal / own_marks.
const RoleSet kGbReaders{Role::kTeacher,   Role::kAdviser,        Role::kDeansOffice,
                         Role::kRegistrar, Role::kQualityOfficer, Role::kMinistryAuditor};
const RoleSet kGbEnterers{Role::kTeacher, Role::kDeansOffice};
const RoleSet kGbManagers{Role::kDeansOffice};
const RoleSet kGbStudents{Role::kStudent};

/// The roles the demo grants in one faculty (Law) instead of the institution.
const RoleSet kFacultyGranted{Role::kDeansOffice};

// Bodies of the writes (defined after Ids).
Body NewUser(const Ids&, Side);
Body UserProfile(const Ids&, Side);
Body GrantForm(const Ids&, Side);
Body NoFields(const Ids&, Side);
Body ApiNewUser(const Ids&, Side);
Body ApiGrant(const Ids&, Side);
Body NewProgramme(const Ids&, Side);
Body EditProgramme(const Ids&, Side);
Body ApiNewProgramme(const Ids&, Side);
Body ApiPatchProgramme(const Ids&, Side);
Body NewCurriculum(const Ids&, Side);
Body NewFaculty(const Ids&, Side);
Body EditFaculty(const Ids&, Side);
Body NewDepartment(const Ids&, Side);
Body EditDepartment(const Ids&, Side);
Body DirectionSettings(const Ids&, Side);
Body NewStudent(const Ids&, Side);
Body EditStudent(const Ids&, Side);
Body ApiNewStudent(const Ids&, Side);
Body ApiPatchStudent(const Ids&, Side);
Body ImportKind(const Ids&, Side);
Body ImportCsv(const Ids&, Side);
Body ApiRename(const Ids&, Side);
Body ApiNewFaculty(const Ids&, Side);
Body ApiNewDepartment(const Ids&, Side);
Body ApiNewCurriculum(const Ids&, Side);
Body NewDiscipline(const Ids&, Side);
Body EditDiscipline(const Ids&, Side);
Body ApiNewDiscipline(const Ids&, Side);
Body NewYear(const Ids&, Side);
Body EditYear(const Ids&, Side);
Body ApiNewYear(const Ids&, Side);
Body ApiPatchYear(const Ids&, Side);
Body NewPeriod(const Ids&, Side);
Body EditPeriod(const Ids&, Side);
Body ApiNewPeriod(const Ids&, Side);
Body ApiPatchPeriod(const Ids&, Side);
Body NewHoliday(const Ids&, Side);
Body ApiNewHoliday(const Ids&, Side);
Body NewGroup(const Ids&, Side);
Body EditGroup(const Ids&, Side);
Body ApiNewGroup(const Ids&, Side);
Body ApiPatchGroup(const Ids&, Side);
Body NewTeacher(const Ids&, Side);
Body EditTeacher(const Ids&, Side);
Body ApiNewTeacher(const Ids&, Side);
Body ApiPatchTeacher(const Ids&, Side);
Body GbNewJournal(const Ids&, Side);
Body GbApiNewJournal(const Ids&, Side);
Body GbMark(const Ids&, Side);
Body GbApiMark(const Ids&, Side);
Body NewDlOrder(const Ids&, Side);
Body DlListed(const Ids&, Side);
Body NewDlEmergency(const Ids&, Side);
Body NewCourse(const Ids&, Side);
Body EditCourse(const Ids&, Side);
Body CourseTeacher(const Ids&, Side);
Body CourseGroup(const Ids&, Side);
Body CoursePolicy(const Ids&, Side);
Body CourseCopy(const Ids&, Side);
Body ApiNewCourse(const Ids&, Side);
Body ApiCourseTeacher(const Ids&, Side);
Body ApiCourseGroup(const Ids&, Side);
Body ApiCoursePolicy(const Ids&, Side);
Body NewPublicDay(const Ids&, Side);
Body EditPublicDay(const Ids&, Side);
Body ProposePublicYear(const Ids&, Side);
Body ApiPutPublicDay(const Ids&, Side);
Body ApiNewDlOrder(const Ids&, Side);
Body ApiDlListed(const Ids&, Side);
Body ApiNewDlEmergency(const Ids&, Side);

// clang-format off
const Row kMatrix[] = {
    // system
    {kGet, "/", Kind::kPublic, kEveryone},
    {kGet, "/healthz", Kind::kPublic, kEveryone},
    {kGet, "/static/{path*}", Kind::kPublic, kEveryone},
    {kGet, "/api/openapi.json", Kind::kPublic, kEveryone},
    // identity: sign-in and one's own account
    {kGet, "/login", Kind::kPublic, kEveryone},
    {kPost, "/login", Kind::kPublic, kEveryone},
    {kGet, "/login/second-factor", Kind::kOwn, kEveryone},
    {kPost, "/login/second-factor", Kind::kOwn, kEveryone},
    {kPost, "/logout", Kind::kOwn, kEveryone},
    {kGet, "/dashboard", Kind::kOwn, kEveryone},
    {kGet, "/account", Kind::kOwn, kEveryone},
    {kPost, "/account/password", Kind::kOwn, kEveryone},
    {kPost, "/account/logout-everywhere", Kind::kOwn, kEveryone},
    {kGet, "/account/second-factor", Kind::kOwn, kEveryone},
    {kPost, "/account/second-factor/start", Kind::kOwn, kEveryone},
    {kPost, "/account/second-factor", Kind::kOwn, kEveryone},
    {kGet, "/api/v1/me", Kind::kOwn, kEveryone},
    // identity: administration
    {kGet, "/admin/users", Kind::kRead, kUserReaders},
    {kGet, "/admin/users/new", Kind::kRead, kUserAdmins, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/admin/users/new", Kind::kWrite, kUserAdmins, Obj::kNone, NewUser},
    {kGet, "/admin/users/{id}", Kind::kRead, kUserReaders, Obj::kUser},
    {kPost, "/admin/users/{id}", Kind::kWrite, kUserAdmins, Obj::kUser, UserProfile},
    {kPost, "/admin/users/{id}/grants", Kind::kWrite, kUserAdmins, Obj::kUser, GrantForm},
    {kPost, "/admin/users/{id}/grants/{grant_id}/delete", Kind::kWrite, kUserAdmins, Obj::kGrantPage, NoFields},
    {kPost, "/admin/users/{id}/disable", Kind::kWrite, kUserAdmins, Obj::kUser, NoFields},
    {kPost, "/admin/users/{id}/enable", Kind::kWrite, kUserAdmins, Obj::kUser, NoFields},
    {kPost, "/admin/users/{id}/reset-password", Kind::kWrite, kUserAdmins, Obj::kUser, NoFields},
    {kPost, "/admin/users/{id}/reset-second-factor", Kind::kWrite, kUserAdmins, Obj::kUser, NoFields},
    {kGet, "/admin/audit", Kind::kRead, kAuditReaders},
    {kGet, "/admin/audit/verify", Kind::kRead, kAuditReaders},
    {kGet, "/api/v1/users", Kind::kRead, kUserReaders},
    {kPost, "/api/v1/users", Kind::kWrite, kUserAdmins, Obj::kNone, ApiNewUser},
    {kGet, "/api/v1/users/{id}", Kind::kRead, kUserReaders, Obj::kUser},
    {kPost, "/api/v1/users/{id}/grants", Kind::kWrite, kUserAdmins, Obj::kUser, ApiGrant},
    {kDelete, "/api/v1/users/{id}/grants/{grant_id}", Kind::kWrite, kUserAdmins, Obj::kGrantApi, NoFields},
    // academics: pages
    {kGet, "/academics", Kind::kRead, kStructureReaders},
    {kGet, "/academics/programmes", Kind::kRead, kStructureReaders},
    {kGet, "/academics/programmes/new", Kind::kRead, kProgrammeEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/academics/programmes", Kind::kWrite, kProgrammeEditors, Obj::kNone, NewProgramme, true},
    {kGet, "/academics/programmes/{id}", Kind::kRead, kStructureReaders, Obj::kProgramme},
    {kPost, "/academics/programmes/{id}", Kind::kWrite, kProgrammeEditors, Obj::kProgramme, EditProgramme},
    {kGet, "/academics/programmes/{id}/edit", Kind::kRead, kProgrammeEditors, Obj::kProgramme, nullptr, false, Refusal::kForm},
    {kPost, "/academics/programmes/{id}/curricula", Kind::kWrite, kProgrammeEditors, Obj::kProgramme, NewCurriculum},
    {kGet, "/academics/curricula/{id}", Kind::kRead, kStructureReaders, Obj::kCurriculum},
    {kGet, "/academics/curricula/{id}/disciplines/new", Kind::kRead, kCurriculumEditors, Obj::kCurriculum, nullptr, false, Refusal::kForm},
    {kPost, "/academics/curricula/{id}/disciplines", Kind::kWrite, kCurriculumEditors, Obj::kCurriculum, NewDiscipline},
    {kGet, "/academics/disciplines/{id}/edit", Kind::kRead, kCurriculumEditors, Obj::kDiscipline, nullptr, false, Refusal::kForm},
    {kPost, "/academics/disciplines/{id}", Kind::kWrite, kCurriculumEditors, Obj::kDiscipline, EditDiscipline},
    {kGet, "/academics/disciplines/{id}/remove", Kind::kRead, kCurriculumEditors, Obj::kDiscipline, nullptr, false, Refusal::kForm},
    {kPost, "/academics/disciplines/{id}/remove", Kind::kWrite, kCurriculumEditors, Obj::kNewDiscipline, NoFields},
    // Only an empty curriculum is removed from its page (a full one answers 409).
    {kGet, "/academics/curricula/{id}/delete", Kind::kRead, kCurriculumEditors, Obj::kNewCurriculum, nullptr, false, Refusal::kForm},
    {kPost, "/academics/curricula/{id}/delete", Kind::kWrite, kCurriculumEditors, Obj::kNewCurriculum, NoFields},
    // CSV imports: the upload is multipart and the commit carries a checked file: refusals only.
    {kGet, "/academics/programmes/import", Kind::kRead, kProgrammeEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/academics/programmes/import", Kind::kWrite, kProgrammeEditors, Obj::kNone, ImportCsv, false, Refusal::k403, false},
    {kPost, "/academics/programmes/import/commit", Kind::kWrite, kProgrammeEditors, Obj::kNone, ImportCsv, false, Refusal::k403, false},
    {kGet, "/academics/curricula/{id}/import", Kind::kRead, kCurriculumEditors, Obj::kCurriculum, nullptr, false, Refusal::kForm},
    {kPost, "/academics/curricula/{id}/import", Kind::kWrite, kCurriculumEditors, Obj::kCurriculum, ImportCsv, false, Refusal::k403, false},
    {kPost, "/academics/curricula/{id}/import/commit", Kind::kWrite, kCurriculumEditors, Obj::kCurriculum, ImportCsv, false, Refusal::k403, false},
    {kGet, "/academics/faculties/new", Kind::kRead, kStructureEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/academics/faculties", Kind::kWrite, kStructureEditors, Obj::kNone, NewFaculty},
    {kGet, "/academics/faculties/{id}", Kind::kRead, kStructureEditors, Obj::kFaculty, nullptr, false, Refusal::kForm},
    {kPost, "/academics/faculties/{id}", Kind::kWrite, kStructureEditors, Obj::kFaculty, EditFaculty},
    {kGet, "/academics/departments/new", Kind::kRead, kStructureEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/academics/departments", Kind::kWrite, kStructureEditors, Obj::kNone, NewDepartment, true},
    {kGet, "/academics/departments/{id}", Kind::kRead, kStructureEditors, Obj::kDepartment, nullptr, false, Refusal::kForm},
    {kPost, "/academics/departments/{id}", Kind::kWrite, kStructureEditors, Obj::kDepartment, EditDepartment},
    {kGet, "/academics/years", Kind::kRead, kStructureReaders},
    {kGet, "/academics/years/{id}", Kind::kRead, kStructureReaders, Obj::kYear},
    {kGet, "/academics/years/new", Kind::kRead, kCalendarEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/academics/years", Kind::kWrite, kCalendarEditors, Obj::kNone, NewYear},
    {kGet, "/academics/years/{id}/edit", Kind::kRead, kCalendarEditors, Obj::kYear, nullptr, false, Refusal::kForm},
    {kPost, "/academics/years/{id}", Kind::kWrite, kCalendarEditors, Obj::kYear, EditYear},
    // Only an empty year is removed (one with periods or breaks answers 409).
    {kGet, "/academics/years/{id}/delete", Kind::kRead, kCalendarEditors, Obj::kNewYear, nullptr, false, Refusal::kForm},
    {kPost, "/academics/years/{id}/delete", Kind::kWrite, kCalendarEditors, Obj::kNewYear, NoFields},
    {kGet, "/academics/years/{id}/periods/new", Kind::kRead, kCalendarEditors, Obj::kYear, nullptr, false, Refusal::kForm},
    {kPost, "/academics/years/{id}/periods", Kind::kWrite, kCalendarEditors, Obj::kNewYear, NewPeriod},
    {kGet, "/academics/periods/{id}/edit", Kind::kRead, kCalendarEditors, Obj::kPeriod, nullptr, false, Refusal::kForm},
    {kPost, "/academics/periods/{id}", Kind::kWrite, kCalendarEditors, Obj::kPeriod, EditPeriod},
    {kGet, "/academics/periods/{id}/remove", Kind::kRead, kCalendarEditors, Obj::kPeriod, nullptr, false, Refusal::kForm},
    {kPost, "/academics/periods/{id}/remove", Kind::kWrite, kCalendarEditors, Obj::kNewPeriod, NoFields},
    // academics: Kazakhstan's public-holiday calendar (R-O12); removals are proved by the module's
    // route tests (one listed day cannot be removed by each allowed role).
    {kGet, "/academics/calendar", Kind::kRead, kStructureReaders},
    {kPost, "/academics/calendar/propose", Kind::kWrite, kCalendarEditors, Obj::kNone, ProposePublicYear},
    {kGet, "/academics/calendar/{year}", Kind::kRead, kStructureReaders, Obj::kPublicDay},
    {kGet, "/academics/calendar/{year}/days/new", Kind::kRead, kCalendarEditors, Obj::kPublicDay, nullptr, false, Refusal::kForm},
    {kPost, "/academics/calendar/{year}/days", Kind::kWrite, kCalendarEditors, Obj::kPublicDay, NewPublicDay},
    {kGet, "/academics/calendar/{year}/days/{date}/edit", Kind::kRead, kCalendarEditors, Obj::kPublicDay, nullptr, false, Refusal::kForm},
    {kPost, "/academics/calendar/{year}/days/{date}", Kind::kWrite, kCalendarEditors, Obj::kPublicDay, EditPublicDay},
    {kGet, "/academics/calendar/{year}/days/{date}/remove", Kind::kRead, kCalendarEditors, Obj::kPublicDay, nullptr, false, Refusal::kForm},
    {kPost, "/academics/calendar/{year}/days/{date}/remove", Kind::kWrite, kCalendarEditors, Obj::kPublicDay, NoFields, false, Refusal::k404, false},
    {kPost, "/academics/calendar/{year}/days/{date}/confirm", Kind::kWrite, kCalendarEditors, Obj::kPublicDay, NoFields},
    {kGet, "/api/v1/academics/calendar/{year}", Kind::kRead, kStructureReaders, Obj::kPublicDay},
    {kPut, "/api/v1/academics/calendar/{year}/days/{date}", Kind::kWrite, kCalendarEditors, Obj::kPublicDay, ApiPutPublicDay},
    {kDelete, "/api/v1/academics/calendar/{year}/days/{date}", Kind::kWrite, kCalendarEditors, Obj::kPublicDay, NoFields, false, Refusal::k404, false},
    {kGet, "/academics/years/{id}/holidays/new", Kind::kRead, kCalendarEditors, Obj::kYear, nullptr, false, Refusal::kForm},
    {kPost, "/academics/years/{id}/holidays", Kind::kWrite, kCalendarEditors, Obj::kYear, NewHoliday},
    {kGet, "/academics/years/{id}/holidays/{holiday}/remove", Kind::kRead, kCalendarEditors, Obj::kYearHoliday, nullptr, false, Refusal::kForm},
    {kPost, "/academics/years/{id}/holidays/{holiday}/remove", Kind::kWrite, kCalendarEditors, Obj::kNewYearHoliday, NoFields},
    {kGet, "/academics/directions", Kind::kRead, kStructureReaders},
    {kGet, "/academics/directions/{code}", Kind::kRead, kStructureReaders, Obj::kDirection},
    {kPost, "/academics/directions/{code}", Kind::kWrite, kDirectionEditors, Obj::kDirection, DirectionSettings},
    {kPost, "/academics/directions/{code}/confirm", Kind::kWrite, kDirectionEditors, Obj::kDirection, NoFields},
    // academics: API
    {kGet, "/api/v1/academics/faculties", Kind::kRead, kStructureReaders},
    {kPost, "/api/v1/academics/faculties", Kind::kWrite, kStructureEditors, Obj::kNone, ApiNewFaculty},
    {kGet, "/api/v1/academics/faculties/{id}", Kind::kRead, kStructureReaders, Obj::kFaculty},
    {kPatch, "/api/v1/academics/faculties/{id}", Kind::kWrite, kStructureEditors, Obj::kFaculty, ApiRename},
    {kDelete, "/api/v1/academics/faculties/{id}", Kind::kWrite, kStructureEditors, Obj::kNewFaculty, NoFields},
    {kPost, "/api/v1/academics/departments", Kind::kWrite, kStructureEditors, Obj::kNone, ApiNewDepartment, true},
    {kGet, "/api/v1/academics/departments/{id}", Kind::kRead, kStructureReaders, Obj::kDepartment},
    {kPatch, "/api/v1/academics/departments/{id}", Kind::kWrite, kStructureEditors, Obj::kDepartment, ApiRename},
    {kDelete, "/api/v1/academics/departments/{id}", Kind::kWrite, kStructureEditors, Obj::kNewDepartment, NoFields},
    {kGet, "/api/v1/academics/programmes", Kind::kRead, kStructureReaders},
    {kPost, "/api/v1/academics/programmes", Kind::kWrite, kProgrammeEditors, Obj::kNone, ApiNewProgramme, true},
    {kGet, "/api/v1/academics/programmes/{id}", Kind::kRead, kStructureReaders, Obj::kProgramme},
    {kPatch, "/api/v1/academics/programmes/{id}", Kind::kWrite, kProgrammeEditors, Obj::kProgramme, ApiPatchProgramme},
    {kPost, "/api/v1/academics/programmes/{id}/curricula", Kind::kWrite, kCurriculumEditors, Obj::kProgramme, ApiNewCurriculum},
    {kGet, "/api/v1/academics/curricula/{id}", Kind::kRead, kStructureReaders, Obj::kCurriculum},
    {kDelete, "/api/v1/academics/curricula/{id}", Kind::kWrite, kCurriculumEditors, Obj::kNewCurriculum, NoFields},
    {kPost, "/api/v1/academics/curricula/{id}/disciplines", Kind::kWrite, kCurriculumEditors, Obj::kCurriculum, ApiNewDiscipline},
    {kGet, "/api/v1/academics/disciplines/{id}", Kind::kRead, kStructureReaders, Obj::kDiscipline},
    {kPatch, "/api/v1/academics/disciplines/{id}", Kind::kWrite, kCurriculumEditors, Obj::kDiscipline, ApiRename},
    {kDelete, "/api/v1/academics/disciplines/{id}", Kind::kWrite, kCurriculumEditors, Obj::kNewDiscipline, NoFields},
    {kGet, "/api/v1/academics/directions", Kind::kRead, kStructureReaders},
    {kGet, "/api/v1/academics/directions/{code}", Kind::kRead, kStructureReaders, Obj::kDirection},
    {kGet, "/api/v1/academics/years", Kind::kRead, kStructureReaders},
    {kPost, "/api/v1/academics/years", Kind::kWrite, kCalendarEditors, Obj::kNone, ApiNewYear},
    {kGet, "/api/v1/academics/years/{id}", Kind::kRead, kStructureReaders, Obj::kYear},
    {kPatch, "/api/v1/academics/years/{id}", Kind::kWrite, kCalendarEditors, Obj::kYear, ApiPatchYear},
    {kDelete, "/api/v1/academics/years/{id}", Kind::kWrite, kCalendarEditors, Obj::kNewYear, NoFields},
    {kPost, "/api/v1/academics/years/{id}/periods", Kind::kWrite, kCalendarEditors, Obj::kNewYear, ApiNewPeriod},
    {kGet, "/api/v1/academics/periods/{id}", Kind::kRead, kStructureReaders, Obj::kPeriod},
    {kPatch, "/api/v1/academics/periods/{id}", Kind::kWrite, kCalendarEditors, Obj::kPeriod, ApiPatchPeriod},
    {kDelete, "/api/v1/academics/periods/{id}", Kind::kWrite, kCalendarEditors, Obj::kNewPeriod, NoFields},
    {kPost, "/api/v1/academics/years/{id}/holidays", Kind::kWrite, kCalendarEditors, Obj::kYear, ApiNewHoliday},
    {kDelete, "/api/v1/academics/holidays/{id}", Kind::kWrite, kCalendarEditors, Obj::kNewHoliday, NoFields},
    // people: pages
    {kGet, "/people/students", Kind::kRead, kPeopleReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/people/students/new", Kind::kRead, kStudentEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/people/students/new", Kind::kWrite, kStudentEditors, Obj::kNone, NewStudent, true},
    {kGet, "/people/students/{id}", Kind::kRead, kPeopleReaders, Obj::kStudent},
    {kGet, "/people/students/{id}/edit", Kind::kRead, kStudentEditors, Obj::kStudent, nullptr, false, Refusal::kForm},
    {kPost, "/people/students/{id}", Kind::kWrite, kStudentEditors, Obj::kStudent, EditStudent},
    {kGet, "/people/groups", Kind::kRead, kPeopleReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/people/groups/{id}", Kind::kRead, kPeopleReaders, Obj::kGroup},
    {kGet, "/people/groups/new", Kind::kRead, kGroupEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/people/groups/new", Kind::kWrite, kGroupEditors, Obj::kNone, NewGroup, true},
    {kGet, "/people/groups/{id}/edit", Kind::kRead, kGroupEditors, Obj::kGroup, nullptr, false, Refusal::kForm},
    {kPost, "/people/groups/{id}", Kind::kWrite, kGroupEditors, Obj::kGroup, EditGroup},
    {kGet, "/people/teachers", Kind::kRead, kPeopleReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/people/teachers/{id}", Kind::kRead, kPeopleReaders, Obj::kTeacher},
    {kGet, "/people/teachers/new", Kind::kRead, kTeacherEditors, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/people/teachers/new", Kind::kWrite, kTeacherEditors, Obj::kNone, NewTeacher, true},
    {kGet, "/people/teachers/{id}/edit", Kind::kRead, kTeacherEditors, Obj::kTeacher, nullptr, false, Refusal::kForm},
    {kPost, "/people/teachers/{id}", Kind::kWrite, kTeacherEditors, Obj::kTeacher, EditTeacher},
    {kGet, "/people/import", Kind::kRead, kImporters, Obj::kNone, nullptr, false, Refusal::k403},
    // The upload is multipart and the commit needs an upload's token: refusals only.
    {kPost, "/people/import", Kind::kWrite, kImporters, Obj::kNone, ImportKind, false, Refusal::k403, false},
    {kPost, "/people/import/commit", Kind::kWrite, kImporters, Obj::kNone, ImportKind, false, Refusal::k403, false},
    // people: API
    {kGet, "/api/v1/people/students", Kind::kRead, kPeopleReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/api/v1/people/students", Kind::kWrite, kStudentEditors, Obj::kNone, ApiNewStudent, true},
    {kGet, "/api/v1/people/students/{id}", Kind::kRead, kPeopleReaders, Obj::kStudent},
    {kPatch, "/api/v1/people/students/{id}", Kind::kWrite, kStudentEditors, Obj::kStudent, ApiPatchStudent},
    {kGet, "/api/v1/people/groups", Kind::kRead, kPeopleReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/api/v1/people/groups", Kind::kWrite, kGroupEditors, Obj::kNone, ApiNewGroup, true},
    {kGet, "/api/v1/people/groups/{id}", Kind::kRead, kPeopleReaders, Obj::kGroup},
    {kPatch, "/api/v1/people/groups/{id}", Kind::kWrite, kGroupEditors, Obj::kGroup, ApiPatchGroup},
    {kGet, "/api/v1/people/teachers", Kind::kRead, kPeopleReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/api/v1/people/teachers", Kind::kWrite, kTeacherEditors, Obj::kNone, ApiNewTeacher, true},
    {kGet, "/api/v1/people/teachers/{id}", Kind::kRead, kPeopleReaders, Obj::kTeacher},
    {kPatch, "/api/v1/people/teachers/{id}", Kind::kWrite, kTeacherEditors, Obj::kTeacher, ApiPatchTeacher},
    // dl: pages. The workflow's writes move an application along its stages: refusals only.
    {kGet, "/dl/applications", Kind::kRead, kDlListUsers, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/dl/applications/new", Kind::kRead, kDlApplicants, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/dl/applications", Kind::kWrite, kDlApplicants, Obj::kNone, NoFields, false, Refusal::k403, false},
    {kGet, "/dl/applications/{id}", Kind::kRead, kDlViewers, Obj::kDlApp},
    // The matrix's application (category 2) has no document: 404 for everyone.
    {kGet, "/dl/applications/{id}/document", Kind::kRead, kNobody, Obj::kDlApp},
    {kPost, "/dl/applications/{id}/withdraw", Kind::kWrite, kNobody, Obj::kDlApp, NoFields},
    {kPost, "/dl/applications/{id}/review", Kind::kWrite, kDlReviewers, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kPost, "/dl/applications/{id}/decision", Kind::kWrite, kDlDeciders, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kPost, "/dl/applications/{id}/plan", Kind::kWrite, kDlDeciders, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kPost, "/dl/applications/{id}/plan/{row}/remove", Kind::kWrite, kDlDeciders, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kGet, "/dl/list", Kind::kRead, kDlListReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/dl/list/orders", Kind::kWrite, kDlListManagers, Obj::kNone, NewDlOrder},
    {kGet, "/dl/list/orders/{id}", Kind::kRead, kDlListReaders, Obj::kDlOrder},
    {kPost, "/dl/list/orders/{id}/disciplines", Kind::kWrite, kDlListManagers, Obj::kDlOrder, DlListed},
    {kPost, "/dl/list/orders/{id}/disciplines/{discipline}/remove", Kind::kWrite, kDlListManagers, Obj::kDlOrder, NoFields, false, Refusal::k404, false},
    // dl:manage_emergency has the same holders as dl:manage_list.
    {kGet, "/dl/emergency", Kind::kRead, kDlListReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/dl/emergency", Kind::kWrite, kDlListManagers, Obj::kNone, NewDlEmergency},
    {kGet, "/dl/emergency/{id}", Kind::kRead, kDlListReaders, Obj::kDlEmergency},
    {kPost, "/dl/emergency/{id}/postponements", Kind::kWrite, kDlListManagers, Obj::kDlEmergency, NoFields, false, Refusal::k404, false},
    // dl: API
    {kGet, "/api/v1/dl/applications", Kind::kRead, kDlListUsers, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/api/v1/dl/applications", Kind::kWrite, kDlApplicants, Obj::kNone, NoFields, false, Refusal::k403, false},
    {kGet, "/api/v1/dl/applications/{id}", Kind::kRead, kDlViewers, Obj::kDlApp},
    {kPost, "/api/v1/dl/applications/{id}/review", Kind::kWrite, kDlReviewers, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kPost, "/api/v1/dl/applications/{id}/decision", Kind::kWrite, kDlDeciders, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kPost, "/api/v1/dl/applications/{id}/withdraw", Kind::kWrite, kNobody, Obj::kDlApp, NoFields},
    {kGet, "/api/v1/dl/applications/{id}/plan", Kind::kRead, kDlViewers, Obj::kDlApp},
    {kPost, "/api/v1/dl/applications/{id}/plan", Kind::kWrite, kDlDeciders, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kDelete, "/api/v1/dl/applications/{id}/plan/{row}", Kind::kWrite, kDlDeciders, Obj::kDlApp, NoFields, false, Refusal::k404, false},
    {kGet, "/api/v1/dl/list", Kind::kRead, kDlListReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/api/v1/dl/list/orders", Kind::kWrite, kDlListManagers, Obj::kNone, ApiNewDlOrder},
    {kGet, "/api/v1/dl/list/orders/{id}", Kind::kRead, kDlListReaders, Obj::kDlOrder},
    // The page's row (DlListed) has put the own faculty's discipline on the order already.
    {kPost, "/api/v1/dl/list/orders/{id}/disciplines", Kind::kWrite, kDlListManagers, Obj::kDlOrder, ApiDlListed, false, Refusal::k404, false},
    {kDelete, "/api/v1/dl/list/orders/{id}/disciplines/{discipline}", Kind::kWrite, kDlListManagers, Obj::kDlOrder, NoFields, false, Refusal::k404, false},
    {kGet, "/api/v1/dl/emergencies", Kind::kRead, kDlListReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/api/v1/dl/emergencies", Kind::kWrite, kDlListManagers, Obj::kNone, ApiNewDlEmergency},
    {kGet, "/api/v1/dl/emergencies/{id}", Kind::kRead, kDlListReaders, Obj::kDlEmergency},
    {kPost, "/api/v1/dl/emergencies/{id}/postponements", Kind::kWrite, kDlListManagers, Obj::kDlEmergency, NoFields, false, Refusal::k404, false},
    // compliance: the dashboard and its downloads
    {kGet, "/compliance", Kind::kRead, kComplianceReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/compliance/report.xlsx", Kind::kRead, kComplianceReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/compliance/report.json", Kind::kRead, kComplianceReaders, Obj::kNone, nullptr, false, Refusal::k403},
    // online: pages. The student's own contract (the demo student's account); decisions on MOOCs and
    // transfers need a record the demo has none of ({id} is a student id there): 404 for everyone.
    {kGet, "/online/mine", Kind::kOwn, kEveryone},
    {kGet, "/online/consents", Kind::kRead, kOlStudents, Obj::kNone},
    {kPost, "/online/consents/accept", Kind::kOwn, kEveryone},
    {kPost, "/online/consents/withdraw", Kind::kOwn, kEveryone},
    {kGet, "/online/students", Kind::kRead, kOlViewers, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/online/students/{id}", Kind::kRead, kOlViewers, Obj::kOlStudent},
    // R-O3: the plan page of the dean's office (a full-time student's says it has none); the
    // changes are refusals only here (the matrix's student is full-time), proved in online's tests.
    {kGet, "/online/students/{id}/plan", Kind::kRead, kOlDeciders, Obj::kOlStudent, nullptr, false, Refusal::kForm},
    {kPost, "/online/students/{id}/plan", Kind::kWrite, kOlDeciders, Obj::kOlStudent, NoFields, false, Refusal::k404, false},
    {kPost, "/online/students/{id}/plan/approve", Kind::kWrite, kOlDeciders, Obj::kOlStudent, NoFields, false, Refusal::k404, false},
    {kPost, "/online/students/{id}/plan/schedule", Kind::kWrite, kOlDeciders, Obj::kOlStudent, NoFields, false, Refusal::k404, false},
    {kPost, "/online/students/{id}/plan/schedule/{row}/remove", Kind::kWrite, kOlDeciders, Obj::kOlStudent, NoFields, false, Refusal::k404, false},
    {kPost, "/online/students/{id}/moocs", Kind::kWrite, kOlDeciders, Obj::kOlStudent, NoFields, false, Refusal::k404, false},
    {kPost, "/online/students/{id}/transfers", Kind::kWrite, kOlDeciders, Obj::kOlStudent, NoFields, false, Refusal::k404, false},
    {kPost, "/online/moocs/{id}/decision", Kind::kWrite, kNobody, Obj::kOlStudent, NoFields},
    {kPost, "/online/transfers/{id}/paid", Kind::kWrite, kNobody, Obj::kOlStudent, NoFields},
    {kPost, "/online/transfers/{id}/decision", Kind::kWrite, kNobody, Obj::kOlStudent, NoFields},
    {kGet, "/online/teachers/{id}", Kind::kRead, kOlViewers, Obj::kTeacher},
    {kPost, "/online/teachers/{id}/courses", Kind::kWrite, kOlQualificationEditors, Obj::kTeacher, NoFields, false, Refusal::k404, false},
    {kGet, "/online/documents", Kind::kRead, kOlPublishers, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/online/documents", Kind::kWrite, kOlPublishers, Obj::kNone, NoFields, false, Refusal::k403, false},
    // online: API
    {kGet, "/api/v1/online/students/{id}/consents", Kind::kRead, kOlViewers, Obj::kOlStudent},
    {kGet, "/api/v1/online/students/{id}/moocs", Kind::kRead, kOlViewers, Obj::kOlStudent},
    {kGet, "/api/v1/online/students/{id}/plan", Kind::kRead, kOlViewers, Obj::kOlStudent},
    {kPost, "/api/v1/online/students/{id}/moocs", Kind::kWrite, kOlDeciders, Obj::kOlStudent, NoFields, false, Refusal::k404, false},
    {kGet, "/api/v1/online/teachers/{id}/qualifications", Kind::kRead, kOlViewers, Obj::kTeacher},
    // courses: pages. The structure and the readiness act belong to the course's teachers and the
    // head of its department: no demo account is one for the matrix's courses.
    {kGet, "/courses", Kind::kRead, kEveryone},
    {kGet, "/courses/new", Kind::kRead, kCourseManagers, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/courses", Kind::kWrite, kCourseManagers, Obj::kNone, NewCourse, true},
    {kGet, "/courses/readiness", Kind::kRead, kCourseViewers, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/courses/{id}", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kGet, "/courses/{id}/edit", Kind::kRead, kCourseManagers, Obj::kCourse, nullptr, false, Refusal::kForm},
    {kPost, "/courses/{id}", Kind::kWrite, kCourseManagers, Obj::kCourse, EditCourse},
    {kPost, "/courses/{id}/teachers", Kind::kWrite, kCourseManagers, Obj::kCourse, CourseTeacher},
    {kPost, "/courses/{id}/teachers/{teacher}/remove", Kind::kWrite, kCourseManagers, Obj::kCourse, NoFields, false, Refusal::k404, false},
    {kPost, "/courses/{id}/groups", Kind::kWrite, kCourseManagers, Obj::kCourse, CourseGroup},
    {kPost, "/courses/{id}/groups/{group}/remove", Kind::kWrite, kCourseManagers, Obj::kCourse, NoFields, false, Refusal::k404, false},
    {kPost, "/courses/{id}/outcomes", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/outcomes/{outcome}/remove", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/weeks", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/weeks/{week}/elements", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/elements/{element}", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/elements/{element}/remove", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/elements/{element}/captions", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/files/{sha256}", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/policy", Kind::kWrite, kCourseManagers, Obj::kCourse, CoursePolicy},
    {kPost, "/courses/{id}/readiness", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/syllabus", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kGet, "/courses/{id}/syllabus.pdf", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kGet, "/courses/{id}/cartridge.imscc", Kind::kRead, kCourseManagers, Obj::kCourse, nullptr, false, Refusal::kForm},
    {kGet, "/courses/{id}/import", Kind::kRead, kNobody, Obj::kCourse, nullptr, false, Refusal::kForm},
    {kPost, "/courses/{id}/import", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/copy", Kind::kWrite, kCourseManagers, Obj::kCourse, CourseCopy},
    // assignments: authoring, submitting and grading belong to the course's teachers and students,
    // which no demo account is; the dean's office (courses:manage) reads submissions and extends.
    {kGet, "/courses/{id}/assignments", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kGet, "/courses/{id}/assignments/new", Kind::kRead, kNobody, Obj::kCourse, nullptr, false, Refusal::kForm},
    {kPost, "/courses/{id}/assignments", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/assignments/{id}", Kind::kRead, kCourseViewers, Obj::kAssignment},
    {kPost, "/assignments/{id}/submissions", Kind::kWrite, kNobody, Obj::kAssignment, NoFields},
    {kPost, "/assignments/{id}/extensions", Kind::kWrite, kCourseManagers, Obj::kAssignment, NoFields, false, Refusal::k404, false},
    {kPost, "/assignments/{id}/groups", Kind::kWrite, kNobody, Obj::kAssignment, NoFields},
    {kPost, "/assignments/{id}/journal", Kind::kWrite, kNobody, Obj::kAssignment, NoFields},
    {kPost, "/assignments/{id}/journal-column", Kind::kWrite, kNobody, Obj::kAssignment, NoFields},
    {kGet, "/assignments/{id}/submissions/{submission}", Kind::kRead, kCourseManagers, Obj::kAssignment},
    {kPost, "/assignments/{id}/submissions/{submission}/grade", Kind::kWrite, kNobody, Obj::kAssignment, NoFields},
    {kGet, "/assignments/{id}/files/{sha256}", Kind::kRead, kCourseManagers, Obj::kAssignment},
    {kGet, "/api/v1/courses/{id}/assignments", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/api/v1/courses/{id}/assignments", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/api/v1/assignments/{id}/submissions", Kind::kRead, kCourseViewers, Obj::kAssignment},
    {kPost, "/api/v1/assignments/{id}/submissions", Kind::kWrite, kNobody, Obj::kAssignment, NoFields},
    {kPost, "/api/v1/assignments/{id}/submissions/{submission}/grade", Kind::kWrite, kNobody, Obj::kAssignment, NoFields},
    // courses: API
    {kGet, "/api/v1/courses", Kind::kRead, kEveryone},
    {kPost, "/api/v1/courses", Kind::kWrite, kCourseManagers, Obj::kNone, ApiNewCourse, true},
    {kGet, "/api/v1/courses/readiness", Kind::kRead, kCourseViewers, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/api/v1/courses/{id}", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/api/v1/courses/{id}/teachers", Kind::kWrite, kCourseManagers, Obj::kCourse, ApiCourseTeacher},
    {kPost, "/api/v1/courses/{id}/groups", Kind::kWrite, kCourseManagers, Obj::kCourse, ApiCourseGroup},
    {kPost, "/api/v1/courses/{id}/policy", Kind::kWrite, kCourseManagers, Obj::kCourse, ApiCoursePolicy},
    {kGet, "/api/v1/courses/{id}/readiness", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kGet, "/api/v1/courses/{id}/syllabus", Kind::kRead, kCourseViewers, Obj::kCourse},
    // integrity: the checks of students' works and their reports
    {kGet, "/integrity", Kind::kRead, kCheckListers, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/integrity/checks/{id}", Kind::kRead, kCheckReaders, Obj::kCheck},
    // assessment: attempts (the student's own only: no demo account has one) and grading (the
    // course's teachers write; its dean's office and the registrar read)
    {kPost, "/api/v1/quizzes/{id}/attempts", Kind::kWrite, kNobody, Obj::kAttemptQuiz, NoFields},
    {kGet, "/api/v1/attempts/{id}", Kind::kRead, kCourseManagers, Obj::kAttempt},
    {kPut, "/api/v1/attempts/{id}/responses/{slot}", Kind::kWrite, kNobody, Obj::kAttempt, NoFields},
    {kPost, "/api/v1/attempts/{id}/submit", Kind::kWrite, kNobody, Obj::kAttempt, NoFields},
    {kGet, "/assessment/quizzes/{id}/take", Kind::kRead, kNobody, Obj::kAttemptQuiz},
    {kPost, "/assessment/quizzes/{id}/take", Kind::kWrite, kNobody, Obj::kAttemptQuiz, NoFields},
    {kGet, "/assessment/attempts/{id}", Kind::kRead, kNobody, Obj::kAttempt},
    {kPost, "/assessment/attempts/{id}", Kind::kWrite, kNobody, Obj::kAttempt, NoFields},
    {kGet, "/assessment/attempts/{id}/confirm", Kind::kRead, kNobody, Obj::kAttempt},
    {kPost, "/assessment/attempts/{id}/submit", Kind::kWrite, kNobody, Obj::kAttempt, NoFields},
    {kGet, "/assessment/attempts/{id}/result", Kind::kRead, kNobody, Obj::kAttempt},
    {kGet, "/assessment/static/{path*}", Kind::kPublic, kEveryone},
    {kGet, "/assessment/quizzes/{id}/grading", Kind::kRead, kCourseManagers, Obj::kAttemptQuiz},
    {kGet, "/assessment/attempts/{id}/grading", Kind::kRead, kCourseManagers, Obj::kAttempt},
    {kPost, "/assessment/attempts/{id}/grading/{slot}", Kind::kWrite, kNobody, Obj::kAttempt, NoFields},
    {kPost, "/assessment/quizzes/{id}/regrade", Kind::kWrite, kNobody, Obj::kAttemptQuiz, NoFields},
    {kPost, "/assessment/quizzes/{id}/journal", Kind::kWrite, kNobody, Obj::kAttemptQuiz, NoFields},
    {kGet, "/assessment/quizzes/{id}/analysis", Kind::kRead, kCourseManagers, Obj::kAttemptQuiz},
    // assessment: the question bank and quiz settings of a course (the course's teachers edit, no
    // demo account teaches the matrix's courses; staff who see the course read), accommodations
    // (the course's teachers and courses:manage).
    {kGet, "/courses/{id}/questions", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/questions", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/questions/new", Kind::kRead, kNobody, Obj::kCourse, nullptr, false, Refusal::kForm},
    {kPost, "/courses/{id}/questions/categories", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/questions/categories/{category}", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/questions/categories/{category}/remove", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/questions/import", Kind::kRead, kNobody, Obj::kCourse, nullptr, false, Refusal::kForm},
    {kPost, "/courses/{id}/questions/import", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/questions/import/commit", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/questions/export.xml", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kGet, "/courses/{id}/questions/{question}", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/questions/{question}", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/questions/{question}/preview", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/questions/{question}/retire", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/courses/{id}/questions/{question}/move", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/api/v1/courses/{id}/questions", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/api/v1/courses/{id}/questions", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kPost, "/api/v1/courses/{id}/questions/import", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/quizzes", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/quizzes", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/quizzes/new", Kind::kRead, kNobody, Obj::kCourse, nullptr, false, Refusal::kForm},
    {kGet, "/courses/{id}/quizzes/{quiz}", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/quizzes/{quiz}", Kind::kWrite, kNobody, Obj::kCourse, NoFields},
    {kGet, "/courses/{id}/accommodations", Kind::kRead, kCourseViewers, Obj::kCourse},
    {kPost, "/courses/{id}/accommodations", Kind::kWrite, kCourseManagers, Obj::kCourse, NoFields, false, Refusal::k404, false},
    {kPost, "/courses/{id}/accommodations/{accommodation}/remove", Kind::kWrite, kCourseManagers, Obj::kCourse, NoFields, false, Refusal::k404, false},
    {kGet, "/integrity/checks/{id}/report.pdf", Kind::kRead, kCheckReaders, Obj::kCheck},
    {kPost, "/integrity/checks/{id}/exclusions", Kind::kWrite, kNobody, Obj::kCheck, NoFields},
    {kPost, "/integrity/checks/{id}/exclusions/remove", Kind::kWrite, kNobody, Obj::kCheck, NoFields},
    {kPost, "/integrity/checks/{id}/decisions", Kind::kWrite, kNobody, Obj::kCheck, NoFields},
    {kGet, "/integrity/static/{path*}", Kind::kPublic, kEveryone},
    // gradebook: pages ({id} a journal of a demo group; the closing comes last, marks need it open)
    {kGet, "/gradebook", Kind::kRead, kGbReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kGet, "/gradebook/journals/new", Kind::kRead, kGbEnterers, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/gradebook/journals", Kind::kWrite, kGbEnterers, Obj::kNone, GbNewJournal, false, Refusal::k403},
    {kGet, "/gradebook/journals/{id}", Kind::kRead, kGbReaders, Obj::kJournal},
    {kPost, "/gradebook/journals/{id}/marks", Kind::kWrite, kGbEnterers, Obj::kJournal, GbMark},
    {kGet, "/gradebook/journals/{id}/history", Kind::kRead, kGbEnterers, Obj::kJournal, nullptr, false, Refusal::kForm},
    {kGet, "/gradebook/journals/{id}/sheet.pdf", Kind::kRead, kGbReaders, Obj::kJournal},
    {kGet, "/gradebook/journals/{id}/sheet.xlsx", Kind::kRead, kGbReaders, Obj::kJournal},
    {kGet, "/gradebook/my", Kind::kRead, kGbStudents, Obj::kNone},
    {kGet, "/gradebook/students/{id}/transcript", Kind::kRead, kGbReaders, Obj::kOlStudent},
    {kGet, "/gradebook/students/{id}/transcript.pdf", Kind::kRead, kGbReaders, Obj::kOlStudent},
    {kGet, "/gradebook/static/{path*}", Kind::kPublic, kEveryone},
    // gradebook: API
    {kGet, "/api/v1/gradebook/journals", Kind::kRead, kGbReaders, Obj::kNone, nullptr, false, Refusal::k403},
    {kPost, "/api/v1/gradebook/journals", Kind::kWrite, kGbEnterers, Obj::kNone, GbApiNewJournal, false, Refusal::k403},
    {kGet, "/api/v1/gradebook/journals/{id}", Kind::kRead, kGbReaders, Obj::kJournal},
    {kPost, "/api/v1/gradebook/journals/{id}/marks", Kind::kWrite, kGbEnterers, Obj::kJournal, GbApiMark},
    {kGet, "/api/v1/gradebook/my", Kind::kRead, kGbStudents, Obj::kNone},
    {kGet, "/api/v1/gradebook/students/{id}/transcript", Kind::kRead, kGbReaders, Obj::kOlStudent},
    {kPost, "/gradebook/journals/{id}/close", Kind::kWrite, kGbManagers, Obj::kJournal, NoFields},
    {kPost, "/api/v1/gradebook/journals/{id}/close", Kind::kWrite, kGbManagers, Obj::kJournal, NoFields, false, Refusal::k404, false},
};
// clang-format on

// ----- the demo records the routes are called with ---------------------------------------------

/// A record of the demo: its id and the values a form about it needs.
struct Record {
    std::string id;
    Fields fields;
};

struct Ids {
    std::int64_t victim = 0;      ///< Throwaway account.
    std::int64_t grant_page = 0;  ///< Its grants.
    std::int64_t grant_api = 0;
    std::string year;
    std::string direction;
    std::map<Obj, Record> own;     ///< Faculty-scoped records of the Law faculty.
    std::map<Obj, Record> other;   ///< The same kinds in another faculty.
    std::map<Side, Record> fresh;  ///< The record made for the current request of a fresh kind.

    const Record& Of(Obj o, Side side) const {
        if (IsFresh(o)) {
            return fresh.at(FacultyScoped(o) ? side : Side::kOwn);
        }
        const auto& map = side == Side::kOwn || !FacultyScoped(o) ? own : other;
        return map.at(o);
    }
};

const std::string kPassword = "Матрица-құпиясөз-2026!";

Body NoFields(const Ids&, Side) {
    return {};
}
Body NewDlOrder(const Ids&, Side) {
    return {{{"number", "M-137"}, {"date", "2026-09-01"}}, {}};
}
Body NewPublicDay(const Ids&, Side) {
    return {{{"date", "2026-08-27"},
             {"kind", "day_off_transfer"},
             {"name_kk", "Демалыс"},
             {"name_ru", "Выходной"},
             {"name_en", "Day off"},
             {"source", "matrix"}},
            {}};
}
Body EditPublicDay(const Ids&, Side) {
    return {{{"kind", "public_holiday"},
             {"name_kk", "Жаңа жыл"},
             {"name_ru", "Новый год"},
             {"name_en", "New Year"},
             {"source", "matrix"}},
            {}};
}
Body ProposePublicYear(const Ids&, Side) {
    return {{{"year", "2029"}}, {}};
}
Body ApiPutPublicDay(const Ids&, Side) {
    return {{},
            {{"kind", "public_holiday"},
             {"names", {{"kk", "Жаңа жыл"}, {"ru", "Новый год"}, {"en", "New Year"}}},
             {"source", "matrix"}}};
}
Body ApiNewDlOrder(const Ids&, Side) {
    return {{}, {{"number", "M-138"}, {"date", "2026-09-01"}}};
}
Body ApiDlListed(const Ids& ids, Side) {
    return {{}, {{"discipline_id", std::stoll(ids.Of(Obj::kDiscipline, Side::kOwn).id)}}};
}
Body ApiNewDlEmergency(const Ids&, Side) {
    return {{},
            {{"number", "M-ТЖ-2"}, {"date", "2026-03-16"}, {"start", "2026-03-16"}, {"end", "2026-04-30"}}};
}
Body NewDlEmergency(const Ids&, Side) {
    return {{{"number", "M-ТЖ"}, {"date", "2026-03-16"}, {"start", "2026-03-16"}, {"end", "2026-04-30"}}, {}};
}
Body NewCourse(const Ids& ids, Side side) {
    return {{{"discipline_id", ids.Of(Obj::kDiscipline, side).id},
             {"period_id", ids.Of(Obj::kPeriod, Side::kOwn).id},
             {"language", "kk"},
             {"online", "no"}},
            {}};
}
Body EditCourse(const Ids& ids, Side) {
    return {{{"period_id", ids.Of(Obj::kPeriod, Side::kOwn).id}, {"language", "ru"}, {"online", "no"}}, {}};
}
Body CourseTeacher(const Ids& ids, Side side) {
    return {{{"teacher_id", ids.Of(Obj::kCourse, side).fields.at("teacher")}}, {}};
}
Body CourseGroup(const Ids& ids, Side side) {
    return {{{"group_id", ids.Of(Obj::kCourse, side).fields.at("group")}, {"kind", "stream"}}, {}};
}
Body CoursePolicy(const Ids&, Side) {
    return {{{"current", "30"}, {"rk1", "15"}, {"rk2", "15"}, {"exam", "40"}}, {}};
}
Body CourseCopy(const Ids& ids, Side side) {
    return {{{"period_id", ids.Of(Obj::kCourse, side).fields.at("copy_period")}}, {}};
}
Body ApiNewCourse(const Ids& ids, Side side) {
    return {{},
            {{"discipline_id", std::stoll(ids.Of(Obj::kDiscipline, side).id)},
             {"period_id", std::stoll(ids.Of(Obj::kPeriod, Side::kOwn).id)},
             {"language", "ru"}}};
}
Body ApiCourseTeacher(const Ids& ids, Side side) {
    return {{}, {{"teacher_id", std::stoll(ids.Of(Obj::kCourse, side).fields.at("teacher2"))}}};
}
Body ApiCourseGroup(const Ids& ids, Side side) {
    return {{},
            {{"group_id", std::stoll(ids.Of(Obj::kCourse, side).fields.at("group2"))}, {"kind", "subgroup"}}};
}
Body ApiCoursePolicy(const Ids&, Side) {
    return {{}, {{"current", 20}, {"rk1", 20}, {"rk2", 20}, {"exam", 40}}};
}
Body DlListed(const Ids& ids, Side) {
    return {{{"discipline", ids.Of(Obj::kDiscipline, Side::kOwn).id}}, {}};
}
Body NewUser(const Ids&, Side) {
    return {{{"login", "matrix.page"},
             {"name", "Matrix Page"},
             {"lang", "kk"},
             {"password", kPassword},
             {"role", "librarian"},
             {"scope_kind", "institution"},
             {"scope_id", ""}},
            {}};
}
Body UserProfile(const Ids&, Side) {
    return {{{"name", "Matrix Victim Renamed"}, {"email", "victim@example.kz"}}, {}};
}
Body GrantForm(const Ids&, Side) {
    return {{{"role", "proctor"}, {"scope_kind", "institution"}, {"scope_id", ""}}, {}};
}
Body ApiNewUser(const Ids&, Side) {
    return {{}, {{"login", "matrix.api"}, {"name", "Matrix Api"}, {"password", kPassword}}};
}
Body ApiGrant(const Ids&, Side) {
    return {{}, {{"role", "dormitory_office"}}};
}
Body NewProgramme(const Ids& ids, Side side) {
    const auto& p = ids.Of(Obj::kProgramme, side).fields;
    return {{{"code", side == Side::kOwn ? "6B99901" : "6B99902"},
             {"name_kk", "Матрица"},
             {"name_ru", "Матрица"},
             {"name_en", "Matrix"},
             {"level", "bachelor"},
             {"credits", "240"},
             {"direction_code", p.at("direction_code")},
             {"faculty_id", p.at("faculty_id")},
             {"department_id", ""},
             {"languages", "kk"},
             {"status", "active"}},
            {}};
}
Body EditProgramme(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kProgramme, side).fields;
    f["name_en"] += " (matrix)";
    return {f, {}};
}
Body ApiNewProgramme(const Ids& ids, Side side) {
    const auto& p = ids.Of(Obj::kProgramme, side).fields;
    return {{},
            {{"code", side == Side::kOwn ? "6B99903" : "6B99904"},
             {"name_kk", "Матрица"},
             {"name_ru", "Матрица"},
             {"name_en", "Matrix"},
             {"level", "bachelor"},
             {"credits", "240"},
             {"direction_code", p.at("direction_code")},
             {"faculty_id", p.at("faculty_id")},
             {"languages", {"kk"}},
             {"status", "active"}}};
}
Body ApiPatchProgramme(const Ids&, Side) {
    return {{}, {{"names", {{"en", "Matrix patched"}}}}};
}
Body NewCurriculum(const Ids&, Side) {
    return {{{"admission_year", "2019"}}, {}};
}
Body NewFaculty(const Ids&, Side) {
    return {{{"code", "MTX"}, {"name_kk", "Матрица"}, {"name_ru", "Матрица"}, {"name_en", "Matrix"}}, {}};
}
Body EditFaculty(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kFaculty, side).fields;
    f["name_en"] += " (matrix)";
    return {f, {}};
}
Body NewDepartment(const Ids& ids, Side side) {
    return {{{"code", side == Side::kOwn ? "MTX-1" : "MTX-2"},
             {"name_kk", "Матрица"},
             {"name_ru", "Матрица"},
             {"name_en", "Matrix"},
             {"faculty_id", ids.Of(Obj::kFaculty, side).id}},
            {}};
}
Body EditDepartment(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kDepartment, side).fields;
    f["name_en"] += " (matrix)";
    return {f, {}};
}
Body DirectionSettings(const Ids&, Side) {
    return {{{"dl_regime", "limit20"}, {"online_form", "allowed"}}, {}};
}
Body NewStudent(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kStudent, side).fields;
    f.erase("iin");
    f["student_number"] = side == Side::kOwn ? "M0000001" : "M0000002";
    f["surname"] = "Матрицаев";
    return {f, {}};
}
Body EditStudent(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kStudent, side).fields;
    f["latin_name"] = "Matrix";
    return {f, {}};
}
Body ApiNewStudent(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kStudent, side).fields;
    nlohmann::json j;
    for (const auto& [k, v] : f) {
        if (k != "iin" && k != "course_year") j[k] = v;
    }
    j["course_year"] = std::stoi(f.at("course_year"));
    j["student_number"] = side == Side::kOwn ? "M0000003" : "M0000004";
    j["surname"] = "Матрицаев";
    return {{}, j};
}
Body ApiPatchStudent(const Ids& ids, Side side) {
    const auto& f = ids.Of(Obj::kStudent, side).fields;
    // The IIN is sent back so that the use case's capability check decides, not the masking rule.
    return {{}, {{"latin_name", "Matrix Api"}, {"iin", f.at("iin")}}};
}
Body ImportKind(const Ids&, Side) {
    return {{{"kind", "groups"}, {"token", "0123456789abcdef"}}, {}};
}
Body ImportCsv(const Ids&, Side) {
    return {{{"csv", "code,name_kk,name_ru,name_en\n"}}, {}};
}
Body ApiRename(const Ids&, Side) {
    return {{}, {{"names", {{"en", "Matrix patched"}}}}};
}
Body ApiNewFaculty(const Ids&, Side) {
    return {{}, {{"code", "MTXA"}, {"names", {{"kk", "Матрица"}, {"ru", "Матрица"}, {"en", "Matrix"}}}}};
}
Body ApiNewDepartment(const Ids& ids, Side side) {
    return {{},
            {{"code", side == Side::kOwn ? "MTX-3" : "MTX-4"},
             {"names", {{"kk", "Матрица"}, {"ru", "Матрица"}, {"en", "Matrix"}}},
             {"faculty_id", std::stoll(ids.Of(Obj::kFaculty, side).id)}}};
}
Body ApiNewCurriculum(const Ids&, Side) {
    return {{}, {{"admission_year", 2018}}};
}
Fields DisciplineFields(std::string code) {
    return {{"code", std::move(code)}, {"name_kk", "Матрица"}, {"name_ru", "Матрица"},
            {"name_en", "Matrix"},     {"credits", "5"},       {"cycle", "general"},
            {"component", "required"}, {"semester", "1"},      {"control", "exam"}};
}
Body NewDiscipline(const Ids&, Side side) {
    return {DisciplineFields(side == Side::kOwn ? "MTX 101" : "MTX 102"), {}};
}
Body EditDiscipline(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kDiscipline, side).fields;
    f["name_en"] += " (matrix)";
    return {f, {}};
}
Body ApiNewDiscipline(const Ids&, Side side) {
    nlohmann::json j;
    for (const auto& [k, v] : DisciplineFields(side == Side::kOwn ? "MTX 103" : "MTX 104")) {
        j[k] = v;
    }
    j["credits"] = 5;
    j["semester"] = 1;
    return {{}, j};
}
Body NewYear(const Ids&, Side) {
    return {{{"name", "2190-2191"}, {"start_date", "2190-09-01"}, {"end_date", "2191-06-30"}}, {}};
}
Body EditYear(const Ids& ids, Side side) {
    return {ids.Of(Obj::kYear, side).fields, {}};
}
Body ApiNewYear(const Ids&, Side) {
    return {{}, {{"name", "2191-2192"}, {"start_date", "2191-09-01"}, {"end_date", "2192-06-30"}}};
}
Body ApiPatchYear(const Ids& ids, Side side) {
    return {{}, {{"name", ids.Of(Obj::kYear, side).fields.at("name")}}};
}
/// The first semester over the whole of a new (empty) year.
Fields WholeYearPeriod(const Ids& ids, Side side) {
    const Fields& y = ids.Of(Obj::kNewYear, side).fields;
    return {{"kind", "semester1"}, {"start_date", y.at("start_date")}, {"end_date", y.at("end_date")}};
}
Body NewPeriod(const Ids& ids, Side side) {
    return {WholeYearPeriod(ids, side), {}};
}
Body EditPeriod(const Ids& ids, Side side) {
    return {ids.Of(Obj::kPeriod, side).fields, {}};
}
Body ApiNewPeriod(const Ids& ids, Side side) {
    nlohmann::json j;
    for (const auto& [k, v] : WholeYearPeriod(ids, side)) {
        j[k] = v;
    }
    return {{}, j};
}
Body ApiPatchPeriod(const Ids& ids, Side side) {
    return {{}, {{"end_date", ids.Of(Obj::kPeriod, side).fields.at("end_date")}}};
}
/// A one-day break on the first day of the demo year.
Fields HolidayFields(const Ids& ids) {
    const std::string& day = ids.Of(Obj::kYear, Side::kOwn).fields.at("start_date");
    return {{"name_kk", "Матрица"},
            {"name_ru", "Матрица"},
            {"name_en", "Matrix"},
            {"start_date", day},
            {"end_date", day}};
}
Body NewHoliday(const Ids& ids, Side) {
    return {HolidayFields(ids), {}};
}
Body ApiNewHoliday(const Ids& ids, Side) {
    nlohmann::json j;
    for (const auto& [k, v] : HolidayFields(ids)) {
        j[k] = v;
    }
    return {{}, j};
}
Fields GroupFields(const Ids& ids, Side side, std::string code) {
    const Fields& p = ids.Of(Obj::kProgramme, side).fields;
    return {{"code", std::move(code)},
            {"programme", p.at("code")},
            {"admission_year", "2024"},
            {"language", p.at("languages")},
            {"curator", ""},
            {"parent", ""}};
}
Body NewGroup(const Ids& ids, Side side) {
    return {GroupFields(ids, side, side == Side::kOwn ? "MTX-G1" : "MTX-G2"), {}};
}
Body EditGroup(const Ids& ids, Side side) {
    return {ids.Of(Obj::kGroup, side).fields, {}};
}
Body ApiNewGroup(const Ids& ids, Side side) {
    Fields f = GroupFields(ids, side, side == Side::kOwn ? "MTX-G3" : "MTX-G4");
    return {{},
            {{"code", f.at("code")},
             {"programme", f.at("programme")},
             {"admission_year", 2024},
             {"language", f.at("language")}}};
}
Body ApiPatchGroup(const Ids& ids, Side side) {
    return {{}, {{"language", ids.Of(Obj::kGroup, side).fields.at("language")}}};
}
Fields TeacherFields(const Ids& ids, Side side) {
    return {{"surname", "Матрицаев"},
            {"given_name", "Тест"},
            {"patronymic", ""},
            {"latin_name", "Matrix"},
            {"department", ids.Of(Obj::kDepartment, side).fields.at("code")},
            {"position", "assistant"},
            {"degree", "none"}};
}
Body NewTeacher(const Ids& ids, Side side) {
    return {TeacherFields(ids, side), {}};
}
Body EditTeacher(const Ids& ids, Side side) {
    Fields f = ids.Of(Obj::kTeacher, side).fields;
    f["latin_name"] = "Matrix";
    return {f, {}};
}
Body ApiNewTeacher(const Ids& ids, Side side) {
    nlohmann::json j;
    for (const auto& [k, v] : TeacherFields(ids, side)) {
        j[k] = v;
    }
    return {{}, j};
}
Body GbNewJournal(const Ids& ids, Side) {
    const Fields& f = ids.Of(Obj::kJournal, Side::kOwn).fields;
    return {{{"group_id", f.at("group_id")},
             {"discipline_id", f.at("discipline_id")},
             {"period_id", f.at("period_id")},
             {"weeks", "15"}},
            {}};
}
Body GbApiNewJournal(const Ids& ids, Side) {
    const Fields& f = ids.Of(Obj::kJournal, Side::kOwn).fields;
    return {{},
            {{"group_id", std::stoll(f.at("group_id"))},
             {"discipline_id", std::stoll(f.at("discipline_id2"))},
             {"period_id", std::stoll(f.at("period_id"))}}};
}
/// Week 15's mark of a student of the journal (the demo fills the weeks taught so far).
Body GbMark(const Ids& ids, Side side) {
    const std::string& student = ids.Of(Obj::kJournal, side).fields.at("student");
    return {{{"m." + student + ".w15", "77"}, {"o." + student + ".w15", ""}}, {}};
}
Body GbApiMark(const Ids& ids, Side side) {
    return {{},
            {{"student_id", std::stoll(ids.Of(Obj::kJournal, side).fields.at("student"))},
             {"cell", "w14"},
             {"mark", 66}}};
}
Body ApiPatchTeacher(const Ids&, Side) {
    return {{}, {{"latin_name", "Matrix Api"}}};
}

// ----- the fixture -------------------------------------------------------------------------

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

std::string Describe(const Row& row) {
    return std::string(http::MethodName(row.method)) + " " + std::string(row.pattern);
}

bool IsApi(std::string_view pattern) {
    return pattern.starts_with("/api/");
}

class PermissionMatrixTest : public platform::db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) {
            return;
        }
        RegisterPlatformModules(registry_);
        RegisterDomainModules(registry_);
        platform::Config config;
        config.db_url = url_;
        config.resource_dir = std::getenv("OQU_RESOURCE_DIR");
        data_dir_ = platform::db::testing::MakeTempDir();
        config.data_dir = data_dir_;
        portal_ = BuildPortal(registry_, config);
    }

    void TearDown() override {
        clients_.clear();
        portal_.reset();
        if (!data_dir_.empty()) {
            std::filesystem::remove_all(data_dir_);
        }
        DbTest::TearDown();
    }

    /// The demo university, a throwaway account with two grants, and every demo role signed in.
    void BuildUniversity() {
        const auth::PasswordHasher hasher(auth::PasswordHashParams{.memory_bytes = 8192, .passes = 1});
        demo::Options options;
        options.resource_dir = std::getenv("OQU_RESOURCE_DIR");
        options.now = Now();
        options.hasher = &hasher;
        auto summary = demo::CreateDemo(*portal_->db, options);
        ASSERT_TRUE(summary.has_value()) << summary.error().detail;

        auto prepared =
            identity::PrepareUser(hasher, {"matrix.victim", "Matrix Victim", "", "kk", kPassword});
        ASSERT_TRUE(prepared.has_value());
        const auto system = auth::SystemPrincipal();
        portal_->db->Transact([&](platform::db::Session& s) {
            ids_.victim = identity::CreateUser(s, system, prepared.value(), Now()).value();
            for (Role role : {Role::kLibrarian, Role::kResearcher}) {
                EXPECT_TRUE(identity::GrantRole(s, system, ids_.victim, {role, auth::kInstitution}, Now()));
            }
        });
        FindRecords();

        for (const auto& account : summary->accounts) {
            const auto role = auth::ParseRole(account.role);
            ASSERT_TRUE(role.has_value());
            auto client = std::make_unique<PortalClient>(*portal_);
            ASSERT_TRUE(client->SignIn(account.login, account.password, account.totp_secret))
                << account.login;
            csrf_[*role] = client->Csrf();
            ASSERT_EQ(csrf_[*role].size(), 64U) << account.login;
            clients_[*role] = std::move(client);
        }
    }

    platform::db::Rows Query(const std::string& sql) {
        return portal_->db->Read([&](platform::db::Session& s) { return s.Query(sql); });
    }

    std::string One(const std::string& sql) {
        const auto rows = Query(sql);
        EXPECT_FALSE(rows.empty()) << sql;
        return rows.empty() ? std::string{} : rows[0].Text(0);
    }

    /// Fills ids_: the throwaway account and its grants, the year and a classifier row, and for
    /// the Law faculty (the dean's office's grant) and the faculty of the demo student's programme
    /// one record of every faculty-scoped kind, with the values its edit form needs.
    void FindRecords() {
        const std::string victim = std::to_string(ids_.victim);
        const auto grants = Query("SELECT id FROM identity_grant WHERE user_id = " + victim + " ORDER BY id");
        ASSERT_EQ(grants.size(), 2U);
        ids_.own[Obj::kUser] = {victim, {}};
        ids_.own[Obj::kGrantPage] = {victim, {{"grant_id", grants[0].Text(0)}}};
        ids_.own[Obj::kGrantApi] = {victim, {{"grant_id", grants[1].Text(0)}}};
        const std::string year = One("SELECT MIN(id) FROM academics_year");
        auto dates = Query("SELECT name, start_date, end_date FROM academics_year WHERE id = " + year);
        ASSERT_EQ(dates.size(), 1U);
        ids_.own[Obj::kYear] = {
            year,
            {{"name", dates[0].Text(0)}, {"start_date", dates[0].Text(1)}, {"end_date", dates[0].Text(2)}}};
        dates = Query(
            "SELECT id, kind, start_date, end_date, COALESCE(exam_start, ''), COALESCE(exam_end, '') "
            "FROM academics_period WHERE year_id = " +
            year + " ORDER BY id");
        ASSERT_FALSE(dates.empty()) << "the demo year has no period";
        ids_.own[Obj::kPeriod] = {dates[0].Text(0),
                                  {{"kind", dates[0].Text(1)},
                                   {"start_date", dates[0].Text(2)},
                                   {"end_date", dates[0].Text(3)},
                                   {"exam_start", dates[0].Text(4)},
                                   {"exam_end", dates[0].Text(5)}}};
        ids_.own[Obj::kYearHoliday] = {
            year, {{"holiday", One("SELECT MIN(id) FROM academics_holiday WHERE year_id = " + year)}}};
        ids_.own[Obj::kDirection] = {
            One("SELECT MIN(code) FROM academics_direction WHERE row_type = 'direction' AND code NOT IN "
                "(SELECT direction_code FROM academics_programme)"),
            {}};
        const std::string law = One("SELECT id FROM academics_faculty WHERE code = 'LAW'");
        const std::string other = One("SELECT faculty_id FROM academics_programme WHERE code = '6B06101'");
        ASSERT_NE(law, other);
        for (const auto& [faculty, records] : {std::pair{law, &ids_.own}, std::pair{other, &ids_.other}}) {
            auto& r = *records;
            const std::string where = " WHERE faculty_id = " + faculty + " ORDER BY id";
            auto row = Query("SELECT id, code, name_kk, name_ru, name_en FROM academics_faculty WHERE id = " +
                             faculty);
            ASSERT_EQ(row.size(), 1U);
            r[Obj::kFaculty] = {faculty,
                                {{"code", row[0].Text(1)},
                                 {"name_kk", row[0].Text(2)},
                                 {"name_ru", row[0].Text(3)},
                                 {"name_en", row[0].Text(4)}}};
            row = Query("SELECT id, code, name_kk, name_ru, name_en FROM academics_department" + where);
            ASSERT_FALSE(row.empty());
            r[Obj::kDepartment] = {row[0].Text(0),
                                   {{"code", row[0].Text(1)},
                                    {"name_kk", row[0].Text(2)},
                                    {"name_ru", row[0].Text(3)},
                                    {"name_en", row[0].Text(4)},
                                    {"faculty_id", faculty}}};
            row = Query(
                "SELECT p.id, p.code, p.name_kk, p.name_ru, p.name_en, p.level, p.credits, p.direction_code, "
                "p.department_id, p.languages, p.status, c.id FROM academics_programme p "
                "JOIN academics_curriculum c ON c.programme_id = p.id WHERE p.faculty_id = " +
                faculty + " ORDER BY p.id, c.id");
            ASSERT_FALSE(row.empty()) << "no curriculum in faculty " << faculty;
            const std::string languages = row[0].Text(9);
            r[Obj::kProgramme] = {row[0].Text(0),
                                  {{"code", row[0].Text(1)},
                                   {"name_kk", row[0].Text(2)},
                                   {"name_ru", row[0].Text(3)},
                                   {"name_en", row[0].Text(4)},
                                   {"level", row[0].Text(5)},
                                   {"credits", row[0].Text(6)},
                                   {"direction_code", row[0].Text(7)},
                                   {"faculty_id", faculty},
                                   {"department_id", row[0].OptText(8).value_or("")},
                                   {"languages", languages.substr(0, languages.find_first_of(";, "))},
                                   {"status", row[0].Text(10)}}};
            r[Obj::kCurriculum] = {row[0].Text(11), {}};
            // The discipline form's fields, which are also the table's columns.
            static const std::vector<std::string> kDisciplineFields = {
                "code",         "name_kk",        "name_ru",       "name_en",
                "credits",      "cycle",          "component",     "semester",
                "control",      "hours_lecture",  "hours_seminar", "hours_laboratory",
                "hours_studio", "hours_practice", "hours_srop",    "hours_sro"};
            std::string sql = "SELECT d.id";
            for (const auto& field : kDisciplineFields) {
                sql += ", d." + field;
            }
            sql +=
                " FROM academics_discipline d JOIN academics_curriculum c ON c.id = d.curriculum_id "
                "JOIN academics_programme p ON p.id = c.programme_id WHERE p.faculty_id = ";
            sql += faculty;
            sql += " ORDER BY d.id";
            row = Query(sql);
            ASSERT_FALSE(row.empty()) << "no discipline in faculty " << faculty;
            Fields discipline;
            for (std::size_t i = 0; i < kDisciplineFields.size(); ++i) {
                discipline[kDisciplineFields[i]] = row[0].Text(i + 1);
            }
            r[Obj::kDiscipline] = {row[0].Text(0), discipline};
            row = Query(
                "SELECT s.id, s.surname, s.given_name, s.patronymic, s.latin_name, COALESCE(s.iin, ''), "
                "s.student_number, p.code, COALESCE(g.code, ''), s.course_year, s.study_form, s.funding, "
                "s.status FROM people_student s JOIN academics_programme p ON p.id = s.programme_id "
                "LEFT JOIN people_group g ON g.id = s.group_id WHERE s.faculty_id = " +
                faculty + " ORDER BY s.id");
            ASSERT_FALSE(row.empty());
            r[Obj::kStudent] = {row[0].Text(0),
                                {{"surname", row[0].Text(1)},
                                 {"given_name", row[0].Text(2)},
                                 {"patronymic", row[0].Text(3)},
                                 {"latin_name", row[0].Text(4)},
                                 {"iin", row[0].Text(5)},
                                 {"student_number", row[0].Text(6)},
                                 {"programme", row[0].Text(7)},
                                 {"group", row[0].Text(8)},
                                 {"course_year", row[0].Text(9)},
                                 {"study_form", row[0].Text(10)},
                                 {"funding", row[0].Text(11)},
                                 {"status", row[0].Text(12)}}};
            row = Query(
                "SELECT g.id, g.code, p.code, g.admission_year, g.language, g.curator_id, pg.code "
                "FROM people_group g JOIN academics_programme p ON p.id = g.programme_id "
                "LEFT JOIN people_group pg ON pg.id = g.parent_id WHERE g.faculty_id = " +
                faculty + " ORDER BY g.id");
            ASSERT_FALSE(row.empty()) << "no group in faculty " << faculty;
            r[Obj::kGroup] = {row[0].Text(0),
                              {{"code", row[0].Text(1)},
                               {"programme", row[0].Text(2)},
                               {"admission_year", row[0].Text(3)},
                               {"language", row[0].Text(4)},
                               {"curator", row[0].OptText(5).value_or("")},
                               {"parent", row[0].OptText(6).value_or("")}}};
            row = Query(
                "SELECT t.id, t.surname, t.given_name, t.patronymic, t.latin_name, d.code, t.position, "
                "t.degree "
                "FROM people_teacher t JOIN academics_department d ON d.id = t.department_id "
                "WHERE t.faculty_id = " +
                faculty + " ORDER BY t.id");
            ASSERT_FALSE(row.empty()) << "no teacher in faculty " << faculty;
            r[Obj::kTeacher] = {row[0].Text(0),
                                {{"surname", row[0].Text(1)},
                                 {"given_name", row[0].Text(2)},
                                 {"patronymic", row[0].Text(3)},
                                 {"latin_name", row[0].Text(4)},
                                 {"department", row[0].Text(5)},
                                 {"position", row[0].Text(6)},
                                 {"degree", row[0].Text(7)}}};
        }
        // dl: a category-2 application of a student of each faculty who has no demo account (so no
        // signed-in role is its applicant), and a rector's order of the list with one discipline.
        const auto system = auth::SystemPrincipal();
        std::int64_t account = 9'000'000;
        for (const auto& [faculty, records] : {std::pair{law, &ids_.own}, std::pair{other, &ids_.other}}) {
            const std::string student =
                One("SELECT MIN(id) FROM people_student WHERE user_id IS NULL AND status = 'active' AND "
                    "faculty_id = " +
                    faculty);
            ++account;
            portal_->db->Transact([&](platform::db::Session& s) {
                s.Exec("UPDATE people_student SET user_id = ? WHERE id = ?", {account, std::stoll(student)});
            });
            auth::Principal applicant;
            applicant.user_id = account;
            applicant.login = "matrix.applicant";
            applicant.grants.push_back({Role::kStudent, auth::kInstitution});
            const auto choices = dl::ChoicesOf(applicant, *portal_->db);
            ASSERT_TRUE(choices.has_value() && !choices->empty()) << "no curriculum for student " << student;
            dl::ApplicationDraft draft;
            draft.category = "event";
            draft.period_start = "2026-10-01";
            draft.period_end = "2026-10-10";
            draft.statement = "Matrix Games";
            draft.discipline_ids = {choices->front().discipline.id};
            const auto application = dl::Apply(applicant, {*portal_->db, Now(), ""}, draft);
            ASSERT_TRUE(application.has_value()) << application.error().message_key;
            (*records)[Obj::kDlApp] = {std::to_string(*application), {{"row", "1"}}};
            // online: another student of the faculty without an account (none of the roles' own).
            (*records)[Obj::kOlStudent] = {
                One("SELECT MIN(id) FROM people_student WHERE user_id IS NULL AND faculty_id = " + faculty),
                {{"row", "1"}}};
        }
        const auto order = dl::RecordListOrder(system, {*portal_->db, Now(), ""}, {"M-1", "2026-09-01"});
        ASSERT_TRUE(order.has_value());
        // Another faculty's discipline: the allowed write (DlListed) adds the Law one.
        const std::string listed = ids_.other[Obj::kDiscipline].id;
        ASSERT_TRUE(dl::AddListed(system, {*portal_->db, Now(), ""}, *order, std::stoll(listed)).has_value());
        ids_.own[Obj::kDlOrder] = {std::to_string(*order), {{"discipline", listed}}};
        const auto emergency = dl::RecordEmergency(system, {*portal_->db, Now(), ""},
                                                   {"E-1", "2026-03-16", "2026-03-16", "2026-04-30"});
        ASSERT_TRUE(emergency.has_value());
        ids_.own[Obj::kDlEmergency] = {std::to_string(*emergency), {}};
        // courses: a course of each faculty's discipline with a week, an outcome and a PDF element
        // (the structure is written here as its teachers would: no demo account teaches it).
        const std::string copy_period = One("SELECT MAX(id) FROM academics_period WHERE year_id = " + year);
        ASSERT_NE(copy_period, ids_.own[Obj::kPeriod].id) << "the demo year needs two periods";
        const auto pdf = portal_->files->Put("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        ASSERT_TRUE(pdf.has_value());
        for (auto* records : {&ids_.own, &ids_.other}) {
            const courses::CourseDraft draft{(*records)[Obj::kDiscipline].id, ids_.own[Obj::kPeriod].id, "kk",
                                             "no", ""};
            const auto course = courses::CreateCourse(system, {*portal_->db, Now(), ""}, draft);
            ASSERT_TRUE(course.has_value()) << course.error().message_key;
            const std::string id = std::to_string(*course);
            const std::string programme = One("SELECT programme_id FROM courses_course WHERE id = " + id);
            portal_->db->Transact([&](platform::db::Session& s) {
                s.Exec("INSERT INTO courses_outcome (course_id, code, text) VALUES (?, 'LO1', 'Matrix')",
                       {*course});
                s.Exec("INSERT INTO courses_week (course_id, number, topic) VALUES (?, 1, 'Matrix')",
                       {*course});
                s.Exec(
                    "INSERT INTO courses_element (course_id, week_id, kind, title, file_sha256, file_type, "
                    "synchronous, hours, created_at) SELECT course_id, id, 'file', 'Matrix', ?, "
                    "'application/pdf', 0, 1, 0 FROM courses_week WHERE course_id = ?",
                    {pdf->sha256, *course});
            });
            // assessment: a bank category with a question, a quiz and an accommodation of the course.
            const auto bank = portal_->db->Transact([&](platform::db::Session& s) {
                const auto category =
                    s.Query(
                         "INSERT INTO assessment_category (course_id, name, position) VALUES "
                         "(?, 'Matrix', 1) RETURNING id",
                         {*course})[0]
                        .Int(0);
                const auto question =
                    s.Query(
                         "INSERT INTO assessment_question (course_id, category_id, type, name, body, "
                         "version, "
                         "retired, created_by, created_at, updated_at) VALUES (?, ?, 'true_false', 'Matrix', "
                         "?, 1, "
                         "0, 0, 0, 0) RETURNING id",
                         {*course, category,
                          std::string(
                              R"({"text": "Matrix", "format": "plain", "feedback": "", "answers": )"
                              R"([{"text": "true", "fraction": 1}, {"text": "false", "fraction": 0}]})")})[0]
                        .Int(0);
                const auto quiz =
                    s.Query(
                         "INSERT INTO assessment_quiz (course_id, title, opens_at, closes_at, "
                         "created_by, created_at, updated_at) VALUES (?, 'Matrix settings', 0, 1, 0, "
                         "0, 0) RETURNING id",
                         {*course})[0]
                        .Int(0);
                const auto accommodation =
                    s.Query(
                         "INSERT INTO assessment_accommodation (course_id, student_id, extra_time_percent, "
                         "reason, "
                         "set_by, set_at) VALUES (?, 1, 50, 'Matrix', 0, 0) RETURNING id",
                         {*course})[0]
                        .Int(0);
                return std::vector<std::string>{std::to_string(category), std::to_string(question),
                                                std::to_string(quiz), std::to_string(accommodation)};
            });
            (*records)[Obj::kCourse] = {
                id,
                {{"teacher", (*records)[Obj::kTeacher].id},
                 {"category", bank[0]},
                 {"question", bank[1]},
                 {"quiz", bank[2]},
                 {"accommodation", bank[3]},
                 {"group", One("SELECT MIN(id) FROM people_group WHERE programme_id = " + programme)},
                 // The API assigns another teacher and group than the page (a second one conflicts).
                 {"teacher2", One("SELECT MAX(id) FROM people_teacher WHERE faculty_id = " +
                                  (*records)[Obj::kFaculty].id)},
                 {"group2", One("SELECT MAX(id) FROM people_group WHERE programme_id = " + programme)},
                 {"outcome", One("SELECT MIN(id) FROM courses_outcome WHERE course_id = " + id)},
                 {"week", One("SELECT MIN(id) FROM courses_week WHERE course_id = " + id)},
                 {"element", One("SELECT MIN(id) FROM courses_element WHERE course_id = " + id)},
                 {"sha256", pdf->sha256},
                 {"copy_period", copy_period}}};
            // integrity: a finished check of a work of the course.
            const std::string check = std::to_string(portal_->db->Transact([&](platform::db::Session& s) {
                return s
                    .Query(
                        "INSERT INTO integrity_check (owner_kind, owner_id, course_id, author_user_id, "
                        "title, "
                        "body, status, originality, created_at, finished_at) VALUES ('matrix', ?, ?, 1, "
                        "'Matrix', 'Matrix', 'done', 1.0, 0, 0) RETURNING id",
                        {*course, *course})[0]
                    .Int(0);
            }));
            (*records)[Obj::kCheck] = {check, {}};
            // assignments: an assignment of the course with a student's submitted PDF (written as
            // the module would: no demo account attends the course).
            const auto assignment = portal_->db->Transact([&](platform::db::Session& s) {
                const std::int64_t a =
                    s.Query(
                         "INSERT INTO assignments_assignment (course_id, title, instructions, "
                         "submission_type, "
                         "file_types, max_file_mb, opens_at, due_at, late_policy, penalty_per_day, "
                         "penalty_cap, "
                         "max_mark, rubric, group_mode, report_visible, created_by, created_at) VALUES (?, "
                         "'Matrix', 'Matrix', 'file', 'pdf', 10, 0, 4102444800000000, 'refuse', 0, 0, 100, "
                         "'[]', "
                         "'none', 0, 1, 0) RETURNING id",
                         {*course})[0]
                        .Int(0);
                const std::int64_t sub =
                    s.Query(
                         "INSERT INTO assignments_submission (assignment_id, student_id, status, updated_at) "
                         "VALUES (?, 1, 'submitted', 0) RETURNING id",
                         {a})[0]
                        .Int(0);
                s.Exec(
                    "INSERT INTO assignments_version (submission_id, number, final, body, file_sha256, "
                    "file_name, "
                    "file_type, submitted_by, submitted_at, late_seconds, penalty_percent) VALUES (?, 1, 1, "
                    "'', ?, "
                    "'matrix.pdf', 'application/pdf', 1, 0, 0, 0)",
                    {sub, pdf->sha256});
                return std::pair{a, sub};
            });
            (*records)[Obj::kAssignment] = {
                std::to_string(assignment.first),
                {{"submission", std::to_string(assignment.second)}, {"sha256", pdf->sha256}}};
            // assessment: a published quiz of the course and a submitted attempt of a student of the
            // faculty without an account, with one essay waiting.
            const std::string student =
                One("SELECT MIN(id) FROM people_student WHERE user_id IS NULL AND faculty_id = " +
                    (*records)[Obj::kFaculty].id);
            portal_->db->Transact([&](platform::db::Session& s) {
                const auto quiz =
                    s.Query(
                         "INSERT INTO assessment_quiz (course_id, title, opens_at, closes_at, published, "
                         "created_by, created_at, updated_at) VALUES (?, 'Matrix', 0, 1, 1, 0, 0, 0) "
                         "RETURNING id",
                         {*course})[0]
                        .Int(0);
                const auto attempt = s.Query(
                                          "INSERT INTO assessment_attempt (quiz_id, student_id, number, "
                                          "state, started_at, deadline, "
                                          "submitted_at, submitted_by, seed, mark, max_mark) VALUES (?, ?, "
                                          "1, 'submitted', 0, 1, 1, "
                                          "'student', 1, 0, 1) RETURNING id",
                                          {quiz, std::stoll(student)})[0]
                                         .Int(0);
                s.Exec(
                    "INSERT INTO assessment_attempt_slot (attempt_id, slot, question_id, question_version, "
                    "type, "
                    "body, mark) VALUES (?, 1, 0, 1, 'essay', '{\"text\": \"Matrix\"}', 1)",
                    {attempt});
                (*records)[Obj::kAttemptQuiz] = {std::to_string(quiz), {}};
                (*records)[Obj::kAttempt] = {std::to_string(attempt), {{"slot", "1"}}};
            });
        }
        // gradebook: the demo's journal of a group of each faculty (it opens them for the groups of
        // its student accounts) with a student of it; for a new journal, that group, two
        // second-semester disciplines of its programme and the spring period.
        for (const auto& [faculty, records] : {std::pair{law, &ids_.own}, std::pair{other, &ids_.other}}) {
            const auto journal = Query(
                "SELECT id, group_id, programme_id FROM gradebook_journal WHERE faculty_id = " + faculty +
                " ORDER BY id");
            ASSERT_FALSE(journal.empty()) << "the demo has no journal in faculty " << faculty;
            const std::string group = journal[0].Text(1);
            const auto disciplines = Query(
                "SELECT d.id FROM academics_discipline d JOIN academics_curriculum c ON c.id = "
                "d.curriculum_id "
                "WHERE d.semester = 2 AND c.programme_id = " +
                journal[0].Text(2) + " ORDER BY d.id");
            ASSERT_GE(disciplines.size(), 2U);
            (*records)[Obj::kJournal] = {
                journal[0].Text(0),
                {{"student", One("SELECT MIN(id) FROM people_student WHERE group_id = " + group)},
                 {"group_id", group},
                 {"discipline_id", disciplines[0].Text(0)},
                 {"discipline_id2", disciplines[1].Text(0)},
                 {"period_id", One("SELECT MIN(id) FROM academics_period WHERE kind = 'semester2'")}}};
        }
        ids_.own[Obj::kPublicDay] = {"2026", {{"year", "2026"}, {"date", "2026-01-01"}}};
    }

    /// Makes a record of fresh kind `o` for `side` (see Obj) as the system, and returns it.
    Record Fresh(Obj o, Side side) {
        const auto system = auth::SystemPrincipal();
        const academics::Change change{*portal_->db, Now(), ""};
        const std::string n = std::to_string(++made_);
        const academics::Names names{"Матрица " + n, "Матрица " + n, "Matrix " + n};
        const auto id = [&](const auto& result) -> std::string {
            if (!result) {
                ADD_FAILURE() << "could not make a record of kind " << static_cast<int>(o) << ": "
                              << result.error().detail;
                return "0";
            }
            return std::to_string(result->value);
        };
        // A new empty year, "2101-2102" and on.
        const auto new_year = [&]() -> Record {
            const int first = next_year_++;
            const std::string start = std::to_string(first) + "-09-01";
            const std::string end = std::to_string(first + 1) + "-06-30";
            const std::string name = std::to_string(first) + "-" + std::to_string(first + 1);
            return {id(academics::CreateYear(system, change, {name, start, end})),
                    {{"name", name}, {"start_date", start}, {"end_date", end}}};
        };
        // A new break of the demo year, on its first day.
        const auto new_holiday = [&]() {
            const Record& year = ids_.Of(Obj::kYear, Side::kOwn);
            const std::string& day = year.fields.at("start_date");
            return id(academics::AddHoliday(system, change, academics::YearId{std::stoll(year.id)},
                                            {names, day, day}));
        };
        switch (o) {
            case Obj::kNewFaculty:
                return {id(academics::CreateFaculty(system, change, {"MXF-" + n, names})), {}};
            case Obj::kNewDepartment:
                return {id(academics::CreateDepartment(system, change,
                                                       {ids_.Of(Obj::kFaculty, side).id, "MXD-" + n, names})),
                        {}};
            case Obj::kNewCurriculum:
                return {
                    id(academics::CreateCurriculum(
                        system, change, academics::ProgrammeId{std::stoll(ids_.Of(Obj::kProgramme, side).id)},
                        {std::to_string(next_intake_++)})),
                    {}};
            case Obj::kNewDiscipline: {
                academics::DisciplineDraft draft;
                draft.code = "MXD " + n;
                draft.names = names;
                draft.credits = "5";
                draft.cycle = "general";
                draft.component = "required";
                draft.semester = "1";
                draft.control = "exam";
                return {id(academics::AddDiscipline(
                            system, change,
                            academics::CurriculumId{std::stoll(ids_.Of(Obj::kCurriculum, side).id)}, draft)),
                        {}};
            }
            case Obj::kNewYear:
                return new_year();
            case Obj::kNewPeriod: {
                const Record year = new_year();
                return {id(academics::AddPeriod(
                            system, change, academics::YearId{std::stoll(year.id)},
                            {"semester1", year.fields.at("start_date"), year.fields.at("end_date"), "", ""})),
                        {}};
            }
            case Obj::kNewHoliday:
                return {new_holiday(), {}};
            case Obj::kNewYearHoliday:
                return {ids_.Of(Obj::kYear, Side::kOwn).id, {{"holiday", new_holiday()}}};
            default:
                ADD_FAILURE() << "kind " << static_cast<int>(o) << " is not made per request";
                return {"0", {}};
        }
    }

    /// Before a request of `row` on `side`: a new record when its object is of a fresh kind.
    void Refresh(const Row& row, Side side) {
        if (IsFresh(row.object)) {
            ids_.fresh[side] = Fresh(row.object, side);
        }
    }

    /// Everything a write of any route could change, as one string: row counts, and the latest
    /// change time of every table that has one.
    std::string Fingerprint() {
        static const std::vector<std::string> kCounted = {"audit_log",
                                                          "identity_user",
                                                          "identity_grant",
                                                          "people_import",
                                                          "academics_faculty",
                                                          "academics_department",
                                                          "academics_programme",
                                                          "academics_curriculum",
                                                          "academics_discipline",
                                                          "academics_year",
                                                          "academics_period",
                                                          "academics_holiday",
                                                          "academics_direction",
                                                          "people_teacher",
                                                          "people_group",
                                                          "people_student",
                                                          "academics_public_day",
                                                          "gradebook_journal",
                                                          "gradebook_mark_change"};
        static const std::vector<std::string> kChanged = {
            "identity_user",        "academics_faculty",    "academics_department", "academics_programme",
            "academics_curriculum", "academics_discipline", "academics_year",       "academics_period",
            "academics_direction",  "people_teacher",       "people_group",         "people_student",
            "academics_public_day"};
        std::string sql =
            "SELECT (SELECT SUM(disabled) FROM identity_user), "
            "(SELECT COALESCE(MAX(password_changed_at), 0) FROM identity_user), "
            "(SELECT COUNT(*) FROM identity_user WHERE totp_secret = ''), "
            "(SELECT COALESCE(MAX(confirmed_at), 0) FROM academics_direction)";
        for (const auto& table : kCounted) {
            sql += ", (SELECT COUNT(*) FROM " + table + ")";
        }
        for (const auto& table : kChanged) {
            sql += ", (SELECT COALESCE(MAX(updated_at), 0) FROM " + table + ")";
        }
        const auto rows = Query(sql);
        std::string out;
        for (std::size_t i = 0; i < rows.rows.at(0).size(); ++i) {
            out += rows[0].Text(i) + "|";
        }
        return out;
    }

    /// The path of a row's route for `side`: its captures filled with the demo record's id.
    std::string Target(const Row& row, Side side) {
        std::string out;
        std::string_view rest = row.pattern;
        while (!rest.empty()) {
            const auto open = rest.find('{');
            out += rest.substr(0, open);
            if (open == std::string_view::npos) {
                break;
            }
            const auto close = rest.find('}', open);
            const std::string_view name = rest.substr(open + 1, close - open - 1);
            rest = rest.substr(close + 1);
            if (row.object == Obj::kNone) {
                ADD_FAILURE() << Describe(row) << ": the row needs an object for {" << name << "}";
                out += "1";
                continue;
            }
            const Record& record = ids_.Of(row.object, side);
            // {id} and {code} are the record's; a second capture ({grant_id}, {holiday}) is a field.
            out += name == "id" || name == "code" ? record.id : record.fields.at(std::string(name));
        }
        return out;
    }

    /// Sends a row's request as `role`: a GET, or the row's body with the role's CSRF token.
    http::Response Send(Role role, const Row& row, Side side) {
        PortalClient& client = *clients_.at(role);
        const std::string target = Target(row, side);
        if (row.method == kGet) {
            return client.Send(kGet, target, {}, !IsApi(row.pattern));
        }
        Body body = row.body != nullptr ? row.body(ids_, side) : Body{};
        if (IsApi(row.pattern)) {
            return client.Send(row.method, target, body.json.is_null() ? std::string{} : body.json.dump(),
                               false,
                               {{"X-CSRF-Token", csrf_.at(role)}, {"Content-Type", "application/json"}});
        }
        body.form["_csrf"] = csrf_.at(role);
        return client.Send(row.method, target, testing::EncodeForm(body.form));
    }

    platform::ModuleRegistry registry_;
    std::filesystem::path data_dir_;
    std::unique_ptr<Portal> portal_;
    Ids ids_;
    std::map<Role, std::unique_ptr<PortalClient>> clients_;
    std::map<Role, std::string> csrf_;
    int made_ = 0;            ///< Records made by Fresh.
    int next_year_ = 2101;    ///< The first calendar year of the next year Fresh makes.
    int next_intake_ = 2040;  ///< The admission year of the next curriculum Fresh makes.
};

std::string RoleText(Role role, Side side) {
    return std::string(auth::RoleName(role)) + (side == Side::kOther ? " (another faculty's record)" : "");
}

/// The roles that may read a record of kind `o` (Refusal::kForm), from the view capabilities.
RoleSet ReadersOf(Obj o) {
    switch (o) {
        case Obj::kUser:
        case Obj::kGrantPage:
        case Obj::kGrantApi:
            return kUserReaders;
        case Obj::kStudent:
        case Obj::kGroup:
        case Obj::kTeacher:
            return kPeopleReaders;
        case Obj::kOlStudent:
            return kOlViewers;
        case Obj::kCourse:
        case Obj::kAssignment:
            return kCourseViewers;
        case Obj::kJournal:
            return kGbReaders;
        case Obj::kNone:
            return {};
        default:
            return kStructureReaders;
    }
}

/// Whether `role` may use the row's route on the record of `side`.
bool Allowed(const Row& row, Role role, Side side) {
    if (!row.allowed.Has(role)) {
        return false;
    }
    return side == Side::kOwn || !kFacultyGranted.Has(role);
}

/// The status of a GET refused to `role`.
int RefusedStatus(const Row& row, Role role, Side side) {
    switch (row.refused) {
        case Refusal::k403:
            return 403;
        case Refusal::kForm: {
            const bool sees =
                ReadersOf(row.object).Has(role) && (side == Side::kOwn || !kFacultyGranted.Has(role));
            return sees ? 403 : 404;
        }
        case Refusal::k404:
            break;
    }
    return 404;
}

/// The sides a row is tried with: the other faculty too when its object or body names a faculty.
std::vector<Side> SidesOf(const Row& row) {
    if (FacultyScoped(row.object) || row.sided) {
        return {Side::kOwn, Side::kOther};
    }
    return {Side::kOwn};
}

std::string MethodConstant(http::Method method) {
    std::string name = http::MethodName(method);
    std::transform(name.begin() + 1, name.end(), name.begin() + 1,
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return "k" + name;
}

/// Every route of the router has exactly one row, and every row names a route of the router:
/// a new route fails here until its line is added to kMatrix.
TEST_P(PermissionMatrixTest, EveryRouteHasARow) {
    std::map<std::string, const Row*> rows;
    for (const Row& row : kMatrix) {
        EXPECT_TRUE(rows.emplace(Describe(row), &row).second) << "two rows for " << Describe(row);
    }
    std::set<std::string> routes;
    for (const auto& route : portal_->router.Routes()) {
        const std::string key = std::string(http::MethodName(route.method)) + " " + route.pattern;
        routes.insert(key);
        const auto it = rows.find(key);
        if (it == rows.end()) {
            ADD_FAILURE() << "the router has " << key
                          << " but permission_matrix_test.cpp's kMatrix has no row for it; add one, e.g.\n"
                          << "    {" << MethodConstant(route.method) << ", \"" << route.pattern << "\", "
                          << (route.method == kGet ? "Kind::kRead, <roles>, Obj::<what {id} is>},"
                                                   : "Kind::kWrite, <roles>, Obj::<what {id} is>, <body>},");
            continue;
        }
        const bool open = route.options.audience != http::Audience::kSignedIn;
        EXPECT_EQ(it->second->kind == Kind::kPublic, open)
            << key << ": Kind::kPublic is for routes of audience kAnyone or kStateless only";
        if (it->second->kind == Kind::kWrite) {
            EXPECT_NE(route.method, kGet) << key << ": a GET never changes state";
            EXPECT_NE(it->second->body, nullptr) << key << ": a write needs a body function";
        }
    }
    for (const auto& [key, row] : rows) {
        EXPECT_TRUE(routes.contains(key))
            << "kMatrix has a row for " << key << " but the router has no such route";
    }
}

/// The matrix itself: every demo role against every signed-in route, on the Law faculty's records
/// and on another faculty's.
TEST_P(PermissionMatrixTest, RolesGetWhatTheirCapabilitiesAllow) {
    ASSERT_NO_FATAL_FAILURE(BuildUniversity());
    std::set<std::string> routes;
    for (const auto& route : portal_->router.Routes()) {
        routes.insert(std::string(http::MethodName(route.method)) + " " + route.pattern);
    }
    int checks = 0;
    for (const Row& row : kMatrix) {
        const std::string name = Describe(row);
        if (!routes.contains(name) || row.kind == Kind::kPublic) {
            continue;  // EveryRouteHasARow names it; public routes are checked elsewhere.
        }
        if (row.kind == Kind::kOwn) {
            if (row.method != kGet) {
                continue;
            }
            for (Role role : auth::kAllRoles) {
                const auto response = Send(role, row, Side::kOwn);
                EXPECT_TRUE(response.status == 200 || response.status == 303)
                    << name << " as " << RoleText(role, Side::kOwn) << ": " << response.status;
                ++checks;
            }
            continue;
        }
        if (row.kind == Kind::kRead) {
            for (Side side : SidesOf(row)) {
                Refresh(row, side);
                for (Role role : auth::kAllRoles) {
                    const auto response = Send(role, row, side);
                    const int want = Allowed(row, role, side) ? 200 : RefusedStatus(row, role, side);
                    EXPECT_TRUE(response.status == want)
                        << name << " as " << RoleText(role, side) << " (" << Target(row, side) << "): got "
                        << response.status << ", want " << want;
                    ++checks;
                }
            }
            continue;
        }
        // A write: the refused roles first (nothing may change), then the allowed ones.
        for (Side side : SidesOf(row)) {
            Refresh(row, side);
        }
        const std::string before = Fingerprint();
        for (Side side : SidesOf(row)) {
            for (Role role : auth::kAllRoles) {
                if (Allowed(row, role, side)) {
                    continue;
                }
                const auto response = Send(role, row, side);
                // A body naming another faculty's record may also be refused as invalid input: for
                // that role the record does not exist ("no such faculty").
                const bool invalid_ref =
                    row.sided && side == Side::kOther && (response.status == 400 || response.status == 422);
                EXPECT_TRUE(response.status == 403 || response.status == 404 || invalid_ref)
                    << name << " as " << RoleText(role, side) << " (" << Target(row, side)
                    << ") must be refused; got " << response.status << ": " << response.body.substr(0, 300);
                ++checks;
            }
        }
        EXPECT_EQ(Fingerprint(), before) << name << ": a refused request changed the database";
        if (!row.send_allowed) {
            continue;
        }
        bool first = true;
        for (Role role : auth::kAllRoles) {
            if (!Allowed(row, role, Side::kOwn)) {
                continue;
            }
            Refresh(row, Side::kOwn);
            const auto response = Send(role, row, Side::kOwn);
            // The first allowed role succeeds; the next ones may repeat a creation already made
            // (a conflict or a field error) but are not refused.
            const bool refused = response.status == 401 || response.status == 403 || response.status == 404;
            EXPECT_TRUE(first ? response.status < 400 : !refused)
                << name << " as " << RoleText(role, Side::kOwn) << " (" << Target(row, Side::kOwn)
                << ") must be allowed; got " << response.status << ": " << response.body.substr(0, 300);
            ++checks;
            first = false;
        }
    }
    // A visitor with a valid (double-submit) CSRF token still cannot write: 401 (a write is not
    // redirected to the login page), and nothing changes.
    PortalClient visitor(*portal_);
    const std::string token = visitor.Csrf();
    std::vector<std::pair<const Row*, std::string>> writes;
    for (const Row& row : kMatrix) {
        if (routes.contains(Describe(row)) && row.kind == Kind::kWrite) {
            Refresh(row, Side::kOwn);
            writes.emplace_back(&row, Target(row, Side::kOwn));
        }
    }
    const std::string before = Fingerprint();
    for (const auto& [row, target] : writes) {
        const auto page = visitor.Send(row->method, target, "_csrf=" + token, true);
        EXPECT_EQ(page.status, 401) << Describe(*row) << " as a visitor";
        const auto api = visitor.Send(row->method, target, "{}", false,
                                      {{"X-CSRF-Token", token}, {"Content-Type", "application/json"}});
        EXPECT_EQ(api.status, 401) << Describe(*row) << " as a visitor (API)";
        ++checks;
    }
    EXPECT_EQ(Fingerprint(), before) << "a visitor's request changed the database";
    RecordProperty("checks", checks);
    std::printf("permission matrix: %d checks\n", checks);
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionMatrixTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kPostgres),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::app
