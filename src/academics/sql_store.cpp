#include <algorithm>
#include <cctype>

#include "academics/store.hpp"
#include "core/assert.hpp"
#include "platform/db/database.hpp"

namespace oqu::academics {

namespace db = platform::db;

namespace {

constexpr std::string_view kDirectionColumns =
    "code, level, row_type, name_kk, name_ru, name_en, parent_code, dl_regime, online_form, justification, "
    "status, note, name_origin, confirmed_by_user_id, confirmed_by_login, confirmed_at, updated_at";

constexpr std::string_view kFacultySelect =
    "SELECT f.id, f.code, f.name_kk, f.name_ru, f.name_en, "
    "(SELECT COUNT(*) FROM academics_department d WHERE d.faculty_id = f.id), "
    "(SELECT COUNT(*) FROM academics_programme p WHERE p.faculty_id = f.id) FROM academics_faculty f";

constexpr std::string_view kDepartmentSelect =
    "SELECT id, faculty_id, code, name_kk, name_ru, name_en FROM academics_department";

constexpr std::string_view kProgrammeSelect =
    "SELECT p.id, p.code, p.name_kk, p.name_ru, p.name_en, p.level, p.credits, p.direction_code, d.name_kk, "
    "d.name_ru, d.name_en, d.dl_regime, d.online_form, p.faculty_id, p.department_id, p.languages, p.status "
    "FROM academics_programme p JOIN academics_direction d ON d.code = p.direction_code";

constexpr std::string_view kDisciplineSelect =
    "SELECT id, curriculum_id, code, name_kk, name_ru, name_en, credits, cycle, component, semester, "
    "control, "
    "hours_lecture, hours_seminar, hours_laboratory, hours_studio, hours_practice, hours_srop, hours_sro "
    "FROM academics_discipline";

constexpr std::string_view kPeriodSelect =
    "SELECT id, year_id, kind, start_date, end_date, exam_start, exam_end FROM academics_period";

constexpr std::string_view kHolidaySelect =
    "SELECT id, year_id, name_kk, name_ru, name_en, start_date, end_date FROM academics_holiday";

// Stored values were checked on the way in; a bad one is a broken database, not user input.
template <typename T>
T Must(std::optional<T> value, const char* what) {
    OQU_ASSERT(value.has_value(), what);
    return *value;
}

Date MustDate(const std::string& iso) {
    return Must(ParseIsoDate(iso), "stored date is ISO");
}

std::optional<Date> OptDate(const std::optional<std::string>& iso) {
    if (!iso) return std::nullopt;
    return MustDate(*iso);
}

db::Value OptDateValue(const std::optional<Date>& date) {
    if (!date) return std::monostate{};
    return FormatIsoDate(*date);
}

Names NamesAt(const db::Row& row, std::size_t i) {
    return Names{row.Text(i), row.Text(i + 1), row.Text(i + 2)};
}

Direction ToDirection(const db::Row& r) {
    Direction d;
    d.code = r.Text(0);
    d.level = Must(ParseLevel(r.Text(1)), "stored level");
    d.row_type = Must(ParseRowType(r.Text(2)), "stored row type");
    d.names = NamesAt(r, 3);
    d.parent_code = r.Text(6);
    d.dl_regime = Must(ParseDlRegime(r.Text(7)), "stored regime");
    d.online_form = Must(ParseOnlineForm(r.Text(8)), "stored online form");
    d.justification = r.Text(9);
    d.status = ParseDataStatus(r.Text(10)).value_or(DataStatus::kSingleSource);
    d.note = r.Text(11);
    d.name_origin = r.Text(12);
    if (!r.IsNull(15)) {
        d.confirmed =
            Confirmation{r.OptInt(13).value_or(0), r.OptText(14).value_or(""), core::FromMicros(r.Int(15))};
    }
    if (!r.IsNull(16)) d.updated_at = core::FromMicros(r.Int(16));
    return d;
}

Faculty ToFaculty(const db::Row& r) {
    return Faculty{FacultyId{r.Int(0)}, r.Text(1), NamesAt(r, 2), static_cast<int>(r.Int(5)),
                   static_cast<int>(r.Int(6))};
}

Department ToDepartment(const db::Row& r) {
    return Department{DepartmentId{r.Int(0)}, FacultyId{r.Int(1)}, r.Text(2), NamesAt(r, 3)};
}

std::vector<std::string> SplitLanguages(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

std::string JoinLanguages(const std::vector<std::string>& languages) {
    std::string out;
    for (const auto& l : languages) out += (out.empty() ? "" : ",") + l;
    return out;
}

Programme ToProgramme(const db::Row& r) {
    Programme p;
    p.id = ProgrammeId{r.Int(0)};
    p.code = r.Text(1);
    p.names = NamesAt(r, 2);
    p.level = Must(ParseLevel(r.Text(5)), "stored programme level");
    p.credits = static_cast<int>(r.Int(6));
    p.direction_code = r.Text(7);
    p.direction_names = NamesAt(r, 8);
    p.dl_regime = Must(ParseDlRegime(r.Text(11)), "stored regime");
    p.online_form = Must(ParseOnlineForm(r.Text(12)), "stored online form");
    p.faculty_id = FacultyId{r.Int(13)};
    if (auto department = r.OptInt(14)) p.department_id = DepartmentId{*department};
    p.languages = SplitLanguages(r.Text(15));
    p.status = Must(ParseProgrammeStatus(r.Text(16)), "stored status");
    return p;
}

Discipline ToDiscipline(const db::Row& r) {
    Discipline d;
    d.id = DisciplineId{r.Int(0)};
    d.curriculum_id = CurriculumId{r.Int(1)};
    d.code = r.Text(2);
    d.names = NamesAt(r, 3);
    d.credits = static_cast<int>(r.Int(6));
    d.cycle = Must(ParseCycle(r.Text(7)), "stored cycle");
    d.component = Must(ParseComponent(r.Text(8)), "stored component");
    d.semester = static_cast<int>(r.Int(9));
    d.control = Must(ParseControl(r.Text(10)), "stored control");
    for (std::size_t k = 0; k < kClassKinds.size(); ++k) d.hours.by_kind[k] = static_cast<int>(r.Int(11 + k));
    return d;
}

Period ToPeriod(const db::Row& r) {
    return Period{
        PeriodId{r.Int(0)},   YearId{r.Int(1)},    Must(ParsePeriodKind(r.Text(2)), "stored period kind"),
        MustDate(r.Text(3)),  MustDate(r.Text(4)), OptDate(r.OptText(5)),
        OptDate(r.OptText(6))};
}

Holiday ToHoliday(const db::Row& r) {
    return Holiday{HolidayId{r.Int(0)}, YearId{r.Int(1)}, NamesAt(r, 2), MustDate(r.Text(5)),
                   MustDate(r.Text(6))};
}

// "(f.faculty_id IN (?, ?) OR f.id IN (?))" for a visibility filter; "1 = 1" when all is visible.
std::string VisibilityClause(const Visibility& v, std::string_view faculty_column,
                             std::string_view programme_column, db::Params& params) {
    if (v.all) return "1 = 1";
    std::string clause = "(1 = 0";
    auto add = [&](std::string_view column, const std::vector<std::int64_t>& ids) {
        if (ids.empty() || column.empty()) return;
        clause += " OR ";
        clause += column;
        clause += " IN (";
        for (std::size_t i = 0; i < ids.size(); ++i) {
            clause += i == 0 ? "?" : ", ?";
            params.emplace_back(ids[i]);
        }
        clause += ")";
    };
    add(faculty_column, v.faculty_ids);
    add(programme_column, v.programme_ids);
    return clause + ")";
}

std::int64_t ClampLimit(int limit) {
    return std::clamp(limit, 1, 500);
}

db::Params DisciplineParams(const DisciplineSpec& s) {
    db::Params p{s.code,
                 s.names.kk,
                 s.names.ru,
                 s.names.en,
                 std::int64_t{s.credits},
                 std::string(CycleName(s.cycle)),
                 std::string(ComponentName(s.component)),
                 std::int64_t{s.semester},
                 std::string(ControlName(s.control))};
    for (int h : s.hours.by_kind) p.emplace_back(std::int64_t{h});
    return p;
}

}  // namespace

bool Store::InsertDirectionIfAbsent(const DirectionSeedRow& r) {
    return session_.Exec(
               "INSERT INTO academics_direction (code, level, row_type, name_kk, name_ru, name_en, "
               "parent_code, dl_regime, online_form, justification, status, note, name_origin) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
               {r.code, r.level, r.row_type, r.name_kk, r.name_ru, r.name_en, r.parent_code, r.dl_regime,
                r.online_form, r.justification, r.status, r.note, r.name_origin}) == 1;
}

std::optional<Direction> Store::FindDirection(std::string_view code) {
    const auto rows = session_.Query(
        "SELECT " + std::string(kDirectionColumns) + " FROM academics_direction WHERE code = ?",
        {std::string(code)});
    if (rows.empty()) return std::nullopt;
    return ToDirection(rows[0]);
}

std::vector<Direction> Store::ListDirections(const DirectionQuery& q) {
    std::string sql = "SELECT " + std::string(kDirectionColumns) + " FROM academics_direction WHERE code > ?";
    db::Params params{q.after};
    if (!q.text.empty()) {
        std::string lowered = q.text;
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const std::string pattern = "%" + lowered + "%";
        const std::string raw = "%" + q.text + "%";
        sql +=
            " AND (lower(code) LIKE ? OR lower(name_kk) LIKE ? OR lower(name_ru) LIKE ? OR lower(name_en) "
            "LIKE ?"
            " OR name_kk LIKE ? OR name_ru LIKE ?)";
        params.insert(params.end(), {pattern, pattern, pattern, pattern, raw, raw});
    }
    if (q.level) {
        sql += " AND level = ?";
        params.emplace_back(std::string(LevelName(*q.level)));
    }
    if (q.regime) {
        sql += " AND dl_regime = ?";
        params.emplace_back(std::string(DlRegimeName(*q.regime)));
    }
    if (q.row_type) {
        sql += " AND row_type = ?";
        params.emplace_back(std::string(RowTypeName(*q.row_type)));
    }
    if (q.needs_confirmation) {
        // The SQL twin of NeedsConfirmation (domain/classifier.cpp).
        sql += " AND confirmed_at IS NULL AND (status <> 'corroborated' OR justification LIKE 'JUDGEMENT:%')";
    }
    sql += " ORDER BY code LIMIT ?";
    params.emplace_back(ClampLimit(q.limit));
    std::vector<Direction> out;
    for (const auto& row : session_.Query(sql, params)) out.push_back(ToDirection(row));
    return out;
}

bool Store::SetDirectionSettings(std::string_view code, DlRegime regime, OnlineForm form, core::Instant now) {
    return session_.Exec(
               "UPDATE academics_direction SET dl_regime = ?, online_form = ?, updated_at = ? WHERE code = ?",
               {std::string(DlRegimeName(regime)), std::string(OnlineFormName(form)), core::ToMicros(now),
                std::string(code)}) == 1;
}

bool Store::ConfirmDirection(std::string_view code, const Confirmation& c) {
    return session_.Exec(
               "UPDATE academics_direction SET confirmed_by_user_id = ?, confirmed_by_login = ?, "
               "confirmed_at = ? WHERE code = ?",
               {c.user_id, c.login, core::ToMicros(c.at), std::string(code)}) == 1;
}

std::vector<Faculty> Store::ListFaculties(const Visibility& visibility, const PageRequest& page) {
    db::Params params{page.after};
    std::string sql = std::string(kFacultySelect) + " WHERE f.id > ? AND " +
                      VisibilityClause(visibility, "f.id", "", params) + " ORDER BY f.id LIMIT ?";
    params.emplace_back(ClampLimit(page.limit));
    std::vector<Faculty> out;
    for (const auto& row : session_.Query(sql, params)) out.push_back(ToFaculty(row));
    return out;
}

std::optional<Faculty> Store::FindFaculty(FacultyId id) {
    const auto rows = session_.Query(std::string(kFacultySelect) + " WHERE f.id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    return ToFaculty(rows[0]);
}

FacultyId Store::InsertFaculty(const FacultySpec& s, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO academics_faculty (code, name_kk, name_ru, name_en, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        {s.code, s.names.kk, s.names.ru, s.names.en, core::ToMicros(now), core::ToMicros(now)});
    return FacultyId{rows[0].Int(0)};
}

void Store::UpdateFaculty(FacultyId id, const FacultySpec& s, core::Instant now) {
    session_.Exec(
        "UPDATE academics_faculty SET code = ?, name_kk = ?, name_ru = ?, name_en = ?, updated_at = ? "
        "WHERE id = ?",
        {s.code, s.names.kk, s.names.ru, s.names.en, core::ToMicros(now), id.value});
}

std::optional<Faculty> Store::FindFacultyByCode(std::string_view code) {
    const auto rows = session_.Query(std::string(kFacultySelect) + " WHERE f.code = ?", {std::string(code)});
    if (rows.empty()) return std::nullopt;
    return ToFaculty(rows[0]);
}

std::optional<Department> Store::FindDepartmentByCode(std::string_view code) {
    const auto rows = session_.Query(std::string(kDepartmentSelect) + " WHERE code = ?", {std::string(code)});
    if (rows.empty()) return std::nullopt;
    return ToDepartment(rows[0]);
}

void Store::DeleteFaculty(FacultyId id) {
    session_.Exec("DELETE FROM academics_faculty WHERE id = ?", {id.value});
}

std::vector<Department> Store::ListDepartments(const Visibility& visibility, std::optional<FacultyId> faculty,
                                               const PageRequest& page) {
    db::Params params{page.after};
    std::string sql = std::string(kDepartmentSelect) + " WHERE id > ? AND " +
                      VisibilityClause(visibility, "faculty_id", "", params);
    if (faculty) {
        sql += " AND faculty_id = ?";
        params.emplace_back(faculty->value);
    }
    sql += " ORDER BY id LIMIT ?";
    params.emplace_back(ClampLimit(page.limit));
    std::vector<Department> out;
    for (const auto& row : session_.Query(sql, params)) out.push_back(ToDepartment(row));
    return out;
}

std::optional<Department> Store::FindDepartment(DepartmentId id) {
    const auto rows = session_.Query(std::string(kDepartmentSelect) + " WHERE id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    return ToDepartment(rows[0]);
}

DepartmentId Store::InsertDepartment(const DepartmentSpec& s, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO academics_department (faculty_id, code, name_kk, name_ru, name_en, created_at, "
        "updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {s.faculty_id.value, s.code, s.names.kk, s.names.ru, s.names.en, core::ToMicros(now),
         core::ToMicros(now)});
    return DepartmentId{rows[0].Int(0)};
}

void Store::UpdateDepartment(DepartmentId id, const DepartmentSpec& s, core::Instant now) {
    session_.Exec(
        "UPDATE academics_department SET faculty_id = ?, code = ?, name_kk = ?, name_ru = ?, name_en = ?, "
        "updated_at = ? WHERE id = ?",
        {s.faculty_id.value, s.code, s.names.kk, s.names.ru, s.names.en, core::ToMicros(now), id.value});
}

void Store::DeleteDepartment(DepartmentId id) {
    session_.Exec("DELETE FROM academics_department WHERE id = ?", {id.value});
}

int Store::CountDepartmentProgrammes(DepartmentId id) {
    return static_cast<int>(
        session_.Query("SELECT COUNT(*) FROM academics_programme WHERE department_id = ?", {id.value})[0].Int(
            0));
}

std::vector<Programme> Store::ListProgrammes(const Visibility& visibility, std::optional<FacultyId> faculty,
                                             const PageRequest& page) {
    db::Params params{page.after};
    std::string sql = std::string(kProgrammeSelect) + " WHERE p.id > ? AND " +
                      VisibilityClause(visibility, "p.faculty_id", "p.id", params);
    if (faculty) {
        sql += " AND p.faculty_id = ?";
        params.emplace_back(faculty->value);
    }
    sql += " ORDER BY p.id LIMIT ?";
    params.emplace_back(ClampLimit(page.limit));
    std::vector<Programme> out;
    for (const auto& row : session_.Query(sql, params)) out.push_back(ToProgramme(row));
    return out;
}

std::optional<Programme> Store::FindProgramme(ProgrammeId id) {
    const auto rows = session_.Query(std::string(kProgrammeSelect) + " WHERE p.id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    return ToProgramme(rows[0]);
}

std::optional<Programme> Store::FindProgrammeByCode(std::string_view code) {
    const auto rows =
        session_.Query(std::string(kProgrammeSelect) + " WHERE p.code = ?", {std::string(code)});
    if (rows.empty()) return std::nullopt;
    return ToProgramme(rows[0]);
}

namespace {

db::Params ProgrammeParams(const ProgrammeSpec& s) {
    return {s.code,
            s.names.kk,
            s.names.ru,
            s.names.en,
            std::string(LevelName(s.level)),
            std::int64_t{s.credits},
            s.direction_code,
            s.faculty_id.value,
            s.department_id ? db::Value{s.department_id->value} : db::Value{std::monostate{}},
            JoinLanguages(s.languages),
            std::string(ProgrammeStatusName(s.status))};
}

}  // namespace

ProgrammeId Store::InsertProgramme(const ProgrammeSpec& s, core::Instant now) {
    auto params = ProgrammeParams(s);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(core::ToMicros(now));
    const auto rows = session_.Query(
        "INSERT INTO academics_programme (code, name_kk, name_ru, name_en, level, credits, direction_code, "
        "faculty_id, department_id, languages, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        params);
    return ProgrammeId{rows[0].Int(0)};
}

void Store::UpdateProgramme(ProgrammeId id, const ProgrammeSpec& s, core::Instant now) {
    auto params = ProgrammeParams(s);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(id.value);
    session_.Exec(
        "UPDATE academics_programme SET code = ?, name_kk = ?, name_ru = ?, name_en = ?, level = ?, "
        "credits = ?, direction_code = ?, faculty_id = ?, department_id = ?, languages = ?, status = ?, "
        "updated_at = ? WHERE id = ?",
        params);
}

void Store::DeleteProgramme(ProgrammeId id) {
    session_.Exec("DELETE FROM academics_programme WHERE id = ?", {id.value});
}

std::vector<Curriculum> Store::ListCurricula(ProgrammeId programme) {
    std::vector<Curriculum> out;
    for (const auto& r : session_.Query("SELECT id, programme_id, admission_year FROM academics_curriculum "
                                        "WHERE programme_id = ? ORDER BY admission_year",
                                        {programme.value})) {
        out.push_back(
            Curriculum{CurriculumId{r.Int(0)}, ProgrammeId{r.Int(1)}, static_cast<int>(r.Int(2)), {}});
    }
    return out;
}

std::optional<Curriculum> Store::FindCurriculum(CurriculumId id) {
    const auto rows = session_.Query(
        "SELECT id, programme_id, admission_year FROM academics_curriculum WHERE id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    Curriculum c{
        CurriculumId{rows[0].Int(0)}, ProgrammeId{rows[0].Int(1)}, static_cast<int>(rows[0].Int(2)), {}};
    for (const auto& r :
         session_.Query(std::string(kDisciplineSelect) + " WHERE curriculum_id = ? ORDER BY semester, code",
                        {id.value})) {
        c.disciplines.push_back(ToDiscipline(r));
    }
    return c;
}

CurriculumId Store::InsertCurriculum(ProgrammeId programme, int admission_year, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO academics_curriculum (programme_id, admission_year, created_at, updated_at) "
        "VALUES (?, ?, ?, ?) RETURNING id",
        {programme.value, std::int64_t{admission_year}, core::ToMicros(now), core::ToMicros(now)});
    return CurriculumId{rows[0].Int(0)};
}

void Store::DeleteCurriculum(CurriculumId id) {
    session_.Exec("DELETE FROM academics_discipline WHERE curriculum_id = ?", {id.value});
    session_.Exec("DELETE FROM academics_curriculum WHERE id = ?", {id.value});
}

std::optional<Discipline> Store::FindDiscipline(DisciplineId id) {
    const auto rows = session_.Query(std::string(kDisciplineSelect) + " WHERE id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    return ToDiscipline(rows[0]);
}

std::optional<Discipline> Store::FindDisciplineByCode(CurriculumId curriculum, std::string_view code) {
    const auto rows = session_.Query(std::string(kDisciplineSelect) + " WHERE curriculum_id = ? AND code = ?",
                                     {curriculum.value, std::string(code)});
    if (rows.empty()) return std::nullopt;
    return ToDiscipline(rows[0]);
}

DisciplineId Store::InsertDiscipline(CurriculumId curriculum, const DisciplineSpec& s, core::Instant now) {
    db::Params params{curriculum.value};
    for (auto& v : DisciplineParams(s)) params.push_back(std::move(v));
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(core::ToMicros(now));
    const auto rows = session_.Query(
        "INSERT INTO academics_discipline (curriculum_id, code, name_kk, name_ru, name_en, credits, cycle, "
        "component, "
        "semester, control, hours_lecture, hours_seminar, hours_laboratory, hours_studio, hours_practice, "
        "hours_srop, "
        "hours_sro, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        params);
    return DisciplineId{rows[0].Int(0)};
}

void Store::UpdateDiscipline(DisciplineId id, const DisciplineSpec& s, core::Instant now) {
    auto params = DisciplineParams(s);
    params.emplace_back(core::ToMicros(now));
    params.emplace_back(id.value);
    session_.Exec(
        "UPDATE academics_discipline SET code = ?, name_kk = ?, name_ru = ?, name_en = ?, credits = ?, "
        "cycle = ?, component = ?, semester = ?, control = ?, hours_lecture = ?, hours_seminar = ?, "
        "hours_laboratory = ?, hours_studio = ?, hours_practice = ?, hours_srop = ?, hours_sro = ?, "
        "updated_at = ? WHERE id = ?",
        params);
}

void Store::DeleteDiscipline(DisciplineId id) {
    session_.Exec("DELETE FROM academics_discipline WHERE id = ?", {id.value});
}

std::vector<AcademicYear> Store::ListYears(const PageRequest& page) {
    std::vector<AcademicYear> out;
    for (const auto& r :
         session_.Query("SELECT id, name, start_date, end_date FROM academics_year WHERE id > ? "
                        "ORDER BY id LIMIT ?",
                        {page.after, ClampLimit(page.limit)})) {
        out.push_back(
            AcademicYear{YearId{r.Int(0)}, r.Text(1), MustDate(r.Text(2)), MustDate(r.Text(3)), {}, {}});
    }
    return out;
}

std::optional<AcademicYear> Store::FindYear(YearId id) {
    const auto rows =
        session_.Query("SELECT id, name, start_date, end_date FROM academics_year WHERE id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    AcademicYear y{YearId{r.Int(0)}, r.Text(1), MustDate(r.Text(2)), MustDate(r.Text(3)), {}, {}};
    for (const auto& p : session_.Query(
             std::string(kPeriodSelect) + " WHERE year_id = ? ORDER BY start_date, id", {id.value})) {
        y.periods.push_back(ToPeriod(p));
    }
    for (const auto& h : session_.Query(
             std::string(kHolidaySelect) + " WHERE year_id = ? ORDER BY start_date, id", {id.value})) {
        y.holidays.push_back(ToHoliday(h));
    }
    return y;
}

YearId Store::InsertYear(const YearSpec& s, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO academics_year (name, start_date, end_date, created_at, updated_at) VALUES (?, ?, ?, ?, "
        "?) "
        "RETURNING id",
        {s.name, FormatIsoDate(s.start), FormatIsoDate(s.end), core::ToMicros(now), core::ToMicros(now)});
    return YearId{rows[0].Int(0)};
}

void Store::UpdateYear(YearId id, const YearSpec& s, core::Instant now) {
    session_.Exec(
        "UPDATE academics_year SET name = ?, start_date = ?, end_date = ?, updated_at = ? WHERE id = ?",
        {s.name, FormatIsoDate(s.start), FormatIsoDate(s.end), core::ToMicros(now), id.value});
}

void Store::DeleteYear(YearId id) {
    session_.Exec("DELETE FROM academics_year WHERE id = ?", {id.value});
}

std::optional<Period> Store::FindPeriod(PeriodId id) {
    const auto rows = session_.Query(std::string(kPeriodSelect) + " WHERE id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    return ToPeriod(rows[0]);
}

PeriodId Store::InsertPeriod(YearId year, const PeriodSpec& s, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO academics_period (year_id, kind, start_date, end_date, exam_start, exam_end, "
        "created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {year.value, std::string(PeriodKindName(s.kind)), FormatIsoDate(s.start), FormatIsoDate(s.end),
         OptDateValue(s.exam_start), OptDateValue(s.exam_end), core::ToMicros(now), core::ToMicros(now)});
    return PeriodId{rows[0].Int(0)};
}

void Store::UpdatePeriod(PeriodId id, const PeriodSpec& s, core::Instant now) {
    session_.Exec(
        "UPDATE academics_period SET kind = ?, start_date = ?, end_date = ?, exam_start = ?, exam_end = ?, "
        "updated_at = ? WHERE id = ?",
        {std::string(PeriodKindName(s.kind)), FormatIsoDate(s.start), FormatIsoDate(s.end),
         OptDateValue(s.exam_start), OptDateValue(s.exam_end), core::ToMicros(now), id.value});
}

void Store::DeletePeriod(PeriodId id) {
    session_.Exec("DELETE FROM academics_period WHERE id = ?", {id.value});
}

std::optional<Holiday> Store::FindHoliday(HolidayId id) {
    const auto rows = session_.Query(std::string(kHolidaySelect) + " WHERE id = ?", {id.value});
    if (rows.empty()) return std::nullopt;
    return ToHoliday(rows[0]);
}

HolidayId Store::InsertHoliday(YearId year, const HolidaySpec& s, core::Instant now) {
    const auto rows = session_.Query(
        "INSERT INTO academics_holiday (year_id, name_kk, name_ru, name_en, start_date, end_date, "
        "created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {year.value, s.names.kk, s.names.ru, s.names.en, FormatIsoDate(s.start), FormatIsoDate(s.end),
         core::ToMicros(now)});
    return HolidayId{rows[0].Int(0)};
}

void Store::DeleteHoliday(HolidayId id) {
    session_.Exec("DELETE FROM academics_holiday WHERE id = ?", {id.value});
}

namespace {

constexpr std::string_view kPublicDaySelect =
    "SELECT day, kind, name_kk, name_ru, name_en, source, confirmed FROM academics_public_day";

PublicDay ToPublicDay(const db::Row& r) {
    PublicDay d;
    d.date = Must(core::ParseIsoDay(r.Text(0)), "stored day is ISO");
    d.kind = Must(ParseDayKind(r.Text(1)), "stored day kind");
    d.names = NamesAt(r, 2);
    d.source = r.Text(5);
    d.confirmed = r.Int(6) != 0;
    return d;
}

db::Params PublicDayParams(const PublicDay& d, core::Instant now) {
    return {core::FormatIsoDay(d.date),
            std::string(DayKindName(d.kind)),
            d.names.kk,
            d.names.ru,
            d.names.en,
            d.source,
            std::int64_t{d.confirmed ? 1 : 0},
            core::ToMicros(now)};
}

}  // namespace

bool Store::InsertPublicDayIfAbsent(const PublicDay& day, core::Instant now) {
    return session_.Exec(
               "INSERT INTO academics_public_day (day, kind, name_kk, name_ru, name_en, source, "
               "confirmed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING",
               PublicDayParams(day, now)) == 1;
}

void Store::SavePublicDay(const PublicDay& day, core::Instant now) {
    session_.Exec(
        "INSERT INTO academics_public_day (day, kind, name_kk, name_ru, name_en, source, confirmed, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET "
        "kind = excluded.kind, name_kk = excluded.name_kk, name_ru = excluded.name_ru, "
        "name_en = excluded.name_en, source = excluded.source, confirmed = excluded.confirmed, "
        "updated_at = excluded.updated_at",
        PublicDayParams(day, now));
}

std::optional<PublicDay> Store::FindPublicDay(core::Day date) {
    const auto rows =
        session_.Query(std::string(kPublicDaySelect) + " WHERE day = ?", {core::FormatIsoDay(date)});
    if (rows.empty()) {
        return std::nullopt;
    }
    return ToPublicDay(rows[0]);
}

std::vector<PublicDay> Store::ListPublicDays(core::Day first, core::Day last) {
    std::vector<PublicDay> out;
    for (const auto& row :
         session_.Query(std::string(kPublicDaySelect) + " WHERE day >= ? AND day <= ? ORDER BY day",
                        {core::FormatIsoDay(first), core::FormatIsoDay(last)})) {
        out.push_back(ToPublicDay(row));
    }
    return out;
}

std::vector<PublicYear> Store::ListPublicYears() {
    std::vector<PublicYear> out;
    for (const auto& row :
         session_.Query("SELECT SUBSTR(day, 1, 4), COUNT(*), SUM(CASE WHEN confirmed = 0 THEN 1 ELSE 0 END) "
                        "FROM academics_public_day GROUP BY SUBSTR(day, 1, 4) ORDER BY SUBSTR(day, 1, 4)")) {
        PublicYear y;
        y.year = std::stoi(row.Text(0));
        y.days = static_cast<int>(row.Int(1));
        y.unconfirmed = static_cast<int>(row.Int(2));
        out.push_back(y);
    }
    return out;
}

bool Store::DeletePublicDay(core::Day date) {
    return session_.Exec("DELETE FROM academics_public_day WHERE day = ?", {core::FormatIsoDay(date)}) == 1;
}

bool Store::ConfirmPublicDay(core::Day date, core::Instant now) {
    return session_.Exec("UPDATE academics_public_day SET confirmed = 1, updated_at = ? WHERE day = ?",
                         {core::ToMicros(now), core::FormatIsoDay(date)}) == 1;
}

}  // namespace oqu::academics
