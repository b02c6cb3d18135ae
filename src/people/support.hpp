#pragma once

#include <string>
#include <string_view>

#include "people/api.hpp"
#include "people/directory.hpp"
#include "people/store.hpp"

namespace oqu::platform::db {
class Session;
}

// Helpers shared by the use cases of the people module (not part of its API).
namespace oqu::people::detail {

/// The list filter of the scopes where `actor` holds `capability`.
ScopeFilter FilterFor(const platform::auth::Principal& actor, const platform::auth::Capability& capability);

/// kForbidden "auth.forbidden" unless `actor` holds `capability` in some scope (for creating
/// objects whose scope is known only after the input is read).
core::Status RequireSomewhere(const platform::auth::Principal& actor,
                              const platform::auth::Capability& capability);

/// kNotFound "web.error_404" with an English detail.
core::Error NotFound(std::string detail);

/// Writes the audit record and the footprint event of one change inside its transaction.
void RecordChange(platform::db::Session& session, const platform::auth::Principal& actor,
                  const Change& change, std::string_view action, std::string_view object_type,
                  std::int64_t object_id, const std::string& detail_json);

/// The student as `actor` may see it: IIN masked without people:view_personal_data, programme
/// code filled from the directory.
Student ForViewer(const platform::auth::Principal& actor, Student student, const Directory& directory);

/// Checks a student draft against the directory and the stored records: a Student ready to be
/// stored (id = `self`, user_id kept from `existing`) or the field errors. `self` is the student
/// being changed, so its own IIN and number are no duplicates.
core::Result<Student> ResolveStudent(const StudentDraft& draft, const Directory& directory, Store& store,
                                     std::optional<StudentId> self);

/// Checks a teacher draft: a Teacher ready to be stored (id = `self`), or the field errors.
core::Result<Teacher> ResolveTeacher(const TeacherDraft& draft, const Directory& directory,
                                     std::optional<TeacherId> self);

/// Checks a group draft: a Group ready to be stored (id = `self`), or the field errors.
/// `current_year` bounds the admission year (1990 .. current_year + 1).
core::Result<Group> ResolveGroup(const GroupDraft& draft, const Directory& directory, Store& store,
                                 std::optional<GroupId> self, int current_year);

/// R-O2 at admission, edit, import and change of form: online study is checked by the one rule
/// distance::CheckOnlineFormAllowed on the programme's direction. A forbidden direction (order
/// No. 530) is kRuleViolation "people.online_forbidden"; an unconfirmed ("unknown") direction is
/// refused too, as the rule says, with "people.online_unconfirmed" asking the office to have the
/// direction confirmed in the classifier first. A programme the actor cannot see (null) is
/// treated as unknown. Full-time study is always allowed. Args: direction, programme.
core::Status CheckOnlineAdmission(StudyForm form, const ProgrammeInfo* programme);

/// The calendar year of an instant in Kazakhstan time.
int YearOf(core::Instant now);

}  // namespace oqu::people::detail
