#include <map>
#include <mutex>

#include "identity/api.hpp"
#include "identity/routes.hpp"
#include "platform/auth/password.hpp"
#include "platform/http/router.hpp"
#include "platform/module/registry.hpp"

namespace oqu::identity {

void RegisterUserCommands(platform::ModuleRegistry& registry);

namespace {

// One identity context per running server (tests run several servers in one process).
std::mutex g_contexts_mutex;
std::map<const platform::Services*, std::shared_ptr<IdentityContext>> g_contexts;

}  // namespace

std::shared_ptr<IdentityContext> SharedContext(platform::Services& services) {
    const std::lock_guard lock(g_contexts_mutex);
    auto& ctx = g_contexts[&services];
    if (!ctx) {
        platform::auth::SetPasswordListPath(services.config.resource_dir /
                                            "platform/auth/data/common-passwords.txt");
        auto hasher = std::make_shared<const platform::auth::PasswordHasher>();
        auto login = std::make_shared<LoginService>(services.db, hasher);
        ctx = std::make_shared<IdentityContext>(
            IdentityContext{services, hasher, login, {.secure_cookies = !services.config.insecure_cookies}});
    }
    return ctx;
}

std::shared_ptr<platform::auth::SessionResolver> MakeSessionResolver(platform::Services& services) {
    return SharedContext(services)->login->Resolver();
}

void Register(platform::ModuleRegistry& registry) {
    registry.AddModule({.name = "identity",
                        .schema_dir = "identity/schema",
                        .templates_dir = "identity/templates",
                        .strings_dir = "identity/strings",
                        .openapi_file = "identity/openapi.json"});
    registry.AddRoutes([](platform::http::Router& router, platform::Services& services) {
        auto ctx = SharedContext(services);
        AddLoginRoutes(router, ctx);
        AddAdminRoutes(router, ctx);
    });
    RegisterUserCommands(registry);
}

}  // namespace oqu::identity
