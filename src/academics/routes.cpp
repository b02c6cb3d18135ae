#include "academics/routes.hpp"

#include "platform/http/router.hpp"

namespace oqu::academics::detail {

void AddRoutes(platform::http::Router& /*router*/, platform::Services& /*services*/) {}

}  // namespace oqu::academics::detail
