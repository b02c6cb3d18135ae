#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "academics/api.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/language.hpp"

namespace oqu::platform::web {
class Strings;
}

// Helpers shared by the module's pages (routes_pages.cpp) and JSON API (routes_api.cpp).
namespace oqu::academics::detail {

/// The HTML pages (routes_pages.cpp).
void AddPageRoutes(platform::http::Router& router, platform::Services& services);
/// The JSON API under /api/v1/academics (routes_api.cpp; described in openapi.json).
void AddApiRoutes(platform::http::Router& router, platform::Services& services);
/// Curriculum page, discipline forms and removals (routes_curriculum.cpp).
void AddCurriculumRoutes(platform::http::Router& router, platform::Services& services);
/// Academic calendar pages: years, periods, breaks (routes_calendar.cpp).
void AddCalendarRoutes(platform::http::Router& router, platform::Services& services);
/// Kazakhstan's public-holiday calendar pages and its JSON API (routes_public_days.cpp, R-O12).
void AddPublicDayRoutes(platform::http::Router& router, platform::Services& services);
/// CSV import pages of programmes and disciplines (routes_imports.cpp).
void AddImportRoutes(platform::http::Router& router, platform::Services& services);
/// The JSON API's POST/PATCH/DELETE of the structure, curricula and calendar (routes_api_writes.cpp).
void AddApiWriteRoutes(platform::http::Router& router, platform::Services& services);

/// The wall clock, read once per request that changes something.
core::Instant Now();

/// A non-negative decimal number ("0", "42"); nullopt for anything else.
std::optional<std::int64_t> ParseNumber(std::string_view text);
/// A positive record id of a path; nullopt otherwise (the route answers 404).
std::optional<std::int64_t> ParseId(std::string_view text);
/// kNotFound "web.error_404".
core::Error PageNotFound();

/// The first value of a form field; empty when absent or the body is not a form.
std::string FormField(platform::http::Request& request, std::string_view name);
/// Every value of a repeated form field (checkboxes).
std::vector<std::string> FormFields(platform::http::Request& request, std::string_view name);
/// A query parameter; empty when absent.
std::string QueryText(const platform::http::Request& request, std::string_view name);

/// The strings of the request's language.
class Texts {
public:
    Texts(const platform::Services& services, const platform::http::Request& request);

    const std::string& Get(std::string_view key) const;
    std::string Format(std::string_view key, const std::map<std::string, std::string>& args) const;
    std::string Message(std::string_view key,
                        const std::vector<std::pair<std::string, std::string>>& args) const;
    /// The name in the page language, falling back to the others when empty.
    const std::string& Name(const Names& names) const;
    platform::web::Language lang() const { return lang_; }

private:
    const platform::web::Strings& strings_;
    platform::web::Language lang_;
};

/// A page of the module, never cached (scoped data).
platform::http::Response Page(const platform::Services& services, const platform::http::Request& request,
                              std::string_view name, const nlohmann::json& context, std::string_view title,
                              int status = 200);
/// The translated error page or JSON error.
platform::http::Response Error(const platform::Services& services, const platform::http::Request& request,
                               const core::Error& error);

/// Field errors of one form, shown at each field and in the summary at the top.
class FormErrors {
public:
    void Add(std::string field, std::string message);
    /// The field errors of a use-case error; a message on the whole form when it names no field.
    void AddAll(const core::Error& error, const Texts& t);
    bool Empty() const { return list_.empty(); }
    /// {"value", "invalid", "error"} of one field.
    nlohmann::json Field(std::string_view name, std::string_view value) const;
    /// [{"field", "has_field", "message"}].
    nlohmann::json Summary() const;

private:
    const std::string* Find(std::string_view field) const;
    std::vector<std::pair<std::string, std::string>> list_;
};

/// 422 for invalid input, else the error's HTTP status (409 for a duplicate code).
int FormStatus(const core::Error& error);
/// True when the error should re-render the form (field errors or a conflict on a field).
bool IsFormError(const core::Error& error);

/// `href` with `name=value` appended (nothing when value is empty).
std::string WithParam(std::string href, std::string_view name, std::string_view value);

/// The strings key of an enum value: EnumKey("level", "bachelor") is "academics.level_bachelor".
std::string EnumKey(std::string_view kind, std::string_view name);

/// Translated enum labels: "academics.level_bachelor", "academics.regime_limit20", ...
nlohmann::json LevelOptions(const Texts& t, std::string_view selected, bool with_all);
nlohmann::json RegimeOptions(const Texts& t, std::string_view selected, bool with_all, bool with_mixed);
nlohmann::json OnlineFormOptions(const Texts& t, std::string_view selected);

/// The badge class of a DL regime: forbidden bad-ish (warn), limits ok.
std::string RegimeBadge(DlRegime regime);

/// The translated "Saved" notice when the page was reached with ?saved=1, else empty.
std::string SavedMessage(const Texts& t, const platform::http::Request& request);

/// Translated options of an enum ({value, label, selected}); `kind` prefixes the strings key
/// (EnumKey(kind, name)).
nlohmann::json EnumOptions(const Texts& t, std::string_view kind, const std::vector<std::string_view>& names,
                           std::string_view selected);

/// A JSON response that is never cached.
platform::http::Response JsonResponse(const nlohmann::json& body, int status = 200);
/// The request body as a JSON object; kInvalidInput "academics.bad_request" otherwise.
core::Result<nlohmann::json> JsonObjectBody(const platform::http::Request& request);

/// What a page asks before a removal (template academics/confirm).
struct RemovalPrompt {
    std::string title_key;    ///< Strings key of the page title and heading.
    std::string question;     ///< Translated question naming what goes.
    std::string action;       ///< The POST target.
    std::string submit;       ///< Translated button text.
    std::string cancel_href;  ///< Where "Cancel" leads.
    std::string refusal;      ///< Translated reason the removal was refused; empty when none.
    int status = 200;         ///< HTTP status of the page.
};

/// The confirmation page of a removal.
platform::http::Response RemovalPage(const platform::Services& services,
                                     const platform::http::Request& request, const RemovalPrompt& prompt);

/// Wraps a handler `f(services, request, Id)` of a path with a positive {id}; 404 otherwise.
template <typename Id, typename F>
platform::http::Handler IdHandler(platform::Services& services, F f) {
    return [&services, f](platform::http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) return Error(services, request, PageNotFound());
        return f(services, request, Id{*id});
    };
}

}  // namespace oqu::academics::detail
