#include <set>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "compliance/evaluators.hpp"
#include "core/verdict.hpp"
#include "distance/api.hpp"
#include "online/api.hpp"
#include "people/api.hpp"

namespace oqu::compliance::detail {

namespace {

distance::OnlineForm OnlineFormOf(academics::OnlineForm form) {
    switch (form) {
        case academics::OnlineForm::kAllowed:
            return distance::OnlineForm::kAllowed;
        case academics::OnlineForm::kForbidden:
            return distance::OnlineForm::kForbidden;
        case academics::OnlineForm::kUnknown:
            break;
    }
    return distance::OnlineForm::kUnknown;
}

people::ProgrammeLevel LevelOf(academics::Level level) {
    switch (level) {
        case academics::Level::kBachelor:
            return people::ProgrammeLevel::kBachelor;
        case academics::Level::kMaster:
            return people::ProgrammeLevel::kMaster;
        case academics::Level::kDoctorate:
            return people::ProgrammeLevel::kDoctorate;
        case academics::Level::kResidency:
            return people::ProgrammeLevel::kResidency;
    }
    return people::ProgrammeLevel::kBachelor;
}

}  // namespace

core::Result<std::map<std::int64_t, academics::Programme>> Programmes(const Context& c) {
    std::map<std::int64_t, academics::Programme> out;
    academics::PageRequest page{.after = 0, .limit = 500};
    const auto faculty =
        c.scope.faculty_id ? std::optional(academics::FacultyId{*c.scope.faculty_id}) : std::nullopt;
    for (;;) {
        auto batch = academics::ListProgrammes(c.actor, c.db, faculty, page);
        if (!batch) return batch.error();
        for (auto& p : batch.value()) {
            page.after = p.id.value;
            if (!c.scope.programme_id || *c.scope.programme_id == p.id.value) {
                out.emplace(p.id.value, std::move(p));
            }
        }
        if (batch.value().size() < static_cast<std::size_t>(page.limit)) break;
    }
    return out;
}

core::Status ForEachOnlineStudent(
    const Context& c, const std::map<std::int64_t, academics::Programme>& programmes,
    const std::function<void(const people::Student&, const academics::Programme&)>& fn) {
    if (!c.online_students) {
        std::vector<people::Student> all;
        people::StudentQuery query;
        query.form = people::StudyForm::kOnline;
        query.status = people::StudentStatus::kActive;
        query.programme_id = c.scope.programme_id;
        query.limit = 500;
        for (query.offset = 0;; query.offset += query.limit) {
            auto page = people::ListStudents(c.actor, c.db, query);
            if (!page) return page.error();
            all.insert(all.end(), page->items.begin(), page->items.end());
            if (page->items.size() < static_cast<std::size_t>(query.limit)) break;
        }
        c.online_students = std::move(all);
    }
    for (const auto& s : *c.online_students) {
        const auto p = programmes.find(s.programme_id);
        if (p != programmes.end()) fn(s, p->second);  // else another faculty than the drill-down's
    }
    return core::OkStatus();
}

std::string StudentSubject(const people::Student& s, const std::string& programme_code) {
    return fmt::format("{} ({}{}{})", people::DisplayName(s.name), programme_code,
                       s.group_code.empty() ? "" : ", ", s.group_code);
}

std::string StudentSubject(const Context& c, std::int64_t student_id, const std::string& programme_code) {
    auto s = people::FindStudent(c.actor, c.db, people::StudentId{student_id});
    return s ? StudentSubject(*s, programme_code) : fmt::format("#{} ({})", student_id, programme_code);
}

Status StatusOf(std::int64_t checked, const RuleResult& r) {
    return checked == 0 ? Status::kNotApplicable : r.violations.empty() ? Status::kMet : Status::kViolated;
}

// R-O2: every active online student's programme belongs to a direction where the online form
// is allowed (and confirmed as such).
core::Status EvaluateOnlineForm(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    std::int64_t checked = 0;
    auto read =
        ForEachOnlineStudent(c, *programmes, [&](const people::Student& s, const academics::Programme& p) {
            ++checked;
            const auto verdict = distance::CheckOnlineFormAllowed(OnlineFormOf(p.online_form));
            if (!verdict.violated()) return;
            auto args = verdict.args;
            args.emplace_back("programme", p.code);
            args.emplace_back("direction", p.direction_code);
            r.violations.push_back({.subject = StudentSubject(s, p.code),
                                    .detail = c.Text(verdict.message_key, args),
                                    .link = fmt::format("/people/students/{}", s.id.value)});
        });
    if (!read) return read;
    r.status = StatusOf(checked, r);
    r.summary = c.Text("compliance.ro2_summary", {{"count", std::to_string(checked)},
                                                  {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

// R-O14: an online student masters at least 10 % of the programme's credits through MOOCs. The
// share is owed by graduation, so students of the final course year are held to it; the others
// are counted in the summary.
core::Status EvaluateMoocShare(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    std::map<std::int64_t, int> credits;
    for (const auto& row : online::ReportMoocCredits(c.db)) credits[row.student_id] = row.credits;
    std::int64_t final_year = 0;
    std::int64_t earlier = 0;
    auto read =
        ForEachOnlineStudent(c, *programmes, [&](const people::Student& s, const academics::Programme& p) {
            if (s.course_year < people::MaxCourseYear(LevelOf(p.level), p.credits)) {
                ++earlier;
                return;
            }
            ++final_year;
            const auto found = credits.find(s.id.value);
            const auto verdict =
                distance::CheckMoocCredits(found == credits.end() ? 0 : found->second, p.credits);
            if (!verdict.violated()) return;
            r.violations.push_back({.subject = StudentSubject(s, p.code),
                                    .detail = c.Text(verdict.message_key, verdict.args),
                                    .link = fmt::format("/online/students/{}", s.id.value)});
        });
    if (!read) return read;
    r.status = StatusOf(final_year, r);
    r.summary = c.Text("compliance.ro14_summary", {{"count", std::to_string(final_year)},
                                                   {"earlier", std::to_string(earlier)},
                                                   {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

// R-O3: every active online student has an individual study plan and an individual schedule,
// approved and unchanged since.
core::Status EvaluateOnlinePlans(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    const auto approved_ids = online::ReportApprovedPlans(c.db);
    const std::set<std::int64_t> approved(approved_ids.begin(), approved_ids.end());
    const std::string missing = c.Text("compliance.ro3_missing", {});  // the same for every student
    std::int64_t checked = 0;
    auto read =
        ForEachOnlineStudent(c, *programmes, [&](const people::Student& s, const academics::Programme& p) {
            ++checked;
            if (approved.contains(s.id.value)) return;
            r.violations.push_back({.subject = StudentSubject(s, p.code),
                                    .detail = missing,
                                    .link = fmt::format("/online/students/{}", s.id.value)});
        });
    if (!read) return read;
    r.status = StatusOf(checked, r);
    r.summary = c.Text("compliance.ro3_summary", {{"count", std::to_string(checked)},
                                                  {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

// R-O25: every approved transfer between the full-time and online forms took effect during
// holidays and was paid.
core::Status EvaluateFormTransfers(const Context& c, RuleResult& r) {
    auto programmes = Programmes(c);
    if (!programmes) return programmes.error();
    const auto breaks = online::ReportBreaks(c.db);
    std::int64_t checked = 0;
    for (const auto& t : online::ReportTransfers(c.db)) {
        if (t.status != "approved") continue;
        // Only the students the reader may see, within the drill-down.
        auto s = people::FindStudent(c.actor, c.db, people::StudentId{t.student_id});
        if (!s) continue;
        const auto p = programmes->find(s->programme_id);
        if (p == programmes->end()) continue;
        ++checked;
        const auto day = core::ParseIsoDay(t.effective_on);
        const auto verdict = distance::CheckFormTransfer(day.value_or(core::Day{}), breaks, t.paid);
        if (!verdict.violated()) continue;
        r.violations.push_back({.subject = StudentSubject(*s, p->second.code),
                                .detail = c.Text(verdict.message_key, verdict.args),
                                .link = fmt::format("/online/students/{}", t.student_id)});
    }
    r.status = StatusOf(checked, r);
    r.summary = c.Text("compliance.ro25_summary", {{"count", std::to_string(checked)},
                                                   {"violations", std::to_string(r.violations.size())}});
    return core::OkStatus();
}

}  // namespace oqu::compliance::detail
