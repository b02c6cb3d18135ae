// Borrowing checks in the portal (R-O20, R-A1, R-O10): queueing, the job, exclusions, decisions.
#include "integrity/checks.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "courses/api.hpp"
#include "integrity/checks_internal.hpp"
#include "integrity/extract.hpp"
#include "integrity/icu_tables.hpp"
#include "integrity/index_store.hpp"
#include "integrity/permissions.hpp"
#include "platform/audit/audit.hpp"
#include "platform/db/database.hpp"
#include "platform/files/file_store.hpp"
#include "platform/jobs/queue.hpp"
#include "platform/module/registry.hpp"

namespace oqu::integrity {

namespace db = platform::db;
namespace auth = platform::auth;
using nlohmann::json;

namespace {

constexpr const char* kCheckColumns =
    "id, owner_kind, owner_id, course_id, author_user_id, title, file_sha256, file_name, student_may_view, "
    "status, originality, hidden_runs, flags, matches, sources, document_id, error_key, created_at, "
    "finished_at";

detail::CheckRow RowOf(const db::Row& r) {
    detail::CheckRow c;
    c.id = r.Int(0);
    c.owner_kind = r.Text(1);
    c.owner_id = r.Int(2);
    c.course_id = r.Int(3);
    c.author_user_id = r.Int(4);
    c.title = r.Text(5);
    c.file_sha256 = r.Text(6);
    c.file_name = r.Text(7);
    c.student_may_view = r.Int(8) != 0;
    c.status = r.Text(9);
    if (!r.IsNull(10)) c.originality = r.Real(10);
    c.hidden_runs = static_cast<int>(r.Int(11));
    c.flags_json = r.Text(12);
    c.matches_json = r.Text(13);
    c.sources_json = r.Text(14);
    c.document_id = r.OptInt(15);
    c.error_key = r.Text(16);
    c.created_at = core::FromMicros(r.Int(17));
    if (auto f = r.OptInt(18)) c.finished_at = core::FromMicros(*f);
    return c;
}

const char* FlagName(FlagKind kind) {
    switch (kind) {
        case FlagKind::kHomoglyphs:
            return "homoglyphs";
        case FlagKind::kInvisibleCharacters:
            return "invisible_characters";
        case FlagKind::kUnusualSpaces:
            return "unusual_spaces";
        case FlagKind::kTransliteration:
            return "transliteration";
        case FlagKind::kHiddenText:
            return "hidden_text";
    }
    return "unknown";
}

const char* KindName(MatchKind kind) {
    switch (kind) {
        case MatchKind::kBorrowing:
            return "borrowing";
        case MatchKind::kQuotation:
            return "quotation";
        case MatchKind::kReference:
            return "reference";
    }
    return "borrowing";
}

core::Error Failure(std::string key, std::string detail) {
    return core::MakeError(core::ErrorCode::kInvalidInput, std::move(key), std::move(detail));
}

core::Error NotFound() {
    return core::MakeError(core::ErrorCode::kNotFound, "web.error_404", "no such check");
}

/// The result of a check as stored: flags, matches and sources JSON.
struct Stored {
    double originality = 1.0;
    std::string flags, matches, sources;
};

Stored Serialise(const IndexCheck& checked, int hidden_runs) {
    json flags = json::array();
    for (const Flag& f : checked.report.flags) {
        flags.push_back({{"kind", FlagName(f.kind)}, {"count", f.count}, {"offset", f.offset}});
    }
    if (hidden_runs > 0) flags.push_back({{"kind", "hidden_text"}, {"count", hidden_runs}, {"offset", 0}});
    json matches = json::array();
    for (const Match& m : checked.report.matches) {
        matches.push_back({{"doc", checked.sources.at(m.source).id},
                           {"kind", KindName(m.kind)},
                           {"offset", m.offset},
                           {"length", m.length},
                           {"source_offset", m.source_offset},
                           {"source_length", m.source_length},
                           {"transliterated", m.transliterated}});
    }
    std::map<std::size_t, double> shares;
    for (const SourceShare& s : checked.report.shares) shares[s.source] = s.share;
    // Largest share first; sources with quotations or references only after them.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < checked.sources.size(); ++i) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double sa = shares.contains(a) ? shares[a] : 0.0;
        const double sb = shares.contains(b) ? shares[b] : 0.0;
        return sa > sb;
    });
    json sources = json::array();
    for (std::size_t i : order) {
        const IndexedDocument& d = checked.sources[i];
        sources.push_back({{"doc", d.id},
                           {"title", d.title},
                           {"origin", d.origin},
                           {"ref", d.ref},
                           {"share", shares.contains(i) ? shares[i] : 0.0}});
    }
    return {checked.report.originality, flags.dump(), matches.dump(), sources.dump()};
}

std::vector<std::int64_t> CourseExclusions(db::Session& s, std::int64_t course_id) {
    std::vector<std::int64_t> out;
    for (const auto& r :
         s.Query("SELECT document_id FROM integrity_exclusion WHERE course_id = ?", {course_id})) {
        out.push_back(r.Int(0));
    }
    return out;
}

void Audit(db::Session& s, const auth::Principal& actor, const detail::Act& act, std::string_view action,
           std::int64_t check_id, const json& detail) {
    platform::audit::AuditEntry entry;
    entry.at = act.now;
    entry.actor_user_id = actor.user_id;
    entry.actor_login = actor.login;
    entry.action = std::string(action);
    entry.object_type = "integrity_check";
    entry.object_id = std::to_string(check_id);
    entry.detail_json = detail.dump();
    entry.address = act.address;
    platform::audit::RecordAct(s, entry);
}

void RecordFailure(db::Database& database, std::int64_t check_id, const std::string& key, core::Instant now) {
    database.Transact([&](db::Session& s) {
        s.Exec(
            "UPDATE integrity_check SET status = 'failed', error_key = ?, finished_at = ? "
            "WHERE id = ? AND status NOT IN ('done', 'failed')",
            {key, core::ToMicros(now), check_id});
    });
}

/// The work's text: the file through the store, or the typed text.
core::Result<ExtractedText> WorkText(platform::files::FileStore& files, const detail::CheckRow& check,
                                     const std::string& body) {
    if (check.file_sha256.empty()) {
        if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
            return Failure("integrity.extract.empty", "no text");
        }
        return ExtractedText{body, 0};
    }
    const auto format = FormatFromFileName(check.file_name);
    if (!format) return Failure("integrity.check.unsupported_format", "format of " + check.file_name);
    auto in = files.Open(check.file_sha256);
    if (!in) return Failure("integrity.check.file_missing", in.error().detail);
    const ExtractLimits limits;
    std::string bytes;
    std::array<char, 65536> buffer{};
    while (*in) {
        in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        bytes.append(buffer.data(), static_cast<std::size_t>(in->gcount()));
        if (bytes.size() > limits.max_file_bytes) {
            return Failure("integrity.extract.too_large", "file too large");
        }
    }
    return ExtractText(*format, bytes, limits);
}

}  // namespace

core::Result<std::int64_t> QueueCheck(db::Session& session, platform::jobs::JobQueue& jobs,
                                      const CheckRequest& request, core::Instant now) {
    if (request.owner_kind.empty() || request.owner_id <= 0 || request.course_id <= 0 ||
        request.author_user_id <= 0 || (request.file_sha256.empty() && request.text.empty()) ||
        (!request.file_sha256.empty() && request.file_name.empty())) {
        return Failure("integrity.check.invalid_request",
                       "owner, course, author and a file or text are required");
    }
    const auto existing =
        session.Query("SELECT id FROM integrity_check WHERE owner_kind = ? AND owner_id = ?",
                      {request.owner_kind, request.owner_id});
    if (!existing.empty()) return existing[0].Int(0);
    const std::int64_t id =
        session
            .Query(
                "INSERT INTO integrity_check (owner_kind, owner_id, course_id, author_user_id, title, "
                "file_sha256, file_name, body, student_may_view, status, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?) RETURNING id",
                {request.owner_kind, request.owner_id, request.course_id, request.author_user_id,
                 request.title, request.file_sha256,
                 request.file_sha256.empty() ? std::string{} : request.file_name,
                 request.file_sha256.empty() ? request.text : std::string{},
                 std::int64_t{request.student_may_view ? 1 : 0}, core::ToMicros(now)})[0]
            .Int(0);
    const platform::jobs::JobId job = jobs.Enqueue(
        session, detail::kCheckJob, json{{"check_id", id}}.dump(), now,
        {.dedup_key = fmt::format("{}:{}:{}", detail::kCheckJob, request.owner_kind, request.owner_id)});
    session.Exec("UPDATE integrity_check SET job_id = ? WHERE id = ?", {job.value, id});
    return id;
}

std::optional<CheckSummary> CheckFor(db::Database& database, std::string_view owner_kind,
                                     std::int64_t owner_id) {
    return database.Read([&](db::Session& s) -> std::optional<CheckSummary> {
        const auto rows = s.Query(
            "SELECT id, status, originality, flags FROM integrity_check WHERE owner_kind = ? AND owner_id = "
            "? "
            "ORDER BY id DESC LIMIT 1",
            {std::string(owner_kind), owner_id});
        if (rows.empty()) return std::nullopt;
        CheckSummary out;
        out.id = rows[0].Int(0);
        out.status = rows[0].Text(1);
        if (!rows[0].IsNull(2)) out.originality = rows[0].Real(2);
        const json flags = json::parse(rows[0].Text(3), nullptr, false);
        if (flags.is_array()) out.flags = static_cast<int>(flags.size());
        out.report_href = fmt::format("/integrity/checks/{}", out.id);
        return out;
    });
}

namespace detail {

std::optional<CheckRow> FindCheck(db::Session& session, std::int64_t id) {
    const auto rows =
        session.Query(fmt::format("SELECT {} FROM integrity_check WHERE id = ?", kCheckColumns), {id});
    if (rows.empty()) return std::nullopt;
    return RowOf(rows[0]);
}

std::vector<CheckRow> ChecksOfCourses(db::Session& session, const std::vector<std::int64_t>& courses,
                                      int limit) {
    std::vector<CheckRow> out;
    if (courses.empty()) return out;
    std::string marks;
    db::Params params;
    for (std::int64_t c : courses) {
        marks += marks.empty() ? "?" : ", ?";
        params.emplace_back(c);
    }
    params.emplace_back(std::int64_t{limit});
    for (const auto& r : session.Query(fmt::format("SELECT {} FROM integrity_check WHERE course_id IN ({}) "
                                                   "ORDER BY created_at DESC, id DESC LIMIT ?",
                                                   kCheckColumns, marks),
                                       params)) {
        out.push_back(RowOf(r));
    }
    return out;
}

core::Status RunCheck(db::Database& database, platform::files::FileStore& files, std::int64_t check_id,
                      core::Instant now) {
    std::string body;
    const auto check = database.Transact([&](db::Session& s) -> std::optional<CheckRow> {
        auto row = FindCheck(s, check_id);
        if (!row || row->status == "done" || row->status == "failed") return row;
        s.Exec("UPDATE integrity_check SET status = 'running', started_at = ? WHERE id = ?",
               {core::ToMicros(now), check_id});
        body = s.Query("SELECT body FROM integrity_check WHERE id = ?", {check_id})[0].Text(0);
        return row;
    });
    if (!check) {
        return core::MakeError(core::ErrorCode::kNotFound, "web.error_404",
                               "no check " + std::to_string(check_id));
    }
    if (check->status == "done" || check->status == "failed") return core::Ok{};  // A repeated run.

    auto text = WorkText(files, *check, body);
    if (!text) {
        // A work that cannot be read fails for good: retrying would not help.
        RecordFailure(database, check_id, text.error().message_key, now);
        return core::Ok{};
    }
    const PreparedText prepared = PrepareText(DecodeUtf8(text->text), Icu());
    const auto excluded =
        database.Read([&](db::Session& s) { return CourseExclusions(s, check->course_id); });
    auto checked = CheckAgainstIndex(database, prepared, excluded);
    if (!checked) return checked.error();
    const Stored result = Serialise(*checked, text->hidden_runs);

    IndexedDocument doc;
    doc.origin = "submission";
    doc.title = check->title;
    doc.ref = fmt::format("{}:{}", check->owner_kind, check->owner_id);
    doc.content_sha256 = check->file_sha256;
    return database.Transact([&](db::Session& s) -> core::Status {
        // Claims the check first: a concurrent or repeated run that finished meanwhile wins, and
        // the work is indexed once.
        const auto claimed = s.Exec(
            "UPDATE integrity_check SET status = 'done', originality = ?, hidden_runs = ?, flags = ?, "
            "matches = ?, "
            "sources = ?, error_key = '', finished_at = ? WHERE id = ? AND status NOT IN ('done', 'failed')",
            {result.originality, std::int64_t{text->hidden_runs}, result.flags, result.matches,
             result.sources, core::ToMicros(now), check_id});
        if (claimed == 0) return core::Ok{};
        auto added = AddToIndex(s, prepared, doc, now);
        if (!added) {
            throw db::DbError("cannot index check " + std::to_string(check_id) + ": " + added.error().detail);
        }
        s.Exec("UPDATE integrity_check SET document_id = ? WHERE id = ?", {*added, check_id});
        return core::Ok{};
    });
}

core::Status HandleCheckJob(const platform::jobs::Job& job, platform::Services& services) {
    const json payload = json::parse(job.payload, nullptr, false);
    if (!payload.is_object() || !payload.contains("check_id") || !payload["check_id"].is_number_integer()) {
        return Failure("integrity.check.invalid_request", "bad payload: " + job.payload);
    }
    const core::Instant now =
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    const auto check_id = payload["check_id"].get<std::int64_t>();
    // Checks whose jobs died on their last attempt elsewhere get their final state first.
    RecoverAbandonedChecks(services.db, services.jobs, now);
    // On the last attempt a failure is final for the check too: the queue will not retry.
    const bool last = job.attempts >= job.max_attempts;
    try {
        auto status = RunCheck(services.db, services.files, check_id, now);
        if (!status && last) RecordFailure(services.db, check_id, "integrity.check.gave_up", now);
        return status;
    } catch (const std::exception&) {
        if (last) {
            try {
                RecordFailure(services.db, check_id, "integrity.check.gave_up", now);
            } catch (const std::exception&) {
                // The database is down too; RecoverAbandonedChecks records it once the job is dead.
            }
        }
        throw;
    }
}

}  // namespace detail

int RecoverAbandonedChecks(db::Database& database, platform::jobs::JobQueue& jobs, core::Instant now,
                           std::optional<std::int64_t> only) {
    // Unfinished checks with a job; a job cannot die before its first lease ran out, so checks
    // younger than a minute are left alone, and a sweep looks at 100 at most.
    const auto rows = database.Read([&](db::Session& s) {
        if (only) {
            return s.Query(
                "SELECT id, job_id FROM integrity_check WHERE id = ? AND status IN ('queued', 'running') "
                "AND job_id IS NOT NULL",
                {*only});
        }
        return s.Query(
            "SELECT id, job_id FROM integrity_check WHERE status IN ('queued', 'running') AND job_id IS NOT "
            "NULL AND created_at < ? ORDER BY id LIMIT 100",
            {core::ToMicros(now) - std::int64_t{60'000'000}});
    });
    int recovered = 0;
    for (const auto& r : rows) {
        auto job = jobs.Find(platform::jobs::JobId{r.Int(1)});
        // A job that is gone (removed by hand) will not run the check either.
        if (job && job->status != platform::jobs::JobStatus::kDead) continue;
        RecordFailure(database, r.Int(0), "integrity.check.gave_up", now);
        ++recovered;
    }
    return recovered;
}

namespace detail {

core::Result<CheckAccess> AccessToCheck(const auth::Principal& actor, db::Database& database,
                                        const CheckRow& check) {
    CheckAccess access;
    access.author = check.student_may_view && actor.user_id != 0 && actor.user_id == check.author_user_id;
    if (auto course = courses::AccessTo(actor, database, check.course_id)) {
        access.teacher = course->edit;
        if (!access.teacher) {
            if (auto found = courses::FindCourse(auth::SystemPrincipal(), database, check.course_id)) {
                access.dean = auth::Allows(actor, kReview,
                                           CourseScope(found->faculty_id, found->programme_id, found->id));
            }
        }
    }
    if (!access.teacher && !access.dean && !access.author) return NotFound();
    return access;
}

namespace {

/// Recomputes a done check without the course's exclusions, its own document and documents
/// indexed after it (a later work copied from this one is not its source), in `s`'s data.
core::Status Recompute(db::Database& database, const CheckRow& check, core::Instant now) {
    if (!check.document_id) return Failure("integrity.report.not_done", "no result");
    std::vector<std::int64_t> excluded;
    std::u32string text;
    database.Read([&](db::Session& s) {
        excluded = CourseExclusions(s, check.course_id);
        for (const auto& r :
             s.Query("SELECT id FROM integrity_document WHERE id >= ?", {*check.document_id})) {
            excluded.push_back(r.Int(0));
        }
        auto stored = IndexedText(s, *check.document_id);
        if (stored) text = std::move(*stored);
    });
    const PreparedText prepared = PrepareText(std::move(text), Icu());
    auto checked = CheckAgainstIndex(database, prepared, excluded);
    if (!checked) return checked.error();
    const Stored result = Serialise(*checked, check.hidden_runs);
    database.Transact([&](db::Session& s) {
        s.Exec(
            "UPDATE integrity_check SET originality = ?, flags = ?, matches = ?, sources = ?, finished_at = "
            "? "
            "WHERE id = ?",
            {result.originality, result.flags, result.matches, result.sources, core::ToMicros(now),
             check.id});
    });
    return core::Ok{};
}

core::Result<CheckRow> TeacherCheck(const auth::Principal& actor, db::Database& database,
                                    std::int64_t check_id) {
    auto check = database.Read([&](db::Session& s) { return FindCheck(s, check_id); });
    if (!check) return NotFound();
    auto access = AccessToCheck(actor, database, *check);
    if (!access) return access.error();
    if (!access->teacher) {
        return core::MakeError(core::ErrorCode::kForbidden, "auth.forbidden", "not a teacher of the course");
    }
    return std::move(*check);
}

}  // namespace

core::Status ExcludeSource(const auth::Principal& actor, const Act& act, std::int64_t check_id,
                           std::int64_t document_id) {
    auto check = TeacherCheck(actor, act.db, check_id);
    if (!check) return check.error();
    if (check->status != "done") return Failure("integrity.report.not_done", "no result yet");
    const json sources = json::parse(check->sources_json, nullptr, false);
    std::string title;
    bool found = false;
    for (const auto& s : sources) {
        if (s.value("doc", std::int64_t{0}) == document_id) {
            found = true;
            title = s.value("title", "");
        }
    }
    if (!found) return Failure("integrity.report.not_a_source", "document " + std::to_string(document_id));
    act.db.Transact([&](db::Session& s) {
        const auto exists =
            s.Query("SELECT id FROM integrity_exclusion WHERE course_id = ? AND document_id = ?",
                    {check->course_id, document_id});
        if (!exists.empty()) return;
        s.Exec(
            "INSERT INTO integrity_exclusion (course_id, document_id, check_id, excluded_by, excluded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            {check->course_id, document_id, check_id, actor.user_id, core::ToMicros(act.now)});
        Audit(s, actor, act, "integrity.exclude_source", check_id,
              {{"course_id", check->course_id}, {"document_id", document_id}, {"title", title}});
    });
    return Recompute(act.db, *check, act.now);
}

core::Status IncludeSource(const auth::Principal& actor, const Act& act, std::int64_t check_id,
                           std::int64_t document_id) {
    auto check = TeacherCheck(actor, act.db, check_id);
    if (!check) return check.error();
    if (check->status != "done") return Failure("integrity.report.not_done", "no result yet");
    const bool removed = act.db.Transact([&](db::Session& s) {
        const auto rows = s.Query(
            "SELECT d.title FROM integrity_exclusion e JOIN integrity_document d ON d.id = e.document_id "
            "WHERE e.course_id = ? AND e.document_id = ?",
            {check->course_id, document_id});
        if (rows.empty()) return false;
        s.Exec("DELETE FROM integrity_exclusion WHERE course_id = ? AND document_id = ?",
               {check->course_id, document_id});
        Audit(s, actor, act, "integrity.include_source", check_id,
              {{"course_id", check->course_id}, {"document_id", document_id}, {"title", rows[0].Text(0)}});
        return true;
    });
    if (!removed) {
        return Failure("integrity.report.not_excluded", "document " + std::to_string(document_id));
    }
    return Recompute(act.db, *check, act.now);
}

core::Status RecordDecision(const auth::Principal& actor, const Act& act, std::int64_t check_id,
                            std::string_view decision, std::string_view comment) {
    auto check = TeacherCheck(actor, act.db, check_id);
    if (!check) return check.error();
    if (decision != "accepted" && decision != "returned" && decision != "referred") {
        return Failure("integrity.report.decision_invalid", "decision");
    }
    std::string text(comment);
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    if (text.size() > 4000) return Failure("integrity.report.comment_too_long", "comment");
    if (decision != "accepted" && text.empty()) {
        return Failure("integrity.report.comment_required", "comment");
    }
    if (check->status != "done" && check->status != "failed") {
        return Failure("integrity.report.not_done", "the check is not finished");
    }
    act.db.Transact([&](db::Session& s) {
        s.Exec(
            "INSERT INTO integrity_decision (check_id, decision, comment, decided_by, decider, decided_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {check_id, std::string(decision), text, actor.user_id,
             actor.display_name.empty() ? actor.login : actor.display_name, core::ToMicros(act.now)});
        Audit(
            s, actor, act, "integrity.decide", check_id,
            {{"decision", decision}, {"comment", text}, {"originality", check->originality.value_or(-1.0)}});
    });
    return core::Ok{};
}

std::vector<Decision> DecisionsOf(db::Session& session, std::int64_t check_id) {
    std::vector<Decision> out;
    for (const auto& r :
         session.Query("SELECT decision, comment, decider, decided_at FROM integrity_decision "
                       "WHERE check_id = ? ORDER BY id",
                       {check_id})) {
        out.push_back({r.Text(0), r.Text(1), r.Text(2), core::FromMicros(r.Int(3))});
    }
    return out;
}

std::vector<Exclusion> ExclusionsOf(db::Session& session, std::int64_t course_id) {
    std::vector<Exclusion> out;
    for (const auto& r : session.Query(
             "SELECT e.document_id, d.title, d.origin, e.excluded_at FROM integrity_exclusion e "
             "JOIN integrity_document d ON d.id = e.document_id WHERE e.course_id = ? ORDER BY e.id",
             {course_id})) {
        out.push_back({r.Int(0), r.Text(1), r.Text(2), core::FromMicros(r.Int(3))});
    }
    return out;
}

}  // namespace detail
}  // namespace oqu::integrity
