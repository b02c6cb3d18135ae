#pragma once

#include <memory>

#include "identity/login.hpp"
#include "platform/auth/gate.hpp"
#include "platform/auth/password.hpp"

namespace oqu::platform {
struct Services;
namespace http {
class Router;
}
}  // namespace oqu::platform

namespace oqu::identity {

/// What the identity routes share: the services, the password hasher and the login service.
struct IdentityContext {
    platform::Services& services;
    std::shared_ptr<const platform::auth::PasswordHasher> hasher;
    std::shared_ptr<LoginService> login;
    platform::auth::GateOptions gate;
};

/// The identity context of a running server, created once by the module's routes callback
/// (the session resolver of the gate comes from the same login service).
std::shared_ptr<IdentityContext> SharedContext(platform::Services& services);

/// /login, /login/second-factor, /logout, /dashboard, /account... (login_routes.cpp).
void AddLoginRoutes(platform::http::Router& router, const std::shared_ptr<IdentityContext>& ctx);
/// /admin/users..., /admin/audit, /api/v1/users... (admin_routes.cpp).
void AddAdminRoutes(platform::http::Router& router, const std::shared_ptr<IdentityContext>& ctx);

/// The client of a request (address, user agent) for footprint records.
Client ClientOf(const platform::http::Request& request);

/// The current instant.
core::Instant Now();

}  // namespace oqu::identity
