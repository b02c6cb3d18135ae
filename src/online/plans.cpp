// R-O3: the individual study plan and the individual schedule of an online student, approved by
// the dean's office; and the staff list of online students with their R-O7 and R-O3 standing.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
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

constexpr int kMaxListLimit = 200;

std::optional<std::int64_t> Number(std::string_view text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

core::Error Conflict(std::string key) {
    return core::MakeError(core::ErrorCode::kConflict, std::move(key), "refused");
}

// "HH:MM" of a 24-hour day; nullopt otherwise.
std::optional<int> Minutes(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const auto h = Number(text.substr(0, 2));
    const auto m = Number(text.substr(3, 2));
    if (!h || !m || *h < 0 || *h > 23 || *m < 0 || *m > 59) return std::nullopt;
    return static_cast<int>(*h * 60 + *m);
}

// The curriculum the student studies by: the plan's once saved; else his group's admission year,
// or the year his course implies at `now`.
core::Result<academics::Curriculum> CurriculumOf(db::Database& database, std::int64_t student_id,
                                                 std::optional<std::int64_t> saved, core::Instant now) {
    const auto system = auth::SystemPrincipal();
    if (saved) {
        if (auto found = academics::FindCurriculum(system, database, academics::CurriculumId{*saved})) {
            return found;
        }
    }
    auto student = people::FindStudent(system, database, people::StudentId{student_id});
    if (!student) return detail::NotFound("no student");
    const auto today = std::chrono::year_month_day(core::KazakhstanDay(now));
    int admission = static_cast<int>(today.year()) - student->course_year +
                    (static_cast<unsigned>(today.month()) >= 9 ? 1 : 0);
    if (student->group) {
        if (auto group = people::FindGroup(system, database, *student->group)) {
            admission = group->admission_year;
        }
    }
    auto curriculum = academics::CurriculumForIntake(
        system, database, academics::ProgrammeId{student->programme_id}, admission);
    if (!curriculum) return Conflict("online.no_curriculum");
    return curriculum;
}

PlanEntry EntryOf(const academics::Discipline& d) {
    PlanEntry e;
    e.discipline_id = d.id.value;
    e.code = d.code;
    e.name_kk = d.names.kk;
    e.name_ru = d.names.ru;
    e.name_en = d.names.en;
    e.semester = d.semester;
    e.credits = d.credits;
    e.total_hours = d.hours.Total();
    return e;
}

// The plan as stored, joined with the curriculum and the student's MOOCs.
StudyPlan Assemble(std::int64_t student_id, bool online, const academics::Curriculum& curriculum,
                   const std::optional<StoredPlan>& stored, const std::vector<Mooc>& moocs) {
    StudyPlan plan;
    plan.student_id = student_id;
    plan.online = online;
    plan.curriculum_id = curriculum.id.value;
    plan.admission_year = curriculum.admission_year;
    std::map<std::int64_t, std::string> mooc_titles;
    for (const Mooc& m : moocs) {
        if (m.status == "approved") {
            plan.approved_moocs.push_back(m);
            mooc_titles[m.id] = m.title;
        }
    }
    std::map<std::int64_t, std::string> codes;
    plan.complete = true;
    for (const auto& d : curriculum.disciplines) {
        PlanEntry e = EntryOf(d);
        codes[e.discipline_id] = e.code;
        if (stored) {
            const auto it =
                std::find_if(stored->entries.begin(), stored->entries.end(),
                             [&](const StoredEntry& s) { return s.discipline_id == e.discipline_id; });
            if (it != stored->entries.end()) {
                e.set = true;
                e.mode = it->mode;
                e.synchronous_hours = it->synchronous_hours;
                e.mooc_id = it->mooc_id;
                if (it->mooc_id) {
                    e.mooc_title = mooc_titles.count(*it->mooc_id) ? mooc_titles[*it->mooc_id] : "";
                }
            }
        }
        // R-O6: the synchronous share of an online entry; a MOOC entry is not applicable.
        e.synchronous = distance::CheckSynchronousShare(e.synchronous_hours, e.total_hours, e.mode == "mooc");
        plan.complete = plan.complete && e.set;
        plan.entries.push_back(std::move(e));
    }
    std::stable_sort(plan.entries.begin(), plan.entries.end(), [](const PlanEntry& a, const PlanEntry& b) {
        return a.semester != b.semester ? a.semester < b.semester : a.code < b.code;
    });
    if (stored) {
        plan.saved = true;
        plan.approved = stored->approved_at.has_value();
        plan.approved_at = stored->approved_at;
        plan.approver = stored->approver;
        for (ScheduleRow row : stored->schedule) {
            row.code = codes.count(row.discipline_id) ? codes[row.discipline_id] : "";
            plan.schedule.push_back(std::move(row));
        }
    }
    plan.complete = plan.complete && !curriculum.disciplines.empty();
    return plan;
}

// The student for a plan change: online:decide on his scope, and in the online form.
core::Result<detail::StudentInfo> PlanStudent(const auth::Principal& actor, db::Database& database,
                                              std::int64_t student_id) {
    auto info = detail::Student(actor, database, student_id, kDecide);
    if (!info) return info.error();
    // The student himself reads his plan but never changes it.
    if (info->self) return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "own plan");
    if (!info->online) return Conflict("online.not_online_student");
    return info;
}

std::string EntriesJson(const std::vector<StoredEntry>& entries) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries) {
        out.push_back({{"discipline_id", e.discipline_id},
                       {"mode", e.mode},
                       {"synchronous_hours", e.synchronous_hours},
                       {"mooc_id", e.mooc_id ? nlohmann::json(*e.mooc_id) : nlohmann::json(nullptr)}});
    }
    return out.dump();
}

}  // namespace

core::Result<StudyPlan> StudyPlanOf(const auth::Principal& actor, db::Database& database,
                                    std::int64_t student_id, core::Instant now) {
    auto info = detail::Student(actor, database, student_id, kViewRecords);
    if (!info) return info.error();
    auto stored = database.Read([&](db::Session& s) { return Store(s).FindPlan(student_id); });
    auto curriculum =
        CurriculumOf(database, student_id, stored ? std::optional(stored->curriculum_id) : std::nullopt, now);
    if (!curriculum && curriculum.error().code != core::ErrorCode::kConflict) return curriculum.error();
    auto moocs = database.Read([&](db::Session& s) { return Store(s).Moocs(student_id); });
    // Without a curriculum the plan has nothing to list (has_curriculum false); saving it is refused.
    StudyPlan plan =
        Assemble(student_id, info->online, curriculum ? *curriculum : academics::Curriculum{}, stored, moocs);
    plan.has_curriculum = curriculum.has_value();
    return plan;
}

core::Status SavePlan(const auth::Principal& actor, const Change& change, std::int64_t student_id,
                      const std::vector<PlanEntryDraft>& drafts) {
    auto info = PlanStudent(actor, change.db, student_id);
    if (!info) return info.error();
    auto before = change.db.Read([&](db::Session& s) { return Store(s).FindPlan(student_id); });
    auto curriculum = CurriculumOf(change.db, student_id,
                                   before ? std::optional(before->curriculum_id) : std::nullopt, change.now);
    if (!curriculum) return curriculum.error();
    auto moocs = change.db.Read([&](db::Session& s) { return Store(s).Moocs(student_id); });
    std::set<std::int64_t> approved_moocs;
    for (const Mooc& m : moocs) {
        if (m.status == "approved") approved_moocs.insert(m.id);
    }
    std::map<std::int64_t, const academics::Discipline*> disciplines;
    for (const auto& d : curriculum->disciplines) disciplines[d.id.value] = &d;
    std::vector<StoredEntry> entries;
    std::set<std::int64_t> seen;
    for (const auto& draft : drafts) {
        const auto id = Number(draft.discipline_id);
        if (!id || !disciplines.count(*id) || !seen.insert(*id).second) {
            return detail::Invalid("online.plan_discipline_invalid", "discipline_id");
        }
        const academics::Discipline& d = *disciplines[*id];
        StoredEntry e;
        e.discipline_id = *id;
        e.mode = draft.mode;
        if (draft.mode == "mooc") {
            const auto mooc = Number(draft.mooc_id);
            if (!mooc || !approved_moocs.count(*mooc)) {
                return detail::Invalid("online.plan_mooc_invalid", "mooc_" + std::to_string(*id));
            }
            e.mooc_id = *mooc;
        } else if (draft.mode == "online") {
            const auto hours = Number(draft.synchronous_hours);
            if (!hours || *hours < 0 || *hours > d.hours.Total()) {
                return detail::Invalid("online.plan_hours_invalid", "synchronous_" + std::to_string(*id));
            }
            e.synchronous_hours = static_cast<int>(*hours);
            // R-O6: synchronous classes at least 20 % of an online discipline's volume.
            const auto verdict = distance::CheckSynchronousShare(e.synchronous_hours, d.hours.Total(), false);
            if (verdict.violated()) {
                auto refusal = core::Refusal(verdict);
                refusal.message_key = "online.plan_ro6_short";
                refusal.args.emplace_back("code", d.code);
                return refusal;
            }
        } else {
            return detail::Invalid("online.plan_mode_invalid", "mode_" + std::to_string(*id));
        }
        entries.push_back(e);
    }
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        const auto old = store.FindPlan(student_id);
        store.SavePlan(info->scope, curriculum->id.value, entries, change.now);
        detail::RecordChange(s, actor, change, "online.save_plan", "student", student_id,
                             nlohmann::json{{"before", old ? nlohmann::json::parse(EntriesJson(old->entries))
                                                           : nlohmann::json(nullptr)},
                                            {"after", nlohmann::json::parse(EntriesJson(entries))},
                                            {"approval_cleared", old && old->approved_at.has_value()}}
                                 .dump());
        return core::OkStatus();
    });
}

core::Result<std::int64_t> AddScheduleRow(const auth::Principal& actor, const Change& change,
                                          std::int64_t student_id, const ScheduleDraft& draft) {
    auto info = PlanStudent(actor, change.db, student_id);
    if (!info) return info.error();
    auto plan = change.db.Read([&](db::Session& s) { return Store(s).FindPlan(student_id); });
    if (!plan) return Conflict("online.plan_not_saved");
    ScheduleRow row;
    const auto discipline = Number(draft.discipline_id);
    if (!discipline || std::none_of(plan->entries.begin(), plan->entries.end(),
                                    [&](const StoredEntry& e) { return e.discipline_id == *discipline; })) {
        return detail::Invalid("online.schedule_discipline_invalid", "discipline_id");
    }
    row.discipline_id = *discipline;
    const auto weekday = Number(draft.weekday);
    if (!weekday || *weekday < 1 || *weekday > 7) {
        return detail::Invalid("online.schedule_weekday_invalid", "weekday");
    }
    row.weekday = static_cast<int>(*weekday);
    const auto start = Minutes(draft.start_time);
    const auto end = Minutes(draft.end_time);
    if (!start) return detail::Invalid("online.schedule_time_invalid", "start_time");
    if (!end || *end <= *start) return detail::Invalid("online.schedule_end_invalid", "end_time");
    row.start_time = draft.start_time;
    row.end_time = draft.end_time;
    if (draft.format != "synchronous" && draft.format != "asynchronous") {
        return detail::Invalid("online.schedule_format_invalid", "format");
    }
    row.format = draft.format;
    return change.db.Transact([&](db::Session& s) -> core::Result<std::int64_t> {
        Store store(s);
        const bool was_approved = store.FindPlan(student_id)->approved_at.has_value();
        const std::int64_t id = store.InsertScheduleRow(student_id, row, change.now);
        detail::RecordChange(s, actor, change, "online.add_schedule_row", "student", student_id,
                             nlohmann::json{{"row", id},
                                            {"discipline_id", row.discipline_id},
                                            {"weekday", row.weekday},
                                            {"start_time", row.start_time},
                                            {"end_time", row.end_time},
                                            {"format", row.format},
                                            {"approval_cleared", was_approved}}
                                 .dump());
        return id;
    });
}

core::Status RemoveScheduleRow(const auth::Principal& actor, const Change& change, std::int64_t student_id,
                               std::int64_t row_id) {
    auto info = PlanStudent(actor, change.db, student_id);
    if (!info) return info.error();
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        const auto plan = store.FindPlan(student_id);
        if (!plan || !store.DeleteScheduleRow(student_id, row_id, change.now)) {
            return detail::NotFound("no schedule row " + std::to_string(row_id));
        }
        detail::RecordChange(
            s, actor, change, "online.remove_schedule_row", "student", student_id,
            nlohmann::json{{"row", row_id}, {"approval_cleared", plan->approved_at.has_value()}}.dump());
        return core::OkStatus();
    });
}

core::Status ApprovePlan(const auth::Principal& actor, const Change& change, std::int64_t student_id) {
    auto info = PlanStudent(actor, change.db, student_id);
    if (!info) return info.error();
    auto plan = StudyPlanOf(actor, change.db, student_id, change.now);
    if (!plan) return plan.error();
    if (!plan->saved || !plan->complete) return Conflict("online.plan_incomplete");
    if (plan->schedule.empty()) return Conflict("online.schedule_missing");
    if (plan->approved) return Conflict("online.plan_already_approved");
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        if (!store.ApprovePlan(student_id, actor.user_id, actor.login, change.now)) {
            return Conflict("online.plan_already_approved");
        }
        detail::RecordChange(s, actor, change, "online.approve_plan", "student", student_id,
                             nlohmann::json{{"curriculum_id", plan->curriculum_id},
                                            {"entries", plan->entries.size()},
                                            {"schedule_rows", plan->schedule.size()}}
                                 .dump());
        return core::OkStatus();
    });
}

core::Result<OnlineStudentPage> ListOnlineStudents(const auth::Principal& actor, db::Database& database,
                                                   const OnlineStudentQuery& query) {
    if (auth::ScopesWith(actor, kViewRecords).empty()) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "no online:view_records");
    }
    // People lists what people:view shows; only the grants that carry online:view_records count
    // here, so that the list and its total follow this module's scopes.
    auth::Principal narrowed = actor;
    narrowed.grants.clear();
    for (const auto& grant : actor.grants) {
        if (kViewRecords.roles.Has(grant.role)) narrowed.grants.push_back(grant);
    }
    people::StudentQuery q;
    q.programme_id = query.programme_id;
    if (query.group_id) q.group = people::GroupId{*query.group_id};
    q.form = people::StudyForm::kOnline;
    q.offset = std::max(0, query.offset);
    q.limit = std::clamp(query.limit, 1, kMaxListLimit);
    auto page = people::ListStudents(narrowed, database, q);
    if (!page) return page.error();
    const auto approved = ReportApprovedPlans(database);
    const std::set<std::int64_t> approved_set(approved.begin(), approved.end());
    const auto saved = database.Read([](db::Session& s) { return Store(s).PlannedStudents(); });
    const std::set<std::int64_t> saved_set(saved.begin(), saved.end());
    OnlineStudentPage out;
    out.total = page->total;
    for (const auto& st : page->items) {
        OnlineStudentRow row;
        row.student_id = st.id.value;
        row.name = st.name.surname + " " + st.name.given_name +
                   (st.name.patronymic.empty() ? "" : " " + st.name.patronymic);
        row.student_number = st.student_number;
        row.programme_id = st.programme_id;
        row.programme_code = st.programme_code;
        row.group_code = st.group_code;
        row.course_year = st.course_year;
        row.consented = HasAcceptedConsents(database, st.id.value);
        row.plan = approved_set.count(st.id.value) ? "approved"
                   : saved_set.count(st.id.value)  ? "draft"
                                                   : "none";
        out.items.push_back(std::move(row));
    }
    return out;
}

std::vector<std::int64_t> ReportApprovedPlans(db::Database& database) {
    return database.Read([](db::Session& s) { return Store(s).ApprovedPlans(); });
}

}  // namespace oqu::online
