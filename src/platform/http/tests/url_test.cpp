#include "platform/http/url.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::http {
namespace {

/// '+' is a space only in form encoding; %xx decodes in both.
TEST(UrlTest, PercentDecode) {
    EXPECT_EQ(PercentDecode("a+b%20c%2F", true), "a b c/");
    EXPECT_EQ(PercentDecode("a+b", false), "a+b");
    EXPECT_EQ(PercentDecode("%D0%90", false), "\xD0\x90");
    EXPECT_FALSE(PercentDecode("%", true));
    EXPECT_FALSE(PercentDecode("%2", true));
    EXPECT_FALSE(PercentDecode("%zz", true));
    EXPECT_EQ(PercentEncode("a b/ü"), "a%20b%2F%C3%BC");
}

/// Form bodies keep order and repeats; bad escapes are an error value.
TEST(UrlTest, ParseUrlEncoded) {
    auto ok = ParseUrlEncoded("a=1&b=x+y&&c=%2F&a=2&flag");
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, (FieldList{{"a", "1"}, {"b", "x y"}, {"c", "/"}, {"a", "2"}, {"flag", ""}}));
    EXPECT_TRUE(ParseUrlEncoded("")->empty());
    auto bad = ParseUrlEncoded("a=%G1");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidInput);
}

/// Dot segments resolve, but nothing climbs above the root or smuggles a '/' or NUL.
TEST(UrlTest, NormalizePath) {
    EXPECT_EQ(NormalizePath("/"), "/");
    EXPECT_EQ(NormalizePath("/a//b/./c"), "/a/b/c");
    EXPECT_EQ(NormalizePath("/a/b/../c/"), "/a/c/");
    EXPECT_EQ(NormalizePath("/a/%D0%90"), "/a/\xD0\x90");
    EXPECT_EQ(NormalizePath("/a/.."), "/");
    EXPECT_FALSE(NormalizePath("/a/../../etc/passwd"));
    EXPECT_FALSE(NormalizePath("/%2e%2e/etc/passwd"));
    EXPECT_FALSE(NormalizePath("/a%2Fb"));
    EXPECT_FALSE(NormalizePath("/a%00"));
    EXPECT_FALSE(NormalizePath("/bad%zz"));
    EXPECT_FALSE(NormalizePath("relative"));
    EXPECT_FALSE(NormalizePath(""));
}

}  // namespace
}  // namespace oqu::platform::http
