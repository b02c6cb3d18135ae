#include <fmt/format.h>

#include "identity/store.hpp"
#include "platform/db/database.hpp"

namespace oqu::identity::store {

namespace db = platform::db;
using core::FromMicros;
using core::ToMicros;

namespace {

constexpr const char* kUserColumns =
    "id, login, display_name, email, lang, password_hash, must_change_password, disabled, totp_secret, "
    "totp_pending_secret, totp_last_step, created_at, password_changed_at";

UserRow ToUser(const db::Row& r) {
    UserRow u;
    u.id = r.Int(0);
    u.login = r.Text(1);
    u.display_name = r.Text(2);
    u.email = r.Text(3);
    u.lang = r.Text(4);
    u.password_hash = r.Text(5);
    u.must_change_password = r.Int(6) != 0;
    u.disabled = r.Int(7) != 0;
    u.totp_secret = r.Text(8);
    u.totp_pending_secret = r.Text(9);
    u.totp_last_step = r.Int(10);
    u.created_at = FromMicros(r.Int(11));
    u.password_changed_at = FromMicros(r.Int(12));
    return u;
}

std::optional<UserRow> OneUser(const db::Rows& rows) {
    if (rows.empty()) return std::nullopt;
    return ToUser(rows[0]);
}

SessionRow ToSession(const db::Row& r) {
    return SessionRow{r.Text(0), r.Int(1), r.Text(2), r.Text(3), FromMicros(r.Int(4)), FromMicros(r.Int(5)),
                      r.Text(6), r.Text(7)};
}

constexpr const char* kSessionColumns =
    "token_hash, user_id, csrf_token, stage, created_at, last_seen_at, address, user_agent";

// LIKE pattern matching `query` anywhere, with the wildcards in it escaped.
std::string Contains(std::string_view query) {
    std::string out = "%";
    for (char c : query) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    out.push_back('%');
    return out;
}

}  // namespace

std::optional<UserRow> FindUser(Session& s, std::int64_t id) {
    return OneUser(s.Query(fmt::format("SELECT {} FROM identity_user WHERE id = ?", kUserColumns), {id}));
}

std::optional<UserRow> FindUserByLogin(Session& s, std::string_view login) {
    return OneUser(s.Query(fmt::format("SELECT {} FROM identity_user WHERE login = ?", kUserColumns),
                           {std::string(login)}));
}

std::int64_t InsertUser(Session& s, const UserRow& u, core::Instant now) {
    const auto rows = s.Query(
        "INSERT INTO identity_user (login, display_name, email, lang, password_hash, must_change_password, "
        "disabled, created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {u.login, u.display_name, u.email, u.lang, u.password_hash,
         std::int64_t{u.must_change_password ? 1 : 0}, std::int64_t{u.disabled ? 1 : 0}, ToMicros(now),
         ToMicros(now), u.password_hash.empty() ? std::int64_t{0} : ToMicros(now)});
    return rows[0].Int(0);
}

void UpdateProfile(Session& s, std::int64_t id, std::string_view display_name, std::string_view email,
                   core::Instant now) {
    s.Exec("UPDATE identity_user SET display_name = ?, email = ?, updated_at = ? WHERE id = ?",
           {std::string(display_name), std::string(email), ToMicros(now), id});
}

void SetLanguage(Session& s, std::int64_t id, std::string_view lang) {
    s.Exec("UPDATE identity_user SET lang = ? WHERE id = ?", {std::string(lang), id});
}

void SetDisabled(Session& s, std::int64_t id, bool disabled, core::Instant now) {
    s.Exec("UPDATE identity_user SET disabled = ?, updated_at = ? WHERE id = ?",
           {std::int64_t{disabled ? 1 : 0}, ToMicros(now), id});
}

void SetPassword(Session& s, std::int64_t id, std::string_view hash, bool must_change, core::Instant now) {
    s.Exec(
        "UPDATE identity_user SET password_hash = ?, must_change_password = ?, password_changed_at = ?, "
        "updated_at = ? WHERE id = ?",
        {std::string(hash), std::int64_t{must_change ? 1 : 0}, ToMicros(now), ToMicros(now), id});
}

void SetTotpPending(Session& s, std::int64_t id, std::string_view secret) {
    s.Exec("UPDATE identity_user SET totp_pending_secret = ? WHERE id = ?", {std::string(secret), id});
}

void EnableTotp(Session& s, std::int64_t id, std::string_view secret, std::int64_t step) {
    s.Exec(
        "UPDATE identity_user SET totp_secret = ?, totp_pending_secret = '', totp_last_step = ? WHERE id = ?",
        {std::string(secret), step, id});
}

void DisableTotp(Session& s, std::int64_t id) {
    s.Exec(
        "UPDATE identity_user SET totp_secret = '', totp_pending_secret = '', totp_last_step = 0 WHERE id = "
        "?",
        {id});
    s.Exec("DELETE FROM identity_recovery_code WHERE user_id = ?", {id});
}

bool AdvanceTotpStep(Session& s, std::int64_t id, std::int64_t step) {
    return s.Exec("UPDATE identity_user SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                  {step, id, step}) == 1;
}

std::vector<UserRow> ListUsers(Session& s, std::string_view query, int limit, int offset) {
    std::vector<UserRow> out;
    const auto rows = s.Query(
        fmt::format(
            "SELECT {} FROM identity_user WHERE login LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? "
            "ESCAPE '\\' ORDER BY login LIMIT ? OFFSET ?",
            kUserColumns),
        {Contains(query), Contains(query), std::int64_t{limit}, std::int64_t{offset}});
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(ToUser(r));
    return out;
}

std::int64_t CountUsers(Session& s, std::string_view query) {
    return s
        .Query(
            "SELECT COUNT(*) FROM identity_user WHERE login LIKE ? ESCAPE '\\' OR LOWER(display_name) LIKE ? "
            "ESCAPE '\\'",
            {Contains(query), Contains(query)})[0]
        .Int(0);
}

std::vector<GrantRow> ListGrants(Session& s, std::int64_t user_id) {
    std::vector<GrantRow> out;
    for (const auto& r : s.Query("SELECT id, role, scope_kind, scope_id, granted_at FROM identity_grant "
                                 "WHERE user_id = ? ORDER BY id",
                                 {user_id})) {
        const auto role = platform::auth::ParseRole(r.Text(1));
        const auto kind = platform::auth::ParseScopeKind(r.Text(2));
        if (!role || !kind) continue;  // A role retired by a later version grants nothing.
        out.push_back({r.Int(0), {*role, {*kind, r.Int(3)}}, FromMicros(r.Int(4))});
    }
    return out;
}

bool InsertGrant(Session& s, std::int64_t user_id, const platform::auth::Grant& grant, std::int64_t by,
                 core::Instant now) {
    return s.Exec(
               "INSERT INTO identity_grant (user_id, role, scope_kind, scope_id, granted_by, granted_at) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, role, scope_kind, scope_id) DO NOTHING",
               {user_id, std::string(platform::auth::RoleName(grant.role)),
                std::string(platform::auth::ScopeKindName(grant.scope.kind)), grant.scope.id, by,
                ToMicros(now)}) == 1;
}

std::optional<platform::auth::Grant> DeleteGrant(Session& s, std::int64_t user_id, std::int64_t grant_id) {
    for (const auto& g : ListGrants(s, user_id)) {
        if (g.id == grant_id) {
            s.Exec("DELETE FROM identity_grant WHERE id = ? AND user_id = ?", {grant_id, user_id});
            return g.grant;
        }
    }
    return std::nullopt;
}

void InsertSession(Session& s, const SessionRow& row) {
    s.Exec(fmt::format("INSERT INTO identity_session ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", kSessionColumns),
           {row.token_hash, row.user_id, row.csrf_token, row.stage, ToMicros(row.created_at),
            ToMicros(row.last_seen_at), row.address, row.user_agent});
}

std::optional<SessionRow> FindSession(Session& s, std::string_view token_hash) {
    const auto rows =
        s.Query(fmt::format("SELECT {} FROM identity_session WHERE token_hash = ?", kSessionColumns),
                {std::string(token_hash)});
    if (rows.empty()) return std::nullopt;
    return ToSession(rows[0]);
}

void TouchSession(Session& s, std::string_view token_hash, core::Instant now) {
    s.Exec("UPDATE identity_session SET last_seen_at = ? WHERE token_hash = ?",
           {ToMicros(now), std::string(token_hash)});
}

void DeleteSession(Session& s, std::string_view token_hash) {
    s.Exec("DELETE FROM identity_session WHERE token_hash = ?", {std::string(token_hash)});
}

std::int64_t DeleteOtherSessions(Session& s, std::int64_t user_id, std::string_view keep_hash) {
    return s.Exec("DELETE FROM identity_session WHERE user_id = ? AND token_hash <> ?",
                  {user_id, std::string(keep_hash)});
}

std::int64_t DeleteUserSessions(Session& s, std::int64_t user_id) {
    return s.Exec("DELETE FROM identity_session WHERE user_id = ?", {user_id});
}

std::vector<SessionRow> ListUserSessions(Session& s, std::int64_t user_id) {
    std::vector<SessionRow> out;
    for (const auto& r :
         s.Query(fmt::format("SELECT {} FROM identity_session WHERE user_id = ? ORDER BY last_seen_at DESC",
                             kSessionColumns),
                 {user_id})) {
        out.push_back(ToSession(r));
    }
    return out;
}

std::int64_t DeleteExpiredSessions(Session& s, core::Instant idle_before, core::Instant created_before) {
    return s.Exec("DELETE FROM identity_session WHERE last_seen_at < ? OR created_at < ?",
                  {ToMicros(idle_before), ToMicros(created_before)});
}

void ReplaceRecoveryCodes(Session& s, std::int64_t user_id, const std::vector<std::string>& code_hashes) {
    s.Exec("DELETE FROM identity_recovery_code WHERE user_id = ?", {user_id});
    for (const auto& h : code_hashes) {
        s.Exec("INSERT INTO identity_recovery_code (user_id, code_hash) VALUES (?, ?)", {user_id, h});
    }
}

bool UseRecoveryCode(Session& s, std::int64_t user_id, std::string_view code_hash, core::Instant now) {
    return s.Exec(
               "UPDATE identity_recovery_code SET used_at = ? WHERE user_id = ? AND code_hash = ? AND "
               "used_at IS NULL",
               {ToMicros(now), user_id, std::string(code_hash)}) == 1;
}

std::int64_t CountUnusedRecoveryCodes(Session& s, std::int64_t user_id) {
    return s
        .Query("SELECT COUNT(*) FROM identity_recovery_code WHERE user_id = ? AND used_at IS NULL",
               {user_id})[0]
        .Int(0);
}

void InsertLoginAttempt(Session& s, std::string_view login, std::string_view address, core::Instant at,
                        bool success) {
    s.Exec("INSERT INTO identity_login_attempt (login, address, at, success) VALUES (?, ?, ?, ?)",
           {std::string(login), std::string(address), ToMicros(at), std::int64_t{success ? 1 : 0}});
}

std::pair<int, core::Instant> AccountFailures(Session& s, std::string_view login, core::Instant since) {
    const auto last_ok = s.Query("SELECT MAX(at) FROM identity_login_attempt WHERE login = ? AND success = 1",
                                 {std::string(login)});
    std::int64_t from = ToMicros(since);
    if (!last_ok.empty() && !last_ok[0].IsNull(0)) from = std::max(from, last_ok[0].Int(0) + 1);
    const auto rows = s.Query(
        "SELECT COUNT(*), MIN(at) FROM identity_login_attempt WHERE login = ? AND success = 0 AND at >= ?",
        {std::string(login), from});
    return {static_cast<int>(rows[0].Int(0)), FromMicros(rows[0].IsNull(1) ? 0 : rows[0].Int(1))};
}

std::pair<int, core::Instant> AddressFailures(Session& s, std::string_view address, core::Instant since) {
    const auto rows = s.Query(
        "SELECT COUNT(*), MIN(at) FROM identity_login_attempt WHERE address = ? AND success = 0 AND at >= ?",
        {std::string(address), ToMicros(since)});
    return {static_cast<int>(rows[0].Int(0)), FromMicros(rows[0].IsNull(1) ? 0 : rows[0].Int(1))};
}

void PruneLoginAttempts(Session& s, core::Instant before) {
    s.Exec("DELETE FROM identity_login_attempt WHERE at < ?", {ToMicros(before)});
}

std::vector<std::pair<std::int64_t, GrantRow>> ListGrantsOfUsers(Session& s,
                                                                 const std::vector<std::int64_t>& user_ids) {
    std::vector<std::pair<std::int64_t, GrantRow>> out;
    if (user_ids.empty()) return out;
    std::string placeholders;
    db::Params params;
    for (const auto id : user_ids) {
        placeholders += placeholders.empty() ? "?" : ", ?";
        params.emplace_back(id);
    }
    for (const auto& r :
         s.Query(fmt::format("SELECT user_id, id, role, scope_kind, scope_id, granted_at FROM "
                             "identity_grant WHERE user_id IN ({}) ORDER BY user_id, id",
                             placeholders),
                 params)) {
        const auto role = platform::auth::ParseRole(r.Text(2));
        const auto kind = platform::auth::ParseScopeKind(r.Text(3));
        if (!role || !kind) continue;  // As in ListGrants: a retired role grants nothing.
        out.emplace_back(r.Int(0), GrantRow{r.Int(1), {*role, {*kind, r.Int(4)}}, FromMicros(r.Int(5))});
    }
    return out;
}

}  // namespace oqu::identity::store
