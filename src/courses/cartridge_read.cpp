#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>
#include <zip.h>

#include "courses/cartridge.hpp"

namespace oqu::courses::detail {
namespace {

core::Error Refused(const char* key, const char* detail,
                    core::ErrorCode code = core::ErrorCode::kInvalidInput) {
    return core::MakeError(code, key, detail);
}

// Entry names stay inside the package: no absolute paths, no "..", no backslashes or drive
// letters, no control characters. The reader never touches the file system, but a name like
// these in a package is hostile and the whole package is refused.
bool SafeName(std::string_view name) {
    if (name.empty() || name.size() > 1024 || name.front() == '/') return false;
    if (name.find('\\') != std::string_view::npos || name.find(':') != std::string_view::npos) return false;
    for (char c : name) {
        if (static_cast<unsigned char>(c) < 0x20) return false;
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('/', start), name.size());
        if (name.substr(start, end - start) == "..") return false;
        start = end + 1;
    }
    return true;
}

/// A zip opened from memory whose parts are read under the limits.
class Package {
public:
    static core::Result<std::unique_ptr<Package>> Open(std::string_view bytes,
                                                       const CartridgeLimits& limits) {
        auto p = std::unique_ptr<Package>(new Package(limits));
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (src == nullptr) {
            zip_error_fini(&error);
            return Refused("courses.cartridge_invalid", "zip_source_buffer_create failed");
        }
        p->zip_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
        zip_error_fini(&error);
        if (p->zip_ == nullptr) {
            zip_source_free(src);
            return Refused("courses.cartridge_invalid", "not a zip archive");
        }
        const zip_int64_t entries = zip_get_num_entries(p->zip_, 0);
        if (entries < 0 || static_cast<std::size_t>(entries) > limits.max_entries) {
            return Refused("courses.cartridge_too_large", "too many entries", core::ErrorCode::kTooLarge);
        }
        for (zip_int64_t i = 0; i < entries; ++i) {
            const char* name = zip_get_name(p->zip_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
            if (name == nullptr || !SafeName(name)) {
                return Refused("courses.cartridge_unsafe_path", "an entry name leaves the package");
            }
            p->names_.emplace_back(name);
        }
        return p;
    }
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;
    ~Package() {
        if (zip_ != nullptr) zip_discard(zip_);
    }

    bool Has(const std::string& name) const {
        return std::find(names_.begin(), names_.end(), name) != names_.end();
    }

    core::Result<std::string> Read(const std::string& name, std::uint64_t max_bytes) {
        if (!Has(name)) return Refused("courses.cartridge_invalid", "missing part");
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(zip_, name.c_str(), ZIP_FL_ENC_RAW, &st) != 0) {
            return Refused("courses.cartridge_invalid", "unreadable part");
        }
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0U && st.encryption_method != ZIP_EM_NONE) {
            return Refused("courses.cartridge_invalid", "encrypted part");
        }
        if ((st.valid & ZIP_STAT_SIZE) == 0U || (st.valid & ZIP_STAT_COMP_SIZE) == 0U) {
            return Refused("courses.cartridge_invalid", "no sizes");
        }
        // Declared sizes first, then the reading itself is capped: a forged header cannot make
        // us unpack more than the limits.
        if (st.size > max_bytes || unpacked_ + st.size > limits_.max_unpacked_bytes ||
            (st.size > (1U << 20U) &&
             static_cast<double>(st.size) >
                 limits_.max_ratio * static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1)))) {
            return Refused("courses.cartridge_too_large", "part too large or compressed too well",
                           core::ErrorCode::kTooLarge);
        }
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip_, name.c_str(), ZIP_FL_ENC_RAW),
                                                                &zip_fclose);
        if (!file) return Refused("courses.cartridge_invalid", "cannot open part");
        std::string out(static_cast<std::size_t>(st.size), '\0');
        const zip_int64_t got = out.empty() ? 0 : zip_fread(file.get(), out.data(), out.size());
        if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
            return Refused("courses.cartridge_invalid", "short or corrupt part");
        }
        char extra = 0;
        if (zip_fread(file.get(), &extra, 1) != 0) {
            return Refused("courses.cartridge_too_large", "part longer than declared",
                           core::ErrorCode::kTooLarge);
        }
        unpacked_ += st.size;
        return out;
    }

private:
    explicit Package(const CartridgeLimits& limits) : limits_(limits) {}
    CartridgeLimits limits_;
    zip_t* zip_ = nullptr;
    std::vector<std::string> names_;
    std::uint64_t unpacked_ = 0;
};

core::Status ParseXml(const std::string& xml, pugi::xml_document& doc) {
    // pugixml never expands external entities; a DOCTYPE (internal entities, "billion laughs")
    // has no place in a cartridge and is refused outright.
    if (xml.find("<!DOCTYPE") != std::string::npos || xml.find("<!ENTITY") != std::string::npos) {
        return Refused("courses.cartridge_xml_entities", "DOCTYPE in XML");
    }
    if (!doc.load_buffer(xml.data(), xml.size(), pugi::parse_default)) {
        return Refused("courses.cartridge_not_ims", "bad XML");
    }
    return core::OkStatus();
}

std::string_view LocalName(const pugi::xml_node& n) {
    const std::string_view name = n.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_element && LocalName(c) == local) return c;
    }
    return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& n, std::string_view local) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_element && LocalName(c) == local) out.push_back(c);
    }
    return out;
}

// The first `max` bytes of `text`, cut at a UTF-8 character boundary, trimmed.
std::string Clip(std::string text, std::size_t max) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    if (text.size() <= max) return text;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
    return text.substr(0, cut);
}

std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool EndsWith(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() && Lower(text.substr(text.size() - suffix.size())) == suffix;
}

// The text of an HTML page: its head, scripts and styles dropped, block ends as blank lines, the common
// entities decoded. Good enough for a page another system exported; Oqu's own pages carry
// their Markdown.
std::string HtmlText(const std::string& html) {
    std::string out;
    std::size_t i = 0;
    const std::string lower = Lower(html);
    while (i < html.size()) {
        if (html[i] == '<') {
            for (const char* skip : {"<script", "<style", "<head"}) {
                const std::size_t n = std::string_view(skip).size();
                // "<head" must not match "<header": the tag name ends there.
                if (lower.compare(i, n, skip) == 0 && i + n < lower.size() &&
                    (lower[i + n] == '>' || lower[i + n] == ' ' || lower[i + n] == '\t' ||
                     lower[i + n] == '\n')) {
                    const std::string close = std::string("</") + (skip + 1);
                    const auto end = lower.find(close, i);
                    i = end == std::string::npos ? html.size() : end;
                    break;
                }
            }
            const auto end = html.find('>', i);
            if (end == std::string::npos) break;
            const std::string tag = lower.substr(i, std::min<std::size_t>(end - i, 4));
            if (tag.starts_with("</p") || tag.starts_with("<br") || tag.starts_with("</h") ||
                tag.starts_with("</l") || tag.starts_with("</d") || tag.starts_with("</t")) {
                out += "\n\n";
            }
            i = end + 1;
            continue;
        }
        if (html[i] == '&') {
            static const std::pair<std::string_view, std::string_view> kEntities[] = {
                {"&amp;", "&"},   {"&lt;", "<"},  {"&gt;", ">"},
                {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
            bool decoded = false;
            for (const auto& [entity, text] : kEntities) {
                if (html.compare(i, entity.size(), entity) == 0) {
                    out += text;
                    i += entity.size();
                    decoded = true;
                    break;
                }
            }
            if (decoded) continue;
        }
        out += html[i++];
    }
    // Collapse runs of blank lines.
    std::string clean;
    int newlines = 0;
    for (char c : out) {
        newlines = c == '\n' ? newlines + 1 : (c == ' ' || c == '\t' || c == '\r' ? newlines : 0);
        if (newlines <= 2) clean += c;
    }
    return clean;
}

std::string MetaContent(const std::string& html, std::string_view name) {
    const std::string needle = "<meta name=\"" + std::string(name) + "\" content=\"";
    const auto at = html.find(needle);
    if (at == std::string::npos) return {};
    const auto start = at + needle.size();
    const auto end = html.find('"', start);
    return end == std::string::npos ? std::string() : html.substr(start, end - start);
}

std::string BaseName(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

struct Resource {
    std::string type, href;
    std::vector<std::string> files;
};

class Reader {
public:
    Reader(Package& package, const CartridgeLimits& limits, std::map<std::string, Resource> resources)
        : package_(package), limits_(limits), resources_(std::move(resources)) {}

    // The element of a leaf item; nullopt-like false when skipped.
    core::Result<bool> Leaf(const pugi::xml_node& item, PlannedWeek& week, int& skipped) {
        const auto it = resources_.find(item.attribute("identifierref").value());
        if (it == resources_.end()) {
            ++skipped;
            return false;
        }
        const Resource& r = it->second;
        const std::string title = Clip(Child(item, "title").text().get(), 300);
        const std::string type = Lower(r.type);
        if (++elements_ > limits_.max_elements) {
            return Refused("courses.cartridge_too_large", "too many elements", core::ErrorCode::kTooLarge);
        }
        PlannedElement e;
        if (type.starts_with("imswl_xmlv1p")) {
            const std::string href = !r.files.empty() ? r.files.front() : r.href;
            auto xml = package_.Read(href, 1U << 20U);
            if (!xml) return xml.error();
            pugi::xml_document doc;
            if (auto ok = ParseXml(*xml, doc); !ok) return ok.error();
            const pugi::xml_node link = doc.document_element();
            const std::string url = Child(link, "url").attribute("href").value();
            if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() > 2000) {
                ++skipped;
                return false;
            }
            e.kind = "link";
            e.url = url;
            e.title = title.empty() ? Clip(Child(link, "title").text().get(), 300) : title;
        } else if (type == "webcontent") {
            const std::string href = !r.href.empty() ? r.href : (r.files.empty() ? "" : r.files.front());
            if (href.empty()) {
                ++skipped;
                return false;
            }
            if (EndsWith(href, ".html") || EndsWith(href, ".htm")) {
                auto html = package_.Read(href, 4U << 20U);
                if (!html) return html.error();
                std::string kind = MetaContent(*html, "oqu-kind");
                if (kind != "practical" && kind != "laboratory" && kind != "library") kind = "lecture";
                e.kind = kind;
                std::string markdown;
                for (const std::string& f : r.files) {
                    if (EndsWith(f, ".md")) {
                        auto md = package_.Read(f, 4U << 20U);
                        if (!md) return md.error();
                        markdown = *md;
                    }
                }
                const std::string text = markdown.empty() ? HtmlText(*html) : markdown;
                if (kind == "library") {
                    e.reference = Clip(text, 2000);
                } else {
                    e.body = Clip(text, 200000);
                }
                if (e.body.empty() && e.reference.empty()) {
                    ++skipped;
                    return false;
                }
            } else {
                auto bytes = package_.Read(href, limits_.max_part_bytes);
                if (!bytes) return bytes.error();
                e.kind = "file";
                e.file_name = Clip(BaseName(href), 255);
                e.file_bytes = std::move(*bytes);
            }
            e.title = title.empty() ? Clip(BaseName(href), 300) : title;
        } else {
            ++skipped;  // quizzes, discussions, LTI links, ...
            return false;
        }
        if (e.title.empty()) e.title = "—";
        week.elements.push_back(std::move(e));
        return true;
    }

    core::Status Collect(const pugi::xml_node& item, PlannedWeek& week, int& skipped, int depth) {
        if (depth > 16) return Refused("courses.cartridge_not_ims", "items nested too deep");
        for (const pugi::xml_node& child : Children(item, "item")) {
            if (!child.attribute("identifierref").empty()) {
                if (auto ok = Leaf(child, week, skipped); !ok) return ok.error();
            }
            if (auto ok = Collect(child, week, skipped, depth + 1); !ok) return ok.error();
        }
        return core::OkStatus();
    }

private:
    Package& package_;
    const CartridgeLimits& limits_;
    std::map<std::string, Resource> resources_;
    std::size_t elements_ = 0;
};

}  // namespace

core::Result<CartridgePlan> ReadCartridge(std::string_view zip, const CartridgeLimits& limits) {
    auto package = Package::Open(zip, limits);
    if (!package) return package.error();
    Package& p = **package;
    if (!p.Has("imsmanifest.xml")) return Refused("courses.cartridge_not_ims", "no imsmanifest.xml");
    auto xml = p.Read("imsmanifest.xml", limits.max_manifest_bytes);
    if (!xml) return xml.error();
    pugi::xml_document doc;
    if (auto ok = ParseXml(*xml, doc); !ok) return ok.error();
    const pugi::xml_node manifest = doc.document_element();
    if (LocalName(manifest) != "manifest") return Refused("courses.cartridge_not_ims", "no manifest element");
    CartridgePlan plan;
    const pugi::xml_node metadata = Child(manifest, "metadata");
    plan.version = Clip(Child(metadata, "schemaversion").text().get(), 20);
    const std::string schema = Child(metadata, "schema").text().get();
    if (!schema.empty() && schema.find("Common Cartridge") == std::string::npos) {
        return Refused("courses.cartridge_not_ims", "not a Common Cartridge");
    }
    if (!plan.version.empty() && !plan.version.starts_with("1.0") && !plan.version.starts_with("1.1") &&
        !plan.version.starts_with("1.2") && !plan.version.starts_with("1.3")) {
        return Refused("courses.cartridge_version", "unsupported version");
    }
    std::map<std::string, Resource> resources;
    for (const pugi::xml_node& r : Children(Child(manifest, "resources"), "resource")) {
        Resource res{r.attribute("type").value(), r.attribute("href").value(), {}};
        for (const pugi::xml_node& f : Children(r, "file")) {
            res.files.emplace_back(f.attribute("href").value());
        }
        resources.emplace(r.attribute("identifier").value(), std::move(res));
    }
    const pugi::xml_node organization = Child(Child(manifest, "organizations"), "organization");
    if (!organization) return Refused("courses.cartridge_empty", "no organisation");
    // CC wraps the top-level items in one root item without a resource.
    pugi::xml_node top = organization;
    const auto items = Children(organization, "item");
    if (items.size() == 1 && items[0].attribute("identifierref").empty()) top = items[0];
    plan.title = Clip(Child(Child(Child(metadata, "lom"), "general"), "title").child_value(), 300);
    if (plan.title.empty()) {
        if (const auto string = Child(Child(Child(Child(metadata, "lom"), "general"), "title"), "string")) {
            plan.title = Clip(string.text().get(), 300);
        }
    }
    if (plan.title.empty()) plan.title = Clip(Child(organization, "title").text().get(), 300);
    Reader reader(p, limits, std::move(resources));
    PlannedWeek loose{plan.title.empty() ? "—" : plan.title, {}};
    for (const pugi::xml_node& item : Children(top, "item")) {
        if (item.attribute("identifierref").empty()) {
            PlannedWeek week{Clip(Child(item, "title").text().get(), 500), {}};
            if (week.topic.empty()) week.topic = "—";
            if (auto ok = reader.Collect(item, week, plan.skipped, 0); !ok) return ok.error();
            plan.weeks.push_back(std::move(week));
        } else {
            if (auto ok = reader.Leaf(item, loose, plan.skipped); !ok) return ok.error();
        }
        if (plan.weeks.size() > limits.max_weeks) {
            return Refused("courses.cartridge_too_many_weeks", "too many weeks");
        }
    }
    if (!loose.elements.empty()) plan.weeks.insert(plan.weeks.begin(), std::move(loose));
    if (plan.weeks.size() > limits.max_weeks) {
        return Refused("courses.cartridge_too_many_weeks", "too many weeks");
    }
    bool any = false;
    for (const auto& w : plan.weeks) any = any || !w.elements.empty();
    if (!any) return Refused("courses.cartridge_empty", "nothing to import");
    return plan;
}

}  // namespace oqu::courses::detail
