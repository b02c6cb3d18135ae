#include <nlohmann/json.hpp>

#include "assignments/store.hpp"
#include "platform/db/database.hpp"

namespace oqu::assignments {

namespace db = platform::db;
using nlohmann::json;

namespace {

db::Value Opt(const std::optional<std::int64_t>& v) {
    return v ? db::Value(*v) : db::Value(std::monostate{});
}

std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
    return out;
}

std::vector<std::string> Split(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        if (comma > start) out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

std::string RubricJson(const Rubric& rubric) {
    json out = json::array();
    for (const Criterion& c : rubric.criteria) {
        json levels = json::array();
        for (const Level& l : c.levels) levels.push_back({{"title", l.title}, {"points", l.points}});
        out.push_back({{"title", c.title}, {"levels", levels}});
    }
    return out.dump();
}

Rubric ParseRubricJson(const std::string& text) {
    Rubric rubric;
    const json in = json::parse(text, nullptr, false);
    if (!in.is_array()) return rubric;
    for (const json& c : in) {
        Criterion criterion{c.value("title", ""), {}};
        for (const json& l : c.value("levels", json::array())) {
            criterion.levels.push_back({l.value("title", ""), l.value("points", 0.0)});
        }
        rubric.criteria.push_back(std::move(criterion));
    }
    return rubric;
}

GroupMode ModeOf(const std::string& name) {
    return name == "shared"       ? GroupMode::kShared
           : name == "individual" ? GroupMode::kIndividual
                                  : GroupMode::kNone;
}

constexpr const char* kAssignmentColumns =
    "id, course_id, week_id, title, instructions, submission_type, file_types, max_file_mb, opens_at, "
    "due_at, cutoff_at, late_policy, penalty_per_day, penalty_cap, max_mark, rubric, group_mode, "
    "report_visible, grade_column";

Assignment AssignmentOf(const db::Row& r) {
    Assignment a;
    a.id = r.Int(0);
    a.course_id = r.Int(1);
    a.week_id = r.OptInt(2);
    a.title = r.Text(3);
    a.instructions = r.Text(4);
    a.submission_type = r.Text(5);
    a.file_types = Split(r.Text(6));
    a.max_file_mb = static_cast<int>(r.Int(7));
    a.deadlines.opens = core::FromMicros(r.Int(8));
    a.deadlines.due = core::FromMicros(r.Int(9));
    if (auto cutoff = r.OptInt(10)) a.deadlines.cutoff = core::FromMicros(*cutoff);
    a.late_policy = r.Text(11) == "refuse" ? LatePolicy::kRefuse : LatePolicy::kPenalty;
    a.penalty = {static_cast<int>(r.Int(12)), static_cast<int>(r.Int(13))};
    a.max_mark = r.Real(14);
    a.rubric = ParseRubricJson(r.Text(15));
    a.group_mode = ModeOf(r.Text(16));
    a.report_visible = r.Int(17) != 0;
    a.grade_column = r.OptText(18);
    return a;
}

constexpr const char* kSubmissionColumns = "id, assignment_id, student_id, group_id, status, updated_at";

SubmissionRow SubmissionOf(const db::Row& r) {
    return {r.Int(0), r.Int(1), r.OptInt(2), r.OptInt(3), r.Text(4), core::FromMicros(r.Int(5))};
}

}  // namespace

std::int64_t Store::InsertAssignment(const Assignment& a, std::int64_t by, core::Instant at) {
    const db::Value column = a.grade_column ? db::Value(*a.grade_column) : db::Value(std::monostate{});
    const auto rows = session_.Query(
        "INSERT INTO assignments_assignment (course_id, week_id, title, instructions, submission_type, "
        "file_types, max_file_mb, opens_at, due_at, cutoff_at, late_policy, penalty_per_day, penalty_cap, "
        "max_mark, rubric, group_mode, report_visible, created_by, created_at, grade_column) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {a.course_id,
         Opt(a.week_id),
         a.title,
         a.instructions,
         a.submission_type,
         Join(a.file_types),
         std::int64_t{a.max_file_mb},
         core::ToMicros(a.deadlines.opens),
         core::ToMicros(a.deadlines.due),
         a.deadlines.cutoff ? db::Value(core::ToMicros(*a.deadlines.cutoff)) : db::Value(std::monostate{}),
         std::string(a.late_policy == LatePolicy::kRefuse ? "refuse" : "penalty"),
         std::int64_t{a.penalty.percent_per_day},
         std::int64_t{a.penalty.cap_percent},
         a.max_mark,
         RubricJson(a.rubric),
         std::string(GroupModeName(a.group_mode)),
         std::int64_t{a.report_visible ? 1 : 0},
         by,
         core::ToMicros(at),
         column});
    return rows[0].Int(0);
}

std::optional<Assignment> Store::FindAssignment(std::int64_t id) {
    const auto rows = session_.Query(
        std::string("SELECT ") + kAssignmentColumns + " FROM assignments_assignment WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return AssignmentOf(rows[0]);
}

std::vector<Assignment> Store::Assignments(std::int64_t course_id) {
    std::vector<Assignment> out;
    for (const auto& r :
         session_.Query(std::string("SELECT ") + kAssignmentColumns +
                            " FROM assignments_assignment WHERE course_id = ? ORDER BY due_at, id",
                        {course_id})) {
        out.push_back(AssignmentOf(r));
    }
    return out;
}

void Store::SetGradeColumn(std::int64_t id, const std::optional<std::string>& column) {
    session_.Exec("UPDATE assignments_assignment SET grade_column = ? WHERE id = ?",
                  {column ? db::Value(*column) : db::Value(std::monostate{}), id});
}

std::optional<std::int64_t> Store::GroupOf(std::int64_t assignment_id, std::int64_t student_id) {
    const auto rows = session_.Query(
        "SELECT group_id FROM assignments_group_member WHERE assignment_id = ? AND student_id = ?",
        {assignment_id, student_id});
    if (rows.empty()) return std::nullopt;
    return rows[0].Int(0);
}

std::optional<std::int64_t> Store::InsertGroup(std::int64_t assignment_id, const std::string& name) {
    if (!session_
             .Query("SELECT id FROM assignments_group WHERE assignment_id = ? AND name = ?",
                    {assignment_id, name})
             .empty()) {
        return std::nullopt;
    }
    return session_
        .Query("INSERT INTO assignments_group (assignment_id, name) VALUES (?, ?) RETURNING id",
               {assignment_id, name})[0]
        .Int(0);
}

bool Store::InsertMember(std::int64_t group_id, std::int64_t assignment_id, std::int64_t student_id) {
    if (GroupOf(assignment_id, student_id)) return false;
    session_.Exec(
        "INSERT INTO assignments_group_member (group_id, assignment_id, student_id) VALUES (?, ?, ?)",
        {group_id, assignment_id, student_id});
    return true;
}

std::vector<std::pair<std::int64_t, std::string>> Store::Groups(std::int64_t assignment_id) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& r : session_.Query(
             "SELECT id, name FROM assignments_group WHERE assignment_id = ? ORDER BY id", {assignment_id})) {
        out.emplace_back(r.Int(0), r.Text(1));
    }
    return out;
}

std::vector<std::int64_t> Store::Members(std::int64_t group_id) {
    std::vector<std::int64_t> out;
    for (const auto& r : session_.Query(
             "SELECT student_id FROM assignments_group_member WHERE group_id = ? ORDER BY student_id",
             {group_id})) {
        out.push_back(r.Int(0));
    }
    return out;
}

std::optional<SubmissionRow> Store::FindSubmission(std::int64_t id) {
    const auto rows = session_.Query(
        std::string("SELECT ") + kSubmissionColumns + " FROM assignments_submission WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return SubmissionOf(rows[0]);
}

std::optional<SubmissionRow> Store::SubmissionOfStudent(std::int64_t assignment_id, std::int64_t student_id) {
    const auto rows =
        session_.Query(std::string("SELECT ") + kSubmissionColumns +
                           " FROM assignments_submission WHERE assignment_id = ? AND student_id = ?",
                       {assignment_id, student_id});
    if (rows.empty()) return std::nullopt;
    return SubmissionOf(rows[0]);
}

std::optional<SubmissionRow> Store::SubmissionOfGroup(std::int64_t assignment_id, std::int64_t group_id) {
    const auto rows =
        session_.Query(std::string("SELECT ") + kSubmissionColumns +
                           " FROM assignments_submission WHERE assignment_id = ? AND group_id = ?",
                       {assignment_id, group_id});
    if (rows.empty()) return std::nullopt;
    return SubmissionOf(rows[0]);
}

std::vector<SubmissionRow> Store::Submissions(std::int64_t assignment_id) {
    std::vector<SubmissionRow> out;
    for (const auto& r :
         session_.Query(std::string("SELECT ") + kSubmissionColumns +
                            " FROM assignments_submission WHERE assignment_id = ? ORDER BY id",
                        {assignment_id})) {
        out.push_back(SubmissionOf(r));
    }
    return out;
}

std::int64_t Store::InsertSubmission(const SubmissionRow& row) {
    return session_
        .Query(
            "INSERT INTO assignments_submission (assignment_id, student_id, group_id, status, updated_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            {row.assignment_id, Opt(row.student_id), Opt(row.group_id), row.status,
             core::ToMicros(row.updated_at)})[0]
        .Int(0);
}

void Store::SetStatus(std::int64_t submission_id, const std::string& status, core::Instant at) {
    session_.Exec("UPDATE assignments_submission SET status = ?, updated_at = ? WHERE id = ?",
                  {status, core::ToMicros(at), submission_id});
}

std::vector<Version> Store::Versions(std::int64_t submission_id) {
    std::vector<Version> out;
    for (const auto& r : session_.Query(
             "SELECT number, final, body, file_sha256, file_name, file_type, submitted_by, submitted_at, "
             "late_seconds, penalty_percent, id FROM assignments_version WHERE submission_id = ? ORDER BY "
             "number",
             {submission_id})) {
        Version v;
        v.number = static_cast<int>(r.Int(0));
        v.final = r.Int(1) != 0;
        v.text = r.Text(2);
        v.file_sha256 = r.Text(3);
        v.file_name = r.Text(4);
        v.file_type = r.Text(5);
        v.submitted_by = r.Int(6);
        v.submitted_at = core::FromMicros(r.Int(7));
        v.late_seconds = r.Int(8);
        v.penalty_percent = static_cast<int>(r.Int(9));
        v.id = r.Int(10);
        out.push_back(std::move(v));
    }
    return out;
}

int Store::LastVersionNumber(std::int64_t submission_id) {
    const auto rows = session_.Query(
        "SELECT COALESCE(MAX(number), 0) FROM assignments_version WHERE submission_id = ?", {submission_id});
    return static_cast<int>(rows[0].Int(0));
}

std::int64_t Store::InsertVersion(std::int64_t submission_id, const Version& v) {
    return session_
        .Query(
            "INSERT INTO assignments_version (submission_id, number, final, body, file_sha256, file_name, "
            "file_type, "
            "submitted_by, submitted_at, late_seconds, penalty_percent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?) "
            "RETURNING id",
            {submission_id, std::int64_t{v.number}, std::int64_t{v.final ? 1 : 0}, v.text, v.file_sha256,
             v.file_name, v.file_type, v.submitted_by, core::ToMicros(v.submitted_at), v.late_seconds,
             std::int64_t{v.penalty_percent}})[0]
        .Int(0);
}

std::optional<Extension> Store::ExtensionOf(std::int64_t assignment_id, std::int64_t student_id) {
    const auto rows = session_.Query(
        "SELECT due_at, reason FROM assignments_extension WHERE assignment_id = ? AND student_id = ? "
        "ORDER BY id DESC LIMIT 1",
        {assignment_id, student_id});
    if (rows.empty()) return std::nullopt;
    return Extension{student_id, {}, core::FromMicros(rows[0].Int(0)), rows[0].Text(1)};
}

std::vector<Extension> Store::Extensions(std::int64_t assignment_id) {
    std::vector<Extension> out;
    for (const auto& r : session_.Query(
             "SELECT e.student_id, e.due_at, e.reason FROM assignments_extension e WHERE e.assignment_id = ? "
             "AND e.id = (SELECT MAX(x.id) FROM assignments_extension x WHERE x.assignment_id = "
             "e.assignment_id "
             "AND x.student_id = e.student_id) ORDER BY e.student_id",
             {assignment_id})) {
        out.push_back({r.Int(0), {}, core::FromMicros(r.Int(1)), r.Text(2)});
    }
    return out;
}

void Store::InsertExtension(std::int64_t assignment_id, const Extension& e, std::int64_t by,
                            core::Instant at) {
    session_.Exec(
        "INSERT INTO assignments_extension (assignment_id, student_id, due_at, reason, granted_by, "
        "granted_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {assignment_id, e.student_id, core::ToMicros(e.due_at), e.reason, by, core::ToMicros(at)});
}

std::vector<GradeRow> Store::Grades(std::int64_t submission_id) {
    std::vector<GradeRow> out;
    for (const auto& r : session_.Query(
             "SELECT student_id, version_number, levels, points, penalty_percent, mark, feedback, "
             "feedback_sha256, "
             "feedback_name, returned, graded_by, graded_at FROM assignments_grade WHERE submission_id = ? "
             "ORDER BY id",
             {submission_id})) {
        GradeRow row;
        row.submission_id = submission_id;
        Grade& g = row.grade;
        g.student_id = r.OptInt(0);
        g.version_number = static_cast<int>(r.Int(1));
        const json levels = json::parse(r.Text(2), nullptr, false);
        if (levels.is_array()) {
            for (const json& l : levels) {
                if (l.is_number_integer()) g.levels.push_back(l.get<int>());
            }
        }
        g.points = r.Real(3);
        g.penalty_percent = static_cast<int>(r.Int(4));
        g.mark = r.Real(5);
        g.feedback = r.Text(6);
        g.feedback_sha256 = r.Text(7);
        g.feedback_name = r.Text(8);
        g.returned = r.Int(9) != 0;
        row.graded_by = r.Int(10);
        g.graded_at = core::FromMicros(r.Int(11));
        out.push_back(std::move(row));
    }
    return out;
}

void Store::InsertGrade(std::int64_t submission_id, const Grade& g, std::int64_t by) {
    session_.Exec(
        "INSERT INTO assignments_grade (submission_id, student_id, version_number, levels, points, "
        "penalty_percent, mark, feedback, feedback_sha256, feedback_name, returned, graded_by, graded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {submission_id, Opt(g.student_id), std::int64_t{g.version_number}, json(g.levels).dump(), g.points,
         std::int64_t{g.penalty_percent}, g.mark, g.feedback, g.feedback_sha256, g.feedback_name,
         std::int64_t{g.returned ? 1 : 0}, by, core::ToMicros(g.graded_at)});
}

std::optional<FileInfo> Store::FileOf(std::int64_t assignment_id, const std::string& sha256,
                                      std::optional<std::int64_t> submission_id) {
    const std::string filter = submission_id ? " AND s.id = ?" : "";
    db::Params params{assignment_id, sha256};
    if (submission_id) params.emplace_back(*submission_id);
    auto rows = session_.Query(
        "SELECT v.file_type, v.file_name FROM assignments_version v JOIN assignments_submission s ON "
        "s.id = v.submission_id WHERE s.assignment_id = ? AND v.file_sha256 = ?" +
            filter + " ORDER BY v.id LIMIT 1",
        params);
    if (!rows.empty()) return FileInfo{rows[0].Text(0), rows[0].Text(1)};
    rows = session_.Query(
        "SELECT g.feedback_name FROM assignments_grade g JOIN assignments_submission s ON s.id = "
        "g.submission_id "
        "WHERE s.assignment_id = ? AND g.feedback_sha256 = ?" +
            filter + " ORDER BY g.id LIMIT 1",
        params);
    if (!rows.empty()) return FileInfo{"", rows[0].Text(0)};
    return std::nullopt;
}

std::vector<std::int64_t> Store::SubmissionsWithFile(std::int64_t assignment_id, const std::string& sha256) {
    std::vector<std::int64_t> out;
    for (const auto& r : session_.Query(
             "SELECT DISTINCT s.id FROM assignments_submission s LEFT JOIN assignments_version v ON "
             "v.submission_id = s.id LEFT JOIN assignments_grade g ON g.submission_id = s.id WHERE "
             "s.assignment_id = ? AND (v.file_sha256 = ? OR g.feedback_sha256 = ?) ORDER BY s.id",
             {assignment_id, sha256, sha256})) {
        out.push_back(r.Int(0));
    }
    return out;
}

}  // namespace oqu::assignments
