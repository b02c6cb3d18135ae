#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "identity/accounts.hpp"
#include "identity/permissions.hpp"
#include "identity/routes.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/gate.hpp"
#include "platform/http/errors.hpp"
#include "platform/http/router.hpp"
#include "platform/http/url.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/format.hpp"
#include "platform/web/pages.hpp"

namespace oqu::identity {

namespace {

namespace http = platform::http;
namespace web = platform::web;
namespace auth = platform::auth;
namespace audit = platform::audit;
using nlohmann::json;

constexpr int kUsersPerPage = 25;
constexpr int kAuditPerPage = 50;
constexpr std::int64_t kApiDefaultLimit = 25;
constexpr std::int64_t kApiMaxLimit = 100;
// Far beyond any real list; keeps (page - 1) * 25 and offsets inside an int.
constexpr std::int64_t kMaxPage = 1'000'000;
constexpr std::int64_t kMaxOffset = 100'000'000;

// ----- parsing ---------------------------------------------------------------------------------

// A non-negative decimal number ("0", "42"); nullopt for anything else ("-1", "4x", "").
std::optional<std::int64_t> ParseNumber(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < 0) return std::nullopt;
    return value;
}

// A record id of a path: positive, else nullopt (the route answers 404).
std::optional<std::int64_t> ParseId(std::string_view text) {
    auto id = ParseNumber(text);
    if (!id || *id == 0) return std::nullopt;
    return id;
}

core::Error NotFound() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such page");
}

std::string FormField(http::Request& request, std::string_view name) {
    auto form = request.Form();
    if (!form) return {};
    const std::string* value = form.value()->Field(name);
    return value != nullptr ? *value : std::string{};
}

// A role grant as typed: role name, scope kind name and scope id text. An empty kind is the
// institution, and the institution's id may be left empty.
core::Result<auth::Grant> ParseGrant(std::string_view role_name, std::string_view kind_name,
                                     std::string_view scope_id) {
    const auto role = auth::ParseRole(role_name);
    if (!role) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.admin_role_invalid", "unknown role");
    }
    const auto kind = kind_name.empty() ? auth::ScopeKind::kInstitution : auth::ParseScopeKind(kind_name);
    if (!kind) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.admin_scope_kind_invalid",
                               "unknown scope kind");
    }
    std::optional<std::int64_t> id = std::int64_t{0};
    if (!scope_id.empty() || *kind != auth::ScopeKind::kInstitution) id = ParseNumber(scope_id);
    if (!id) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.admin_scope_id_invalid",
                               "bad scope id");
    }
    // Checked here as well as in GrantRole so that a new account with a bad initial role is not
    // created half-way (the account without its role).
    if ((*kind == auth::ScopeKind::kInstitution) != (*id == 0)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.scope_invalid", "scope id mismatch");
    }
    return auth::Grant{*role, {*kind, *id}};
}

// The form field a use-case error is about; empty when it concerns the whole request.
std::string_view FieldOf(const core::Error& error) {
    static constexpr std::pair<std::string_view, std::string_view> kFields[] = {
        {"identity.login_invalid", "login"},
        {"identity.login_taken", "login"},
        {"identity.name_invalid", "name"},
        {"identity.email_invalid", "email"},
        {"identity.lang_invalid", "lang"},
        {"identity.admin_role_invalid", "role"},
        {"identity.admin_scope_kind_invalid", "scope_kind"},
        {"identity.admin_scope_id_invalid", "scope_id"},
        {"identity.scope_invalid", "scope_id"},
        {"auth.password_", "password"},
    };
    for (const auto& [prefix, field] : kFields) {
        if (error.message_key.starts_with(prefix)) return field;
    }
    return {};
}

// The status of a form shown again after an error: 422 for bad input (STYLE.md: the values are
// kept), else the status of the error's code (409 for a taken login).
int FormStatus(const core::Error& error) {
    return error.code == core::ErrorCode::kInvalidInput ? 422 : http::HttpStatus(error.code);
}

// ----- rendering helpers -----------------------------------------------------------------------

// The strings of the request's language.
class Texts {
public:
    Texts(const IdentityContext& ctx, const http::Request& request)
        : strings_(ctx.services.renderer.strings()), lang_(web::RequestLanguage(request)) {}

    const std::string& Get(std::string_view key) const { return strings_.Get(lang_, key); }
    std::string Format(std::string_view key, const std::map<std::string, std::string>& args) const {
        return strings_.Format(lang_, key, args);
    }
    std::string Message(const core::Error& error) const {
        const std::map<std::string, std::string> args(error.args.begin(), error.args.end());
        return strings_.Format(lang_, error.message_key, args);
    }
    const std::string& Role(auth::Role role) const {
        return Get("identity.role_" + std::string(auth::RoleName(role)));
    }
    const std::string& Scope(auth::ScopeKind kind) const {
        return Get("identity.scope_" + std::string(auth::ScopeKindName(kind)));
    }
    // "Dean's office · Faculty #3", or just the role for the whole university.
    std::string GrantLabel(const auth::Grant& grant) const {
        if (grant.scope.kind == auth::ScopeKind::kInstitution) return Role(grant.role);
        return Role(grant.role) + " · " + Scope(grant.scope.kind) + " #" + std::to_string(grant.scope.id);
    }
    web::Language lang() const { return lang_; }

private:
    const web::Strings& strings_;
    web::Language lang_;
};

http::Response Page(const IdentityContext& ctx, const http::Request& request, std::string_view name,
                    const json& context, std::string_view title, int status = 200) {
    auto response = web::RenderPage(ctx.services.renderer, request, name, context, title);
    if (response.status == 200) response.status = status;
    // Admin pages show personal data and, once, temporary passwords: never cache them.
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

http::Response Error(const IdentityContext& ctx, const http::Request& request, const core::Error& error) {
    auto response = web::RenderError(ctx.services.renderer, request, error);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

// Field errors of one form, shown at each field and in the error summary at the top of the page.
class FormErrors {
public:
    /// `anchor_prefix` makes the field ids of one form unique on its page ("grant-").
    explicit FormErrors(std::string anchor_prefix = {}) : prefix_(std::move(anchor_prefix)) {}

    void Add(std::string_view field, std::string message) {
        if (Find(field) == nullptr) list_.emplace_back(std::string(field), std::move(message));
    }
    bool Empty() const { return list_.empty(); }

    // {"value", "invalid", "error"} of one field for the template.
    json Field(std::string_view name, std::string_view value) const {
        const std::string* message = Find(name);
        return {
            {"value", value}, {"invalid", message != nullptr}, {"error", message != nullptr ? *message : ""}};
    }
    // Appends the summary entries ({"field": anchor, "has_field", "message"}) to `out`.
    void AppendSummary(json& out) const {
        for (const auto& [field, message] : list_) {
            out.push_back({{"field", field.empty() ? "" : prefix_ + field},
                           {"has_field", !field.empty()},
                           {"message", message}});
        }
    }

private:
    const std::string* Find(std::string_view field) const {
        for (const auto& [name, message] : list_) {
            if (name == field) return &message;
        }
        return nullptr;
    }

    std::string prefix_;
    std::vector<std::pair<std::string, std::string>> list_;
};

json RoleOptions(const Texts& t, std::string_view selected) {
    json out = json::array();
    for (auth::Role role : auth::kAllRoles) {
        const std::string name(auth::RoleName(role));
        out.push_back({{"value", name}, {"label", t.Role(role)}, {"selected", name == selected}});
    }
    return out;
}

json ScopeOptions(const Texts& t, std::string_view selected) {
    json out = json::array();
    for (auth::ScopeKind kind : {auth::ScopeKind::kInstitution, auth::ScopeKind::kFaculty,
                                 auth::ScopeKind::kProgramme, auth::ScopeKind::kCourse}) {
        const std::string name(auth::ScopeKindName(kind));
        out.push_back(
            {{"value", name},
             {"label", t.Scope(kind)},
             {"selected", name == selected || (selected.empty() && kind == auth::ScopeKind::kInstitution)}});
    }
    return out;
}

json LanguageOptions(std::string_view selected) {
    // Each language is named in itself, whatever the page language.
    static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
        {"kk", "Қазақша"}, {"ru", "Русский"}, {"en", "English"}};
    json out = json::array();
    for (const auto& [tag, name] : kNames) {
        out.push_back({{"value", tag}, {"label", name}, {"selected", tag == selected}});
    }
    return out;
}

// The translated notice for ?saved=<what> after a successful POST; empty for anything unknown.
std::string SavedNotice(const Texts& t, const http::Request& request) {
    static constexpr std::string_view kKnown[] = {"created", "profile", "disabled",     "enabled",
                                                  "granted", "revoked", "second_factor"};
    const auto saved = request.Query("saved").value_or("");
    if (std::find(std::begin(kKnown), std::end(kKnown), saved) == std::end(kKnown)) return {};
    return t.Get("identity.admin_saved_" + saved);
}

// ----- /admin/users ----------------------------------------------------------------------------

std::map<std::int64_t, std::vector<store::GrantRow>> GrantsByUser(const IdentityContext& ctx,
                                                                  const auth::Principal& who,
                                                                  const std::vector<store::UserRow>& users) {
    std::vector<std::int64_t> ids;
    ids.reserve(users.size());
    for (const auto& user : users) ids.push_back(user.id);
    std::map<std::int64_t, std::vector<store::GrantRow>> out;
    auto grants = accounts::GrantsOf(ctx.services.db, who, ids);
    if (!grants) return out;
    for (const auto& [user_id, grant] : grants.value()) out[user_id].push_back(grant);
    return out;
}

std::string UsersHref(std::string_view q, std::int64_t page) {
    std::string href = "/admin/users?page=" + std::to_string(page);
    if (!q.empty()) href += "&q=" + http::PercentEncode(q);
    return href;
}

http::Response UsersPage(const IdentityContext& ctx, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(ctx, request);
    const std::string q = request.Query("q").value_or("");
    const std::int64_t page =
        std::clamp<std::int64_t>(ParseNumber(request.Query("page").value_or("1")).value_or(1), 1, kMaxPage);
    auto list =
        accounts::List(ctx.services.db, who, q, kUsersPerPage, static_cast<int>((page - 1) * kUsersPerPage));
    if (!list) return Error(ctx, request, list.error());
    const auto grants = GrantsByUser(ctx, who, list->users);
    json users = json::array();
    for (const auto& user : list->users) {
        json roles = json::array();
        if (auto it = grants.find(user.id); it != grants.end()) {
            for (const auto& row : it->second) roles.push_back(t.GrantLabel(row.grant));
        }
        users.push_back({{"id", user.id},
                         {"href", "/admin/users/" + std::to_string(user.id)},
                         {"login", user.login},
                         {"name", user.display_name},
                         {"roles", roles},
                         {"has_roles", !roles.empty()},
                         {"disabled", user.disabled},
                         {"totp", !user.totp_secret.empty()}});
    }
    const std::int64_t pages = std::max<std::int64_t>(1, (list->total + kUsersPerPage - 1) / kUsersPerPage);
    return Page(ctx, request, "identity/admin_users",
                {{"q", q},
                 {"found", t.Format("identity.admin_users_found", {{"count", std::to_string(list->total)}})},
                 {"users", users},
                 {"has_users", !users.empty()},
                 {"can_create", auth::Allows(who, kManageUsers, {})},
                 {"page_label", t.Format("identity.admin_page_of",
                                         {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}})},
                 {"has_prev", page > 1},
                 {"prev_href", UsersHref(q, page - 1)},
                 {"has_next", page < pages},
                 {"next_href", UsersHref(q, page + 1)}},
                "identity.admin_users_title");
}

// ----- /admin/users/new ------------------------------------------------------------------------
/// What the new-account form holds (the password is never sent back).
struct NewUserValues {
    std::string login;
    std::string name;
    std::string email;
    std::string lang = "kk";
    std::string role;
    std::string scope_kind = "institution";
    std::string scope_id;
};

http::Response NewUserPage(const IdentityContext& ctx, const http::Request& request, const NewUserValues& v,
                           const FormErrors& errors, int status) {
    const Texts t(ctx, request);
    json summary = json::array();
    errors.AppendSummary(summary);
    return Page(ctx, request, "identity/admin_user_new",
                {{"has_errors", !errors.Empty()},
                 {"errors", summary},
                 {"form",
                  {{"login", errors.Field("login", v.login)},
                   {"name", errors.Field("name", v.name)},
                   {"email", errors.Field("email", v.email)},
                   {"lang", errors.Field("lang", v.lang)},
                   {"password", errors.Field("password", "")},
                   {"role", errors.Field("role", v.role)},
                   {"scope_kind", errors.Field("scope_kind", v.scope_kind)},
                   {"scope_id", errors.Field("scope_id", v.scope_id)}}},
                 {"languages", LanguageOptions(v.lang)},
                 {"roles", RoleOptions(t, v.role)},
                 {"no_role", v.role.empty()},
                 {"scopes", ScopeOptions(t, v.scope_kind)}},
                "identity.admin_new_title", status);
}

/// The empty form, only for those who may create accounts (the POST checks again in the use case).
http::Response EmptyNewUserPage(const IdentityContext& ctx, const http::Request& request) {
    if (auto ok = auth::Require(*auth::CurrentPrincipal(request), kManageUsers); !ok) {
        return Error(ctx, request, ok.error());
    }
    return NewUserPage(ctx, request, {}, FormErrors{}, 200);
}

// The page that shows a temporary password once: after creating an account without a password,
// or after a reset.
http::Response PasswordPage(const IdentityContext& ctx, const http::Request& request, std::int64_t id,
                            std::string_view login, std::string_view password, bool created,
                            std::string_view grant_error) {
    return Page(ctx, request, "identity/admin_password",
                {{"login", login},
                 {"user_href", "/admin/users/" + std::to_string(id)},
                 {"password", password},
                 {"has_password", !password.empty()},
                 {"created", created},
                 {"has_grant_error", !grant_error.empty()},
                 {"grant_error", grant_error}},
                created ? "identity.admin_created_title" : "identity.admin_password_title");
}

http::Response CreateUser(const IdentityContext& ctx, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(ctx, request);
    NewUserValues v{FormField(request, "login"),   FormField(request, "name"),
                    FormField(request, "email"),   FormField(request, "lang"),
                    FormField(request, "role"),    FormField(request, "scope_kind"),
                    FormField(request, "scope_id")};
    const std::string password = FormField(request, "password");
    FormErrors errors;
    std::optional<auth::Grant> grant;
    if (!v.role.empty()) {
        auto parsed = ParseGrant(v.role, v.scope_kind, v.scope_id);
        if (!parsed) {
            errors.Add(FieldOf(parsed.error()), t.Message(parsed.error()));
        } else {
            // Without the right to grant, refuse before the account exists rather than half-way.
            if (auto allowed = auth::Require(who, kGrantRoles); !allowed) {
                return Error(ctx, request, allowed.error());
            }
            grant = parsed.value();
        }
    }
    if (!errors.Empty()) return NewUserPage(ctx, request, v, errors, 422);

    std::string generated;
    const accounts::NewUserInput input{v.login, v.name, v.email, v.lang, password, &generated};
    auto id = accounts::Create(ctx.services.db, *ctx.hasher, who, input, Now(), request.remote_address);
    if (!id) {
        const auto field = FieldOf(id.error());
        if (field.empty()) return Error(ctx, request, id.error());
        errors.Add(field, t.Message(id.error()));
        return NewUserPage(ctx, request, v, errors, FormStatus(id.error()));
    }
    std::string grant_error;
    if (grant) {
        auto granted =
            accounts::Grant(ctx.services.db, who, id.value(), *grant, Now(), request.remote_address);
        if (!granted) grant_error = t.Message(granted.error());
    }
    if (generated.empty() && grant_error.empty()) {
        return http::Response::Redirect("/admin/users/" + std::to_string(id.value()) + "?saved=created");
    }
    auto detail = accounts::Get(ctx.services.db, who, id.value());
    const std::string login = detail ? detail->user.login : v.login;
    return PasswordPage(ctx, request, id.value(), login, generated, true, grant_error);
}

// ----- /admin/users/{id} -----------------------------------------------------------------------

/// What the account page shows besides the stored account: a form sent back with errors, or the
/// failure of an action.
struct UserPageState {
    FormErrors profile_errors{"profile-"};
    std::optional<std::pair<std::string, std::string>> profile;  ///< name, email as typed
    FormErrors grant_errors{"grant-"};
    std::string grant_role;
    std::string grant_scope_kind = "institution";
    std::string grant_scope_id;
    std::string action_error;
    int status = 200;
};

http::Response UserPage(const IdentityContext& ctx, const http::Request& request, std::int64_t id,
                        const UserPageState& state) {
    const auto& who = *auth::CurrentPrincipal(request);
    const Texts t(ctx, request);
    auto detail = accounts::Get(ctx.services.db, who, id);
    if (!detail) return Error(ctx, request, detail.error());
    const auto& user = detail->user;
    const std::string base = "/admin/users/" + std::to_string(id);

    json grants = json::array();
    for (const auto& row : detail->grants) {
        grants.push_back({{"role", t.Role(row.grant.role)},
                          {"scope", t.Scope(row.grant.scope.kind)},
                          {"scope_id", row.grant.scope.id},
                          {"institution", row.grant.scope.kind == auth::ScopeKind::kInstitution},
                          {"granted", web::FormatDateTime(row.granted_at, t.lang())},
                          {"revoke_action", base + "/grants/" + std::to_string(row.id) + "/delete"}});
    }
    json summary = json::array();
    state.profile_errors.AppendSummary(summary);
    state.grant_errors.AppendSummary(summary);
    if (!state.action_error.empty()) {
        summary.push_back({{"field", ""}, {"has_field", false}, {"message", state.action_error}});
    }
    const std::string name = state.profile ? state.profile->first : user.display_name;
    const std::string email = state.profile ? state.profile->second : user.email;
    const std::string saved = state.status == 200 ? SavedNotice(t, request) : std::string{};
    const bool can_manage = auth::Allows(who, kManageUsers, {});
    return Page(ctx, request, "identity/admin_user",
                {{"id", id},
                 {"action", base},
                 {"login", user.login},
                 {"name", user.display_name},
                 {"created", web::FormatDateTime(user.created_at, t.lang())},
                 {"disabled", user.disabled},
                 {"totp", !user.totp_secret.empty()},
                 {"must_change_password", user.must_change_password},
                 {"sessions", detail->sessions},
                 {"recovery_codes_left", detail->recovery_codes_left},
                 {"saved", !saved.empty()},
                 {"saved_message", saved},
                 {"has_errors", !summary.empty()},
                 {"errors", summary},
                 {"profile",
                  {{"name", state.profile_errors.Field("name", name)},
                   {"email", state.profile_errors.Field("email", email)}}},
                 {"grants", grants},
                 {"has_grants", !grants.empty()},
                 {"grant_form",
                  {{"role", state.grant_errors.Field("role", state.grant_role)},
                   {"scope_kind", state.grant_errors.Field("scope_kind", state.grant_scope_kind)},
                   {"scope_id", state.grant_errors.Field("scope_id", state.grant_scope_id)}}},
                 {"roles", RoleOptions(t, state.grant_role)},
                 {"scopes", ScopeOptions(t, state.grant_scope_kind)},
                 {"can_manage", can_manage},
                 {"can_grant", auth::Allows(who, kGrantRoles, {})},
                 {"can_disable", can_manage && !user.disabled && user.id != who.user_id},
                 {"can_enable", can_manage && user.disabled}},
                "identity.admin_user_title", state.status);
}

// After an action on an account: back to its page with the notice, or the page with the error.
http::Response AfterAction(const IdentityContext& ctx, const http::Request& request, std::int64_t id,
                           const core::Status& status, std::string_view saved) {
    if (status) {
        return http::Response::Redirect("/admin/users/" + std::to_string(id) +
                                        "?saved=" + std::string(saved));
    }
    const auto code = status.error().code;
    if (code == core::ErrorCode::kNotFound || code == core::ErrorCode::kForbidden ||
        code == core::ErrorCode::kUnavailable) {
        return Error(ctx, request, status.error());
    }
    UserPageState state;
    state.action_error = Texts(ctx, request).Message(status.error());
    state.status = FormStatus(status.error());
    return UserPage(ctx, request, id, state);
}

http::Response SaveProfile(const IdentityContext& ctx, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    UserPageState state;
    state.profile.emplace(FormField(request, "name"), FormField(request, "email"));
    auto status = accounts::UpdateProfile(ctx.services.db, who, id, state.profile->first,
                                          state.profile->second, Now(), request.remote_address);
    if (status) return http::Response::Redirect("/admin/users/" + std::to_string(id) + "?saved=profile");
    const auto field = FieldOf(status.error());
    if (field.empty()) return AfterAction(ctx, request, id, status, {});
    state.profile_errors.Add(field, Texts(ctx, request).Message(status.error()));
    state.status = FormStatus(status.error());
    return UserPage(ctx, request, id, state);
}

http::Response AddGrant(const IdentityContext& ctx, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    UserPageState state;
    state.grant_role = FormField(request, "role");
    state.grant_scope_kind = FormField(request, "scope_kind");
    state.grant_scope_id = FormField(request, "scope_id");
    auto grant = ParseGrant(state.grant_role, state.grant_scope_kind, state.grant_scope_id);
    core::Status status =
        grant ? accounts::Grant(ctx.services.db, who, id, grant.value(), Now(), request.remote_address)
              : core::Status(grant.error());
    if (status) return http::Response::Redirect("/admin/users/" + std::to_string(id) + "?saved=granted");
    const auto field = FieldOf(status.error());
    if (field.empty()) return AfterAction(ctx, request, id, status, {});
    state.grant_errors.Add(field, Texts(ctx, request).Message(status.error()));
    state.status = FormStatus(status.error());
    return UserPage(ctx, request, id, state);
}

// Wraps a handler of /admin/users/{id}...: the id parsed, or 404.
template <typename F>
http::Handler WithUserId(const std::shared_ptr<IdentityContext>& ctx, F fn) {
    return [ctx, fn](http::Request& request) {
        const auto id = ParseId(request.Param("id"));
        if (!id) return Error(*ctx, request, NotFound());
        return fn(*ctx, request, *id);
    };
}

// ----- /admin/audit ----------------------------------------------------------------------------

std::string AuditHref(std::string_view action, std::int64_t before) {
    std::string href = "/admin/audit";
    char sep = '?';
    if (before > 0) {
        href += "?before=" + std::to_string(before);
        sep = '&';
    }
    if (!action.empty()) href += sep + std::string("action=") + http::PercentEncode(action);
    return href;
}

http::Response AuditPage(const IdentityContext& ctx, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = auth::Require(who, kViewAudit); !allowed) return Error(ctx, request, allowed.error());
    const Texts t(ctx, request);
    const std::string action = request.Query("action").value_or("");
    const std::int64_t before = ParseId(request.Query("before").value_or("")).value_or(0);
    // One record more than a page tells whether an older page exists.
    auto records = audit::ListAudit(ctx.services.db, kAuditPerPage + 1, before, action);
    const bool has_older = records.size() > static_cast<std::size_t>(kAuditPerPage);
    if (has_older) records.pop_back();
    json rows = json::array();
    for (const auto& record : records) {
        const auto& e = record.entry;
        const bool is_user = e.object_type == "user" && ParseId(e.object_id).has_value();
        rows.push_back({{"seq", record.seq},
                        {"time", web::FormatDateTime(e.at, t.lang())},
                        {"actor", e.actor_login},
                        {"action", e.action},
                        {"object", e.object_type + " #" + e.object_id},
                        {"is_user", is_user},
                        {"object_href", is_user ? "/admin/users/" + e.object_id : ""},
                        {"detail", e.detail_json},
                        {"address", e.address}});
    }
    return Page(ctx, request, "identity/admin_audit",
                {{"action", action},
                 {"records", rows},
                 {"has_records", !rows.empty()},
                 {"has_older", has_older},
                 {"older_href", AuditHref(action, records.empty() ? 0 : records.back().seq)},
                 {"is_older_page", before > 0},
                 {"newest_href", AuditHref(action, 0)}},
                "identity.admin_audit_title");
}

http::Response AuditVerifyPage(const IdentityContext& ctx, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    if (auto allowed = auth::Require(who, kViewAudit); !allowed) return Error(ctx, request, allowed.error());
    const Texts t(ctx, request);
    const auto result = audit::VerifyAuditChain(ctx.services.db);
    const std::string first_bad = result.first_bad_seq ? std::to_string(*result.first_bad_seq) : "";
    return Page(ctx, request, "identity/admin_audit_verify",
                {{"ok", result.ok},
                 {"summary", result.ok ? t.Format("identity.admin_audit_intact",
                                                  {{"count", std::to_string(result.records)}})
                                       : t.Format("identity.admin_audit_tampered", {{"seq", first_bad}})},
                 {"first_bad_seq", first_bad},
                 {"problem", result.problem},
                 {"records", result.records},
                 {"last_hash", result.last_hash}},
                "identity.admin_audit_verify_title");
}

// ----- /api/v1 ---------------------------------------------------------------------------------

http::Response Json(const json& body, int status = 200) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

core::Error BadJson(std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, "identity.admin_bad_json", std::move(detail));
}

// The request body as a JSON object.
core::Result<json> JsonBody(const http::Request& request) {
    if (!request.body_file.empty()) return BadJson("body too large for JSON");
    auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return BadJson("body is not a JSON object");
    return body;
}

// A text member of a JSON object; absent or null gives `fallback`, another type is an error.
core::Result<std::string> TextMember(const json& body, const char* key, std::string fallback = {}) {
    const auto it = body.find(key);
    if (it == body.end() || it->is_null()) return fallback;
    if (!it->is_string()) return BadJson(std::string(key) + " is not a string");
    return it->get<std::string>();
}

// A grant member {"role", "scope", "scope_id"} (scope and scope_id optional: the institution).
core::Result<auth::Grant> GrantMember(const json& item) {
    if (!item.is_object()) return BadJson("grant is not an object");
    auto role = TextMember(item, "role");
    if (!role) return role.error();
    auto scope = TextMember(item, "scope", "institution");
    if (!scope) return scope.error();
    std::string scope_id;
    if (const auto it = item.find("scope_id"); it != item.end() && !it->is_null()) {
        if (!it->is_number_integer()) return BadJson("scope_id is not an integer");
        scope_id = std::to_string(it->get<std::int64_t>());
    }
    return ParseGrant(role.value(), scope.value(), scope_id);
}

json GrantJson(const auth::Grant& grant) {
    return {{"role", auth::RoleName(grant.role)},
            {"scope", auth::ScopeKindName(grant.scope.kind)},
            {"scope_id", grant.scope.id}};
}

json GrantRowJson(const store::GrantRow& row) {
    json out = GrantJson(row.grant);
    out["id"] = row.id;
    out["granted_at"] = core::FormatUtc(row.granted_at);
    return out;
}

// The public fields of an account: listed one by one, so that the password hash and the TOTP
// secrets of UserRow never reach a response.
json UserJson(const store::UserRow& user, const std::vector<store::GrantRow>& grants) {
    json list = json::array();
    for (const auto& row : grants) list.push_back(GrantRowJson(row));
    return {{"id", user.id},
            {"login", user.login},
            {"name", user.display_name},
            {"email", user.email},
            {"lang", user.lang},
            {"disabled", user.disabled},
            {"second_factor", !user.totp_secret.empty()},
            {"must_change_password", user.must_change_password},
            {"created_at", core::FormatUtc(user.created_at)},
            {"grants", list}};
}

json UserDetailJson(const accounts::UserDetail& detail) {
    json out = UserJson(detail.user, detail.grants);
    out["sessions"] = detail.sessions;
    out["recovery_codes_left"] = detail.recovery_codes_left;
    return out;
}

http::Response ApiMe(const IdentityContext&, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    json roles = json::array();
    for (const auto& grant : who.grants) roles.push_back(GrantJson(grant));
    // The CSRF token lets a script that signed in through POST /login send X-CSRF-Token; other
    // origins cannot read this response, as they cannot read the forms that carry the same token.
    return Json({{"id", who.user_id},
                 {"login", who.login},
                 {"name", who.display_name},
                 {"roles", roles},
                 {"csrf_token", auth::CsrfToken(request)}});
}

http::Response ApiUsers(const IdentityContext& ctx, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    // An absent or empty parameter takes its default (scripts often send "limit=").
    const auto parameter = [&](std::string_view name, std::int64_t fallback) -> std::optional<std::int64_t> {
        const auto text = request.Query(name).value_or("");
        return text.empty() ? fallback : ParseNumber(text);
    };
    const auto limit = parameter("limit", kApiDefaultLimit);
    const auto offset = parameter("offset", 0);
    if (!limit || !offset || *limit == 0) {
        return Error(
            ctx, request,
            core::MakeError(core::ErrorCode::kInvalidInput, "identity.admin_bad_paging", "bad limit/offset"));
    }
    const auto clamped_limit = std::min(*limit, kApiMaxLimit);
    const auto clamped_offset = std::min(*offset, kMaxOffset);
    const std::string q = request.Query("q").value_or("");
    auto list = accounts::List(ctx.services.db, who, q, static_cast<int>(clamped_limit),
                               static_cast<int>(clamped_offset));
    if (!list) return Error(ctx, request, list.error());
    const auto grants = GrantsByUser(ctx, who, list->users);
    json users = json::array();
    for (const auto& user : list->users) {
        const auto it = grants.find(user.id);
        users.push_back(UserJson(user, it != grants.end() ? it->second : std::vector<store::GrantRow>{}));
    }
    return Json(
        {{"total", list->total}, {"limit", clamped_limit}, {"offset", clamped_offset}, {"users", users}});
}

http::Response ApiUser(const IdentityContext& ctx, http::Request& request, std::int64_t id) {
    auto detail = accounts::Get(ctx.services.db, *auth::CurrentPrincipal(request), id);
    if (!detail) return Error(ctx, request, detail.error());
    return Json(UserDetailJson(detail.value()));
}

http::Response ApiCreateUser(const IdentityContext& ctx, http::Request& request) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) return Error(ctx, request, body.error());
    std::string generated;
    accounts::NewUserInput input;
    input.generated_password = &generated;
    for (auto [key, field, fallback] :
         {std::tuple{"login", &input.login, ""}, std::tuple{"name", &input.display_name, ""},
          std::tuple{"email", &input.email, ""}, std::tuple{"lang", &input.lang, "kk"},
          std::tuple{"password", &input.password, ""}}) {
        auto value = TextMember(body.value(), key, fallback);
        if (!value) return Error(ctx, request, value.error());
        *field = std::move(value.value());
    }
    std::vector<auth::Grant> grants;
    if (const auto it = body->find("grants"); it != body->end() && !it->is_null()) {
        if (!it->is_array()) return Error(ctx, request, BadJson("grants is not an array"));
        for (const auto& item : *it) {
            auto grant = GrantMember(item);
            if (!grant) return Error(ctx, request, grant.error());
            grants.push_back(grant.value());
        }
        // Without the right to grant, refuse before the account exists rather than half-way.
        if (auto allowed = auth::Require(who, kGrantRoles); !grants.empty() && !allowed) {
            return Error(ctx, request, allowed.error());
        }
    }
    auto id = accounts::Create(ctx.services.db, *ctx.hasher, who, input, Now(), request.remote_address);
    if (!id) return Error(ctx, request, id.error());
    for (const auto& grant : grants) {
        if (auto granted =
                accounts::Grant(ctx.services.db, who, id.value(), grant, Now(), request.remote_address);
            !granted) {
            return Error(ctx, request, granted.error());
        }
    }
    auto detail = accounts::Get(ctx.services.db, who, id.value());
    json out = detail ? UserDetailJson(detail.value()) : json{{"id", id.value()}};
    if (!generated.empty()) out["temporary_password"] = generated;
    auto response = Json(out, 201);
    response.SetHeader("Location", "/api/v1/users/" + std::to_string(id.value()));
    return response;
}

http::Response ApiGrant(const IdentityContext& ctx, http::Request& request, std::int64_t id) {
    const auto& who = *auth::CurrentPrincipal(request);
    auto body = JsonBody(request);
    if (!body) return Error(ctx, request, body.error());
    auto grant = GrantMember(body.value());
    if (!grant) return Error(ctx, request, grant.error());
    if (auto status = accounts::Grant(ctx.services.db, who, id, grant.value(), Now(), request.remote_address);
        !status) {
        return Error(ctx, request, status.error());
    }
    return ApiUser(ctx, request, id);
}

http::Response ApiRevoke(const IdentityContext& ctx, http::Request& request, std::int64_t id) {
    const auto grant_id = ParseId(request.Param("grant_id"));
    if (!grant_id) return Error(ctx, request, NotFound());
    if (auto status = accounts::Revoke(ctx.services.db, *auth::CurrentPrincipal(request), id, *grant_id,
                                       Now(), request.remote_address);
        !status) {
        return Error(ctx, request, status.error());
    }
    return http::Response::NoContent();
}

}  // namespace

void AddAdminRoutes(http::Router& router, const std::shared_ptr<IdentityContext>& ctx) {
    ctx->services.navigation.Add({.href = "/admin/users",
                                  .label_key = "identity.nav_users",
                                  .description_key = "identity.nav_users_description",
                                  .capability = &kViewUsers,
                                  .order = 80});
    ctx->services.navigation.Add({.href = "/admin/audit",
                                  .label_key = "identity.nav_audit",
                                  .description_key = "identity.nav_audit_description",
                                  .capability = &kViewAudit,
                                  .order = 90});

    // Pages. Every route is Audience::kSignedIn (the default): the gate guarantees a principal.
    router.Add(http::Method::kGet, "/admin/users",
               [ctx](http::Request& request) { return UsersPage(*ctx, request); });
    router.Add(http::Method::kGet, "/admin/users/new",
               [ctx](http::Request& request) { return EmptyNewUserPage(*ctx, request); });
    router.Add(http::Method::kPost, "/admin/users/new",
               [ctx](http::Request& request) { return CreateUser(*ctx, request); });
    router.Add(http::Method::kGet, "/admin/users/{id}",
               WithUserId(ctx, [](const IdentityContext& c, http::Request& request, std::int64_t id) {
                   return UserPage(c, request, id, UserPageState{});
               }));
    router.Add(http::Method::kPost, "/admin/users/{id}", WithUserId(ctx, SaveProfile));
    router.Add(http::Method::kPost, "/admin/users/{id}/grants", WithUserId(ctx, AddGrant));
    router.Add(http::Method::kPost, "/admin/users/{id}/grants/{grant_id}/delete",
               WithUserId(ctx, [](const IdentityContext& c, http::Request& request, std::int64_t id) {
                   const auto grant_id = ParseId(request.Param("grant_id"));
                   if (!grant_id) return Error(c, request, NotFound());
                   const auto status = accounts::Revoke(c.services.db, *auth::CurrentPrincipal(request), id,
                                                        *grant_id, Now(), request.remote_address);
                   return AfterAction(c, request, id, status, "revoked");
               }));
    for (const bool disable : {true, false}) {
        router.Add(
            http::Method::kPost, disable ? "/admin/users/{id}/disable" : "/admin/users/{id}/enable",
            WithUserId(ctx, [disable](const IdentityContext& c, http::Request& request, std::int64_t id) {
                const auto status = accounts::SetDisabled(c.services.db, *auth::CurrentPrincipal(request), id,
                                                          disable, Now(), request.remote_address);
                return AfterAction(c, request, id, status, disable ? "disabled" : "enabled");
            }));
    }
    router.Add(http::Method::kPost, "/admin/users/{id}/reset-password",
               WithUserId(ctx, [](const IdentityContext& c, http::Request& request, std::int64_t id) {
                   const auto& who = *auth::CurrentPrincipal(request);
                   auto password = accounts::ResetPassword(c.services.db, *c.hasher, who, id, Now(),
                                                           request.remote_address);
                   if (!password) return AfterAction(c, request, id, password.error(), {});
                   auto detail = accounts::Get(c.services.db, who, id);
                   return PasswordPage(c, request, id, detail ? detail->user.login : std::string{},
                                       password.value(), false, {});
               }));
    router.Add(http::Method::kPost, "/admin/users/{id}/reset-second-factor",
               WithUserId(ctx, [](const IdentityContext& c, http::Request& request, std::int64_t id) {
                   const auto status = accounts::ResetSecondFactor(
                       c.services.db, *auth::CurrentPrincipal(request), id, Now(), request.remote_address);
                   return AfterAction(c, request, id, status, "second_factor");
               }));
    router.Add(http::Method::kGet, "/admin/audit",
               [ctx](http::Request& request) { return AuditPage(*ctx, request); });
    router.Add(http::Method::kGet, "/admin/audit/verify",
               [ctx](http::Request& request) { return AuditVerifyPage(*ctx, request); });

    // JSON API for scripts (session cookie + X-CSRF-Token; see openapi.json).
    router.Add(http::Method::kGet, "/api/v1/me",
               [ctx](http::Request& request) { return ApiMe(*ctx, request); });
    router.Add(http::Method::kGet, "/api/v1/users",
               [ctx](http::Request& request) { return ApiUsers(*ctx, request); });
    router.Add(http::Method::kPost, "/api/v1/users",
               [ctx](http::Request& request) { return ApiCreateUser(*ctx, request); });
    router.Add(http::Method::kGet, "/api/v1/users/{id}", WithUserId(ctx, ApiUser));
    router.Add(http::Method::kPost, "/api/v1/users/{id}/grants", WithUserId(ctx, ApiGrant));
    router.Add(http::Method::kDelete, "/api/v1/users/{id}/grants/{grant_id}", WithUserId(ctx, ApiRevoke));
}

}  // namespace oqu::identity
