#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>
#include <unistd.h>
#include <zip.h>

#include "courses/cartridge.hpp"

namespace oqu::courses::detail {
namespace {

constexpr const char* kNamespace = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1";
constexpr const char* kLomManifest = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest";
constexpr const char* kWebLink = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3";

std::string Escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string XmlOf(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

/// A zip written to a temporary file, its bytes returned by Finish().
class Writer {
public:
    Writer() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("oqu_cartridge_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".zip");
        int error = 0;
        zip_ = zip_open(path_.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    ~Writer() {
        if (zip_ != nullptr) zip_discard(zip_);
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }

    bool Add(const std::string& name, std::string bytes) {
        if (zip_ == nullptr) return false;
        // libzip reads the buffer when the archive is closed: keep it alive until then.
        kept_.push_back(std::make_unique<std::string>(std::move(bytes)));
        const std::string& kept = *kept_.back();
        zip_source_t* src = zip_source_buffer(zip_, kept.data(), kept.size(), 0);
        if (src == nullptr) return false;
        if (zip_file_add(zip_, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(src);
            return false;
        }
        return true;
    }

    core::Result<std::string> Finish() {
        if (zip_ == nullptr || zip_close(zip_) != 0) {
            return core::MakeError(core::ErrorCode::kUnavailable, "platform.storage_unavailable",
                                   "cannot write the cartridge");
        }
        zip_ = nullptr;
        std::ifstream in(path_, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return bytes.str();
    }

private:
    std::filesystem::path path_;
    zip_t* zip_ = nullptr;
    std::vector<std::unique_ptr<std::string>> kept_;
};

std::string Page(const CartridgeItem& item, const std::string& language) {
    std::string body = item.kind == "library" ? "<p>" + Escape(item.reference) + "</p>" : item.html;
    return "<!DOCTYPE html>\n<html lang=\"" + Escape(language) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"Oqu\">\n"
           "<meta name=\"oqu-kind\" content=\"" +
           Escape(item.kind) + "\">\n<title>" + Escape(item.title) + "</title>\n</head>\n<body>\n<h1>" +
           Escape(item.title) + "</h1>\n" + body + "\n</body>\n</html>\n";
}

}  // namespace

core::Result<std::string> WriteCartridge(const std::string& title, const std::string& language,
                                         const std::vector<CartridgeWeek>& weeks) {
    Writer zip;
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node manifest = doc.append_child("manifest");
    manifest.append_attribute("identifier") = "oqu-course";
    manifest.append_attribute("xmlns") = kNamespace;
    manifest.append_attribute("xmlns:lomimscc") = kLomManifest;
    pugi::xml_node metadata = manifest.append_child("metadata");
    metadata.append_child("schema").text() = "IMS Common Cartridge";
    metadata.append_child("schemaversion").text() = "1.3.0";
    pugi::xml_node string = metadata.append_child("lomimscc:lom")
                                .append_child("lomimscc:general")
                                .append_child("lomimscc:title")
                                .append_child("lomimscc:string");
    string.append_attribute("language") = language.c_str();
    string.text() = title.c_str();
    pugi::xml_node organization = manifest.append_child("organizations").append_child("organization");
    organization.append_attribute("identifier") = "org";
    organization.append_attribute("structure") = "rooted-hierarchy";
    pugi::xml_node root = organization.append_child("item");
    root.append_attribute("identifier") = "root";
    pugi::xml_node resources = manifest.append_child("resources");
    int week_no = 0;
    for (const CartridgeWeek& week : weeks) {
        pugi::xml_node w = root.append_child("item");
        w.append_attribute("identifier") = ("week" + std::to_string(++week_no)).c_str();
        w.append_child("title").text() = week.topic.c_str();
        for (const CartridgeItem& item : week.items) {
            const std::string ref = "r" + item.identifier;
            pugi::xml_node i = w.append_child("item");
            i.append_attribute("identifier") = ("i" + item.identifier).c_str();
            i.append_attribute("identifierref") = ref.c_str();
            i.append_child("title").text() = item.title.c_str();
            pugi::xml_node r = resources.append_child("resource");
            r.append_attribute("identifier") = ref.c_str();
            bool ok = true;
            if (!item.url.empty()) {
                const std::string name = "links/" + item.identifier + ".xml";
                r.append_attribute("type") = "imswl_xmlv1p3";
                r.append_child("file").append_attribute("href") = name.c_str();
                pugi::xml_document link;
                pugi::xml_node web = link.append_child("webLink");
                web.append_attribute("xmlns") = kWebLink;
                web.append_child("title").text() = item.title.c_str();
                pugi::xml_node url = web.append_child("url");
                url.append_attribute("href") = item.url.c_str();
                url.append_attribute("target") = "_blank";
                ok = zip.Add(name, XmlOf(link));
            } else if (!item.file.zip_name.empty()) {
                r.append_attribute("type") = "webcontent";
                r.append_attribute("href") = item.file.zip_name.c_str();
                r.append_child("file").append_attribute("href") = item.file.zip_name.c_str();
                ok = zip.Add(item.file.zip_name, item.file.bytes);
            } else {
                const std::string page = "pages/" + item.identifier + ".html";
                r.append_attribute("type") = "webcontent";
                r.append_attribute("href") = page.c_str();
                r.append_child("file").append_attribute("href") = page.c_str();
                ok = zip.Add(page, Page(item, language));
                if (ok && !item.markdown.empty()) {
                    // The page's Markdown source, so Oqu imports it back as it was written.
                    const std::string source = "pages/" + item.identifier + ".md";
                    r.append_child("file").append_attribute("href") = source.c_str();
                    ok = zip.Add(source, item.markdown);
                }
            }
            if (!ok) {
                return core::MakeError(core::ErrorCode::kUnavailable, "platform.storage_unavailable",
                                       "cannot add to the cartridge");
            }
        }
    }
    if (!zip.Add("imsmanifest.xml", XmlOf(doc))) {
        return core::MakeError(core::ErrorCode::kUnavailable, "platform.storage_unavailable",
                               "cannot add the manifest");
    }
    return zip.Finish();
}

}  // namespace oqu::courses::detail
