#include "academics/json.hpp"

#include <nlohmann/json.hpp>

#include "academics/support.hpp"

namespace oqu::academics {

using nlohmann::json;

namespace {

json OptDate(const std::optional<Date>& date) {
    return date ? json(FormatIsoDate(*date)) : json(nullptr);
}

Names NamesFromJson(const json& body) {
    Names n{MemberText(body, "name_kk"), MemberText(body, "name_ru"), MemberText(body, "name_en")};
    if (body.is_object() && body.contains("names") && body["names"].is_object()) {
        const json& names = body["names"];
        if (n.kk.empty()) n.kk = MemberText(names, "kk");
        if (n.ru.empty()) n.ru = MemberText(names, "ru");
        if (n.en.empty()) n.en = MemberText(names, "en");
    }
    return n;
}

}  // namespace

json ToJson(const Names& names) {
    return {{"kk", names.kk}, {"ru", names.ru}, {"en", names.en}};
}

json ToJson(const PublicDay& d) {
    return {{"date", core::FormatIsoDay(d.date)},
            {"kind", DayKindName(d.kind)},
            {"names", ToJson(d.names)},
            {"source", d.source},
            {"confirmed", d.confirmed}};
}

PublicDayDraft PublicDayDraftFromJson(const json& body, std::string date) {
    return {std::move(date), MemberText(body, "kind"), NamesFromJson(body), MemberText(body, "source")};
}

json ToJson(const Faculty& f) {
    return {{"id", f.id.value},
            {"code", f.code},
            {"names", ToJson(f.names)},
            {"departments", f.departments},
            {"programmes", f.programmes}};
}

json ToJson(const Department& d) {
    return {
        {"id", d.id.value}, {"faculty_id", d.faculty_id.value}, {"code", d.code}, {"names", ToJson(d.names)}};
}

json ToJson(const Direction& d) {
    json out = {{"code", d.code},
                {"level", LevelName(d.level)},
                {"row_type", RowTypeName(d.row_type)},
                {"names", ToJson(d.names)},
                {"parent_code", d.parent_code},
                {"dl_regime", DlRegimeName(d.dl_regime)},
                {"online_form", OnlineFormName(d.online_form)},
                {"justification", d.justification},
                {"status", DataStatusName(d.status)},
                {"note", d.note},
                {"name_origin", d.name_origin},
                {"needs_confirmation", NeedsConfirmation(d)},
                {"confirmed", nullptr}};
    if (d.confirmed) {
        out["confirmed"] = {{"user_id", d.confirmed->user_id},
                            {"login", d.confirmed->login},
                            {"at", core::FormatUtc(d.confirmed->at)}};
    }
    return out;
}

json ToJson(const Programme& p) {
    return {{"id", p.id.value},
            {"code", p.code},
            {"names", ToJson(p.names)},
            {"level", LevelName(p.level)},
            {"credits", p.credits},
            {"direction_code", p.direction_code},
            {"direction_names", ToJson(p.direction_names)},
            {"dl_regime", DlRegimeName(p.dl_regime)},
            {"online_form", OnlineFormName(p.online_form)},
            {"faculty_id", p.faculty_id.value},
            {"department_id", p.department_id ? json(p.department_id->value) : json(nullptr)},
            {"languages", p.languages},
            {"status", ProgrammeStatusName(p.status)}};
}

json ToJson(const Discipline& d) {
    json hours = json::object();
    for (ClassKind kind : kClassKinds) hours[std::string(ClassKindName(kind))] = d.hours.Of(kind);
    return {{"id", d.id.value},
            {"curriculum_id", d.curriculum_id.value},
            {"code", d.code},
            {"names", ToJson(d.names)},
            {"credits", d.credits},
            {"cycle", CycleName(d.cycle)},
            {"component", ComponentName(d.component)},
            {"semester", d.semester},
            {"control", ControlName(d.control)},
            {"hours", hours},
            {"hours_total", d.hours.Total()}};
}

json ToJson(const Curriculum& c) {
    json disciplines = json::array();
    std::vector<std::pair<int, int>> credits;
    for (const auto& d : c.disciplines) {
        disciplines.push_back(ToJson(d));
        credits.emplace_back(d.semester, d.credits);
    }
    json semesters = json::array();
    int total = 0;
    for (const auto& s : CreditsBySemester(credits)) {
        semesters.push_back(
            {{"semester", s.semester}, {"credits", s.credits}, {"disciplines", s.disciplines}});
        total += s.credits;
    }
    return {{"id", c.id.value},
            {"programme_id", c.programme_id.value},
            {"admission_year", c.admission_year},
            {"disciplines", disciplines},
            {"semesters", semesters},
            {"total_credits", total}};
}

json ToJson(const Period& p) {
    return {{"id", p.id.value},
            {"year_id", p.year_id.value},
            {"kind", PeriodKindName(p.kind)},
            {"start_date", FormatIsoDate(p.start)},
            {"end_date", FormatIsoDate(p.end)},
            {"exam_start", OptDate(p.exam_start)},
            {"exam_end", OptDate(p.exam_end)}};
}

json ToJson(const Holiday& h) {
    return {{"id", h.id.value},
            {"year_id", h.year_id.value},
            {"names", ToJson(h.names)},
            {"start_date", FormatIsoDate(h.start)},
            {"end_date", FormatIsoDate(h.end)}};
}

json ToJson(const AcademicYear& y) {
    json periods = json::array();
    for (const auto& p : y.periods) periods.push_back(ToJson(p));
    json holidays = json::array();
    for (const auto& h : y.holidays) holidays.push_back(ToJson(h));
    return {{"id", y.id.value},
            {"name", y.name},
            {"start_date", FormatIsoDate(y.start)},
            {"end_date", FormatIsoDate(y.end)},
            {"periods", periods},
            {"holidays", holidays}};
}

std::string MemberText(const json& body, const char* name) {
    if (!body.is_object()) return {};
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
    if (it->is_number()) return it->dump();
    return "\x01";
}

FacultyDraft FacultyDraftFromJson(const json& body) {
    return FacultyDraft{MemberText(body, "code"), NamesFromJson(body)};
}

DepartmentDraft DepartmentDraftFromJson(const json& body) {
    return DepartmentDraft{MemberText(body, "faculty_id"), MemberText(body, "code"), NamesFromJson(body)};
}

ProgrammeDraft ProgrammeDraftFromJson(const json& body) {
    ProgrammeDraft d;
    d.code = MemberText(body, "code");
    d.names = NamesFromJson(body);
    d.level = MemberText(body, "level");
    d.credits = MemberText(body, "credits");
    d.direction_code = MemberText(body, "direction_code");
    d.faculty_id = MemberText(body, "faculty_id");
    d.department_id = MemberText(body, "department_id");
    if (body.is_object() && body.contains("languages")) {
        const json& langs = body["languages"];
        if (langs.is_array()) {
            for (const auto& l : langs) d.languages.push_back(l.is_string() ? l.get<std::string>() : "\x01");
        } else {
            d.languages.emplace_back("\x01");
        }
    }
    if (body.is_object() && body.contains("status")) d.status = MemberText(body, "status");
    return d;
}

DisciplineDraft DisciplineDraftFromJson(const json& body) {
    DisciplineDraft d;
    d.code = MemberText(body, "code");
    d.names = NamesFromJson(body);
    d.credits = MemberText(body, "credits");
    d.cycle = MemberText(body, "cycle");
    d.component = MemberText(body, "component");
    d.semester = MemberText(body, "semester");
    d.control = MemberText(body, "control");
    const json* hours = body.is_object() && body.contains("hours") ? &body["hours"] : nullptr;
    for (ClassKind kind : kClassKinds) {
        const std::string name(ClassKindName(kind));
        auto& slot = d.hours[static_cast<std::size_t>(kind)];
        slot = MemberText(body, ("hours_" + name).c_str());
        if (slot.empty() && hours != nullptr) slot = MemberText(*hours, name.c_str());
    }
    return d;
}

CurriculumDraft CurriculumDraftFromJson(const json& body) {
    return CurriculumDraft{MemberText(body, "admission_year")};
}

YearDraft YearDraftFromJson(const json& body) {
    return YearDraft{MemberText(body, "name"), MemberText(body, "start_date"), MemberText(body, "end_date")};
}

PeriodDraft PeriodDraftFromJson(const json& body) {
    return PeriodDraft{MemberText(body, "kind"), MemberText(body, "start_date"), MemberText(body, "end_date"),
                       MemberText(body, "exam_start"), MemberText(body, "exam_end")};
}

HolidayDraft HolidayDraftFromJson(const json& body) {
    return HolidayDraft{NamesFromJson(body), MemberText(body, "start_date"), MemberText(body, "end_date")};
}

DirectionSettingsDraft DirectionSettingsFromJson(const json& body) {
    return DirectionSettingsDraft{MemberText(body, "dl_regime"), MemberText(body, "online_form")};
}

namespace detail {

std::string JsonText(const Faculty& v) {
    return ToJson(v).dump();
}
std::string JsonText(const Department& v) {
    return ToJson(v).dump();
}
std::string JsonText(const Direction& v) {
    return ToJson(v).dump();
}
std::string JsonText(const Programme& v) {
    return ToJson(v).dump();
}
std::string JsonText(const Curriculum& v) {
    return ToJson(v).dump();
}
std::string JsonText(const Discipline& v) {
    return ToJson(v).dump();
}
std::string JsonText(const AcademicYear& v) {
    return ToJson(v).dump();
}
std::string JsonText(const Period& v) {
    return ToJson(v).dump();
}
std::string JsonText(const Holiday& v) {
    return ToJson(v).dump();
}

}  // namespace detail

}  // namespace oqu::academics
