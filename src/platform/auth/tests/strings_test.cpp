#include "platform/web/strings.hpp"

#include <gtest/gtest.h>

#include "platform/web/tests/resource_dir.hpp"

namespace oqu::platform::auth {
namespace {

/// kk, ru and en define the same keys, and every key the auth code returns is among them.
TEST(AuthStringsTest, EveryMessageKeyExistsInThreeLanguages) {
    const auto strings = web::Strings::Load({web::testing::ResourceDir() / "platform/auth/strings"});
    EXPECT_TRUE(strings->Mismatches().empty()) << strings->Mismatches().front();
    for (const char* key :
         {"auth.busy", "auth.password_too_short", "auth.password_common", "auth.password_is_login",
          "auth.password_invalid", "auth.forbidden", "auth.qr_too_long"}) {
        for (web::Language lang : web::kLanguages) {
            EXPECT_TRUE(strings->All(lang).contains(key)) << key;
        }
    }
}

}  // namespace
}  // namespace oqu::platform::auth
