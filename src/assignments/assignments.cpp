#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "assignments/api.hpp"
#include "assignments/journal.hpp"
#include "assignments/store.hpp"
#include "assignments/support.hpp"
#include "courses/api.hpp"
#include "gradebook/api.hpp"
#include "people/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"
#include "platform/jobs/queue.hpp"

namespace oqu::assignments {

namespace auth = platform::auth;
namespace db = platform::db;
using detail::Invalid;
using detail::Load;
using detail::Loaded;
using nlohmann::json;

namespace {

bool Filled(std::string_view text, std::size_t max) {
    return text.find_first_not_of(" \t\r\n") != std::string_view::npos && text.size() <= max;
}

core::Error Rule(std::string key, std::string detail) {
    return core::MakeError(core::ErrorCode::kRuleViolation, std::move(key), std::move(detail));
}

core::Error Forbidden() {
    return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "no right on the assignment");
}

Status StatusOf(const std::string& stored, const std::vector<Version>& versions) {
    if (versions.empty()) return Status::kNone;
    if (stored == "returned") return Status::kReturned;
    if (stored == "graded") return Status::kGraded;
    Submission probe;
    probe.versions = versions;
    const Version* counting = CountingVersion(probe);
    if (counting == nullptr) return Status::kDraft;
    return counting->late_seconds > 0 ? Status::kLate : Status::kSubmitted;
}

// A submission row with its versions, grades and members (names looked up after the read).
Submission Assemble(db::Database& database, const SubmissionRow& row) {
    Submission out;
    out.id = row.id;
    out.assignment_id = row.assignment_id;
    out.group_id = row.group_id;
    out.updated_at = row.updated_at;
    std::vector<std::int64_t> members;
    std::vector<GradeRow> grades;
    database.Read([&](db::Session& s) {
        Store store(s);
        out.versions = store.Versions(row.id);
        grades = store.Grades(row.id);
        if (row.group_id) {
            members = store.Members(*row.group_id);
            for (const auto& [id, name] : store.Groups(row.assignment_id)) {
                if (id == *row.group_id) out.group_name = name;
            }
        } else if (row.student_id) {
            members.push_back(*row.student_id);
        }
        return 0;
    });
    out.status = StatusOf(row.status, out.versions);
    std::map<std::int64_t, std::string> names;
    for (std::int64_t m : members) {
        names[m] = detail::StudentName(database, m);
        out.members.push_back({m, names[m]});
    }
    for (auto& v : out.versions) {
        if (!names.contains(v.submitted_by)) {
            names[v.submitted_by] = detail::StudentName(database, v.submitted_by);
        }
        v.submitted_by_name = names[v.submitted_by];
    }
    for (auto& g : grades) out.grades.push_back(std::move(g.grade));
    return out;
}

std::optional<Submission> OwnSubmission(db::Database& database, const Assignment& a, std::int64_t student_id,
                                        std::optional<std::int64_t>& group_id) {
    auto row = database.Read([&](db::Session& s) -> std::optional<SubmissionRow> {
        Store store(s);
        if (a.group_mode != GroupMode::kNone) {
            group_id = store.GroupOf(a.id, student_id);
            if (!group_id) return std::nullopt;
            return store.SubmissionOfGroup(a.id, *group_id);
        }
        return store.SubmissionOfStudent(a.id, student_id);
    });
    if (!row) return std::nullopt;
    return Assemble(database, *row);
}

std::vector<CourseStudent> CourseStudents(db::Database& database, std::int64_t course_id) {
    std::vector<CourseStudent> out;
    const auth::Principal system = auth::SystemPrincipal();
    auto course = courses::FindCourse(system, database, course_id);
    if (!course) return out;
    std::set<std::int64_t> seen;
    for (const auto& g : course->groups) {
        people::StudentQuery query;
        query.group = people::GroupId{g.group_id};
        query.limit = 500;
        auto page = people::ListStudents(system, database, query);
        if (!page) continue;
        for (const auto& s : page->items) {
            if (seen.insert(s.id.value).second) {
                out.push_back({s.id.value, people::DisplayName(s.name), s.group_code});
            }
        }
    }
    return out;
}

}  // namespace

std::string_view GroupModeName(GroupMode mode) {
    switch (mode) {
        case GroupMode::kShared:
            return "shared";
        case GroupMode::kIndividual:
            return "individual";
        case GroupMode::kNone:
            break;
    }
    return "none";
}

std::string_view StatusName(Status status) {
    switch (status) {
        case Status::kDraft:
            return "draft";
        case Status::kSubmitted:
            return "submitted";
        case Status::kLate:
            return "late";
        case Status::kGraded:
            return "graded";
        case Status::kReturned:
            return "returned";
        case Status::kNone:
            break;
    }
    return "none";
}

const Version* CountingVersion(const Submission& submission) {
    for (auto it = submission.versions.rbegin(); it != submission.versions.rend(); ++it) {
        if (it->final) return &*it;
    }
    return nullptr;
}

const Grade* CurrentGrade(const Submission& submission, std::int64_t student_id) {
    const Grade* all = nullptr;
    const Grade* own = nullptr;
    for (const Grade& g : submission.grades) {
        if (!g.student_id) all = &g;
        if (g.student_id && *g.student_id == student_id) own = &g;
    }
    // The later of the two counts: an individual grade after a whole-submission one overrides it.
    if (own != nullptr && all != nullptr) return own->graded_at >= all->graded_at ? own : all;
    return own != nullptr ? own : all;
}

core::Result<std::int64_t> CreateAssignment(const auth::Principal& actor, const Change& change,
                                            std::int64_t course_id, const AssignmentDraft& draft) {
    auto access = courses::AccessTo(actor, change.db, course_id);
    if (!access) return access.error();
    if (!access->edit) return detail::NotTeacher();
    Assignment a;
    a.course_id = course_id;
    if (!Filled(draft.title, 300)) return Invalid("assignments.title_invalid", "title");
    if (!Filled(draft.instructions, 50000)) {
        return Invalid("assignments.instructions_invalid", "instructions");
    }
    a.title = draft.title;
    a.instructions = draft.instructions;
    if (!draft.week_id.empty()) {
        const auto week = detail::ParseId(draft.week_id);
        auto structure = courses::StructureOf(actor, change.db, course_id);
        if (!week || !structure ||
            std::none_of(structure->weeks.begin(), structure->weeks.end(),
                         [&](const courses::Week& w) { return w.id == *week; })) {
            return Invalid("assignments.week_invalid", "week_id");
        }
        a.week_id = *week;
    }
    if (draft.submission_type != "text" && draft.submission_type != "file" &&
        draft.submission_type != "both") {
        return Invalid("assignments.type_invalid", "submission_type");
    }
    a.submission_type = draft.submission_type;
    a.max_file_mb = 0;
    if (a.submission_type != "text") {
        auto types = ParseFileTypes(draft.file_types);
        if (!types || types->empty()) return Invalid("assignments.file_types_invalid", "file_types");
        a.file_types = *types;
        const auto mb = detail::ParseInt(draft.max_file_mb, 1, 50);
        if (!mb) return Invalid("assignments.file_size_invalid", "max_file_mb");
        a.max_file_mb = *mb;
    }
    const auto opens = ParseLocalTime(draft.opens_at);
    const auto due = ParseLocalTime(draft.due_at);
    const auto cutoff = draft.cutoff_at.empty() ? std::nullopt : ParseLocalTime(draft.cutoff_at);
    if (!opens || !due || *due <= *opens || (!draft.cutoff_at.empty() && (!cutoff || *cutoff < *due))) {
        return Invalid("assignments.dates_invalid", "due_at");
    }
    a.deadlines = {*opens, *due, cutoff};
    if (draft.late_policy == "penalty") {
        a.late_policy = LatePolicy::kPenalty;
        const auto per_day = detail::ParseInt(draft.penalty_per_day, 0, 100);
        const auto cap = detail::ParseInt(draft.penalty_cap, 0, 100);
        if (!per_day || !cap) return Invalid("assignments.penalty_invalid", "penalty_per_day");
        a.penalty = {*per_day, *cap};
    } else if (draft.late_policy == "refuse") {
        a.late_policy = LatePolicy::kRefuse;
    } else {
        return Invalid("assignments.policy_invalid", "late_policy");
    }
    auto rubric = ParseRubric(draft.rubric);
    if (!rubric) return Invalid("assignments.rubric_invalid", "rubric");
    a.rubric = *rubric;
    if (!a.rubric.criteria.empty()) {
        a.max_mark = RubricMax(a.rubric);
        if (a.max_mark <= 0) return Invalid("assignments.rubric_invalid", "rubric");
    } else {
        const auto mark = detail::ParseMark(draft.max_mark, 1000);
        if (!mark || *mark < 1) return Invalid("assignments.mark_invalid", "max_mark");
        a.max_mark = *mark;
    }
    if (draft.group_mode == "none" || draft.group_mode.empty()) {
        a.group_mode = GroupMode::kNone;
    } else if (draft.group_mode == "shared") {
        a.group_mode = GroupMode::kShared;
    } else if (draft.group_mode == "individual") {
        a.group_mode = GroupMode::kIndividual;
    } else {
        return Invalid("assignments.group_mode_invalid", "group_mode");
    }
    a.report_visible = draft.report_visible == "yes";
    if (!draft.grade_column.empty()) {
        if (!gradebook::IsAssessmentColumn(draft.grade_column)) {
            return Invalid("assignments.grade_column_invalid", "grade_column");
        }
        a.grade_column = draft.grade_column;
    }
    return change.db.Transact([&](db::Session& s) {
        const std::int64_t id = Store(s).InsertAssignment(a, actor.user_id, change.now);
        detail::RecordChange(s, actor, change, "assignments.create", id,
                             json{{"course_id", course_id},
                                  {"title", a.title},
                                  {"grade_column", a.grade_column ? json(*a.grade_column) : json(nullptr)}}
                                 .dump());
        return id;
    });
}

core::Result<std::vector<AssignmentSummary>> ListAssignments(const auth::Principal& actor,
                                                             db::Database& database, std::int64_t course_id) {
    auto access = courses::AccessTo(actor, database, course_id);
    if (!access) return access.error();
    const auto student = access->study ? detail::OwnStudentId(actor, database) : std::nullopt;
    std::vector<AssignmentSummary> out;
    const auto all = database.Read([&](db::Session& s) { return Store(s).Assignments(course_id); });
    for (const Assignment& a : all) {
        AssignmentSummary summary;
        summary.assignment = a;
        if (student) {
            std::optional<std::int64_t> group;
            const auto extension =
                database.Read([&](db::Session& s) { return Store(s).ExtensionOf(a.id, *student); });
            summary.own_due = extension ? extension->due_at : a.deadlines.due;
            if (auto own = OwnSubmission(database, a, *student, group)) {
                summary.own_status = own->status;
                if (const Grade* g = CurrentGrade(*own, *student)) summary.own_mark = g->mark;
            }
        }
        if (access->edit || access->manage) {
            const auto rows = database.Read([&](db::Session& s) { return Store(s).Submissions(a.id); });
            summary.submissions = static_cast<int>(std::count_if(
                rows.begin(), rows.end(), [](const SubmissionRow& r) { return r.status != "draft"; }));
        }
        out.push_back(std::move(summary));
    }
    return out;
}

core::Result<AssignmentView> FindAssignment(const auth::Principal& actor, db::Database& database,
                                            std::int64_t assignment_id) {
    auto loaded = Load(actor, database, assignment_id);
    if (!loaded) return loaded.error();
    AssignmentView view;
    view.assignment = loaded->assignment;
    view.access = loaded->access;
    view.student_id = loaded->student_id;
    if (loaded->student_id) {
        const std::int64_t student = *loaded->student_id;
        const auto extension =
            database.Read([&](db::Session& s) { return Store(s).ExtensionOf(assignment_id, student); });
        view.own_due = extension ? extension->due_at : view.assignment.deadlines.due;
        if (extension) view.own_extension_reason = extension->reason;
        std::optional<std::int64_t> group;
        view.own = OwnSubmission(database, view.assignment, student, group);
        if (view.assignment.group_mode != GroupMode::kNone && group) {
            for (const auto& g :
                 database.Read([&](db::Session& s) { return Store(s).Groups(assignment_id); })) {
                if (g.first == *group) view.group_name = g.second;
            }
        }
    }
    return view;
}

core::Result<Receipt> Submit(const auth::Principal& actor, const Change& change,
                             platform::jobs::JobQueue& jobs, std::int64_t assignment_id,
                             const SubmissionDraft& draft) {
    auto loaded = Load(actor, change.db, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.submit) {
        return core::MakeError(core::ErrorCode::kForbidden, "assignments.not_student",
                               "not a student of the course");
    }
    const Assignment& a = loaded->assignment;
    const std::int64_t student = *loaded->student_id;
    const auto extension =
        change.db.Read([&](db::Session& s) { return Store(s).ExtensionOf(a.id, student); });
    // The server's clock decides: the time the client claims is never read.
    const Timing timing =
        JudgeSubmission(a.deadlines, a.late_policy, a.penalty,
                        extension ? std::optional(extension->due_at) : std::nullopt, change.now);
    if (!timing.accepted) return Rule(timing.refusal_key, "submission refused at this time");
    const bool has_text = draft.text.find_first_not_of(" \t\r\n") != std::string::npos;
    const bool has_file = !draft.file_sha256.empty();
    if (draft.text.size() > 200000) return Invalid("assignments.text_too_long", "text");
    if (a.submission_type == "text") {
        if (has_file) return Invalid("assignments.file_not_allowed", "file");
        if (!has_text) return Invalid("assignments.text_missing", "text");
    } else if (a.submission_type == "file") {
        if (!has_file) return Invalid("assignments.file_missing", "file");
    } else if (!has_text && !has_file) {
        return Invalid("assignments.nothing_submitted", "text");
    }
    if (has_file) {
        const std::string ext = ExtensionOf(draft.file_name);
        if (std::find(a.file_types.begin(), a.file_types.end(), ext) == a.file_types.end() ||
            !TypeFits(ext, draft.file_type)) {
            return Invalid("assignments.file_type_invalid", "file");
        }
        if (draft.file_size > static_cast<std::uint64_t>(a.max_file_mb) * 1024 * 1024) {
            return Invalid("assignments.file_too_large", "file");
        }
    }
    std::optional<std::int64_t> group;
    if (a.group_mode != GroupMode::kNone) {
        group = change.db.Read([&](db::Session& s) { return Store(s).GroupOf(a.id, student); });
        if (!group) return Rule("assignments.no_group", "not in a group of the assignment");
    }
    auto receipt = change.db.Transact([&](db::Session& s) -> core::Result<Receipt> {
        Store store(s);
        auto row = group ? store.SubmissionOfGroup(a.id, *group) : store.SubmissionOfStudent(a.id, student);
        if (row && row->status == "graded") return Rule("assignments.graded", "graded and not returned");
        Receipt out;
        if (!row) {
            SubmissionRow fresh;
            fresh.assignment_id = a.id;
            if (group) {
                fresh.group_id = *group;
            } else {
                fresh.student_id = student;
            }
            fresh.status = "draft";
            fresh.updated_at = change.now;
            fresh.id = store.InsertSubmission(fresh);
            row = fresh;
        }
        out.submission_id = row->id;
        Version v;
        v.number = store.LastVersionNumber(row->id) + 1;
        v.final = draft.final;
        v.text = a.submission_type == "file" ? std::string() : draft.text;
        v.file_sha256 = draft.file_sha256;
        v.file_name = draft.file_name;
        v.file_type = draft.file_type;
        v.submitted_by = student;
        v.submitted_at = change.now;
        v.late_seconds = timing.late_seconds;
        v.penalty_percent = timing.penalty_percent;
        const std::int64_t version_id = store.InsertVersion(row->id, v);
        out.version = v.number;
        out.timing = timing;
        if (draft.final) {
            store.SetStatus(row->id, "submitted", change.now);
            // R-O20: the work is queued for the borrowing check in this very transaction, so an
            // accepted submission is never left unchecked and a failed queueing keeps nothing.
            out.check_id = detail::QueueBorrowingCheck(s, jobs,
                                                       {version_id, a.course_id, actor.user_id, a.title,
                                                        v.file_sha256, v.file_name, v.text, a.report_visible},
                                                       change.now);
        } else {
            store.SetStatus(row->id, row->status, change.now);
        }
        platform::audit::RecordFootprint(
            s, {change.now, actor.user_id, draft.final ? "assignments.submit" : "assignments.save_draft",
                "assignments_submission", std::to_string(row->id),
                json{{"assignment_id", a.id}, {"version", v.number}, {"late_seconds", v.late_seconds}}.dump(),
                change.address});
        return out;
    });
    if (receipt && receipt->check_id) jobs.Notify();
    return receipt;
}

core::Result<std::vector<CourseStudent>> StudentsOf(const auth::Principal& actor, db::Database& database,
                                                    std::int64_t assignment_id) {
    auto loaded = Load(actor, database, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.extend) return Forbidden();
    return CourseStudents(database, loaded->assignment.course_id);
}

core::Result<std::int64_t> FormGroup(const auth::Principal& actor, const Change& change,
                                     std::int64_t assignment_id, std::string_view name,
                                     const std::vector<std::int64_t>& student_ids) {
    auto loaded = Load(actor, change.db, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.grade) return detail::NotTeacher();
    if (loaded->assignment.group_mode == GroupMode::kNone || !Filled(name, 100) || student_ids.empty()) {
        return Invalid("assignments.group_invalid", "name");
    }
    const auto students = CourseStudents(change.db, loaded->assignment.course_id);
    for (std::int64_t id : student_ids) {
        if (std::none_of(students.begin(), students.end(),
                         [&](const CourseStudent& s) { return s.student_id == id; })) {
            return Invalid("assignments.group_invalid", "students");
        }
    }
    return change.db.Transact([&](db::Session& s) -> core::Result<std::int64_t> {
        Store store(s);
        for (std::int64_t id : student_ids) {
            if (store.GroupOf(assignment_id, id)) {
                return core::MakeError(core::ErrorCode::kConflict, "assignments.group_member_taken",
                                       "student " + std::to_string(id) + " is in another group");
            }
        }
        const auto group = store.InsertGroup(assignment_id, std::string(name));
        if (!group) {
            return core::MakeError(core::ErrorCode::kConflict, "assignments.group_name_taken", "name taken");
        }
        for (std::int64_t id : std::set<std::int64_t>(student_ids.begin(), student_ids.end())) {
            store.InsertMember(*group, assignment_id, id);
        }
        detail::RecordChange(s, actor, change, "assignments.form_group", assignment_id,
                             json{{"group_id", *group}, {"name", name}, {"students", student_ids}}.dump());
        return *group;
    });
}

core::Result<std::vector<GroupRow>> GroupsOf(const auth::Principal& actor, db::Database& database,
                                             std::int64_t assignment_id) {
    auto loaded = Load(actor, database, assignment_id);
    if (!loaded) return loaded.error();
    std::vector<GroupRow> out;
    std::vector<std::pair<GroupRow, std::vector<std::int64_t>>> raw;
    database.Read([&](db::Session& s) {
        Store store(s);
        for (const auto& [id, name] : store.Groups(assignment_id)) {
            raw.push_back({{id, name, {}}, store.Members(id)});
        }
        return 0;
    });
    for (auto& [group, members] : raw) {
        for (std::int64_t m : members) group.members.push_back({m, detail::StudentName(database, m)});
        out.push_back(std::move(group));
    }
    return out;
}

core::Status GrantExtension(const auth::Principal& actor, const Change& change, std::int64_t assignment_id,
                            std::int64_t student_id, std::string_view due_local, std::string_view reason) {
    auto loaded = Load(actor, change.db, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.extend) return Forbidden();
    const auto due = ParseLocalTime(due_local);
    if (!due || *due <= loaded->assignment.deadlines.due) {
        return Invalid("assignments.extension_invalid", "due_at");
    }
    if (!Filled(reason, 1000)) return Invalid("assignments.extension_invalid", "reason");
    const auto students = CourseStudents(change.db, loaded->assignment.course_id);
    if (std::none_of(students.begin(), students.end(),
                     [&](const CourseStudent& s) { return s.student_id == student_id; })) {
        return Invalid("assignments.extension_invalid", "student_id");
    }
    change.db.Transact([&](db::Session& s) {
        Store(s).InsertExtension(assignment_id, {student_id, {}, *due, std::string(reason)}, actor.user_id,
                                 change.now);
        detail::RecordChange(
            s, actor, change, "assignments.grant_extension", assignment_id,
            json{{"student_id", student_id}, {"due_at", core::FormatUtc(*due)}, {"reason", reason}}.dump());
    });
    return core::Ok{};
}

core::Result<std::vector<Extension>> ExtensionsOf(const auth::Principal& actor, db::Database& database,
                                                  std::int64_t assignment_id) {
    auto loaded = Load(actor, database, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.extend) return Forbidden();
    auto out = database.Read([&](db::Session& s) { return Store(s).Extensions(assignment_id); });
    for (auto& e : out) e.name = detail::StudentName(database, e.student_id);
    return out;
}

core::Result<std::vector<Submission>> SubmissionsOf(const auth::Principal& actor, db::Database& database,
                                                    std::int64_t assignment_id) {
    auto loaded = Load(actor, database, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.extend) return Forbidden();
    std::vector<Submission> out;
    for (const auto& row :
         database.Read([&](db::Session& s) { return Store(s).Submissions(assignment_id); })) {
        out.push_back(Assemble(database, row));
    }
    return out;
}

core::Result<Submission> FindSubmission(const auth::Principal& actor, db::Database& database,
                                        std::int64_t assignment_id, std::int64_t submission_id) {
    auto loaded = Load(actor, database, assignment_id);
    if (!loaded) return loaded.error();
    const auto row = database.Read([&](db::Session& s) { return Store(s).FindSubmission(submission_id); });
    if (!row || row->assignment_id != assignment_id) return detail::NotFound("no such submission");
    Submission out = Assemble(database, *row);
    if (loaded->access.extend) return out;
    const bool member = loaded->student_id &&
                        std::any_of(out.members.begin(), out.members.end(),
                                    [&](const Member& m) { return m.student_id == *loaded->student_id; });
    if (!member) return detail::NotFound("submission of another student");
    return out;
}

core::Result<Grade> GradeSubmission(const auth::Principal& actor, const Change& change,
                                    std::int64_t assignment_id, std::int64_t submission_id,
                                    const GradeDraft& draft) {
    auto loaded = Load(actor, change.db, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.grade) return detail::NotTeacher();
    const Assignment& a = loaded->assignment;
    const auto row = change.db.Read([&](db::Session& s) { return Store(s).FindSubmission(submission_id); });
    if (!row || row->assignment_id != assignment_id) return detail::NotFound("no such submission");
    const Submission submission = Assemble(change.db, *row);
    const Version* counting = CountingVersion(submission);
    if (counting == nullptr) return Rule("assignments.nothing_to_grade", "only drafts");
    Grade g;
    if (!draft.student_id.empty()) {
        const auto member = detail::ParseId(draft.student_id);
        if (a.group_mode != GroupMode::kIndividual || !member ||
            std::none_of(submission.members.begin(), submission.members.end(),
                         [&](const Member& m) { return m.student_id == *member; })) {
            return Invalid("assignments.member_invalid", "student_id");
        }
        g.student_id = *member;
    }
    if (!a.rubric.criteria.empty()) {
        for (const std::string& level : draft.levels) {
            const auto index = detail::ParseInt(level, 0, 100);
            if (!index) return Invalid("assignments.levels_invalid", "levels");
            g.levels.push_back(*index);
        }
        auto points = RubricPoints(a.rubric, g.levels);
        if (!points) return points.error();
        g.points = *points;
    } else {
        const auto mark = detail::ParseMark(draft.mark, a.max_mark);
        if (!mark) return Invalid("assignments.mark_invalid", "mark");
        g.points = *mark;
    }
    if (draft.feedback.size() > 20000) return Invalid("assignments.feedback_invalid", "feedback");
    g.version_number = counting->number;
    g.penalty_percent = counting->penalty_percent;
    g.mark = ApplyPenalty(g.points, g.penalty_percent);
    g.feedback = draft.feedback;
    g.feedback_sha256 = draft.feedback_sha256;
    g.feedback_name = draft.feedback_name;
    g.returned = draft.return_for_resubmission;
    g.graded_at = change.now;
    std::vector<std::int64_t> members;
    for (const Member& m : submission.members) {
        if (!g.student_id || m.student_id == *g.student_id) members.push_back(m.student_id);
    }
    const auto journal = detail::PrepareJournal(change.db, a, members);
    change.db.Transact([&](db::Session& s) {
        Store store(s);
        // Every grading is a new row: changes after grading stay in the history.
        store.InsertGrade(submission_id, g, actor.user_id);
        if (journal) {
            // R-O22: the marks that now count go to the journal in this transaction.
            const auto grades = store.Grades(submission_id);
            JournalTally tally;
            for (const std::int64_t member : members) {
                detail::RecordJournalMark(s, *journal, a, grades, member, actor, change, tally);
            }
        }
        store.SetStatus(submission_id, g.returned ? "returned" : "graded", change.now);
        detail::RecordChange(s, actor, change, g.returned ? "assignments.return" : "assignments.grade",
                             assignment_id,
                             json{{"submission_id", submission_id},
                                  {"version", g.version_number},
                                  {"points", g.points},
                                  {"penalty_percent", g.penalty_percent},
                                  {"mark", g.mark},
                                  {"student_id", g.student_id ? json(*g.student_id) : json(nullptr)}}
                                 .dump());
    });
    return g;
}

core::Status SetJournalColumn(const auth::Principal& actor, const Change& change, std::int64_t assignment_id,
                              std::string_view column) {
    auto loaded = Load(actor, change.db, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.grade) return detail::NotTeacher();
    if (!column.empty() && !gradebook::IsAssessmentColumn(column)) {
        return Invalid("assignments.grade_column_invalid", "grade_column");
    }
    const std::optional<std::string> value =
        column.empty() ? std::nullopt : std::optional<std::string>(std::string(column));
    const auto& before = loaded->assignment.grade_column;
    change.db.Transact([&](db::Session& s) {
        Store(s).SetGradeColumn(assignment_id, value);
        detail::RecordChange(s, actor, change, "assignments.set_journal_column", assignment_id,
                             json{{"before", before ? json(*before) : json(nullptr)},
                                  {"after", value ? json(*value) : json(nullptr)}}
                                 .dump());
    });
    return core::Ok{};
}

core::Result<SentMarks> SendMarksToJournal(const auth::Principal& actor, const Change& change,
                                           std::int64_t assignment_id) {
    auto loaded = Load(actor, change.db, assignment_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.grade) return detail::NotTeacher();
    const Assignment& a = loaded->assignment;
    if (!a.grade_column) {
        return core::MakeError(core::ErrorCode::kConflict, "assignments.journal_no_column",
                               "the assignment has no journal column");
    }
    // Each submission's members, read before the transaction (their groups come from people).
    std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> members;
    std::vector<std::int64_t> students;
    change.db.Read([&](db::Session& s) {
        Store store(s);
        for (const SubmissionRow& row : store.Submissions(assignment_id)) {
            std::vector<std::int64_t> of;
            if (row.group_id) {
                of = store.Members(*row.group_id);
            } else if (row.student_id) {
                of.push_back(*row.student_id);
            }
            students.insert(students.end(), of.begin(), of.end());
            members.emplace_back(row.id, std::move(of));
        }
        return 0;
    });
    const auto journal = detail::PrepareJournal(change.db, a, students);
    return change.db.Transact([&](db::Session& s) -> core::Result<SentMarks> {
        // Counted afresh on each run: a retried transaction runs this loop again.
        SentMarks out;
        Store store(s);
        for (const auto& [submission_id, of] : members) {
            const auto grades = store.Grades(submission_id);
            for (const std::int64_t student : of) {
                if (!detail::JournalMark(a, grades, student)) continue;
                ++out.students;
                const auto done = journal ? detail::RecordJournalMark(s, *journal, a, grades, student, actor,
                                                                      change, out.tally)
                                          : std::nullopt;
                if (!done) ++out.tally.no_journal;  // The gradebook is not installed.
            }
        }
        detail::RecordChange(s, actor, change, "assignments.send_marks", assignment_id,
                             json{{"students", out.students},
                                  {"written", out.tally.written},
                                  {"unchanged", out.tally.unchanged},
                                  {"closed", out.tally.closed},
                                  {"hand_entered", out.tally.hand},
                                  {"no_journal", out.tally.no_journal}}
                                 .dump());
        return out;
    });
}

core::Result<FileInfo> SubmissionFile(const auth::Principal& actor, db::Database& database,
                                      std::int64_t assignment_id, std::string_view sha256) {
    auto loaded = Load(actor, database, assignment_id);
    if (!loaded) return loaded.error();
    const std::string sha(sha256);
    const auto owners =
        database.Read([&](db::Session& s) { return Store(s).SubmissionsWithFile(assignment_id, sha); });
    bool allowed = !owners.empty() && loaded->access.extend;
    for (std::int64_t id : owners) {
        if (allowed) break;
        allowed = FindSubmission(actor, database, assignment_id, id).has_value();
    }
    if (!allowed) return detail::NotFound("file outside the actor's submissions");
    auto info =
        database.Read([&](db::Session& s) { return Store(s).FileOf(assignment_id, sha, std::nullopt); });
    if (!info) return detail::NotFound("no such file");
    return *info;
}

}  // namespace oqu::assignments
