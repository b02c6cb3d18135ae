#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "gradebook/api.hpp"
#include "gradebook/store.hpp"

// Helpers shared by the use cases of the gradebook (not part of its API).
namespace oqu::gradebook::detail {

/// kInvalidInput `key` on `field` (carried in detail as "field: ...").
core::Error Invalid(std::string key, std::string_view field);

/// kNotFound "web.error_404".
core::Error NotFound(std::string detail);

/// The ids of the groups whose curator is the teacher linked to the actor's account.
std::set<std::int64_t> CuratedGroups(const platform::auth::Principal& actor, platform::db::Database& db);

/// Whether the actor curates group `group_id`.
bool Curates(const platform::auth::Principal& actor, platform::db::Database& db, std::int64_t group_id);

/// Whether the actor may see a journal of this scope and group: gradebook:view_journal (or a
/// write capability) on the scope, or the group's curator.
bool MaySee(const platform::auth::Principal& actor, platform::db::Database& db, const JournalRecord& journal);

/// The journal if the actor may see it; kNotFound otherwise.
core::Result<JournalRecord> VisibleJournal(const platform::auth::Principal& actor, platform::db::Database& db,
                                           std::int64_t id);

/// Whether the actor, allowed gradebook:enter_marks on the journal's scope, is not narrowed away
/// from it by the installed journal-teacher check (SetJournalTeacherCheck).
bool TeachesJournal(const platform::auth::Principal& actor, platform::db::Database& db,
                    const JournalRecord& journal);

/// The journal with the names of its group, discipline and period (read with the system's authority:
/// the caller has decided access already).
Journal Describe(platform::db::Database& db, const JournalRecord& record);

/// A student's row of a journal from its stored marks.
Row RowOf(const std::vector<StoredMark>& marks, std::int64_t student_id, int weeks);

}  // namespace oqu::gradebook::detail
