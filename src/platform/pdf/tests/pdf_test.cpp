#include "platform/pdf/pdf.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>

namespace oqu::platform::pdf {
namespace {

std::unique_ptr<poppler::document> Parse(const std::string& bytes) {
    return std::unique_ptr<poppler::document>(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
}

// Poppler's text layout may drop the spaces around "/": compare footers without spaces.
std::string Squeezed(std::string text) {
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });
    return text;
}

std::string PageText(const poppler::document& doc, int page) {
    std::unique_ptr<poppler::page> p(doc.create_page(page));
    if (!p) return {};
    const auto utf8 = p->text().to_utf8();
    return std::string(utf8.begin(), utf8.end());
}

/// A short document is one page that a PDF reader opens, with its title metadata and the
/// Kazakh letters as text (the font has them, so they are not replaced).
TEST(PdfTest, KazakhTextRoundTrips) {
    Document doc;
    doc.title = "Емтихан ведомосы";
    doc.subtitle = {"Әл-Фараби университеті"};
    doc.Heading("Бөлім");
    doc.Paragraph("ә ғ қ ң ө ұ ү һ і — Ақпараттық жүйелер");
    doc.AddTable({{"№", "Аты-жөні", "Баға"},
                  {1, 4, 1},
                  {Align::kRight, Align::kLeft, Align::kCenter},
                  {{"1", "Нұрланова Әлия", "A-"}, {"2", "Құрманғали Өмірзақ", "FX"}}});
    auto bytes = Render(doc);
    ASSERT_TRUE(bytes.has_value());
    ASSERT_GT(bytes->size(), 500U);
    EXPECT_EQ(bytes->substr(0, 5), "%PDF-");
    EXPECT_NE(bytes->rfind("%%EOF"), std::string::npos);
    auto parsed = Parse(*bytes);
    ASSERT_NE(parsed, nullptr);
    EXPECT_FALSE(parsed->is_locked());
    EXPECT_EQ(parsed->pages(), 1);
    const auto title = parsed->get_title().to_utf8();
    EXPECT_EQ(std::string(title.begin(), title.end()), "Емтихан ведомосы");
    const std::string text = PageText(*parsed, 0);
    for (const char* word : {"ә ғ қ ң ө ұ ү һ і", "Нұрланова Әлия", "Құрманғали Өмірзақ", "FX"}) {
        EXPECT_NE(text.find(word), std::string::npos) << word << " not in:\n" << text;
    }
    EXPECT_NE(Squeezed(text).find("1/1"), std::string::npos) << text;
}

/// A long table breaks over pages, its header repeated on each, and the footer counts them.
TEST(PdfTest, LongTableBreaksOverPagesWithTheHeader) {
    Document doc;
    doc.title = "Transcript";
    Table table{{"Code", "Discipline", "Mark"}, {1, 5, 1}, {}, {}};
    for (int i = 1; i <= 150; ++i) {
        table.rows.push_back({"D" + std::to_string(i), "Discipline number " + std::to_string(i), "85"});
    }
    doc.AddTable(table);
    doc.Paragraph("The end.");
    auto bytes = Render(doc);
    ASSERT_TRUE(bytes.has_value());
    auto parsed = Parse(*bytes);
    ASSERT_NE(parsed, nullptr);
    const int pages = parsed->pages();
    ASSERT_GE(pages, 3);
    for (int p = 0; p < pages; ++p) {
        const std::string text = PageText(*parsed, p);
        EXPECT_NE(text.find("Discipline"), std::string::npos) << "page " << p + 1;
        const std::string footer = std::to_string(p + 1) + "/" + std::to_string(pages);
        EXPECT_NE(Squeezed(text).find(footer), std::string::npos) << "page " << p + 1 << ":\n" << text;
    }
    EXPECT_NE(PageText(*parsed, 0).find("D1 "), std::string::npos);
    EXPECT_NE(PageText(*parsed, pages - 1).find("D150"), std::string::npos);
    EXPECT_NE(PageText(*parsed, pages - 1).find("The end."), std::string::npos);
}

/// Landscape pages are wider than tall; invalid UTF-8 is replaced, not fatal; an empty document
/// is still one valid page.
TEST(PdfTest, LandscapeAndOddInput) {
    Document doc;
    doc.title = "Wide";
    doc.orientation = Orientation::kLandscape;
    doc.Paragraph(std::string("bad \xff\xfe bytes"));
    auto bytes = Render(doc);
    ASSERT_TRUE(bytes.has_value());
    auto parsed = Parse(*bytes);
    ASSERT_NE(parsed, nullptr);
    std::unique_ptr<poppler::page> page(parsed->create_page(0));
    ASSERT_NE(page, nullptr);
    EXPECT_GT(page->page_rect().width(), page->page_rect().height());
    EXPECT_NE(PageText(*parsed, 0).find("bytes"), std::string::npos);
    auto empty = Render(Document{});
    ASSERT_TRUE(empty.has_value());
    auto blank = Parse(*empty);
    ASSERT_NE(blank, nullptr);
    EXPECT_EQ(blank->pages(), 1);
}

}  // namespace
}  // namespace oqu::platform::pdf
