#include <algorithm>
#include <string>

#include "online/store.hpp"
#include "platform/db/database.hpp"

namespace oqu::online {
namespace {

using platform::db::Row;
using platform::db::Value;

Value Micros(core::Instant t) {
    return Value(core::ToMicros(t));
}

Document DocumentOf(const Row& r) {
    Document d;
    d.id = r.Int(0);
    d.kind = ParseDocumentKind(r.Text(1)).value_or(DocumentKind::kTechnicalRequirements);
    d.version = static_cast<int>(r.Int(2));
    d.text_kk = r.Text(3);
    d.text_ru = r.Text(4);
    d.text_en = r.Text(5);
    d.published_at = core::FromMicros(r.Int(6));
    return d;
}

constexpr const char* kMoocColumns =
    "id, student_id, platform, title, url, credits, completed_on, certificate_sha256, status, submitted_at, "
    "faculty_id, programme_id";

Mooc MoocOf(const Row& r) {
    Mooc m;
    m.id = r.Int(0);
    m.student_id = r.Int(1);
    m.platform = ParseMoocPlatform(r.Text(2)).value_or(MoocPlatform::kOther);
    m.title = r.Text(3);
    m.url = r.Text(4);
    m.credits = static_cast<int>(r.Int(5));
    m.completed_on = r.Text(6);
    m.certificate_sha256 = r.Text(7);
    m.status = r.Text(8);
    m.submitted_at = core::FromMicros(r.Int(9));
    return m;
}

constexpr const char* kTransferColumns =
    "id, student_id, from_form, to_form, effective_on, paid, status, requested_at, faculty_id, programme_id";

Transfer TransferOf(const Row& r) {
    Transfer t;
    t.id = r.Int(0);
    t.student_id = r.Int(1);
    t.from_form = r.Text(2);
    t.to_form = r.Text(3);
    t.effective_on = r.Text(4);
    t.paid = r.Int(5) != 0;
    t.status = r.Text(6);
    t.requested_at = core::FromMicros(r.Int(7));
    return t;
}

// The latest version of each kind: one query over the (kind, version) unique index.
constexpr const char* kCurrentDocuments =
    "SELECT d.id FROM online_document d WHERE d.version = "
    "(SELECT MAX(v.version) FROM online_document v WHERE v.kind = d.kind)";

}  // namespace

std::vector<Document> Store::CurrentDocuments() {
    std::vector<Document> out;
    for (const Row& r : session_.Query(
             std::string(
                 "SELECT id, kind, version, text_kk, text_ru, text_en, published_at FROM online_document "
                 "WHERE id IN (") +
             kCurrentDocuments + ")")) {
        out.push_back(DocumentOf(r));
    }
    std::sort(out.begin(), out.end(), [](const Document& a, const Document& b) { return a.kind < b.kind; });
    return out;
}

int Store::NextVersion(DocumentKind kind) {
    return static_cast<int>(
        session_
            .Query("SELECT COALESCE(MAX(version), 0) + 1 FROM online_document WHERE kind = ?",
                   {std::string(DocumentKindName(kind))})[0]
            .Int(0));
}

std::int64_t Store::InsertDocument(const Document& d, std::int64_t by) {
    return session_
        .Query(
            "INSERT INTO online_document (kind, version, text_kk, text_ru, text_en, published_at, "
            "published_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {std::string(DocumentKindName(d.kind)), std::int64_t{d.version}, d.text_kk, d.text_ru, d.text_en,
             Micros(d.published_at), by})[0]
        .Int(0);
}

std::vector<Acceptance> Store::History(std::int64_t student_id) {
    std::vector<Acceptance> out;
    for (const Row& r :
         session_.Query("SELECT d.kind, d.version, a.accepted_at, a.withdrawn_at FROM online_acceptance a "
                        "JOIN online_document d ON d.id = a.document_id WHERE a.student_id = ? "
                        "ORDER BY a.accepted_at DESC, a.id DESC",
                        {student_id})) {
        Acceptance a;
        a.kind = ParseDocumentKind(r.Text(0)).value_or(DocumentKind::kTechnicalRequirements);
        a.version = static_cast<int>(r.Int(1));
        a.accepted_at = core::FromMicros(r.Int(2));
        if (auto w = r.OptInt(3)) a.withdrawn_at = core::FromMicros(*w);
        out.push_back(a);
    }
    return out;
}

std::vector<std::int64_t> Store::InForce(std::int64_t student_id) {
    std::vector<std::int64_t> out;
    for (const Row& r :
         session_.Query("SELECT DISTINCT document_id FROM online_acceptance WHERE student_id = ? "
                        "AND withdrawn_at IS NULL",
                        {student_id})) {
        out.push_back(r.Int(0));
    }
    return out;
}

void Store::InsertAcceptance(const StudentScope& scope, std::int64_t document_id, core::Instant at) {
    session_.Exec(
        "INSERT INTO online_acceptance (student_id, faculty_id, programme_id, document_id, accepted_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {scope.student_id, scope.faculty_id, scope.programme_id, document_id, Micros(at)});
}

std::int64_t Store::WithdrawPersonalData(std::int64_t student_id, core::Instant at) {
    return session_.Exec(
        "UPDATE online_acceptance SET withdrawn_at = ? WHERE student_id = ? AND withdrawn_at IS NULL AND "
        "document_id IN (SELECT id FROM online_document WHERE kind = 'personal_data')",
        {Micros(at), student_id});
}

std::int64_t Store::InsertMooc(const Mooc& m, const StudentScope& scope, std::int64_t by, core::Instant at) {
    return session_
        .Query(
            "INSERT INTO online_mooc (student_id, faculty_id, programme_id, platform, title, url, credits, "
            "completed_on, certificate_sha256, status, submitted_by, submitted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?) RETURNING id",
            {scope.student_id, scope.faculty_id, scope.programme_id,
             std::string(MoocPlatformName(m.platform)), m.title, m.url, std::int64_t{m.credits},
             m.completed_on, m.certificate_sha256, by, Micros(at)})[0]
        .Int(0);
}

std::optional<Scoped<Mooc>> Store::FindMooc(std::int64_t id) {
    auto rows =
        session_.Query(std::string("SELECT ") + kMoocColumns + " FROM online_mooc WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    return Scoped<Mooc>{MoocOf(r), {r.Int(1), r.Int(10), r.Int(11)}};
}

bool Store::DecideMooc(std::int64_t id, const std::string& status, std::int64_t by, core::Instant at) {
    return session_.Exec(
               "UPDATE online_mooc SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND "
               "status = 'submitted'",
               {status, by, Micros(at), id}) == 1;
}

std::vector<Mooc> Store::Moocs(std::int64_t student_id) {
    std::vector<Mooc> out;
    for (const Row& r :
         session_.Query(std::string("SELECT ") + kMoocColumns +
                            " FROM online_mooc WHERE student_id = ? ORDER BY submitted_at DESC, id DESC",
                        {student_id})) {
        out.push_back(MoocOf(r));
    }
    return out;
}

std::int64_t Store::InsertCourse(const QualificationCourse& c, std::int64_t faculty_id, std::int64_t by,
                                 core::Instant at) {
    return session_
        .Query(
            "INSERT INTO online_qualification (teacher_id, faculty_id, title, provider, hours, start_on, "
            "end_on, "
            "certificate_sha256, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {c.teacher_id, faculty_id, c.title, c.provider, std::int64_t{c.hours}, c.start_on, c.end_on,
             c.certificate_sha256, by, Micros(at)})[0]
        .Int(0);
}

std::vector<QualificationCourse> Store::Courses(std::int64_t teacher_id) {
    std::vector<QualificationCourse> out;
    for (const Row& r :
         session_.Query("SELECT id, teacher_id, title, provider, hours, start_on, end_on, certificate_sha256 "
                        "FROM online_qualification WHERE teacher_id = ? ORDER BY end_on DESC, id DESC",
                        {teacher_id})) {
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)), r.Text(5),
                       r.Text(6), r.Text(7)});
    }
    return out;
}

std::int64_t Store::InsertTransfer(const Transfer& t, const StudentScope& scope, std::int64_t by,
                                   core::Instant at) {
    return session_
        .Query(
            "INSERT INTO online_transfer (student_id, faculty_id, programme_id, from_form, to_form, "
            "effective_on, "
            "paid, status, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, 0, 'requested', ?, ?) "
            "RETURNING id",
            {scope.student_id, scope.faculty_id, scope.programme_id, t.from_form, t.to_form, t.effective_on,
             by, Micros(at)})[0]
        .Int(0);
}

std::optional<Scoped<Transfer>> Store::FindTransfer(std::int64_t id) {
    auto rows = session_.Query(
        std::string("SELECT ") + kTransferColumns + " FROM online_transfer WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    return Scoped<Transfer>{TransferOf(r), {r.Int(1), r.Int(8), r.Int(9)}};
}

bool Store::HasOpenTransfer(std::int64_t student_id) {
    return !session_
                .Query("SELECT id FROM online_transfer WHERE student_id = ? AND status = 'requested'",
                       {student_id})
                .empty();
}

void Store::SetPaid(std::int64_t id, bool paid) {
    session_.Exec("UPDATE online_transfer SET paid = ? WHERE id = ?", {std::int64_t{paid ? 1 : 0}, id});
}

bool Store::CloseTransfer(std::int64_t id, const std::string& status, std::int64_t by, core::Instant at) {
    return session_.Exec(
               "UPDATE online_transfer SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND "
               "status = 'requested'",
               {status, by, Micros(at), id}) == 1;
}

std::vector<Transfer> Store::Transfers(std::int64_t student_id) {
    std::vector<Transfer> out;
    for (const Row& r :
         session_.Query(std::string("SELECT ") + kTransferColumns +
                            " FROM online_transfer WHERE student_id = ? ORDER BY requested_at DESC, id DESC",
                        {student_id})) {
        out.push_back(TransferOf(r));
    }
    return out;
}

std::vector<StudentCredits> Store::ApprovedCredits(std::optional<std::int64_t> student_id) {
    std::vector<StudentCredits> out;
    const std::string sql =
        std::string("SELECT student_id, SUM(credits) FROM online_mooc WHERE status = 'approved'") +
        (student_id ? " AND student_id = ?" : "") + " GROUP BY student_id ORDER BY student_id";
    platform::db::Params params;
    if (student_id) params.emplace_back(*student_id);
    for (const Row& r : session_.Query(sql, params)) {
        out.push_back({r.Int(0), static_cast<int>(r.Int(1))});
    }
    return out;
}

std::vector<std::int64_t> Store::ConsentedStudents() {
    // Students whose acceptances in force cover as many documents as there are current versions.
    std::vector<std::int64_t> out;
    for (const Row& r : session_.Query(
             std::string("SELECT a.student_id FROM online_acceptance a WHERE a.withdrawn_at IS NULL AND "
                         "a.document_id IN (") +
             kCurrentDocuments +
             ") GROUP BY a.student_id HAVING COUNT(DISTINCT a.document_id) = "
             "(SELECT COUNT(DISTINCT kind) FROM online_document) ORDER BY a.student_id")) {
        out.push_back(r.Int(0));
    }
    return out;
}

std::vector<TeacherHours> Store::HoursSince(const std::string& first_day, const std::string& last_day) {
    std::vector<TeacherHours> out;
    for (const Row& r : session_.Query(
             "SELECT teacher_id, SUM(hours) FROM online_qualification WHERE end_on >= ? AND end_on <= ? "
             "GROUP BY teacher_id ORDER BY teacher_id",
             {first_day, last_day})) {
        out.push_back({r.Int(0), static_cast<int>(r.Int(1))});
    }
    return out;
}

std::vector<Transfer> Store::AllTransfers() {
    std::vector<Transfer> out;
    for (const Row& r :
         session_.Query(std::string("SELECT ") + kTransferColumns + " FROM online_transfer ORDER BY id")) {
        out.push_back(TransferOf(r));
    }
    return out;
}

// ----- R-O3 individual plan ----------------------------------------------------------------------

std::optional<StoredPlan> Store::FindPlan(std::int64_t student_id) {
    auto rows = session_.Query(
        "SELECT curriculum_id, approved_at, approver FROM online_plan WHERE student_id = ?", {student_id});
    if (rows.empty()) return std::nullopt;
    StoredPlan plan;
    plan.curriculum_id = rows[0].Int(0);
    if (const auto at = rows[0].OptInt(1)) plan.approved_at = core::FromMicros(*at);
    plan.approver = rows[0].Text(2);
    for (const Row& r :
         session_.Query("SELECT discipline_id, mode, synchronous_hours, mooc_id FROM online_plan_discipline "
                        "WHERE student_id = ? ORDER BY discipline_id",
                        {student_id})) {
        plan.entries.push_back({r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), r.OptInt(3)});
    }
    for (const Row& r : session_.Query(
             "SELECT id, discipline_id, weekday, start_time, end_time, format FROM online_plan_schedule "
             "WHERE student_id = ? ORDER BY weekday, start_time, id",
             {student_id})) {
        ScheduleRow row;
        row.id = r.Int(0);
        row.discipline_id = r.Int(1);
        row.weekday = static_cast<int>(r.Int(2));
        row.start_time = r.Text(3);
        row.end_time = r.Text(4);
        row.format = r.Text(5);
        plan.schedule.push_back(std::move(row));
    }
    return plan;
}

void Store::SavePlan(const StudentScope& scope, std::int64_t curriculum_id,
                     const std::vector<StoredEntry>& entries, core::Instant at) {
    session_.Exec(
        "INSERT INTO online_plan (student_id, faculty_id, programme_id, curriculum_id, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (student_id) DO UPDATE SET faculty_id = excluded.faculty_id, "
        "programme_id = excluded.programme_id, curriculum_id = excluded.curriculum_id, approved_at = NULL, "
        "approved_by = NULL, approver = '', updated_at = excluded.updated_at",
        {scope.student_id, scope.faculty_id, scope.programme_id, curriculum_id, Micros(at)});
    session_.Exec("DELETE FROM online_plan_discipline WHERE student_id = ?", {scope.student_id});
    for (const auto& e : entries) {
        std::vector<Value> params{scope.student_id, e.discipline_id, e.mode,
                                  std::int64_t{e.synchronous_hours}};
        // Not a ternary of Value: GCC 12 -O2 warns maybe-uninitialized on one.
        if (e.mooc_id) {
            params.emplace_back(*e.mooc_id);
        } else {
            params.emplace_back();
        }
        session_.Exec(
            "INSERT INTO online_plan_discipline (student_id, discipline_id, mode, synchronous_hours, "
            "mooc_id) "
            "VALUES (?, ?, ?, ?, ?)",
            params);
    }
    // A schedule row of a discipline no longer in the plan goes with it.
    session_.Exec(
        "DELETE FROM online_plan_schedule WHERE student_id = ? AND discipline_id NOT IN "
        "(SELECT discipline_id FROM online_plan_discipline WHERE student_id = ?)",
        {scope.student_id, scope.student_id});
}

std::int64_t Store::InsertScheduleRow(std::int64_t student_id, const ScheduleRow& row, core::Instant at) {
    session_.Exec(
        "UPDATE online_plan SET approved_at = NULL, approved_by = NULL, approver = '', updated_at = ? "
        "WHERE student_id = ?",
        {Micros(at), student_id});
    return session_
        .Query(
            "INSERT INTO online_plan_schedule (student_id, discipline_id, weekday, start_time, end_time, "
            "format) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {student_id, row.discipline_id, std::int64_t{row.weekday}, row.start_time, row.end_time,
             row.format})[0]
        .Int(0);
}

bool Store::DeleteScheduleRow(std::int64_t student_id, std::int64_t row_id, core::Instant at) {
    if (session_.Exec("DELETE FROM online_plan_schedule WHERE id = ? AND student_id = ?",
                      {row_id, student_id}) != 1) {
        return false;
    }
    session_.Exec(
        "UPDATE online_plan SET approved_at = NULL, approved_by = NULL, approver = '', updated_at = ? "
        "WHERE student_id = ?",
        {Micros(at), student_id});
    return true;
}

bool Store::ApprovePlan(std::int64_t student_id, std::int64_t by, const std::string& login,
                        core::Instant at) {
    return session_.Exec(
               "UPDATE online_plan SET approved_at = ?, approved_by = ?, approver = ?, updated_at = ? "
               "WHERE student_id = ? AND approved_at IS NULL",
               {Micros(at), by, login, Micros(at), student_id}) == 1;
}

std::vector<std::int64_t> Store::PlannedStudents() {
    std::vector<std::int64_t> out;
    for (const Row& r : session_.Query("SELECT student_id FROM online_plan ORDER BY student_id")) {
        out.push_back(r.Int(0));
    }
    return out;
}

std::vector<std::int64_t> Store::ApprovedPlans() {
    std::vector<std::int64_t> out;
    for (const Row& r : session_.Query(
             "SELECT student_id FROM online_plan WHERE approved_at IS NOT NULL ORDER BY student_id")) {
        out.push_back(r.Int(0));
    }
    return out;
}

}  // namespace oqu::online
