#include "people/routes.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "people/tests/fixture.hpp"
#include "platform/auth/gate.hpp"
#include "platform/files/file_store.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"
#include "platform/web/renderer.hpp"
#include "platform/web/strings.hpp"

namespace oqu::people::testing {
namespace {

namespace http = platform::http;

class PeopleRoutesTest : public PeopleDbTest {};

std::string Lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

/// Every /api/ route the module registers is described in its OpenAPI fragment (same path and
/// method), and the fragment describes no route that does not exist.
TEST_P(PeopleRoutesTest, EveryApiRouteIsInTheOpenApiFragment) {
    if (IsSkipped()) return;
    const auto root = ResourceDir();
    platform::Config config;
    platform::web::Renderer renderer({{"people", root / "people/templates"}},
                                     platform::web::Strings::Load({root / "people/strings"}));
    const auto files_dir =
        std::filesystem::temp_directory_path() / ("oqu_people_routes_" + std::to_string(::getpid()));
    platform::files::FileStore files(files_dir);
    platform::jobs::JobQueue jobs(*db_);
    platform::auth::Navigation navigation;
    platform::Services services{config, *db_, renderer, files, jobs, navigation};
    http::Router router;
    detail::AddRoutes(router, services);

    std::ifstream in(root / "people/openapi.json");
    ASSERT_TRUE(in) << "people/openapi.json missing";
    const auto doc = nlohmann::json::parse(in);
    ASSERT_TRUE(doc.contains("paths"));
    ASSERT_TRUE(doc.contains("components"));

    std::set<std::pair<std::string, std::string>> registered;
    int api_routes = 0;
    for (const auto& route : router.Routes()) {
        if (!route.pattern.starts_with("/api/")) continue;
        ++api_routes;
        const std::string method = Lower(http::MethodName(route.method));
        registered.emplace(route.pattern, method);
        ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
        EXPECT_TRUE(doc["paths"][route.pattern].contains(method)) << method << " " << route.pattern;
    }
    EXPECT_EQ(api_routes, 6);
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, operation] : item.items()) {
            if (method == "parameters") continue;
            EXPECT_TRUE(registered.contains({path, method})) << method << " " << path << " is not a route";
        }
    }
    // Every $ref names a schema of the fragment or the app's shared Error.
    const std::string dump = doc.dump();
    const std::string marker = "#/components/schemas/";
    for (auto pos = dump.find(marker); pos != std::string::npos; pos = dump.find(marker, pos + 1)) {
        const auto start = pos + marker.size();
        const auto name = dump.substr(start, dump.find('"', start) - start);
        EXPECT_TRUE(name == "Error" || doc["components"]["schemas"].contains(name)) << name;
    }
    // The navigation items are the three list pages.
    auth::Principal registrar = As(auth::Role::kRegistrar, auth::kInstitution);
    EXPECT_EQ(navigation.For(registrar).size(), 3U);
    std::filesystem::remove_all(files_dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleRoutesTest, testing::Backends(), platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::people::testing
