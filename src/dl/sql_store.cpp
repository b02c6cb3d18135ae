#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "dl/store.hpp"
#include "platform/db/database.hpp"

namespace oqu::dl {

namespace db = platform::db;

namespace {

std::string Iso(const std::optional<core::Day>& day) {
    return day ? core::FormatIsoDay(*day) : std::string{};
}

std::optional<core::Day> Day(const std::string& text) {
    return text.empty() ? std::nullopt : core::ParseIsoDay(text);
}

// "(a.faculty_id IN (?,?) OR a.programme_id IN (?))" and its parameters; "1=1" institution-wide.
std::string ScopeSql(const ScopeFilter& scope, db::Params& params) {
    std::string sql;
    if (scope.user_id) {
        sql = "a.user_id = ?";
        params.emplace_back(*scope.user_id);
        return sql;
    }
    if (scope.all) {
        return "1=1";
    }
    std::vector<std::string> parts;
    for (const auto& [column, ids] :
         {std::pair<const char*, const std::vector<std::int64_t>*>{"a.faculty_id", &scope.faculties},
          {"a.programme_id", &scope.programmes}}) {
        if (ids->empty()) {
            continue;
        }
        std::string part = std::string(column) + " IN (";
        for (std::size_t i = 0; i < ids->size(); ++i) {
            part += i == 0 ? "?" : ",?";
            params.emplace_back((*ids)[i]);
        }
        parts.push_back(part + ")");
    }
    if (parts.empty()) {
        return "1=0";
    }
    sql = "(" + parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) {
        sql += " OR " + parts[i];
    }
    return sql + ")";
}

constexpr const char* kApplicationColumns =
    "a.id, a.student_id, a.user_id, a.student_name, a.programme_id, a.faculty_id, a.category, a.stage, "
    "a.period_start, a.period_end, a.mcc_number, a.mcc_date, a.document_sha, a.document_name, a.statement, "
    "a.submitted_at, a.recommended, a.review_comment, a.reviewer, a.decision_comment, a.decider, "
    "a.grant_start, a.grant_end, a.art_37_2_number, a.art_37_2_date";

Application ApplicationOf(const db::Row& r) {
    Application a;
    a.id = r.Int(0);
    a.student_id = r.Int(1);
    a.user_id = r.Int(2);
    a.student_name = r.Text(3);
    a.programme_id = r.Int(4);
    a.faculty_id = r.Int(5);
    a.category = ParseCategory(r.Text(6)).value_or(Category::kMedical);
    a.stage = ParseStage(r.Text(7)).value_or(Stage::kSubmitted);
    a.period_start = Day(r.Text(8)).value_or(core::Day{});
    a.period_end = Day(r.Text(9)).value_or(core::Day{});
    a.mcc_number = r.Text(10);
    a.mcc_date = Day(r.Text(11));
    a.document_sha = r.Text(12);
    a.document_name = r.Text(13);
    a.statement = r.Text(14);
    a.submitted_at = core::FromMicros(r.Int(15));
    if (auto rec = r.OptInt(16)) {
        a.recommended = *rec != 0;
    }
    a.review_comment = r.Text(17);
    a.reviewer = r.Text(18);
    a.decision_comment = r.Text(19);
    a.decider = r.Text(20);
    a.grant_start = Day(r.Text(21));
    a.grant_end = Day(r.Text(22));
    a.art_37_2_number = r.Text(23);
    a.art_37_2_date = Day(r.Text(24));
    return a;
}

}  // namespace

std::vector<ListOrder> Store::Orders() {
    std::vector<ListOrder> out;
    for (const auto& r :
         session_.Query("SELECT o.id, o.number, o.order_date, o.scan_sha, o.scan_name, "
                        "(SELECT COUNT(*) FROM dl_listed l WHERE l.order_id = o.id) FROM dl_order o "
                        "ORDER BY o.order_date DESC, o.id DESC")) {
        out.push_back({r.Int(0), r.Text(1), Day(r.Text(2)).value_or(core::Day{}), r.Text(3), r.Text(4),
                       static_cast<int>(r.Int(5))});
    }
    return out;
}

std::optional<ListOrder> Store::FindOrder(std::int64_t id) {
    for (const auto& o : Orders()) {
        if (o.id == id) {
            return o;
        }
    }
    return std::nullopt;
}

std::int64_t Store::InsertOrder(const std::string& number, core::Day date, const std::string& scan_sha,
                                const std::string& scan_name, std::int64_t by, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO dl_order (number, order_date, scan_sha, scan_name, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        {number, core::FormatIsoDay(date), scan_sha, scan_name, by, core::ToMicros(now)});
    return rows[0].Int(0);
}

std::vector<ListedDiscipline> Store::Listed(std::optional<std::int64_t> order_id) {
    db::Params params;
    std::string sql =
        "SELECT order_id, discipline_id, programme_id, code, name_kk, name_ru, name_en FROM dl_listed";
    if (order_id) {
        sql += " WHERE order_id = ?";
        params.emplace_back(*order_id);
    }
    sql += " ORDER BY code, order_id";
    std::vector<ListedDiscipline> out;
    for (const auto& r : session_.Query(sql, params)) {
        out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
    }
    return out;
}

std::optional<std::tuple<std::int64_t, core::Day, core::Day>> Store::PendingOverlap(std::int64_t student_id,
                                                                                    core::Day start,
                                                                                    core::Day end) {
    const auto rows = session_.Query(
        "SELECT id, period_start, period_end FROM dl_application WHERE student_id = ? AND stage IN "
        "('submitted', 'reviewed') AND period_start <= ? AND period_end >= ? ORDER BY id LIMIT 1",
        {student_id, core::FormatIsoDay(end), core::FormatIsoDay(start)});
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto first = core::ParseIsoDay(rows[0].Text(1));
    const auto last = core::ParseIsoDay(rows[0].Text(2));
    if (!first || !last) {
        return std::nullopt;
    }
    return std::tuple{rows[0].Int(0), *first, *last};
}

bool Store::IsListed(std::int64_t discipline_id) {
    return !session_.Query("SELECT 1 FROM dl_listed WHERE discipline_id = ?", {discipline_id}).empty();
}

core::Status Store::InsertListed(const ListedDiscipline& l, core::Instant now) {
    if (!session_
             .Query("SELECT 1 FROM dl_listed WHERE order_id = ? AND discipline_id = ?",
                    {l.order_id, l.discipline_id})
             .empty()) {
        return core::MakeError(core::ErrorCode::kConflict, "dl.already_listed", "discipline listed");
    }
    session_.Exec(
        "INSERT INTO dl_listed (order_id, discipline_id, programme_id, code, name_kk, name_ru, name_en, "
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {l.order_id, l.discipline_id, l.programme_id, l.code, l.name_kk, l.name_ru, l.name_en,
         core::ToMicros(now)});
    return core::OkStatus();
}

bool Store::DeleteListed(std::int64_t order_id, std::int64_t discipline_id) {
    return session_.Exec("DELETE FROM dl_listed WHERE order_id = ? AND discipline_id = ?",
                         {order_id, discipline_id}) > 0;
}

std::optional<Application> Store::FindApplication(std::int64_t id) {
    const auto rows = session_.Query(
        std::string("SELECT ") + kApplicationColumns + " FROM dl_application a WHERE a.id = ?", {id});
    if (rows.empty()) {
        return std::nullopt;
    }
    Application a = ApplicationOf(rows[0]);
    for (const auto& r : session_.Query(
             "SELECT discipline_id, code, name_kk, name_ru, name_en FROM dl_application_discipline "
             "WHERE application_id = ? ORDER BY code",
             {id})) {
        a.disciplines.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    }
    return a;
}

std::vector<Application> Store::ListApplications(const ScopeFilter& scope, const ApplicationQuery& query) {
    db::Params params;
    std::string sql = std::string("SELECT ") + kApplicationColumns + " FROM dl_application a WHERE " +
                      ScopeSql(scope, params);
    if (query.stage) {
        sql += " AND a.stage = ?";
        params.emplace_back(std::string(StageName(*query.stage)));
    }
    sql += " ORDER BY a.id DESC LIMIT ? OFFSET ?";
    params.emplace_back(std::int64_t{std::clamp(query.limit, 1, 500)});
    params.emplace_back(std::int64_t{std::max(query.offset, 0)});
    std::vector<Application> out;
    std::map<std::int64_t, std::size_t> index;
    for (const auto& r : session_.Query(sql, params)) {
        index[r.Int(0)] = out.size();
        out.push_back(ApplicationOf(r));
    }
    if (out.empty()) {
        return out;
    }
    // The disciplines of the page in one query.
    db::Params ids;
    std::string in;
    for (const auto& a : out) {
        in += in.empty() ? "?" : ",?";
        ids.emplace_back(a.id);
    }
    for (const auto& r :
         session_.Query("SELECT application_id, discipline_id, code, name_kk, name_ru, name_en FROM "
                        "dl_application_discipline WHERE application_id IN (" +
                            in + ") ORDER BY code",
                        ids)) {
        out[index[r.Int(0)]].disciplines.push_back({r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
    }
    return out;
}

std::int64_t Store::InsertApplication(const Application& a, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO dl_application (student_id, user_id, student_name, programme_id, faculty_id, category, "
        "stage, period_start, period_end, mcc_number, mcc_date, document_sha, document_name, statement, "
        "submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {a.student_id, a.user_id, a.student_name, a.programme_id, a.faculty_id,
         std::string(CategoryName(a.category)), std::string(StageName(a.stage)),
         core::FormatIsoDay(a.period_start), core::FormatIsoDay(a.period_end), a.mcc_number, Iso(a.mcc_date),
         a.document_sha, a.document_name, a.statement, core::ToMicros(now), core::ToMicros(now)});
    const std::int64_t id = rows[0].Int(0);
    for (const auto& d : a.disciplines) {
        session_.Exec(
            "INSERT INTO dl_application_discipline (application_id, discipline_id, code, name_kk, name_ru, "
            "name_en) VALUES (?, ?, ?, ?, ?, ?)",
            {id, d.id, d.code, d.name_kk, d.name_ru, d.name_en});
    }
    return id;
}

void Store::UpdateApplication(const Application& a, core::Instant now) {
    // An optional, not a ternary of db::Value: GCC 12 at -O2 warns (falsely) of an uninitialised
    // string inside the variant.
    db::Value recommended;
    if (a.recommended) recommended.emplace<std::int64_t>(*a.recommended ? 1 : 0);
    const std::int64_t at = core::ToMicros(now);
    session_.Exec(
        "UPDATE dl_application SET stage = ?, recommended = ?, review_comment = ?, reviewer = ?, "
        "reviewed_at = CASE WHEN ? = 'reviewed' THEN ? ELSE reviewed_at END, decision_comment = ?, "
        "decider = ?, decided_at = CASE WHEN ? IN ('approved', 'refused') THEN ? ELSE decided_at END, "
        "grant_start = ?, grant_end = ?, art_37_2_number = ?, art_37_2_date = ?, updated_at = ? WHERE id = ?",
        {std::string(StageName(a.stage)), recommended, a.review_comment, a.reviewer,
         std::string(StageName(a.stage)), at, a.decision_comment, a.decider, std::string(StageName(a.stage)),
         at, Iso(a.grant_start), Iso(a.grant_end), a.art_37_2_number, Iso(a.art_37_2_date), at, a.id});
}

std::vector<std::int64_t> Store::GrantedDisciplines(std::int64_t student_id) {
    std::vector<std::int64_t> out;
    for (const auto& r : session_.Query(
             "SELECT DISTINCT d.discipline_id FROM dl_application a JOIN dl_application_discipline d "
             "ON d.application_id = a.id WHERE a.student_id = ? AND a.stage = 'approved' ORDER BY 1",
             {student_id})) {
        out.push_back(r.Int(0));
    }
    return out;
}

std::vector<PlanRow> Store::PlanRows(std::int64_t application_id) {
    std::vector<PlanRow> out;
    for (const auto& r : session_.Query(
             "SELECT id, kind, discipline_id, activity, start_date, end_date, weekday, time_of_day "
             "FROM dl_plan_row WHERE application_id = ? ORDER BY kind, start_date, weekday, time_of_day, id",
             {application_id})) {
        PlanRow row;
        row.id = r.Int(0);
        row.kind = ParsePlanKind(r.Text(1)).value_or(PlanKind::kPlan);
        row.discipline_id = r.Int(2);
        row.activity = r.Text(3);
        row.start_date = Day(r.Text(4));
        row.end_date = Day(r.Text(5));
        row.weekday = static_cast<int>(r.Int(6));
        row.time = r.Text(7);
        out.push_back(std::move(row));
    }
    return out;
}

std::int64_t Store::InsertPlanRow(std::int64_t application_id, const PlanRowSpec& row) {
    const auto rows = session_.Query(
        "INSERT INTO dl_plan_row (application_id, kind, discipline_id, activity, start_date, end_date, "
        "weekday, time_of_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {application_id, std::string(PlanKindName(row.kind)), row.discipline_id, row.activity,
         Iso(row.start_date), Iso(row.end_date), std::int64_t{row.weekday}, row.time});
    return rows[0].Int(0);
}

bool Store::DeletePlanRow(std::int64_t application_id, std::int64_t row_id) {
    return session_.Exec("DELETE FROM dl_plan_row WHERE application_id = ? AND id = ?",
                         {application_id, row_id}) > 0;
}

std::vector<EmergencyOrder> Store::Emergencies() {
    std::vector<EmergencyOrder> out;
    for (const auto& r : session_.Query(
             "SELECT e.id, e.number, e.order_date, e.start_date, e.end_date, "
             "(SELECT COUNT(*) FROM dl_postponement p WHERE p.emergency_id = e.id) FROM dl_emergency e "
             "ORDER BY e.start_date DESC, e.id DESC")) {
        out.push_back({r.Int(0), r.Text(1), Day(r.Text(2)).value_or(core::Day{}),
                       Day(r.Text(3)).value_or(core::Day{}), Day(r.Text(4)).value_or(core::Day{}),
                       static_cast<int>(r.Int(5))});
    }
    return out;
}

std::int64_t Store::InsertEmergency(const EmergencySpec& spec, std::int64_t by, core::Instant now) {
    return session_
        .Query(
            "INSERT INTO dl_emergency (number, order_date, start_date, end_date, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            {spec.number, core::FormatIsoDay(spec.date), core::FormatIsoDay(spec.start),
             core::FormatIsoDay(spec.end), by, core::ToMicros(now)})[0]
        .Int(0);
}

std::vector<Postponement> Store::Postponements(std::int64_t emergency_id) {
    std::vector<Postponement> out;
    for (const auto& r : session_.Query(
             "SELECT id, discipline_id, code, name_kk, name_ru, name_en, class_kind, hours, moved_to "
             "FROM dl_postponement WHERE emergency_id = ? ORDER BY code, class_kind",
             {emergency_id})) {
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                       static_cast<int>(r.Int(7)), r.Text(8)});
    }
    return out;
}

core::Result<std::int64_t> Store::InsertPostponement(std::int64_t emergency_id, const Postponement& p) {
    if (!session_
             .Query("SELECT 1 FROM dl_postponement WHERE emergency_id = ? AND discipline_id = ? AND "
                    "class_kind = ?",
                    {emergency_id, p.discipline_id, p.class_kind})
             .empty()) {
        return core::MakeError(core::ErrorCode::kConflict, "dl.already_postponed", "postponed already");
    }
    return session_
        .Query(
            "INSERT INTO dl_postponement (emergency_id, discipline_id, code, name_kk, name_ru, name_en, "
            "class_kind, hours, moved_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {emergency_id, p.discipline_id, p.code, p.name_kk, p.name_ru, p.name_en, p.class_kind,
             std::int64_t{p.hours}, p.moved_to})[0]
        .Int(0);
}

std::vector<DlGrantSummary> Store::Grants(const ScopeFilter& scope) {
    db::Params params;
    const std::string where = ScopeSql(scope, params);
    // One query: the disciplines of each grant come aggregated ("12,15,40"), so 50,000 students
    // cost one scan, not one query each (the compliance report reads them all).
    const std::string aggregate = session_.dialect() == db::Dialect::kPostgres
                                      ? "string_agg(d.discipline_id::text, ',' ORDER BY d.discipline_id)"
                                      : "GROUP_CONCAT(d.discipline_id)";
    std::vector<DlGrantSummary> out;
    const auto rows = session_.Query(
        "SELECT a.id, a.student_id, a.programme_id, a.category, a.grant_start, a.grant_end, "
        "a.art_37_2_number, a.period_start, a.period_end, "
        "CASE WHEN a.mcc_number <> '' AND a.mcc_date <> '' AND a.document_sha <> '' THEN 1 ELSE 0 END, "
        "CASE WHEN a.statement <> '' THEN 1 ELSE 0 END, "
        "(SELECT COUNT(*) FROM dl_plan_row p WHERE p.application_id = a.id AND p.kind = 'plan'), "
        "(SELECT COUNT(*) FROM dl_plan_row p WHERE p.application_id = a.id AND p.kind = 'schedule'), " +
            aggregate +
            " FROM dl_application a LEFT JOIN dl_application_discipline d ON d.application_id = a.id "
            "WHERE a.stage = 'approved' AND " +
            where + " GROUP BY a.student_id, a.id ORDER BY a.student_id, a.id",
        params);
    out.reserve(rows.size());
    for (const auto& r : rows) {
        DlGrantSummary g;
        g.application_id = r.Int(0);
        g.student_id = r.Int(1);
        g.programme_id = r.Int(2);
        g.category = ParseCategory(r.Text(3)).value_or(Category::kMedical);
        g.start = Day(r.Text(4)).value_or(core::Day{});
        g.end = Day(r.Text(5)).value_or(core::Day{});
        g.art_37_2 = !r.Text(6).empty();
        g.period_start = Day(r.Text(7)).value_or(core::Day{});
        g.period_end = Day(r.Text(8)).value_or(core::Day{});
        g.mcc_conclusion = r.Int(9) != 0;
        g.statement = r.Int(10) != 0;
        g.plan_rows = static_cast<int>(r.Int(11));
        g.schedule_rows = static_cast<int>(r.Int(12));
        const std::string ids = r.OptText(13).value_or("");
        std::int64_t value = 0;
        bool any = false;
        for (const char c : ids) {
            if (c == ',') {
                g.discipline_ids.push_back(value);
                value = 0;
                any = false;
            } else {
                value = value * 10 + (c - '0');
                any = true;
            }
        }
        if (any) {
            g.discipline_ids.push_back(value);
        }
        std::sort(g.discipline_ids.begin(), g.discipline_ids.end());
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace oqu::dl
