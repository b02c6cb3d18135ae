#include <chrono>

#include <nlohmann/json.hpp>

#include "identity/api.hpp"
#include "people/api.hpp"
#include "people/permissions.hpp"
#include "people/support.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/db/database.hpp"

namespace oqu::people {

namespace auth = platform::auth;
namespace csv = platform::csv;
namespace db = platform::db;

namespace {

constexpr std::chrono::hours kUploadLifetime{1};

// Column keys are the draft field names; the aliases are the titles of the downloadable
// templates in Kazakh and Russian (and common spreadsheet spellings).
const csv::ImportSpec kStudentSpec{
    .columns = {
        {.key = "surname", .required = true, .aliases = {"тегі", "фамилия", "last name"}},
        {.key = "given_name", .required = true, .aliases = {"аты", "имя", "first name", "given name"}},
        {.key = "patronymic", .aliases = {"әкесінің аты", "отчество", "middle name"}},
        {.key = "latin_name", .aliases = {"латынша", "латиницей", "name in latin", "latin name"}},
        {.key = "iin", .aliases = {"жсн", "иин"}, .unique_in_file = true},
        {.key = "student_number",
         .required = true,
         .aliases = {"сынақ кітапшасының нөмірі", "номер зачётной книжки", "номер зачетной книжки",
                     "student number"},
         .unique_in_file = true},
        {.key = "programme",
         .required = true,
         .aliases = {"білім беру бағдарламасы", "образовательная программа", "program"}},
        {.key = "group", .aliases = {"топ", "группа"}},
        {.key = "course_year", .required = true, .aliases = {"курс", "course", "year"}},
        {.key = "study_form", .required = true, .aliases = {"оқу нысаны", "форма обучения", "form of study"}},
        {.key = "funding", .required = true, .aliases = {"қаржыландыру", "финансирование"}},
        {.key = "status", .aliases = {"мәртебесі", "статус"}},
        {.key = "special_needs",
         .aliases = {"ерекше білім беру қажеттіліктері", "особые образовательные потребности"}},
        {.key = "login", .aliases = {"логин"}, .unique_in_file = true},
    }};

const csv::ImportSpec kTeacherSpec{
    .columns = {
        {.key = "surname", .required = true, .aliases = {"тегі", "фамилия", "last name"}},
        {.key = "given_name", .required = true, .aliases = {"аты", "имя", "first name", "given name"}},
        {.key = "patronymic", .aliases = {"әкесінің аты", "отчество", "middle name"}},
        {.key = "latin_name", .aliases = {"латынша", "латиницей", "name in latin", "latin name"}},
        {.key = "department", .required = true, .aliases = {"кафедра"}},
        {.key = "position", .required = true, .aliases = {"лауазымы", "должность"}},
        {.key = "degree",
         .aliases = {"ғылыми дәрежесі", "учёная степень", "ученая степень", "academic degree"}},
        {.key = "login", .aliases = {"логин"}, .unique_in_file = true},
    }};

const csv::ImportSpec kGroupSpec{
    .columns = {
        {.key = "code", .required = true, .aliases = {"топ", "группа", "group"}, .unique_in_file = true},
        {.key = "programme",
         .required = true,
         .aliases = {"білім беру бағдарламасы", "образовательная программа", "program"}},
        {.key = "admission_year", .required = true, .aliases = {"түскен жылы", "год поступления"}},
        {.key = "language", .required = true, .aliases = {"оқыту тілі", "язык обучения"}},
        {.key = "curator", .aliases = {"куратор"}},
        {.key = "parent", .aliases = {"негізгі топ", "основная группа", "parent group"}},
    }};

// The row's field errors, from a resolver's error.
void AddErrors(csv::RowCheck<ImportRow>& out, const core::Error& error) {
    for (const FieldError& e : FieldErrorsOf(error)) out.AddError(e.field, e.message_key, e.args);
}

std::string Label(const FullName& name, const std::string& extra) {
    return DisplayName(name) + (extra.empty() ? "" : " (" + extra + ")");
}

// The account checks of a login cell: an existing account must not be linked to another record.
// Returns the account id when it exists.
std::optional<std::int64_t> CheckLogin(db::Session& session, const std::string& login,
                                       csv::RowCheck<ImportRow>& out) {
    if (login.empty()) return std::nullopt;
    if (auto user = identity::FindUserByLogin(session, login)) return user->id;
    static const auth::PasswordHasher kHasher;
    // No password: nothing is hashed. The display name (written later from the row's name) is a
    // stand-in here, so that only the login is checked.
    if (auto prepared = identity::PrepareUser(kHasher, {.login = login, .display_name = login}); !prepared) {
        out.AddError("login", prepared.error().message_key, prepared.error().args);
    }
    return std::nullopt;
}

csv::RowStatus StatusOf(bool exists, bool same) {
    if (!exists) return csv::RowStatus::kNew;
    return same ? csv::RowStatus::kUnchanged : csv::RowStatus::kUpdate;
}

bool SameStudent(const Student& a, const Student& b) {
    return a.name == b.name && a.iin == b.iin && a.student_number == b.student_number &&
           a.programme_id == b.programme_id && a.group == b.group && a.course_year == b.course_year &&
           a.form == b.form && a.funding == b.funding && a.status == b.status &&
           a.special_needs == b.special_needs && a.user_id == b.user_id;
}

bool SameTeacher(const Teacher& a, const Teacher& b) {
    return a.name == b.name && a.department_id == b.department_id && a.position == b.position &&
           a.degree == b.degree && a.user_id == b.user_id;
}

bool SameGroup(const Group& a, const Group& b) {
    return a.code == b.code && a.programme_id == b.programme_id && a.admission_year == b.admission_year &&
           a.language == b.language && a.curator == b.curator && a.parent == b.parent;
}

csv::RowCheck<ImportRow> CheckStudentRow(const auth::Principal& actor, const Directory& directory,
                                         db::Session& session, const csv::RowView& row) {
    csv::RowCheck<ImportRow> out;
    StudentDraft draft;
    draft.surname = row.Get("surname");
    draft.given_name = row.Get("given_name");
    draft.patronymic = row.Get("patronymic");
    draft.latin_name = row.Get("latin_name");
    draft.iin = row.Get("iin");
    draft.student_number = row.Get("student_number");
    draft.programme = row.Get("programme");
    draft.group = row.Get("group");
    draft.course_year = row.Get("course_year");
    draft.study_form = row.Get("study_form");
    draft.funding = row.Get("funding");
    draft.status = row.Get("status");
    draft.special_needs = row.Get("special_needs");
    draft.login = row.Get("login");
    Store store(session);
    // Match by IIN, else by student number.
    std::optional<Student> existing;
    if (!draft.iin.empty()) existing = store.FindStudentByIin(draft.iin);
    if (!existing && !draft.student_number.empty()) {
        existing = store.FindStudentByNumber(draft.student_number);
    }
    if (existing &&
        !auth::Allows(actor, kImport, ProgrammePath(existing->faculty_id, existing->programme_id))) {
        // Another faculty's student: say nothing about it beyond "not yours".
        out.AddError("", "people.import_row_forbidden");
        return out;
    }
    if (const ProgrammeInfo* p = directory.ProgrammeByCode(draft.programme)) {
        if (!auth::Allows(actor, kImport, ProgrammePath(p->faculty_id, p->id))) {
            out.AddError("programme", "people.import_row_forbidden");
            return out;
        }
    }
    auto student = detail::ResolveStudent(draft, directory, store,
                                          existing ? std::optional<StudentId>(existing->id) : std::nullopt);
    const auto user_id = CheckLogin(session, draft.login, out);
    if (user_id) {
        if (auto linked = store.FindStudentByUser(*user_id);
            linked && (!existing || linked->id != existing->id)) {
            out.AddError("login", "people.account_taken");
        }
    }
    if (!student) {
        AddErrors(out, student.error());
        return out;
    }
    if (!out.errors.empty()) return out;
    ImportRow value;
    value.student = *student;
    value.student.user_id = user_id ? user_id : (existing ? existing->user_id : std::nullopt);
    value.login = draft.login;
    value.create_account = !draft.login.empty() && !user_id;
    value.label = Label(student->name, student->student_number);
    out.status = StatusOf(existing.has_value(),
                          existing && !value.create_account && SameStudent(*existing, value.student));
    out.value = std::move(value);
    return out;
}

csv::RowCheck<ImportRow> CheckTeacherRow(const auth::Principal& actor, const Directory& directory,
                                         db::Session& session, const csv::RowView& row) {
    csv::RowCheck<ImportRow> out;
    TeacherDraft draft;
    draft.surname = row.Get("surname");
    draft.given_name = row.Get("given_name");
    draft.patronymic = row.Get("patronymic");
    draft.latin_name = row.Get("latin_name");
    draft.department = row.Get("department");
    draft.position = row.Get("position");
    draft.degree = row.Get("degree");
    draft.login = row.Get("login");
    Store store(session);
    const DepartmentInfo* department = directory.DepartmentByCode(draft.department);
    if (department != nullptr && !auth::Allows(actor, kImport, FacultyPath(department->faculty_id))) {
        out.AddError("department", "people.import_row_forbidden");
        return out;
    }
    const auto user_id = CheckLogin(session, draft.login, out);
    std::optional<Teacher> existing;
    if (user_id) existing = store.FindTeacherByUser(*user_id);
    if (!existing && department != nullptr) {
        existing =
            store.FindTeacherByName({draft.surname, draft.given_name, draft.patronymic, ""}, department->id);
    }
    if (existing && !auth::Allows(actor, kImport, FacultyPath(existing->faculty_id))) {
        out.AddError("", "people.import_row_forbidden");
        return out;
    }
    auto teacher = detail::ResolveTeacher(draft, directory,
                                          existing ? std::optional<TeacherId>(existing->id) : std::nullopt);
    if (!teacher) {
        AddErrors(out, teacher.error());
        return out;
    }
    if (!out.errors.empty()) return out;
    ImportRow value;
    value.teacher = *teacher;
    value.teacher.user_id = user_id ? user_id : (existing ? existing->user_id : std::nullopt);
    value.login = draft.login;
    value.create_account = !draft.login.empty() && !user_id;
    value.label = Label(teacher->name, draft.department);
    out.status = StatusOf(existing.has_value(),
                          existing && !value.create_account && SameTeacher(*existing, value.teacher));
    out.value = std::move(value);
    return out;
}

csv::RowCheck<ImportRow> CheckGroupRow(const auth::Principal& actor, const Directory& directory,
                                       int current_year, db::Session& session, const csv::RowView& row) {
    csv::RowCheck<ImportRow> out;
    GroupDraft draft;
    draft.code = row.Get("code");
    draft.programme = row.Get("programme");
    draft.admission_year = row.Get("admission_year");
    draft.language = row.Get("language");
    draft.curator = row.Get("curator");
    draft.parent = row.Get("parent");
    Store store(session);
    auto existing = store.FindGroupByCode(draft.code);
    if (existing &&
        !auth::Allows(actor, kImport, ProgrammePath(existing->faculty_id, existing->programme_id))) {
        out.AddError("", "people.import_row_forbidden");
        return out;
    }
    if (const ProgrammeInfo* p = directory.ProgrammeByCode(draft.programme)) {
        if (!auth::Allows(actor, kImport, ProgrammePath(p->faculty_id, p->id))) {
            out.AddError("programme", "people.import_row_forbidden");
            return out;
        }
    }
    auto group =
        detail::ResolveGroup(draft, directory, store,
                             existing ? std::optional<GroupId>(existing->id) : std::nullopt, current_year);
    if (!group) {
        AddErrors(out, group.error());
        return out;
    }
    ImportRow value;
    value.group = *group;
    value.label = group->code;
    out.status = StatusOf(existing.has_value(), existing && SameGroup(*existing, *group));
    out.value = std::move(value);
    return out;
}

csv::RowChecker<ImportRow> CheckerFor(const auth::Principal& actor, const Directory& directory,
                                      ImportKind kind, int current_year) {
    switch (kind) {
        case ImportKind::kStudents:
            return [&actor, &directory](db::Session& s, const csv::RowView& row) {
                return CheckStudentRow(actor, directory, s, row);
            };
        case ImportKind::kTeachers:
            return [&actor, &directory](db::Session& s, const csv::RowView& row) {
                return CheckTeacherRow(actor, directory, s, row);
            };
        case ImportKind::kGroups:
            break;
    }
    return [&actor, &directory, current_year](db::Session& s, const csv::RowView& row) {
        return CheckGroupRow(actor, directory, current_year, s, row);
    };
}

// Creates the account of a row (no password: it cannot sign in until one is set) and grants
// the role of the record in its scope.
core::Result<std::int64_t> CreateAccount(db::Session& session, const auth::Principal& actor,
                                         const Change& change, const std::string& login, const FullName& name,
                                         const auth::Grant& grant) {
    static const auth::PasswordHasher kHasher;
    auto prepared = identity::PrepareUser(kHasher, {.login = login, .display_name = DisplayName(name)});
    if (!prepared) return prepared.error();
    auto user_id = identity::CreateUser(session, actor, *prepared, change.now, change.address);
    if (!user_id) return user_id.error();
    if (auto granted = identity::GrantRole(session, actor, *user_id, grant, change.now, change.address);
        !granted) {
        return granted.error();
    }
    return *user_id;
}

core::Status ApplyRow(const auth::Principal& actor, const Change& change, ImportKind kind,
                      db::Session& session, const csv::RowOutcome<ImportRow>& row) {
    Store store(session);
    ImportRow value = *row.value;
    switch (kind) {
        case ImportKind::kStudents: {
            Student& s = value.student;
            if (value.create_account) {
                auto user =
                    CreateAccount(session, actor, change, value.login, s.name,
                                  {auth::Role::kStudent, {auth::ScopeKind::kProgramme, s.programme_id}});
                if (!user) return user.error();
                s.user_id = *user;
            }
            const bool create = row.status == csv::RowStatus::kNew;
            if (create) {
                auto id = store.InsertStudent(s, change.now);
                if (!id) return id.error();
                s.id = *id;
            } else if (auto ok = store.UpdateStudent(s, change.now); !ok) {
                return ok;
            }
            detail::RecordChange(
                session, actor, change, create ? "people.import_student_new" : "people.import_student",
                "student", s.id.value,
                nlohmann::json{{"student_number", s.student_number}, {"row", row.row}}.dump());
            return core::OkStatus();
        }
        case ImportKind::kTeachers: {
            Teacher& t = value.teacher;
            if (value.create_account) {
                auto user = CreateAccount(session, actor, change, value.login, t.name,
                                          {auth::Role::kTeacher, {auth::ScopeKind::kFaculty, t.faculty_id}});
                if (!user) return user.error();
                t.user_id = *user;
            }
            const bool create = row.status == csv::RowStatus::kNew;
            if (create) {
                auto id = store.InsertTeacher(t, change.now);
                if (!id) return id.error();
                t.id = *id;
            } else if (auto ok = store.UpdateTeacher(t, change.now); !ok) {
                return ok;
            }
            detail::RecordChange(session, actor, change,
                                 create ? "people.import_teacher_new" : "people.import_teacher", "teacher",
                                 t.id.value,
                                 nlohmann::json{{"name", DisplayName(t.name)}, {"row", row.row}}.dump());
            return core::OkStatus();
        }
        case ImportKind::kGroups:
            break;
    }
    Group& g = value.group;
    const bool create = row.status == csv::RowStatus::kNew;
    if (create) {
        auto id = store.InsertGroup(g, change.now);
        if (!id) return id.error();
        g.id = *id;
    } else if (auto ok = store.UpdateGroup(g, change.now); !ok) {
        return ok;
    }
    detail::RecordChange(session, actor, change, create ? "people.import_group_new" : "people.import_group",
                         "group", g.id.value, nlohmann::json{{"code", g.code}, {"row", row.row}}.dump());
    return core::OkStatus();
}

}  // namespace

std::string_view ImportKindName(ImportKind kind) {
    switch (kind) {
        case ImportKind::kStudents:
            return "students";
        case ImportKind::kTeachers:
            return "teachers";
        case ImportKind::kGroups:
            return "groups";
    }
    return "students";
}

std::optional<ImportKind> ParseImportKind(std::string_view name) {
    for (ImportKind kind : {ImportKind::kStudents, ImportKind::kTeachers, ImportKind::kGroups}) {
        if (ImportKindName(kind) == name) return kind;
    }
    return std::nullopt;
}

const csv::ImportSpec& ImportSpecOf(ImportKind kind) {
    switch (kind) {
        case ImportKind::kStudents:
            return kStudentSpec;
        case ImportKind::kTeachers:
            return kTeacherSpec;
        case ImportKind::kGroups:
            break;
    }
    return kGroupSpec;
}

core::Result<csv::Preview<ImportRow>> PreviewImport(const auth::Principal& actor, db::Database& database,
                                                    ImportKind kind, std::string_view csv_text,
                                                    core::Instant now) {
    if (auto ok = detail::RequireSomewhere(actor, kImport); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, database);
    return csv::PreviewImport<ImportRow>(database, csv_text, ImportSpecOf(kind),
                                         CheckerFor(actor, directory, kind, detail::YearOf(now)));
}

core::Result<csv::Preview<ImportRow>> CommitImport(const auth::Principal& actor, const Change& change,
                                                   ImportKind kind, std::string_view csv_text) {
    if (auto ok = detail::RequireSomewhere(actor, kImport); !ok) return ok.error();
    const Directory directory = Directory::Load(actor, change.db);
    return csv::CommitImport<ImportRow>(change.db, csv_text, ImportSpecOf(kind),
                                        CheckerFor(actor, directory, kind, detail::YearOf(change.now)),
                                        [&](db::Session& session, const csv::RowOutcome<ImportRow>& row) {
                                            return ApplyRow(actor, change, kind, session, row);
                                        });
}

core::Result<std::string> SaveUpload(const auth::Principal& actor, const Change& change, ImportKind kind,
                                     std::string_view file_name, std::string_view content) {
    if (auto ok = detail::RequireSomewhere(actor, kImport); !ok) return ok.error();
    Upload upload;
    upload.token = auth::RandomToken(32);
    upload.kind = kind;
    upload.actor_user_id = actor.user_id;
    upload.file_name = std::string(file_name.substr(0, 255));
    upload.content = std::string(content);
    upload.sha256 = auth::HashToken(content);
    upload.created_at = change.now;
    upload.expires_at = change.now + kUploadLifetime;
    change.db.Transact([&](db::Session& session) { Store(session).SaveUpload(upload, change.now); });
    return upload.token;
}

core::Result<std::string> LoadUpload(const auth::Principal& actor, db::Database& database, ImportKind kind,
                                     std::string_view token, core::Instant now) {
    if (auto ok = detail::RequireSomewhere(actor, kImport); !ok) return ok.error();
    auto upload = database.Read([&](db::Session& s) { return Store(s).FindUpload(std::string(token)); });
    // Another user's token, another kind, an expired or altered file: all look the same.
    if (!upload || upload->actor_user_id != actor.user_id || upload->kind != kind ||
        upload->expires_at < now || auth::HashToken(upload->content) != upload->sha256) {
        return core::MakeError(core::ErrorCode::kNotFound, "people.import_expired", "no such upload");
    }
    return upload->content;
}

}  // namespace oqu::people
