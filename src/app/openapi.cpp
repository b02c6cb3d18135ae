#include "app/openapi.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/http/router.hpp"
#include "platform/log/log.hpp"

namespace oqu::app {

namespace http = platform::http;

core::Result<std::string> BuildOpenApi(const platform::ModuleRegistry& registry,
                                       const platform::Config& config) {
    nlohmann::json doc = {
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "Oqu API"},
          {"version", "1"},
          {"description",
           "JSON API of the Oqu education portal. Authenticate with the session cookie from POST /login and "
           "send the session's CSRF token in the X-CSRF-Token header on every POST, PUT, PATCH and DELETE. "
           "Errors are {\"error\": {\"code\", \"message\", \"requirement\"}}; messages follow "
           "Accept-Language "
           "or ?lang= (kk, ru, en)."}}},
        {"paths", nlohmann::json::object()},
        {"components",
         {{"schemas", nlohmann::json::object()},
          {"securitySchemes",
           {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "__Host-oqu_session"}}},
            {"csrf", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-CSRF-Token"}}}}}}},
        {"security", nlohmann::json::array({{{"session", nlohmann::json::array()}}})}};
    doc["components"]["schemas"]["Error"] = {
        {"type", "object"},
        {"required", {"error"}},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"required", {"code", "message"}},
            {"properties",
             {{"code", {{"type", "string"}}},
              {"message", {{"type", "string"}}},
              {"requirement",
               {{"type", "string"}, {"description", "Requirement ID of Order 137, e.g. R-D7"}}}}}}}}}};
    for (const auto& module : registry.modules()) {
        if (module.openapi_file.empty()) continue;
        const auto path = config.resource_dir / module.openapi_file;
        std::ifstream in(path);
        if (!in) continue;  // A module without API documents nothing yet.
        nlohmann::json fragment;
        try {
            fragment = nlohmann::json::parse(in);
        } catch (const nlohmann::json::parse_error& e) {
            return core::MakeError(core::ErrorCode::kInvalidInput, "web.error_500",
                                   fmt::format("{}: {}", path.string(), e.what()));
        }
        // Named: items() of a temporary would dangle inside the loop.
        const auto paths = fragment.value("paths", nlohmann::json::object());
        for (const auto& [url, item] : paths.items()) {
            if (doc["paths"].contains(url)) {
                return core::MakeError(core::ErrorCode::kInvalidInput, "web.error_500",
                                       fmt::format("{}: path {} defined twice", path.string(), url));
            }
            doc["paths"][url] = item;
        }
        const auto components = fragment.value("components", nlohmann::json::object());
        for (const auto& [kind, entries] : components.items()) {
            for (const auto& [name, schema] : entries.items()) doc["components"][kind][name] = schema;
        }
    }
    return doc.dump(1);
}

void AddOpenApiRoute(http::Router& router, const platform::ModuleRegistry& registry,
                     const platform::Config& config) {
    auto doc = BuildOpenApi(registry, config);
    std::string body;
    if (doc) {
        body = std::move(doc.value());
    } else {
        // A broken fragment is a bug of a module; the server still starts, the API page says so.
        platform::log::LogEvent(platform::log::Level::kError, "openapi_invalid",
                                {{"detail", doc.error().detail}});
        body = R"({"error": {"code": "internal", "message": "API description unavailable"}})";
    }
    router.Add(http::Method::kGet, "/api/openapi.json",
               [body = std::move(body)](http::Request&) {
                   auto response = http::Response::Json(body);
                   response.SetHeader("Cache-Control", "public, max-age=300");
                   return response;
               },
               {.audience = http::Audience::kStateless});
}

}  // namespace oqu::app
