#include "identity/accounts.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "identity/api.hpp"
#include "identity/domain/login_name.hpp"
#include "identity/permissions.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/totp.hpp"
#include "platform/db/database.hpp"

namespace oqu::identity {

namespace auth = platform::auth;
namespace audit = platform::audit;
using platform::db::Session;

namespace {

void Audit(Session& s, const auth::Principal& actor, core::Instant now, std::string action,
           std::int64_t user_id, const nlohmann::json& detail, std::string_view address) {
    audit::RecordAudit(s, {.at = now,
                           .actor_user_id = actor.user_id,
                           .actor_login = actor.system ? "system" : actor.login,
                           .action = std::move(action),
                           .object_type = "user",
                           .object_id = std::to_string(user_id),
                           .detail_json = detail.dump(),
                           .address = std::string(address)});
    audit::RecordFootprint(s, {.at = now,
                               .user_id = actor.user_id,
                               .action = "identity.admin_act",
                               .object_type = "user",
                               .object_id = std::to_string(user_id),
                               .detail_json = detail.dump(),
                               .address = std::string(address)});
}

core::Error NoSuchUser() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such user");
}

bool ValidLang(std::string_view lang) {
    return lang == "kk" || lang == "ru" || lang == "en";
}

nlohmann::json GrantJson(const auth::Grant& g) {
    return {{"role", auth::RoleName(g.role)},
            {"scope", auth::ScopeKindName(g.scope.kind)},
            {"scope_id", g.scope.id}};
}

}  // namespace

core::Result<PreparedUser> PrepareUser(const auth::PasswordHasher& hasher, NewUser user) {
    auto login = NormaliseLogin(user.login);
    if (!login) return login.error();
    auto name = NormaliseDisplayName(user.display_name);
    if (!name) return name.error();
    if (!ValidLang(user.lang)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.lang_invalid", "bad language");
    }
    if (user.email.size() > 200 || (!user.email.empty() && user.email.find('@') == std::string::npos)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.email_invalid", "bad email");
    }
    PreparedUser out;
    if (!user.password.empty()) {
        if (auto policy = auth::CheckPasswordPolicy(user.password, *login); !policy) return policy.error();
        auto hash = hasher.Hash(user.password);
        if (!hash) return hash.error();
        out.password_hash = std::move(hash.value());
    }
    user.login = std::move(login.value());
    user.display_name = std::move(name.value());
    user.password.clear();
    out.user = std::move(user);
    return out;
}

core::Result<std::int64_t> CreateUser(Session& s, const auth::Principal& actor, const PreparedUser& prepared,
                                      core::Instant now, std::string_view address) {
    if (!auth::Allows(actor, kManageUsers, {}) && !auth::Allows(actor, kCreateAccounts, {})) {
        return auth::Require(actor, kManageUsers).error();
    }
    if (store::FindUserByLogin(s, prepared.user.login)) {
        return core::MakeError(core::ErrorCode::kConflict, "identity.login_taken", "login exists");
    }
    store::UserRow row;
    row.login = prepared.user.login;
    row.display_name = prepared.user.display_name;
    row.email = prepared.user.email;
    row.lang = prepared.user.lang;
    row.password_hash = prepared.password_hash;
    const auto id = store::InsertUser(s, row, now);
    Audit(s, actor, now, "identity.create_user", id,
          {{"login", row.login},
           {"display_name", row.display_name},
           {"has_password", !row.password_hash.empty()}},
          address);
    return id;
}

core::Status GrantRole(Session& s, const auth::Principal& actor, std::int64_t user_id,
                       const auth::Grant& grant, core::Instant now, std::string_view address) {
    // Whoever may create accounts for imported people may give them the student or teacher role;
    // every other role needs identity:grant_roles.
    const bool basic = grant.role == auth::Role::kStudent || grant.role == auth::Role::kTeacher;
    if (!(basic && auth::Allows(actor, kCreateAccounts, {}))) {
        if (auto ok = auth::Require(actor, kGrantRoles); !ok) return ok;
    }
    if (!store::FindUser(s, user_id)) return NoSuchUser();
    if (grant.scope.kind == auth::ScopeKind::kInstitution && grant.scope.id != 0) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.scope_invalid",
                               "institution id must be 0");
    }
    if (grant.scope.kind != auth::ScopeKind::kInstitution && grant.scope.id <= 0) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.scope_invalid", "scope id missing");
    }
    if (store::InsertGrant(s, user_id, grant, actor.user_id, now)) {
        Audit(s, actor, now, "identity.grant_role", user_id, GrantJson(grant), address);
    }
    return core::OkStatus();
}

std::optional<UserSummary> FindUserByLogin(Session& s, std::string_view login) {
    auto normalised = NormaliseLogin(login);
    if (!normalised) return std::nullopt;
    const auto row = store::FindUserByLogin(s, normalised.value());
    if (!row) return std::nullopt;
    return UserSummary{row->id, row->login, row->display_name, row->disabled};
}

namespace accounts {

core::Result<UserPage> List(platform::db::Database& db, const auth::Principal& actor, std::string_view query,
                            int limit, int offset) {
    if (auto ok = auth::Require(actor, kViewUsers); !ok) return ok.error();
    return db.Read([&](Session& s) {
        return UserPage{store::ListUsers(s, query, limit, offset), store::CountUsers(s, query)};
    });
}

core::Result<UserDetail> Get(platform::db::Database& db, const auth::Principal& actor, std::int64_t id) {
    if (auto ok = auth::Require(actor, kViewUsers); !ok) return ok.error();
    return db.Read([&](Session& s) -> core::Result<UserDetail> {
        auto user = store::FindUser(s, id);
        if (!user) return NoSuchUser();
        UserDetail d{std::move(*user), store::ListGrants(s, id),
                     static_cast<std::int64_t>(store::ListUserSessions(s, id).size()),
                     store::CountUnusedRecoveryCodes(s, id)};
        return d;
    });
}

core::Result<std::int64_t> Create(platform::db::Database& db, const auth::PasswordHasher& hasher,
                                  const auth::Principal& actor, const NewUserInput& input, core::Instant now,
                                  std::string_view address) {
    if (auto ok = auth::Require(actor, kManageUsers); !ok) return ok.error();
    std::string password = input.password;
    if (password.empty()) {
        password = auth::GeneratePassword();
        if (input.generated_password != nullptr) *input.generated_password = password;
    }
    auto prepared = PrepareUser(hasher, {input.login, input.display_name, input.email, input.lang, password});
    if (!prepared) return prepared.error();
    try {
        return db.Transact([&](Session& s) -> core::Result<std::int64_t> {
            auto id = CreateUser(s, actor, prepared.value(), now, address);
            if (!id) return id;
            if (!input.password.empty()) return id;
            // A generated password is temporary: the owner sets their own at first login.
            store::SetPassword(s, id.value(), prepared->password_hash, true, now);
            return id;
        });
    } catch (const platform::db::DbError& e) {
        if (e.IsUniqueViolation()) {
            return core::MakeError(core::ErrorCode::kConflict, "identity.login_taken", "login exists (race)");
        }
        throw;
    }
}

core::Status UpdateProfile(platform::db::Database& db, const auth::Principal& actor, std::int64_t id,
                           std::string_view display_name, std::string_view email, core::Instant now,
                           std::string_view address) {
    if (auto ok = auth::Require(actor, kManageUsers); !ok) return ok;
    auto name = NormaliseDisplayName(display_name);
    if (!name) return name.error();
    if (email.size() > 200 || (!email.empty() && email.find('@') == std::string_view::npos)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.email_invalid", "bad email");
    }
    return db.Transact([&](Session& s) -> core::Status {
        const auto before = store::FindUser(s, id);
        if (!before) return NoSuchUser();
        store::UpdateProfile(s, id, name.value(), email, now);
        Audit(s, actor, now, "identity.update_user", id,
              {{"before", {{"display_name", before->display_name}, {"email", before->email}}},
               {"after", {{"display_name", name.value()}, {"email", email}}}},
              address);
        return core::OkStatus();
    });
}

core::Status SetDisabled(platform::db::Database& db, const auth::Principal& actor, std::int64_t id,
                         bool disabled, core::Instant now, std::string_view address) {
    if (auto ok = auth::Require(actor, kManageUsers); !ok) return ok;
    if (disabled && id == actor.user_id) {
        return core::MakeError(core::ErrorCode::kConflict, "identity.cannot_disable_self", "self-disable");
    }
    return db.Transact([&](Session& s) -> core::Status {
        if (!store::FindUser(s, id)) return NoSuchUser();
        store::SetDisabled(s, id, disabled, now);
        if (disabled) store::DeleteUserSessions(s, id);
        Audit(s, actor, now, disabled ? "identity.disable_user" : "identity.enable_user", id,
              nlohmann::json::object(), address);
        return core::OkStatus();
    });
}

core::Result<std::string> ResetPassword(platform::db::Database& db, const auth::PasswordHasher& hasher,
                                        const auth::Principal& actor, std::int64_t id, core::Instant now,
                                        std::string_view address) {
    if (auto ok = auth::Require(actor, kManageUsers); !ok) return ok.error();
    std::string password = auth::GeneratePassword();
    auto hash = hasher.Hash(password);
    if (!hash) return hash.error();
    auto status = db.Transact([&](Session& s) -> core::Status {
        if (!store::FindUser(s, id)) return NoSuchUser();
        store::SetPassword(s, id, hash.value(), true, now);
        store::DeleteUserSessions(s, id);
        Audit(s, actor, now, "identity.reset_password", id, nlohmann::json::object(), address);
        return core::OkStatus();
    });
    if (!status) return status.error();
    return password;
}

core::Status ResetSecondFactor(platform::db::Database& db, const auth::Principal& actor, std::int64_t id,
                               core::Instant now, std::string_view address) {
    if (auto ok = auth::Require(actor, kManageUsers); !ok) return ok;
    return db.Transact([&](Session& s) -> core::Status {
        if (!store::FindUser(s, id)) return NoSuchUser();
        store::DisableTotp(s, id);
        store::DeleteUserSessions(s, id);
        Audit(s, actor, now, "identity.reset_second_factor", id, nlohmann::json::object(), address);
        return core::OkStatus();
    });
}

core::Status Grant(platform::db::Database& db, const auth::Principal& actor, std::int64_t id,
                   const auth::Grant& grant, core::Instant now, std::string_view address) {
    return db.Transact([&](Session& s) { return GrantRole(s, actor, id, grant, now, address); });
}

core::Status Revoke(platform::db::Database& db, const auth::Principal& actor, std::int64_t id,
                    std::int64_t grant_id, core::Instant now, std::string_view address) {
    if (auto ok = auth::Require(actor, kGrantRoles); !ok) return ok;
    return db.Transact([&](Session& s) -> core::Status {
        const auto removed = store::DeleteGrant(s, id, grant_id);
        if (!removed) return NoSuchUser();
        Audit(s, actor, now, "identity.revoke_role", id, GrantJson(*removed), address);
        return core::OkStatus();
    });
}

core::Result<std::vector<std::pair<std::int64_t, store::GrantRow>>> GrantsOf(
    platform::db::Database& db, const auth::Principal& actor, const std::vector<std::int64_t>& ids) {
    if (auto ok = auth::Require(actor, kViewUsers); !ok) return ok.error();
    return db.Read([&](Session& s) { return store::ListGrantsOfUsers(s, ids); });
}

}  // namespace accounts
}  // namespace oqu::identity

namespace oqu::identity {

core::Status SetSecondFactor(Session& s, const auth::Principal& actor, std::int64_t user_id,
                             std::string_view secret_base32, core::Instant now) {
    if (auto ok = auth::Require(actor, kManageUsers); !ok) return ok;
    if (!auth::Base32Decode(secret_base32)) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.code_invalid",
                               "secret is not base32");
    }
    if (!store::FindUser(s, user_id)) return NoSuchUser();
    store::EnableTotp(s, user_id, secret_base32, 0);
    Audit(s, actor, now, "identity.set_second_factor", user_id, nlohmann::json::object(), {});
    return core::OkStatus();
}

core::Status SetPassword(Session& s, const auth::Principal& actor, std::int64_t user_id,
                         const PreparedUser& user, core::Instant now) {
    if (auto ok = auth::Require(actor, kManageUsers); !ok) return ok;
    if (!store::FindUser(s, user_id)) return NoSuchUser();
    store::SetPassword(s, user_id, user.password_hash, false, now);
    store::DeleteUserSessions(s, user_id);
    Audit(s, actor, now, "identity.set_password", user_id, nlohmann::json::object(), {});
    return core::OkStatus();
}

std::int64_t CountUsers(Session& s) {
    return store::CountUsers(s, "");
}

}  // namespace oqu::identity
