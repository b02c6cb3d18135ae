#include <string>

#include "courses/store.hpp"
#include "platform/db/database.hpp"

namespace oqu::courses {
namespace {

using platform::db::Row;
using platform::db::Value;

Value Micros(core::Instant t) {
    return Value(core::ToMicros(t));
}

Value OptId(const std::optional<std::int64_t>& id) {
    return id ? Value(*id) : Value();
}

constexpr const char* kCourseColumns =
    "c.id, c.discipline_id, c.curriculum_id, c.programme_id, c.faculty_id, c.department_id, c.period_id, "
    "c.language, c.online, c.weight_current, c.weight_rk1, c.weight_rk2, c.weight_exam, c.copied_from, "
    "a.signed_at FROM courses_course c LEFT JOIN courses_readiness_act a ON a.course_id = c.id";

CourseRow CourseOf(const Row& r) {
    CourseRow c;
    c.id = r.Int(0);
    c.discipline_id = r.Int(1);
    c.curriculum_id = r.Int(2);
    c.programme_id = r.Int(3);
    c.faculty_id = r.Int(4);
    c.department_id = r.OptInt(5);
    c.period_id = r.Int(6);
    c.language = r.Text(7);
    c.online = r.Int(8) != 0;
    if (!r.IsNull(9)) {
        c.weights = CourseWeights{static_cast<int>(r.Int(9)), static_cast<int>(r.Int(10)),
                                  static_cast<int>(r.Int(11)), static_cast<int>(r.Int(12))};
    }
    c.copied_from = r.OptInt(13);
    if (auto at = r.OptInt(14)) c.act_signed_at = core::FromMicros(*at);
    return c;
}

std::vector<std::int64_t> Ids(const platform::db::Rows& rows) {
    std::vector<std::int64_t> out;
    for (const Row& r : rows) out.push_back(r.Int(0));
    return out;
}

}  // namespace

std::int64_t Store::InsertCourse(const CourseRow& c, std::int64_t by, core::Instant at) {
    const std::int64_t id =
        session_
            .Query(
                "INSERT INTO courses_course (discipline_id, curriculum_id, programme_id, faculty_id, "
                "department_id, period_id, language, online, copied_from, created_at, created_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                {c.discipline_id, c.curriculum_id, c.programme_id, c.faculty_id, OptId(c.department_id),
                 c.period_id, c.language, std::int64_t{c.online ? 1 : 0}, OptId(c.copied_from), Micros(at),
                 by})[0]
            .Int(0);
    if (c.weights) SetWeights(id, *c.weights);
    return id;
}

void Store::UpdateCourse(std::int64_t id, std::int64_t period_id, const std::string& language, bool online) {
    session_.Exec("UPDATE courses_course SET period_id = ?, language = ?, online = ? WHERE id = ?",
                  {period_id, language, std::int64_t{online ? 1 : 0}, id});
}

std::optional<CourseRow> Store::FindCourse(std::int64_t id) {
    auto rows = session_.Query(std::string("SELECT ") + kCourseColumns + " WHERE c.id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return CourseOf(rows[0]);
}

std::vector<CourseRow> Store::Courses(std::optional<std::int64_t> period_id) {
    std::vector<CourseRow> out;
    const auto rows =
        period_id
            ? session_.Query(std::string("SELECT ") + kCourseColumns + " WHERE c.period_id = ? ORDER BY c.id",
                             {*period_id})
            : session_.Query(std::string("SELECT ") + kCourseColumns + " ORDER BY c.id");
    for (const Row& r : rows) out.push_back(CourseOf(r));
    return out;
}

std::vector<std::int64_t> Store::CoursesOfTeacher(std::int64_t teacher_id) {
    return Ids(session_.Query("SELECT course_id FROM courses_teacher WHERE teacher_id = ? ORDER BY course_id",
                              {teacher_id}));
}

std::vector<std::int64_t> Store::CoursesOfGroups(const std::vector<std::int64_t>& group_ids) {
    std::vector<std::int64_t> out;
    for (std::int64_t g : group_ids) {
        for (std::int64_t id :
             Ids(session_.Query("SELECT course_id FROM courses_group WHERE group_id = ?", {g}))) {
            out.push_back(id);
        }
    }
    return out;
}

bool Store::HasAnyGroup(std::int64_t course_id, const std::vector<std::int64_t>& group_ids) {
    std::string sql = "SELECT 1 FROM courses_group WHERE course_id = ? AND group_id IN (";
    platform::db::Params params{course_id};
    for (std::size_t i = 0; i < group_ids.size(); ++i) {
        sql += i == 0 ? "?" : ", ?";
        params.emplace_back(group_ids[i]);
    }
    return !session_.Query(sql + ") LIMIT 1", params).empty();
}

std::vector<std::int64_t> Store::Teachers(std::int64_t course_id) {
    return Ids(
        session_.Query("SELECT teacher_id FROM courses_teacher WHERE course_id = ? ORDER BY assigned_at, "
                       "teacher_id",
                       {course_id}));
}

bool Store::InsertTeacher(std::int64_t course_id, std::int64_t teacher_id, core::Instant at) {
    return session_.Exec(
               "INSERT INTO courses_teacher (course_id, teacher_id, assigned_at) VALUES (?, ?, ?) "
               "ON CONFLICT DO NOTHING",
               {course_id, teacher_id, Micros(at)}) == 1;
}

bool Store::DeleteTeacher(std::int64_t course_id, std::int64_t teacher_id) {
    return session_.Exec("DELETE FROM courses_teacher WHERE course_id = ? AND teacher_id = ?",
                         {course_id, teacher_id}) == 1;
}

std::vector<std::pair<std::int64_t, std::string>> Store::Groups(std::int64_t course_id) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const Row& r : session_.Query(
             "SELECT group_id, kind FROM courses_group WHERE course_id = ? ORDER BY group_id", {course_id})) {
        out.emplace_back(r.Int(0), r.Text(1));
    }
    return out;
}

bool Store::InsertGroup(std::int64_t course_id, std::int64_t group_id, const std::string& kind) {
    return session_.Exec(
               "INSERT INTO courses_group (course_id, group_id, kind) VALUES (?, ?, ?) ON CONFLICT DO "
               "NOTHING",
               {course_id, group_id, kind}) == 1;
}

bool Store::DeleteGroup(std::int64_t course_id, std::int64_t group_id) {
    return session_.Exec("DELETE FROM courses_group WHERE course_id = ? AND group_id = ?",
                         {course_id, group_id}) == 1;
}

void Store::SetWeights(std::int64_t course_id, const CourseWeights& w) {
    session_.Exec(
        "UPDATE courses_course SET weight_current = ?, weight_rk1 = ?, weight_rk2 = ?, weight_exam = ? "
        "WHERE id = ?",
        {std::int64_t{w.current}, std::int64_t{w.rk1}, std::int64_t{w.rk2}, std::int64_t{w.exam}, course_id});
}

std::vector<Outcome> Store::Outcomes(std::int64_t course_id) {
    std::vector<Outcome> out;
    for (const Row& r : session_.Query(
             "SELECT id, code, text, programme_outcome FROM courses_outcome WHERE course_id = ? ORDER BY id",
             {course_id})) {
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
    }
    return out;
}

std::optional<std::int64_t> Store::InsertOutcome(std::int64_t course_id, const Outcome& o) {
    auto rows = session_.Query(
        "INSERT INTO courses_outcome (course_id, code, text, programme_outcome) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING RETURNING id",
        {course_id, o.code, o.text, o.programme_outcome});
    if (rows.empty()) return std::nullopt;
    return rows[0].Int(0);
}

bool Store::DeleteOutcome(std::int64_t course_id, std::int64_t outcome_id) {
    return session_.Exec("DELETE FROM courses_outcome WHERE course_id = ? AND id = ?",
                         {course_id, outcome_id}) == 1;
}

std::vector<Week> Store::Weeks(std::int64_t course_id) {
    std::vector<Week> out;
    for (const Row& r : session_.Query(
             "SELECT id, number, topic FROM courses_week WHERE course_id = ? ORDER BY number", {course_id})) {
        out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), {}});
    }
    return out;
}

std::optional<std::int64_t> Store::InsertWeek(std::int64_t course_id, int number, const std::string& topic) {
    auto rows = session_.Query(
        "INSERT INTO courses_week (course_id, number, topic) VALUES (?, ?, ?) ON CONFLICT DO NOTHING "
        "RETURNING id",
        {course_id, std::int64_t{number}, topic});
    if (rows.empty()) return std::nullopt;
    return rows[0].Int(0);
}

std::vector<Element> Store::Elements(std::int64_t course_id) {
    std::vector<Element> out;
    for (const Row& r : session_.Query(
             "SELECT id, week_id, kind, title, body, url, reference, file_sha256, file_type, file_name, "
             "captions_sha256, starts_at, synchronous, hours FROM courses_element WHERE course_id = ? "
             "ORDER BY id",
             {course_id})) {
        Element e;
        e.id = r.Int(0);
        e.week_id = r.Int(1);
        e.kind = ParseElementKind(r.Text(2)).value_or(ElementKind::kLecture);
        e.title = r.Text(3);
        e.body = r.Text(4);
        e.url = r.Text(5);
        e.reference = r.Text(6);
        e.file_sha256 = r.Text(7);
        e.file_type = r.Text(8);
        e.file_name = r.Text(9);
        e.captions_sha256 = r.Text(10);
        e.starts_at = r.Text(11);
        e.synchronous = r.Int(12) != 0;
        e.hours = static_cast<int>(r.Int(13));
        out.push_back(std::move(e));
    }
    for (const Row& r : session_.Query(
             "SELECT l.element_id, l.outcome_id FROM courses_element_outcome l JOIN courses_element e ON "
             "e.id = l.element_id WHERE e.course_id = ? ORDER BY l.outcome_id",
             {course_id})) {
        for (Element& e : out) {
            if (e.id == r.Int(0)) e.outcome_ids.push_back(r.Int(1));
        }
    }
    return out;
}

std::int64_t Store::InsertElement(std::int64_t course_id, const Element& e, core::Instant at) {
    const std::int64_t id =
        session_
            .Query(
                "INSERT INTO courses_element (course_id, week_id, kind, title, body, url, reference, "
                "file_sha256, file_type, file_name, captions_sha256, starts_at, synchronous, hours, "
                "created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                {course_id, e.week_id, std::string(ElementKindName(e.kind)), e.title, e.body, e.url,
                 e.reference, e.file_sha256, e.file_type, e.file_name, e.captions_sha256, e.starts_at,
                 std::int64_t{e.synchronous ? 1 : 0}, std::int64_t{e.hours}, Micros(at)})[0]
            .Int(0);
    for (std::int64_t outcome : e.outcome_ids) {
        session_.Exec(
            "INSERT INTO courses_element_outcome (element_id, outcome_id) VALUES (?, ?) ON CONFLICT DO "
            "NOTHING",
            {id, outcome});
    }
    return id;
}

bool Store::DeleteElement(std::int64_t course_id, std::int64_t element_id) {
    return session_.Exec("DELETE FROM courses_element WHERE course_id = ? AND id = ?",
                         {course_id, element_id}) == 1;
}

bool Store::SetCaptions(std::int64_t course_id, std::int64_t element_id, const std::string& sha256) {
    return session_.Exec(
               "UPDATE courses_element SET captions_sha256 = ? WHERE course_id = ? AND id = ? AND "
               "kind IN ('audio', 'video')",
               {sha256, course_id, element_id}) == 1;
}

std::optional<std::string> Store::FileType(std::int64_t course_id, const std::string& sha256) {
    auto rows = session_.Query(
        "SELECT file_type FROM courses_element WHERE course_id = ? AND file_sha256 = ? "
        "UNION ALL SELECT 'text/vtt' FROM courses_element WHERE course_id = ? AND captions_sha256 = ?",
        {course_id, sha256, course_id, sha256});
    if (rows.empty()) return std::nullopt;
    return rows[0].Text(0);
}

std::optional<ActRow> Store::Act(std::int64_t course_id) {
    auto rows = session_.Query(
        "SELECT signed_at, signer_teacher_id FROM courses_readiness_act WHERE course_id = ?", {course_id});
    if (rows.empty()) return std::nullopt;
    return ActRow{core::FromMicros(rows[0].Int(0)), rows[0].Int(1)};
}

bool Store::InsertAct(std::int64_t course_id, std::int64_t by, std::int64_t teacher_id, core::Instant at) {
    return session_.Exec(
               "INSERT INTO courses_readiness_act (course_id, signed_at, signed_by, signer_teacher_id) "
               "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
               {course_id, Micros(at), by, teacher_id}) == 1;
}

bool Store::Installed() {
    return session_.Query("SELECT COUNT(*) FROM schema_migrations WHERE module = 'courses'")[0].Int(0) > 0;
}

}  // namespace oqu::courses
