#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "core/time.hpp"
#include "people/api.hpp"
#include "people/directory.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"
#include "platform/web/strings.hpp"

namespace oqu::platform {
struct Services;
}

// Helpers shared by the HTTP handlers of the people module (routes*.cpp); not part of its API.
namespace oqu::people::detail {

/// Rows per page of the list pages.
inline constexpr int kPerPage = 50;
/// The largest offset a list query skips (a bigger page number shows the last rows).
inline constexpr std::int64_t kMaxOffset = 100'000'000;

/// The wall clock, in microseconds: the `now` of a change made by a request.
core::Instant Now();

/// A non-negative decimal number; nullopt for anything else.
std::optional<std::int64_t> ParseNumber(std::string_view text);
/// A record id: positive, else nullopt (answered with 404).
std::optional<std::int64_t> ParseId(std::string_view text);

/// kNotFound "web.error_404".
core::Error PageNotFound();
/// kInvalidInput "people.bad_request" with an English detail.
core::Error BadRequest(std::string detail);

/// A field of the request's form body; empty when absent or when the body is no form.
std::string FormField(platform::http::Request& request, std::string_view name);
/// A query parameter; empty when absent.
std::string QueryText(const platform::http::Request& request, std::string_view name);

/// The strings of the request's language.
class Texts {
public:
    Texts(const platform::Services& services, const platform::http::Request& request);

    /// The string of `key` (the key itself when missing).
    const std::string& Get(std::string_view key) const;
    /// The ICU message of `key` with named arguments.
    std::string Format(std::string_view key, const std::map<std::string, std::string>& args) const;
    /// Format() with the argument list of a core::Error or FieldError.
    std::string Message(std::string_view key,
                        const std::vector<std::pair<std::string, std::string>>& args) const;

private:
    const platform::web::Strings& strings_;
    platform::web::Language lang_;
};

/// A people page rendered in the layout (never cached: personal data); `status` replaces 200.
platform::http::Response HtmlPage(const platform::Services& services, const platform::http::Request& request,
                                  std::string_view name, const nlohmann::json& context,
                                  std::string_view title, int status = 200);
/// The error page of `error` (never cached).
platform::http::Response HtmlError(const platform::Services& services, const platform::http::Request& request,
                                   const core::Error& error);

/// Select options [{value, label, selected}] of a code list, labels from `prefix` + code.
nlohmann::json Options(const std::vector<std::string_view>& codes, std::string_view prefix, const Texts& t,
                       std::string_view selected);
/// Select options [{value, id, label, selected}] of the visible programmes.
nlohmann::json ProgrammeOptions(const Directory& directory, std::string_view selected_code);

/// `href` with `name=value` appended (percent-encoded); unchanged when `value` is empty.
std::string WithParam(std::string href, std::string_view name, std::string_view value);
/// Adds found, page_label, has_prev, prev_href, has_next, next_href of a list page.
void AddPager(nlohmann::json& context, const Texts& t, const std::string& base, std::int64_t page,
              std::int64_t total);
/// The ?page= number, 1..1'000'000 (1 when absent or bad).
std::int64_t PageParam(const platform::http::Request& request);

/// Field errors of one form, shown at each field and in the summary at the top.
class FormErrors {
public:
    /// Adds a message for `field` unless it already has one.
    void Add(std::string field, std::string message);
    /// Adds the field errors of a use-case error, translated.
    void AddAll(const core::Error& error, const Texts& t);
    /// True when no field is refused.
    bool Empty() const { return list_.empty(); }
    /// {value, invalid, error} of one field for the template.
    nlohmann::json Field(std::string_view name, std::string_view value) const;
    /// [{field, has_field, message}] for the error summary.
    nlohmann::json Summary() const;

private:
    const std::string* Find(std::string_view field) const;
    std::vector<std::pair<std::string, std::string>> list_;
};

/// The HTTP status of a use-case error a form shows again with its fields (422 for refused
/// input, 409 for a duplicate, 422 for a rule); nullopt for errors shown as an error page.
std::optional<int> FormErrorStatus(const core::Error& error);

/// "/people/students/5".
std::string StudentHref(StudentId id);
/// "/people/groups/2".
std::string GroupHref(GroupId id);
/// "/people/teachers/4".
std::string TeacherHref(TeacherId id);

/// A student row of the list tables: {href, name, iin, student_number, programme, group,
/// has_group, group_href, course_year, study_form, status, active}.
nlohmann::json StudentRow(const Student& s, const Texts& t);

/// A JSON response (never cached).
platform::http::Response JsonResponse(const nlohmann::json& body, int status = 200);
/// The JSON error of STYLE.md §6, with "fields" [{field, message}] for refused input.
platform::http::Response ApiError(const platform::Services& services, const platform::http::Request& request,
                                  const core::Error& error);
/// The body of an API request as a JSON object; kInvalidInput otherwise.
core::Result<nlohmann::json> JsonBody(const platform::http::Request& request);
/// Sets `*target` from a string member of `body` when present and not null; kInvalidInput when
/// the member is of another type.
core::Status TakeString(const nlohmann::json& body, const char* key, std::string& target);

/// API paging: limit (1..500, default 50) and after (the opaque cursor of the previous page's "next").
struct Paging {
    int limit = 50;
    int offset = 0;
};
/// The paging of an API list request; kInvalidInput for a bad limit or cursor.
core::Result<Paging> PagingOf(const platform::http::Request& request);
/// The "next" cursor of a page: null on the last page.
nlohmann::json NextCursor(const Paging& paging, std::size_t count, std::int64_t total);
/// The ListQuery of an API list request: q, paging, and the id filter `id_param`
/// ("programme_id" or "department_id").
core::Result<ListQuery> ListQueryOf(const platform::http::Request& request, const char* id_param);

/// A handler without path parameters.
using Fn = platform::http::Response (*)(const platform::Services&, platform::http::Request&);
/// A handler of a path with {id}.
using IdFn = platform::http::Response (*)(const platform::Services&, platform::http::Request&, std::int64_t);
/// `fn` bound to the services.
platform::http::Handler Bind(platform::Services& services, Fn fn);
/// A handler of a path with {id}: the id parsed, or 404 (JSON for the API).
platform::http::Handler BindId(platform::Services& services, IdFn fn, bool api);

/// Adds the group pages and API (routes_groups.cpp).
void AddGroupRoutes(platform::http::Router& router, platform::Services& services);
/// Adds the teacher pages and API (routes_teachers.cpp).
void AddTeacherRoutes(platform::http::Router& router, platform::Services& services);

}  // namespace oqu::people::detail
