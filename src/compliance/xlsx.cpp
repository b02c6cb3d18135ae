#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <xlsxwriter.h>

#include "compliance/api.hpp"
#include "platform/auth/tokens.hpp"

namespace oqu::compliance {

namespace {

/// The workbook being written, closed (and its temporary file removed) on every path.
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

const char* SheetName(char group) {
    switch (group) {
        case 'A':
            return "A infrastructure";
        case 'D':
            return "D distance learning";
        default:
            return "O online form";
    }
}

}  // namespace

core::Result<std::string> ReportXlsx(const Report& report) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("oqu-compliance-" + platform::auth::RandomToken(8) + ".xlsx");
    Workbook book(path);
    if (book.get() == nullptr) {
        return core::MakeError(core::ErrorCode::kUnavailable, "platform.storage_unavailable",
                               "cannot create the workbook");
    }
    lxw_format* header = workbook_add_format(book.get());
    format_set_bold(header);
    format_set_bg_color(header, 0xDDE7F0);
    lxw_format* wrap = workbook_add_format(book.get());
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    // Summary: one row a requirement.
    lxw_worksheet* summary = workbook_add_worksheet(book.get(), "Summary");
    const char* columns[] = {"ID", "Requirement", "Status", "Violations", "Summary"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(summary, 0, c, columns[c], header);
    worksheet_set_column(summary, 0, 0, 8, nullptr);
    worksheet_set_column(summary, 1, 1, 60, wrap);
    worksheet_set_column(summary, 2, 2, 16, nullptr);
    worksheet_set_column(summary, 3, 3, 11, nullptr);
    worksheet_set_column(summary, 4, 4, 60, wrap);
    lxw_row_t row = 1;
    for (const auto& r : report.rules) {
        worksheet_write_string(summary, row, 0, r.id.c_str(), nullptr);
        worksheet_write_string(summary, row, 1, r.title.c_str(), wrap);
        worksheet_write_string(summary, row, 2, std::string(StatusName(r.status)).c_str(), nullptr);
        worksheet_write_number(summary, row, 3, static_cast<double>(r.violations.size()), nullptr);
        worksheet_write_string(summary, row, 4, r.summary.c_str(), wrap);
        ++row;
    }
    worksheet_freeze_panes(summary, 1, 0);

    // One sheet per group: every violation with its requirement.
    for (char group : {'A', 'D', 'O'}) {
        lxw_worksheet* sheet = workbook_add_worksheet(book.get(), SheetName(group));
        const char* heads[] = {"ID", "Status", "Subject", "Detail", "Link"};
        for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(sheet, 0, c, heads[c], header);
        worksheet_set_column(sheet, 0, 0, 8, nullptr);
        worksheet_set_column(sheet, 1, 1, 16, nullptr);
        worksheet_set_column(sheet, 2, 2, 45, wrap);
        worksheet_set_column(sheet, 3, 3, 70, wrap);
        worksheet_set_column(sheet, 4, 4, 28, nullptr);
        row = 1;
        for (const auto& r : report.rules) {
            if (r.group != group) continue;
            const std::string status(StatusName(r.status));
            if (r.violations.empty()) {
                worksheet_write_string(sheet, row, 0, r.id.c_str(), nullptr);
                worksheet_write_string(sheet, row, 1, status.c_str(), nullptr);
                worksheet_write_string(sheet, row, 3, r.summary.c_str(), wrap);
                ++row;
            }
            for (const auto& v : r.violations) {
                worksheet_write_string(sheet, row, 0, r.id.c_str(), nullptr);
                worksheet_write_string(sheet, row, 1, status.c_str(), nullptr);
                worksheet_write_string(sheet, row, 2, v.subject.c_str(), wrap);
                worksheet_write_string(sheet, row, 3, v.detail.c_str(), wrap);
                worksheet_write_string(sheet, row, 4, v.link.c_str(), nullptr);
                ++row;
            }
        }
        worksheet_freeze_panes(sheet, 1, 0);
    }
    std::string bytes = book.Finish();
    if (bytes.empty()) {
        return core::MakeError(core::ErrorCode::kUnavailable, "platform.storage_unavailable",
                               "cannot write the workbook");
    }
    return bytes;
}

}  // namespace oqu::compliance
