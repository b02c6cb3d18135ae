#include "platform/http/errors.hpp"

#include <gtest/gtest.h>

namespace oqu::platform::http {
namespace {

/// Every ErrorCode has exactly one status.
TEST(ErrorsTest, StatusTable) {
    EXPECT_EQ(HttpStatus(core::ErrorCode::kInvalidInput), 400);
    EXPECT_EQ(HttpStatus(core::ErrorCode::kNotFound), 404);
    EXPECT_EQ(HttpStatus(core::ErrorCode::kForbidden), 403);
    EXPECT_EQ(HttpStatus(core::ErrorCode::kConflict), 409);
    EXPECT_EQ(HttpStatus(core::ErrorCode::kRuleViolation), 422);
    EXPECT_EQ(HttpStatus(core::ErrorCode::kUnavailable), 503);
    EXPECT_EQ(HttpStatus(core::ErrorCode::kTooLarge), 413);
}

/// A rule violation names its requirement; other errors omit the field.
TEST(ErrorsTest, JsonShape) {  // R-D7
    auto r =
        ErrorResponse(core::MakeError(core::ErrorCode::kRuleViolation, "k", "d", "R-D7"), "Квота \"DL\"");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.Header("content-type"), "application/json");
    EXPECT_EQ(r.body,
              "{\"error\":{\"code\":\"rule_violation\",\"message\":\"Квота "
              "\\\"DL\\\"\",\"requirement\":\"R-D7\"}}");
    auto nf = ErrorResponse(core::MakeError(core::ErrorCode::kNotFound, "k"), "No");
    EXPECT_EQ(nf.body, "{\"error\":{\"code\":\"not_found\",\"message\":\"No\"}}");
    EXPECT_EQ(ErrorResponse(405, "method_not_allowed", "x").status, 405);
}

/// Set-Cookie carries the chosen attributes.
TEST(ErrorsTest, SetCookieFormat) {
    Response r;
    r.SetCookie({.name = "sid", .value = "abc", .max_age = std::chrono::seconds(60), .secure = true});
    EXPECT_EQ(r.Header("set-cookie"), "sid=abc; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax");
}

}  // namespace
}  // namespace oqu::platform::http
