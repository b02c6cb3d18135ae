#include <nlohmann/json.hpp>

#include "identity/routes.hpp"
#include "identity/store.hpp"
#include "platform/auth/gate.hpp"
#include "platform/db/database.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/format.hpp"
#include "platform/web/pages.hpp"

namespace oqu::identity {

namespace http = platform::http;
namespace web = platform::web;
namespace auth = platform::auth;

Client ClientOf(const http::Request& request) {
    return {request.remote_address, std::string(request.Header("User-Agent").substr(0, 300))};
}

core::Instant Now() {
    return core::Instant(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
}

namespace {

std::string Field(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

// Only a local path may follow a login ("/x", not "//evil.example" or "/\evil").
std::string SafeNext(std::string_view next) {
    if (next.empty() || next.front() != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
        return "/dashboard";
    }
    return std::string(next);
}

std::string Message(const IdentityContext& ctx, const http::Request& request, const core::Error& error) {
    const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
    return ctx.services.renderer.strings().Format(web::RequestLanguage(request), error.message_key, args);
}

http::Response Page(const IdentityContext& ctx, const http::Request& request, std::string_view name,
                    const nlohmann::json& context, std::string_view title, int status = 200) {
    auto response = web::RenderPage(ctx.services.renderer, request, name, context, title);
    if (response.status == 200) response.status = status;
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

void SetSessionCookies(http::Response& response, const IdentityContext& ctx, const std::string& token,
                       const std::string& lang) {
    response.SetCookie(auth::SessionCookie(ctx.gate, token));
    if (!lang.empty()) {
        response.SetCookie(
            {.name = "lang", .value = lang, .max_age = std::chrono::seconds(365LL * 24 * 3600)});
    }
}

std::string SessionToken(const IdentityContext& ctx, const http::Request& request) {
    auto cookie = request.Cookie(auth::SessionCookieName(ctx.gate));
    return cookie ? *cookie : std::string{};
}

nlohmann::json LoginContext(const http::Request& request, std::string_view login, std::string_view error) {
    return {{"next", SafeNext(request.Query("next").value_or(""))},
            {"login", login},
            {"error", error},
            {"has_error", !error.empty()}};
}

// An API client asked (JSON rather than HTML): answer JSON.
bool IsApi(const http::Request& request) {
    return !web::WantsHtml(request);
}

// The second-factor page: the running enrolment's QR code and confirmation form, or a start button.
http::Response EnrolmentPage(const IdentityContext& ctx, const http::Request& request,
                             const std::string& error) {
    const auto* session = auth::CurrentSession(request);
    const auto& who = session->principal;
    auto pending = ctx.login->PendingEnrolment(who.user_id, who.login);
    if (!pending) return web::RenderError(ctx.services.renderer, request, pending.error());
    nlohmann::json context = {{"required", session->second_factor_required},
                              {"enabled", ctx.login->HasSecondFactor(who.user_id)},
                              {"pending", pending->has_value()},
                              {"qr_svg", pending->has_value() ? (*pending)->qr_svg : ""},
                              {"secret", pending->has_value() ? (*pending)->secret : ""},
                              {"error", error},
                              {"has_error", !error.empty()}};
    return Page(ctx, request, "identity/enrol", context, "identity.enrol_title", error.empty() ? 200 : 422);
}

}  // namespace

void AddLoginRoutes(http::Router& router, const std::shared_ptr<IdentityContext>& ctx) {
    router.Add(http::Method::kGet, "/login",
               [ctx](http::Request& request) {
                   if (auth::CurrentPrincipal(request) != nullptr) {
                       return http::Response::Redirect(SafeNext(request.Query("next").value_or("")));
                   }
                   return Page(*ctx, request, "identity/login", LoginContext(request, "", ""),
                               "identity.login_title");
               },
               {.audience = http::Audience::kAnyone});

    router.Add(http::Method::kPost, "/login",
               [ctx](http::Request& request) {
                   const std::string login = Field(request, "login");
                   const std::string password = Field(request, "password");
                   const std::string next = SafeNext(Field(request, "next"));
                   auto result = ctx->login->Login(login, password, ClientOf(request), Now());
                   if (!result) {
                       if (IsApi(request)) {
                           return web::RenderError(ctx->services.renderer, request, result.error());
                       }
                       auto context = LoginContext(request, login, Message(*ctx, request, result.error()));
                       context["next"] = next;
                       return Page(*ctx, request, "identity/login", context, "identity.login_title",
                                   http::HttpStatus(result.error().code));
                   }
                   std::string location = next;
                   if (result->second_factor_pending) {
                       location = "/login/second-factor";
                   } else if (result->second_factor_required) {
                       location = "/account/second-factor";
                   } else if (result->must_change_password) {
                       location = "/account?password=required";
                   }
                   auto response = http::Response::Redirect(location);
                   SetSessionCookies(response, *ctx, result->token, result->lang);
                   return response;
               },
               {.audience = http::Audience::kAnyone});

    router.Add(http::Method::kGet, "/login/second-factor", [ctx](http::Request& request) {
        const auto* session = auth::CurrentSession(request);
        if (session == nullptr || !session->second_factor_pending) {
            return http::Response::Redirect("/dashboard");
        }
        return Page(*ctx, request, "identity/second_factor", {{"error", ""}, {"has_error", false}},
                    "identity.second_factor_title");
    });

    router.Add(http::Method::kPost, "/login/second-factor", [ctx](http::Request& request) {
        const auto* session = auth::CurrentSession(request);
        if (session == nullptr || !session->second_factor_pending) {
            return http::Response::Redirect("/dashboard");
        }
        auto token = ctx->login->CompleteSecondFactor(SessionToken(*ctx, request), Field(request, "code"),
                                                      ClientOf(request), Now());
        if (!token) {
            if (IsApi(request)) return web::RenderError(ctx->services.renderer, request, token.error());
            return Page(*ctx, request, "identity/second_factor",
                        {{"error", Message(*ctx, request, token.error())}, {"has_error", true}},
                        "identity.second_factor_title", http::HttpStatus(token.error().code));
        }
        auto response = http::Response::Redirect("/dashboard");
        SetSessionCookies(response, *ctx, token.value(), session->lang);
        return response;
    });

    router.Add(http::Method::kPost, "/logout", [ctx](http::Request& request) {
        ctx->login->Logout(SessionToken(*ctx, request), Now());
        auto response = http::Response::Redirect("/login");
        response.SetCookie(auth::ExpiredSessionCookie(ctx->gate));
        return response;
    });

    router.Add(http::Method::kGet, "/dashboard", [ctx](http::Request& request) {
        const auto* who = auth::CurrentPrincipal(request);
        const auto lang = web::RequestLanguage(request);
        const auto& strings = ctx->services.renderer.strings();
        nlohmann::json roles = nlohmann::json::array();
        for (const auto& grant : who->grants) {
            roles.push_back(
                {{"role", strings.Get(lang, "identity.role_" + std::string(auth::RoleName(grant.role)))},
                 {"scope",
                  strings.Get(lang, "identity.scope_" + std::string(auth::ScopeKindName(grant.scope.kind)))},
                 {"scope_id", grant.scope.id},
                 {"institution", grant.scope.kind == auth::ScopeKind::kInstitution}});
        }
        nlohmann::json cards = nlohmann::json::array();
        for (const auto* item : ctx->services.navigation.For(*who)) {
            cards.push_back({{"href", item->href},
                             {"label", strings.Get(lang, item->label_key)},
                             {"description", strings.Get(lang, item->description_key)}});
        }
        return Page(*ctx, request, "identity/dashboard",
                    {{"name", who->display_name},
                     {"roles", roles},
                     {"has_roles", !roles.empty()},
                     {"cards", cards},
                     {"has_cards", !cards.empty()}},
                    "identity.dashboard_title");
    });

    router.Add(http::Method::kGet, "/account", [ctx](http::Request& request) {
        const auto* who = auth::CurrentPrincipal(request);
        const auto* session = auth::CurrentSession(request);
        const auto lang = web::RequestLanguage(request);
        nlohmann::json sessions = nlohmann::json::array();
        std::optional<store::UserRow> user;
        std::int64_t codes_left = 0;
        ctx->services.db.Read([&](platform::db::Session& s) {
            user = store::FindUser(s, who->user_id);
            codes_left = store::CountUnusedRecoveryCodes(s, who->user_id);
            for (const auto& row : store::ListUserSessions(s, who->user_id)) {
                sessions.push_back({{"created", web::FormatDateTime(row.created_at, lang)},
                                    {"last_seen", web::FormatDateTime(row.last_seen_at, lang)},
                                    {"address", row.address},
                                    {"agent", row.user_agent},
                                    {"current", row.token_hash == session->token_hash}});
            }
        });
        const auto saved = request.Query("saved").value_or("");
        return Page(*ctx, request, "identity/account",
                    {{"name", who->display_name},
                     {"login", who->login},
                     {"totp_enabled", user && !user->totp_secret.empty()},
                     {"recovery_codes_left", codes_left},
                     {"password_required", request.Query("password").value_or("") == "required" ||
                                               (user && user->must_change_password)},
                     {"password_saved", saved == "password"},
                     {"sessions", sessions},
                     {"error", ""},
                     {"has_error", false}},
                    "identity.account_title");
    });

    router.Add(http::Method::kPost, "/account/password", [ctx](http::Request& request) {
        const auto* who = auth::CurrentPrincipal(request);
        const std::string fresh = Field(request, "new_password");
        if (fresh != Field(request, "new_password_again")) {
            auto error =
                core::MakeError(core::ErrorCode::kInvalidInput, "identity.passwords_differ", "mismatch");
            return web::RenderError(ctx->services.renderer, request, error);
        }
        auto status =
            ctx->login->ChangePassword(who->user_id, SessionToken(*ctx, request),
                                       Field(request, "current_password"), fresh, ClientOf(request), Now());
        if (!status) return web::RenderError(ctx->services.renderer, request, status.error());
        return http::Response::Redirect("/account?saved=password");
    });

    router.Add(http::Method::kPost, "/account/logout-everywhere", [ctx](http::Request& request) {
        const auto* who = auth::CurrentPrincipal(request);
        ctx->login->LogoutEverywhere(who->user_id, ClientOf(request), Now());
        auto response = http::Response::Redirect("/login");
        response.SetCookie(auth::ExpiredSessionCookie(ctx->gate));
        return response;
    });

    router.Add(http::Method::kGet, "/account/second-factor",
               [ctx](http::Request& request) { return EnrolmentPage(*ctx, request, {}); });

    router.Add(http::Method::kPost, "/account/second-factor/start", [ctx](http::Request& request) {
        const auto* session = auth::CurrentSession(request);
        if (auto status = ctx->login->StartEnrolment(session->principal.user_id); !status) {
            return web::RenderError(ctx->services.renderer, request, status.error());
        }
        return http::Response::Redirect("/account/second-factor");
    });

    router.Add(http::Method::kPost, "/account/second-factor", [ctx](http::Request& request) {
        const auto* session = auth::CurrentSession(request);
        auto codes = ctx->login->ConfirmEnrolment(session->principal.user_id, Field(request, "code"), Now());
        if (!codes) return EnrolmentPage(*ctx, request, Message(*ctx, request, codes.error()));
        return Page(*ctx, request, "identity/recovery_codes", {{"codes", codes.value()}},
                    "identity.recovery_codes_title");
    });
}

}  // namespace oqu::identity
