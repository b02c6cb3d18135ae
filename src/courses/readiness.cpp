#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "courses/api.hpp"
#include "courses/permissions.hpp"
#include "courses/store.hpp"
#include "courses/support.hpp"
#include "distance/api.hpp"
#include "gradebook/api.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::courses {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

CourseWeights Of(const gradebook::Weights& w) {
    return {w.current, w.rk1, w.rk2, w.exam};
}

// The facts the checklist reads, from the stored structure.
CourseFacts FactsOf(const std::vector<Outcome>& outcomes, const std::vector<Week>& weeks,
                    const std::vector<Element>& elements, bool policy_set) {
    CourseFacts facts;
    facts.policy_set = policy_set;
    for (const Week& w : weeks) {
        const auto n = std::count_if(elements.begin(), elements.end(),
                                     [&](const Element& e) { return e.week_id == w.id; });
        facts.weeks.push_back({w.number, static_cast<int>(n)});
    }
    for (const Outcome& o : outcomes) {
        const auto n = std::count_if(elements.begin(), elements.end(), [&](const Element& e) {
            return std::find(e.outcome_ids.begin(), e.outcome_ids.end(), o.id) != e.outcome_ids.end();
        });
        facts.outcomes.push_back({o.code, static_cast<int>(n)});
    }
    for (const Element& e : elements) {
        if (e.kind != ElementKind::kAudio && e.kind != ElementKind::kVideo) continue;
        ++facts.media;
        if (!e.captions_sha256.empty()) ++facts.captioned;
    }
    return facts;
}

Checklist ChecklistOf(db::Database& database, const CourseRow& row) {
    return database.Read([&](db::Session& s) {
        Store store(s);
        return CheckReadiness(FactsOf(store.Outcomes(row.id), store.Weeks(row.id), store.Elements(row.id),
                                      row.weights.has_value()));
    });
}

// Working calendars by the year of the period start, loaded once per call.
class Calendars {
public:
    explicit Calendars(db::Database& database) : db_(database) {}
    const academics::WorkingCalendar& For(core::Day start) {
        const int year = static_cast<int>(std::chrono::year_month_day{start}.year());
        auto it = calendars_.find(year);
        if (it == calendars_.end()) {
            // The deadline lies at most a few weeks before the start: this year and the last suffice.
            auto loaded = academics::LoadWorkingCalendar(std::nullopt, db_, year - 1, year);
            it = calendars_.emplace(year, loaded ? std::move(*loaded) : academics::WorkingCalendar({})).first;
        }
        return it->second;
    }

private:
    db::Database& db_;
    std::map<int, academics::WorkingCalendar> calendars_;
};

// R-O12: the deadline and the placement verdict of a course.
void Judge(Calendars& calendars, const std::string& period_start, std::optional<core::Instant> signed_at,
           core::Instant now, std::string& deadline, core::Verdict& placement) {
    const auto start = detail::Day(period_start);
    if (!start) return;
    const academics::WorkingCalendar& calendar = calendars.For(*start);
    deadline = core::FormatIsoDay(academics::ContentDeadline(*start, calendar));
    std::optional<core::Day> placed;
    if (signed_at) placed = core::KazakhstanDay(*signed_at);
    placement = academics::CheckContentPlacement(placed, *start, calendar, core::KazakhstanDay(now));
}

Readiness ReadinessFor(db::Database& database, Calendars& calendars, const CourseRow& row,
                       const std::string& period_start, core::Instant now) {
    Readiness out;
    out.checklist = ChecklistOf(database, row);
    out.period_start = period_start;
    const auto act = database.Read([&](db::Session& s) { return Store(s).Act(row.id); });
    if (act) {
        out.act_signed_at = act->signed_at;
        if (auto t = people::FindTeacher(auth::SystemPrincipal(), database,
                                         people::TeacherId{act->signer_teacher_id})) {
            out.signer = people::DisplayName(t->name);
        }
    }
    Judge(calendars, period_start, out.act_signed_at, now, out.deadline, out.placement);
    return out;
}

}  // namespace

PolicyBounds InstitutionPolicy() {
    const gradebook::Policy policy;
    return {Of(policy.weights), Of(policy.min), Of(policy.max)};
}

core::Status SetWeights(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                        const CourseWeights& weights) {
    auto loaded = detail::Load(actor, change.db, course_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.edit && !loaded->access.manage) {
        return core::MakeError(core::ErrorCode::kForbidden, "courses.not_course_teacher",
                               "no right to set weights");
    }
    // The institution's academic policy bounds every course's override.
    if (auto ok = gradebook::CheckWeights({weights.current, weights.rk1, weights.rk2, weights.exam},
                                          gradebook::Policy{});
        !ok) {
        return ok.error();
    }
    // The journals of the course's groups in its discipline and period take the weights too.
    const auto journal_groups = detail::JournalGroups(change.db, course_id);
    return change.db.Transact([&](db::Session& session) -> core::Status {
        Store(session).SetWeights(course_id, weights);
        detail::PushWeights(session, actor, change, loaded->row, journal_groups, weights);
        detail::RecordChange(session, actor, change, "courses.set_weights", course_id,
                             nlohmann::json{{"current", weights.current},
                                            {"rk1", weights.rk1},
                                            {"rk2", weights.rk2},
                                            {"exam", weights.exam}}
                                 .dump());
        return core::OkStatus();
    });
}

core::Result<Readiness> ReadinessOf(const auth::Principal& actor, db::Database& database,
                                    std::int64_t course_id, core::Instant now) {
    auto loaded = detail::Load(actor, database, course_id);
    if (!loaded) return loaded.error();
    detail::Catalog catalog(database, "kk");
    Calendars calendars(database);
    return ReadinessFor(database, calendars, loaded->row, catalog.Period(loaded->row.period_id).start, now);
}

core::Status SignReadinessAct(const auth::Principal& actor, const Change& change, std::int64_t course_id) {
    auto loaded = detail::Load(actor, change.db, course_id);
    if (!loaded) return loaded.error();
    const detail::Identity who = detail::Identify(actor, change.db);
    std::optional<std::int64_t> signer = who.teacher_id;
    if (actor.system) {
        // The operator records the act of the head of the course's department.
        signer.reset();
        people::ListQuery query;
        query.department_id = loaded->row.department_id;
        query.limit = 500;
        auto heads = loaded->row.department_id
                         ? people::ListTeachers(actor, change.db, query)
                         : core::Result<people::Page<people::Teacher>>(detail::NotFound("no department"));
        for (const auto& t : heads ? heads->items : std::vector<people::Teacher>{}) {
            if (t.position == people::Position::kHeadOfDepartment) signer = t.id.value;
        }
    }
    if (actor.system ? !signer : !loaded->access.sign) {
        return core::MakeError(core::ErrorCode::kForbidden, "courses.not_department_head",
                               "only the head of the course's department signs");
    }
    const Checklist checklist = ChecklistOf(change.db, loaded->row);
    if (!checklist.complete()) {
        // R-O13: the act certifies complete content; an incomplete course cannot be signed.
        core::Verdict verdict;
        verdict.rule = "R-O13";
        verdict.status = core::RuleStatus::kViolated;
        verdict.message_key = "courses.not_ready";
        return core::Refusal(verdict);
    }
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).InsertAct(course_id, actor.user_id, signer.value_or(0), change.now)) {
            return core::MakeError(core::ErrorCode::kConflict, "courses.act_signed_conflict",
                                   "already signed");
        }
        // R-O12: the act's day is the day the content counts as placed.
        detail::RecordChange(session, actor, change, "courses.sign_readiness_act", course_id,
                             nlohmann::json{{"teacher_id", signer.value_or(0)}}.dump());
        return core::OkStatus();
    });
}

core::Result<std::vector<ReadinessRow>> ReadinessDashboard(const auth::Principal& actor,
                                                           db::Database& database,
                                                           std::optional<std::int64_t> period_id,
                                                           core::Instant now, std::string_view lang) {
    if (auth::ScopesWith(actor, kView).empty()) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "no courses:view");
    }
    CourseQuery query;
    query.period_id = period_id;
    std::vector<ReadinessRow> out;
    Calendars calendars(database);
    for (Course& course : ListCourses(actor, database, query, lang)) {
        if (!auth::Allows(actor, kView, CoursePath(course.faculty_id, course.programme_id, course.id))) {
            continue;
        }
        CourseRow row;
        row.id = course.id;
        row.weights = course.weights;
        Readiness readiness = ReadinessFor(database, calendars, row, course.period_start, now);
        out.push_back({std::move(course), std::move(readiness)});
    }
    return out;
}

core::Result<Syllabus> SyllabusOf(const auth::Principal& actor, db::Database& database,
                                  std::int64_t course_id, std::string_view lang) {
    auto course = FindCourse(actor, database, course_id, lang);
    if (!course) return course.error();
    auto structure = StructureOf(actor, database, course_id);
    if (!structure) return structure.error();
    Syllabus out;
    out.weights = course->weights.value_or(InstitutionPolicy().defaults);
    out.weights_default = !course->weights.has_value();
    for (const Week& w : structure->weeks) {
        for (const Element& e : w.elements) {
            (e.synchronous ? out.synchronous_hours : out.asynchronous_hours) += e.hours;
            if (e.kind == ElementKind::kLibrary) out.literature.push_back(e.reference);
        }
    }
    if (course->online) {
        // R-O6: the syllabus of an online discipline shows its synchronous share, at least 20 %.
        out.synchronous_share = distance::CheckSynchronousShare(
            out.synchronous_hours, out.synchronous_hours + out.asynchronous_hours, false);
    } else {
        out.synchronous_share.rule = "R-O6";
        out.synchronous_share.status = core::RuleStatus::kNotApplicable;
        out.synchronous_share.message_key = "courses.ro6_full_time";
    }
    out.course = std::move(*course);
    out.structure = std::move(*structure);
    return out;
}

core::Result<std::int64_t> CopyCourse(const auth::Principal& actor, const Change& change,
                                      std::int64_t course_id, std::string_view period_id) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, false);
    if (!loaded) return loaded.error();
    const auto period = detail::ParseId(period_id);
    if (!period || !academics::FindPeriod(auth::SystemPrincipal(), change.db, academics::PeriodId{*period})) {
        return detail::Invalid("courses.period_invalid", "period_id");
    }
    if (*period == loaded->row.period_id) return detail::Invalid("courses.copy_same_period", "period_id");
    if (loaded->row.online) {
        // R-O16: the copy is taught online by the same teachers: check them again today.
        for (std::int64_t teacher : loaded->teachers) {
            if (auto ok = detail::CheckTeacherForOnline(change.db, teacher, change.now); !ok) {
                return ok.error();
            }
        }
    }
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        Store store(session);
        CourseRow row = loaded->row;
        row.period_id = *period;
        row.copied_from = course_id;
        row.act_signed_at.reset();
        const std::int64_t id = store.InsertCourse(row, actor.user_id, change.now);
        for (std::int64_t teacher : loaded->teachers) store.InsertTeacher(id, teacher, change.now);
        std::map<std::int64_t, std::int64_t> outcomes, weeks;
        for (const Outcome& o : store.Outcomes(course_id)) {
            outcomes[o.id] = store.InsertOutcome(id, o).value_or(0);
        }
        for (const Week& w : store.Weeks(course_id)) {
            weeks[w.id] = store.InsertWeek(id, w.number, w.topic).value_or(0);
        }
        for (Element e : store.Elements(course_id)) {
            e.week_id = weeks[e.week_id];
            for (std::int64_t& o : e.outcome_ids) o = outcomes[o];
            // A session belongs to its date: the copy keeps it for the teacher to reschedule.
            store.InsertElement(id, e, change.now);
        }
        detail::RecordChange(session, actor, change, "courses.copy", id,
                             nlohmann::json{{"from", course_id}, {"period_id", *period}}.dump());
        return id;
    });
}

std::vector<OnlineTeachingRow> ReportOnlineTeaching(db::Database& database) {
    std::vector<CourseRow> rows;
    std::map<std::int64_t, std::vector<std::int64_t>> teachers, groups;
    database.Read([&](db::Session& s) {
        Store store(s);
        rows = store.Courses(std::nullopt);
        for (const CourseRow& r : rows) {
            teachers[r.id] = store.Teachers(r.id);
            for (const auto& [g, kind] : store.Groups(r.id)) groups[r.id].push_back(g);
        }
        return 0;
    });
    std::vector<OnlineTeachingRow> out;
    for (const CourseRow& r : rows) {
        if (!detail::EffectiveOnline(database, r.online, groups[r.id])) continue;
        for (std::int64_t t : teachers[r.id]) out.push_back({r.id, t, r.discipline_id, r.period_id});
    }
    return out;
}

std::vector<ReadinessReportRow> ReportReadiness(db::Database& database, core::Instant now) {
    const auto rows = database.Read([&](db::Session& s) { return Store(s).Courses(std::nullopt); });
    detail::Catalog catalog(database, "kk");
    Calendars calendars(database);
    std::vector<ReadinessReportRow> out;
    for (const CourseRow& r : rows) {
        ReadinessReportRow row;
        row.course_id = r.id;
        row.discipline_id = r.discipline_id;
        row.faculty_id = r.faculty_id;
        row.period_id = r.period_id;
        row.period_start = catalog.Period(r.period_id).start;
        row.act_signed_at = r.act_signed_at;
        if (r.act_signed_at) {
            row.content_placed_on = core::FormatIsoDay(core::KazakhstanDay(*r.act_signed_at));
        }
        Judge(calendars, row.period_start, r.act_signed_at, now, row.deadline, row.placement);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace oqu::courses
