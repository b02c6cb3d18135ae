#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "distance/api.hpp"
#include "online/api.hpp"
#include "online/permissions.hpp"
#include "online/store.hpp"
#include "online/support.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::online {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

// The last day on which courses ending on `oldest_needed` still count: three years later, the
// same calendar day (29 February falls back to 28th, as QualificationWindowStart does).
core::Day ValidUntil(core::Day oldest_needed) {
    using namespace std::chrono;  // NOLINT(google-build-using-namespace): calendar literals only.
    const year_month_day ymd{oldest_needed};
    const year_month_day later = ymd + years{3};
    if (later.ok()) return sys_days{later};
    return sys_days{year_month_day_last{later.year(), month_day_last{later.month()}}};
}

std::optional<int> ParseHours(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    int hours = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        hours = hours * 10 + (c - '0');
    }
    if (hours < 1 || hours > 2000) return std::nullopt;
    return hours;
}

}  // namespace

core::Result<std::int64_t> OwnTeacherId(const auth::Principal& actor, db::Database& database) {
    if (!actor.system) {
        for (std::int64_t offset = 0;; offset += 500) {
            auto page = people::ListTeachers(auth::SystemPrincipal(), database,
                                             {.offset = static_cast<int>(offset), .limit = 500});
            if (!page || page->items.empty()) break;
            for (const people::Teacher& t : page->items) {
                if (t.user_id && *t.user_id == actor.user_id) return t.id.value;
            }
            if (offset + 500 >= page->total) break;
        }
    }
    return core::MakeError(core::ErrorCode::kNotFound, "online.not_a_teacher", "no linked teacher");
}

core::Result<std::int64_t> RecordQualification(const auth::Principal& actor, const Change& change,
                                               std::int64_t teacher_id, const QualificationDraft& draft) {
    auto teacher = detail::Teacher(actor, change.db, teacher_id, kEditQualifications);
    if (!teacher) return teacher.error();
    QualificationCourse c;
    c.teacher_id = teacher_id;
    if (draft.title.find_first_not_of(' ') == std::string::npos || draft.title.size() > 300) {
        return detail::Invalid("online.course_title_required", "title");
    }
    if (draft.provider.find_first_not_of(' ') == std::string::npos || draft.provider.size() > 300) {
        return detail::Invalid("online.course_provider_required", "provider");
    }
    c.title = draft.title;
    c.provider = draft.provider;
    const auto hours = ParseHours(draft.hours);
    if (!hours) return detail::Invalid("online.course_hours_invalid", "hours");
    c.hours = *hours;
    const auto start = detail::Day(draft.start_on);
    const auto end = detail::Day(draft.end_on);
    if (!start) return detail::Invalid("online.course_dates_invalid", "start_on");
    if (!end || *end < *start || *end > core::KazakhstanDay(change.now)) {
        return detail::Invalid("online.course_dates_invalid", "end_on");
    }
    c.start_on = core::FormatIsoDay(*start);
    c.end_on = core::FormatIsoDay(*end);
    c.certificate_sha256 = draft.certificate_sha256;
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        const std::int64_t id =
            Store(session).InsertCourse(c, teacher->faculty_id, actor.user_id, change.now);
        // R-O16: the register the online-teaching gate reads.
        detail::RecordChange(session, actor, change, "online.record_qualification", "online_qualification",
                             id, nlohmann::json{{"teacher_id", teacher_id}, {"hours", c.hours}}.dump());
        return id;
    });
}

core::Result<QualificationStanding> QualificationOf(const auth::Principal& actor, db::Database& database,
                                                    std::int64_t teacher_id, core::Instant now) {
    auto teacher = detail::Teacher(actor, database, teacher_id, kViewRecords);
    if (!teacher) return teacher.error();
    QualificationStanding out;
    out.teacher_id = teacher_id;
    out.courses = database.Read([&](db::Session& s) { return Store(s).Courses(teacher_id); });
    const core::Day today = core::KazakhstanDay(now);
    std::vector<distance::Qualification> rule_input;
    for (const auto& c : out.courses) {
        if (auto end = detail::Day(c.end_on)) rule_input.push_back({*end, c.hours, true});
    }
    // R-O16: 72 hours in the 3 years up to today.
    out.verdict = distance::CheckTeacherQualification(rule_input, today);
    const core::Day since = distance::QualificationWindowStart(today);
    out.window_start = core::FormatIsoDay(since);
    std::sort(rule_input.begin(), rule_input.end(),
              [](const distance::Qualification& a, const distance::Qualification& b) {
                  return a.completed > b.completed;
              });
    int sum = 0;
    for (const auto& q : rule_input) {
        if (q.completed < since || q.completed > today) continue;
        out.hours_in_window += q.hours;
    }
    for (const auto& q : rule_input) {
        if (q.completed > today) continue;
        sum += q.hours;
        if (sum >= 72) {
            if (!out.verdict.violated()) out.valid_until = core::FormatIsoDay(ValidUntil(q.completed));
            break;
        }
    }
    return out;
}

core::Status CheckCanTeachOnline(const auth::Principal& actor, db::Database& database,
                                 std::int64_t teacher_id, core::Instant now) {
    auto standing = QualificationOf(actor, database, teacher_id, now);
    if (!standing) return standing.error();
    if (standing->verdict.violated()) return core::Refusal(standing->verdict);
    return core::OkStatus();
}

std::vector<TeacherHours> ReportQualificationHours(db::Database& database, core::Day today) {
    const std::string first = core::FormatIsoDay(distance::QualificationWindowStart(today));
    const std::string last = core::FormatIsoDay(today);
    return database.Read([&](db::Session& s) { return Store(s).HoursSince(first, last); });
}

}  // namespace oqu::online
