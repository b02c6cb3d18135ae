#include "integrity/extract.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <gtest/gtest.h>
#include <zip.h>

namespace oqu::integrity {
namespace {

struct Entry {
    std::string name;
    std::string data;
    bool encrypt = false;
};

/// A zip archive with the given entries, built with libzip in a temporary file.
std::string MakeZip(const std::vector<Entry>& entries) {
    const auto path =
        std::filesystem::temp_directory_path() /
        ("oqu-integrity-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
         std::to_string(std::hash<std::string>{}(entries.front().name + entries.front().data)) + ".zip");
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(zip, nullptr);
    for (const auto& e : entries) {
        zip_source_t* src = zip_source_buffer(zip, e.data.data(), e.data.size(), 0);
        const zip_int64_t index = zip_file_add(zip, e.name.c_str(), src, ZIP_FL_OVERWRITE);
        EXPECT_GE(index, 0);
        if (e.encrypt) {
            EXPECT_EQ(
                zip_file_set_encryption(zip, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, "secret"), 0);
        }
    }
    EXPECT_EQ(zip_close(zip), 0);
    std::ifstream in(path, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::filesystem::remove(path);
    return bytes;
}

std::string Docx(const std::string& body) {
    return MakeZip({{"[Content_Types].xml", "<Types/>"},
                    {"word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"urn:w\"><w:body>" +
                                              body + "</w:body></w:document>"}});
}

std::string ExtractOk(DocumentFormat format, const std::string& bytes) {
    auto r = ExtractText(format, bytes);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message_key + " " + r.error().detail);
    return r ? r->text : std::string();
}

std::string ErrorKey(DocumentFormat format, const std::string& bytes, const ExtractLimits& limits = {}) {
    auto r = ExtractText(format, bytes, limits);
    return r ? "ok" : r.error().message_key;
}

TEST(Extract, FormatsByExtension) {
    EXPECT_EQ(FormatFromFileName("Diploma.DOCX"), DocumentFormat::kDocx);
    EXPECT_EQ(FormatFromFileName("a.b.md"), DocumentFormat::kMarkdown);
    EXPECT_EQ(FormatFromFileName("essay.pdf"), DocumentFormat::kPdf);
    EXPECT_FALSE(FormatFromFileName("thesis.doc"));
    EXPECT_FALSE(FormatFromFileName("README"));
}

TEST(Extract, PlainTextIsTheFileAsItIs) {
    EXPECT_EQ(ExtractOk(DocumentFormat::kText, "\xEF\xBB\xBFҚазақ тілі\r\n"), "\xEF\xBB\xBFҚазақ тілі\r\n");
    // UTF-16 LE with a BOM, and Windows-1251.
    EXPECT_EQ(ExtractOk(DocumentFormat::kText, std::string("\xFF\xFE\x1a\x04\x30\x04", 6)), "Ка");
    EXPECT_EQ(ExtractOk(DocumentFormat::kText, "\xCA\xE0\xE7\xE0\xF5"), "Казах");
    EXPECT_EQ(ErrorKey(DocumentFormat::kText, std::string("PK\x03\x04\0\0", 6)),
              "integrity.extract.not_text");
    EXPECT_EQ(ErrorKey(DocumentFormat::kText, " \n\t"), "integrity.extract.empty");
}

TEST(Extract, HtmlWithoutMarkupScriptsAndStyles) {
    const std::string html =
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>var a = '<p>';</script><h1>Тақырып</h1><p>Бір&nbsp;екі &laquo;үш&raquo; &#1178;&#x4a2;</p>"
        "<!-- comment --><ul><li>a &amp; b</li></ul></body></html>";
    EXPECT_EQ(ExtractOk(DocumentFormat::kHtml, html), "Тақырып\nБір\u00a0екі «үш» ҚҢ\na & b\n");
}

TEST(Extract, RtfWithUnicodeCodePagesAndHiddenText) {
    const std::string rtf =
        "{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0 Times;}}{\\*\\generator x;}"
        "\\f0 \\'ca\\'e0\\'e7\\'e0\\'f5 \\u1179?\\u1201?\\par {\\v hidden}visible\\tab end}";
    auto r = ExtractText(DocumentFormat::kRtf, rtf);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->text, "Казах құ\nvisible\tend");
    EXPECT_EQ(r->hidden_runs, 1);
    EXPECT_EQ(ErrorKey(DocumentFormat::kRtf, "not rtf"), "integrity.extract.broken");
}

TEST(Extract, DocxParagraphsAndHiddenRuns) {
    const std::string body =
        "<w:p><w:r><w:t>Бірінші</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\"> абзац</w:t></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr><w:t>white</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>"
        "<w:r><w:rPr><w:sz w:val=\"2\"/></w:rPr><w:t>tiny</w:t></w:r><w:r><w:t>Екінші</w:t></w:r></w:p>";
    auto r = ExtractText(DocumentFormat::kDocx, Docx(body));
    ASSERT_TRUE(r.has_value()) << r.error().detail;
    EXPECT_EQ(r->text, "Бірінші\t абзац\nЕкінші\n");
    EXPECT_EQ(r->hidden_runs, 3);
}

TEST(Extract, OdtAndPptx) {
    const std::string content =
        "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:o\" xmlns:text=\"urn:t\" "
        "xmlns:style=\"urn:s\" xmlns:fo=\"urn:f\"><office:automatic-styles><style:style style:name=\"W\">"
        "<style:text-properties fo:color=\"#ffffff\"/></style:style></office:automatic-styles>"
        "<office:body><office:text><text:h>Тақырып</text:h><text:p>a<text:s text:c=\"2\"/>b"
        "<text:span text:style-name=\"W\">white</text:span></text:p></office:text></office:body>"
        "</office:document-content>";
    auto odt = ExtractText(
        DocumentFormat::kOdt,
        MakeZip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", content}}));
    ASSERT_TRUE(odt.has_value());
    EXPECT_EQ(odt->text, "Тақырып\na  b\n");
    EXPECT_EQ(odt->hidden_runs, 1);

    auto slide = [](const std::string& text) {
        return "<p:sld xmlns:p=\"urn:p\" "
               "xmlns:a=\"urn:a\"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>" +
               text + "</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
    };
    // Slides in numeric order: slide2 before slide10.
    EXPECT_EQ(ExtractOk(DocumentFormat::kPptx, MakeZip({{"ppt/slides/slide10.xml", slide("ten")},
                                                        {"ppt/slides/slide2.xml", slide("two")}})),
              "two\n\nten\n");
}

TEST(Extract, RefusesZipBombsEntitiesEncryptionAndBrokenFiles) {
    // 40 MiB of one letter packs into a few dozen kilobytes.
    const std::string bomb = Docx("<w:p><w:r><w:t>" + std::string(40U << 20U, 'a') + "</w:t></w:r></w:p>");
    EXPECT_LT(bomb.size(), 1U << 20U);
    EXPECT_EQ(ErrorKey(DocumentFormat::kDocx, bomb), "integrity.extract.zip_bomb");
    ExtractLimits small;
    small.max_part_bytes = 1000;
    EXPECT_EQ(ErrorKey(DocumentFormat::kDocx,
                       Docx("<w:p><w:r><w:t>" + std::string(2000, 'b') + "</w:t></w:r></w:p>"), small),
              "integrity.extract.zip_bomb");
    const std::string laughs = MakeZip(
        {{"word/document.xml",
          "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>"
          "<w:document "
          "xmlns:w=\"urn:w\"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"}});
    EXPECT_EQ(ErrorKey(DocumentFormat::kDocx, laughs), "integrity.extract.xml_entities");
    const std::string locked = MakeZip({{"word/document.xml", "<w:document/>", true}});
    EXPECT_EQ(ErrorKey(DocumentFormat::kDocx, locked), "integrity.extract.encrypted");
    EXPECT_EQ(ErrorKey(DocumentFormat::kDocx, "PK\x03\x04 truncated"), "integrity.extract.broken");
    EXPECT_EQ(ErrorKey(DocumentFormat::kDocx, MakeZip({{"other.xml", "<a/>"}})), "integrity.extract.broken");
    ExtractLimits tiny;
    tiny.max_file_bytes = 10;
    EXPECT_EQ(ErrorKey(DocumentFormat::kText, "more than ten bytes", tiny), "integrity.extract.too_large");
}

cairo_status_t AppendPdf(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// A one-page A4 PDF drawn by `draw` in DejaVu Sans 12 pt, black.
template <typename Draw>
std::string OnePagePdf(const Draw& draw) {
    std::string pdf;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(AppendPdf, &pdf, 595, 842);
    cairo_t* cr = cairo_create(surface);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    draw(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return pdf;
}

TEST(Extract, PdfText) {
    const std::string pdf = OnePagePdf([](cairo_t* cr) {
        cairo_move_to(cr, 50, 50);
        cairo_show_text(cr, "Қазақстан Республикасы");
    });
    // Cairo and fontconfig keep font caches for the process; free them so LeakSanitizer sees none.
    cairo_debug_reset_static_data();
    FcFini();
    const std::string text = ExtractOk(DocumentFormat::kPdf, pdf);
    EXPECT_NE(text.find("Қазақстан Республикасы"), std::string::npos) << text;
    EXPECT_EQ(ErrorKey(DocumentFormat::kPdf, "%PDF-1.4 broken"), "integrity.extract.broken");
    EXPECT_EQ(ErrorKey(DocumentFormat::kPdf, "hello"), "integrity.extract.broken");
}

// Tiny text (under 2 pt) is counted as a hidden run (it stays in the text, as poppler gives it);
// text placed off the page is dropped by poppler (R-O20: the hidden-text flag for PDF).
TEST(Extract, PdfTinyAndOffPageTextAreHidden) {  // R-O20
    const auto make = [](bool hide) {
        return OnePagePdf([hide](cairo_t* cr) {
            cairo_move_to(cr, 50, 50);
            cairo_show_text(cr, "Visible words of the essay");
            if (hide) {
                cairo_set_font_size(cr, 1);
                cairo_move_to(cr, 50, 100);
                cairo_show_text(cr, "tiny padding words");
                cairo_set_font_size(cr, 12);
                cairo_move_to(cr, 50, 2000);
                cairo_show_text(cr, "words below the page");
            }
        });
    };
    const std::string plain = make(false);
    const std::string hidden = make(true);
    cairo_debug_reset_static_data();
    FcFini();
    auto visible = ExtractText(DocumentFormat::kPdf, plain);
    ASSERT_TRUE(visible.has_value());
    EXPECT_EQ(visible->hidden_runs, 0);
    auto padded = ExtractText(DocumentFormat::kPdf, hidden);
    ASSERT_TRUE(padded.has_value());
    EXPECT_EQ(padded->hidden_runs, 1) << padded->text;
    EXPECT_NE(padded->text.find("Visible words"), std::string::npos);
    EXPECT_NE(padded->text.find("padding"), std::string::npos);
    EXPECT_EQ(padded->text.find("below the page"), std::string::npos);
}

// White text (poppler-glib gives each stretch's colour) is counted as a hidden run; white spaces
// alone are not, and near-black text is not (R-O20: the white-text flag for PDF).
TEST(Extract, PdfWhiteTextIsHidden) {  // R-O20
    const auto make = [](double r, double g, double b, const char* words) {
        return OnePagePdf([&](cairo_t* cr) {
            cairo_move_to(cr, 50, 50);
            cairo_show_text(cr, "Visible words of the essay");
            cairo_set_source_rgb(cr, r, g, b);
            cairo_move_to(cr, 50, 80);
            cairo_show_text(cr, words);
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_move_to(cr, 50, 110);
            cairo_show_text(cr, "Қорытынды");
        });
    };
    const std::string white = make(1, 1, 1, "ақ түсті сөздер white padding");
    const std::string grey = make(0.2, 0.2, 0.2, "сұр түсті сөздер grey words");
    const std::string spaces = make(1, 1, 1, "   ");
    cairo_debug_reset_static_data();
    FcFini();
    auto padded = ExtractText(DocumentFormat::kPdf, white);
    ASSERT_TRUE(padded.has_value());
    EXPECT_EQ(padded->hidden_runs, 1) << padded->text;
    EXPECT_NE(padded->text.find("white padding"), std::string::npos);  // Kept in the text, as tiny text.
    EXPECT_NE(padded->text.find("Қорытынды"), std::string::npos);
    auto plain = ExtractText(DocumentFormat::kPdf, grey);
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->hidden_runs, 0) << plain->text;
    auto blank = ExtractText(DocumentFormat::kPdf, spaces);
    ASSERT_TRUE(blank.has_value());
    EXPECT_EQ(blank->hidden_runs, 0) << blank->text;
}

}  // namespace
}  // namespace oqu::integrity
