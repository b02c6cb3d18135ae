// The curriculum page and the forms that add, change and remove its disciplines.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "academics/permissions.hpp"
#include "academics/routes_support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::academics::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

std::string CurriculumHref(CurriculumId id) {
    return "/academics/curricula/" + std::to_string(id.value);
}

std::string DisciplineHref(DisciplineId id) {
    return "/academics/disciplines/" + std::to_string(id.value);
}

// A curriculum with its programme, as the actor sees them.
struct Plan {
    Curriculum curriculum;
    Programme programme;
};

core::Result<Plan> LoadPlan(platform::Services& s, const auth::Principal& who, CurriculumId id) {
    auto curriculum = FindCurriculum(who, s.db, id);
    if (!curriculum) return curriculum.error();
    auto programme = FindProgramme(who, s.db, curriculum->programme_id);
    if (!programme) return programme.error();
    return Plan{std::move(curriculum.value()), std::move(programme.value())};
}

std::string PlanTitle(const Texts& t, const Curriculum& c) {
    return t.Format("academics.curriculum_of_year", {{"year", std::to_string(c.admission_year)}});
}

std::string DisciplineLabel(const Texts& t, const Discipline& d) {
    return d.code + " " + t.Name(d.names);
}

// ----- the curriculum page ---------------------------------------------------------------------

http::Response CurriculumPage(platform::Services& s, http::Request& request, CurriculumId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    auto plan = LoadPlan(s, who, id);
    if (!plan) return Error(s, request, plan.error());
    const auto& c = plan->curriculum;
    const auto& p = plan->programme;
    const bool can_edit = auth::Allows(who, kEditCurriculum, ScopePath(p));
    std::map<int, std::vector<const Discipline*>> by_semester;
    for (const auto& d : c.disciplines) by_semester[d.semester].push_back(&d);
    json kinds = json::array();
    for (ClassKind kind : kClassKinds) kinds.push_back(t.Get(EnumKey("hours", ClassKindName(kind))));
    json semesters = json::array();
    int total = 0;
    for (const auto& [semester, list] : by_semester) {
        json rows = json::array();
        int credits = 0;
        for (const Discipline* d : list) {
            json hours = json::array();
            for (ClassKind kind : kClassKinds) hours.push_back(d->hours.Of(kind));
            const std::string label = DisciplineLabel(t, *d);
            rows.push_back({{"code", d->code},
                            {"name", t.Name(d->names)},
                            {"credits", d->credits},
                            {"cycle", t.Get(EnumKey("cycle", CycleName(d->cycle)))},
                            {"component", t.Get(EnumKey("component", ComponentName(d->component)))},
                            {"hours", hours},
                            {"control", t.Get(EnumKey("control", ControlName(d->control)))},
                            {"edit_href", DisciplineHref(d->id) + "/edit"},
                            {"edit_label", t.Format("academics.edit_item", {{"item", label}})},
                            {"remove_href", DisciplineHref(d->id) + "/remove"},
                            {"remove_label", t.Format("academics.remove_item", {{"item", label}})}});
            credits += d->credits;
        }
        total += credits;
        const auto n = std::to_string(semester);
        semesters.push_back(
            {{"id", "semester-" + n},
             {"title", t.Format("academics.semester_n", {{"n", n}})},
             {"disciplines", rows},
             {"credits_total", t.Format("academics.credits_total", {{"count", std::to_string(credits)}})}});
    }
    const std::string saved = SavedMessage(t, request);
    const std::string href = CurriculumHref(id);
    return Page(s, request, "academics/curriculum",
                {{"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"title", PlanTitle(t, c)},
                 {"programme", p.code + " " + t.Name(p.names)},
                 {"programme_href", "/academics/programmes/" + std::to_string(p.id.value)},
                 {"kinds", kinds},
                 {"has_disciplines", !semesters.empty()},
                 {"semesters", semesters},
                 {"total", t.Format("academics.credits_overall", {{"count", std::to_string(total)}})},
                 {"can_edit", can_edit},
                 {"new_discipline_href", href + "/disciplines/new"},
                 {"import_href", href + "/import"},
                 {"can_delete", can_edit && c.disciplines.empty()},
                 {"delete_href", href + "/delete"}},
                "academics.curriculum_title");
}

// ----- the discipline form ---------------------------------------------------------------------

/// What the discipline form holds.
struct DisciplineValues {
    std::string code;
    std::string name_kk;
    std::string name_ru;
    std::string name_en;
    std::string credits;
    std::string cycle = "general";
    std::string component = "required";
    std::string semester = "1";
    std::string control = "exam";
    std::array<std::string, kClassKinds.size()> hours{};
};

DisciplineValues ValuesOf(const Discipline& d) {
    DisciplineValues v{d.code,
                       d.names.kk,
                       d.names.ru,
                       d.names.en,
                       std::to_string(d.credits),
                       std::string(CycleName(d.cycle)),
                       std::string(ComponentName(d.component)),
                       std::to_string(d.semester),
                       std::string(ControlName(d.control)),
                       {}};
    for (ClassKind kind : kClassKinds) {
        v.hours[static_cast<std::size_t>(kind)] = std::to_string(d.hours.Of(kind));
    }
    return v;
}

DisciplineValues ValuesOf(http::Request& request) {
    DisciplineValues v;
    v.code = FormField(request, "code");
    v.name_kk = FormField(request, "name_kk");
    v.name_ru = FormField(request, "name_ru");
    v.name_en = FormField(request, "name_en");
    v.credits = FormField(request, "credits");
    v.cycle = FormField(request, "cycle");
    v.component = FormField(request, "component");
    v.semester = FormField(request, "semester");
    v.control = FormField(request, "control");
    for (ClassKind kind : kClassKinds) {
        v.hours[static_cast<std::size_t>(kind)] =
            FormField(request, "hours_" + std::string(ClassKindName(kind)));
    }
    return v;
}

DisciplineDraft DraftOf(const DisciplineValues& v) {
    DisciplineDraft d;
    d.code = v.code;
    d.names = {v.name_kk, v.name_ru, v.name_en};
    d.credits = v.credits;
    d.cycle = v.cycle;
    d.component = v.component;
    d.semester = v.semester;
    d.control = v.control;
    for (std::size_t i = 0; i < v.hours.size(); ++i) d.hours[i] = v.hours[i];
    return d;
}

// The form of a new discipline of `plan` (id empty) or of discipline `id`.
http::Response DisciplineFormPage(platform::Services& s, http::Request& request, const Plan& plan,
                                  std::optional<DisciplineId> id, const DisciplineValues& v,
                                  const FormErrors& errors, int status) {
    const Texts t(s, request);
    json hours = json::array();
    for (ClassKind kind : kClassKinds) {
        const std::string name(ClassKindName(kind));
        const std::string field = "hours_" + name;
        json entry = errors.Field(field, v.hours[static_cast<std::size_t>(kind)]);
        entry["name"] = field;
        entry["label"] = t.Get(EnumKey("hours", name));
        hours.push_back(entry);
    }
    const std::string back = CurriculumHref(plan.curriculum.id);
    return Page(
        s, request, "academics/discipline_form",
        {{"editing", id.has_value()},
         {"action", id ? DisciplineHref(*id) : back + "/disciplines"},
         {"cancel_href", back},
         {"curriculum", PlanTitle(t, plan.curriculum)},
         {"programme", plan.programme.code + " " + t.Name(plan.programme.names)},
         {"max_semester", MaxSemester(plan.programme.level)},
         {"has_errors", !errors.Empty()},
         {"errors", errors.Summary()},
         {"form",
          {{"code", errors.Field("code", v.code)},
           {"name_kk", errors.Field("name_kk", v.name_kk)},
           {"name_ru", errors.Field("name_ru", v.name_ru)},
           {"name_en", errors.Field("name_en", v.name_en)},
           {"credits", errors.Field("credits", v.credits)},
           {"cycle", errors.Field("cycle", v.cycle)},
           {"component", errors.Field("component", v.component)},
           {"semester", errors.Field("semester", v.semester)},
           {"control", errors.Field("control", v.control)},
           {"hours_total", errors.Field("hours_total", "")}}},
         {"hours", hours},
         {"cycles", EnumOptions(t, "cycle", {"general", "basic", "profile"}, v.cycle)},
         {"components", EnumOptions(t, "component", {"required", "university", "elective"}, v.component)},
         {"controls", EnumOptions(t, "control", {"exam", "credit", "coursework"}, v.control)}},
        id ? "academics.discipline_edit_title" : "academics.discipline_new_title", status);
}

// The plan of a curriculum the actor may change; the error page's error otherwise.
core::Result<Plan> PlanForChange(platform::Services& s, const auth::Principal& who, CurriculumId id) {
    auto plan = LoadPlan(s, who, id);
    if (!plan) return plan.error();
    if (auto allowed = auth::Require(who, kEditCurriculum, ScopePath(plan->programme)); !allowed) {
        return allowed.error();
    }
    return plan;
}

http::Response NewDisciplinePage(platform::Services& s, http::Request& request, CurriculumId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto plan = PlanForChange(s, who, id);
    if (!plan) return Error(s, request, plan.error());
    return DisciplineFormPage(s, request, plan.value(), std::nullopt, DisciplineValues{}, FormErrors{}, 200);
}

http::Response AddDisciplineAction(platform::Services& s, http::Request& request, CurriculumId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    const auto v = ValuesOf(request);
    auto added = AddDiscipline(who, {s.db, Now(), request.remote_address}, id, DraftOf(v));
    if (!added) {
        if (!IsFormError(added.error())) return Error(s, request, added.error());
        auto plan = LoadPlan(s, who, id);
        if (!plan) return Error(s, request, plan.error());
        FormErrors errors;
        errors.AddAll(added.error(), t);
        return DisciplineFormPage(s, request, plan.value(), std::nullopt, v, errors,
                                  FormStatus(added.error()));
    }
    return http::Response::Redirect(CurriculumHref(id) + "?saved=1");
}

// The discipline and its plan, when the actor may change them.
struct Owned {
    Discipline discipline;
    Plan plan;
};

core::Result<Owned> DisciplineForChange(platform::Services& s, const auth::Principal& who, DisciplineId id) {
    auto discipline = FindDiscipline(who, s.db, id);
    if (!discipline) return discipline.error();
    auto plan = PlanForChange(s, who, discipline->curriculum_id);
    if (!plan) return plan.error();
    return Owned{std::move(discipline.value()), std::move(plan.value())};
}

http::Response EditDisciplinePage(platform::Services& s, http::Request& request, DisciplineId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto owned = DisciplineForChange(s, who, id);
    if (!owned) return Error(s, request, owned.error());
    return DisciplineFormPage(s, request, owned->plan, id, ValuesOf(owned->discipline), FormErrors{}, 200);
}

http::Response UpdateDisciplineAction(platform::Services& s, http::Request& request, DisciplineId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(s, request);
    const auto v = ValuesOf(request);
    auto current = FindDiscipline(who, s.db, id);
    if (!current) return Error(s, request, current.error());
    if (auto status = UpdateDiscipline(who, {s.db, Now(), request.remote_address}, id, DraftOf(v)); !status) {
        if (!IsFormError(status.error())) return Error(s, request, status.error());
        auto plan = LoadPlan(s, who, current->curriculum_id);
        if (!plan) return Error(s, request, plan.error());
        FormErrors errors;
        errors.AddAll(status.error(), t);
        return DisciplineFormPage(s, request, plan.value(), id, v, errors, FormStatus(status.error()));
    }
    return http::Response::Redirect(CurriculumHref(current->curriculum_id) + "?saved=1");
}

// ----- removals --------------------------------------------------------------------------------

RemovalPrompt DisciplineRemoval(const Texts& t, const Owned& owned) {
    return {"academics.discipline_remove_title",
            t.Format("academics.discipline_remove_question",
                     {{"discipline", DisciplineLabel(t, owned.discipline)},
                      {"curriculum", PlanTitle(t, owned.plan.curriculum)}}),
            DisciplineHref(owned.discipline.id) + "/remove",
            t.Get("academics.discipline_remove_submit"),
            CurriculumHref(owned.plan.curriculum.id),
            "",
            200};
}

http::Response RemoveDisciplinePage(platform::Services& s, http::Request& request, DisciplineId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto owned = DisciplineForChange(s, who, id);
    if (!owned) return Error(s, request, owned.error());
    return RemovalPage(s, request, DisciplineRemoval(Texts(s, request), owned.value()));
}

http::Response RemoveDisciplineAction(platform::Services& s, http::Request& request, DisciplineId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto current = FindDiscipline(who, s.db, id);
    if (!current) return Error(s, request, current.error());
    if (auto status = RemoveDiscipline(who, {s.db, Now(), request.remote_address}, id); !status) {
        return Error(s, request, status.error());
    }
    return http::Response::Redirect(CurriculumHref(current->curriculum_id) + "?saved=1");
}

// Only an empty curriculum is removed from its page: its disciplines go one by one first, so that
// a curriculum full of work is never lost by one click.
RemovalPrompt CurriculumRemoval(const Texts& t, const Plan& plan) {
    RemovalPrompt prompt{"academics.curriculum_delete_title",
                         t.Format("academics.curriculum_delete_question",
                                  {{"curriculum", PlanTitle(t, plan.curriculum)},
                                   {"programme", plan.programme.code + " " + t.Name(plan.programme.names)}}),
                         CurriculumHref(plan.curriculum.id) + "/delete",
                         t.Get("academics.curriculum_delete_submit"),
                         CurriculumHref(plan.curriculum.id),
                         "",
                         200};
    if (!plan.curriculum.disciplines.empty()) {
        prompt.refusal = t.Get("academics.curriculum_not_empty");
        prompt.status = 409;
    }
    return prompt;
}

http::Response DeleteCurriculumPage(platform::Services& s, http::Request& request, CurriculumId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto plan = PlanForChange(s, who, id);
    if (!plan) return Error(s, request, plan.error());
    return RemovalPage(s, request, CurriculumRemoval(Texts(s, request), plan.value()));
}

http::Response DeleteCurriculumAction(platform::Services& s, http::Request& request, CurriculumId id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto plan = PlanForChange(s, who, id);
    if (!plan) return Error(s, request, plan.error());
    if (!plan->curriculum.disciplines.empty()) {
        return RemovalPage(s, request, CurriculumRemoval(Texts(s, request), plan.value()));
    }
    if (auto status = DeleteCurriculum(who, {s.db, Now(), request.remote_address}, id); !status) {
        return Error(s, request, status.error());
    }
    return http::Response::Redirect("/academics/programmes/" + std::to_string(plan->programme.id.value) +
                                    "?saved=1");
}

}  // namespace

void AddCurriculumRoutes(http::Router& router, platform::Services& services) {
    auto& s = services;
    router.Add(http::Method::kGet, "/academics/curricula/{id}", IdHandler<CurriculumId>(s, CurriculumPage));
    router.Add(http::Method::kGet, "/academics/curricula/{id}/disciplines/new",
               IdHandler<CurriculumId>(s, NewDisciplinePage));
    router.Add(http::Method::kPost, "/academics/curricula/{id}/disciplines",
               IdHandler<CurriculumId>(s, AddDisciplineAction));
    router.Add(http::Method::kGet, "/academics/curricula/{id}/delete",
               IdHandler<CurriculumId>(s, DeleteCurriculumPage));
    router.Add(http::Method::kPost, "/academics/curricula/{id}/delete",
               IdHandler<CurriculumId>(s, DeleteCurriculumAction));
    router.Add(http::Method::kGet, "/academics/disciplines/{id}/edit",
               IdHandler<DisciplineId>(s, EditDisciplinePage));
    router.Add(http::Method::kPost, "/academics/disciplines/{id}",
               IdHandler<DisciplineId>(s, UpdateDisciplineAction));
    router.Add(http::Method::kGet, "/academics/disciplines/{id}/remove",
               IdHandler<DisciplineId>(s, RemoveDisciplinePage));
    router.Add(http::Method::kPost, "/academics/disciplines/{id}/remove",
               IdHandler<DisciplineId>(s, RemoveDisciplineAction));
}

}  // namespace oqu::academics::detail
