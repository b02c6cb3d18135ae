#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "identity/store.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform::db {
class Database;
}
namespace oqu::platform::auth {
class PasswordHasher;
}

/// Administration of accounts: the use cases behind /admin/users and `oqu user`. Each checks its
/// capability first and writes an audit record in the same transaction as the change.
namespace oqu::identity::accounts {

/// The fields of a new account as typed in a form or on the command line.
struct NewUserInput {
    std::string login;
    std::string display_name;
    std::string email;
    std::string lang = "kk";
    std::string password;  ///< Empty: generate one (returned through `generated_password`).
    std::string* generated_password = nullptr;
};

/// A page of users.
struct UserPage {
    std::vector<store::UserRow> users;
    std::int64_t total = 0;
};

/// An account with its grants.
struct UserDetail {
    store::UserRow user;
    std::vector<store::GrantRow> grants;
    std::int64_t sessions = 0;
    std::int64_t recovery_codes_left = 0;
};

core::Result<UserPage> List(platform::db::Database& db, const platform::auth::Principal& actor,
                            std::string_view query, int limit, int offset);
core::Result<UserDetail> Get(platform::db::Database& db, const platform::auth::Principal& actor,
                             std::int64_t id);
/// Creates an account (PrepareUser + CreateUser) and returns its id.
core::Result<std::int64_t> Create(platform::db::Database& db, const platform::auth::PasswordHasher& hasher,
                                  const platform::auth::Principal& actor, const NewUserInput& input,
                                  core::Instant now, std::string_view address);
core::Status UpdateProfile(platform::db::Database& db, const platform::auth::Principal& actor,
                           std::int64_t id, std::string_view display_name, std::string_view email,
                           core::Instant now, std::string_view address);
/// Disables (ending every session) or enables an account. An administrator cannot disable
/// their own account (kConflict "identity.cannot_disable_self").
core::Status SetDisabled(platform::db::Database& db, const platform::auth::Principal& actor, std::int64_t id,
                         bool disabled, core::Instant now, std::string_view address);
/// Sets a new random password that must be changed at next login, ends every session, and
/// returns the password (shown once to the administrator).
core::Result<std::string> ResetPassword(platform::db::Database& db,
                                        const platform::auth::PasswordHasher& hasher,
                                        const platform::auth::Principal& actor, std::int64_t id,
                                        core::Instant now, std::string_view address);
/// Removes the user's second factor (lost phone); they must enrol again at next login.
core::Status ResetSecondFactor(platform::db::Database& db, const platform::auth::Principal& actor,
                               std::int64_t id, core::Instant now, std::string_view address);
core::Status Grant(platform::db::Database& db, const platform::auth::Principal& actor, std::int64_t id,
                   const platform::auth::Grant& grant, core::Instant now, std::string_view address);
core::Status Revoke(platform::db::Database& db, const platform::auth::Principal& actor, std::int64_t id,
                    std::int64_t grant_id, core::Instant now, std::string_view address);

/// The grants of the users `ids` (a page of List), as (user id, grant) pairs by user then grant.
/// Needs identity:view_users (kNotFound otherwise, as List).
core::Result<std::vector<std::pair<std::int64_t, store::GrantRow>>> GrantsOf(
    platform::db::Database& db, const platform::auth::Principal& actor, const std::vector<std::int64_t>& ids);

}  // namespace oqu::identity::accounts
