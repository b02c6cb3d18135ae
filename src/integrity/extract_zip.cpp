#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>
#include <zip.h>

#include "integrity/extract.hpp"

namespace oqu::integrity {
namespace {

core::Error Fail(core::ErrorCode code, const char* key, const char* detail) {
    return core::MakeError(code, key, detail);
}
core::Error Broken(const char* detail) {
    return Fail(core::ErrorCode::kInvalidInput, "integrity.extract.broken", detail);
}

/// An opened DOCX/ODT/PPTX package whose parts are read under the limits.
class Package {
public:
    static core::Result<std::unique_ptr<Package>> Open(std::string_view bytes, const ExtractLimits& limits) {
        auto p = std::unique_ptr<Package>(new Package(limits));
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (src == nullptr) {
            zip_error_fini(&error);
            return Broken("zip_source_buffer_create failed");
        }
        p->zip_ = zip_open_from_source(src, ZIP_RDONLY, &error);
        zip_error_fini(&error);
        if (p->zip_ == nullptr) {
            zip_source_free(src);
            return Broken("not a zip archive");
        }
        const zip_int64_t entries = zip_get_num_entries(p->zip_, 0);
        if (entries < 0 || static_cast<std::size_t>(entries) > limits.max_entries) {
            return Fail(core::ErrorCode::kTooLarge, "integrity.extract.zip_bomb", "too many entries");
        }
        return p;
    }
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;
    ~Package() {
        if (zip_ != nullptr) zip_discard(zip_);
    }

    /// The names of all entries.
    std::vector<std::string> Names() const {
        std::vector<std::string> out;
        const zip_int64_t n = zip_get_num_entries(zip_, 0);
        for (zip_int64_t i = 0; i < n; ++i) {
            const char* name = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0);
            if (name != nullptr) out.emplace_back(name);
        }
        return out;
    }

    /// The bytes of one part; nullopt-like empty Result error when missing or over a limit.
    core::Result<std::string> Read(const std::string& name) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(zip_, name.c_str(), 0, &st) != 0) return Broken("missing part");
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0U && st.encryption_method != ZIP_EM_NONE) {
            return Fail(core::ErrorCode::kInvalidInput, "integrity.extract.encrypted", "encrypted zip entry");
        }
        if ((st.valid & ZIP_STAT_SIZE) == 0U || (st.valid & ZIP_STAT_COMP_SIZE) == 0U) {
            return Broken("no sizes");
        }
        // The declared sizes are checked first, then the reading itself is capped: a forged
        // header cannot make us unpack more than the limit.
        if (st.size > limits_.max_part_bytes || unpacked_ + st.size > limits_.max_unpacked_bytes ||
            (st.size > (1U << 20U) &&
             static_cast<double>(st.size) >
                 limits_.max_ratio * static_cast<double>(std::max<zip_uint64_t>(st.comp_size, 1)))) {
            return Fail(core::ErrorCode::kTooLarge, "integrity.extract.zip_bomb",
                        "part too large or compressed too well");
        }
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip_, name.c_str(), 0),
                                                                &zip_fclose);
        if (!file) {
            if (zip_get_error(zip_)->zip_err == ZIP_ER_NOPASSWD ||
                zip_get_error(zip_)->zip_err == ZIP_ER_WRONGPASSWD) {
                return Fail(core::ErrorCode::kInvalidInput, "integrity.extract.encrypted",
                            "encrypted zip entry");
            }
            return Broken("cannot open part");
        }
        std::string out(static_cast<std::size_t>(st.size), '\0');
        zip_int64_t got = out.empty() ? 0 : zip_fread(file.get(), out.data(), out.size());
        if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) return Broken("short or corrupt part");
        char extra = 0;
        if (zip_fread(file.get(), &extra, 1) != 0) {
            return Fail(core::ErrorCode::kTooLarge, "integrity.extract.zip_bomb",
                        "part longer than declared");
        }
        unpacked_ += st.size;
        return out;
    }

private:
    explicit Package(const ExtractLimits& limits) : limits_(limits) {}
    ExtractLimits limits_;
    zip_t* zip_ = nullptr;
    std::uint64_t unpacked_ = 0;
};

core::Result<pugi::xml_document*> ParseXml(const std::string& xml, pugi::xml_document& doc) {
    // pugixml never expands external entities; a DOCTYPE (internal entities, "billion laughs")
    // has no place in an office document and is refused outright.
    if (xml.find("<!DOCTYPE") != std::string::npos || xml.find("<!ENTITY") != std::string::npos) {
        return Fail(core::ErrorCode::kInvalidInput, "integrity.extract.xml_entities", "DOCTYPE in a part");
    }
    const auto parsed =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!parsed) return Broken("bad XML");
    return &doc;
}

std::string_view LocalName(const pugi::xml_node& n) {
    const std::string_view name = n.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool Truthy(const pugi::xml_node& n) {
    const std::string_view v = n.attribute("w:val").value();
    return v.empty() || (v != "0" && v != "false" && v != "off");
}

/// Text of WordprocessingML: paragraphs end with a newline; hidden, white and tiny runs are
/// left out and counted.
struct DocxWalker {
    std::string out;
    int hidden_runs = 0;
    int depth = 0;

    static bool HiddenRun(const pugi::xml_node& run) {
        const pugi::xml_node props = run.child("w:rPr");
        if (!props) return false;
        if (const auto v = props.child("w:vanish"); v && Truthy(v)) return true;
        if (const auto v = props.child("w:webHidden"); v && Truthy(v)) return true;
        const std::string_view color = props.child("w:color").attribute("w:val").value();
        if (color == "FFFFFF" || color == "ffffff") return true;
        const auto size = props.child("w:sz").attribute("w:val");
        return size && size.as_int(100) < 4;  // half-points: under 2 pt
    }

    void Walk(const pugi::xml_node& node) {
        if (++depth > 200) {
            --depth;
            return;
        }
        for (const pugi::xml_node& n : node.children()) {
            const std::string_view name = n.name();
            if (name == "w:t") {
                out += n.text().get();
            } else if (name == "w:tab") {
                out.push_back('\t');
            } else if (name == "w:br" || name == "w:cr") {
                out.push_back('\n');
            } else if (name == "w:noBreakHyphen") {
                out.push_back('-');
            } else if (name == "w:del" || name == "w:instrText" || name == "w:rPr" || name == "w:pPr" ||
                       name == "w:delText") {
                continue;
            } else if (name == "w:r" && HiddenRun(n)) {
                if (!std::string_view(n.child("w:t").text().get()).empty()) ++hidden_runs;
            } else {
                Walk(n);
                if (name == "w:p") out.push_back('\n');
            }
        }
        --depth;
    }
};

/// Text of OpenDocument: paragraphs and headings end with a newline; runs styled hidden,
/// white or tiny (automatic styles) are left out and counted.
struct OdtWalker {
    std::string out;
    int hidden_runs = 0;
    int depth = 0;
    std::vector<std::string> hidden_styles;

    void CollectStyles(const pugi::xml_node& root) {
        for (const pugi::xml_node& style : root.child("office:automatic-styles").children("style:style")) {
            const pugi::xml_node text = style.child("style:text-properties");
            const std::string_view color = text.attribute("fo:color").value();
            const std::string_view display = text.attribute("text:display").value();
            const std::string_view size = text.attribute("fo:font-size").value();
            const bool tiny =
                !size.empty() && size.back() == 't' && std::atof(std::string(size).c_str()) < 2.0;
            if (color == "#ffffff" || color == "#FFFFFF" || display == "none" || tiny) {
                hidden_styles.emplace_back(style.attribute("style:name").value());
            }
        }
    }

    void Walk(const pugi::xml_node& node) {
        if (++depth > 200) {
            --depth;
            return;
        }
        for (const pugi::xml_node& n : node.children()) {
            if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
                out += n.value();
                continue;
            }
            const std::string_view name = n.name();
            const std::string_view style = n.attribute("text:style-name").value();
            if (name == "text:span" &&
                std::find(hidden_styles.begin(), hidden_styles.end(), style) != hidden_styles.end()) {
                ++hidden_runs;
            } else if (name == "text:s") {
                out.append(static_cast<std::size_t>(std::clamp(n.attribute("text:c").as_int(1), 1, 1000)),
                           ' ');
            } else if (name == "text:tab") {
                out.push_back('\t');
            } else if (name == "text:line-break") {
                out.push_back('\n');
            } else if (name == "office:annotation" || name == "text:note-citation" ||
                       name == "text:tracked-changes") {
                continue;
            } else {
                Walk(n);
                if (name == "text:p" || name == "text:h") out.push_back('\n');
            }
        }
        --depth;
    }
};

/// Text of a slide (DrawingML): paragraphs end with a newline.
void WalkSlide(const pugi::xml_node& node, std::string& out, int depth) {
    if (depth > 200) return;
    for (const pugi::xml_node& n : node.children()) {
        const std::string_view local = LocalName(n);
        const std::string_view name = n.name();
        if (name == "a:t") {
            out += n.text().get();
        } else if (name == "a:br") {
            out.push_back('\n');
        } else if (local == "rPr" || local == "pPr") {
            continue;
        } else {
            WalkSlide(n, out, depth + 1);
            if (name == "a:p") out.push_back('\n');
        }
    }
}

int SlideNumber(const std::string& name) {
    // ppt/slides/slide12.xml → 12
    const auto digits = name.find_first_of("0123456789", std::strlen("ppt/slides/slide"));
    return digits == std::string::npos ? 0 : std::atoi(name.c_str() + digits);
}

bool IsCompoundFile(std::string_view bytes) {
    static constexpr std::string_view kMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    return bytes.substr(0, kMagic.size()) == kMagic;
}

}  // namespace

core::Result<ExtractedText> ExtractOffice(DocumentFormat format, std::string_view bytes,
                                          const ExtractLimits& limits) {
    if (IsCompoundFile(bytes)) {
        // A password-protected DOCX/PPTX is an OLE compound file holding an EncryptedPackage;
        // any other compound file is a legacy binary .doc/.ppt.
        static constexpr std::string_view kEncrypted = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";
        if (bytes.find(std::string_view(kEncrypted.data(), 31)) != std::string_view::npos) {
            return Fail(core::ErrorCode::kInvalidInput, "integrity.extract.encrypted", "encrypted OOXML");
        }
        return Broken("legacy binary office file");
    }
    auto package = Package::Open(bytes, limits);
    if (!package) return std::move(package).error();
    Package& zip = **package;
    ExtractedText result;
    if (format == DocumentFormat::kDocx) {
        DocxWalker walker;
        bool any = false;
        for (const char* part : {"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"}) {
            auto xml = zip.Read(part);
            if (!xml) {
                if (xml.error().message_key != "integrity.extract.broken" ||
                    std::strcmp(part, "word/document.xml") == 0) {
                    return std::move(xml).error();
                }
                continue;
            }
            pugi::xml_document doc;
            if (auto parsed = ParseXml(*xml, doc); !parsed) return std::move(parsed).error();
            if (any) walker.out.push_back('\n');
            walker.Walk(doc);
            any = true;
        }
        result.text = std::move(walker.out);
        result.hidden_runs = walker.hidden_runs;
    } else if (format == DocumentFormat::kOdt) {
        auto xml = zip.Read("content.xml");
        if (!xml) return std::move(xml).error();
        pugi::xml_document doc;
        if (auto parsed = ParseXml(*xml, doc); !parsed) return std::move(parsed).error();
        OdtWalker walker;
        const pugi::xml_node root = doc.child("office:document-content");
        walker.CollectStyles(root);
        walker.Walk(root.child("office:body"));
        result.text = std::move(walker.out);
        result.hidden_runs = walker.hidden_runs;
    } else {
        std::vector<std::string> slides;
        for (auto& name : zip.Names()) {
            if (name.rfind("ppt/slides/slide", 0) == 0 && name.size() > 4 &&
                name.substr(name.size() - 4) == ".xml") {
                slides.push_back(std::move(name));
            }
        }
        if (slides.empty()) return Broken("no slides");
        std::sort(slides.begin(), slides.end(),
                  [](const std::string& a, const std::string& b) { return SlideNumber(a) < SlideNumber(b); });
        for (const auto& name : slides) {
            auto xml = zip.Read(name);
            if (!xml) return std::move(xml).error();
            pugi::xml_document doc;
            if (auto parsed = ParseXml(*xml, doc); !parsed) return std::move(parsed).error();
            if (!result.text.empty()) result.text.push_back('\n');
            WalkSlide(doc, result.text, 0);
            if (result.text.size() > limits.max_text_bytes) break;
        }
    }
    return result;
}

}  // namespace oqu::integrity
