#include "people/routes.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "people/api.hpp"
#include "people/directory.hpp"
#include "people/permissions.hpp"
#include "people/routes_support.hpp"
#include "people/support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::people::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

// ----- students --------------------------------------------------------------------------------

http::Response StudentsPage(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    const auto directory = Directory::Load(who, services.db);
    StudentQuery query;
    query.text = QueryText(request, "q");
    const std::string programme = QueryText(request, "programme");
    const std::string course = QueryText(request, "course");
    const std::string form = QueryText(request, "form");
    const std::string status = QueryText(request, "status");
    const std::string group = QueryText(request, "group");
    if (const auto* p = directory.ProgrammeByCode(programme); p != nullptr) query.programme_id = p->id;
    if (auto g = ParseId(group)) query.group = GroupId{*g};
    query.course_year = ParseIntIn(course, 1, 6);
    query.form = ParseStudyForm(form);
    query.status = ParseStudentStatus(status);
    const std::int64_t page = PageParam(request);
    query.limit = kPerPage;
    query.offset = static_cast<int>(std::min((page - 1) * kPerPage, kMaxOffset));
    auto list = ListStudents(who, services.db, query);
    if (!list) return HtmlError(services, request, list.error());
    json rows = json::array();
    for (const auto& s : list->items) rows.push_back(StudentRow(s, t));
    json courses = json::array();
    for (int year = 1; year <= 6; ++year) {
        courses.push_back({{"value", std::to_string(year)},
                           {"label", std::to_string(year)},
                           {"selected", std::to_string(year) == course}});
    }
    std::string base = "/people/students";
    for (const auto& [name, value] : {std::pair<std::string_view, std::string_view>{"q", query.text},
                                      {"programme", programme},
                                      {"group", group},
                                      {"course", course},
                                      {"form", form},
                                      {"status", status}}) {
        base = WithParam(base, name, value);
    }
    json context = {{"q", query.text},
                    {"group", group},
                    {"has_group_filter", query.group.has_value()},
                    {"programmes", ProgrammeOptions(directory, programme)},
                    {"courses", courses},
                    {"forms", Options(StudyFormCodes(), "people.study_form_", t, form)},
                    {"statuses", Options(StudentStatusCodes(), "people.status_", t, status)},
                    {"students", rows},
                    {"has_students", !rows.empty()},
                    {"can_create", static_cast<bool>(RequireSomewhere(who, kEditStudents))},
                    {"can_import", static_cast<bool>(RequireSomewhere(who, kImport))}};
    AddPager(context, t, base, page, list->total);
    return HtmlPage(services, request, "people/students", context, "people.students_title");
}

http::Response StudentPage(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    auto student = FindStudent(who, services.db, StudentId{id});
    if (!student) return HtmlError(services, request, student.error());
    const auto& s = student.value();
    const bool can_edit =
        !s.iin_masked && auth::Allows(who, kEditStudents, ProgrammePath(s.faculty_id, s.programme_id));
    json row = StudentRow(s, t);
    row["surname"] = s.name.surname;
    row["given_name"] = s.name.given_name;
    row["patronymic"] = s.name.patronymic;
    row["latin_name"] = s.name.latin;
    row["has_iin"] = !s.iin.empty();
    row["iin_masked"] = s.iin_masked;
    row["funding"] = t.Get("people.funding_" + std::string(FundingName(s.funding)));
    row["special_needs"] = s.special_needs;
    const bool saved = QueryText(request, "saved") == "1";
    return HtmlPage(services, request, "people/student",
                    {{"student", row},
                     {"can_edit", can_edit},
                     {"edit_href", StudentHref(s.id) + "/edit"},
                     {"saved", saved}},
                    "people.student_title");
}

// The values of the student form, as typed (or as stored).
StudentDraft DraftFromForm(http::Request& request) {
    StudentDraft d;
    d.surname = FormField(request, "surname");
    d.given_name = FormField(request, "given_name");
    d.patronymic = FormField(request, "patronymic");
    d.latin_name = FormField(request, "latin_name");
    d.iin = FormField(request, "iin");
    d.student_number = FormField(request, "student_number");
    d.programme = FormField(request, "programme");
    d.group = FormField(request, "group");
    d.course_year = FormField(request, "course_year");
    d.study_form = FormField(request, "study_form");
    d.funding = FormField(request, "funding");
    d.status = FormField(request, "status");
    d.special_needs = FormField(request, "special_needs").empty() ? "no" : "yes";
    return d;
}

StudentDraft DraftOf(const Student& s) {
    StudentDraft d;
    d.surname = s.name.surname;
    d.given_name = s.name.given_name;
    d.patronymic = s.name.patronymic;
    d.latin_name = s.name.latin;
    d.iin = s.iin;
    d.student_number = s.student_number;
    d.programme = s.programme_code;
    d.group = s.group_code;
    d.course_year = std::to_string(s.course_year);
    d.study_form = std::string(StudyFormName(s.form));
    d.funding = std::string(FundingName(s.funding));
    d.status = std::string(StudentStatusName(s.status));
    d.special_needs = s.special_needs ? "yes" : "no";
    return d;
}

http::Response StudentFormPage(const platform::Services& services, const http::Request& request,
                               std::optional<StudentId> id, const StudentDraft& d, const FormErrors& errors,
                               int status) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(services, request);
    const auto directory = Directory::Load(who, services.db);
    const std::string action = id ? StudentHref(*id) : "/people/students/new";
    return HtmlPage(services, request, "people/student_form",
                    {{"editing", id.has_value()},
                     {"action", action},
                     {"cancel_href", id ? StudentHref(*id) : "/people/students"},
                     {"has_errors", !errors.Empty()},
                     {"errors", errors.Summary()},
                     {"form",
                      {{"surname", errors.Field("surname", d.surname)},
                       {"given_name", errors.Field("given_name", d.given_name)},
                       {"patronymic", errors.Field("patronymic", d.patronymic)},
                       {"latin_name", errors.Field("latin_name", d.latin_name)},
                       {"iin", errors.Field("iin", d.iin)},
                       {"student_number", errors.Field("student_number", d.student_number)},
                       {"programme", errors.Field("programme", d.programme)},
                       {"group", errors.Field("group", d.group)},
                       {"course_year", errors.Field("course_year", d.course_year)},
                       {"study_form", errors.Field("study_form", d.study_form)},
                       {"funding", errors.Field("funding", d.funding)},
                       {"status", errors.Field("status", d.status)}}},
                     {"special_needs", ParseYesNo(d.special_needs).value_or(false)},
                     {"programmes", ProgrammeOptions(directory, d.programme)},
                     {"forms", Options(StudyFormCodes(), "people.study_form_", t, d.study_form)},
                     {"fundings", Options(FundingCodes(), "people.funding_", t, d.funding)},
                     {"statuses", Options(StudentStatusCodes(), "people.status_", t, d.status)}},
                    id ? "people.student_edit_title" : "people.student_new_title", status);
}

// A use-case failure of a form: the form again with the field errors, or the error page.
http::Response FormFailure(const platform::Services& services, const http::Request& request,
                           std::optional<StudentId> id, const StudentDraft& d, const core::Error& error) {
    if (error.code != core::ErrorCode::kInvalidInput && error.code != core::ErrorCode::kConflict &&
        error.code != core::ErrorCode::kRuleViolation) {
        return HtmlError(services, request, error);
    }
    const Texts t(services, request);
    FormErrors errors;
    errors.AddAll(error, t);
    const int status = error.code == core::ErrorCode::kInvalidInput ? 422 : http::HttpStatus(error.code);
    return StudentFormPage(services, request, id, d, errors, status);
}

http::Response NewStudentPage(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = RequireSomewhere(who, kEditStudents); !allowed) {
        return HtmlError(services, request, allowed.error());
    }
    StudentDraft d;
    d.course_year = "1";
    d.study_form = "full_time";
    d.funding = "state_grant";
    d.status = "active";
    return StudentFormPage(services, request, std::nullopt, d, FormErrors{}, 200);
}

http::Response CreateStudentPost(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto d = DraftFromForm(request);
    auto id = CreateStudent(who, Change{services.db, Now(), request.remote_address}, d);
    if (!id) return FormFailure(services, request, std::nullopt, d, id.error());
    return http::Response::Redirect(StudentHref(id.value()) + "?saved=1");
}

http::Response EditStudentPage(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto student = FindStudent(who, services.db, StudentId{id});
    if (!student) return HtmlError(services, request, student.error());
    const auto& s = student.value();
    if (s.iin_masked || !auth::Allows(who, kEditStudents, ProgrammePath(s.faculty_id, s.programme_id))) {
        return HtmlError(
            services, request,
            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "people:edit_students"));
    }
    return StudentFormPage(services, request, s.id, DraftOf(s), FormErrors{}, 200);
}

http::Response UpdateStudentPost(const platform::Services& services, http::Request& request,
                                 std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto d = DraftFromForm(request);
    auto status = UpdateStudent(who, Change{services.db, Now(), request.remote_address}, StudentId{id}, d);
    if (!status) return FormFailure(services, request, StudentId{id}, d, status.error());
    return http::Response::Redirect(StudentHref(StudentId{id}) + "?saved=1");
}

// ----- JSON API --------------------------------------------------------------------------------

json OptionalId(const auto& id) {
    return id ? json(id->value) : json(nullptr);
}

json StudentJson(const Student& s) {
    return {{"id", s.id.value},
            {"surname", s.name.surname},
            {"given_name", s.name.given_name},
            {"patronymic", s.name.patronymic},
            {"latin_name", s.name.latin},
            {"iin", s.iin},
            {"iin_masked", s.iin_masked},
            {"student_number", s.student_number},
            {"programme_id", s.programme_id},
            {"programme", s.programme_code},
            {"group_id", OptionalId(s.group)},
            {"group", s.group_code},
            {"course_year", s.course_year},
            {"study_form", StudyFormName(s.form)},
            {"funding", FundingName(s.funding)},
            {"status", StudentStatusName(s.status)},
            {"special_needs", s.special_needs},
            {"user_id", s.user_id ? json(*s.user_id) : json(nullptr)}};
}

http::Response ApiStudents(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto paging = PagingOf(request);
    if (!paging) return ApiError(services, request, paging.error());
    StudentQuery query;
    query.text = QueryText(request, "q");
    query.limit = paging->limit;
    query.offset = paging->offset;
    if (const auto text = QueryText(request, "programme_id"); !text.empty()) {
        const auto id = ParseId(text);
        if (!id) return ApiError(services, request, BadRequest("bad programme_id"));
        query.programme_id = *id;
    }
    if (const auto text = QueryText(request, "group_id"); !text.empty()) {
        const auto id = ParseId(text);
        if (!id) return ApiError(services, request, BadRequest("bad group_id"));
        query.group = GroupId{*id};
    }
    if (const auto text = QueryText(request, "course_year"); !text.empty()) {
        query.course_year = ParseIntIn(text, 1, 6);
        if (!query.course_year) return ApiError(services, request, BadRequest("bad course_year"));
    }
    if (const auto text = QueryText(request, "study_form"); !text.empty()) {
        query.form = ParseStudyForm(text);
        if (!query.form) return ApiError(services, request, BadRequest("bad study_form"));
    }
    if (const auto text = QueryText(request, "status"); !text.empty()) {
        query.status = ParseStudentStatus(text);
        if (!query.status) return ApiError(services, request, BadRequest("bad status"));
    }
    auto list = ListStudents(who, services.db, query);
    if (!list) return ApiError(services, request, list.error());
    json items = json::array();
    for (const auto& s : list->items) items.push_back(StudentJson(s));
    return JsonResponse({{"total", list->total},
                         {"limit", paging->limit},
                         {"next", NextCursor(paging.value(), list->items.size(), list->total)},
                         {"students", items}});
}

http::Response ApiStudent(const platform::Services& services, http::Request& request, std::int64_t id) {
    auto student = FindStudent(*auth::CurrentPrincipal(request), services.db, StudentId{id});
    if (!student) return ApiError(services, request, student.error());
    return JsonResponse(StudentJson(student.value()));
}

// The members of a student body that are set (absent or null members keep the draft's value).
core::Status ApplyStudentJson(const json& body, StudentDraft& d) {
    static constexpr std::pair<const char*, std::string StudentDraft::*> kText[] = {
        {"surname", &StudentDraft::surname},
        {"given_name", &StudentDraft::given_name},
        {"patronymic", &StudentDraft::patronymic},
        {"latin_name", &StudentDraft::latin_name},
        {"iin", &StudentDraft::iin},
        {"student_number", &StudentDraft::student_number},
        {"programme", &StudentDraft::programme},
        {"group", &StudentDraft::group},
        {"study_form", &StudentDraft::study_form},
        {"funding", &StudentDraft::funding},
        {"status", &StudentDraft::status},
    };
    for (const auto& [key, member] : kText) {
        const auto it = body.find(key);
        if (it == body.end() || it->is_null()) continue;
        if (!it->is_string()) return BadRequest(std::string(key) + " is not a string");
        d.*member = it->get<std::string>();
    }
    if (const auto it = body.find("course_year"); it != body.end() && !it->is_null()) {
        if (!it->is_number_integer()) return BadRequest("course_year is not an integer");
        d.course_year = std::to_string(it->get<std::int64_t>());
    }
    if (const auto it = body.find("special_needs"); it != body.end() && !it->is_null()) {
        if (!it->is_boolean()) return BadRequest("special_needs is not a boolean");
        d.special_needs = it->get<bool>() ? "yes" : "no";
    }
    return core::OkStatus();
}

http::Response ApiCreateStudent(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) return ApiError(services, request, body.error());
    StudentDraft d;
    if (auto applied = ApplyStudentJson(body.value(), d); !applied) {
        return ApiError(services, request, applied.error());
    }
    auto id = CreateStudent(who, Change{services.db, Now(), request.remote_address}, d);
    if (!id) return ApiError(services, request, id.error());
    auto student = FindStudent(who, services.db, id.value());
    auto response = JsonResponse(student ? StudentJson(student.value()) : json{{"id", id->value}}, 201);
    response.SetHeader("Location", "/api/v1/people/students/" + std::to_string(id->value));
    return response;
}

http::Response ApiUpdateStudent(const platform::Services& services, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) return ApiError(services, request, body.error());
    auto student = FindStudent(who, services.db, StudentId{id});
    if (!student) return ApiError(services, request, student.error());
    StudentDraft d = DraftOf(student.value());
    if (student->iin_masked) {
        // The stored IIN is not visible to the caller: it cannot be sent back unchanged.
        const auto it = body->find("iin");
        if (it == body->end() || it->is_null()) {
            return ApiError(services, request,
                            core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "iin masked"));
        }
    }
    if (auto applied = ApplyStudentJson(body.value(), d); !applied) {
        return ApiError(services, request, applied.error());
    }
    if (auto status =
            UpdateStudent(who, Change{services.db, Now(), request.remote_address}, StudentId{id}, d);
        !status) {
        return ApiError(services, request, status.error());
    }
    return ApiStudent(services, request, id);
}

// ----- CSV import --------------------------------------------------------------------------------

constexpr std::uint64_t kMaxImportBytes = 5ULL << 20;

json KindOptions(const Texts& t, std::string_view selected) {
    json out = json::array();
    for (const auto kind : {ImportKind::kStudents, ImportKind::kTeachers, ImportKind::kGroups}) {
        const std::string name(ImportKindName(kind));
        out.push_back({{"value", name},
                       {"label", t.Get("people.import_kind_" + name)},
                       {"selected", name == selected}});
    }
    return out;
}

// The column's title in the page language ("IIN" for "iin"), else the key itself.
std::string ColumnTitle(const Texts& t, const std::string& column) {
    const std::string key = "people." + column;
    const std::string& title = t.Get(key);
    return title == key ? column : title;
}

json ImportErrorJson(const Texts& t, const platform::csv::FieldError& e) {
    return {{"row", e.row},
            {"has_column", !e.column.empty()},
            {"column", e.column.empty() ? "" : ColumnTitle(t, e.column)},
            {"message", t.Message(e.message_key, e.args)}};
}

http::Response ImportPage(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = RequireSomewhere(who, kImport); !allowed) {
        return HtmlError(services, request, allowed.error());
    }
    const Texts t(services, request);
    const std::string done = QueryText(request, "done");
    const auto count = ParseNumber(done);
    return HtmlPage(
        services, request, "people/import",
        {{"kinds", KindOptions(t, QueryText(request, "kind"))},
         {"done", count.has_value()},
         {"done_message", count ? t.Format("people.import_done", {{"count", std::to_string(*count)}}) : ""},
         {"has_errors", false},
         {"errors", json::array()}},
        "people.import_title");
}

http::Response ImportFormError(const platform::Services& services, const http::Request& request,
                               std::string_view kind, const std::string& message) {
    const Texts t(services, request);
    return HtmlPage(services, request, "people/import",
                    {{"kinds", KindOptions(t, kind)},
                     {"done", false},
                     {"done_message", ""},
                     {"has_errors", true},
                     {"errors", json::array({json{{"message", message}}})}},
                    "people.import_title", 422);
}

http::Response PreviewPage(const platform::Services& services, const http::Request& request, ImportKind kind,
                           const platform::csv::Preview<ImportRow>& preview, const std::string& token,
                           int status) {
    const Texts t(services, request);
    json file_errors = json::array();
    for (const auto& e : preview.file_errors) file_errors.push_back(ImportErrorJson(t, e));
    json rows = json::array();
    for (const auto& r : preview.rows) {
        json errors = json::array();
        for (const auto& e : r.errors) errors.push_back(ImportErrorJson(t, e));
        std::string label;
        if (r.value) {
            label = r.value->label;
        } else {
            for (const auto& cell : r.cells) {
                if (cell.empty()) continue;
                if (!label.empty()) label += " ";
                label += cell;
                if (label.size() > 60) break;
            }
        }
        const std::string status_name(platform::csv::RowStatusName(r.status));
        rows.push_back({{"row", r.row},
                        {"label", label},
                        {"status", t.Get("people.import_status_" + status_name)},
                        {"is_error", r.status == platform::csv::RowStatus::kError},
                        {"is_new", r.status == platform::csv::RowStatus::kNew},
                        {"errors", errors},
                        {"has_errors", !errors.empty()}});
    }
    std::string unknown;
    for (const auto& column : preview.unknown_columns) unknown += (unknown.empty() ? "" : ", ") + column;
    const bool importable = preview.Importable() && !token.empty();
    using platform::csv::RowStatus;
    return HtmlPage(
        services, request, "people/import_preview",
        {{"kind", ImportKindName(kind)},
         {"kind_label", t.Get("people.import_kind_" + std::string(ImportKindName(kind)))},
         {"summary", t.Format("people.import_summary",
                              {{"new", std::to_string(preview.Count(RowStatus::kNew))},
                               {"update", std::to_string(preview.Count(RowStatus::kUpdate))},
                               {"unchanged", std::to_string(preview.Count(RowStatus::kUnchanged))},
                               {"error", std::to_string(preview.Count(RowStatus::kError))}})},
         {"has_file_errors", !file_errors.empty()},
         {"file_errors", file_errors},
         {"has_unknown", !unknown.empty()},
         {"unknown", t.Format("people.import_unknown_columns", {{"columns", unknown}})},
         {"rows", rows},
         {"has_rows", !rows.empty()},
         {"importable", importable},
         {"token", token}},
        "people.import_preview_title", status);
}

http::Response ImportUpload(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = RequireSomewhere(who, kImport); !allowed) {
        return HtmlError(services, request, allowed.error());
    }
    const Texts t(services, request);
    auto form = request.Form();
    if (!form) return HtmlError(services, request, form.error());
    const std::string kind_name = FormField(request, "kind");
    const auto kind = ParseImportKind(kind_name);
    if (!kind) return ImportFormError(services, request, kind_name, t.Get("people.import_kind_required"));
    const auto* file = form.value()->File("file");
    if (file == nullptr || file->size == 0) {
        return ImportFormError(services, request, kind_name, t.Get("people.import_file_required"));
    }
    auto content = file->ReadAll();
    if (!content) return HtmlError(services, request, content.error());
    auto preview = PreviewImport(who, services.db, *kind, content.value(), Now());
    if (!preview) return HtmlError(services, request, preview.error());
    std::string token;
    if (preview->Importable()) {
        auto saved = SaveUpload(who, Change{services.db, Now(), request.remote_address}, *kind,
                                file->filename, content.value());
        if (!saved) return HtmlError(services, request, saved.error());
        token = saved.value();
    }
    return PreviewPage(services, request, *kind, preview.value(), token, preview->Importable() ? 200 : 422);
}

http::Response ImportCommit(const platform::Services& services, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const auto kind = ParseImportKind(FormField(request, "kind"));
    if (!kind) return HtmlError(services, request, PageNotFound());
    auto content = LoadUpload(who, services.db, *kind, FormField(request, "token"), Now());
    if (!content) return HtmlError(services, request, content.error());
    auto result =
        CommitImport(who, Change{services.db, Now(), request.remote_address}, *kind, content.value());
    if (!result) return HtmlError(services, request, result.error());
    if (!result->committed) return PreviewPage(services, request, *kind, result.value(), "", 422);
    return http::Response::Redirect("/people/import?kind=" + std::string(ImportKindName(*kind)) +
                                    "&done=" + std::to_string(result->rows.size()));
}

}  // namespace

void AddRoutes(platform::http::Router& router, platform::Services& services) {
    services.navigation.Add({.href = "/people/students",
                             .label_key = "people.nav_students",
                             .description_key = "people.nav_students_description",
                             .capability = &kViewPeople,
                             .order = 30});
    services.navigation.Add({.href = "/people/groups",
                             .label_key = "people.nav_groups",
                             .description_key = "people.nav_groups_description",
                             .capability = &kViewPeople,
                             .order = 31});
    services.navigation.Add({.href = "/people/teachers",
                             .label_key = "people.nav_teachers",
                             .description_key = "people.nav_teachers_description",
                             .capability = &kViewPeople,
                             .order = 32});

    // Pages; every route is Audience::kSignedIn (the default): the gate guarantees a principal.
    router.Add(http::Method::kGet, "/people/students", Bind(services, StudentsPage));
    router.Add(http::Method::kGet, "/people/students/new", Bind(services, NewStudentPage));
    router.Add(http::Method::kPost, "/people/students/new", Bind(services, CreateStudentPost));
    router.Add(http::Method::kGet, "/people/students/{id}", BindId(services, StudentPage, false));
    router.Add(http::Method::kGet, "/people/students/{id}/edit", BindId(services, EditStudentPage, false));
    router.Add(http::Method::kPost, "/people/students/{id}", BindId(services, UpdateStudentPost, false));
    router.Add(http::Method::kGet, "/people/import", Bind(services, ImportPage));
    router.Add(http::Method::kPost, "/people/import", Bind(services, ImportUpload),
               {.max_body = kMaxImportBytes});
    router.Add(http::Method::kPost, "/people/import/commit", Bind(services, ImportCommit));

    // JSON API (session cookie + X-CSRF-Token; see openapi.json).
    router.Add(http::Method::kGet, "/api/v1/people/students", Bind(services, ApiStudents));
    router.Add(http::Method::kPost, "/api/v1/people/students", Bind(services, ApiCreateStudent));
    router.Add(http::Method::kGet, "/api/v1/people/students/{id}", BindId(services, ApiStudent, true));
    router.Add(http::Method::kPatch, "/api/v1/people/students/{id}",
               BindId(services, ApiUpdateStudent, true));

    AddGroupRoutes(router, services);
    AddTeacherRoutes(router, services);
}

}  // namespace oqu::people::detail