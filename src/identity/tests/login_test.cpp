#include <gtest/gtest.h>

#include "identity/store.hpp"
#include "identity/tests/identity_fixture.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/auth/totp.hpp"

namespace oqu::identity {
namespace {

using platform::auth::Role;
using testing::IdentityTest;
using testing::kT0;
using namespace std::chrono_literals;

const Client kClient{"10.1.1.1", "Firefox"};
const std::string kPassword = "Алтын-Орда 1465 жыл";  // Unicode, 20 characters.

class LoginTest : public IdentityTest {
protected:
    std::shared_ptr<const platform::auth::SessionState> Resolve(const std::string& token, core::Instant at) {
        return login_->Resolver()->Resolve(token, at);
    }

    /// Footprint events of one action.
    std::int64_t Footprints(const std::string& action) {
        return db_->Read([&](platform::db::Session& s) {
            return s.Query("SELECT COUNT(*) FROM audit_footprint WHERE action = ?", {action})[0].Int(0);
        });
    }

    /// Enrols TOTP for a user directly (as the enrolment page would) and returns the secret.
    std::string EnrolTotp(std::int64_t user_id) {
        EXPECT_TRUE(login_->StartEnrolment(user_id));
        auto pending = login_->PendingEnrolment(user_id, "x");
        EXPECT_TRUE(pending && pending->has_value());
        std::string secret = (*pending)->secret;
        const auto step = platform::auth::TotpStep(kT0 - 1h);
        auto codes = login_->ConfirmEnrolment(user_id, *platform::auth::TotpCode(secret, step), kT0 - 1h);
        EXPECT_TRUE(codes);
        recovery_ = codes.value();
        return secret;
    }

    std::vector<std::string> recovery_;
};

/// A login creates a session whose token resolves to the user; every login gets a new id.
TEST_P(LoginTest, LoginCreatesAFreshSessionEachTime) {
    const auto id = AddUser("aliya", kPassword, Role::kTeacher);
    auto first = login_->Login("Aliya", kPassword, kClient, kT0);
    ASSERT_TRUE(first) << first.error().detail;
    auto second = login_->Login("aliya", kPassword, kClient, kT0 + 1s);
    ASSERT_TRUE(second);
    EXPECT_NE(first->token, second->token);
    EXPECT_EQ(first->token.size(), 64U);  // 256 bits, hex
    const auto state = Resolve(first->token, kT0 + 2s);
    ASSERT_TRUE(state);
    EXPECT_EQ(state->principal.user_id, id);
    EXPECT_TRUE(state->principal.HasRole(Role::kTeacher));
    EXPECT_FALSE(state->second_factor_pending);
    EXPECT_EQ(state->csrf_token.size(), 64U);
    // Only the hash of the token is stored.
    const auto stored = db_->Read([&](platform::db::Session& s) {
        return s.Query("SELECT COUNT(*) FROM identity_session WHERE token_hash = ?", {first->token})[0].Int(
            0);
    });
    EXPECT_EQ(stored, 0);
    EXPECT_EQ(Footprints("identity.login"), 2);
}

/// Wrong passwords, unknown logins and disabled accounts all get the same message.
TEST_P(LoginTest, FailuresLookAlike) {
    const auto id = AddUser("aliya", kPassword);
    auto wrong = login_->Login("aliya", "not the password at all", kClient, kT0);
    auto unknown = login_->Login("nobody", kPassword, kClient, kT0);
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().code, core::ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong.error().message_key, "identity.login_failed");
    EXPECT_EQ(unknown.error().message_key, "identity.login_failed");
    db_->Transact([&](platform::db::Session& s) { store::SetDisabled(s, id, true, kT0); });
    auto disabled = login_->Login("aliya", kPassword, kClient, kT0 + 1s);
    ASSERT_FALSE(disabled);
    EXPECT_EQ(disabled.error().message_key, "identity.login_failed");
    EXPECT_EQ(Footprints("identity.login_failed"), 3);
}

/// After 5 failures the account is throttled, even for the right password; after the window the
/// real owner logs in, and another address is not blocked by the account's failures... only by its own.
TEST_P(LoginTest, ThrottlesAnAccountThenLetsTheOwnerIn) {
    AddUser("aliya", kPassword);
    for (int i = 0; i < 5; ++i) {
        auto r = login_->Login("aliya", "guess number " + std::to_string(i), kClient,
                               kT0 + std::chrono::seconds(i));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::kUnauthenticated);
    }
    auto blocked = login_->Login("aliya", kPassword, kClient, kT0 + 10s);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, core::ErrorCode::kTooManyRequests);
    EXPECT_EQ(blocked.error().message_key, "identity.login_throttled");
    ASSERT_FALSE(blocked.error().args.empty());
    EXPECT_EQ(blocked.error().args[0].first, "minutes");
    // The window (15 min) counts from the oldest failure.
    auto still = login_->Login("aliya", kPassword, kClient, kT0 + 14min + 59s);
    EXPECT_FALSE(still);
    auto after = login_->Login("aliya", kPassword, kClient, kT0 + 15min + 1s);
    EXPECT_TRUE(after) << (after ? "" : after.error().detail);
    EXPECT_GE(Footprints("identity.login_throttled"), 2);
}

/// One address guessing many accounts is throttled as a whole; other addresses are not.
TEST_P(LoginTest, ThrottlesAnAddress) {
    AddUser("aliya", kPassword);
    for (int i = 0; i < 30; ++i) {
        (void)login_->Login("user" + std::to_string(i), "wrong password here", kClient,
                            kT0 + std::chrono::seconds(i));
    }
    auto blocked = login_->Login("aliya", kPassword, kClient, kT0 + 1min);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, core::ErrorCode::kTooManyRequests);
    auto elsewhere = login_->Login("aliya", kPassword, {"10.9.9.9", "Chrome"}, kT0 + 1min);
    EXPECT_TRUE(elsewhere);
}

/// Sessions end after 30 minutes idle and after 12 hours in all, however active.
TEST_P(LoginTest, SessionTimeouts) {
    AddUser("aliya", kPassword);
    auto r = login_->Login("aliya", kPassword, kClient, kT0);
    ASSERT_TRUE(r);
    EXPECT_TRUE(Resolve(r->token, kT0 + 29min));  // touches last-seen
    EXPECT_TRUE(Resolve(r->token, kT0 + 58min));  // 29 min after the touch
    EXPECT_FALSE(Resolve(r->token, kT0 + 58min + 31min));
    // Gone for good: even a "younger" clock does not revive it.
    EXPECT_FALSE(Resolve(r->token, kT0 + 59min));

    auto busy = login_->Login("aliya", kPassword, kClient, kT0);
    ASSERT_TRUE(busy);
    auto t = kT0;
    for (int i = 0; i < 35; ++i) {  // active every 20 minutes for 11 h 40 min
        t += 20min;
        ASSERT_TRUE(Resolve(busy->token, t)) << i;
    }
    EXPECT_FALSE(Resolve(busy->token, kT0 + 12h + 1min));
}

/// Logout ends one session; "log out everywhere" ends all of them.
TEST_P(LoginTest, LogoutAndLogoutEverywhere) {
    const auto id = AddUser("aliya", kPassword);
    auto a = login_->Login("aliya", kPassword, kClient, kT0);
    auto b = login_->Login("aliya", kPassword, kClient, kT0);
    auto c = login_->Login("aliya", kPassword, kClient, kT0);
    login_->Logout(a->token, kT0 + 1s);
    EXPECT_FALSE(Resolve(a->token, kT0 + 2s));
    EXPECT_TRUE(Resolve(b->token, kT0 + 2s));
    login_->LogoutEverywhere(id, kClient, kT0 + 3s);
    EXPECT_FALSE(Resolve(b->token, kT0 + 4s));
    EXPECT_FALSE(Resolve(c->token, kT0 + 4s));
}

/// A disabled user's sessions stop resolving at once.
TEST_P(LoginTest, DisabledUserLosesSessions) {
    const auto id = AddUser("aliya", kPassword);
    auto r = login_->Login("aliya", kPassword, kClient, kT0);
    db_->Transact([&](platform::db::Session& s) { store::SetDisabled(s, id, true, kT0); });
    EXPECT_FALSE(Resolve(r->token, kT0 + 1s));
}

/// Administrative roles must enrol a second factor before anything else.
TEST_P(LoginTest, AdministrativeRoleRequiresEnrolment) {
    AddUser("admin", kPassword, Role::kItAdmin);
    auto r = login_->Login("admin", kPassword, kClient, kT0);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->second_factor_required);
    EXPECT_FALSE(r->second_factor_pending);
    EXPECT_TRUE(Resolve(r->token, kT0)->second_factor_required);
}

/// With TOTP the password step leaves the session pending; the right code completes it with a
/// new session id; the same code cannot be used again, nor a stale one.
TEST_P(LoginTest, TotpSecondFactorRefusesReplayAndStaleCodes) {
    const auto id = AddUser("admin", kPassword, Role::kItAdmin);
    const auto secret = EnrolTotp(id);
    auto r = login_->Login("admin", kPassword, kClient, kT0);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->second_factor_pending);
    EXPECT_FALSE(r->second_factor_required);
    const auto pending = Resolve(r->token, kT0);
    ASSERT_TRUE(pending);
    EXPECT_TRUE(pending->second_factor_pending);

    const auto step = platform::auth::TotpStep(kT0);
    const auto stale = *platform::auth::TotpCode(secret, step - 2);
    auto refused = login_->CompleteSecondFactor(r->token, stale, kClient, kT0);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message_key, "identity.code_invalid");

    const auto code = *platform::auth::TotpCode(secret, step);
    auto done = login_->CompleteSecondFactor(r->token, code, kClient, kT0 + 1s);
    ASSERT_TRUE(done) << done.error().detail;
    EXPECT_NE(done.value(), r->token);
    EXPECT_FALSE(Resolve(r->token, kT0 + 2s));
    const auto active = Resolve(done.value(), kT0 + 2s);
    ASSERT_TRUE(active);
    EXPECT_FALSE(active->second_factor_pending);

    // Replay: a second login within the same 30 s step, same code.
    auto again = login_->Login("admin", kPassword, kClient, kT0 + 3s);
    ASSERT_TRUE(again);
    auto replay = login_->CompleteSecondFactor(again->token, code, kClient, kT0 + 4s);
    ASSERT_FALSE(replay);
    EXPECT_EQ(replay.error().message_key, "identity.code_invalid");
    // The next step's code is fine.
    auto next = login_->CompleteSecondFactor(again->token, *platform::auth::TotpCode(secret, step + 1),
                                             kClient, kT0 + 31s);
    EXPECT_TRUE(next);
}

/// A recovery code works once.
TEST_P(LoginTest, RecoveryCodesWorkOnce) {
    const auto id = AddUser("admin", kPassword, Role::kItAdmin);
    EnrolTotp(id);
    ASSERT_EQ(recovery_.size(), 10U);
    auto r = login_->Login("admin", kPassword, kClient, kT0);
    auto ok = login_->CompleteSecondFactor(r->token, recovery_[3], kClient, kT0 + 1s);
    ASSERT_TRUE(ok);
    auto again = login_->Login("admin", kPassword, kClient, kT0 + 2s);
    auto reused = login_->CompleteSecondFactor(again->token, recovery_[3], kClient, kT0 + 3s);
    EXPECT_FALSE(reused);
    // Typed with spaces and capitals, another code still works.
    std::string typed = recovery_[4];
    for (auto& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_TRUE(login_->CompleteSecondFactor(again->token, " " + typed + " ", kClient, kT0 + 4s));
}

/// Changing the password needs the current one and ends the other sessions.
TEST_P(LoginTest, ChangePasswordEndsOtherSessions) {
    const auto id = AddUser("aliya", kPassword);
    auto mine = login_->Login("aliya", kPassword, kClient, kT0);
    auto other = login_->Login("aliya", kPassword, kClient, kT0);
    EXPECT_FALSE(
        login_->ChangePassword(id, mine->token, "wrong current", "Жаңа құпиясөз 2026!", kClient, kT0));
    EXPECT_FALSE(login_->ChangePassword(id, mine->token, kPassword, "short", kClient, kT0));
    ASSERT_TRUE(login_->ChangePassword(id, mine->token, kPassword, "Жаңа құпиясөз 2026!", kClient, kT0));
    EXPECT_TRUE(Resolve(mine->token, kT0 + 1s));
    EXPECT_FALSE(Resolve(other->token, kT0 + 1s));
    EXPECT_FALSE(login_->Login("aliya", kPassword, kClient, kT0 + 2s));
    EXPECT_TRUE(login_->Login("aliya", "Жаңа құпиясөз 2026!", kClient, kT0 + 3s));
}

using platform::db::testing::Backend;
INSTANTIATE_TEST_SUITE_P(Backends, LoginTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::identity
