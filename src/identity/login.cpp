#include "identity/login.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "identity/domain/login_name.hpp"
#include "identity/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/auth/totp.hpp"
#include "platform/db/database.hpp"
#include "platform/log/log.hpp"

namespace oqu::identity {

namespace auth = platform::auth;
namespace audit = platform::audit;
using platform::db::Session;

namespace {

core::Error LoginFailed() {
    return core::MakeError(core::ErrorCode::kUnauthenticated, "identity.login_failed", "login failed");
}

// The translated refusal of a throttled attempt, naming the whole minutes left to wait.
core::Error Throttled(core::Instant until, core::Instant now) {
    const auto minutes =
        std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::minutes>(until - now).count());
    auto error = core::MakeError(core::ErrorCode::kTooManyRequests, "identity.login_throttled",
                                 fmt::format("throttled for {} min", minutes));
    error.args.emplace_back("minutes", std::to_string(minutes));
    return error;
}

bool NeedsSecondFactorEnrolment(const store::UserRow& user, const std::vector<store::GrantRow>& grants) {
    if (!user.totp_secret.empty()) return false;
    return std::any_of(grants.begin(), grants.end(),
                       [](const store::GrantRow& g) { return auth::IsAdministrative(g.grant.role); });
}

void Footprint(Session& s, core::Instant now, std::int64_t user_id, std::string action, const Client& client,
               const nlohmann::json& detail = nlohmann::json::object()) {
    audit::RecordFootprint(s, {.at = now,
                               .user_id = user_id,
                               .action = std::move(action),
                               .object_type = "user",
                               .object_id = std::to_string(user_id),
                               .detail_json = detail.dump(),
                               .address = client.address});
}

// The new session row for a user; its token is returned through `token`.
store::SessionRow NewSession(std::int64_t user_id, bool pending, const Client& client, core::Instant now,
                             std::string& token) {
    token = auth::RandomToken(32);
    return {.token_hash = auth::HashToken(token),
            .user_id = user_id,
            .csrf_token = auth::RandomToken(32),
            .stage = pending ? "second_factor" : "active",
            .created_at = now,
            .last_seen_at = now,
            .address = client.address,
            .user_agent = client.user_agent.substr(0, 300)};
}

class SqlSessionResolver final : public auth::SessionResolver {
public:
    SqlSessionResolver(platform::db::Database& db, SessionPolicy policy) : db_(db), policy_(policy) {}

    std::shared_ptr<const auth::SessionState> Resolve(std::string_view token, core::Instant now) override {
        const std::string hash = auth::HashToken(token);
        enum class Fate { kLive, kGone, kExpired };
        Fate fate = Fate::kGone;
        bool touch = false;
        auto state = std::make_shared<auth::SessionState>();
        db_.Read([&](Session& s) {
            const auto row = store::FindSession(s, hash);
            if (!row) return;
            if (now - row->last_seen_at > policy_.idle_timeout ||
                now - row->created_at > policy_.absolute_timeout) {
                fate = Fate::kExpired;
                return;
            }
            const auto user = store::FindUser(s, row->user_id);
            if (!user || user->disabled) {
                fate = Fate::kExpired;
                return;
            }
            const auto grants = store::ListGrants(s, user->id);
            state->principal.user_id = user->id;
            state->principal.login = user->login;
            state->principal.display_name = user->display_name;
            for (const auto& g : grants) state->principal.grants.push_back(g.grant);
            state->csrf_token = row->csrf_token;
            state->token_hash = hash;
            state->second_factor_pending = row->stage == "second_factor";
            state->second_factor_required =
                !state->second_factor_pending && NeedsSecondFactorEnrolment(*user, grants);
            state->lang = user->lang;
            touch = now - row->last_seen_at > policy_.touch_interval;
            fate = Fate::kLive;
        });
        if (fate == Fate::kExpired) {
            db_.Transact([&](Session& s) { store::DeleteSession(s, hash); });
            return nullptr;
        }
        if (fate == Fate::kGone) return nullptr;
        if (touch) db_.Transact([&](Session& s) { store::TouchSession(s, hash, now); });
        return state;
    }

    void SaveLanguage(std::int64_t user_id, std::string_view lang) override {
        db_.Transact([&](Session& s) { store::SetLanguage(s, user_id, lang); });
    }

private:
    platform::db::Database& db_;
    SessionPolicy policy_;
};

}  // namespace

LoginService::LoginService(platform::db::Database& db, std::shared_ptr<const auth::PasswordHasher> hasher,
                           SessionPolicy policy)
    : db_(db), hasher_(std::move(hasher)), policy_(policy) {
    // A real hash of a random password: unknown logins cost the same time as known ones.
    auto dummy = hasher_->Hash(auth::RandomToken(16));
    if (dummy) dummy_hash_ = std::move(dummy.value());
}

std::shared_ptr<auth::SessionResolver> LoginService::Resolver() {
    return std::make_shared<SqlSessionResolver>(db_, policy_);
}

core::Result<LoginResult> LoginService::Login(std::string_view typed_login, std::string_view password,
                                              const Client& client, core::Instant now) {
    auto normalised = NormaliseLogin(typed_login);
    const std::string login = normalised ? normalised.value() : std::string(typed_login.substr(0, 64));
    const auto since = now - policy_.throttle.window;

    auth::FailureCounts counts;
    std::optional<store::UserRow> user;
    db_.Read([&](Session& s) {
        std::tie(counts.account_failures, counts.account_oldest) = store::AccountFailures(s, login, since);
        std::tie(counts.address_failures, counts.address_oldest) =
            store::AddressFailures(s, client.address, since);
        if (normalised) user = store::FindUserByLogin(s, login);
    });
    if (auto until = auth::ThrottledUntil(policy_.throttle, counts, now)) {
        db_.Transact([&](Session& s) {
            Footprint(s, now, user ? user->id : 0, "identity.login_throttled", client, {{"login", login}});
        });
        return Throttled(*until, now);
    }

    const bool can_try = user && !user->disabled && !user->password_hash.empty();
    auto verified = hasher_->Verify(can_try ? user->password_hash : dummy_hash_, password);
    if (!verified) return verified.error();
    if (!can_try || !verified.value()) {
        db_.Transact([&](Session& s) {
            store::InsertLoginAttempt(s, login, client.address, now, false);
            Footprint(s, now, user ? user->id : 0, "identity.login_failed", client, {{"login", login}});
        });
        return LoginFailed();
    }

    std::string rehash;
    if (hasher_->NeedsRehash(user->password_hash)) {
        if (auto fresh = hasher_->Hash(password)) rehash = std::move(fresh.value());
    }
    LoginResult result;
    result.lang = user->lang;
    result.must_change_password = user->must_change_password;
    db_.Transact([&](Session& s) {
        store::InsertLoginAttempt(s, login, client.address, now, true);
        if (!rehash.empty()) store::SetPassword(s, user->id, rehash, user->must_change_password, now);
        const auto grants = store::ListGrants(s, user->id);
        result.second_factor_pending = !user->totp_secret.empty();
        result.second_factor_required = NeedsSecondFactorEnrolment(*user, grants);
        store::InsertSession(s,
                             NewSession(user->id, result.second_factor_pending, client, now, result.token));
        Footprint(s, now, user->id, "identity.login", client);
        store::PruneLoginAttempts(s, now - 2 * policy_.throttle.window);
    });
    return result;
}

core::Result<std::string> LoginService::CompleteSecondFactor(std::string_view token, std::string_view typed,
                                                             const Client& client, core::Instant now) {
    const std::string hash = auth::HashToken(token);
    std::optional<store::SessionRow> session;
    std::optional<store::UserRow> user;
    auth::FailureCounts counts;
    const auto since = now - policy_.throttle.window;
    db_.Read([&](Session& s) {
        session = store::FindSession(s, hash);
        if (session) user = store::FindUser(s, session->user_id);
        if (user) {
            std::tie(counts.account_failures, counts.account_oldest) =
                store::AccountFailures(s, user->login, since);
        }
        std::tie(counts.address_failures, counts.address_oldest) =
            store::AddressFailures(s, client.address, since);
    });
    if (!session || !user || session->stage != "second_factor" || user->disabled ||
        now - session->created_at > std::chrono::minutes(10)) {
        return core::MakeError(core::ErrorCode::kUnauthenticated, "identity.second_factor_expired",
                               "no pending second-factor session");
    }
    if (auto until = auth::ThrottledUntil(policy_.throttle, counts, now)) return Throttled(*until, now);
    std::string code;
    for (char c : typed) {
        if (c != ' ') code.push_back(c);
    }
    const bool looks_totp = code.size() == 6 && std::all_of(code.begin(), code.end(), ::isdigit);
    const auto step = looks_totp ? auth::VerifyTotp(user->totp_secret, code, now, user->totp_last_step)
                                 : std::optional<std::int64_t>{};
    std::string new_token;
    bool ok = false;
    db_.Transact([&](Session& s) {
        if (step) {
            // Conditional update: of two requests with the same code only one advances the step.
            ok = store::AdvanceTotpStep(s, user->id, *step);
        } else if (!looks_totp) {
            ok = store::UseRecoveryCode(s, user->id, auth::HashToken(auth::NormaliseRecoveryCode(code)), now);
        }
        if (!ok) {
            store::InsertLoginAttempt(s, user->login, client.address, now, false);
            Footprint(s, now, user->id, "identity.second_factor_failed", client);
            return;
        }
        store::DeleteSession(s, hash);
        store::InsertSession(s, NewSession(user->id, false, client, now, new_token));
        Footprint(s, now, user->id, "identity.second_factor", client,
                  {{"method", looks_totp ? "totp" : "recovery"}});
    });
    if (!ok) {
        return core::MakeError(core::ErrorCode::kUnauthenticated, "identity.code_invalid",
                               "bad second factor");
    }
    return new_token;
}

core::Status LoginService::StartEnrolment(std::int64_t user_id) {
    return db_.Transact([&](Session& s) -> core::Status {
        const auto user = store::FindUser(s, user_id);
        if (!user) return LoginFailed();
        if (!user->totp_secret.empty()) {
            return core::MakeError(core::ErrorCode::kConflict, "identity.second_factor_exists",
                                   "already enrolled");
        }
        store::SetTotpPending(s, user_id, auth::NewTotpSecret());
        return core::OkStatus();
    });
}

core::Result<std::optional<Enrolment>> LoginService::PendingEnrolment(std::int64_t user_id,
                                                                      std::string_view login) {
    const auto user = db_.Read([&](Session& s) { return store::FindUser(s, user_id); });
    if (!user || user->totp_pending_secret.empty()) return std::optional<Enrolment>{};
    Enrolment e;
    e.secret = user->totp_pending_secret;
    e.uri = auth::TotpUri("Oqu", login, e.secret);
    auto svg = auth::QrSvg(e.uri, "otpauth");
    if (!svg) return svg.error();
    e.qr_svg = std::move(svg.value());
    return std::optional<Enrolment>(std::move(e));
}

bool LoginService::HasSecondFactor(std::int64_t user_id) {
    const auto user = db_.Read([&](Session& s) { return store::FindUser(s, user_id); });
    return user && !user->totp_secret.empty();
}

core::Result<std::vector<std::string>> LoginService::ConfirmEnrolment(std::int64_t user_id,
                                                                      std::string_view code,
                                                                      core::Instant now) {
    std::vector<std::string> codes;
    bool ok = false;
    db_.Transact([&](Session& s) {
        const auto user = store::FindUser(s, user_id);
        if (!user || user->totp_pending_secret.empty()) return;
        const auto step = auth::VerifyTotp(user->totp_pending_secret, code, now, 0);
        if (!step) return;
        store::EnableTotp(s, user_id, user->totp_pending_secret, *step);
        codes = auth::NewRecoveryCodes(10);
        std::vector<std::string> hashes;
        hashes.reserve(codes.size());
        for (const auto& c : codes) hashes.push_back(auth::HashToken(auth::NormaliseRecoveryCode(c)));
        store::ReplaceRecoveryCodes(s, user_id, hashes);
        audit::RecordAudit(s, {.at = now,
                               .actor_user_id = user_id,
                               .actor_login = user->login,
                               .action = "identity.enrol_second_factor",
                               .object_type = "user",
                               .object_id = std::to_string(user_id)});
        ok = true;
    });
    if (!ok) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.code_invalid", "enrolment code");
    }
    return codes;
}

core::Status LoginService::ChangePassword(std::int64_t user_id, std::string_view current_token,
                                          std::string_view current, std::string_view fresh,
                                          const Client& client, core::Instant now) {
    const auto user = db_.Read([&](Session& s) { return store::FindUser(s, user_id); });
    if (!user) return LoginFailed();
    auto verified = hasher_->Verify(user->password_hash, current);
    if (!verified) return verified.error();
    if (!verified.value()) {
        return core::MakeError(core::ErrorCode::kInvalidInput, "identity.current_password_wrong",
                               "wrong password");
    }
    if (auto policy = auth::CheckPasswordPolicy(fresh, user->login); !policy) return policy.error();
    auto hash = hasher_->Hash(fresh);
    if (!hash) return hash.error();
    db_.Transact([&](Session& s) {
        store::SetPassword(s, user_id, hash.value(), false, now);
        store::DeleteOtherSessions(s, user_id, auth::HashToken(current_token));
        Footprint(s, now, user_id, "identity.change_password", client);
    });
    return core::OkStatus();
}

void LoginService::Logout(std::string_view token, core::Instant now) {
    const std::string hash = auth::HashToken(token);
    db_.Transact([&](Session& s) {
        const auto session = store::FindSession(s, hash);
        if (!session) return;
        store::DeleteSession(s, hash);
        Footprint(s, now, session->user_id, "identity.logout", {session->address, {}});
    });
}

void LoginService::LogoutEverywhere(std::int64_t user_id, const Client& client, core::Instant now) {
    db_.Transact([&](Session& s) {
        const auto n = store::DeleteUserSessions(s, user_id);
        Footprint(s, now, user_id, "identity.logout_everywhere", client, {{"sessions", n}});
    });
}

}  // namespace oqu::identity
