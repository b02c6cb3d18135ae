#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dl/api.hpp"
#include "dl/store.hpp"

namespace oqu::platform::db {
class Session;
}

// Helpers shared by the use cases of the dl module (not part of its API).
namespace oqu::dl::detail {

/// The list filter of the scopes where `actor` holds `capability`.
ScopeFilter FilterFor(const platform::auth::Principal& actor, const platform::auth::Capability& capability);

/// kForbidden "auth.forbidden" unless `actor` holds `capability` in some scope.
core::Status RequireSomewhere(const platform::auth::Principal& actor,
                              const platform::auth::Capability& capability);

/// kNotFound "web.error_404" with an English detail.
core::Error NotFound(std::string detail);

/// Writes the audit record (an administrative act) and the footprint event of one change
/// inside its transaction.
void RecordChange(platform::db::Session& session, const platform::auth::Principal& actor,
                  const Change& change, std::string_view action, std::string_view object_type,
                  std::int64_t object_id, const std::string& detail_json);

}  // namespace oqu::dl::detail
