#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "people/api.hpp"
#include "people/directory.hpp"
#include "people/permissions.hpp"
#include "people/routes_support.hpp"
#include "people/support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

// The study group pages (list, one group, new and edit forms) and the group API.
namespace oqu::people::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

// Curators offered in the form: the teachers the actor may see, up to this many.
constexpr int kMaxCurators = 500;

const std::vector<std::string_view>& LanguageCodes() {
    static const std::vector<std::string_view> kCodes = {"kk", "ru", "en"};
    return kCodes;
}

std::string LanguageLabel(const Texts& t, const std::string& code) {
    const auto& codes = LanguageCodes();
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
        return code;
    }
    return t.Get("people.language_" + code);
}

json GroupRow(const Group& g, const Texts& t) {
    return {{"href", GroupHref(g.id)},
            {"code", g.code},
            {"programme", g.programme_code},
            {"admission_year", g.admission_year},
            {"language", LanguageLabel(t, g.language)},
            {"curator", g.curator_name},
            {"has_curator", g.curator.has_value()},
            {"curator_href", g.curator ? TeacherHref(*g.curator) : ""},
            {"parent", g.parent_code},
            {"has_parent", g.parent.has_value()},
            {"parent_href", g.parent ? GroupHref(*g.parent) : ""},
            {"students", g.students}};
}

json OptionalId(const auto& id) {
    return id ? json(id->value) : json(nullptr);
}

json GroupJson(const Group& g) {
    return {{"id", g.id.value},
            {"code", g.code},
            {"programme_id", g.programme_id},
            {"programme", g.programme_code},
            {"admission_year", g.admission_year},
            {"language", g.language},
            {"curator_id", OptionalId(g.curator)},
            {"curator_name", g.curator_name},
            {"parent_id", OptionalId(g.parent)},
            {"parent", g.parent_code},
            {"students", g.students}};
}

bool MayEdit(const auth::Principal& who, const Group& g) {
    return auth::Allows(who, kEditGroups, ProgrammePath(g.faculty_id, g.programme_id));
}

// ----- pages -----------------------------------------------------------------------------------

http::Response GroupsPage(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    const auto directory = Directory::Load(who, services.db);
    ListQuery query;
    query.text = QueryText(request, "q");
    const std::string programme = QueryText(request, "programme");
    if (const auto* p = directory.ProgrammeByCode(programme); p != nullptr) {
        query.programme_id = p->id;
    }
    const std::int64_t page = PageParam(request);
    query.limit = kPerPage;
    query.offset = static_cast<int>(std::min((page - 1) * kPerPage, kMaxOffset));
    auto list = ListGroups(who, services.db, query);
    if (!list) {
        return HtmlError(services, request, list.error());
    }
    json rows = json::array();
    for (const auto& g : list->items) {
        rows.push_back(GroupRow(g, t));
    }
    const std::string base = WithParam(WithParam("/people/groups", "q", query.text), "programme", programme);
    json context = {{"q", query.text},
                    {"programmes", ProgrammeOptions(directory, programme)},
                    {"groups", rows},
                    {"has_groups", !rows.empty()},
                    {"can_create", static_cast<bool>(RequireSomewhere(who, kEditGroups))}};
    AddPager(context, t, base, page, list->total);
    return HtmlPage(services, request, "people/groups", context, "people.groups_title");
}

http::Response GroupPage(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    auto group = FindGroup(who, services.db, GroupId{id});
    if (!group) {
        return HtmlError(services, request, group.error());
    }
    StudentQuery query;
    query.group = GroupId{id};
    query.limit = 500;
    auto students = ListStudents(who, services.db, query);
    if (!students) {
        return HtmlError(services, request, students.error());
    }
    json rows = json::array();
    for (const auto& s : students->items) {
        rows.push_back(StudentRow(s, t));
    }
    return HtmlPage(services, request, "people/group",
                    {{"group", GroupRow(group.value(), t)},
                     {"students", rows},
                     {"has_students", !rows.empty()},
                     {"found", t.Format("people.found", {{"count", std::to_string(students->total)}})},
                     {"can_edit", MayEdit(who, group.value())},
                     {"edit_href", GroupHref(group->id) + "/edit"},
                     {"saved", QueryText(request, "saved") == "1"}},
                    "people.group_title");
}

// The values of the group form, as typed.
GroupDraft GroupDraftFromForm(http::Request& request) {
    GroupDraft d;
    d.code = FormField(request, "code");
    d.programme = FormField(request, "programme");
    d.admission_year = FormField(request, "admission_year");
    d.language = FormField(request, "language");
    d.curator = FormField(request, "curator");
    d.parent = FormField(request, "parent");
    return d;
}

GroupDraft GroupDraftOf(const Group& g) {
    GroupDraft d;
    d.code = g.code;
    d.programme = g.programme_code;
    d.admission_year = std::to_string(g.admission_year);
    d.language = g.language;
    d.curator = g.curator ? std::to_string(g.curator->value) : "";
    d.parent = g.parent_code;
    return d;
}

// The programmes the actor may place groups in (people:edit_groups on the programme).
json EditableProgrammes(const auth::Principal& who, const Directory& directory, std::string_view selected) {
    json out = json::array();
    for (const auto& p : directory.programmes()) {
        if (p.code != selected && !auth::Allows(who, kEditGroups, ProgrammePath(p.faculty_id, p.id))) {
            continue;
        }
        out.push_back({{"value", p.code}, {"label", p.code}, {"selected", p.code == selected}});
    }
    return out;
}

// "None" and the teachers the actor may see; a chosen curator outside that list is kept.
json CuratorOptions(const platform::Services& services, const auth::Principal& who,
                    const std::string& selected, const std::string& selected_name, const Texts& t) {
    json out = json::array();
    out.push_back({{"value", ""}, {"label", t.Get("people.curator_none")}, {"selected", selected.empty()}});
    ListQuery query;
    query.limit = kMaxCurators;
    bool found = selected.empty();
    if (auto teachers = ListTeachers(who, services.db, query)) {
        for (const auto& teacher : teachers->items) {
            const std::string value = std::to_string(teacher.id.value);
            std::string label = DisplayName(teacher.name);
            if (!teacher.department_code.empty()) {
                label += " (" + teacher.department_code + ")";
            }
            found = found || value == selected;
            out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
        }
    }
    if (!found) {
        out.push_back({{"value", selected},
                       {"label", selected_name.empty() ? selected : selected_name},
                       {"selected", true}});
    }
    return out;
}

http::Response GroupFormPage(const platform::Services& services, const http::Request& request,
                             const std::optional<Group>& group, const GroupDraft& d, const FormErrors& errors,
                             int status) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    const auto directory = Directory::Load(who, services.db);
    const std::string curator_name =
        group && group->curator && d.curator == std::to_string(group->curator->value) ? group->curator_name
                                                                                      : std::string{};
    return HtmlPage(services, request, "people/group_form",
                    {{"editing", group.has_value()},
                     {"action", group ? GroupHref(group->id) : "/people/groups/new"},
                     {"cancel_href", group ? GroupHref(group->id) : "/people/groups"},
                     {"has_errors", !errors.Empty()},
                     {"errors", errors.Summary()},
                     {"form",
                      {{"code", errors.Field("code", d.code)},
                       {"programme", errors.Field("programme", d.programme)},
                       {"admission_year", errors.Field("admission_year", d.admission_year)},
                       {"language", errors.Field("language", d.language)},
                       {"curator", errors.Field("curator", d.curator)},
                       {"parent", errors.Field("parent", d.parent)}}},
                     {"programmes", EditableProgrammes(who, directory, d.programme)},
                     {"languages", Options(LanguageCodes(), "people.language_", t, d.language)},
                     {"curators", CuratorOptions(services, who, d.curator, curator_name, t)}},
                    group ? "people.group_edit_title" : "people.group_new_title", status);
}

// A use-case failure of the form: the form again with the field errors, or the error page.
http::Response GroupFormFailure(const platform::Services& services, const http::Request& request,
                                const std::optional<Group>& group, const GroupDraft& d,
                                const core::Error& error) {
    const auto status = FormErrorStatus(error);
    if (!status) {
        return HtmlError(services, request, error);
    }
    const Texts t(services, request);
    FormErrors errors;
    errors.AddAll(error, t);
    return GroupFormPage(services, request, group, d, errors, *status);
}

http::Response NewGroupPage(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = RequireSomewhere(who, kEditGroups); !allowed) {
        return HtmlError(services, request, allowed.error());
    }
    GroupDraft d;
    d.admission_year = std::to_string(YearOf(Now()));
    d.language = "kk";
    return GroupFormPage(services, request, std::nullopt, d, FormErrors{}, 200);
}

http::Response CreateGroupPost(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto d = GroupDraftFromForm(request);
    auto id = CreateGroup(who, Change{services.db, Now(), request.remote_address}, d);
    if (!id) {
        return GroupFormFailure(services, request, std::nullopt, d, id.error());
    }
    return http::Response::Redirect(GroupHref(id.value()) + "?saved=1");
}

// The group, if the actor may change it: kNotFound when it may not see it, kForbidden when it
// may see but not change it.
core::Result<Group> EditableGroup(const auth::Principal& who, platform::db::Database& db, std::int64_t id) {
    auto group = FindGroup(who, db, GroupId{id});
    if (!group) {
        return group.error();
    }
    if (!MayEdit(who, group.value())) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "people:edit_groups");
    }
    return group;
}

http::Response EditGroupPage(const platform::Services& services, http::Request& request, std::int64_t id) {
    auto group = EditableGroup(*auth::CurrentPrincipal(request), services.db, id);
    if (!group) {
        return HtmlError(services, request, group.error());
    }
    return GroupFormPage(services, request, group.value(), GroupDraftOf(group.value()), FormErrors{}, 200);
}

http::Response UpdateGroupPost(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto group = EditableGroup(who, services.db, id);
    if (!group) {
        return HtmlError(services, request, group.error());
    }
    const auto d = GroupDraftFromForm(request);
    auto status = UpdateGroup(who, Change{services.db, Now(), request.remote_address}, GroupId{id}, d);
    if (!status) {
        return GroupFormFailure(services, request, group.value(), d, status.error());
    }
    return http::Response::Redirect(GroupHref(GroupId{id}) + "?saved=1");
}

// ----- JSON API --------------------------------------------------------------------------------

http::Response ApiGroups(const platform::Services& services, http::Request& request) {
    auto query = ListQueryOf(request, "programme_id");
    if (!query) {
        return ApiError(services, request, query.error());
    }
    auto list = ListGroups(*auth::CurrentPrincipal(request), services.db, query.value());
    if (!list) {
        return ApiError(services, request, list.error());
    }
    json items = json::array();
    for (const auto& g : list->items) {
        items.push_back(GroupJson(g));
    }
    return JsonResponse({{"total", list->total},
                         {"limit", query->limit},
                         {"next", NextCursor({query->limit, query->offset}, list->items.size(), list->total)},
                         {"groups", items}});
}

http::Response ApiGroup(const platform::Services& services, http::Request& request, std::int64_t id) {
    auto group = FindGroup(*auth::CurrentPrincipal(request), services.db, GroupId{id});
    if (!group) {
        return ApiError(services, request, group.error());
    }
    return JsonResponse(GroupJson(group.value()));
}

// The members of a group body that are set (absent or null members keep the draft's value;
// curator_id 0 and parent "" remove the curator and the main group).
core::Status ApplyGroupJson(const json& body, GroupDraft& d) {
    for (const auto& [key, member] :
         {std::pair<const char*, std::string GroupDraft::*>{"code", &GroupDraft::code},
          {"programme", &GroupDraft::programme},
          {"language", &GroupDraft::language},
          {"parent", &GroupDraft::parent}}) {
        if (auto taken = TakeString(body, key, d.*member); !taken) {
            return taken;
        }
    }
    if (const auto it = body.find("admission_year"); it != body.end() && !it->is_null()) {
        if (!it->is_number_integer()) {
            return BadRequest("admission_year is not an integer");
        }
        d.admission_year = std::to_string(it->get<std::int64_t>());
    }
    if (const auto it = body.find("curator_id"); it != body.end() && !it->is_null()) {
        if (!it->is_number_integer()) {
            return BadRequest("curator_id is not an integer");
        }
        const auto curator = it->get<std::int64_t>();
        d.curator = curator == 0 ? "" : std::to_string(curator);
    }
    return core::OkStatus();
}

http::Response ApiCreateGroup(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    GroupDraft d;
    if (auto applied = ApplyGroupJson(body.value(), d); !applied) {
        return ApiError(services, request, applied.error());
    }
    auto id = CreateGroup(who, Change{services.db, Now(), request.remote_address}, d);
    if (!id) {
        return ApiError(services, request, id.error());
    }
    auto group = FindGroup(who, services.db, id.value());
    auto response = JsonResponse(group ? GroupJson(group.value()) : json{{"id", id->value}}, 201);
    response.SetHeader("Location", "/api/v1/people/groups/" + std::to_string(id->value));
    return response;
}

http::Response ApiUpdateGroup(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    auto group = FindGroup(who, services.db, GroupId{id});
    if (!group) {
        return ApiError(services, request, group.error());
    }
    GroupDraft d = GroupDraftOf(group.value());
    if (auto applied = ApplyGroupJson(body.value(), d); !applied) {
        return ApiError(services, request, applied.error());
    }
    if (auto status = UpdateGroup(who, Change{services.db, Now(), request.remote_address}, GroupId{id}, d);
        !status) {
        return ApiError(services, request, status.error());
    }
    return ApiGroup(services, request, id);
}

}  // namespace

void AddGroupRoutes(http::Router& router, platform::Services& services) {
    router.Add(http::Method::kGet, "/people/groups", Bind(services, GroupsPage));
    router.Add(http::Method::kGet, "/people/groups/new", Bind(services, NewGroupPage));
    router.Add(http::Method::kPost, "/people/groups/new", Bind(services, CreateGroupPost));
    router.Add(http::Method::kGet, "/people/groups/{id}", BindId(services, GroupPage, false));
    router.Add(http::Method::kGet, "/people/groups/{id}/edit", BindId(services, EditGroupPage, false));
    router.Add(http::Method::kPost, "/people/groups/{id}", BindId(services, UpdateGroupPost, false));

    router.Add(http::Method::kGet, "/api/v1/people/groups", Bind(services, ApiGroups));
    router.Add(http::Method::kPost, "/api/v1/people/groups", Bind(services, ApiCreateGroup));
    router.Add(http::Method::kGet, "/api/v1/people/groups/{id}", BindId(services, ApiGroup, true));
    router.Add(http::Method::kPatch, "/api/v1/people/groups/{id}", BindId(services, ApiUpdateGroup, true));
}

}  // namespace oqu::people::detail
