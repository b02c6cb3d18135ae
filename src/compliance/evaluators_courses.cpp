#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "compliance/evaluators.hpp"
#include "courses/api.hpp"
#include "online/api.hpp"
#include "platform/web/language.hpp"

// The evaluators that read courses: who teaches in the online form (R-O16) and when the content
// was placed (R-O12).
namespace oqu::compliance::detail {

namespace {

/// The course as the reader may see it, within the drill-down; nullopt otherwise.
std::optional<courses::Course> VisibleCourse(const Context& c,
                                             const std::map<std::int64_t, academics::Programme>& programmes,
                                             std::int64_t course_id) {
    auto course = courses::FindCourse(c.actor, c.db, course_id, platform::web::LanguageTag(c.lang));
    if (!course || !programmes.contains(course->programme_id)) return std::nullopt;
    return std::move(course).value();
}

std::string CourseSubject(const courses::Course& course) {
    return fmt::format("{} {} ({}, {})", course.discipline_code, course.discipline_name,
                       course.programme_code, course.period_year);
}

}  // namespace

// R-O16: every teacher of a course taught in the online form has at least 72 hours of IT and
// online-teaching professional development in the last 3 years.
core::Status EvaluateOnlineTeachers(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    std::map<std::int64_t, std::optional<courses::Course>> seen_courses;
    std::map<std::int64_t, std::optional<online::QualificationStanding>> standings;
    std::set<std::int64_t> teachers;
    for (const auto& row : courses::ReportOnlineTeaching(c.db)) {
        auto [course, fresh] = seen_courses.try_emplace(row.course_id);
        if (fresh) course->second = VisibleCourse(c, *programmes, row.course_id);
        if (!course->second) continue;
        auto [standing, new_teacher] = standings.try_emplace(row.teacher_id);
        if (new_teacher) {
            auto read = online::QualificationOf(c.actor, c.db, row.teacher_id, c.now);
            if (read) standing->second = std::move(read).value();
        }
        if (!standing->second) continue;  // a teacher the reader may not see
        teachers.insert(row.teacher_id);
        const auto& verdict = standing->second->verdict;
        if (!verdict.violated()) continue;
        std::string name;
        for (const auto& t : course->second->teachers) {
            if (t.teacher_id == row.teacher_id) name = t.name;
        }
        r.violations.push_back(
            {.subject = fmt::format("{} — {}", name.empty() ? fmt::format("#{}", row.teacher_id) : name,
                                    CourseSubject(*course->second)),
             .detail = c.Text(verdict.message_key, verdict.args),
             .link = fmt::format("/online/teachers/{}", row.teacher_id)});
    }
    r.status = teachers.empty()       ? Status::kNotApplicable
               : r.violations.empty() ? Status::kMet
                                      : Status::kViolated;
    r.summary = c.Text("compliance.ro16_summary", {{"count", std::to_string(teachers.size())},
                                                   {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

// R-O12: the content of every course is placed (its readiness act signed) at least 5 working days
// before its academic period starts. A course not yet due is counted, not a violation.
core::Status EvaluateContentPlacement(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    std::set<std::int64_t> faculties;
    for (const auto& [id, p] : *programmes) faculties.insert(p.faculty_id.value);
    std::int64_t checked = 0;
    std::int64_t pending = 0;
    for (const auto& row : courses::ReportReadiness(c.db, c.now)) {
        if (!faculties.contains(row.faculty_id)) continue;
        std::optional<courses::Course> course;
        if (c.scope.programme_id || row.placement.violated()) {
            course = VisibleCourse(c, *programmes, row.course_id);
            if (!course) continue;
        }
        ++checked;
        if (row.placement.status == core::RuleStatus::kNotApplicable) ++pending;
        if (!row.placement.violated()) continue;
        r.violations.push_back({.subject = CourseSubject(*course),
                                .detail = c.Text(row.placement.message_key, row.placement.args),
                                .link = fmt::format("/courses/{}", row.course_id)});
    }
    r.status = StatusOf(checked, r);
    r.summary = c.Text("compliance.ro12_summary", {{"count", std::to_string(checked)},
                                                   {"pending", std::to_string(pending)},
                                                   {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

}  // namespace oqu::compliance::detail
