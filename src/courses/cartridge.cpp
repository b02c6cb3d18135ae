#include "courses/cartridge.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "courses/api.hpp"
#include "courses/markdown.hpp"
#include "courses/store.hpp"
#include "courses/support.hpp"
#include "platform/db/database.hpp"
#include "platform/files/file_store.hpp"

namespace oqu::courses {

namespace auth = platform::auth;
namespace db = platform::db;

namespace {

// Letters, digits, dots, dashes and underscores of a file name; the rest become "_".
std::string SafeFileName(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '-' || c == '_';
        out += ok ? c : '_';
    }
    if (out.empty() || out.front() == '.') out.insert(out.begin(), 'f');
    return out.substr(0, 120);
}

bool OfficeDocument(std::string_view type) {
    return type == "application/pdf" || type == "application/msword" ||
           type == "application/vnd.ms-powerpoint" ||
           type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
           type == "application/vnd.openxmlformats-officedocument.presentationml.presentation";
}

// The element kind a stored file's sniffed type makes; empty when none takes it.
std::string FileKind(std::string_view type) {
    if (OfficeDocument(type)) return "file";
    if (type.starts_with("audio/")) return "audio";
    if (type.starts_with("video/")) return "video";
    if (type == "image/png" || type == "image/jpeg" || type == "image/gif" || type == "image/webp") {
        return "image";
    }
    return {};
}

// The access a cartridge needs: a teacher of the course (edit); exporting also courses:manage.
core::Result<detail::Loaded> Allowed(const auth::Principal& actor, db::Database& database,
                                     std::int64_t course_id, bool export_only) {
    auto loaded = detail::Load(actor, database, course_id);
    if (!loaded) return loaded.error();
    if (!loaded->access.edit && !(export_only && loaded->access.manage)) {
        return core::MakeError(core::ErrorCode::kForbidden, "courses.not_course_teacher",
                               "not a teacher of the course");
    }
    return loaded;
}

int NextWeek(db::Database& database, std::int64_t course_id) {
    return database.Read([&](db::Session& s) {
        int last = 0;
        for (const Week& w : Store(s).Weeks(course_id)) last = std::max(last, w.number);
        return last + 1;
    });
}

}  // namespace

core::Result<std::string> ExportCartridge(const auth::Principal& actor, db::Database& database,
                                          platform::files::FileStore& files, std::int64_t course_id) {
    auto loaded = Allowed(actor, database, course_id, true);
    if (!loaded) return loaded.error();
    auto course = FindCourse(actor, database, course_id, loaded->row.language);
    if (!course) return course.error();
    auto structure = StructureOf(actor, database, course_id);
    if (!structure) return structure.error();
    std::vector<detail::CartridgeWeek> weeks;
    for (const Week& w : structure->weeks) {
        detail::CartridgeWeek week{w.topic, {}};
        for (const Element& e : w.elements) {
            detail::CartridgeItem item;
            item.identifier = "e" + std::to_string(e.id);
            item.kind = std::string(ElementKindName(e.kind));
            item.title = e.title;
            switch (e.kind) {
                case ElementKind::kLecture:
                case ElementKind::kPractical:
                case ElementKind::kLaboratory:
                    item.markdown = e.body;
                    item.html = detail::RenderMarkdown(e.body);
                    break;
                case ElementKind::kLibrary:
                    item.reference = e.reference;
                    item.markdown = e.reference;
                    break;
                case ElementKind::kLink:
                case ElementKind::kSession:
                    item.url = e.url;
                    break;
                case ElementKind::kFile:
                case ElementKind::kAudio:
                case ElementKind::kVideo:
                case ElementKind::kImage: {
                    auto in = files.Open(e.file_sha256);
                    if (!in) return in.error();
                    std::ostringstream bytes;
                    bytes << in->rdbuf();
                    item.file = {"files/" + e.file_sha256.substr(0, 12) + "_" +
                                     SafeFileName(e.file_name.empty() ? e.title : e.file_name),
                                 bytes.str()};
                    break;
                }
            }
            week.items.push_back(std::move(item));
        }
        weeks.push_back(std::move(week));
    }
    return detail::WriteCartridge(course->discipline_code + " " + course->discipline_name, course->language,
                                  weeks);
}

core::Result<CartridgePreview> PreviewCartridge(const auth::Principal& actor, db::Database& database,
                                                std::int64_t course_id, std::string_view zip) {
    auto loaded = Allowed(actor, database, course_id, false);
    if (!loaded) return loaded.error();
    auto plan = detail::ReadCartridge(zip);
    if (!plan) return plan.error();
    const int first = NextWeek(database, course_id);
    if (first - 1 + static_cast<int>(plan->weeks.size()) > 30) {
        return detail::Invalid("courses.cartridge_too_many_weeks", "file");
    }
    CartridgePreview out{plan->title, plan->version, {}, plan->skipped};
    int number = first;
    for (const auto& w : plan->weeks) {
        CartridgePreview::PreviewWeek week{number++, w.topic, {}};
        for (const auto& e : w.elements) week.items.push_back({e.kind, e.title});
        out.weeks.push_back(std::move(week));
    }
    return out;
}

core::Result<int> ImportCartridge(const auth::Principal& actor, const Change& change,
                                  platform::files::FileStore& files, std::int64_t course_id,
                                  std::string_view zip) {
    auto loaded = Allowed(actor, change.db, course_id, false);
    if (!loaded) return loaded.error();
    auto plan = detail::ReadCartridge(zip);
    if (!plan) return plan.error();
    const int first = NextWeek(change.db, course_id);
    if (first - 1 + static_cast<int>(plan->weeks.size()) > 30) {
        return detail::Invalid("courses.cartridge_too_many_weeks", "file");
    }
    // Every element is checked as AddElement checks it before anything is written; files go
    // to the (content-addressed) store first, then one transaction writes the weeks.
    std::vector<std::vector<Element>> weeks;
    int skipped = plan->skipped;
    for (auto& w : plan->weeks) {
        std::vector<Element> elements;
        for (auto& e : w.elements) {
            ElementDraft draft;
            draft.kind = e.kind;
            draft.title = e.title;
            draft.body = e.body;
            draft.url = e.url;
            draft.reference = e.reference;
            draft.synchronous = "no";
            draft.hours = "1";
            if (e.kind == "file") {
                auto stored = files.Put(e.file_bytes);
                if (!stored) return stored.error();
                draft.kind = FileKind(stored->content_type);
                if (draft.kind.empty()) {
                    ++skipped;
                    continue;
                }
                draft.file_sha256 = stored->sha256;
                draft.file_type = stored->content_type;
                draft.file_name = e.file_name;
            }
            auto checked = detail::CheckElementDraft(draft, {});
            if (!checked) {
                ++skipped;
                continue;
            }
            elements.push_back(std::move(*checked));
        }
        weeks.push_back(std::move(elements));
    }
    return change.db.Transact([&](db::Session& session) -> core::Result<int> {
        Store store(session);
        int number = first, created = 0;
        for (std::size_t i = 0; i < weeks.size(); ++i) {
            auto week = store.InsertWeek(course_id, number++, plan->weeks[i].topic);
            if (!week) {
                return core::MakeError(core::ErrorCode::kConflict, "courses.week_exists", "number taken");
            }
            for (Element& e : weeks[i]) {
                e.week_id = *week;
                store.InsertElement(course_id, e, change.now);
                ++created;
            }
        }
        detail::RecordChange(session, actor, change, "courses.import_cartridge", course_id,
                             nlohmann::json{{"title", plan->title},
                                            {"version", plan->version},
                                            {"weeks", weeks.size()},
                                            {"elements", created},
                                            {"skipped", skipped}}
                                 .dump());
        return created;
    });
}

}  // namespace oqu::courses
