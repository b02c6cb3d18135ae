#include <algorithm>
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

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 500;

http::Response Json(const json& body, int status = 200) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

core::Error BadRequest(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "academics.bad_request", std::move(detail));
}

// limit (1..500, default 100) of a list request; nullopt when malformed.
std::optional<int> LimitParam(const http::Request& request) {
    const auto text = QueryText(request, "limit");
    if (text.empty()) return kDefaultLimit;
    const auto value = ParseNumber(text);
    if (!value || *value == 0) return std::nullopt;
    return static_cast<int>(std::min<std::int64_t>(*value, kMaxLimit));
}

std::optional<PageRequest> PageParams(const http::Request& request) {
    const auto limit = LimitParam(request);
    const auto after_text = QueryText(request, "after");
    const auto after = after_text.empty() ? std::optional<std::int64_t>(0) : ParseNumber(after_text);
    if (!limit || !after) return std::nullopt;
    return PageRequest{*after, *limit};
}

core::Result<json> JsonBody(const http::Request& request) {
    if (!request.body_file.empty()) return BadRequest("body too large for JSON");
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return BadRequest("body is not a JSON object");
    return body;
}

template <typename T>
json List(const std::vector<T>& items) {
    json out = json::array();
    for (const auto& item : items) out.push_back(ToJson(item));
    return out;
}

// {"items": [...], "next_after": id or null}.
template <typename T>
json IdPage(const std::vector<T>& items, int limit) {
    json next = nullptr;
    if (static_cast<int>(items.size()) == limit && !items.empty()) next = items.back().id.value;
    return {{"items", List(items)}, {"next_after", next}};
}

http::Response Faculties(platform::Services& s, http::Request& request) {
    const auto page = PageParams(request);
    if (!page) return Error(s, request, BadRequest("bad limit/after"));
    auto list = ListFaculties(*auth::CurrentPrincipal(request), s.db, *page);
    if (!list) return Error(s, request, list.error());
    return Json(IdPage(list.value(), page->limit));
}

http::Response Programmes(platform::Services& s, http::Request& request) {
    const auto page = PageParams(request);
    if (!page) return Error(s, request, BadRequest("bad limit/after"));
    std::optional<FacultyId> faculty;
    if (const auto text = QueryText(request, "faculty_id"); !text.empty()) {
        const auto id = ParseId(text);
        if (!id) return Error(s, request, BadRequest("bad faculty_id"));
        faculty = FacultyId{*id};
    }
    std::optional<Level> level;
    if (const auto text = QueryText(request, "level"); !text.empty()) {
        level = ParseLevel(text);
        if (!level) return Error(s, request, BadRequest("bad level"));
    }
    auto list = ListProgrammes(*auth::CurrentPrincipal(request), s.db, faculty, *page);
    if (!list) return Error(s, request, list.error());
    json out = IdPage(list.value(), page->limit);
    if (level) {
        json items = json::array();
        for (const auto& p : list.value()) {
            if (p.level == *level) items.push_back(ToJson(p));
        }
        out["items"] = items;
    }
    return Json(out);
}

http::Response Programme(platform::Services& s, http::Request& request, ProgrammeId id) {
    auto found = FindProgramme(*auth::CurrentPrincipal(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    json out = ToJson(found.value());
    if (auto curricula = ListCurricula(*auth::CurrentPrincipal(request), s.db, id)) {
        json list = json::array();
        for (const auto& c : curricula.value()) {
            list.push_back({{"id", c.id.value}, {"admission_year", c.admission_year}});
        }
        out["curricula"] = list;
    }
    return Json(out);
}

http::Response CreateProgrammeApi(platform::Services& s, http::Request& request) {
    auto body = JsonBody(request);
    if (!body) return Error(s, request, body.error());
    const auto& who = *auth::CurrentPrincipal(request);
    auto id =
        CreateProgramme(who, {s.db, Now(), request.remote_address}, ProgrammeDraftFromJson(body.value()));
    if (!id) return Error(s, request, id.error());
    auto found = FindProgramme(who, s.db, id.value());
    auto response = Json(found ? ToJson(found.value()) : json{{"id", id->value}}, 201);
    response.SetHeader("Location", "/api/v1/academics/programmes/" + std::to_string(id->value));
    return response;
}

// PATCH: the members given replace the stored ones.
http::Response PatchProgrammeApi(platform::Services& s, http::Request& request, ProgrammeId id) {
    auto body = JsonBody(request);
    if (!body) return Error(s, request, body.error());
    const auto& who = *auth::CurrentPrincipal(request);
    auto found = FindProgramme(who, s.db, id);
    if (!found) return Error(s, request, found.error());
    json merged = ToJson(found.value());
    merged.erase("names");
    merged["name_kk"] = found->names.kk;
    merged["name_ru"] = found->names.ru;
    merged["name_en"] = found->names.en;
    for (const auto& [key, value] : body->items()) {
        if (key == "names" && value.is_object()) {
            for (const char* lang : {"kk", "ru", "en"}) {
                if (value.contains(lang)) merged[std::string("name_") + lang] = value[lang];
            }
            continue;
        }
        merged[key] = value;
    }
    if (merged["department_id"].is_null()) merged["department_id"] = "";
    if (auto status =
            UpdateProgramme(who, {s.db, Now(), request.remote_address}, id, ProgrammeDraftFromJson(merged));
        !status) {
        return Error(s, request, status.error());
    }
    return Programme(s, request, id);
}

http::Response CurriculumApi(platform::Services& s, http::Request& request, CurriculumId id) {
    auto found = FindCurriculum(*auth::CurrentPrincipal(request), s.db, id);
    if (!found) return Error(s, request, found.error());
    return Json(ToJson(found.value()));
}

http::Response Directions(platform::Services& s, http::Request& request) {
    DirectionQuery query;
    const auto limit = LimitParam(request);
    if (!limit) return Error(s, request, BadRequest("bad limit"));
    query.limit = *limit;
    query.text = QueryText(request, "q");
    query.after = QueryText(request, "after");
    if (const auto text = QueryText(request, "level"); !text.empty()) {
        query.level = ParseLevel(text);
        if (!query.level) return Error(s, request, BadRequest("bad level"));
    }
    if (const auto text = QueryText(request, "regime"); !text.empty()) {
        query.regime = ParseDlRegime(text);
        if (!query.regime) return Error(s, request, BadRequest("bad regime"));
    }
    if (const auto text = QueryText(request, "row_type"); !text.empty()) {
        query.row_type = ParseRowType(text);
        if (!query.row_type) return Error(s, request, BadRequest("bad row_type"));
    }
    query.needs_confirmation = QueryText(request, "needs_confirmation") == "true";
    auto list = ListDirections(*auth::CurrentPrincipal(request), s.db, query);
    if (!list) return Error(s, request, list.error());
    json next = nullptr;
    if (static_cast<int>(list->size()) == query.limit && !list->empty()) next = list->back().code;
    return Json({{"items", List(list.value())}, {"next_after", next}});
}

http::Response DirectionApi(platform::Services& s, http::Request& request) {
    auto found = FindDirection(*auth::CurrentPrincipal(request), s.db, request.Param("code"));
    if (!found) return Error(s, request, found.error());
    return Json(ToJson(found.value()));
}

http::Response Years(platform::Services& s, http::Request& request) {
    const auto page = PageParams(request);
    if (!page) return Error(s, request, BadRequest("bad limit/after"));
    auto list = ListYears(*auth::CurrentPrincipal(request), s.db, *page);
    if (!list) return Error(s, request, list.error());
    return Json(IdPage(list.value(), page->limit));
}

template <typename Id, typename F>
http::Handler WithId(platform::Services& s, F f) {
    return [&s, f](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) return Error(s, request, PageNotFound());
        return f(s, request, Id{*id});
    };
}

}  // namespace

void AddApiRoutes(http::Router& router, platform::Services& services) {
    auto& s = services;
    const std::string base = "/api/v1/academics";
    router.Add(http::Method::kGet, base + "/faculties", [&s](http::Request& r) { return Faculties(s, r); });
    router.Add(http::Method::kGet, base + "/programmes", [&s](http::Request& r) { return Programmes(s, r); });
    router.Add(http::Method::kPost, base + "/programmes",
               [&s](http::Request& r) { return CreateProgrammeApi(s, r); });
    router.Add(http::Method::kGet, base + "/programmes/{id}", WithId<ProgrammeId>(s, Programme));
    router.Add(http::Method::kPatch, base + "/programmes/{id}", WithId<ProgrammeId>(s, PatchProgrammeApi));
    router.Add(http::Method::kGet, base + "/curricula/{id}", WithId<CurriculumId>(s, CurriculumApi));
    router.Add(http::Method::kGet, base + "/directions", [&s](http::Request& r) { return Directions(s, r); });
    router.Add(http::Method::kGet, base + "/directions/{code}",
               [&s](http::Request& r) { return DirectionApi(s, r); });
    router.Add(http::Method::kGet, base + "/years", [&s](http::Request& r) { return Years(s, r); });
}

}  // namespace oqu::academics::detail
