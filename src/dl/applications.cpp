#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "academics/api.hpp"
#include "distance/api.hpp"
#include "dl/api.hpp"
#include "dl/permissions.hpp"
#include "dl/store.hpp"
#include "dl/support.hpp"
#include "people/api.hpp"
#include "platform/db/database.hpp"

namespace oqu::dl {

namespace auth = platform::auth;
namespace db = platform::db;
using nlohmann::json;

namespace {

core::Error Conflict(const char* key) {
    return core::MakeError(core::ErrorCode::kConflict, key, key);
}

core::Error Invalid(const char* key) {
    return core::MakeError(core::ErrorCode::kInvalidInput, key, key);
}

// Reference data (the student's record, programme and curriculum) is read with the system's
// authority once the caller's right to the application is established: a student may not browse
// the academic structure, yet his own curriculum is what he applies against.
const auth::Principal& System() {
    static const auth::Principal system = auth::SystemPrincipal();
    return system;
}

core::Result<people::Student> StudentOfUser(db::Database& database, std::int64_t user_id) {
    auto student = people::FindStudentByUser(System(), database, user_id);
    if (!student) {
        return core::MakeError(core::ErrorCode::kNotFound, "dl.no_student_record",
                               "no student of the account");
    }
    return student;
}

// The curriculum the student studies by: his group's admission year, else the year his course
// implies; the programme's newest curriculum not after it when none matches exactly.
core::Result<academics::Curriculum> CurriculumOf(db::Database& database, const people::Student& student,
                                                 core::Instant now) {
    const auto today = std::chrono::year_month_day(core::KazakhstanDay(now));
    int admission = static_cast<int>(today.year()) - student.course_year +
                    (static_cast<unsigned>(today.month()) >= 9 ? 1 : 0);
    if (student.group) {
        if (auto group = people::FindGroup(System(), database, *student.group)) {
            admission = group->admission_year;
        }
    }
    auto curriculum = academics::CurriculumForIntake(System(), database,
                                                     academics::ProgrammeId{student.programme_id}, admission);
    if (!curriculum) {
        return Conflict("dl.no_curriculum");
    }
    return curriculum;
}

bool IsOwn(const auth::Principal& actor, const Application& a) {
    return !actor.system && actor.user_id != 0 && a.user_id == actor.user_id &&
           static_cast<bool>(detail::RequireSomewhere(actor, kApply));
}

// The application if the caller may see it: his own, or one in his dl:view_applications scopes.
core::Result<Application> Visible(const auth::Principal& actor, Store& store, std::int64_t id) {
    auto a = store.FindApplication(id);
    if (!a) {
        return detail::NotFound("no application " + std::to_string(id));
    }
    if (IsOwn(actor, *a)) {
        return *a;
    }
    if (auto ok = auth::Require(actor, kViewApplications, StudentPath(a->faculty_id, a->programme_id)); !ok) {
        return detail::NotFound("application " + std::to_string(id) + " not visible");
    }
    return *a;
}

void ComputeState(Application& a, core::Instant now) {
    a.state = StateOf(a.stage, a.grant_start, a.grant_end, core::KazakhstanDay(now));
}

distance::DlLimit LimitOf(academics::DlRegime regime) {
    switch (regime) {
        case academics::DlRegime::kForbidden:
            return distance::DlLimit::kForbidden;
        case academics::DlRegime::kLimit20:
            return distance::DlLimit::kLimit20;
        case academics::DlRegime::kLimit50:
            return distance::DlLimit::kLimit50;
        case academics::DlRegime::kMixed:
            // A group row never has a mixed regime (academics refuses it); should one slip through,
            // the stricter limit applies rather than the laxer one.
            return distance::DlLimit::kLimit20;
    }
    return distance::DlLimit::kLimit20;
}

std::string Iso(const std::optional<core::Day>& day) {
    return day ? core::FormatIsoDay(*day) : std::string{};
}

}  // namespace

core::Result<std::vector<Application>> ListApplications(const auth::Principal& actor, db::Database& database,
                                                        const ApplicationQuery& query, core::Instant now) {
    ScopeFilter scope = detail::FilterFor(actor, kViewApplications);
    const bool nothing = !scope.all && scope.faculties.empty() && scope.programmes.empty();
    if (query.mine || nothing) {
        if (auto ok = detail::RequireSomewhere(actor, kApply); !ok) {
            return ok.error();
        }
        scope = ScopeFilter{};
        scope.user_id = actor.user_id;
    }
    auto list = database.Read([&](db::Session& s) { return Store(s).ListApplications(scope, query); });
    for (auto& a : list) {
        ComputeState(a, now);
    }
    return list;
}

core::Result<Application> FindApplication(const auth::Principal& actor, db::Database& database,
                                          std::int64_t id, core::Instant now) {
    return database.Read([&](db::Session& s) -> core::Result<Application> {
        Store store(s);
        auto a = Visible(actor, store, id);
        if (!a) {
            return a.error();
        }
        a->plan = store.PlanRows(id);
        ComputeState(*a, now);
        return a;
    });
}

core::Result<std::vector<Choice>> ChoicesOf(const auth::Principal& actor, db::Database& database) {
    if (auto ok = detail::RequireSomewhere(actor, kApply); !ok) {
        return ok.error();
    }
    auto student = StudentOfUser(database, actor.user_id);
    if (!student) {
        return student.error();
    }
    // The curriculum of the student's admission, whatever the day: `now` only breaks a tie.
    auto curriculum = CurriculumOf(database, *student, core::FromMicros(0));
    if (!curriculum) {
        return curriculum.error();
    }
    const auto listed = database.Read([&](db::Session& s) { return Store(s).Listed(std::nullopt); });
    std::set<std::int64_t> on_list;
    for (const auto& l : listed) {
        on_list.insert(l.discipline_id);
    }
    std::vector<Choice> out;
    for (const auto& d : curriculum->disciplines) {
        out.push_back({{d.id.value, d.code, d.names.kk, d.names.ru, d.names.en},
                       d.semester,
                       on_list.count(d.id.value) > 0});
    }
    return out;
}

core::Result<std::int64_t> Apply(const auth::Principal& actor, const Change& change,
                                 const ApplicationDraft& draft) {
    if (auto ok = detail::RequireSomewhere(actor, kApply); !ok) {
        return ok.error();
    }
    auto student = StudentOfUser(change.db, actor.user_id);
    if (!student) {
        return student.error();
    }
    if (student->status != people::StudentStatus::kActive) {
        return Conflict("dl.student_not_active");
    }
    auto spec = CheckApplication(draft);
    if (!spec) {
        return spec.error();
    }
    auto curriculum = CurriculumOf(change.db, *student, change.now);
    if (!curriculum) {
        return curriculum.error();
    }
    Application a;
    a.student_id = student->id.value;
    a.user_id = actor.user_id;
    a.student_name = people::DisplayName(student->name);
    a.programme_id = student->programme_id;
    a.faculty_id = student->faculty_id;
    a.category = spec->category;
    a.stage = Stage::kSubmitted;
    a.period_start = spec->period_start;
    a.period_end = spec->period_end;
    a.mcc_number = spec->mcc_number;
    a.mcc_date = spec->mcc_date;
    a.document_sha = spec->document_sha;
    a.document_name = spec->document_name;
    a.statement = spec->statement;
    for (const std::int64_t id : spec->discipline_ids) {
        const auto it = std::find_if(curriculum->disciplines.begin(), curriculum->disciplines.end(),
                                     [&](const academics::Discipline& d) { return d.id.value == id; });
        if (it == curriculum->disciplines.end()) {
            return Invalid("dl.discipline_not_in_curriculum");
        }
        a.disciplines.push_back({id, it->code, it->names.kk, it->names.ru, it->names.en});
    }
    return change.db.Transact([&](db::Session& s) -> core::Result<std::int64_t> {
        Store store(s);
        // One undecided request per student and period: a second one overlapping it would be
        // decided twice (and counted twice against R-D7).
        if (const auto pending = store.PendingOverlap(a.student_id, a.period_start, a.period_end)) {
            core::Error error = Conflict("dl.pending_overlap");
            error.args = {{"id", std::to_string(std::get<0>(*pending))},
                          {"start", academics::DisplayDate(core::FormatIsoDay(std::get<1>(*pending)))},
                          {"end", academics::DisplayDate(core::FormatIsoDay(std::get<2>(*pending)))}};
            return error;
        }
        if (a.category == Category::kListed) {
            // R-D1 (3), R-D5: only disciplines on the list approved by the rector's order.
            for (const auto& d : a.disciplines) {
                if (!store.IsListed(d.id)) {
                    core::Error error = Invalid("dl.discipline_not_listed");
                    error.requirement = "R-D5";
                    error.args = {{"code", d.code}};
                    return error;
                }
            }
        }
        const std::int64_t id = store.InsertApplication(a, change.now);
        json ids = json::array();
        for (const auto& d : a.disciplines) {
            ids.push_back(d.id);
        }
        detail::RecordChange(
            s, actor, change, "dl.apply", "dl_application", id,
            json{{"student_id", a.student_id},
                 {"category", CategoryName(a.category)},
                 {"period", {core::FormatIsoDay(a.period_start), core::FormatIsoDay(a.period_end)}},
                 {"disciplines", ids}}
                .dump());
        return id;
    });
}

core::Status Withdraw(const auth::Principal& actor, const Change& change, std::int64_t id) {
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto a = Visible(actor, store, id);
        if (!a) {
            return a.error();
        }
        if (!IsOwn(actor, *a)) {
            return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not the applicant");
        }
        if (!Undecided(a->stage)) {
            return Conflict("dl.already_decided");
        }
        a->stage = Stage::kWithdrawn;
        store.UpdateApplication(*a, change.now);
        detail::RecordChange(s, actor, change, "dl.withdraw", "dl_application", id, "{}");
        return core::OkStatus();
    });
}

core::Status Review(const auth::Principal& actor, const Change& change, std::int64_t id,
                    std::optional<bool> recommend, const std::string& comment) {
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto a = Visible(actor, store, id);
        if (!a) {
            return a.error();
        }
        if (auto ok = auth::Require(actor, kReview, StudentPath(a->faculty_id, a->programme_id)); !ok) {
            return ok.error();
        }
        if (!recommend) {
            return Invalid("dl.recommend_required");
        }
        if (comment.size() > kMaxText) {
            return Invalid("dl.text_too_long");
        }
        if (a->stage != Stage::kSubmitted) {
            return Conflict("dl.not_submitted");
        }
        a->stage = Stage::kReviewed;
        a->recommended = recommend;
        a->review_comment = comment;
        a->reviewer = actor.login;
        store.UpdateApplication(*a, change.now);
        detail::RecordChange(s, actor, change, "dl.review", "dl_application", id,
                             json{{"recommended", *recommend}, {"comment", comment}}.dump());
        return core::OkStatus();
    });
}

core::Status Decide(const auth::Principal& actor, const Change& change, std::int64_t id,
                    const DecisionDraft& draft) {
    // The caller's right first, so that nothing about the student is read for a stranger.
    auto seen = change.db.Read([&](db::Session& s) -> core::Result<Application> {
        Store store(s);
        return Visible(actor, store, id);
    });
    if (!seen) {
        return seen.error();
    }
    if (auto ok = auth::Require(actor, kDecide, StudentPath(seen->faculty_id, seen->programme_id)); !ok) {
        return ok.error();
    }
    auto spec = CheckDecision(draft, seen->period_start, seen->period_end);
    if (!spec) {
        return spec.error();
    }
    // R-D7: the direction's regime and the student's whole curriculum, read before the write.
    distance::DlShare share;
    academics::Programme programme;
    if (spec->approve) {
        auto p = academics::FindProgramme(System(), change.db, academics::ProgrammeId{seen->programme_id});
        if (!p) {
            return p.error();
        }
        programme = *p;
        auto student = people::FindStudent(System(), change.db, people::StudentId{seen->student_id});
        if (!student) {
            return student.error();
        }
        auto curriculum = CurriculumOf(change.db, *student, change.now);
        share.limit = LimitOf(programme.dl_regime);
        share.total_disciplines = curriculum ? static_cast<int>(curriculum->disciplines.size()) : 0;
        share.art_37_2 = !spec->art_37_2_number.empty();
    }
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto a = store.FindApplication(id);
        if (!a) {
            return detail::NotFound("application gone");
        }
        if (a->stage == Stage::kSubmitted) {
            return Conflict("dl.not_reviewed");
        }
        if (a->stage != Stage::kReviewed) {
            return Conflict("dl.already_decided");
        }
        json detail_json{{"outcome", spec->approve ? "approve" : "refuse"}, {"comment", spec->comment}};
        if (spec->approve) {
            // R-D7: every discipline already granted to the student (any decision, any period)
            // plus those this decision adds, against the curriculum of the whole period of study.
            const auto granted = store.GrantedDisciplines(a->student_id);
            int proposed = 0;
            for (const auto& d : a->disciplines) {
                if (!std::binary_search(granted.begin(), granted.end(), d.id)) {
                    ++proposed;
                }
            }
            share.approved = static_cast<int>(granted.size());
            share.proposed = proposed;
            const core::Verdict verdict = distance::CheckDlShare(share);
            if (verdict.violated()) {
                core::Error error = core::Refusal(verdict);
                // The same numbers, prefixed with the direction so the dean's office sees which limit.
                error.message_key = "dl." + verdict.message_key.substr(verdict.message_key.find('.') + 1);
                error.args.emplace_back("direction", programme.direction_code);
                error.args.emplace_back("direction_kk", programme.direction_names.kk);
                error.args.emplace_back("direction_ru", programme.direction_names.ru);
                error.args.emplace_back("direction_en", programme.direction_names.en);
                error.args.emplace_back("application", std::to_string(id));
                return error;
            }
            a->stage = Stage::kApproved;
            a->grant_start = spec->grant_start;
            a->grant_end = spec->grant_end;
            a->art_37_2_number = spec->art_37_2_number;
            a->art_37_2_date = spec->art_37_2_date;
            detail_json["grant"] = {core::FormatIsoDay(spec->grant_start),
                                    core::FormatIsoDay(spec->grant_end)};
            detail_json["rd7"] = {{"count", verdict.Arg("count")},
                                  {"total", verdict.Arg("total")},
                                  {"limit", verdict.Arg("limit")}};
            if (share.art_37_2) {
                detail_json["art_37_2"] = {spec->art_37_2_number, Iso(spec->art_37_2_date)};
            }
        } else {
            a->stage = Stage::kRefused;
        }
        a->decision_comment = spec->comment;
        a->decider = actor.login;
        store.UpdateApplication(*a, change.now);
        detail::RecordChange(s, actor, change, spec->approve ? "dl.approve" : "dl.refuse", "dl_application",
                             id, detail_json.dump());
        return core::OkStatus();
    });
}

core::Result<std::int64_t> AddPlanRow(const auth::Principal& actor, const Change& change,
                                      std::int64_t application_id, const PlanRowDraft& draft) {
    return change.db.Transact([&](db::Session& s) -> core::Result<std::int64_t> {
        Store store(s);
        auto a = Visible(actor, store, application_id);
        if (!a) {
            return a.error();
        }
        if (auto ok = auth::Require(actor, kDecide, StudentPath(a->faculty_id, a->programme_id)); !ok) {
            return ok.error();
        }
        // R-D10: an individual plan and schedule for categories 1 and 2, once DL is granted.
        if (a->stage != Stage::kApproved || !NeedsIndividualPlan(a->category) || !a->grant_start ||
            !a->grant_end) {
            return Conflict("dl.no_individual_plan");
        }
        std::vector<std::int64_t> granted;
        for (const auto& d : a->disciplines) {
            granted.push_back(d.id);
        }
        auto row = CheckPlanRow(draft, granted, *a->grant_start, *a->grant_end);
        if (!row) {
            return row.error();
        }
        const std::int64_t id = store.InsertPlanRow(application_id, *row);
        detail::RecordChange(
            s, actor, change, "dl.add_plan_row", "dl_application", application_id,
            json{{"row", id}, {"kind", PlanKindName(row->kind)}, {"activity", row->activity}}.dump());
        return id;
    });
}

core::Status RemovePlanRow(const auth::Principal& actor, const Change& change, std::int64_t application_id,
                           std::int64_t row_id) {
    return change.db.Transact([&](db::Session& s) -> core::Status {
        Store store(s);
        auto a = Visible(actor, store, application_id);
        if (!a) {
            return a.error();
        }
        if (auto ok = auth::Require(actor, kDecide, StudentPath(a->faculty_id, a->programme_id)); !ok) {
            return ok.error();
        }
        if (!store.DeletePlanRow(application_id, row_id)) {
            return detail::NotFound("no plan row");
        }
        detail::RecordChange(s, actor, change, "dl.remove_plan_row", "dl_application", application_id,
                             json{{"row", row_id}}.dump());
        return core::OkStatus();
    });
}

core::Result<std::vector<DlGrantSummary>> ListDlGrants(const auth::Principal& actor, db::Database& database,
                                                       std::optional<core::Day> active_on) {
    const ScopeFilter scope = detail::FilterFor(actor, kViewApplications);
    if (!scope.all && scope.faculties.empty() && scope.programmes.empty()) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "no dl:view_applications");
    }
    auto grants = database.Read([&](db::Session& s) { return Store(s).Grants(scope); });
    if (active_on) {
        std::erase_if(grants,
                      [&](const DlGrantSummary& g) { return *active_on < g.start || *active_on > g.end; });
    }
    return grants;
}

core::Result<std::vector<DlShareSummary>> ListDlShares(const auth::Principal& actor, db::Database& database,
                                                       core::Instant now) {
    auto grants = ListDlGrants(actor, database);
    if (!grants) {
        return grants.error();
    }
    std::map<std::int64_t, std::set<std::int64_t>> disciplines;
    std::map<std::int64_t, bool> exception;
    std::map<std::int64_t, std::int64_t> programme_of;
    for (const auto& g : *grants) {
        disciplines[g.student_id].insert(g.discipline_ids.begin(), g.discipline_ids.end());
        exception[g.student_id] = exception[g.student_id] || g.art_37_2;
        programme_of[g.student_id] = g.programme_id;
    }
    std::map<std::int64_t, academics::Programme> programmes;
    std::vector<DlShareSummary> out;
    for (const auto& [student_id, granted] : disciplines) {
        const std::int64_t programme_id = programme_of[student_id];
        if (!programmes.contains(programme_id)) {
            auto p = academics::FindProgramme(System(), database, academics::ProgrammeId{programme_id});
            if (!p) {
                return p.error();
            }
            programmes.emplace(programme_id, std::move(*p));
        }
        const academics::Programme& programme = programmes.at(programme_id);
        auto student = people::FindStudent(System(), database, people::StudentId{student_id});
        if (!student) {
            return student.error();
        }
        auto curriculum = CurriculumOf(database, *student, now);
        DlShareSummary row{.student_id = student_id,
                           .programme_id = programme_id,
                           .programme_code = programme.code,
                           .direction_code = programme.direction_code,
                           .share = {}};
        row.share.limit = LimitOf(programme.dl_regime);
        row.share.total_disciplines = curriculum ? static_cast<int>(curriculum->disciplines.size()) : 0;
        row.share.approved = static_cast<int>(granted.size());
        row.share.art_37_2 = exception[student_id];
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace oqu::dl
