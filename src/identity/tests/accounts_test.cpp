#include "identity/accounts.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "identity/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/password.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/tests/backends.hpp"

namespace oqu::identity {
namespace {

namespace auth = platform::auth;
namespace db = platform::db;
using auth::Role;
using auth::ScopeKind;
using core::ErrorCode;
using db::testing::Backend;

const core::Instant kNow = core::FromMicros(1'795'000'000'000'000);  // 2026-11-18

// The source tree's src/ folder (ctest sets OQU_RESOURCE_DIR; a direct run finds it from here).
std::filesystem::path ResourceDir() {
    const char* dir = std::getenv("OQU_RESOURCE_DIR");
    if (dir != nullptr && *dir != '\0') return dir;
    return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

auth::Principal Actor(std::int64_t id, std::string login, Role role, auth::Scope scope = auth::kInstitution) {
    auth::Principal who;
    who.user_id = id;
    who.login = std::move(login);
    who.display_name = who.login;
    who.grants.push_back({role, scope});
    return who;
}

/// The use cases behind /admin/users and `oqu user`, on a database with the audit and identity
/// schemas, on every backend.
class AccountsTest : public db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        db_ = Open();
        std::vector<db::Migration> all;
        for (const auto& [module, dir] :
             {std::pair{"audit", "platform/audit/schema"}, std::pair{"identity", "identity/schema"}}) {
            auto steps = db::LoadMigrations(module, ResourceDir() / dir, db_->dialect());
            all.insert(all.end(), steps.begin(), steps.end());
        }
        (void)db::Migrate(*db_, all);
    }

    void TearDown() override {
        db_.reset();  // Before the schema of the test is dropped.
        DbTest::TearDown();
    }

    // Creates an account as the system principal; fails the test on error.
    std::int64_t NewUser(const std::string& login, const std::string& password = "Жасыл-алма-2026-тау") {
        accounts::NewUserInput input;
        input.login = login;
        input.display_name = "Name of " + login;
        input.password = password;
        auto id = accounts::Create(*db_, hasher_, system_, input, kNow, {});
        EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().detail);
        return id.value_or(0);
    }

    // Audit records whose action starts with `prefix`.
    std::size_t Audited(const std::string& prefix) {
        return platform::audit::ListAudit(*db_, 1000, 0, prefix).size();
    }

    void AddSession(std::int64_t user_id, const std::string& token_hash) {
        db_->Transact([&](db::Session& s) {
            store::InsertSession(s, {.token_hash = token_hash,
                                     .user_id = user_id,
                                     .csrf_token = "c",
                                     .stage = "active",
                                     .created_at = kNow,
                                     .last_seen_at = kNow});
        });
    }

    std::int64_t Sessions(std::int64_t user_id) {
        return db_->Read([&](db::Session& s) {
            return static_cast<std::int64_t>(store::ListUserSessions(s, user_id).size());
        });
    }

    std::unique_ptr<db::Database> db_;
    // The smallest Argon2id libsodium allows: the tests check flows, not hash strength.
    auth::PasswordHasher hasher_{{.memory_bytes = 8192, .passes = 1}};
    auth::Principal system_ = auth::SystemPrincipal();
};

/// The system principal creates accounts; each creation is audited.
TEST_P(AccountsTest, SystemCreatesAudited) {
    const auto id = NewUser("Aliya");
    ASSERT_GT(id, 0);
    auto detail = accounts::Get(*db_, system_, id);
    ASSERT_TRUE(detail.has_value());
    EXPECT_EQ(detail->user.login, "aliya");
    EXPECT_FALSE(detail->user.must_change_password);
    EXPECT_EQ(Audited("identity.create_user"), 1u);
}

/// Without a password a temporary one is generated, handed back once, and must be changed.
TEST_P(AccountsTest, GeneratedPasswordIsTemporary) {
    std::string generated;
    accounts::NewUserInput input;
    input.login = "nurlan";
    input.display_name = "Нұрлан Асқаров";
    input.generated_password = &generated;
    auto id = accounts::Create(*db_, hasher_, system_, input, kNow, {});
    ASSERT_TRUE(id.has_value()) << id.error().detail;
    EXPECT_EQ(generated.size(), 16u);
    auto detail = accounts::Get(*db_, system_, id.value());
    ASSERT_TRUE(detail.has_value());
    EXPECT_TRUE(detail->user.must_change_password);
    auto verified = hasher_.Verify(detail->user.password_hash, generated);
    ASSERT_TRUE(verified.has_value());
    EXPECT_TRUE(verified.value());
}

/// A taken login (in any letter case) is kConflict, and nothing is audited for the refusal.
TEST_P(AccountsTest, LoginTakenIsConflict) {
    NewUser("aliya");
    accounts::NewUserInput input;
    input.login = "ALIYA";
    input.display_name = "Another";
    input.password = "Жасыл-алма-2026-тау";
    auto again = accounts::Create(*db_, hasher_, system_, input, kNow, {});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    EXPECT_EQ(again.error().message_key, "identity.login_taken");
    EXPECT_EQ(Audited("identity.create_user"), 1u);
}

/// Bad input names the field through its message key.
TEST_P(AccountsTest, BadInputIsInvalid) {
    accounts::NewUserInput input;
    input.login = "a b";
    input.display_name = "X";
    auto bad_login = accounts::Create(*db_, hasher_, system_, input, kNow, {});
    ASSERT_FALSE(bad_login.has_value());
    EXPECT_EQ(bad_login.error().message_key, "identity.login_invalid");
    input.login = "valid";
    input.password = "short";
    auto bad_password = accounts::Create(*db_, hasher_, system_, input, kNow, {});
    ASSERT_FALSE(bad_password.has_value());
    EXPECT_EQ(bad_password.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(bad_password.error().message_key, "auth.password_too_short");
    EXPECT_EQ(Audited("identity."), 0u);
}

/// A dean's office manages its faculty's people in the people module: it can neither list every
/// account of the university, nor create accounts, nor grant or revoke roles.
TEST_P(AccountsTest, DeansOfficeCannotCreateOrGrant) {
    const auto target = NewUser("student1");
    const auto dean = Actor(NewUser("dean"), "dean", Role::kDeansOffice);
    accounts::NewUserInput input;
    input.login = "intruder";
    input.display_name = "Intruder";
    auto created = accounts::Create(*db_, hasher_, dean, input, kNow, {});
    ASSERT_FALSE(created.has_value());
    EXPECT_EQ(created.error().code, ErrorCode::kForbidden);
    auto granted = accounts::Grant(*db_, dean, target, {Role::kItAdmin, auth::kInstitution}, kNow, {});
    ASSERT_FALSE(granted.has_value());
    EXPECT_EQ(granted.error().code, ErrorCode::kForbidden);
    auto revoked = accounts::Revoke(*db_, dean, target, 1, kNow, {});
    ASSERT_FALSE(revoked.has_value());
    EXPECT_EQ(revoked.error().code, ErrorCode::kForbidden);
    auto disabled = accounts::SetDisabled(*db_, dean, target, true, kNow, {});
    ASSERT_FALSE(disabled.has_value());
    EXPECT_EQ(disabled.error().code, ErrorCode::kForbidden);
    EXPECT_FALSE(accounts::List(*db_, dean, "", 25, 0).has_value());
    EXPECT_EQ(Audited("identity.grant_role"), 0u);
    EXPECT_EQ(Audited("identity.disable_user"), 0u);
}

/// A student may not even see the list: a read capability answers kNotFound.
TEST_P(AccountsTest, StudentCannotListAccounts) {
    const auto student = Actor(NewUser("student2"), "student2", Role::kStudent);
    auto list = accounts::List(*db_, student, "", 25, 0);
    ASSERT_FALSE(list.has_value());
    EXPECT_EQ(list.error().code, ErrorCode::kNotFound);
    auto grants = accounts::GrantsOf(*db_, student, {1});
    ASSERT_FALSE(grants.has_value());
    EXPECT_EQ(grants.error().code, ErrorCode::kNotFound);
}

/// An IT administrator creates accounts, grants (idempotently) and revokes roles, all audited.
TEST_P(AccountsTest, ItAdminCreatesGrantsAndRevokes) {
    const auto admin = Actor(NewUser("admin"), "admin", Role::kItAdmin);
    accounts::NewUserInput input;
    input.login = "teacher1";
    input.display_name = "Teacher One";
    input.password = "Жасыл-алма-2026-тау";
    auto id = accounts::Create(*db_, hasher_, admin, input, kNow, "10.0.0.5");
    ASSERT_TRUE(id.has_value()) << id.error().detail;
    const auth::Grant teacher{Role::kTeacher, {ScopeKind::kFaculty, 3}};
    ASSERT_TRUE(accounts::Grant(*db_, admin, id.value(), teacher, kNow, "10.0.0.6").has_value());
    ASSERT_TRUE(accounts::Grant(*db_, admin, id.value(), teacher, kNow, {}).has_value());
    EXPECT_EQ(Audited("identity.grant_role"), 1u) << "a repeated grant changes nothing and is not audited";

    auto detail = accounts::Get(*db_, admin, id.value());
    ASSERT_TRUE(detail.has_value());
    ASSERT_EQ(detail->grants.size(), 1u);
    EXPECT_EQ(detail->grants[0].grant, teacher);

    auto by_user = accounts::GrantsOf(*db_, admin, {id.value(), admin.user_id});
    ASSERT_TRUE(by_user.has_value());
    ASSERT_EQ(by_user->size(), 1u);
    EXPECT_EQ(by_user->front().first, id.value());

    ASSERT_TRUE(accounts::Revoke(*db_, admin, id.value(), detail->grants[0].id, kNow, {}).has_value());
    EXPECT_EQ(Audited("identity.revoke_role"), 1u);
    auto missing = accounts::Revoke(*db_, admin, id.value(), detail->grants[0].id, kNow, {});
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

    const auto records = platform::audit::ListAudit(*db_, 10, 0, "identity.create_user");
    ASSERT_FALSE(records.empty());
    EXPECT_EQ(records.front().entry.actor_login, "admin");
    EXPECT_EQ(records.front().entry.address, "10.0.0.5") << "the audit record names the client";
    const auto grants = platform::audit::ListAudit(*db_, 10, 0, "identity.grant_role");
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants.front().entry.address, "10.0.0.6");
}

/// A scope must fit its kind: the institution has id 0, a faculty a positive id.
TEST_P(AccountsTest, GrantNeedsAFittingScope) {
    const auto id = NewUser("teacher2");
    auto institution =
        accounts::Grant(*db_, system_, id, {Role::kTeacher, {ScopeKind::kInstitution, 4}}, kNow, {});
    ASSERT_FALSE(institution.has_value());
    EXPECT_EQ(institution.error().message_key, "identity.scope_invalid");
    auto faculty = accounts::Grant(*db_, system_, id, {Role::kTeacher, {ScopeKind::kFaculty, 0}}, kNow, {});
    ASSERT_FALSE(faculty.has_value());
    EXPECT_EQ(faculty.error().code, ErrorCode::kInvalidInput);
    auto nobody = accounts::Grant(*db_, system_, 9999, {Role::kTeacher, auth::kInstitution}, kNow, {});
    ASSERT_FALSE(nobody.has_value());
    EXPECT_EQ(nobody.error().code, ErrorCode::kNotFound);
}

/// Disabling ends every session and is audited, as is enabling; an administrator cannot
/// disable their own account.
TEST_P(AccountsTest, DisableEndsSessionsButNotOnSelf) {
    const auto admin = Actor(NewUser("admin"), "admin", Role::kItAdmin);
    const auto id = NewUser("aliya");
    AddSession(id, "hash-1");
    AddSession(id, "hash-2");
    ASSERT_EQ(Sessions(id), 2);
    ASSERT_TRUE(accounts::SetDisabled(*db_, admin, id, true, kNow, {}).has_value());
    EXPECT_EQ(Sessions(id), 0);
    EXPECT_TRUE(accounts::Get(*db_, admin, id)->user.disabled);
    ASSERT_TRUE(accounts::SetDisabled(*db_, admin, id, false, kNow, {}).has_value());
    EXPECT_FALSE(accounts::Get(*db_, admin, id)->user.disabled);
    EXPECT_EQ(Audited("identity.disable_user"), 1u);
    EXPECT_EQ(Audited("identity.enable_user"), 1u);

    auto self = accounts::SetDisabled(*db_, admin, admin.user_id, true, kNow, {});
    ASSERT_FALSE(self.has_value());
    EXPECT_EQ(self.error().code, ErrorCode::kConflict);
    EXPECT_EQ(self.error().message_key, "identity.cannot_disable_self");
    EXPECT_FALSE(accounts::Get(*db_, admin, admin.user_id)->user.disabled);
    EXPECT_EQ(Audited("identity.disable_user"), 1u);
}

/// A password reset sets a temporary password, ends every session and is audited.
TEST_P(AccountsTest, ResetPasswordEndsSessions) {
    const auto admin = Actor(NewUser("admin"), "admin", Role::kItAdmin);
    const auto id = NewUser("aliya");
    AddSession(id, "hash-1");
    auto password = accounts::ResetPassword(*db_, hasher_, admin, id, kNow, {});
    ASSERT_TRUE(password.has_value()) << password.error().detail;
    EXPECT_EQ(Sessions(id), 0);
    auto detail = accounts::Get(*db_, admin, id);
    ASSERT_TRUE(detail.has_value());
    EXPECT_TRUE(detail->user.must_change_password);
    EXPECT_TRUE(hasher_.Verify(detail->user.password_hash, password.value()).value_or(false));
    EXPECT_EQ(Audited("identity.reset_password"), 1u);

    const auto dean = Actor(NewUser("dean"), "dean", Role::kDeansOffice);
    auto refused = accounts::ResetPassword(*db_, hasher_, dean, id, kNow, {});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(Audited("identity.reset_password"), 1u);
}

/// Resetting the second factor removes the secret, ends sessions and is audited.
TEST_P(AccountsTest, ResetSecondFactor) {
    const auto id = NewUser("aliya");
    db_->Transact([&](db::Session& s) { store::EnableTotp(s, id, "JBSWY3DPEHPK3PXP", 1); });
    AddSession(id, "hash-1");
    ASSERT_TRUE(accounts::ResetSecondFactor(*db_, system_, id, kNow, {}).has_value());
    EXPECT_TRUE(accounts::Get(*db_, system_, id)->user.totp_secret.empty());
    EXPECT_EQ(Sessions(id), 0);
    EXPECT_EQ(Audited("identity.reset_second_factor"), 1u);
}

/// The profile is edited with the usual checks; the change is audited with before and after.
TEST_P(AccountsTest, UpdateProfileAudited) {
    const auto id = NewUser("aliya");
    ASSERT_TRUE(accounts::UpdateProfile(*db_, system_, id, "Әлия Нұрланова", "aliya@example.kz", kNow, {})
                    .has_value());
    auto detail = accounts::Get(*db_, system_, id);
    EXPECT_EQ(detail->user.display_name, "Әлия Нұрланова");
    EXPECT_EQ(detail->user.email, "aliya@example.kz");
    auto bad = accounts::UpdateProfile(*db_, system_, id, "Әлия", "not-an-email", kNow, {});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message_key, "identity.email_invalid");
    const auto records = platform::audit::ListAudit(*db_, 10, 0, "identity.update_user");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_NE(records[0].entry.detail_json.find("aliya@example.kz"), std::string::npos);
}

/// The list searches login and name, pages, and counts all matches.
TEST_P(AccountsTest, ListSearchesAndPages) {
    for (const char* login : {"aigerim", "aliya", "bolat", "dana"}) NewUser(login);
    auto page = accounts::List(*db_, system_, "a", 2, 0);
    ASSERT_TRUE(page.has_value());
    EXPECT_EQ(page->total, 4);
    ASSERT_EQ(page->users.size(), 2u);
    EXPECT_EQ(page->users[0].login, "aigerim");
    auto next = accounts::List(*db_, system_, "a", 2, 2);
    ASSERT_EQ(next->users.size(), 2u);
    EXPECT_EQ(next->users[1].login, "dana");
    auto one = accounts::List(*db_, system_, "BOL", 25, 0);
    ASSERT_EQ(one->users.size(), 1u);
    EXPECT_EQ(one->users[0].login, "bolat");
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         db::testing::BackendName);

}  // namespace
}  // namespace oqu::identity
