#include "gradebook/documents.hpp"

#include <memory>

#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include "gradebook/tests/fixture.hpp"

namespace oqu::gradebook {
namespace {

using testing::GradebookDbTest;

class DocumentsTest : public GradebookDbTest {
protected:
    static detail::Words Words() {
        detail::Words w;
        for (std::size_t i = 0; i < detail::kDocumentWordCount; ++i) {
            w[detail::kDocumentWords[i]] = std::string("«") + detail::kDocumentWords[i] + "»";
        }
        w["doc_sheet_title"] = "Емтихан ведомосы";
        w["outcome_passed"] = "Өтті";
        w["weights_line"] = "20/20/20/40";
        w["gpa_line"] = "GPA 4.00";
        return w;
    }

    static std::string Text(const std::string& pdf) {
        std::unique_ptr<poppler::document> doc(
            poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
        if (!doc) return {};
        std::string out;
        for (int p = 0; p < doc->pages(); ++p) {
            std::unique_ptr<poppler::page> page(doc->create_page(p));
            const auto utf8 = page->text().to_utf8();
            out.append(utf8.begin(), utf8.end());
        }
        return out;
    }
};

/// The exam sheet (ведомость) as PDF names every student with his final mark, letter and outcome,
/// in Kazakh; as XLSX it is a workbook.
TEST_P(DocumentsTest, ExamSheetPdfAndXlsx) {  // R-O22
    const std::int64_t id = Open();
    ASSERT_TRUE(Marks(Teacher1(), id, 0, 100, 100, 100, 90).has_value());
    auto sheet = LoadSheet(Dean(faculty1_), *db_, id);
    ASSERT_TRUE(sheet.has_value());
    auto pdf = detail::ExamSheetPdf(*sheet, Words(), "kk");
    ASSERT_TRUE(pdf.has_value());
    EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
    const std::string text = Text(*pdf);
    for (const char* word :
         {"Емтихан ведомосы", "ИС-26-1", "Нұрланова Әлия", "Құрманов", "96", "Өтті", "IS 2201"}) {
        EXPECT_NE(text.find(word), std::string::npos) << word << " not in:\n" << text;
    }
    auto xlsx = detail::ExamSheetXlsx(*sheet, Words(), "ru");
    ASSERT_TRUE(xlsx.has_value());
    EXPECT_EQ(xlsx->substr(0, 2), "PK");
    EXPECT_NE(xlsx->find("xl/worksheets/sheet1.xml"), std::string::npos);
}

/// The transcript PDF lists the disciplines and the GPA line.
TEST_P(DocumentsTest, TranscriptPdf) {  // R-D9
    const std::int64_t id = Open();
    ASSERT_TRUE(Marks(Teacher1(), id, 0, 100, 100, 100, 90).has_value());
    auto transcript = TranscriptOf(Student(0), *db_, students_[0]);
    ASSERT_TRUE(transcript.has_value());
    auto pdf = detail::TranscriptPdf(*transcript, Words(), "en");
    ASSERT_TRUE(pdf.has_value());
    const std::string text = Text(*pdf);
    for (const char* word : {"Databases IS 2201", "GPA 4.00", "S-1", "4.00"}) {
        EXPECT_NE(text.find(word), std::string::npos) << word << " not in:\n" << text;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentsTest, people::testing::Backends(),
                         platform::db::testing::BackendName);

}  // namespace
}  // namespace oqu::gradebook
