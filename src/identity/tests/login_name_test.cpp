#include "identity/domain/login_name.hpp"

#include <gtest/gtest.h>

namespace oqu::identity {
namespace {

/// Logins are stored lower-case and trimmed; only a safe ASCII alphabet is accepted.
TEST(LoginNameTest, NormalisesAndValidates) {
    EXPECT_EQ(NormaliseLogin("  Aliya.N@kaznu ").value(), "aliya.n@kaznu");
    EXPECT_EQ(NormaliseLogin("abc").value(), "abc");
    EXPECT_FALSE(NormaliseLogin("ab"));                  // too short
    EXPECT_FALSE(NormaliseLogin(std::string(65, 'a')));  // too long
    EXPECT_TRUE(NormaliseLogin(std::string(64, 'a')));   // at the limit
    EXPECT_FALSE(NormaliseLogin("әлия"));                // Cyrillic in a login
    EXPECT_FALSE(NormaliseLogin("a b c"));               // inner space
    EXPECT_EQ(NormaliseLogin("a;b").error().message_key, "identity.login_invalid");
}

/// Display names take any script but no control characters.
TEST(LoginNameTest, DisplayNames) {
    EXPECT_EQ(NormaliseDisplayName(" Әлия Серікқызы ").value(), "Әлия Серікқызы");
    EXPECT_FALSE(NormaliseDisplayName("   "));
    EXPECT_FALSE(NormaliseDisplayName("a\nb"));
    EXPECT_FALSE(NormaliseDisplayName(std::string(201, 'x')));
}

}  // namespace
}  // namespace oqu::identity
