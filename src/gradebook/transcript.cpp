#include <algorithm>

#include "gradebook/api.hpp"
#include "gradebook/permissions.hpp"
#include "gradebook/store.hpp"
#include "gradebook/support.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::gradebook {

namespace auth = platform::auth;
namespace db = platform::db;

core::Result<std::int64_t> OwnStudentId(const auth::Principal& actor, db::Database& database) {
    auto student = people::FindStudentByUser(auth::SystemPrincipal(), database, actor.user_id);
    if (!student || actor.system) {
        return core::MakeError(core::ErrorCode::kNotFound, "gradebook.not_a_student", "no linked student");
    }
    return student->id.value;
}

core::Result<Transcript> TranscriptOf(const auth::Principal& actor, db::Database& database,
                                      std::int64_t student_id) {
    // People's read needs people:view, which a student lacks: the lookup runs with the system's
    // authority and the access decision is made here.
    auto student = people::FindStudent(auth::SystemPrincipal(), database, people::StudentId{student_id});
    if (!student) return detail::NotFound("no student " + std::to_string(student_id));
    const bool self = !actor.system && student->user_id && *student->user_id == actor.user_id;
    if (!self &&
        !auth::Allows(actor, kViewJournal, ScopePathOf(student->faculty_id, student->programme_id)) &&
        !(student->group && detail::Curates(actor, database, student->group->value))) {
        return detail::NotFound("student outside the actor's scopes");
    }
    Transcript t;
    t.student_id = student_id;
    t.name = people::DisplayName(student->name);
    t.student_number = student->student_number;
    t.group_code = student->group_code;
    t.programme_code = student->programme_code;
    const std::optional<std::int64_t> group =
        student->group ? std::optional<std::int64_t>(student->group->value) : std::nullopt;
    const auto found = database.Read([&](db::Session& s) {
        Store store(s);
        std::vector<std::pair<JournalRecord, Row>> out;
        for (const JournalRecord& r : store.JournalsOfStudent(student_id, group)) {
            out.emplace_back(r, detail::RowOf(store.MarksOf(r.id, student_id), student_id, r.weeks));
        }
        return out;
    });
    for (const auto& [record, row] : found) {
        t.lines.push_back({detail::Describe(database, record), row, Evaluate(row, record.policy)});
    }
    std::stable_sort(t.lines.begin(), t.lines.end(), [](const TranscriptLine& a, const TranscriptLine& b) {
        return std::tie(a.journal.period_start, a.journal.discipline_code) <
               std::tie(b.journal.period_start, b.journal.discipline_code);
    });
    std::vector<Credited> credited;
    for (const TranscriptLine& line : t.lines) {
        if (!line.result.result.final_mark || !line.result.result.letter) continue;
        credited.push_back({line.journal.credits, line.result.result.letter->points});
        t.credits += line.journal.credits;
    }
    t.gpa = Gpa(credited);
    return t;
}

}  // namespace oqu::gradebook
