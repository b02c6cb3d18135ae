#include "people/routes_support.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

#include "platform/http/errors.hpp"
#include "platform/http/url.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"

namespace oqu::people::detail {

namespace http = platform::http;
namespace web = platform::web;
using nlohmann::json;

namespace {

constexpr std::int64_t kApiDefaultLimit = 50;
constexpr std::int64_t kApiMaxLimit = 500;
constexpr std::int64_t kMaxPage = 1'000'000;

}  // namespace

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

// ----- parsing ---------------------------------------------------------------------------------

std::optional<std::int64_t> ParseNumber(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < 0) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    auto id = ParseNumber(text);
    if (!id || *id == 0) {
        return std::nullopt;
    }
    return id;
}

core::Error PageNotFound() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

core::Error BadRequest(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "people.bad_request", std::move(detail));
}

std::string FormField(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) {
        return {};
    }
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

std::string QueryText(const http::Request& request, std::string_view name) {
    return request.Query(name).value_or("");
}

// ----- rendering helpers -----------------------------------------------------------------------

Texts::Texts(const platform::Services& services, const http::Request& request)
    : strings_(services.renderer.strings()), lang_(web::RequestLanguage(request)) {}

const std::string& Texts::Get(std::string_view key) const {
    return strings_.Get(lang_, key);
}

std::string Texts::Format(std::string_view key, const std::map<std::string, std::string>& args) const {
    return strings_.Format(lang_, key, args);
}

std::string Texts::Message(std::string_view key,
                           const std::vector<std::pair<std::string, std::string>>& args) const {
    const std::map<std::string, std::string> map(args.begin(), args.end());
    return strings_.Format(lang_, key, map);
}

http::Response HtmlPage(const platform::Services& services, const http::Request& request,
                        std::string_view name, const json& context, std::string_view title, int status) {
    auto response = web::RenderPage(services.renderer, request, name, context, title);
    if (response.status == 200) {
        response.status = status;
    }
    // Personal data: never cached.
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response HtmlError(const platform::Services& services, const http::Request& request,
                         const core::Error& error) {
    auto response = web::RenderError(services.renderer, request, error);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

json Options(const std::vector<std::string_view>& codes, std::string_view prefix, const Texts& t,
             std::string_view selected) {
    json out = json::array();
    for (const auto code : codes) {
        out.push_back({{"value", code},
                       {"label", t.Get(std::string(prefix) + std::string(code))},
                       {"selected", code == selected}});
    }
    return out;
}

json ProgrammeOptions(const Directory& directory, std::string_view selected_code) {
    json out = json::array();
    for (const auto& p : directory.programmes()) {
        out.push_back(
            {{"value", p.code}, {"id", p.id}, {"label", p.code}, {"selected", p.code == selected_code}});
    }
    return out;
}

std::string WithParam(std::string href, std::string_view name, std::string_view value) {
    if (value.empty()) {
        return href;
    }
    href += href.find('?') == std::string::npos ? '?' : '&';
    href += std::string(name) + "=" + http::PercentEncode(value);
    return href;
}

void AddPager(json& context, const Texts& t, const std::string& base, std::int64_t page, std::int64_t total) {
    const std::int64_t pages = std::max<std::int64_t>(1, (total + kPerPage - 1) / kPerPage);
    context["found"] = t.Format("people.found", {{"count", std::to_string(total)}});
    context["page_label"] =
        t.Format("people.page_of", {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}});
    context["has_prev"] = page > 1;
    context["prev_href"] = WithParam(base, "page", std::to_string(page - 1));
    context["has_next"] = page < pages;
    context["next_href"] = WithParam(base, "page", std::to_string(page + 1));
}

std::int64_t PageParam(const http::Request& request) {
    return std::clamp<std::int64_t>(ParseNumber(QueryText(request, "page")).value_or(1), 1, kMaxPage);
}

void FormErrors::Add(std::string field, std::string message) {
    if (Find(field) == nullptr) {
        list_.emplace_back(std::move(field), std::move(message));
    }
}

void FormErrors::AddAll(const core::Error& error, const Texts& t) {
    for (const auto& e : FieldErrorsOf(error)) {
        Add(e.field, t.Message(e.message_key, e.args));
    }
}

json FormErrors::Field(std::string_view name, std::string_view value) const {
    const std::string* message = Find(name);
    return {{"value", value}, {"invalid", message != nullptr}, {"error", message != nullptr ? *message : ""}};
}

json FormErrors::Summary() const {
    json out = json::array();
    for (const auto& [field, message] : list_) {
        out.push_back({{"field", field}, {"has_field", !field.empty()}, {"message", message}});
    }
    return out;
}

const std::string* FormErrors::Find(std::string_view field) const {
    for (const auto& [name, message] : list_) {
        if (name == field) {
            return &message;
        }
    }
    return nullptr;
}

std::optional<int> FormErrorStatus(const core::Error& error) {
    switch (error.code) {
        case core::ErrorCode::kInvalidInput:
            return 422;
        case core::ErrorCode::kConflict:
        case core::ErrorCode::kRuleViolation:
            return http::HttpStatus(error.code);
        default:
            return std::nullopt;
    }
}

std::string StudentHref(StudentId id) {
    return "/people/students/" + std::to_string(id.value);
}

std::string GroupHref(GroupId id) {
    return "/people/groups/" + std::to_string(id.value);
}

std::string TeacherHref(TeacherId id) {
    return "/people/teachers/" + std::to_string(id.value);
}

json StudentRow(const Student& s, const Texts& t) {
    return {{"href", StudentHref(s.id)},
            {"name", DisplayName(s.name)},
            {"iin", s.iin},
            {"student_number", s.student_number},
            {"programme", s.programme_code},
            {"group", s.group_code},
            {"has_group", s.group.has_value()},
            {"group_href", s.group ? GroupHref(*s.group) : ""},
            {"course_year", s.course_year},
            {"study_form", t.Get("people.study_form_" + std::string(StudyFormName(s.form)))},
            {"status", t.Get("people.status_" + std::string(StudentStatusName(s.status)))},
            {"active", s.status == StudentStatus::kActive}};
}

// ----- JSON API --------------------------------------------------------------------------------

http::Response JsonResponse(const json& body, int status) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response ApiError(const platform::Services& services, const http::Request& request,
                        const core::Error& error) {
    const Texts t(services, request);
    auto response = http::ErrorResponse(error, t.Message(error.message_key, error.args));
    if (error.message_key == "people.form_invalid") {
        auto body = json::parse(response.body, nullptr, false);
        if (body.is_object() && body.contains("error")) {
            json fields = json::array();
            for (const auto& e : FieldErrorsOf(error)) {
                fields.push_back({{"field", e.field}, {"message", t.Message(e.message_key, e.args)}});
            }
            body["error"]["fields"] = fields;
            response.body = body.dump();
        }
    }
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

core::Result<json> JsonBody(const http::Request& request) {
    if (!request.body_file.empty()) {
        return BadRequest("body too large for JSON");
    }
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return BadRequest("body is not a JSON object");
    }
    return body;
}

core::Status TakeString(const json& body, const char* key, std::string& target) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return core::OkStatus();
    }
    if (!it->is_string()) {
        return BadRequest(std::string(key) + " is not a string");
    }
    target = it->get<std::string>();
    return core::OkStatus();
}

core::Result<Paging> PagingOf(const http::Request& request) {
    const auto limit_text = QueryText(request, "limit");
    const auto after_text = QueryText(request, "after");
    const auto limit = limit_text.empty() ? kApiDefaultLimit : ParseNumber(limit_text);
    const auto after = after_text.empty() ? std::int64_t{0} : ParseNumber(after_text);
    if (!limit || !after || *limit == 0) {
        return BadRequest("bad limit/after");
    }
    return Paging{static_cast<int>(std::min(*limit, kApiMaxLimit)),
                  static_cast<int>(std::min(*after, kMaxOffset))};
}

json NextCursor(const Paging& paging, std::size_t count, std::int64_t total) {
    const std::int64_t next = paging.offset + static_cast<std::int64_t>(count);
    if (count == 0 || next >= total) {
        return nullptr;
    }
    return std::to_string(next);
}

core::Result<ListQuery> ListQueryOf(const http::Request& request, const char* id_param) {
    auto paging = PagingOf(request);
    if (!paging) {
        return paging.error();
    }
    ListQuery query;
    query.text = QueryText(request, "q");
    query.limit = paging->limit;
    query.offset = paging->offset;
    if (const auto text = QueryText(request, id_param); !text.empty()) {
        const auto id = ParseId(text);
        if (!id) {
            return BadRequest(std::string("bad ") + id_param);
        }
        if (std::string_view(id_param) == "programme_id") {
            query.programme_id = *id;
        } else {
            query.department_id = *id;
        }
    }
    return query;
}

// ----- wiring ----------------------------------------------------------------------------------

http::Handler Bind(platform::Services& services, Fn fn) {
    return [&services, fn](http::Request& request) { return fn(services, request); };
}

http::Handler BindId(platform::Services& services, IdFn fn, bool api) {
    return [&services, fn, api](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) {
            return api ? ApiError(services, request, PageNotFound())
                       : HtmlError(services, request, PageNotFound());
        }
        return fn(services, request, *id);
    };
}

}  // namespace oqu::people::detail
