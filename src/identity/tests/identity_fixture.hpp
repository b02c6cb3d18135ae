#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "identity/api.hpp"
#include "identity/login.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/db/tests/backends.hpp"

namespace oqu::identity::testing {

/// 2026-09-01T04:00:00Z: tests pass time explicitly and never read the clock.
inline const core::Instant kT0 = core::FromMicros(1'788'235'200'000'000);

/// A migrated database (audit + identity) on each backend, a fast password hasher (the minimum
/// Argon2id cost: the production cost is tested in platform/auth) and a login service.
class IdentityTest : public platform::db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        db_ = Open();
        platform::db::testing::MigrateModules(
            *db_, {{"audit", "platform/audit/schema"}, {"identity", "identity/schema"}});
        hasher_ = std::make_shared<const platform::auth::PasswordHasher>(
            platform::auth::PasswordHashParams{.memory_bytes = 8192, .passes = 1});
        login_ = std::make_unique<LoginService>(*db_, hasher_);
    }

    void TearDown() override {
        login_.reset();
        db_.reset();
        DbTest::TearDown();
    }

    /// Creates an account with `password` (and an optional role at the institution) and returns its id.
    std::int64_t AddUser(const std::string& login, const std::string& password,
                         std::optional<platform::auth::Role> role = std::nullopt) {
        auto prepared = PrepareUser(*hasher_, {login, "User " + login, "", "kk", password});
        EXPECT_TRUE(prepared) << (prepared ? "" : prepared.error().detail);
        const auto system = platform::auth::SystemPrincipal();
        return db_->Transact([&](platform::db::Session& s) {
            auto id = CreateUser(s, system, prepared.value(), kT0);
            EXPECT_TRUE(id);
            if (role) {
                EXPECT_TRUE(GrantRole(s, system, id.value(), {*role, platform::auth::kInstitution}, kT0));
            }
            return id.value();
        });
    }

    std::unique_ptr<platform::db::Database> db_;
    std::shared_ptr<const platform::auth::PasswordHasher> hasher_;
    std::unique_ptr<LoginService> login_;
};

}  // namespace oqu::identity::testing
