#pragma once

// Helpers shared by the bank and quiz-settings routes (module-internal).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "assessment/bank.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/pages.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::assessment::bank_web {

namespace http = platform::http;
namespace web = platform::web;
using nlohmann::json;
using Services = platform::Services;

inline core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

inline BankChange ChangeOf(const Services& services, const http::Request& request) {
    return BankChange{services.db, Now(), request.remote_address};
}

inline const platform::auth::Principal& Who(const http::Request& request) {
    return *platform::auth::CurrentPrincipal(request);
}

/// The first value of a form field, "" when absent.
inline std::string Field(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

inline bool Checked(http::Request& request, std::string_view name) {
    return !Field(request, name).empty();
}

inline std::optional<std::int64_t> Id(std::string_view text) {
    std::int64_t v = 0;
    if (text.empty() || text.size() > 18) return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

/// Translated text of a key with arguments.
inline std::string Say(const Services& services, const http::Request& request, std::string_view key,
                       const std::map<std::string, std::string>& args = {}) {
    const auto lang = web::RequestLanguage(request);
    return args.empty() ? services.renderer.strings().Get(lang, key)
                        : services.renderer.strings().Format(lang, key, args);
}

inline std::string Message(const Services& services, const http::Request& request, const core::Error& error) {
    const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
    return Say(services, request, error.message_key, args);
}

inline http::Response Page(const Services& services, const http::Request& request, std::string_view name,
                           const json& context, std::string_view title_key) {
    auto response = web::RenderPage(services.renderer, request, name, context, title_key);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

inline http::Response Error(const Services& services, const http::Request& request,
                            const core::Error& error) {
    auto response = web::RenderError(services.renderer, request, error);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

/// A JSON response that is never cached.
http::Response Json(const json& body, int status = 200);

inline http::Response ApiError(const Services& services, const http::Request& request,
                               const core::Error& error) {
    auto response = http::ErrorResponse(error, Message(services, request, error));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

inline core::Error NotFoundError() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

inline std::string CourseHref(std::int64_t course_id) {
    return "/courses/" + std::to_string(course_id);
}

/// Binds a handler taking the course id (and, when `sub` is set, the id of that path parameter).
using CourseFn = http::Response (*)(const Services&, http::Request&, std::int64_t);
using SubFn = http::Response (*)(const Services&, http::Request&, std::int64_t, std::int64_t);

inline http::Handler BindCourse(Services& services, CourseFn fn, bool api) {
    return [&services, fn, api](http::Request& request) {
        const auto id = Id(request.Param("id"));
        if (!id) {
            return api ? ApiError(services, request, NotFoundError())
                       : Error(services, request, NotFoundError());
        }
        return fn(services, request, *id);
    };
}

inline http::Handler BindSub(Services& services, SubFn fn, std::string_view sub, bool api) {
    return [&services, fn, sub = std::string(sub), api](http::Request& request) {
        const auto id = Id(request.Param("id"));
        const auto other = Id(request.Param(sub));
        if (!id || !other) {
            return api ? ApiError(services, request, NotFoundError())
                       : Error(services, request, NotFoundError());
        }
        return fn(services, request, *id, *other);
    };
}

/// Adds the question-bank routes (bank_routes.cpp) and the quiz-settings routes (quiz_settings_routes.cpp).
void AddBankRoutes(http::Router& router, Services& services);
void AddQuizSettingsRoutes(http::Router& router, Services& services);

}  // namespace oqu::assessment::bank_web
