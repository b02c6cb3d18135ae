#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/routes.hpp"
#include "academics/routes_support.hpp"
#include "academics/support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/format.hpp"

namespace oqu::academics::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

constexpr int kProgrammesPerPage = 200;
constexpr int kDirectionsPerPage = 50;
constexpr int kListAll = 500;

// The saved notice after a redirect (?saved=1).
std::string SavedNotice(const Texts& t, const http::Request& request) {
    return request.Query("saved").has_value() ? t.Get("academics.saved") : std::string{};
}

std::string ProgrammeHref(ProgrammeId id) {
    return "/academics/programmes/" + std::to_string(id.value);
}

// ----- overview --------------------------------------------------------------------------------

http::Response OverviewPage(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    auto faculties = ListFaculties(who, s.db, {.after = 0, .limit = kListAll});
    if (!faculties) return Error(s, request, faculties.error());
    auto departments = ListDepartments(who, s.db, std::nullopt, {.after = 0, .limit = kListAll});
    if (!departments) return Error(s, request, departments.error());
    json list = json::array();
    for (const auto& f : faculties.value()) {
        json deps = json::array();
        for (const auto& d : departments.value()) {
            if (d.faculty_id == f.id) {
                deps.push_back({{"code", d.code},
                                {"name", t.Name(d.names)},
                                {"edit_href", "/academics/departments/" + std::to_string(d.id.value)}});
            }
        }
        list.push_back(
            {{"code", f.code},
             {"name", t.Name(f.names)},
             {"programmes_href", "/academics/programmes?faculty=" + std::to_string(f.id.value)},
             {"programmes_label",
              t.Format("academics.programme_count", {{"count", std::to_string(f.programmes)}})},
             {"has_departments", !deps.empty()},
             {"can_edit", auth::Allows(who, kEditStructure, FacultyPath(f.id))},
             {"edit_href", "/academics/faculties/" + std::to_string(f.id.value)},
             {"new_department_href", "/academics/departments/new?faculty=" + std::to_string(f.id.value)},
             {"departments", deps}});
    }
    const std::string saved = SavedNotice(t, request);
    return Page(s, request, "academics/overview",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"can_create_faculty", auth::Allows(who, kEditStructure, {})},
                 {"has_faculties", !list.empty()},
                 {"faculties", list}},
                "academics.overview_title");
}

// ----- programmes ------------------------------------------------------------------------------

// Faculties by id, for labels.
std::map<std::int64_t, Faculty> FacultiesById(platform::Services& s, const auth::Principal& who) {
    std::map<std::int64_t, Faculty> out;
    if (auto list = ListFaculties(who, s.db, {.after = 0, .limit = kListAll})) {
        for (auto& f : list.value()) out.emplace(f.id.value, std::move(f));
    }
    return out;
}

bool MayCreateProgrammes(const auth::Principal& who) {
    return !auth::ScopesWith(who, kEditProgramme).empty();
}

json ProgrammeRow(const Texts& t, const Programme& p, const std::map<std::int64_t, Faculty>& faculties) {
    const auto f = faculties.find(p.faculty_id.value);
    const std::string level(LevelName(p.level));
    const std::string status(ProgrammeStatusName(p.status));
    return {{"href", ProgrammeHref(p.id)},
            {"code", p.code},
            {"name", t.Name(p.names)},
            {"level", t.Get(EnumKey("level", level))},
            {"credits", p.credits},
            {"faculty", f != faculties.end() ? f->second.code : std::string{}},
            {"direction_code", p.direction_code},
            {"regime", t.Get(EnumKey("regime", DlRegimeName(p.dl_regime)))},
            {"regime_badge", RegimeBadge(p.dl_regime)},
            {"closed", p.status == ProgrammeStatus::kClosed},
            {"status", t.Get(EnumKey("status", status))}};
}

http::Response ProgrammesPage(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    const std::string faculty_text = QueryText(request, "faculty");
    const std::string level_text = QueryText(request, "level");
    const auto faculty_id = ParseId(faculty_text);
    const auto level = ParseLevel(level_text);
    const std::int64_t after = ParseNumber(QueryText(request, "after")).value_or(0);
    std::optional<FacultyId> faculty;
    if (faculty_id) faculty = FacultyId{*faculty_id};
    auto list = ListProgrammes(who, s.db, faculty, {.after = after, .limit = kProgrammesPerPage});
    if (!list) return Error(s, request, list.error());
    const auto faculties = FacultiesById(s, who);
    json rows = json::array();
    for (const auto& p : list.value()) {
        if (level && p.level != *level) continue;
        rows.push_back(ProgrammeRow(t, p, faculties));
    }
    json faculty_options = json::array();
    faculty_options.push_back(
        {{"value", ""}, {"label", t.Get("academics.filter_all")}, {"selected", !faculty_id}});
    for (const auto& [id, f] : faculties) {
        faculty_options.push_back({{"value", std::to_string(id)},
                                   {"label", f.code + " — " + t.Name(f.names)},
                                   {"selected", faculty_id && *faculty_id == id}});
    }
    std::string base = WithParam("/academics/programmes", "faculty", faculty_text);
    base = WithParam(base, "level", level_text);
    const bool has_next = static_cast<int>(list->size()) == kProgrammesPerPage;
    const std::string saved = SavedMessage(t, request);
    return Page(s, request, "academics/programmes",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"can_create", MayCreateProgrammes(who)},
                 {"can_import", MayCreateProgrammes(who)},
                 {"faculties", faculty_options},
                 {"levels", LevelOptions(t, level ? LevelName(*level) : "", true)},
                 {"has_programmes", !rows.empty()},
                 {"programmes", rows},
                 {"has_next", has_next},
                 {"next_href",
                  WithParam(base, "after", has_next ? std::to_string(list->back().id.value) : std::string{})},
                 {"is_later_page", after > 0},
                 {"first_href", base}},
                "academics.programmes_title");
}

/// What the programme form holds.
struct ProgrammeValues {
    std::string code;
    std::string name_kk;
    std::string name_ru;
    std::string name_en;
    std::string level = "bachelor";
    std::string credits;
    std::string direction_code;
    std::string faculty_id;
    std::string department_id;
    std::vector<std::string> languages;
    std::string status = "active";
};

ProgrammeValues ValuesOf(const Programme& p) {
    return {p.code,
            p.names.kk,
            p.names.ru,
            p.names.en,
            std::string(LevelName(p.level)),
            std::to_string(p.credits),
            p.direction_code,
            std::to_string(p.faculty_id.value),
            p.department_id ? std::to_string(p.department_id->value) : std::string{},
            p.languages,
            std::string(ProgrammeStatusName(p.status))};
}

ProgrammeValues ValuesOf(http::Request& request) {
    ProgrammeValues v;
    v.code = FormField(request, "code");
    v.name_kk = FormField(request, "name_kk");
    v.name_ru = FormField(request, "name_ru");
    v.name_en = FormField(request, "name_en");
    v.level = FormField(request, "level");
    v.credits = FormField(request, "credits");
    v.direction_code = FormField(request, "direction_code");
    v.faculty_id = FormField(request, "faculty_id");
    v.department_id = FormField(request, "department_id");
    v.languages = FormFields(request, "languages");
    v.status = FormField(request, "status");
    return v;
}

ProgrammeDraft DraftOf(const ProgrammeValues& v) {
    ProgrammeDraft d;
    d.code = v.code;
    d.names = {v.name_kk, v.name_ru, v.name_en};
    d.level = v.level;
    d.credits = v.credits;
    d.direction_code = v.direction_code;
    d.faculty_id = v.faculty_id;
    d.department_id = v.department_id;
    d.languages = v.languages;
    d.status = v.status;
    return d;
}

http::Response ProgrammeFormPage(platform::Services& s, http::Request& request, std::optional<ProgrammeId> id,
                                 const ProgrammeValues& v, const FormErrors& errors, int status) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    json faculties = json::array();
    std::map<std::int64_t, std::string> faculty_codes;
    if (auto list = ListFaculties(who, s.db, {.after = 0, .limit = kListAll})) {
        for (const auto& f : list.value()) {
            faculty_codes[f.id.value] = f.code;
            // Only the faculties the user may place a programme in (the current one stays listed).
            const auto value = std::to_string(f.id.value);
            if (!auth::Allows(who, kEditProgramme, FacultyPath(f.id)) && value != v.faculty_id) continue;
            faculties.push_back({{"value", value},
                                 {"label", f.code + " — " + t.Name(f.names)},
                                 {"selected", value == v.faculty_id}});
        }
    }
    json departments = json::array();
    if (auto list = ListDepartments(who, s.db, std::nullopt, {.after = 0, .limit = kListAll})) {
        for (const auto& d : list.value()) {
            const auto value = std::to_string(d.id.value);
            if (!auth::Allows(who, kEditProgramme, FacultyPath(d.faculty_id)) && value != v.department_id) {
                continue;
            }
            departments.push_back({{"value", value},
                                   {"label", faculty_codes[d.faculty_id.value] + " · " + t.Name(d.names)},
                                   {"selected", value == v.department_id}});
        }
    }
    json languages = json::array();
    for (const auto lang : kStudyLanguages) {
        const std::string code(lang);
        languages.push_back(
            {{"value", code},
             {"label", t.Get(EnumKey("language", code))},
             {"checked", std::find(v.languages.begin(), v.languages.end(), code) != v.languages.end()}});
    }
    json statuses = json::array();
    for (const auto st : {ProgrammeStatus::kActive, ProgrammeStatus::kClosed}) {
        const std::string name(ProgrammeStatusName(st));
        statuses.push_back(
            {{"value", name}, {"label", t.Get(EnumKey("status", name))}, {"selected", name == v.status}});
    }
    const std::string action = id ? ProgrammeHref(*id) : "/academics/programmes";
    const std::string cancel = id ? ProgrammeHref(*id) : "/academics/programmes";
    return Page(s, request, "academics/programme_form",
                {{"editing", id.has_value()},
                 {"action", action},
                 {"cancel_href", cancel},
                 {"has_errors", !errors.Empty()},
                 {"errors", errors.Summary()},
                 {"form",
                  {{"code", errors.Field("code", v.code)},
                   {"name_kk", errors.Field("name_kk", v.name_kk)},
                   {"name_ru", errors.Field("name_ru", v.name_ru)},
                   {"name_en", errors.Field("name_en", v.name_en)},
                   {"level", errors.Field("level", v.level)},
                   {"credits", errors.Field("credits", v.credits)},
                   {"direction_code", errors.Field("direction_code", v.direction_code)},
                   {"faculty_id", errors.Field("faculty_id", v.faculty_id)},
                   {"department_id", errors.Field("department_id", v.department_id)},
                   {"languages", errors.Field("languages", "")},
                   {"status", errors.Field("status", v.status)}}},
                 {"levels", LevelOptions(t, v.level, false)},
                 {"faculties", faculties},
                 {"no_department", v.department_id.empty()},
                 {"departments", departments},
                 {"languages", languages},
                 {"statuses", statuses}},
                id ? "academics.programme_edit_title" : "academics.programme_new_title", status);
}

http::Response NewProgrammePage(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (!MayCreateProgrammes(who)) return Error(s, request, auth::Require(who, kEditProgramme).error());
    ProgrammeValues v;
    v.languages = {"kk", "ru"};
    const auto scopes = auth::ScopesWith(who, kEditProgramme);
    for (const auto& scope : scopes) {
        if (scope.kind == auth::ScopeKind::kFaculty) {
            v.faculty_id = std::to_string(scope.id);
            break;
        }
    }
    return ProgrammeFormPage(s, request, std::nullopt, v, FormErrors{}, 200);
}

http::Response CreateProgrammeAction(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    const auto v = ValuesOf(request);
    auto id = CreateProgramme(who, {s.db, Now(), request.remote_address}, DraftOf(v));
    if (!id) {
        if (!IsFormError(id.error())) return Error(s, request, id.error());
        FormErrors errors;
        errors.AddAll(id.error(), t);
        return ProgrammeFormPage(s, request, std::nullopt, v, errors, FormStatus(id.error()));
    }
    return http::Response::Redirect("/academics/programmes?saved=1");
}

http::Response EditProgrammePage(platform::Services& s, http::Request& request, ProgrammeId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto programme = FindProgramme(who, s.db, id);
    if (!programme) return Error(s, request, programme.error());
    if (auto allowed = auth::Require(who, kEditProgramme, ScopePath(programme.value())); !allowed) {
        return Error(s, request, allowed.error());
    }
    return ProgrammeFormPage(s, request, id, ValuesOf(programme.value()), FormErrors{}, 200);
}

http::Response UpdateProgrammeAction(platform::Services& s, http::Request& request, ProgrammeId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    const auto v = ValuesOf(request);
    if (auto status = UpdateProgramme(who, {s.db, Now(), request.remote_address}, id, DraftOf(v)); !status) {
        if (!IsFormError(status.error())) return Error(s, request, status.error());
        FormErrors errors;
        errors.AddAll(status.error(), t);
        return ProgrammeFormPage(s, request, id, v, errors, FormStatus(status.error()));
    }
    return http::Response::Redirect(ProgrammeHref(id) + "?saved=1");
}

/// The new-curriculum form of a programme page, as typed when sent back with errors.
struct CurriculumFormState {
    std::string admission_year;
    FormErrors errors;
    int status = 200;
};

http::Response ProgrammePageWith(platform::Services& s, http::Request& request, ProgrammeId id,
                                 const CurriculumFormState& state) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    auto found = FindProgramme(who, s.db, id);
    if (!found) return Error(s, request, found.error());
    const auto& p = found.value();
    std::string faculty;
    if (auto f = FindFaculty(who, s.db, p.faculty_id)) faculty = f->code + " — " + t.Name(f->names);
    std::string department;
    if (p.department_id) {
        if (auto d = FindDepartment(who, s.db, *p.department_id)) department = t.Name(d->names);
    }
    json curricula = json::array();
    if (auto list = ListCurricula(who, s.db, id)) {
        for (const auto& c : list.value()) {
            curricula.push_back({{"href", "/academics/curricula/" + std::to_string(c.id.value)},
                                 {"label", t.Format("academics.curriculum_of_year",
                                                    {{"year", std::to_string(c.admission_year)}})}});
        }
    }
    json languages = json::array();
    for (const auto& lang : p.languages) languages.push_back(t.Get(EnumKey("language", lang)));
    const std::string saved = SavedNotice(t, request);
    const std::string regime(DlRegimeName(p.dl_regime));
    const std::string online(OnlineFormName(p.online_form));
    const auto share = MaxDlSharePercent(p.dl_regime);
    return Page(s, request, "academics/programme",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"code", p.code},
                 {"name", t.Name(p.names)},
                 {"names", {{"kk", p.names.kk}, {"ru", p.names.ru}, {"en", p.names.en}}},
                 {"level", t.Get(EnumKey("level", LevelName(p.level)))},
                 {"credits", p.credits},
                 {"faculty", faculty},
                 {"has_department", !department.empty()},
                 {"department", department},
                 {"languages", languages},
                 {"closed", p.status == ProgrammeStatus::kClosed},
                 {"status", t.Get(EnumKey("status", ProgrammeStatusName(p.status)))},
                 {"direction_code", p.direction_code},
                 {"direction_name", t.Name(p.direction_names)},
                 {"direction_href", "/academics/directions/" + p.direction_code},
                 {"regime", t.Get(EnumKey("regime", regime))},
                 {"regime_badge", RegimeBadge(p.dl_regime)},
                 {"regime_explained",
                  share ? t.Format("academics.regime_share", {{"percent", std::to_string(*share)}})
                        : t.Get("academics.regime_forbidden_hint")},
                 {"online_form", t.Get(EnumKey("online", online))},
                 {"online_unknown", p.online_form == OnlineForm::kUnknown},
                 {"has_curricula", !curricula.empty()},
                 {"curricula", curricula},
                 {"can_edit", auth::Allows(who, kEditProgramme, ScopePath(p))},
                 {"edit_href", ProgrammeHref(id) + "/edit"},
                 {"can_add_curriculum", auth::Allows(who, kEditCurriculum, ScopePath(p))},
                 {"curriculum_action", ProgrammeHref(id) + "/curricula"},
                 {"has_errors", !state.errors.Empty()},
                 {"errors", state.errors.Summary()},
                 {"form", {{"admission_year", state.errors.Field("admission_year", state.admission_year)}}}},
                "academics.programme_title", state.status);
}

http::Response ProgrammePage(platform::Services& s, http::Request& request, ProgrammeId id) {
    return ProgrammePageWith(s, request, id, CurriculumFormState{});
}

http::Response CreateCurriculumAction(platform::Services& s, http::Request& request, ProgrammeId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    CurriculumFormState state{FormField(request, "admission_year"), {}, 200};
    auto created = CreateCurriculum(who, {s.db, Now(), request.remote_address}, id, {state.admission_year});
    if (!created) {
        if (!IsFormError(created.error())) return Error(s, request, created.error());
        state.errors.AddAll(created.error(), t);
        state.status = FormStatus(created.error());
        return ProgrammePageWith(s, request, id, state);
    }
    return http::Response::Redirect("/academics/curricula/" + std::to_string(created->value) + "?saved=1");
}

// ----- directions ------------------------------------------------------------------------------

json DirectionRow(const Texts& t, const Direction& d) {
    const std::string status(DataStatusName(d.status));
    return {{"href", "/academics/directions/" + d.code},
            {"code", d.code},
            {"name", t.Name(d.names)},
            {"row_type", t.Get(EnumKey("row", RowTypeName(d.row_type)))},
            {"level", t.Get(EnumKey("level", LevelName(d.level)))},
            {"regime", t.Get(EnumKey("regime", DlRegimeName(d.dl_regime)))},
            {"regime_badge", RegimeBadge(d.dl_regime)},
            {"online_form", t.Get(EnumKey("online", OnlineFormName(d.online_form)))},
            {"status", t.Get(EnumKey("data", status))},
            {"status_hint", t.Get(EnumKey("data_hint", status))},
            {"needs_confirmation", NeedsConfirmation(d)}};
}

http::Response DirectionsPage(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    DirectionQuery query;
    query.text = QueryText(request, "q");
    const std::string level_text = QueryText(request, "level");
    const std::string regime_text = QueryText(request, "regime");
    query.level = ParseLevel(level_text);
    query.regime = ParseDlRegime(regime_text);
    query.needs_confirmation = QueryText(request, "unconfirmed") == "1";
    query.after = QueryText(request, "after");
    query.limit = kDirectionsPerPage + 1;
    auto list = ListDirections(who, s.db, query);
    if (!list) return Error(s, request, list.error());
    auto rows_in = list.value();
    const bool has_next = static_cast<int>(rows_in.size()) > kDirectionsPerPage;
    if (has_next) rows_in.resize(kDirectionsPerPage);
    json rows = json::array();
    for (const auto& d : rows_in) rows.push_back(DirectionRow(t, d));
    std::string base = WithParam("/academics/directions", "q", query.text);
    base = WithParam(base, "level", query.level ? level_text : "");
    base = WithParam(base, "regime", query.regime ? regime_text : "");
    base = WithParam(base, "unconfirmed", query.needs_confirmation ? "1" : "");
    return Page(s, request, "academics/directions",
                {{"q", query.text},
                 {"levels", LevelOptions(t, query.level ? level_text : "", true)},
                 {"regimes", RegimeOptions(t, query.regime ? regime_text : "", true, true)},
                 {"unconfirmed", query.needs_confirmation},
                 {"has_directions", !rows.empty()},
                 {"directions", rows},
                 {"has_next", has_next},
                 {"next_href", WithParam(base, "after", has_next ? rows_in.back().code : std::string{})},
                 {"is_later_page", !query.after.empty()},
                 {"first_href", base}},
                "academics.directions_title");
}

/// The settings form of a classifier row, as typed when sent back with errors.
struct DirectionState {
    std::optional<DirectionSettingsDraft> typed;
    FormErrors errors;
    int status = 200;
};

http::Response DirectionPage(platform::Services& s, http::Request& request, const std::string& code,
                             const DirectionState& state) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    auto found = FindDirection(who, s.db, code);
    if (!found) return Error(s, request, found.error());
    const auto& d = found.value();
    json row = DirectionRow(t, d);
    const std::string regime = state.typed ? state.typed->dl_regime : std::string(DlRegimeName(d.dl_regime));
    const std::string online =
        state.typed ? state.typed->online_form : std::string(OnlineFormName(d.online_form));
    std::string parent_href;
    if (!d.parent_code.empty()) parent_href = "/academics/directions/" + d.parent_code;
    const std::string saved = state.status == 200 ? SavedNotice(t, request) : std::string{};
    json context = {{"saved", !saved.empty()},
                    {"saved_message", saved},
                    {"direction", row},
                    {"names", {{"kk", d.names.kk}, {"ru", d.names.ru}, {"en", d.names.en}}},
                    {"has_parent", !d.parent_code.empty()},
                    {"parent_code", d.parent_code},
                    {"parent_href", parent_href},
                    {"justification", d.justification},
                    {"has_justification", !d.justification.empty()},
                    {"judgement", d.justification.starts_with("JUDGEMENT")},
                    {"note", d.note},
                    {"has_note", !d.note.empty()},
                    {"name_origin", d.name_origin},
                    {"has_name_origin", !d.name_origin.empty()},
                    {"confirmed", d.confirmed.has_value()},
                    {"confirmed_by",
                     d.confirmed ? t.Format("academics.confirmed_by",
                                            {{"login", d.confirmed->login},
                                             {"date", platform::web::FormatDate(d.confirmed->at, t.lang())}})
                                 : std::string{}},
                    {"can_edit", auth::Allows(who, kEditDirections, {})},
                    {"can_confirm", auth::Allows(who, kConfirmDirections, {})},
                    {"action", "/academics/directions/" + d.code},
                    {"confirm_action", "/academics/directions/" + d.code + "/confirm"},
                    {"has_errors", !state.errors.Empty()},
                    {"errors", state.errors.Summary()},
                    {"form",
                     {{"dl_regime", state.errors.Field("dl_regime", regime)},
                      {"online_form", state.errors.Field("online_form", online)}}},
                    {"regimes", RegimeOptions(t, regime, false, d.row_type != RowType::kGroup)},
                    {"online_forms", OnlineFormOptions(t, online)}};
    return Page(s, request, "academics/direction", context, "academics.direction_title", state.status);
}

http::Response SaveDirectionAction(platform::Services& s, http::Request& request, const std::string& code) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    const DirectionSettingsDraft draft{FormField(request, "dl_regime"), FormField(request, "online_form")};
    if (auto status = SetDirectionSettings(who, {s.db, Now(), request.remote_address}, code, draft);
        !status) {
        if (!IsFormError(status.error())) return Error(s, request, status.error());
        DirectionState state{draft, {}, FormStatus(status.error())};
        if (FieldErrorsOf(status.error()).empty() &&
            status.error().message_key == "academics.regime_mixed_on_group") {
            state.errors.Add("dl_regime", t.Message(status.error().message_key, {}));
        } else {
            state.errors.AddAll(status.error(), t);
        }
        return DirectionPage(s, request, code, state);
    }
    return http::Response::Redirect("/academics/directions/" + code + "?saved=1");
}

http::Response ConfirmDirectionAction(platform::Services& s, http::Request& request,
                                      const std::string& code) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto status = ConfirmDirection(who, {s.db, Now(), request.remote_address}, code); !status) {
        return Error(s, request, status.error());
    }
    return http::Response::Redirect("/academics/directions/" + code + "?saved=1");
}

// ----- faculties and departments ---------------------------------------------------------------

/// What the faculty or department form holds.
struct StructureValues {
    std::string code;
    std::string name_kk;
    std::string name_ru;
    std::string name_en;
    std::string faculty_id;  ///< Departments only.
};

StructureValues StructureValuesOf(http::Request& request) {
    return {FormField(request, "code"), FormField(request, "name_kk"), FormField(request, "name_ru"),
            FormField(request, "name_en"), FormField(request, "faculty_id")};
}

// The form of a faculty (department == false) or department; `id` set when editing.
http::Response StructureFormPage(platform::Services& s, http::Request& request, bool department,
                                 std::optional<std::int64_t> id, const StructureValues& v,
                                 const FormErrors& errors, int status) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    json faculties = json::array();
    if (department) {
        if (auto list = ListFaculties(who, s.db, {.after = 0, .limit = kListAll})) {
            for (const auto& f : list.value()) {
                const auto value = std::to_string(f.id.value);
                if (!auth::Allows(who, kEditStructure, FacultyPath(f.id)) && value != v.faculty_id) continue;
                faculties.push_back({{"value", value},
                                     {"label", f.code + " — " + t.Name(f.names)},
                                     {"selected", value == v.faculty_id}});
            }
        }
    }
    const std::string base = department ? "/academics/departments" : "/academics/faculties";
    std::string title = department
                            ? (id ? "academics.department_edit_title" : "academics.department_new_title")
                            : (id ? "academics.faculty_edit_title" : "academics.faculty_new_title");
    return Page(s, request, "academics/structure_form",
                {{"heading", t.Get(title)},
                 {"editing", id.has_value()},
                 {"action", id ? base + "/" + std::to_string(*id) : base},
                 {"department", department},
                 {"has_errors", !errors.Empty()},
                 {"errors", errors.Summary()},
                 {"form",
                  {{"code", errors.Field("code", v.code)},
                   {"name_kk", errors.Field("name_kk", v.name_kk)},
                   {"name_ru", errors.Field("name_ru", v.name_ru)},
                   {"name_en", errors.Field("name_en", v.name_en)},
                   {"faculty_id", errors.Field("faculty_id", v.faculty_id)}}},
                 {"faculties", faculties}},
                title, status);
}

http::Response NewFacultyPage(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = auth::Require(who, kEditStructure); !allowed) {
        return Error(s, request, allowed.error());
    }
    return StructureFormPage(s, request, false, std::nullopt, {}, FormErrors{}, 200);
}

http::Response NewDepartmentPage(platform::Services& s, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auth::ScopesWith(who, kEditStructure).empty()) {
        return Error(s, request, auth::Require(who, kEditStructure).error());
    }
    StructureValues v;
    v.faculty_id = QueryText(request, "faculty");
    return StructureFormPage(s, request, true, std::nullopt, v, FormErrors{}, 200);
}

// Saves a faculty or department form: creates when `id` is empty.
http::Response SaveStructureAction(platform::Services& s, http::Request& request, bool department,
                                   std::optional<std::int64_t> id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    const auto v = StructureValuesOf(request);
    const Names names{v.name_kk, v.name_ru, v.name_en};
    const Change change{s.db, Now(), request.remote_address};
    core::Status status = core::Ok{};
    if (department) {
        const DepartmentDraft draft{v.faculty_id, v.code, names};
        if (id) {
            status = UpdateDepartment(who, change, DepartmentId{*id}, draft);
        } else if (auto created = CreateDepartment(who, change, draft); !created) {
            status = created.error();
        }
    } else {
        const FacultyDraft draft{v.code, names};
        if (id) {
            status = UpdateFaculty(who, change, FacultyId{*id}, draft);
        } else if (auto created = CreateFaculty(who, change, draft); !created) {
            status = created.error();
        }
    }
    if (!status) {
        if (!IsFormError(status.error())) return Error(s, request, status.error());
        FormErrors errors;
        errors.AddAll(status.error(), t);
        return StructureFormPage(s, request, department, id, v, errors, FormStatus(status.error()));
    }
    return http::Response::Redirect("/academics?saved=1");
}

http::Response EditFacultyPage(platform::Services& s, http::Request& request, FacultyId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto f = FindFaculty(who, s.db, id);
    if (!f) return Error(s, request, f.error());
    if (auto allowed = auth::Require(who, kEditStructure, FacultyPath(id)); !allowed) {
        return Error(s, request, allowed.error());
    }
    return StructureFormPage(s, request, false, id.value,
                             {f->code, f->names.kk, f->names.ru, f->names.en, ""}, FormErrors{}, 200);
}

http::Response EditDepartmentPage(platform::Services& s, http::Request& request, DepartmentId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto d = FindDepartment(who, s.db, id);
    if (!d) return Error(s, request, d.error());
    if (auto allowed = auth::Require(who, kEditStructure, FacultyPath(d->faculty_id)); !allowed) {
        return Error(s, request, allowed.error());
    }
    return StructureFormPage(
        s, request, true, id.value,
        {d->code, d->names.kk, d->names.ru, d->names.en, std::to_string(d->faculty_id.value)}, FormErrors{},
        200);
}

// Wraps a handler that takes a positive {id} of type Id.
template <typename Id, typename F>
http::Handler WithId(platform::Services& s, F f) {
    return [&s, f](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) return Error(s, request, PageNotFound());
        return f(s, request, Id{*id});
    };
}

}  // namespace

void AddPageRoutes(http::Router& router, platform::Services& services) {
    auto& s = services;
    router.Add(http::Method::kGet, "/academics", [&s](http::Request& r) { return OverviewPage(s, r); });
    router.Add(http::Method::kGet, "/academics/programmes",
               [&s](http::Request& r) { return ProgrammesPage(s, r); });
    router.Add(http::Method::kGet, "/academics/programmes/new",
               [&s](http::Request& r) { return NewProgrammePage(s, r); });
    router.Add(http::Method::kPost, "/academics/programmes",
               [&s](http::Request& r) { return CreateProgrammeAction(s, r); });
    router.Add(http::Method::kGet, "/academics/programmes/{id}", WithId<ProgrammeId>(s, ProgrammePage));
    router.Add(http::Method::kPost, "/academics/programmes/{id}",
               WithId<ProgrammeId>(s, UpdateProgrammeAction));
    router.Add(http::Method::kGet, "/academics/programmes/{id}/edit",
               WithId<ProgrammeId>(s, EditProgrammePage));
    router.Add(http::Method::kPost, "/academics/programmes/{id}/curricula",
               WithId<ProgrammeId>(s, CreateCurriculumAction));
    router.Add(http::Method::kGet, "/academics/faculties/new",
               [&s](http::Request& r) { return NewFacultyPage(s, r); });
    router.Add(http::Method::kPost, "/academics/faculties",
               [&s](http::Request& r) { return SaveStructureAction(s, r, false, std::nullopt); });
    router.Add(http::Method::kGet, "/academics/faculties/{id}", WithId<FacultyId>(s, EditFacultyPage));
    router.Add(http::Method::kPost, "/academics/faculties/{id}",
               WithId<FacultyId>(s, [](platform::Services& c, http::Request& r, FacultyId id) {
                   return SaveStructureAction(c, r, false, id.value);
               }));
    router.Add(http::Method::kGet, "/academics/departments/new",
               [&s](http::Request& r) { return NewDepartmentPage(s, r); });
    router.Add(http::Method::kPost, "/academics/departments",
               [&s](http::Request& r) { return SaveStructureAction(s, r, true, std::nullopt); });
    router.Add(http::Method::kGet, "/academics/departments/{id}",
               WithId<DepartmentId>(s, EditDepartmentPage));
    router.Add(http::Method::kPost, "/academics/departments/{id}",
               WithId<DepartmentId>(s, [](platform::Services& c, http::Request& r, DepartmentId id) {
                   return SaveStructureAction(c, r, true, id.value);
               }));
    router.Add(http::Method::kGet, "/academics/directions",
               [&s](http::Request& r) { return DirectionsPage(s, r); });
    router.Add(http::Method::kGet, "/academics/directions/{code}", [&s](http::Request& r) {
        return DirectionPage(s, r, std::string(r.Param("code")), DirectionState{});
    });
    router.Add(http::Method::kPost, "/academics/directions/{code}",
               [&s](http::Request& r) { return SaveDirectionAction(s, r, std::string(r.Param("code"))); });
    router.Add(http::Method::kPost, "/academics/directions/{code}/confirm",
               [&s](http::Request& r) { return ConfirmDirectionAction(s, r, std::string(r.Param("code"))); });
}

}  // namespace oqu::academics::detail
