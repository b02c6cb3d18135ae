#pragma once

// The HTTP side of attempts and grading (attempt_routes.cpp, grading_routes.cpp): the JSON API of
// docs/QUIZZES.md and the student's and teacher's pages. Internal to the assessment module.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "core/time.hpp"

namespace oqu::platform {
struct Services;
}
namespace oqu::platform::http {
class Router;
struct Request;
struct Response;
}  // namespace oqu::platform::http

namespace oqu::assessment {
struct AttemptSlot;
}

namespace oqu::assessment::detail {

/// The attempt API, the student's quiz, attempt, confirmation and result pages and the static
/// script.
void AddAttemptRoutes(platform::http::Router& router, platform::Services& services);
/// The grading list, the attempt's grading view, essay marks, regrade and item analysis.
void AddGradingRoutes(platform::http::Router& router, platform::Services& services);

/// The server's clock.
core::Instant Now();
/// A positive id from a URL segment.
std::optional<std::int64_t> ParseId(std::string_view text);
/// A full page of the module (never cached).
platform::http::Response Page(const platform::Services& services, const platform::http::Request& request,
                              std::string_view name, const nlohmann::json& context,
                              std::string_view title_key);
/// The translated error page (or JSON error for an API client).
platform::http::Response ErrorPage(const platform::Services& services, const platform::http::Request& request,
                                   const core::Error& error);
/// "26.11.2026, 18:05" in the request's language (Asia/Almaty).
std::string When(const platform::http::Request& request, core::Instant at);
/// A number of points without trailing zeros ("2.5", "3").
std::string Points(double value);
/// The student's answer to a question as the pages show it ("4", "SELECT → выборка; ..."; a
/// true/false answer in the request's language); empty when not answered.
std::string GivenText(const platform::Services& services, const platform::http::Request& request,
                      const AttemptSlot& slot);
/// The question text as plain text (HTML markup removed; the page escapes it).
std::string PlainText(const std::string& text, bool html);

}  // namespace oqu::assessment::detail
