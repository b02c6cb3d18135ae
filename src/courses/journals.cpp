#include <algorithm>
#include <optional>
#include <vector>

#include "courses/api.hpp"
#include "courses/store.hpp"
#include "courses/support.hpp"
#include "gradebook/api.hpp"
#include "online/api.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

// The links of a course to the gradebook's journals of its groups × discipline × period: the
// course's weights reach the journals, and only the course's teachers enter their marks. The
// gradebook lies below courses, so courses calls it and installs its teacher check into it.
namespace oqu::courses::detail {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

// The study groups of the course's groups: each group, and the group of a subgroup.
std::vector<std::int64_t> StudyGroups(db::Database& database, const std::vector<std::int64_t>& group_ids) {
    std::vector<std::int64_t> out;
    const auth::Principal system = auth::SystemPrincipal();
    for (std::int64_t id : group_ids) {
        out.push_back(id);
        if (auto group = people::FindGroup(system, database, people::GroupId{id}); group && group->parent) {
            out.push_back(group->parent->value);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool TeachesJournal(const auth::Principal& actor, db::Database& database, std::int64_t group_id,
                    std::int64_t discipline_id, std::int64_t period_id) {
    const auto teacher = online::OwnTeacherId(actor, database);
    if (!teacher) return false;
    // The groups of the teacher's courses of this discipline in this period.
    const auto groups = database.Read([&](db::Session& s) {
        Store store(s);
        std::vector<std::int64_t> out;
        for (std::int64_t course_id : store.CoursesOfTeacher(*teacher)) {
            const auto row = store.FindCourse(course_id);
            if (!row || row->discipline_id != discipline_id || row->period_id != period_id) continue;
            for (const auto& [group, kind] : store.Groups(course_id)) out.push_back(group);
        }
        return out;
    });
    const auto study = StudyGroups(database, groups);
    return std::binary_search(study.begin(), study.end(), group_id);
}

}  // namespace

void InstallJournalTeacherCheck() {
    gradebook::SetJournalTeacherCheck(TeachesJournal);
}

std::vector<std::int64_t> JournalGroups(db::Database& database, std::int64_t course_id,
                                        std::optional<std::int64_t> more) {
    if (!gradebook::SchemaInstalled(database)) return {};
    std::vector<std::int64_t> groups;
    database.Read([&](db::Session& s) {
        for (const auto& [group, kind] : Store(s).Groups(course_id)) groups.push_back(group);
        return 0;
    });
    if (more) groups.push_back(*more);
    return StudyGroups(database, groups);
}

void PushWeights(db::Session& session, const auth::Principal& actor, const Change& change,
                 const CourseRow& course, const std::vector<std::int64_t>& groups,
                 const CourseWeights& weights) {
    if (groups.empty()) return;
    gradebook::ApplyCourseWeights(session, actor, {change.db, change.now, change.address}, course.id, groups,
                                  course.discipline_id, course.period_id,
                                  {weights.current, weights.rk1, weights.rk2, weights.exam});
}

}  // namespace oqu::courses::detail
