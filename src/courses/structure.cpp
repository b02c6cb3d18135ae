#include <algorithm>

#include <nlohmann/json.hpp>

#include "courses/api.hpp"
#include "courses/store.hpp"
#include "courses/support.hpp"
#include "platform/db/database.hpp"

namespace oqu::courses {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

bool HttpUrl(std::string_view url) {
    return (url.starts_with("https://") || url.starts_with("http://")) && url.size() > 8 &&
           url.size() <= 2000 && url.find_first_of(" \t\r\n\"<>") == std::string_view::npos;
}

// "2026-09-07T10:00": a real day and a time of day.
bool DateTime(std::string_view text) {
    if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return false;
    if (!detail::Day(text.substr(0, 10))) return false;
    const auto hour = detail::ParseInt(text.substr(11, 2), 0, 23);
    const auto minute = detail::ParseInt(text.substr(14, 2), 0, 59);
    return hour && minute;
}

bool OfficeDocument(std::string_view type) {
    return type == "application/pdf" || type == "application/msword" ||
           type == "application/vnd.ms-powerpoint" ||
           type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
           type == "application/vnd.openxmlformats-officedocument.presentationml.presentation";
}

// Checks the parts each kind needs (R-O8.1); returns the element to store.
core::Result<Element> CheckElement(const ElementDraft& draft, const std::vector<Outcome>& outcomes) {
    Element e;
    const auto kind = ParseElementKind(draft.kind);
    if (!kind) return detail::Invalid("courses.element_kind_invalid", "kind");
    e.kind = *kind;
    if (!detail::Filled(draft.title, 300)) return detail::Invalid("courses.element_title_required", "title");
    e.title = draft.title;
    const auto hours = detail::ParseInt(draft.hours, 0, 200);
    if (!hours) return detail::Invalid("courses.element_hours_invalid", "hours");
    e.hours = *hours;
    if (draft.synchronous != "yes" && draft.synchronous != "no") {
        return detail::Invalid("courses.element_format_invalid", "synchronous");
    }
    e.synchronous = draft.synchronous == "yes";
    if (draft.body.size() > 200'000) return detail::Invalid("courses.element_body_required", "body");
    e.body = draft.body;
    const auto file = [&](bool (*accepts)(std::string_view)) -> core::Status {
        if (draft.file_sha256.empty()) return detail::Invalid("courses.element_file_required", "file");
        if (!accepts(draft.file_type)) return detail::Invalid("courses.element_file_type", "file");
        e.file_sha256 = draft.file_sha256;
        e.file_type = draft.file_type;
        e.file_name = draft.file_name.substr(0, 255);
        return core::OkStatus();
    };
    core::Status parts = core::OkStatus();
    switch (e.kind) {
        case ElementKind::kLecture:
        case ElementKind::kPractical:
        case ElementKind::kLaboratory:
            if (!detail::Filled(draft.body, 200'000)) {
                return detail::Invalid("courses.element_body_required", "body");
            }
            break;
        case ElementKind::kFile:
            parts = file(OfficeDocument);
            break;
        case ElementKind::kAudio:
            parts = file([](std::string_view t) { return t.starts_with("audio/"); });
            break;
        case ElementKind::kVideo:
            parts = file([](std::string_view t) { return t.starts_with("video/"); });
            break;
        case ElementKind::kImage:
            // SVG may carry script: raster images only.
            parts = file([](std::string_view t) {
                return t == "image/png" || t == "image/jpeg" || t == "image/gif" || t == "image/webp";
            });
            break;
        case ElementKind::kLink:
            if (!HttpUrl(draft.url)) return detail::Invalid("courses.element_url_invalid", "url");
            e.url = draft.url;
            break;
        case ElementKind::kLibrary:
            if (!detail::Filled(draft.reference, 2000)) {
                return detail::Invalid("courses.element_reference_required", "reference");
            }
            if (!draft.url.empty() && !HttpUrl(draft.url)) {
                return detail::Invalid("courses.element_url_invalid", "url");
            }
            e.reference = draft.reference;
            e.url = draft.url;
            break;
        case ElementKind::kSession:
            if (!DateTime(draft.starts_at)) {
                return detail::Invalid("courses.element_starts_invalid", "starts_at");
            }
            if (!HttpUrl(draft.url)) return detail::Invalid("courses.element_url_invalid", "url");
            if (!e.synchronous) return detail::Invalid("courses.element_session_sync", "synchronous");
            e.starts_at = draft.starts_at;
            e.url = draft.url;
            break;
    }
    if (!parts) return parts.error();
    for (std::int64_t id : draft.outcome_ids) {
        if (std::none_of(outcomes.begin(), outcomes.end(), [&](const Outcome& o) { return o.id == id; })) {
            return detail::Invalid("courses.element_outcome_invalid", "outcomes");
        }
        if (std::find(e.outcome_ids.begin(), e.outcome_ids.end(), id) == e.outcome_ids.end()) {
            e.outcome_ids.push_back(id);
        }
    }
    return e;
}

}  // namespace

core::Result<Element> detail::CheckElementDraft(const ElementDraft& draft,
                                                const std::vector<Outcome>& outcomes) {
    return CheckElement(draft, outcomes);
}

core::Result<Structure> StructureOf(const auth::Principal& actor, db::Database& database,
                                    std::int64_t course_id) {
    auto loaded = detail::Load(actor, database, course_id);
    if (!loaded) return loaded.error();
    return database.Read([&](db::Session& s) {
        Store store(s);
        Structure out;
        out.outcomes = store.Outcomes(course_id);
        out.weeks = store.Weeks(course_id);
        for (Element& e : store.Elements(course_id)) {
            const auto week = std::find_if(out.weeks.begin(), out.weeks.end(),
                                           [&](const Week& w) { return w.id == e.week_id; });
            if (week != out.weeks.end()) week->elements.push_back(std::move(e));
        }
        return out;
    });
}

core::Result<std::int64_t> AddOutcome(const auth::Principal& actor, const Change& change,
                                      std::int64_t course_id, const OutcomeDraft& draft) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, true);
    if (!loaded) return loaded.error();
    if (!detail::Filled(draft.code, 20)) return detail::Invalid("courses.outcome_code_required", "code");
    if (!detail::Filled(draft.text, 2000)) return detail::Invalid("courses.outcome_text_required", "text");
    if (draft.programme_outcome.size() > 50) {
        return detail::Invalid("courses.outcome_programme_invalid", "programme_outcome");
    }
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        auto id =
            Store(session).InsertOutcome(course_id, {0, draft.code, draft.text, draft.programme_outcome});
        if (!id) return core::MakeError(core::ErrorCode::kConflict, "courses.outcome_exists", "code taken");
        detail::RecordChange(session, actor, change, "courses.add_outcome", course_id,
                             nlohmann::json{{"outcome_id", *id}, {"code", draft.code}}.dump());
        return *id;
    });
}

core::Status RemoveOutcome(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                           std::int64_t outcome_id) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, true);
    if (!loaded) return loaded.error();
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).DeleteOutcome(course_id, outcome_id)) return detail::NotFound("no such outcome");
        detail::RecordChange(session, actor, change, "courses.remove_outcome", course_id,
                             nlohmann::json{{"outcome_id", outcome_id}}.dump());
        return core::OkStatus();
    });
}

core::Result<std::int64_t> AddWeek(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                                   std::string_view number, std::string_view topic) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, true);
    if (!loaded) return loaded.error();
    const auto n = detail::ParseInt(number, 1, 30);
    if (!n) return detail::Invalid("courses.week_number_invalid", "number");
    if (!detail::Filled(topic, 500)) return detail::Invalid("courses.week_topic_required", "topic");
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        auto id = Store(session).InsertWeek(course_id, *n, std::string(topic));
        if (!id) return core::MakeError(core::ErrorCode::kConflict, "courses.week_exists", "number taken");
        detail::RecordChange(session, actor, change, "courses.add_week", course_id,
                             nlohmann::json{{"week_id", *id}, {"number", *n}}.dump());
        return *id;
    });
}

core::Result<std::int64_t> AddElement(const auth::Principal& actor, const Change& change,
                                      std::int64_t course_id, std::int64_t week_id,
                                      const ElementDraft& draft) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, true);
    if (!loaded) return loaded.error();
    std::vector<Outcome> outcomes;
    bool week_found = false;
    change.db.Read([&](db::Session& s) {
        Store store(s);
        outcomes = store.Outcomes(course_id);
        for (const Week& w : store.Weeks(course_id)) week_found = week_found || w.id == week_id;
        return 0;
    });
    if (!week_found) return detail::NotFound("no such week");
    auto element = CheckElement(draft, outcomes);
    if (!element) return element.error();
    element->week_id = week_id;
    return change.db.Transact([&](db::Session& session) -> core::Result<std::int64_t> {
        const std::int64_t id = Store(session).InsertElement(course_id, *element, change.now);
        detail::RecordChange(session, actor, change, "courses.add_element", course_id,
                             nlohmann::json{{"element_id", id},
                                            {"kind", ElementKindName(element->kind)},
                                            {"file_sha256", element->file_sha256}}
                                 .dump());
        return id;
    });
}

core::Status RemoveElement(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                           std::int64_t element_id) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, true);
    if (!loaded) return loaded.error();
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).DeleteElement(course_id, element_id)) return detail::NotFound("no such element");
        detail::RecordChange(session, actor, change, "courses.remove_element", course_id,
                             nlohmann::json{{"element_id", element_id}}.dump());
        return core::OkStatus();
    });
}

core::Status SetCaptions(const auth::Principal& actor, const Change& change, std::int64_t course_id,
                         std::int64_t element_id, std::string_view sha256, std::string_view first_bytes) {
    auto loaded = detail::LoadFor(actor, change.db, course_id, true);
    if (!loaded) return loaded.error();
    std::string_view head = first_bytes;
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    // A WebVTT file starts with "WEBVTT" followed by a space, tab or line end (W3C WebVTT §4.1).
    if (sha256.empty() || !head.starts_with("WEBVTT") ||
        (head.size() > 6 && head[6] != ' ' && head[6] != '\t' && head[6] != '\n' && head[6] != '\r')) {
        return detail::Invalid("courses.captions_invalid", "captions");
    }
    return change.db.Transact([&](db::Session& session) -> core::Status {
        if (!Store(session).SetCaptions(course_id, element_id, std::string(sha256))) {
            return detail::NotFound("no audio or video element");
        }
        detail::RecordChange(session, actor, change, "courses.set_captions", course_id,
                             nlohmann::json{{"element_id", element_id}, {"captions_sha256", sha256}}.dump());
        return core::OkStatus();
    });
}

core::Result<std::string> CourseFileType(const auth::Principal& actor, db::Database& database,
                                         std::int64_t course_id, std::string_view sha256) {
    auto loaded = detail::Load(actor, database, course_id);
    if (!loaded) return loaded.error();
    auto type =
        database.Read([&](db::Session& s) { return Store(s).FileType(course_id, std::string(sha256)); });
    if (!type) return detail::NotFound("no such file in the course");
    return *type;
}

}  // namespace oqu::courses
