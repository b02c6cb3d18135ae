#include <algorithm>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "people/api.hpp"
#include "people/permissions.hpp"
#include "people/support.hpp"
#include "platform/db/database.hpp"

namespace oqu::people {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

std::string Detail(const Student& s) {
    // No IIN in the audit detail: the log is read by more roles than the student file.
    return nlohmann::json{{"student_number", s.student_number},       {"programme_id", s.programme_id},
                          {"group_id", s.group ? s.group->value : 0}, {"course_year", s.course_year},
                          {"study_form", StudyFormName(s.form)},      {"funding", FundingName(s.funding)},
                          {"status", StudentStatusName(s.status)},    {"special_needs", s.special_needs}}
        .dump();
}

// True when the caller may see full IINs wherever it may see students, so that a search by
// IIN never confirms a number in a scope where it would be masked.
bool MaySearchIin(const auth::Principal& actor) {
    const ScopeFilter view = detail::FilterFor(actor, kViewPeople);
    const ScopeFilter personal = detail::FilterFor(actor, kViewPersonalData);
    if (personal.all) return true;
    if (view.all) return false;
    const auto covered = [](const std::vector<std::int64_t>& need, const std::vector<std::int64_t>& have) {
        return std::all_of(need.begin(), need.end(), [&](std::int64_t id) {
            return std::find(have.begin(), have.end(), id) != have.end();
        });
    };
    return covered(view.faculties, personal.faculties) && covered(view.programmes, personal.programmes);
}

// One student as `actor` sees it. The programme's code comes from a lookup of that programme alone
// (left empty when the actor may not see it, as with the directory), not from loading every
// programme and department: this runs on each request a student makes (attempts, journal, courses).
Student ForViewerOne(const auth::Principal& actor, db::Database& database, Student student) {
    auto programme = academics::FindProgramme(actor, database, academics::ProgrammeId{student.programme_id});
    student = detail::ForViewer(actor, std::move(student), Directory{});
    if (programme) student.programme_code = programme->code;
    return student;
}

}  // namespace

core::Result<Page<Student>> ListStudents(const auth::Principal& actor, db::Database& database,
                                         const StudentQuery& query) {
    if (auto ok = detail::RequireSomewhere(actor, kViewPeople); !ok) return ok.error();
    const ScopeFilter scope = detail::FilterFor(actor, kViewPeople);
    const bool search_iin = MaySearchIin(actor);
    Page<Student> page =
        database.Read([&](db::Session& s) { return Store(s).ListStudents(scope, query, search_iin); });
    const Directory directory = Directory::Load(actor, database);
    for (Student& student : page.items) student = detail::ForViewer(actor, std::move(student), directory);
    return page;
}

core::Result<Student> FindStudent(const auth::Principal& actor, db::Database& database, StudentId id) {
    auto student = database.Read([&](db::Session& s) { return Store(s).FindStudent(id); });
    if (!student) return detail::NotFound("no student " + std::to_string(id.value));
    if (auto ok =
            auth::Require(actor, kViewPeople, ProgrammePath(student->faculty_id, student->programme_id));
        !ok) {
        return ok.error();
    }
    return ForViewerOne(actor, database, std::move(*student));
}

std::optional<OwnStudent> FindOwnStudent(db::Database& database, std::int64_t user_id) {
    if (user_id == 0) return std::nullopt;
    return database.Read([&](db::Session& s) { return Store(s).FindOwnStudent(user_id); });
}

core::Result<Student> FindStudentByUser(const auth::Principal& actor, db::Database& database,
                                        std::int64_t user_id) {
    auto student = database.Read([&](db::Session& s) { return Store(s).FindStudentByUser(user_id); });
    if (!student) return detail::NotFound("no student of user " + std::to_string(user_id));
    if (auto ok =
            auth::Require(actor, kViewPeople, ProgrammePath(student->faculty_id, student->programme_id));
        !ok) {
        return ok.error();
    }
    return ForViewerOne(actor, database, std::move(*student));
}

core::Result<StudentId> CreateStudent(const auth::Principal& actor, const Change& change,
                                      const StudentDraft& draft) {
    if (auto ok = detail::RequireSomewhere(actor, kEditStudents); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    if (const ProgrammeInfo* p = directory.ProgrammeByCode(draft.programme)) {
        if (auto ok = auth::Require(actor, kEditStudents, ProgrammePath(p->faculty_id, p->id)); !ok) {
            return ok.error();
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Result<StudentId> {
        Store store(session);
        auto student = detail::ResolveStudent(draft, directory, store, std::nullopt);
        if (!student) return student.error();
        auto id = store.InsertStudent(*student, change.now);
        if (!id) return id.error();
        detail::RecordChange(session, actor, change, "people.create_student", "student", id->value,
                             Detail(*student));
        return *id;
    });
}

core::Status UpdateStudent(const auth::Principal& actor, const Change& change, StudentId id,
                           const StudentDraft& draft) {
    auto current = change.db.Read([&](db::Session& s) { return Store(s).FindStudent(id); });
    if (!current) return detail::NotFound("no student " + std::to_string(id.value));
    const auto old_path = ProgrammePath(current->faculty_id, current->programme_id);
    if (auto ok = auth::Require(actor, kViewPeople, old_path); !ok) return ok.error();
    if (auto ok = auth::Require(actor, kEditStudents, old_path); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    if (const ProgrammeInfo* p = directory.ProgrammeByCode(draft.programme)) {
        if (auto ok = auth::Require(actor, kEditStudents, ProgrammePath(p->faculty_id, p->id)); !ok) {
            return ok.error();
        }
    }
    // A masked IIN sent back by a form that showed it masked means "unchanged".
    StudentDraft input = draft;
    if (!current->iin.empty() && input.iin == MaskIin(current->iin)) input.iin = current->iin;
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store store(session);
        auto student = detail::ResolveStudent(input, directory, store, id);
        if (!student) return student.error();
        student->user_id = current->user_id;
        if (auto ok = store.UpdateStudent(*student, change.now); !ok) return ok;
        detail::RecordChange(session, actor, change, "people.update_student", "student", id.value,
                             Detail(*student));
        return core::OkStatus();
    });
}

core::Status ChangeStudyForm(const auth::Principal& actor, const Change& change, StudentId id,
                             StudyForm form) {
    auto current = change.db.Read([&](db::Session& s) { return Store(s).FindStudent(id); });
    if (!current) return detail::NotFound("no student " + std::to_string(id.value));
    const auto path = ProgrammePath(current->faculty_id, current->programme_id);
    if (auto ok = auth::Require(actor, kViewPeople, path); !ok) return ok.error();
    if (auto ok = auth::Require(actor, kEditStudents, path); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    const ProgrammeInfo* programme = directory.ProgrammeById(current->programme_id);
    // R-O2: the direction's flag decides; an invisible programme cannot be checked, so refuse.
    if (auto ok = detail::CheckOnlineAdmission(form, programme); !ok) return ok.error();
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store store(session);
        auto student = store.FindStudent(id);
        if (!student) return detail::NotFound("student removed meanwhile");
        const StudyForm before = student->form;
        student->form = form;
        if (auto ok = store.UpdateStudent(*student, change.now); !ok) return ok;
        detail::RecordChange(
            session, actor, change, "people.change_study_form", "student", id.value,
            nlohmann::json{{"before", StudyFormName(before)}, {"after", StudyFormName(form)}}.dump());
        return core::OkStatus();
    });
}

}  // namespace oqu::people
