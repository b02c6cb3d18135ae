#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "platform/auth/principal.hpp"

namespace oqu::platform::db {
class Session;
}

/// The identity module's storage (the only code that touches identity_ tables). Functions take
/// the caller's transaction.
namespace oqu::identity::store {

using platform::db::Session;

/// One identity_user row.
struct UserRow {
    std::int64_t id = 0;
    std::string login;
    std::string display_name;
    std::string email;
    std::string lang = "kk";
    std::string password_hash;
    bool must_change_password = false;
    bool disabled = false;
    std::string totp_secret;
    std::string totp_pending_secret;
    std::int64_t totp_last_step = 0;
    core::Instant created_at{};
    core::Instant password_changed_at{};
};

std::optional<UserRow> FindUser(Session& s, std::int64_t id);
std::optional<UserRow> FindUserByLogin(Session& s, std::string_view login);
/// Inserts a user and returns its id; throws DbError (unique violation) on a taken login.
std::int64_t InsertUser(Session& s, const UserRow& user, core::Instant now);
void UpdateProfile(Session& s, std::int64_t id, std::string_view display_name, std::string_view email,
                   core::Instant now);
void SetLanguage(Session& s, std::int64_t id, std::string_view lang);
void SetDisabled(Session& s, std::int64_t id, bool disabled, core::Instant now);
void SetPassword(Session& s, std::int64_t id, std::string_view hash, bool must_change, core::Instant now);
void SetTotpPending(Session& s, std::int64_t id, std::string_view secret);
void EnableTotp(Session& s, std::int64_t id, std::string_view secret, std::int64_t step);
void DisableTotp(Session& s, std::int64_t id);
/// Moves totp_last_step forward to `step` only if it is later: false when a concurrent request
/// (or a replay) already used this step or a later one.
bool AdvanceTotpStep(Session& s, std::int64_t id, std::int64_t step);

/// Users matching `query` (login or name substring, case-insensitive for ASCII), by login.
std::vector<UserRow> ListUsers(Session& s, std::string_view query, int limit, int offset);
std::int64_t CountUsers(Session& s, std::string_view query);

/// Grants of a user; each with its row id.
struct GrantRow {
    std::int64_t id = 0;
    platform::auth::Grant grant;
    core::Instant granted_at{};
};
std::vector<GrantRow> ListGrants(Session& s, std::int64_t user_id);
/// Inserts a grant unless it exists; true when inserted.
bool InsertGrant(Session& s, std::int64_t user_id, const platform::auth::Grant& grant, std::int64_t by,
                 core::Instant now);
/// Deletes a grant by id (of this user); the deleted grant, if it existed.
std::optional<platform::auth::Grant> DeleteGrant(Session& s, std::int64_t user_id, std::int64_t grant_id);

/// One identity_session row.
struct SessionRow {
    std::string token_hash;
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::string stage;  ///< "second_factor" or "active"
    core::Instant created_at{};
    core::Instant last_seen_at{};
    std::string address;
    std::string user_agent;
};
void InsertSession(Session& s, const SessionRow& row);
std::optional<SessionRow> FindSession(Session& s, std::string_view token_hash);
void TouchSession(Session& s, std::string_view token_hash, core::Instant now);
void DeleteSession(Session& s, std::string_view token_hash);
/// Deletes every session of a user except `keep_hash`; returns how many.
std::int64_t DeleteOtherSessions(Session& s, std::int64_t user_id, std::string_view keep_hash);
/// Deletes every session of a user; returns how many.
std::int64_t DeleteUserSessions(Session& s, std::int64_t user_id);
std::vector<SessionRow> ListUserSessions(Session& s, std::int64_t user_id);
/// Deletes sessions idle since `idle_before` or created before `created_before`.
std::int64_t DeleteExpiredSessions(Session& s, core::Instant idle_before, core::Instant created_before);

void ReplaceRecoveryCodes(Session& s, std::int64_t user_id, const std::vector<std::string>& code_hashes);
/// Marks an unused recovery code used; false when unknown or already used.
bool UseRecoveryCode(Session& s, std::int64_t user_id, std::string_view code_hash, core::Instant now);
std::int64_t CountUnusedRecoveryCodes(Session& s, std::int64_t user_id);

void InsertLoginAttempt(Session& s, std::string_view login, std::string_view address, core::Instant at,
                        bool success);
/// Failures of `login` after its last success and after `since`: count and the oldest time.
std::pair<int, core::Instant> AccountFailures(Session& s, std::string_view login, core::Instant since);
/// Failures from `address` after `since`: count and the oldest time.
std::pair<int, core::Instant> AddressFailures(Session& s, std::string_view address, core::Instant since);
/// Deletes attempts older than `before`.
void PruneLoginAttempts(Session& s, core::Instant before);

/// The grants of several users at once (a page of the account list), as (user id, grant) pairs
/// ordered by user id then grant id; users without grants do not appear.
std::vector<std::pair<std::int64_t, GrantRow>> ListGrantsOfUsers(Session& s,
                                                                 const std::vector<std::int64_t>& user_ids);

}  // namespace oqu::identity::store
