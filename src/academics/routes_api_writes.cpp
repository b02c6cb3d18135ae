// The JSON API's writes under /api/v1/academics: POST creates (201 with Location), PATCH changes the
// members given, DELETE removes (204). Bodies and answers are described in openapi.json.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "academics/json.hpp"
#include "academics/routes_support.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::academics::detail {

namespace {

namespace http = platform::http;
namespace auth = platform::auth;
using nlohmann::json;

const std::string kBase = "/api/v1/academics";

Change ChangeOf(platform::Services& s, const http::Request& request) {
    return Change{s.db, Now(), request.remote_address};
}

const auth::Principal& Who(const http::Request& request) {
    return *auth::CurrentPrincipal(request);
}

// The current object as flat members (name_kk..., hours_<kind>), overlaid with the body's members;
// "names" and "hours" objects of the body are spread onto their flat members.
json Merged(json current, const json& body) {
    if (current.contains("names") && current["names"].is_object()) {
        for (const char* lang : {"kk", "ru", "en"}) {
            current[std::string("name_") + lang] = current["names"].value(lang, "");
        }
        current.erase("names");
    }
    if (current.contains("hours") && current["hours"].is_object()) {
        for (const auto& [kind, hours] : current["hours"].items()) current["hours_" + kind] = hours;
        current.erase("hours");
    }
    for (const auto& [key, value] : body.items()) {
        if (key == "names" && value.is_object()) {
            for (const char* lang : {"kk", "ru", "en"}) {
                if (value.contains(lang)) current[std::string("name_") + lang] = value[lang];
            }
        } else if (key == "hours" && value.is_object()) {
            for (const auto& [kind, hours] : value.items()) current["hours_" + kind] = hours;
        } else {
            current[key] = value;
        }
    }
    return current;
}

http::Response Created(const json& object, const std::string& location) {
    auto response = JsonResponse(object, 201);
    response.SetHeader("Location", location);
    return response;
}

// Runs a change that answers a Status: 204 when done, the error otherwise.
http::Response NoContentOr(platform::Services& s, const http::Request& request, const core::Status& status) {
    if (!status) return Error(s, request, status.error());
    auto response = http::Response::NoContent();
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

// ----- faculties and departments ---------------------------------------------------------------

http::Response CreateFacultyApi(platform::Services& s, http::Request& request) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto id = CreateFaculty(Who(request), ChangeOf(s, request), FacultyDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    auto found = FindFaculty(Who(request), s.db, id.value());
    return Created(found ? ToJson(found.value()) : json{{"id", id->value}},
                   kBase + "/faculties/" + std::to_string(id->value));
}

http::Response FacultyApi(platform::Services& s, http::Request& request, FacultyId id) {
    auto found = FindFaculty(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    return JsonResponse(ToJson(found.value()));
}

http::Response PatchFacultyApi(platform::Services& s, http::Request& request, FacultyId id) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto found = FindFaculty(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    const auto draft = FacultyDraftFromJson(Merged(ToJson(found.value()), body.value()));
    if (auto status = UpdateFaculty(Who(request), ChangeOf(s, request), id, draft); !status) {
        return Error(s, request, status.error());
    }
    return FacultyApi(s, request, id);
}

http::Response DeleteFacultyApi(platform::Services& s, http::Request& request, FacultyId id) {
    return NoContentOr(s, request, DeleteFaculty(Who(request), ChangeOf(s, request), id));
}

http::Response CreateDepartmentApi(platform::Services& s, http::Request& request) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto id = CreateDepartment(Who(request), ChangeOf(s, request), DepartmentDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    auto found = FindDepartment(Who(request), s.db, id.value());
    return Created(found ? ToJson(found.value()) : json{{"id", id->value}},
                   kBase + "/departments/" + std::to_string(id->value));
}

http::Response DepartmentApi(platform::Services& s, http::Request& request, DepartmentId id) {
    auto found = FindDepartment(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    return JsonResponse(ToJson(found.value()));
}

http::Response PatchDepartmentApi(platform::Services& s, http::Request& request, DepartmentId id) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto found = FindDepartment(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    const auto draft = DepartmentDraftFromJson(Merged(ToJson(found.value()), body.value()));
    if (auto status = UpdateDepartment(Who(request), ChangeOf(s, request), id, draft); !status) {
        return Error(s, request, status.error());
    }
    return DepartmentApi(s, request, id);
}

http::Response DeleteDepartmentApi(platform::Services& s, http::Request& request, DepartmentId id) {
    return NoContentOr(s, request, DeleteDepartment(Who(request), ChangeOf(s, request), id));
}

// ----- curricula and disciplines ---------------------------------------------------------------

http::Response CreateCurriculumApi(platform::Services& s, http::Request& request, ProgrammeId programme) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto id = CreateCurriculum(Who(request), ChangeOf(s, request), programme,
                               CurriculumDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    auto found = FindCurriculum(Who(request), s.db, id.value());
    return Created(found ? ToJson(found.value()) : json{{"id", id->value}},
                   kBase + "/curricula/" + std::to_string(id->value));
}

http::Response DeleteCurriculumApi(platform::Services& s, http::Request& request, CurriculumId id) {
    return NoContentOr(s, request, DeleteCurriculum(Who(request), ChangeOf(s, request), id));
}

http::Response AddDisciplineApi(platform::Services& s, http::Request& request, CurriculumId curriculum) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto id =
        AddDiscipline(Who(request), ChangeOf(s, request), curriculum, DisciplineDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    auto found = FindDiscipline(Who(request), s.db, id.value());
    return Created(found ? ToJson(found.value()) : json{{"id", id->value}},
                   kBase + "/disciplines/" + std::to_string(id->value));
}

http::Response DisciplineApi(platform::Services& s, http::Request& request, DisciplineId id) {
    auto found = FindDiscipline(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    return JsonResponse(ToJson(found.value()));
}

http::Response PatchDisciplineApi(platform::Services& s, http::Request& request, DisciplineId id) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto found = FindDiscipline(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    const auto draft = DisciplineDraftFromJson(Merged(ToJson(found.value()), body.value()));
    if (auto status = UpdateDiscipline(Who(request), ChangeOf(s, request), id, draft); !status) {
        return Error(s, request, status.error());
    }
    return DisciplineApi(s, request, id);
}

http::Response DeleteDisciplineApi(platform::Services& s, http::Request& request, DisciplineId id) {
    return NoContentOr(s, request, RemoveDiscipline(Who(request), ChangeOf(s, request), id));
}

// ----- academic calendar -----------------------------------------------------------------------

http::Response YearApi(platform::Services& s, http::Request& request, YearId id) {
    auto found = FindYear(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    return JsonResponse(ToJson(found.value()));
}

http::Response CreateYearApi(platform::Services& s, http::Request& request) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto id = CreateYear(Who(request), ChangeOf(s, request), YearDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    auto found = FindYear(Who(request), s.db, id.value());
    return Created(found ? ToJson(found.value()) : json{{"id", id->value}},
                   kBase + "/years/" + std::to_string(id->value));
}

// A year, period or break as the flat members its draft reads.
json YearMembers(const AcademicYear& y) {
    return {{"name", y.name}, {"start_date", FormatIsoDate(y.start)}, {"end_date", FormatIsoDate(y.end)}};
}

http::Response PatchYearApi(platform::Services& s, http::Request& request, YearId id) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto found = FindYear(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    const auto draft = YearDraftFromJson(Merged(YearMembers(found.value()), body.value()));
    if (auto status = UpdateYear(Who(request), ChangeOf(s, request), id, draft); !status) {
        return Error(s, request, status.error());
    }
    return YearApi(s, request, id);
}

http::Response DeleteYearApi(platform::Services& s, http::Request& request, YearId id) {
    return NoContentOr(s, request, DeleteYear(Who(request), ChangeOf(s, request), id));
}

http::Response PeriodApi(platform::Services& s, http::Request& request, PeriodId id) {
    auto found = FindPeriod(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    return JsonResponse(ToJson(found.value()));
}

http::Response AddPeriodApi(platform::Services& s, http::Request& request, YearId year) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto id = AddPeriod(Who(request), ChangeOf(s, request), year, PeriodDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    auto found = FindPeriod(Who(request), s.db, id.value());
    return Created(found ? ToJson(found.value()) : json{{"id", id->value}},
                   kBase + "/periods/" + std::to_string(id->value));
}

http::Response PatchPeriodApi(platform::Services& s, http::Request& request, PeriodId id) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto found = FindPeriod(Who(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    const auto draft = PeriodDraftFromJson(Merged(ToJson(found.value()), body.value()));
    if (auto status = UpdatePeriod(Who(request), ChangeOf(s, request), id, draft); !status) {
        return Error(s, request, status.error());
    }
    return PeriodApi(s, request, id);
}

http::Response DeletePeriodApi(platform::Services& s, http::Request& request, PeriodId id) {
    return NoContentOr(s, request, RemovePeriod(Who(request), ChangeOf(s, request), id));
}

http::Response AddHolidayApi(platform::Services& s, http::Request& request, YearId year) {
    auto body = JsonObjectBody(request);
    if (!body) return Error(s, request, body.error());
    auto id = AddHoliday(Who(request), ChangeOf(s, request), year, HolidayDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    json out = {{"id", id->value}};
    if (auto found = FindYear(Who(request), s.db, year)) {
        for (const auto& h : found->holidays) {
            if (h.id == id.value()) out = ToJson(h);
        }
    }
    return Created(out, kBase + "/holidays/" + std::to_string(id->value));
}

http::Response DeleteHolidayApi(platform::Services& s, http::Request& request, HolidayId id) {
    return NoContentOr(s, request, RemoveHoliday(Who(request), ChangeOf(s, request), id));
}

}  // namespace

void AddApiWriteRoutes(http::Router& router, platform::Services& services) {
    auto& s = services;
    const std::string& b = kBase;
    router.Add(http::Method::kPost, b + "/faculties",
               [&s](http::Request& r) { return CreateFacultyApi(s, r); });
    router.Add(http::Method::kGet, b + "/faculties/{id}", IdHandler<FacultyId>(s, FacultyApi));
    router.Add(http::Method::kPatch, b + "/faculties/{id}", IdHandler<FacultyId>(s, PatchFacultyApi));
    router.Add(http::Method::kDelete, b + "/faculties/{id}", IdHandler<FacultyId>(s, DeleteFacultyApi));
    router.Add(http::Method::kPost, b + "/departments",
               [&s](http::Request& r) { return CreateDepartmentApi(s, r); });
    router.Add(http::Method::kGet, b + "/departments/{id}", IdHandler<DepartmentId>(s, DepartmentApi));
    router.Add(http::Method::kPatch, b + "/departments/{id}", IdHandler<DepartmentId>(s, PatchDepartmentApi));
    router.Add(http::Method::kDelete, b + "/departments/{id}",
               IdHandler<DepartmentId>(s, DeleteDepartmentApi));
    router.Add(http::Method::kPost, b + "/programmes/{id}/curricula",
               IdHandler<ProgrammeId>(s, CreateCurriculumApi));
    router.Add(http::Method::kDelete, b + "/curricula/{id}", IdHandler<CurriculumId>(s, DeleteCurriculumApi));
    router.Add(http::Method::kPost, b + "/curricula/{id}/disciplines",
               IdHandler<CurriculumId>(s, AddDisciplineApi));
    router.Add(http::Method::kGet, b + "/disciplines/{id}", IdHandler<DisciplineId>(s, DisciplineApi));
    router.Add(http::Method::kPatch, b + "/disciplines/{id}", IdHandler<DisciplineId>(s, PatchDisciplineApi));
    router.Add(http::Method::kDelete, b + "/disciplines/{id}",
               IdHandler<DisciplineId>(s, DeleteDisciplineApi));
    router.Add(http::Method::kPost, b + "/years", [&s](http::Request& r) { return CreateYearApi(s, r); });
    router.Add(http::Method::kGet, b + "/years/{id}", IdHandler<YearId>(s, YearApi));
    router.Add(http::Method::kPatch, b + "/years/{id}", IdHandler<YearId>(s, PatchYearApi));
    router.Add(http::Method::kDelete, b + "/years/{id}", IdHandler<YearId>(s, DeleteYearApi));
    router.Add(http::Method::kPost, b + "/years/{id}/periods", IdHandler<YearId>(s, AddPeriodApi));
    router.Add(http::Method::kGet, b + "/periods/{id}", IdHandler<PeriodId>(s, PeriodApi));
    router.Add(http::Method::kPatch, b + "/periods/{id}", IdHandler<PeriodId>(s, PatchPeriodApi));
    router.Add(http::Method::kDelete, b + "/periods/{id}", IdHandler<PeriodId>(s, DeletePeriodApi));
    router.Add(http::Method::kPost, b + "/years/{id}/holidays", IdHandler<YearId>(s, AddHolidayApi));
    router.Add(http::Method::kDelete, b + "/holidays/{id}", IdHandler<HolidayId>(s, DeleteHolidayApi));
}

}  // namespace oqu::academics::detail
