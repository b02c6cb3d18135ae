// CSV imports of programmes and of a curriculum's disciplines, on the platform/csv frame.
#include <algorithm>

#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/store.hpp"
#include "academics/support.hpp"

namespace oqu::academics {

namespace auth = platform::auth;
namespace csv = platform::csv;
namespace db = platform::db;

namespace {

csv::ColumnSpec Column(std::string key, bool required, std::vector<std::string> aliases,
                       bool unique = false) {
    return csv::ColumnSpec{std::move(key), required, std::move(aliases), unique};
}

// Copies domain field errors onto the row; `rename` maps a draft field to its column.
template <typename T>
void AddFieldErrors(csv::RowCheck<T>& check, const core::Error& error,
                    const std::vector<std::pair<std::string, std::string>>& rename,
                    const std::vector<csv::ColumnSpec>& columns) {
    const FieldErrors fields = FieldErrorsOf(error);
    if (fields.empty()) check.AddError("", error.message_key, error.args);
    for (const FieldError& f : fields) {
        std::string column = f.field;
        for (const auto& [from, to] : rename) {
            if (column == from) column = to;
        }
        const bool known =
            std::any_of(columns.begin(), columns.end(), [&](const auto& c) { return c.key == column; });
        check.AddError(known ? column : "", f.message_key, f.args);
    }
}

std::vector<std::string> SplitLanguages(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (char c : text) {
        if (c == ';' || c == ',' || c == ' ' || c == '/') {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            current += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

bool SameProgramme(const Programme& p, const ProgrammeSpec& s) {
    return p.code == s.code && p.names == s.names && p.level == s.level && p.credits == s.credits &&
           p.direction_code == s.direction_code && p.faculty_id == s.faculty_id &&
           p.department_id == s.department_id && p.languages == s.languages && p.status == s.status;
}

bool SameDiscipline(const Discipline& d, const DisciplineSpec& s) {
    return d.code == s.code && d.names == s.names && d.credits == s.credits && d.cycle == s.cycle &&
           d.component == s.component && d.semester == s.semester && d.control == s.control &&
           d.hours == s.hours;
}

csv::RowCheck<ProgrammeSpec> CheckProgrammeRow(const auth::Principal& actor, db::Session& session,
                                               const csv::RowView& row) {
    csv::RowCheck<ProgrammeSpec> check;
    Store store(session);
    const auto& columns = ProgrammeImportSpec().columns;
    ProgrammeDraft draft;
    draft.code = std::string(row.Get("code"));
    draft.names = {std::string(row.Get("name_kk")), std::string(row.Get("name_ru")),
                   std::string(row.Get("name_en"))};
    draft.level = std::string(row.Get("level"));
    draft.credits = std::string(row.Get("credits"));
    draft.direction_code = std::string(row.Get("direction_code"));
    draft.languages = SplitLanguages(row.Get("languages"));
    if (!row.Get("status").empty()) draft.status = std::string(row.Get("status"));
    const auto faculty = store.FindFacultyByCode(row.Get("faculty_code"));
    if (!faculty) {
        check.AddError("faculty_code", "academics.faculty_unknown");
        return check;
    }
    draft.faculty_id = std::to_string(faculty->id.value);
    if (!row.Get("department_code").empty()) {
        const auto department = store.FindDepartmentByCode(row.Get("department_code"));
        if (!department) {
            check.AddError("department_code", "academics.department_unknown");
            return check;
        }
        draft.department_id = std::to_string(department->id.value);
    }
    auto spec = CheckProgramme(draft);
    if (!spec) {
        AddFieldErrors(check, spec.error(),
                       {{"faculty_id", "faculty_code"}, {"department_id", "department_code"}}, columns);
        return check;
    }
    // Each row is checked with the actor's rights on its own faculty (and programme, when it exists).
    if (!auth::Allows(actor, kEditProgramme, detail::FacultyPath(spec->faculty_id))) {
        check.AddError("faculty_code", "academics.import_forbidden");
        return check;
    }
    FieldErrors errors;
    if (auto group = store.FindDirection(spec->direction_code)) {
        CheckProgrammeGroup(spec->level, group->row_type, group->level, errors);  // R-D7
    } else {
        errors.push_back({"direction_code", "academics.direction_unknown", {}});
    }
    if (spec->department_id) {
        auto department = store.FindDepartment(*spec->department_id);
        if (!department || department->faculty_id != spec->faculty_id) {
            errors.push_back({"department_code", "academics.department_other_faculty", {}});
        }
    }
    for (const auto& e : errors) check.AddError(e.field, e.message_key, e.args);
    if (!errors.empty()) return check;
    if (auto existing = store.FindProgrammeByCode(spec->code)) {
        if (!auth::Allows(actor, kEditProgramme, ScopePath(*existing))) {
            check.AddError("code", "academics.code_taken");
            return check;
        }
        check.status = SameProgramme(*existing, *spec) ? csv::RowStatus::kUnchanged : csv::RowStatus::kUpdate;
    }
    check.value = std::move(*spec);
    return check;
}

core::Status ApplyProgrammeRow(const auth::Principal& actor, const Change& change, db::Session& session,
                               const csv::RowOutcome<ProgrammeSpec>& row) {
    Store store(session);
    const ProgrammeSpec& spec = *row.value;
    auto existing = store.FindProgrammeByCode(spec.code);
    if (existing) {
        store.UpdateProgramme(existing->id, spec, change.now);
        detail::RecordChange(session, actor, change, "academics.import_programme", "programme",
                             std::to_string(existing->id.value),
                             detail::ChangeDetail(detail::JsonText(*existing),
                                                  detail::JsonText(*store.FindProgramme(existing->id))));
    } else {
        const ProgrammeId id = store.InsertProgramme(spec, change.now);
        detail::RecordChange(session, actor, change, "academics.import_programme", "programme",
                             std::to_string(id.value),
                             detail::ChangeDetail("null", detail::JsonText(*store.FindProgramme(id))));
    }
    return core::OkStatus();
}

csv::RowCheck<DisciplineSpec> CheckDisciplineRow(Level level, CurriculumId curriculum, db::Session& session,
                                                 const csv::RowView& row) {
    csv::RowCheck<DisciplineSpec> check;
    DisciplineDraft draft;
    draft.code = std::string(row.Get("code"));
    draft.names = {std::string(row.Get("name_kk")), std::string(row.Get("name_ru")),
                   std::string(row.Get("name_en"))};
    draft.credits = std::string(row.Get("credits"));
    draft.cycle = std::string(row.Get("cycle"));
    draft.component = std::string(row.Get("component"));
    draft.semester = std::string(row.Get("semester"));
    draft.control = std::string(row.Get("control"));
    for (ClassKind kind : kClassKinds) {
        draft.hours[static_cast<std::size_t>(kind)] =
            std::string(row.Get("hours_" + std::string(ClassKindName(kind))));
    }
    auto spec = CheckDiscipline(draft, level);
    if (!spec) {
        AddFieldErrors(check, spec.error(), {}, DisciplineImportSpec().columns);
        return check;
    }
    if (auto existing = Store(session).FindDisciplineByCode(curriculum, spec->code)) {
        check.status =
            SameDiscipline(*existing, *spec) ? csv::RowStatus::kUnchanged : csv::RowStatus::kUpdate;
    }
    check.value = std::move(*spec);
    return check;
}

core::Status ApplyDisciplineRow(const auth::Principal& actor, const Change& change, CurriculumId curriculum,
                                db::Session& session, const csv::RowOutcome<DisciplineSpec>& row) {
    Store store(session);
    const DisciplineSpec& spec = *row.value;
    if (auto existing = store.FindDisciplineByCode(curriculum, spec.code)) {
        store.UpdateDiscipline(existing->id, spec, change.now);
        detail::RecordChange(session, actor, change, "academics.import_discipline", "discipline",
                             std::to_string(existing->id.value),
                             detail::ChangeDetail(detail::JsonText(*existing),
                                                  detail::JsonText(*store.FindDiscipline(existing->id))));
    } else {
        const DisciplineId id = store.InsertDiscipline(curriculum, spec, change.now);
        detail::RecordChange(session, actor, change, "academics.import_discipline", "discipline",
                             std::to_string(id.value),
                             detail::ChangeDetail("null", detail::JsonText(*store.FindDiscipline(id))));
    }
    return core::OkStatus();
}

// The curriculum's programme level, after checking academics:edit_curriculum on it.
core::Result<Level> CurriculumLevel(const auth::Principal& actor, db::Database& database,
                                    CurriculumId curriculum) {
    auto found = FindCurriculum(actor, database, curriculum);
    if (!found) return found.error();
    auto programme = FindProgramme(actor, database, found->programme_id);
    if (!programme) return programme.error();
    if (auto ok = auth::Require(actor, kEditCurriculum, ScopePath(*programme)); !ok) return ok.error();
    return programme->level;
}

}  // namespace

const csv::ImportSpec& ProgrammeImportSpec() {
    static const csv::ImportSpec kSpec{
        {Column("code", true, {"код", "код ОП", "бағдарлама коды"}, true),
         Column("name_kk", true, {"атауы (қаз)", "название (каз)"}),
         Column("name_ru", true, {"атауы (орыс)", "название (рус)"}),
         Column("name_en", true, {"атауы (ағыл)", "название (англ)"}),
         Column("level", true, {"деңгей", "уровень"}), Column("credits", true, {"кредиттер", "кредиты"}),
         Column("direction_code", true, {"топ коды", "группа ОП", "код группы"}),
         Column("faculty_code", true, {"факультет"}), Column("department_code", false, {"кафедра"}),
         Column("languages", true, {"оқыту тілі", "язык обучения"}),
         Column("status", false, {"мәртебе", "статус"})},
        {}};
    return kSpec;
}

const csv::ImportSpec& DisciplineImportSpec() {
    static const csv::ImportSpec kSpec{
        {Column("code", true, {"код", "пән коды", "код дисциплины"}, true),
         Column("name_kk", true, {"атауы (қаз)", "название (каз)"}),
         Column("name_ru", true, {"атауы (орыс)", "название (рус)"}),
         Column("name_en", true, {"атауы (ағыл)", "название (англ)"}),
         Column("credits", true, {"кредиттер", "кредиты"}), Column("cycle", true, {"цикл"}),
         Column("component", true, {"компонент"}), Column("semester", true, {"семестр"}),
         Column("control", true, {"бақылау түрі", "форма контроля"}),
         Column("hours_lecture", false, {"дәріс", "лекции"}),
         Column("hours_seminar", false, {"семинар", "практические"}),
         Column("hours_laboratory", false, {"зертханалық", "лабораторные"}),
         Column("hours_studio", false, {"студиялық", "студийные"}),
         Column("hours_practice", false, {"практика"}), Column("hours_srop", false, {"СОӨЖ", "СРОП"}),
         Column("hours_sro", false, {"СӨЖ", "СРО"})},
        {}};
    return kSpec;
}

core::Result<csv::Preview<ProgrammeSpec>> PreviewProgrammeImport(const auth::Principal& actor,
                                                                 db::Database& database,
                                                                 std::string_view csv_text) {
    if (auto ok = detail::RequireSomewhere(actor, kEditProgramme); !ok) return ok.error();
    return csv::PreviewImport<ProgrammeSpec>(
        database, csv_text, ProgrammeImportSpec(),
        [&](db::Session& s, const csv::RowView& row) { return CheckProgrammeRow(actor, s, row); });
}

core::Result<csv::Preview<ProgrammeSpec>> ImportProgrammes(const auth::Principal& actor, const Change& change,
                                                           std::string_view csv_text) {
    if (auto ok = detail::RequireSomewhere(actor, kEditProgramme); !ok) return ok.error();
    return csv::CommitImport<ProgrammeSpec>(
        change.db, csv_text, ProgrammeImportSpec(),
        [&](db::Session& s, const csv::RowView& row) { return CheckProgrammeRow(actor, s, row); },
        [&](db::Session& s, const csv::RowOutcome<ProgrammeSpec>& row) {
            return ApplyProgrammeRow(actor, change, s, row);
        });
}

core::Result<csv::Preview<DisciplineSpec>> PreviewDisciplineImport(const auth::Principal& actor,
                                                                   db::Database& database,
                                                                   CurriculumId curriculum,
                                                                   std::string_view csv_text) {
    auto level = CurriculumLevel(actor, database, curriculum);
    if (!level) return level.error();
    return csv::PreviewImport<DisciplineSpec>(database, csv_text, DisciplineImportSpec(),
                                              [&](db::Session& s, const csv::RowView& row) {
                                                  return CheckDisciplineRow(*level, curriculum, s, row);
                                              });
}

core::Result<csv::Preview<DisciplineSpec>> ImportDisciplines(const auth::Principal& actor,
                                                             const Change& change, CurriculumId curriculum,
                                                             std::string_view csv_text) {
    auto level = CurriculumLevel(actor, change.db, curriculum);
    if (!level) return level.error();
    return csv::CommitImport<DisciplineSpec>(
        change.db, csv_text, DisciplineImportSpec(),
        [&](db::Session& s, const csv::RowView& row) {
            return CheckDisciplineRow(*level, curriculum, s, row);
        },
        [&](db::Session& s, const csv::RowOutcome<DisciplineSpec>& row) {
            return ApplyDisciplineRow(actor, change, curriculum, s, row);
        });
}

}  // namespace oqu::academics
