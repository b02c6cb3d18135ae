#include <string>

#include <fmt/format.h>

#include "people/store.hpp"
#include "platform/db/database.hpp"

namespace oqu::people {
namespace {

using platform::db::Params;
using platform::db::Row;
using platform::db::Value;

Value OptId(const std::optional<std::int64_t>& id) {
    return id ? Value(*id) : Value(std::monostate{});
}

// "(faculty_id IN (?, ?) OR programme_id IN (?))" for a caller without institution scope.
std::string ScopeClause(const ScopeFilter& scope, Params& params, const char* alias, bool with_programmes) {
    if (scope.all) return "1 = 1";
    std::string clause = "(1 = 0";
    if (!scope.faculties.empty()) {
        clause += fmt::format(" OR {}.faculty_id IN (", alias);
        for (std::size_t i = 0; i < scope.faculties.size(); ++i) {
            clause += i == 0 ? "?" : ", ?";
            params.emplace_back(scope.faculties[i]);
        }
        clause += ")";
    }
    if (with_programmes && !scope.programmes.empty()) {
        clause += fmt::format(" OR {}.programme_id IN (", alias);
        for (std::size_t i = 0; i < scope.programmes.size(); ++i) {
            clause += i == 0 ? "?" : ", ?";
            params.emplace_back(scope.programmes[i]);
        }
        clause += ")";
    }
    return clause + ")";
}

// LIKE with '!' as the escape character, so '%' and '_' typed by the user match themselves.
std::string LikePattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '!') out += '!';
        out += c;
    }
    return out + "%";
}

int ClampLimit(int limit) {
    return limit < 1 ? 1 : (limit > 500 ? 500 : limit);
}

constexpr const char* kGroupColumns =
    "g.id, g.code, g.programme_id, g.faculty_id, g.admission_year, g.language, g.curator_id, g.parent_id, "
    "COALESCE(t.surname || ' ' || t.given_name, ''), COALESCE(p.code, ''), "
    "(SELECT COUNT(*) FROM people_student s WHERE s.group_id = g.id)";
constexpr const char* kGroupFrom =
    " FROM people_group g LEFT JOIN people_teacher t ON t.id = g.curator_id"
    " LEFT JOIN people_group p ON p.id = g.parent_id";

Group ReadGroup(const Row& r) {
    Group g;
    g.id = GroupId{r.Int(0)};
    g.code = r.Text(1);
    g.programme_id = r.Int(2);
    g.faculty_id = r.Int(3);
    g.admission_year = static_cast<int>(r.Int(4));
    g.language = r.Text(5);
    if (auto c = r.OptInt(6)) g.curator = TeacherId{*c};
    if (auto p = r.OptInt(7)) g.parent = GroupId{*p};
    g.curator_name = r.Text(8);
    g.parent_code = r.Text(9);
    g.students = r.Int(10);
    return g;
}

constexpr const char* kStudentColumns =
    "s.id, s.surname, s.given_name, s.patronymic, s.latin_name, s.iin, s.student_number, s.programme_id, "
    "s.faculty_id, s.group_id, COALESCE(g.code, ''), s.course_year, s.study_form, s.funding, s.status, "
    "s.special_needs, s.user_id";
constexpr const char* kStudentFrom = " FROM people_student s LEFT JOIN people_group g ON g.id = s.group_id";

Student ReadStudent(const Row& r) {
    Student s;
    s.id = StudentId{r.Int(0)};
    s.name = {r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
    s.iin = r.OptText(5).value_or("");
    s.student_number = r.Text(6);
    s.programme_id = r.Int(7);
    s.faculty_id = r.Int(8);
    if (auto g = r.OptInt(9)) s.group = GroupId{*g};
    s.group_code = r.Text(10);
    s.course_year = static_cast<int>(r.Int(11));
    s.form = ParseStudyForm(r.Text(12)).value_or(StudyForm::kFullTime);
    s.funding = ParseFunding(r.Text(13)).value_or(Funding::kPaid);
    s.status = ParseStudentStatus(r.Text(14)).value_or(StudentStatus::kActive);
    s.special_needs = r.Int(15) != 0;
    s.user_id = r.OptInt(16);
    return s;
}

constexpr const char* kTeacherColumns =
    "t.id, t.surname, t.given_name, t.patronymic, t.latin_name, t.department_id, t.faculty_id, t.position, "
    "t.degree, t.user_id";

Teacher ReadTeacher(const Row& r) {
    Teacher t;
    t.id = TeacherId{r.Int(0)};
    t.name = {r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
    t.department_id = r.Int(5);
    t.faculty_id = r.Int(6);
    t.position = ParsePosition(r.Text(7)).value_or(Position::kAssistant);
    t.degree = ParseDegree(r.Text(8)).value_or(Degree::kNone);
    t.user_id = r.OptInt(9);
    return t;
}

template <typename T>
std::optional<T> First(const platform::db::Rows& rows, T (*read)(const Row&)) {
    if (rows.empty()) return std::nullopt;
    return read(rows[0]);
}

// Which unique column a violation names: PostgreSQL and SQLite both mention the column or the
// constraint "people_student_iin_key" / "people_student.iin" in their message.
core::Error Duplicate(const platform::db::DbError& e, const char* table) {
    const std::string what = e.what();
    const auto names = [&what](const char* column) { return what.find(column) != std::string::npos; };
    core::Error error;
    if (names("iin")) {
        error = core::MakeError(core::ErrorCode::kConflict, "people.iin_taken", what);
        error.args.emplace_back("field", "iin");
    } else if (names("student_number")) {
        error = core::MakeError(core::ErrorCode::kConflict, "people.student_number_taken", what);
        error.args.emplace_back("field", "student_number");
    } else if (names("user_id")) {
        error = core::MakeError(core::ErrorCode::kConflict, "people.account_taken", what);
        error.args.emplace_back("field", "login");
    } else {
        error = core::MakeError(core::ErrorCode::kConflict, "people.group_code_taken", what);
        error.args.emplace_back("field", "code");
    }
    error.detail = std::string(table) + ": " + what;
    return error;
}

Params StudentParams(const Student& s) {
    return {s.name.surname,
            s.name.given_name,
            s.name.patronymic,
            s.name.latin,
            s.iin.empty() ? Value(std::monostate{}) : Value(s.iin),
            s.student_number,
            s.programme_id,
            s.faculty_id,
            s.group ? Value(s.group->value) : Value(std::monostate{}),
            std::int64_t{s.course_year},
            std::string(StudyFormName(s.form)),
            std::string(FundingName(s.funding)),
            std::string(StudentStatusName(s.status)),
            std::int64_t{s.special_needs ? 1 : 0},
            OptId(s.user_id)};
}

Params TeacherParams(const Teacher& t) {
    return {t.name.surname,
            t.name.given_name,
            t.name.patronymic,
            t.name.latin,
            t.department_id,
            t.faculty_id,
            std::string(PositionName(t.position)),
            std::string(DegreeName(t.degree)),
            OptId(t.user_id)};
}

Params GroupParams(const Group& g) {
    return {g.code,
            g.programme_id,
            g.faculty_id,
            std::int64_t{g.admission_year},
            g.language,
            g.curator ? Value(g.curator->value) : Value(std::monostate{}),
            g.parent ? Value(g.parent->value) : Value(std::monostate{})};
}

}  // namespace

std::optional<Group> Store::FindGroup(GroupId id) {
    return First(
        session_.Query(fmt::format("SELECT {}{} WHERE g.id = ?", kGroupColumns, kGroupFrom), {id.value}),
        &ReadGroup);
}

std::optional<Group> Store::FindGroupByCode(const std::string& code) {
    return First(
        session_.Query(fmt::format("SELECT {}{} WHERE g.code = ?", kGroupColumns, kGroupFrom), {code}),
        &ReadGroup);
}

Page<Group> Store::ListGroups(const ScopeFilter& scope, const ListQuery& query) {
    Page<Group> page;
    if (scope.None()) return page;
    Params params;
    std::string where = " WHERE " + ScopeClause(scope, params, "g", true);
    if (!query.text.empty()) {
        where += " AND g.code LIKE ? ESCAPE '!'";
        params.emplace_back(LikePattern(query.text));
    }
    if (query.programme_id) {
        where += " AND g.programme_id = ?";
        params.emplace_back(*query.programme_id);
    }
    page.total = session_.Query("SELECT COUNT(*) FROM people_group g" + where, params)[0].Int(0);
    params.emplace_back(std::int64_t{ClampLimit(query.limit)});
    params.emplace_back(std::int64_t{query.offset < 0 ? 0 : query.offset});
    for (const Row& r : session_.Query(fmt::format("SELECT {}{}{} ORDER BY g.code, g.id LIMIT ? OFFSET ?",
                                                   kGroupColumns, kGroupFrom, where),
                                       params)) {
        page.items.push_back(ReadGroup(r));
    }
    return page;
}

core::Result<GroupId> Store::InsertGroup(const Group& group, core::Instant now) {
    Params params = GroupParams(group);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(core::ToMicros(now));
    try {
        const auto rows = session_.Query(
            "INSERT INTO people_group (code, programme_id, faculty_id, admission_year, language, curator_id, "
            "parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            params);
        return GroupId{rows[0].Int(0)};
    } catch (const platform::db::DbError& e) {
        if (!e.IsUniqueViolation()) throw;
        return Duplicate(e, "people_group");
    }
}

core::Status Store::UpdateGroup(const Group& group, core::Instant now) {
    Params params = GroupParams(group);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(group.id.value);
    try {
        session_.Exec(
            "UPDATE people_group SET code = ?, programme_id = ?, faculty_id = ?, admission_year = ?, "
            "language = ?, "
            "curator_id = ?, parent_id = ?, updated_at = ? WHERE id = ?",
            params);
        return core::OkStatus();
    } catch (const platform::db::DbError& e) {
        if (!e.IsUniqueViolation()) throw;
        return Duplicate(e, "people_group");
    }
}

std::optional<Student> Store::FindStudent(StudentId id) {
    return First(
        session_.Query(fmt::format("SELECT {}{} WHERE s.id = ?", kStudentColumns, kStudentFrom), {id.value}),
        &ReadStudent);
}

std::optional<Student> Store::FindStudentByIin(const std::string& iin) {
    return First(
        session_.Query(fmt::format("SELECT {}{} WHERE s.iin = ?", kStudentColumns, kStudentFrom), {iin}),
        &ReadStudent);
}

std::optional<Student> Store::FindStudentByNumber(const std::string& number) {
    return First(
        session_.Query(fmt::format("SELECT {}{} WHERE s.student_number = ?", kStudentColumns, kStudentFrom),
                       {number}),
        &ReadStudent);
}

std::optional<Student> Store::FindStudentByUser(std::int64_t user_id) {
    return First(session_.Query(fmt::format("SELECT {}{} WHERE s.user_id = ?", kStudentColumns, kStudentFrom),
                                {user_id}),
                 &ReadStudent);
}

std::optional<OwnStudent> Store::FindOwnStudent(std::int64_t user_id) {
    const auto rows = session_.Query(
        "SELECT s.id, s.group_id, g.parent_id FROM people_student s LEFT JOIN people_group g ON g.id = "
        "s.group_id WHERE s.user_id = ?",
        {user_id});
    if (rows.empty()) return std::nullopt;
    OwnStudent out{StudentId{rows[0].Int(0)}, std::nullopt, std::nullopt};
    if (!rows[0].IsNull(1)) out.group = GroupId{rows[0].Int(1)};
    if (!rows[0].IsNull(2)) out.stream = GroupId{rows[0].Int(2)};
    return out;
}

Page<Student> Store::ListStudents(const ScopeFilter& scope, const StudentQuery& query, bool search_iin) {
    Page<Student> page;
    if (scope.None()) return page;
    Params params;
    std::string where = " WHERE " + ScopeClause(scope, params, "s", true);
    if (!query.text.empty()) {
        // Names are matched case-sensitively for Cyrillic (SQLite's LIKE folds ASCII only), so
        // the page suggests typing a name as written: "Нұрланова".
        const std::string like = LikePattern(query.text);
        where +=
            " AND (s.surname LIKE ? ESCAPE '!' OR s.given_name LIKE ? ESCAPE '!' OR s.latin_name LIKE ? "
            "ESCAPE '!'"
            " OR s.student_number = ?";
        params.insert(params.end(), {like, like, like, query.text});
        if (search_iin) {
            where += " OR s.iin = ?";
            params.emplace_back(query.text);
        }
        where += ")";
    }
    if (query.programme_id) {
        where += " AND s.programme_id = ?";
        params.emplace_back(*query.programme_id);
    }
    if (query.group) {
        where += " AND s.group_id = ?";
        params.emplace_back(query.group->value);
    }
    if (query.course_year) {
        where += " AND s.course_year = ?";
        params.emplace_back(std::int64_t{*query.course_year});
    }
    if (query.form) {
        where += " AND s.study_form = ?";
        params.emplace_back(std::string(StudyFormName(*query.form)));
    }
    if (query.status) {
        where += " AND s.status = ?";
        params.emplace_back(std::string(StudentStatusName(*query.status)));
    }
    page.total = session_.Query("SELECT COUNT(*) FROM people_student s" + where, params)[0].Int(0);
    params.emplace_back(std::int64_t{ClampLimit(query.limit)});
    params.emplace_back(std::int64_t{query.offset < 0 ? 0 : query.offset});
    for (const Row& r :
         session_.Query(fmt::format("SELECT {}{}{} ORDER BY s.surname, s.given_name, s.id LIMIT ? OFFSET ?",
                                    kStudentColumns, kStudentFrom, where),
                        params)) {
        page.items.push_back(ReadStudent(r));
    }
    return page;
}

core::Result<StudentId> Store::InsertStudent(const Student& student, core::Instant now) {
    Params params = StudentParams(student);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(core::ToMicros(now));
    try {
        const auto rows = session_.Query(
            "INSERT INTO people_student (surname, given_name, patronymic, latin_name, iin, student_number, "
            "programme_id, faculty_id, group_id, course_year, study_form, funding, status, special_needs, "
            "user_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            params);
        return StudentId{rows[0].Int(0)};
    } catch (const platform::db::DbError& e) {
        if (!e.IsUniqueViolation()) throw;
        return Duplicate(e, "people_student");
    }
}

core::Status Store::UpdateStudent(const Student& student, core::Instant now) {
    Params params = StudentParams(student);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(student.id.value);
    try {
        session_.Exec(
            "UPDATE people_student SET surname = ?, given_name = ?, patronymic = ?, latin_name = ?, iin = ?, "
            "student_number = ?, programme_id = ?, faculty_id = ?, group_id = ?, course_year = ?, study_form "
            "= ?, "
            "funding = ?, status = ?, special_needs = ?, user_id = ?, updated_at = ? WHERE id = ?",
            params);
        return core::OkStatus();
    } catch (const platform::db::DbError& e) {
        if (!e.IsUniqueViolation()) throw;
        return Duplicate(e, "people_student");
    }
}

std::optional<Teacher> Store::FindTeacher(TeacherId id) {
    return First(
        session_.Query(fmt::format("SELECT {} FROM people_teacher t WHERE t.id = ?", kTeacherColumns),
                       {id.value}),
        &ReadTeacher);
}

std::optional<Teacher> Store::FindTeacherByUser(std::int64_t user_id) {
    return First(
        session_.Query(fmt::format("SELECT {} FROM people_teacher t WHERE t.user_id = ?", kTeacherColumns),
                       {user_id}),
        &ReadTeacher);
}

std::optional<Teacher> Store::FindTeacherByName(const FullName& name, std::int64_t department_id) {
    return First(
        session_.Query(fmt::format("SELECT {} FROM people_teacher t WHERE t.surname = ? AND t.given_name = ? "
                                   "AND t.patronymic = ? AND t.department_id = ? ORDER BY t.id",
                                   kTeacherColumns),
                       {name.surname, name.given_name, name.patronymic, department_id}),
        &ReadTeacher);
}

Page<Teacher> Store::ListTeachers(const ScopeFilter& scope, const ListQuery& query) {
    Page<Teacher> page;
    if (scope.None()) return page;
    Params params;
    std::string where = " WHERE " + ScopeClause(scope, params, "t", false);
    if (!query.text.empty()) {
        const std::string like = LikePattern(query.text);
        where +=
            " AND (t.surname LIKE ? ESCAPE '!' OR t.given_name LIKE ? ESCAPE '!' OR t.latin_name LIKE ? "
            "ESCAPE '!')";
        params.insert(params.end(), {like, like, like});
    }
    if (query.department_id) {
        where += " AND t.department_id = ?";
        params.emplace_back(*query.department_id);
    }
    page.total = session_.Query("SELECT COUNT(*) FROM people_teacher t" + where, params)[0].Int(0);
    params.emplace_back(std::int64_t{ClampLimit(query.limit)});
    params.emplace_back(std::int64_t{query.offset < 0 ? 0 : query.offset});
    for (const Row& r : session_.Query(
             fmt::format(
                 "SELECT {} FROM people_teacher t{} ORDER BY t.surname, t.given_name, t.id LIMIT ? OFFSET ?",
                 kTeacherColumns, where),
             params)) {
        page.items.push_back(ReadTeacher(r));
    }
    return page;
}

core::Result<TeacherId> Store::InsertTeacher(const Teacher& teacher, core::Instant now) {
    Params params = TeacherParams(teacher);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(core::ToMicros(now));
    try {
        const auto rows = session_.Query(
            "INSERT INTO people_teacher (surname, given_name, patronymic, latin_name, department_id, "
            "faculty_id, "
            "position, degree, user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            params);
        return TeacherId{rows[0].Int(0)};
    } catch (const platform::db::DbError& e) {
        if (!e.IsUniqueViolation()) throw;
        return Duplicate(e, "people_teacher");
    }
}

core::Status Store::UpdateTeacher(const Teacher& teacher, core::Instant now) {
    Params params = TeacherParams(teacher);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(teacher.id.value);
    try {
        session_.Exec(
            "UPDATE people_teacher SET surname = ?, given_name = ?, patronymic = ?, latin_name = ?, "
            "department_id = ?, "
            "faculty_id = ?, position = ?, degree = ?, user_id = ?, updated_at = ? WHERE id = ?",
            params);
        return core::OkStatus();
    } catch (const platform::db::DbError& e) {
        if (!e.IsUniqueViolation()) throw;
        return Duplicate(e, "people_teacher");
    }
}

void Store::SaveUpload(const Upload& upload, core::Instant now) {
    session_.Exec("DELETE FROM people_import WHERE expires_at < ?", {core::ToMicros(now)});
    session_.Exec(
        "INSERT INTO people_import (token, kind, actor_user_id, file_name, content, sha256, created_at, "
        "expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {upload.token, std::string(ImportKindName(upload.kind)), upload.actor_user_id, upload.file_name,
         upload.content, upload.sha256, core::ToMicros(upload.created_at),
         core::ToMicros(upload.expires_at)});
}

std::optional<Upload> Store::FindUpload(const std::string& token) {
    const auto rows = session_.Query(
        "SELECT token, kind, actor_user_id, file_name, content, sha256, created_at, expires_at FROM "
        "people_import "
        "WHERE token = ?",
        {token});
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    Upload u;
    u.token = r.Text(0);
    u.kind = ParseImportKind(r.Text(1)).value_or(ImportKind::kStudents);
    u.actor_user_id = r.Int(2);
    u.file_name = r.Text(3);
    u.content = r.Text(4);
    u.sha256 = r.Text(5);
    u.created_at = core::FromMicros(r.Int(6));
    u.expires_at = core::FromMicros(r.Int(7));
    return u;
}

}  // namespace oqu::people
