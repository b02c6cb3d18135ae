#include "platform/http/cookies.hpp"

#include <gtest/gtest.h>

#include "platform/http/request.hpp"

namespace oqu::platform::http {
namespace {

/// Spaces are trimmed and one pair of quotes stripped.
TEST(CookiesTest, QuotesAndSpaces) {
    EXPECT_EQ(ParseCookies(" a=1 ;b=\"two words\";  c = 3 "),
              (FieldList{{"a", "1"}, {"b", "two words"}, {"c", "3"}}));
    EXPECT_EQ(ParseCookies("a=\""), (FieldList{{"a", "\""}}));
    EXPECT_EQ(ParseCookies("a="), (FieldList{{"a", ""}}));
}

/// Duplicates are kept in order; Request::Cookie returns the first.
TEST(CookiesTest, Duplicates) {
    EXPECT_EQ(ParseCookies("sid=1; sid=2"), (FieldList{{"sid", "1"}, {"sid", "2"}}));
    Request r;
    r.headers = {{"Cookie", "x=0; sid=1; sid=2"}};
    EXPECT_EQ(r.Cookie("sid"), "1");
    EXPECT_FALSE(r.Cookie("none"));
}

/// Garbage pieces are skipped without failing the header.
TEST(CookiesTest, Garbage) {
    EXPECT_EQ(ParseCookies(";;=x; noequals; bad name=1; ok=2; \x01=3"), (FieldList{{"ok", "2"}}));
    EXPECT_TRUE(ParseCookies("").empty());
}

}  // namespace
}  // namespace oqu::platform::http
