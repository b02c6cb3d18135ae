#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "people/api.hpp"
#include "people/directory.hpp"
#include "people/permissions.hpp"
#include "people/routes_support.hpp"
#include "people/support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

// The teacher pages (list, one teacher, new and edit forms) and the teacher API.
namespace oqu::people::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

json TeacherRow(const Teacher& teacher, const Texts& t) {
    return {{"href", TeacherHref(teacher.id)},
            {"name", DisplayName(teacher.name)},
            {"latin_name", teacher.name.latin},
            {"department", teacher.department_code},
            {"position", t.Get("people.position_" + std::string(PositionName(teacher.position)))},
            {"degree", t.Get("people.degree_" + std::string(DegreeName(teacher.degree)))},
            {"has_degree", teacher.degree != Degree::kNone}};
}

json TeacherJson(const Teacher& teacher) {
    return {{"id", teacher.id.value},
            {"surname", teacher.name.surname},
            {"given_name", teacher.name.given_name},
            {"patronymic", teacher.name.patronymic},
            {"latin_name", teacher.name.latin},
            {"department_id", teacher.department_id},
            {"department", teacher.department_code},
            {"position", PositionName(teacher.position)},
            {"degree", DegreeName(teacher.degree)},
            {"user_id", teacher.user_id ? json(*teacher.user_id) : json(nullptr)}};
}

bool MayEdit(const auth::Principal& who, const Teacher& teacher) {
    return auth::Allows(who, kEditTeachers, FacultyPath(teacher.faculty_id));
}

// ----- pages -----------------------------------------------------------------------------------

http::Response TeachersPage(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    const auto directory = Directory::Load(who, services.db);
    ListQuery query;
    query.text = QueryText(request, "q");
    const std::string department = QueryText(request, "department");
    if (const auto* d = directory.DepartmentByCode(department); d != nullptr) {
        query.department_id = d->id;
    }
    const std::int64_t page = PageParam(request);
    query.limit = kPerPage;
    query.offset = static_cast<int>(std::min((page - 1) * kPerPage, kMaxOffset));
    auto list = ListTeachers(who, services.db, query);
    if (!list) {
        return HtmlError(services, request, list.error());
    }
    json rows = json::array();
    for (const auto& teacher : list->items) {
        rows.push_back(TeacherRow(teacher, t));
    }
    json departments = json::array();
    for (const auto& d : directory.departments()) {
        departments.push_back({{"value", d.code}, {"label", d.code}, {"selected", d.code == department}});
    }
    const std::string base =
        WithParam(WithParam("/people/teachers", "q", query.text), "department", department);
    json context = {{"q", query.text},
                    {"departments", departments},
                    {"teachers", rows},
                    {"has_teachers", !rows.empty()},
                    {"can_create", static_cast<bool>(RequireSomewhere(who, kEditTeachers))}};
    AddPager(context, t, base, page, list->total);
    return HtmlPage(services, request, "people/teachers", context, "people.teachers_title");
}

http::Response TeacherPage(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    auto teacher = FindTeacher(who, services.db, TeacherId{id});
    if (!teacher) {
        return HtmlError(services, request, teacher.error());
    }
    json row = TeacherRow(teacher.value(), t);
    row["has_latin_name"] = !teacher->name.latin.empty();
    return HtmlPage(services, request, "people/teacher",
                    {{"teacher", row},
                     {"can_edit", MayEdit(who, teacher.value())},
                     {"edit_href", TeacherHref(teacher->id) + "/edit"},
                     {"saved", QueryText(request, "saved") == "1"}},
                    "people.teacher_title");
}

// The values of the teacher form, as typed.
TeacherDraft TeacherDraftFromForm(http::Request& request) {
    TeacherDraft d;
    d.surname = FormField(request, "surname");
    d.given_name = FormField(request, "given_name");
    d.patronymic = FormField(request, "patronymic");
    d.latin_name = FormField(request, "latin_name");
    d.department = FormField(request, "department");
    d.position = FormField(request, "position");
    d.degree = FormField(request, "degree");
    return d;
}

TeacherDraft TeacherDraftOf(const Teacher& teacher) {
    TeacherDraft d;
    d.surname = teacher.name.surname;
    d.given_name = teacher.name.given_name;
    d.patronymic = teacher.name.patronymic;
    d.latin_name = teacher.name.latin;
    d.department = teacher.department_code;
    d.position = std::string(PositionName(teacher.position));
    d.degree = std::string(DegreeName(teacher.degree));
    return d;
}

// The departments the actor may add teachers to (people:edit_teachers on the faculty).
json EditableDepartments(const auth::Principal& who, const Directory& directory, std::string_view selected) {
    json out = json::array();
    for (const auto& d : directory.departments()) {
        if (d.code != selected && !auth::Allows(who, kEditTeachers, FacultyPath(d.faculty_id))) {
            continue;
        }
        out.push_back({{"value", d.code}, {"label", d.code}, {"selected", d.code == selected}});
    }
    return out;
}

http::Response TeacherFormPage(const platform::Services& services, const http::Request& request,
                               std::optional<TeacherId> id, const TeacherDraft& d, const FormErrors& errors,
                               int status) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    const auto directory = Directory::Load(who, services.db);
    return HtmlPage(services, request, "people/teacher_form",
                    {{"editing", id.has_value()},
                     {"action", id ? TeacherHref(*id) : "/people/teachers/new"},
                     {"cancel_href", id ? TeacherHref(*id) : "/people/teachers"},
                     {"has_errors", !errors.Empty()},
                     {"errors", errors.Summary()},
                     {"form",
                      {{"surname", errors.Field("surname", d.surname)},
                       {"given_name", errors.Field("given_name", d.given_name)},
                       {"patronymic", errors.Field("patronymic", d.patronymic)},
                       {"latin_name", errors.Field("latin_name", d.latin_name)},
                       {"department", errors.Field("department", d.department)},
                       {"position", errors.Field("position", d.position)},
                       {"degree", errors.Field("degree", d.degree)}}},
                     {"departments", EditableDepartments(who, directory, d.department)},
                     {"positions", Options(PositionCodes(), "people.position_", t, d.position)},
                     {"degrees", Options(DegreeCodes(), "people.degree_", t, d.degree)}},
                    id ? "people.teacher_edit_title" : "people.teacher_new_title", status);
}

// A use-case failure of the form: the form again with the field errors, or the error page.
http::Response TeacherFormFailure(const platform::Services& services, const http::Request& request,
                                  std::optional<TeacherId> id, const TeacherDraft& d,
                                  const core::Error& error) {
    const auto status = FormErrorStatus(error);
    if (!status) {
        return HtmlError(services, request, error);
    }
    const Texts t(services, request);
    FormErrors errors;
    errors.AddAll(error, t);
    return TeacherFormPage(services, request, id, d, errors, *status);
}

http::Response NewTeacherPage(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = RequireSomewhere(who, kEditTeachers); !allowed) {
        return HtmlError(services, request, allowed.error());
    }
    TeacherDraft d;
    d.position = "assistant";
    d.degree = "none";
    return TeacherFormPage(services, request, std::nullopt, d, FormErrors{}, 200);
}

http::Response CreateTeacherPost(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto d = TeacherDraftFromForm(request);
    auto id = CreateTeacher(who, Change{services.db, Now(), request.remote_address}, d);
    if (!id) {
        return TeacherFormFailure(services, request, std::nullopt, d, id.error());
    }
    return http::Response::Redirect(TeacherHref(id.value()) + "?saved=1");
}

http::Response EditTeacherPage(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto teacher = FindTeacher(who, services.db, TeacherId{id});
    if (!teacher) {
        return HtmlError(services, request, teacher.error());
    }
    if (!MayEdit(who, teacher.value())) {
        return HtmlError(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "people:edit_teachers"));
    }
    return TeacherFormPage(services, request, teacher->id, TeacherDraftOf(teacher.value()), FormErrors{},
                           200);
}

http::Response UpdateTeacherPost(const platform::Services& services, http::Request& request,
                                 std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto d = TeacherDraftFromForm(request);
    auto status = UpdateTeacher(who, Change{services.db, Now(), request.remote_address}, TeacherId{id}, d);
    if (!status) {
        return TeacherFormFailure(services, request, TeacherId{id}, d, status.error());
    }
    return http::Response::Redirect(TeacherHref(TeacherId{id}) + "?saved=1");
}

// ----- JSON API --------------------------------------------------------------------------------

http::Response ApiTeachers(const platform::Services& services, http::Request& request) {
    auto query = ListQueryOf(request, "department_id");
    if (!query) {
        return ApiError(services, request, query.error());
    }
    auto list = ListTeachers(*auth::CurrentPrincipal(request), services.db, query.value());
    if (!list) {
        return ApiError(services, request, list.error());
    }
    json items = json::array();
    for (const auto& teacher : list->items) {
        items.push_back(TeacherJson(teacher));
    }
    return JsonResponse({{"total", list->total},
                         {"limit", query->limit},
                         {"next", NextCursor({query->limit, query->offset}, list->items.size(), list->total)},
                         {"teachers", items}});
}

http::Response ApiTeacher(const platform::Services& services, http::Request& request, std::int64_t id) {
    auto teacher = FindTeacher(*auth::CurrentPrincipal(request), services.db, TeacherId{id});
    if (!teacher) {
        return ApiError(services, request, teacher.error());
    }
    return JsonResponse(TeacherJson(teacher.value()));
}

// The members of a teacher body that are set (absent or null members keep the draft's value).
core::Status ApplyTeacherJson(const json& body, TeacherDraft& d) {
    for (const auto& [key, member] :
         {std::pair<const char*, std::string TeacherDraft::*>{"surname", &TeacherDraft::surname},
          {"given_name", &TeacherDraft::given_name},
          {"patronymic", &TeacherDraft::patronymic},
          {"latin_name", &TeacherDraft::latin_name},
          {"department", &TeacherDraft::department},
          {"position", &TeacherDraft::position},
          {"degree", &TeacherDraft::degree}}) {
        if (auto taken = TakeString(body, key, d.*member); !taken) {
            return taken;
        }
    }
    return core::OkStatus();
}

http::Response ApiCreateTeacher(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    TeacherDraft d;
    if (auto applied = ApplyTeacherJson(body.value(), d); !applied) {
        return ApiError(services, request, applied.error());
    }
    auto id = CreateTeacher(who, Change{services.db, Now(), request.remote_address}, d);
    if (!id) {
        return ApiError(services, request, id.error());
    }
    auto teacher = FindTeacher(who, services.db, id.value());
    auto response = JsonResponse(teacher ? TeacherJson(teacher.value()) : json{{"id", id->value}}, 201);
    response.SetHeader("Location", "/api/v1/people/teachers/" + std::to_string(id->value));
    return response;
}

http::Response ApiUpdateTeacher(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) {
        return ApiError(services, request, body.error());
    }
    auto teacher = FindTeacher(who, services.db, TeacherId{id});
    if (!teacher) {
        return ApiError(services, request, teacher.error());
    }
    TeacherDraft d = TeacherDraftOf(teacher.value());
    if (auto applied = ApplyTeacherJson(body.value(), d); !applied) {
        return ApiError(services, request, applied.error());
    }
    if (auto status =
            UpdateTeacher(who, Change{services.db, Now(), request.remote_address}, TeacherId{id}, d);
        !status) {
        return ApiError(services, request, status.error());
    }
    return ApiTeacher(services, request, id);
}

}  // namespace

void AddTeacherRoutes(http::Router& router, platform::Services& services) {
    router.Add(http::Method::kGet, "/people/teachers", Bind(services, TeachersPage));
    router.Add(http::Method::kGet, "/people/teachers/new", Bind(services, NewTeacherPage));
    router.Add(http::Method::kPost, "/people/teachers/new", Bind(services, CreateTeacherPost));
    router.Add(http::Method::kGet, "/people/teachers/{id}", BindId(services, TeacherPage, false));
    router.Add(http::Method::kGet, "/people/teachers/{id}/edit", BindId(services, EditTeacherPage, false));
    router.Add(http::Method::kPost, "/people/teachers/{id}", BindId(services, UpdateTeacherPost, false));

    router.Add(http::Method::kGet, "/api/v1/people/teachers", Bind(services, ApiTeachers));
    router.Add(http::Method::kPost, "/api/v1/people/teachers", Bind(services, ApiCreateTeacher));
    router.Add(http::Method::kGet, "/api/v1/people/teachers/{id}", BindId(services, ApiTeacher, true));
    router.Add(http::Method::kPatch, "/api/v1/people/teachers/{id}",
               BindId(services, ApiUpdateTeacher, true));
}

}  // namespace oqu::people::detail
