#include "platform/auth/tokens.hpp"

#include <set>

#include <gtest/gtest.h>

namespace oqu::platform::auth {
namespace {

bool IsLowerHex(const std::string& s) {
    return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(TokensTest, RandomTokenIsHexOfTheRequestedBytes) {
    EXPECT_EQ(RandomToken().size(), 64u);
    EXPECT_EQ(RandomToken(16).size(), 32u);
    EXPECT_EQ(RandomToken(0), "");
    EXPECT_TRUE(IsLowerHex(RandomToken()));
}

TEST(TokensTest, RandomTokensDiffer) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) seen.insert(RandomToken());
    EXPECT_EQ(seen.size(), 100u);
}

/// FIPS 180-2 test vectors for SHA-256.
TEST(TokensTest, HashTokenIsSha256Hex) {
    EXPECT_EQ(HashToken(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(HashToken("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(TokensTest, ConstantTimeEquals) {
    EXPECT_TRUE(ConstantTimeEquals("", ""));
    EXPECT_TRUE(ConstantTimeEquals("k7m2-9qxd-4tpa", "k7m2-9qxd-4tpa"));
    EXPECT_FALSE(ConstantTimeEquals("k7m2-9qxd-4tpa", "k7m2-9qxd-4tpb"));
    EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
    EXPECT_FALSE(ConstantTimeEquals("abcd", "abc"));
    EXPECT_FALSE(ConstantTimeEquals("", "a"));
    EXPECT_FALSE(ConstantTimeEquals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace oqu::platform::auth
