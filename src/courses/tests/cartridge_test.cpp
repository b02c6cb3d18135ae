#include "courses/cartridge.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include "courses/tests/fixture.hpp"
#include "platform/files/file_store.hpp"

namespace oqu::courses::testing {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A zip of `entries` (deflated), built with libzip in a temporary file.
std::string Zip(const Entries& entries) {
    static int counter = 0;
    const auto path = std::filesystem::temp_directory_path() / ("oqu_cc_test_" + std::to_string(::getpid()) +
                                                                "_" + std::to_string(counter++) + ".zip");
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(zip, nullptr);
    for (const auto& [name, bytes] : entries) {
        zip_source_t* src = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
        EXPECT_GE(zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0) << name;
    }
    EXPECT_EQ(zip_close(zip), 0);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    std::filesystem::remove(path);
    return out.str();
}

// A Moodle-style CC 1.1 manifest: a root item, one folder (a week) with a page, a weblink and a
// quiz; `extra` goes into the resources.
std::string Manifest(const std::string& prolog = "", const std::string& link_href = "l1.xml") {
    return prolog + R"(<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">
 <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.1.0</schemaversion></metadata>
 <organizations><organization identifier="O" structure="rooted-hierarchy"><item identifier="root">
  <item identifier="s1"><title>Кіріспе апта</title>
   <item identifier="i1" identifierref="r1"><title>Реляциялық модель</title></item>
   <item identifier="i2" identifierref="r2"><title>Бейнесабақ</title></item>
   <item identifier="i3" identifierref="r3"><title>Тест</title></item>
  </item>
 </item></organization></organizations>
 <resources>
  <resource identifier="r1" type="webcontent" href="p1.html"><file href="p1.html"/></resource>
  <resource identifier="r2" type="imswl_xmlv1p1"><file href=")" +
           link_href + R"("/></resource>
  <resource identifier="r3" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="q.xml"/></resource>
 </resources>
</manifest>)";
}

const char* kPage =
    "<html><head><title>x</title><script>alert(1)</script></head><body><h1>Модель</h1>"
    "<p>Кесте &amp; қатынас</p></body></html>";
const char* kLink =
    R"(<?xml version="1.0" encoding="UTF-8"?><webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"><title>V</title><url href="https://video.example.kz/1"/></webLink>)";

class CartridgeTest : public CoursesDbTest {
protected:
    void SetUp() override {
        CoursesDbTest::SetUp();
        if (IsSkipped()) return;
        dir_ = std::filesystem::temp_directory_path() / ("oqu_cc_files_" + std::to_string(::getpid()));
        files_ = std::make_unique<platform::files::FileStore>(dir_);
    }
    void TearDown() override {
        files_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
        CoursesDbTest::TearDown();
    }
    std::int64_t TaughtCourse() {
        const std::int64_t id = MakeCourse();
        EXPECT_TRUE(AssignTeacher(Dean1(), Cc(), id, teacher1_).has_value());
        return id;
    }
    std::filesystem::path dir_;
    std::unique_ptr<platform::files::FileStore> files_;
};

/// Export then import gives the same weeks and elements (a session comes back as a link: a
/// cartridge has no date for it); the file is the same object of the store.
TEST_P(CartridgeTest, ExportThenImportKeepsTheStructure) {  // R-O8.1
    if (IsSkipped()) return;
    const std::int64_t from = TaughtCourse();
    const auto w1 = AddWeek(Teacher1(), Cc(), from, "1", "Кіріспе");
    const auto w2 = AddWeek(Teacher1(), Cc(), from, "2", "Әдебиет");
    ASSERT_TRUE(w1 && w2);
    const auto pdf = files_->Put("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    ASSERT_TRUE(pdf.has_value());
    std::vector<ElementDraft> drafts(5);
    drafts[0] = {"lecture",
                 "Реляциялық модель",
                 "# Модель\n\nКесте *және* қатынас.",
                 "",
                 "",
                 "",
                 "no",
                 "2",
                 "",
                 "",
                 "",
                 {}};
    drafts[1] = {"file",      "Слайдтар",        "",           "", "", "", "no", "1",
                 pdf->sha256, pdf->content_type, "slides.pdf", {}};
    drafts[2] = {"link", "Бейне", "", "https://video.example.kz/1", "", "", "no", "1", "", "", "", {}};
    drafts[3] = {"library", "Оқулық", "", "", "Date C. J. Databases, 2004", "", "no", "4", "", "", "", {}};
    drafts[4] = {"practical", "Тапсырма", "1. Кесте жасаңыз", "", "", "", "no", "2", "", "", "", {}};
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const auto added = AddElement(Teacher1(), Cc(), from, i < 3 ? *w1 : *w2, drafts[i]);
        ASSERT_TRUE(added.has_value()) << i << " " << added.error().message_key;
    }
    auto zip = ExportCartridge(Teacher1(), *db_, *files_, from);
    ASSERT_TRUE(zip.has_value()) << zip.error().message_key;
    EXPECT_EQ(ExportCartridge(StudentFull(), *db_, *files_, from).error().code, core::ErrorCode::kNotFound);

    const std::int64_t to = TaughtCourse();
    auto preview = PreviewCartridge(Teacher1(), *db_, to, *zip);
    ASSERT_TRUE(preview.has_value()) << preview.error().message_key;
    EXPECT_EQ(preview->version, "1.3.0");
    ASSERT_EQ(preview->weeks.size(), 2U);
    EXPECT_EQ(StructureOf(Teacher1(), *db_, to)->weeks.size(), 0U);  // a preview stores nothing
    auto made = ImportCartridge(Teacher1(), Cc(), *files_, to, *zip);
    ASSERT_TRUE(made.has_value()) << made.error().message_key;
    EXPECT_EQ(*made, 5);
    const auto a = StructureOf(Teacher1(), *db_, from).value();
    const auto b = StructureOf(Teacher1(), *db_, to).value();
    ASSERT_EQ(a.weeks.size(), b.weeks.size());
    for (std::size_t w = 0; w < a.weeks.size(); ++w) {
        EXPECT_EQ(a.weeks[w].number, b.weeks[w].number);
        EXPECT_EQ(a.weeks[w].topic, b.weeks[w].topic);
        ASSERT_EQ(a.weeks[w].elements.size(), b.weeks[w].elements.size());
        for (std::size_t e = 0; e < a.weeks[w].elements.size(); ++e) {
            const Element& x = a.weeks[w].elements[e];
            const Element& y = b.weeks[w].elements[e];
            EXPECT_EQ(x.kind, y.kind) << x.title;
            EXPECT_EQ(x.title, y.title);
            EXPECT_EQ(x.body, y.body);
            EXPECT_EQ(x.url, y.url);
            EXPECT_EQ(x.reference, y.reference);
            EXPECT_EQ(x.file_sha256, y.file_sha256);
            EXPECT_EQ(x.file_type, y.file_type);
        }
    }
    EXPECT_EQ(Audited("courses.import_cartridge"), 1);
}

/// A Moodle-style 1.1 package: the folder becomes a week after the course's last, the HTML page
/// a lecture (its text, no script), the weblink a link; the quiz is left out and counted.
TEST_P(CartridgeTest, ImportsAMoodleStylePackage) {  // R-O8.1
    if (IsSkipped()) return;
    const std::int64_t id = TaughtCourse();
    ASSERT_TRUE(AddWeek(Teacher1(), Cc(), id, "1", "Бар апта").has_value());
    const std::string zip = Zip({{"imsmanifest.xml", Manifest()}, {"p1.html", kPage}, {"l1.xml", kLink}});
    auto preview = PreviewCartridge(Teacher1(), *db_, id, zip);
    ASSERT_TRUE(preview.has_value()) << preview.error().message_key << " " << preview.error().detail;
    EXPECT_EQ(preview->skipped, 1);
    ASSERT_EQ(preview->weeks.size(), 1U);
    EXPECT_EQ(preview->weeks[0].number, 2);
    auto made = ImportCartridge(Teacher1(), Cc(), *files_, id, zip);
    ASSERT_TRUE(made.has_value()) << made.error().message_key;
    const auto s = StructureOf(Teacher1(), *db_, id).value();
    ASSERT_EQ(s.weeks.size(), 2U);
    EXPECT_EQ(s.weeks[1].topic, "Кіріспе апта");
    ASSERT_EQ(s.weeks[1].elements.size(), 2U);
    EXPECT_EQ(s.weeks[1].elements[0].kind, ElementKind::kLecture);
    EXPECT_NE(s.weeks[1].elements[0].body.find("Кесте & қатынас"), std::string::npos);
    EXPECT_EQ(s.weeks[1].elements[0].body.find("alert"), std::string::npos);
    EXPECT_EQ(s.weeks[1].elements[1].kind, ElementKind::kLink);
    EXPECT_EQ(s.weeks[1].elements[1].url, "https://video.example.kz/1");
    // Only a teacher of the course imports.
    EXPECT_EQ(ImportCartridge(Dean1(), Cc(), *files_, id, zip).error().code, core::ErrorCode::kForbidden);
}

/// Hostile or broken packages are refused with their reason and change nothing.
TEST_P(CartridgeTest, HostilePackagesChangeNothing) {
    if (IsSkipped()) return;
    const std::int64_t id = TaughtCourse();
    const std::string bomb(24u << 20, '\0');
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"courses.cartridge_invalid", "not a zip at all"},
        {"courses.cartridge_unsafe_path",
         Zip({{"imsmanifest.xml", Manifest()}, {"p1.html", kPage}, {"../../etc/evil", "x"}})},
        {"courses.cartridge_xml_entities",
         Zip({{"imsmanifest.xml", Manifest("<!DOCTYPE m [<!ENTITY a \"aaaa\">]>")}, {"p1.html", kPage}})},
        {"courses.cartridge_xml_entities",
         Zip({{"imsmanifest.xml", Manifest()},
              {"p1.html", kPage},
              {"l1.xml",
               "<!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><webLink><url "
               "href=\"&x;\"/></webLink>"}})},
        {"courses.cartridge_too_large",
         Zip({{"imsmanifest.xml", Manifest("", "big.bin")}, {"p1.html", kPage}, {"big.bin", bomb}})},
        {"courses.cartridge_not_ims", Zip({{"p1.html", kPage}})},
        {"courses.cartridge_invalid",
         Zip({{"imsmanifest.xml", Manifest("", "missing.xml")}, {"p1.html", kPage}})},
    };
    for (const auto& [key, zip] : cases) {
        auto preview = PreviewCartridge(Teacher1(), *db_, id, zip);
        ASSERT_FALSE(preview.has_value()) << key;
        EXPECT_EQ(preview.error().message_key, key);
        auto made = ImportCartridge(Teacher1(), Cc(), *files_, id, zip);
        ASSERT_FALSE(made.has_value()) << key;
        EXPECT_EQ(made.error().message_key, key);
    }
    EXPECT_TRUE(StructureOf(Teacher1(), *db_, id)->weeks.empty());
    EXPECT_EQ(Audited("courses.import_cartridge"), 0);
}

/// The reader alone, without a database: the element limit holds.
TEST(CartridgeReaderTest, TooManyElementsAreRefused) {
    detail::CartridgeLimits limits;
    limits.max_elements = 1;
    const std::string zip = Zip({{"imsmanifest.xml", Manifest()}, {"p1.html", kPage}, {"l1.xml", kLink}});
    auto plan = detail::ReadCartridge(zip, limits);
    ASSERT_FALSE(plan.has_value());
    EXPECT_EQ(plan.error().message_key, "courses.cartridge_too_large");
    EXPECT_TRUE(detail::ReadCartridge(zip).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, CartridgeTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::courses::testing
