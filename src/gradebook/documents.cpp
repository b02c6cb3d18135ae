#include "gradebook/documents.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "platform/auth/tokens.hpp"
#include "platform/pdf/pdf.hpp"

namespace oqu::gradebook::detail {

namespace pdf = platform::pdf;

const char* const kDocumentWords[] = {"doc_sheet_title",
                                      "doc_transcript_title",
                                      "col_number",
                                      "col_student",
                                      "col_student_number",
                                      "col_current",
                                      "col_rk1",
                                      "col_rk2",
                                      "col_admission",
                                      "col_exam",
                                      "col_reexam",
                                      "col_final",
                                      "col_letter",
                                      "col_points",
                                      "col_outcome",
                                      "col_discipline",
                                      "col_code",
                                      "col_credits",
                                      "col_period",
                                      "label_group",
                                      "label_discipline",
                                      "label_period",
                                      "label_programme",
                                      "label_student_number",
                                      "label_status",
                                      "status_open",
                                      "status_closed",
                                      "outcome_incomplete",
                                      "outcome_not_admitted",
                                      "outcome_passed",
                                      "outcome_re_exam",
                                      "outcome_retake",
                                      "xlsx_sheet",
                                      "no_lines",
                                      "signature_teacher",
                                      "signature_dean"};
const std::size_t kDocumentWordCount = sizeof(kDocumentWords) / sizeof(kDocumentWords[0]);

namespace {

std::string Word(const Words& words, const std::string& key) {
    auto it = words.find(key);
    return it == words.end() ? key : it->second;
}

std::string Opt(const std::optional<int>& v) {
    return v ? std::to_string(*v) : std::string("—");
}

std::string Points(double points) {
    return fmt::format("{:.2f}", points);
}

core::Error Unavailable(std::string what) {
    return core::MakeError(core::ErrorCode::kUnavailable, "gradebook.document_unavailable", std::move(what));
}

// A document the PDF layer could not make: the module's own message.
core::Result<std::string> Rendered(core::Result<std::string> pdf) {
    if (!pdf) return Unavailable(pdf.error().detail);
    return pdf;
}

std::string Outcome(const Words& words, const Result& result) {
    return Word(words, "outcome_" + std::string(OutcomeName(result.outcome)));
}

std::vector<std::string> SheetHeads(const Words& w) {
    return {Word(w, "col_number"),    Word(w, "col_student"), Word(w, "col_student_number"),
            Word(w, "col_current"),   Word(w, "col_rk1"),     Word(w, "col_rk2"),
            Word(w, "col_admission"), Word(w, "col_exam"),    Word(w, "col_reexam"),
            Word(w, "col_final"),     Word(w, "col_letter"),  Word(w, "col_points"),
            Word(w, "col_outcome")};
}

std::vector<std::string> SheetCells(const Words& w, const SheetRow& row, std::size_t number) {
    const Result& r = row.result.result;
    return {std::to_string(number),
            row.name,
            row.student_number,
            Opt(row.result.current),
            Opt(row.marks.rk1),
            Opt(row.marks.rk2),
            Opt(r.admission),
            Opt(row.marks.exam),
            Opt(row.marks.re_exam),
            Opt(r.final_mark),
            r.letter ? std::string(r.letter->name) : std::string("—"),
            r.letter ? Points(r.letter->points) : std::string("—"),
            Outcome(w, r)};
}

std::vector<std::string> SheetInfo(const Sheet& sheet, const Words& w, std::string_view lang) {
    const Journal& j = sheet.journal;
    return {Word(w, "label_group") + ": " + j.group_code,
            Word(w, "label_discipline") + ": " + j.discipline_code + " " + DisciplineName(j, lang) + " (" +
                std::to_string(j.credits) + " ECTS)",
            Word(w, "label_period") + ": " + Word(w, "period_label") + ", " + j.period_start + " – " +
                j.period_end,
            Word(w, "weights_line"),
            Word(w, "label_status") + ": " + Word(w, j.closed ? "status_closed" : "status_open")};
}

}  // namespace

std::string DisciplineName(const Journal& j, std::string_view lang) {
    if (lang == "ru" && !j.discipline_ru.empty()) return j.discipline_ru;
    if (lang == "en" && !j.discipline_en.empty()) return j.discipline_en;
    return j.discipline_kk;
}

core::Result<std::string> ExamSheetPdf(const Sheet& sheet, const Words& words, std::string_view lang) {
    pdf::Document doc;
    doc.title = Word(words, "doc_sheet_title");
    doc.subtitle = SheetInfo(sheet, words, lang);
    doc.orientation = pdf::Orientation::kLandscape;
    pdf::Table table;
    table.headers = SheetHeads(words);
    table.widths = {0.5, 4, 1.5, 1, 1, 1, 1.1, 1, 1.1, 1, 0.8, 0.9, 1.8};
    table.align = {pdf::Align::kRight,  pdf::Align::kLeft,   pdf::Align::kLeft,   pdf::Align::kCenter,
                   pdf::Align::kCenter, pdf::Align::kCenter, pdf::Align::kCenter, pdf::Align::kCenter,
                   pdf::Align::kCenter, pdf::Align::kCenter, pdf::Align::kCenter, pdf::Align::kCenter};
    std::size_t n = 0;
    for (const SheetRow& row : sheet.rows) table.rows.push_back(SheetCells(words, row, ++n));
    doc.AddTable(std::move(table));
    doc.Paragraph(Word(words, "signature_teacher") + " ____________________");
    doc.Paragraph(Word(words, "signature_dean") + " ____________________");
    return Rendered(pdf::Render(doc));
}

namespace {

/// The workbook being written, closed (and its temporary file removed) on every path, as in
/// compliance/xlsx.cpp.
class Workbook {
public:
    explicit Workbook(std::filesystem::path path) : path_(std::move(path)) {
        book_ = workbook_new(path_.c_str());
    }
    ~Workbook() {
        if (book_ != nullptr) workbook_close(book_);
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    lxw_workbook* get() const { return book_; }
    /// Writes the file and returns its bytes; empty on failure.
    std::string Finish() {
        const lxw_error error = workbook_close(book_);
        book_ = nullptr;
        if (error != LXW_NO_ERROR) return {};
        std::ifstream in(path_, std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        return bytes.str();
    }

private:
    std::filesystem::path path_;
    lxw_workbook* book_ = nullptr;
};

}  // namespace

core::Result<std::string> ExamSheetXlsx(const Sheet& sheet, const Words& words, std::string_view lang) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("oqu-gradebook-" + platform::auth::RandomToken(8) + ".xlsx");
    Workbook book(path);
    if (book.get() == nullptr) return Unavailable("cannot create the workbook");
    lxw_format* bold = workbook_add_format(book.get());
    format_set_bold(bold);
    lxw_format* header = workbook_add_format(book.get());
    format_set_bold(header);
    format_set_bg_color(header, 0xDDE7F0);
    format_set_text_wrap(header);
    format_set_border(header, LXW_BORDER_THIN);
    lxw_format* cell = workbook_add_format(book.get());
    format_set_border(cell, LXW_BORDER_THIN);
    lxw_format* points = workbook_add_format(book.get());
    format_set_border(points, LXW_BORDER_THIN);
    format_set_num_format(points, "0.00");

    lxw_worksheet* ws = workbook_add_worksheet(book.get(), Word(words, "xlsx_sheet").substr(0, 31).c_str());
    if (ws == nullptr) ws = workbook_add_worksheet(book.get(), nullptr);
    worksheet_write_string(ws, 0, 0, Word(words, "doc_sheet_title").c_str(), bold);
    lxw_row_t r = 1;
    for (const std::string& line : SheetInfo(sheet, words, lang)) {
        worksheet_write_string(ws, r++, 0, line.c_str(), nullptr);
    }
    ++r;
    const auto heads = SheetHeads(words);
    for (std::size_t c = 0; c < heads.size(); ++c) {
        worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), heads[c].c_str(), header);
    }
    worksheet_freeze_panes(ws, r + 1, 2);
    worksheet_set_column(ws, 0, 0, 5, nullptr);
    worksheet_set_column(ws, 1, 1, 36, nullptr);
    worksheet_set_column(ws, 2, 2, 14, nullptr);
    worksheet_set_column(ws, 3, 12, 11, nullptr);
    worksheet_set_column(ws, 12, 12, 22, nullptr);
    std::size_t n = 0;
    for (const SheetRow& row : sheet.rows) {
        ++r;
        const Result& res = row.result.result;
        const auto number = [&](lxw_col_t c, const std::optional<int>& v) {
            if (v) {
                worksheet_write_number(ws, r, c, *v, cell);
            } else {
                worksheet_write_blank(ws, r, c, cell);
            }
        };
        worksheet_write_number(ws, r, 0, static_cast<double>(++n), cell);
        worksheet_write_string(ws, r, 1, row.name.c_str(), cell);
        worksheet_write_string(ws, r, 2, row.student_number.c_str(), cell);
        number(3, row.result.current);
        number(4, row.marks.rk1);
        number(5, row.marks.rk2);
        number(6, res.admission);
        number(7, row.marks.exam);
        number(8, row.marks.re_exam);
        number(9, res.final_mark);
        if (res.letter) {
            worksheet_write_string(ws, r, 10, std::string(res.letter->name).c_str(), cell);
            worksheet_write_number(ws, r, 11, res.letter->points, points);
        } else {
            worksheet_write_blank(ws, r, 10, cell);
            worksheet_write_blank(ws, r, 11, cell);
        }
        worksheet_write_string(ws, r, 12, Outcome(words, res).c_str(), cell);
    }
    std::string bytes = book.Finish();
    if (bytes.empty()) return Unavailable("cannot write the workbook");
    return bytes;
}

core::Result<std::string> TranscriptPdf(const Transcript& t, const Words& words, std::string_view lang) {
    pdf::Document doc;
    doc.title = Word(words, "doc_transcript_title");
    doc.subtitle = {t.name, Word(words, "label_student_number") + ": " + t.student_number,
                    Word(words, "label_programme") + ": " + t.programme_code + ", " +
                        Word(words, "label_group") + ": " + t.group_code};
    pdf::Table table;
    table.headers = {Word(words, "col_period"),  Word(words, "col_code"),   Word(words, "col_discipline"),
                     Word(words, "col_credits"), Word(words, "col_final"),  Word(words, "col_letter"),
                     Word(words, "col_points"),  Word(words, "col_outcome")};
    table.widths = {1.8, 1.3, 4, 0.9, 0.9, 0.8, 0.8, 1.8};
    table.align = {pdf::Align::kLeft,   pdf::Align::kLeft,   pdf::Align::kLeft,   pdf::Align::kCenter,
                   pdf::Align::kCenter, pdf::Align::kCenter, pdf::Align::kCenter, pdf::Align::kLeft};
    for (const TranscriptLine& line : t.lines) {
        const Result& r = line.result.result;
        table.rows.push_back({line.journal.period_start + " – " + line.journal.period_end,
                              line.journal.discipline_code, DisciplineName(line.journal, lang),
                              std::to_string(line.journal.credits), Opt(r.final_mark),
                              r.letter ? std::string(r.letter->name) : std::string("—"),
                              r.letter ? Points(r.letter->points) : std::string("—"), Outcome(words, r)});
    }
    if (t.lines.empty()) {
        doc.Paragraph(Word(words, "no_lines"));
    } else {
        doc.AddTable(std::move(table));
    }
    doc.Paragraph(Word(words, "gpa_line"));
    return Rendered(pdf::Render(doc));
}

}  // namespace oqu::gradebook::detail
