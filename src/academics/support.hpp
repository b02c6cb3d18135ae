#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "academics/api.hpp"
#include "academics/store.hpp"
#include "platform/db/database.hpp"

// Helpers shared by the use cases of this module; not part of its API.
namespace oqu::academics::detail {

/// {institution, {faculty, id}}.
std::vector<platform::auth::Scope> FacultyPath(FacultyId faculty);

/// {institution, {faculty, faculty}, {programme, programme}}.
std::vector<platform::auth::Scope> ProgrammePath(FacultyId faculty, ProgrammeId programme);

/// OK when the actor holds `capability` in some scope (institution-wide reference data such as
/// the classifier and the calendar); otherwise Require's error at institution scope.
core::Status RequireSomewhere(const platform::auth::Principal& actor,
                              const platform::auth::Capability& capability);

/// The list filter for what `actor` may see with `capability`.
Visibility VisibleTo(const platform::auth::Principal& actor, const platform::auth::Capability& capability);

/// Writes the audit record and the footprint event of one change in `session`'s transaction.
void RecordChange(platform::db::Session& session, const platform::auth::Principal& actor,
                  const Change& change, std::string_view action, std::string_view object_type,
                  std::string object_id, std::string detail_json);

/// {"before": before, "after": after}; pass "null" for an absent side.
std::string ChangeDetail(const std::string& before, const std::string& after);

/// kNotFound "web.error_404" (a missing object looks like a hidden one).
core::Error NotFound(std::string detail);

/// Runs `fn` (one Database::Transact); a unique violation becomes kConflict on `field` with
/// `conflict_key`, a foreign-key violation kConflict "academics.in_use". Other DbErrors propagate.
template <typename F>
auto Guarded(F&& fn, std::string_view field, std::string_view conflict_key) -> decltype(fn()) {
    try {
        return fn();
    } catch (const platform::db::DbError& e) {
        if (e.IsUniqueViolation()) {
            return FieldFailure(core::ErrorCode::kConflict, std::string(field), std::string(conflict_key),
                                e.what());
        }
        if (e.sqlstate() == "23503") {
            return core::MakeError(core::ErrorCode::kConflict, "academics.in_use", e.what());
        }
        throw;
    }
}

/// JSON text of each object, for audit details.
std::string JsonText(const Faculty& faculty);
std::string JsonText(const Department& department);  ///< See JsonText(const Faculty&).
std::string JsonText(const Direction& direction);    ///< See JsonText(const Faculty&).
std::string JsonText(const Programme& programme);    ///< See JsonText(const Faculty&).
std::string JsonText(const Curriculum& curriculum);  ///< See JsonText(const Faculty&).
std::string JsonText(const Discipline& discipline);  ///< See JsonText(const Faculty&).
std::string JsonText(const AcademicYear& year);      ///< See JsonText(const Faculty&).
std::string JsonText(const Period& period);          ///< See JsonText(const Faculty&).
std::string JsonText(const Holiday& holiday);        ///< See JsonText(const Faculty&).

}  // namespace oqu::academics::detail
