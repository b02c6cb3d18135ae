#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform {
class ModuleRegistry;
struct Services;
namespace db {
class Session;
}
namespace auth {
class PasswordHasher;
class SessionResolver;
}  // namespace auth
}  // namespace oqu::platform

/// The identity module: user accounts, role grants, sessions, second factor, login throttling.
/// Other modules use only this header.
namespace oqu::identity {

/// A user account to create. `password` empty: the account exists (e.g. an imported student)
/// but cannot log in until an administrator sets a password.
struct NewUser {
    std::string login;         ///< 3–64 characters: letters, digits, '.', '_', '-', '@'; stored lower-case.
    std::string display_name;  ///< "Әлия Серікқызы Нұрланова"
    std::string email;         ///< Optional.
    std::string lang = "kk";   ///< kk, ru or en.
    std::string password;      ///< Plain text, checked against the policy and hashed by PrepareUser.
};

/// A NewUser checked and with its password hashed (hashing is slow: do it before the transaction).
struct PreparedUser {
    NewUser user;               ///< `password` cleared.
    std::string password_hash;  ///< Empty when no password was given.
};

/// Validates the login, name and password policy and hashes the password. kInvalidInput with a
/// translated key on a bad field (identity.login_invalid, auth.password_too_short, ...).
core::Result<PreparedUser> PrepareUser(const platform::auth::PasswordHasher& hasher, NewUser user);

/// Creates the user in the caller's transaction, audited. The actor needs identity:manage_users
/// (institution scope) — or identity:create_accounts when called by an import of people. `address`
/// is the client IP for the audit record (empty from the command line).
/// kConflict "identity.login_taken" when the login exists.
core::Result<std::int64_t> CreateUser(platform::db::Session& session, const platform::auth::Principal& actor,
                                      const PreparedUser& user, core::Instant now,
                                      std::string_view address = {});

/// Grants a role in a scope (idempotent), audited. Needs identity:grant_roles.
core::Status GrantRole(platform::db::Session& session, const platform::auth::Principal& actor,
                       std::int64_t user_id, const platform::auth::Grant& grant, core::Instant now,
                       std::string_view address = {});

/// Enrols a confirmed TOTP second factor with `secret_base32` (as a confirmed enrolment does: no code
/// used yet), in the caller's transaction, audited; for `oqu demo` and administrators' scripts.
/// Needs identity:manage_users; kNotFound when no such user, kInvalidInput "identity.code_invalid"
/// when the secret is not base32.
core::Status SetSecondFactor(platform::db::Session& session, const platform::auth::Principal& actor,
                             std::int64_t user_id, std::string_view secret_base32, core::Instant now);

/// Sets the password of a user to `user`'s hash (from PrepareUser, not temporary) and ends the
/// user's sessions, in the caller's transaction, audited. Needs identity:manage_users.
core::Status SetPassword(platform::db::Session& session, const platform::auth::Principal& actor,
                         std::int64_t user_id, const PreparedUser& user, core::Instant now);

/// The number of accounts (whether the installation is still empty).
std::int64_t CountUsers(platform::db::Session& session);

/// A user as other modules see it.
struct UserSummary {
    std::int64_t id = 0;
    std::string login;
    std::string display_name;
    bool disabled = false;
};

/// The user with this login (case-insensitive), if any.
std::optional<UserSummary> FindUserByLogin(platform::db::Session& session, std::string_view login);

/// Registers the identity module: schema, templates, strings, routes, commands (oqu user ...).
void Register(platform::ModuleRegistry& registry);

/// The session resolver the auth gate uses (app/ wires it in serve).
std::shared_ptr<platform::auth::SessionResolver> MakeSessionResolver(platform::Services& services);

}  // namespace oqu::identity
