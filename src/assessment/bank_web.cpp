#include "assessment/bank_web.hpp"

#include <nlohmann/json.hpp>

namespace oqu::assessment::bank_web {

http::Response Json(const json& body, int status) {
    auto response = http::Response::Json(body.dump(), status);
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

}  // namespace oqu::assessment::bank_web
