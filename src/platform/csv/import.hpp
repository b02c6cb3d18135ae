#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "platform/csv/csv.hpp"
#include "platform/db/database.hpp"

/// The preview/commit frame of every CSV import. A module describes its columns and gives two
/// functions: `check` turns one row into a typed value (or field errors) and says whether it
/// creates, changes or leaves alone a record; `apply` writes one checked value. PreviewImport
/// runs the checks in a read transaction and reports every row; CommitImport runs them again
/// and, only when no row has an error, applies every row in ONE write transaction, so a bad row
/// changes nothing.
namespace oqu::platform::csv {

/// One column an import understands.
struct ColumnSpec {
    std::string key;                   ///< Canonical name, also the English title ("login").
    bool required = false;             ///< The header must have it (the cell may still be empty).
    std::vector<std::string> aliases;  ///< Other accepted titles in kk/ru/en ("логин"); any case.
    bool unique_in_file = false;       ///< Two rows may not repeat a non-empty value.
};

/// What an import reads: its columns and the parser limits.
struct ImportSpec {
    std::vector<ColumnSpec> columns;  ///< In template order.
    Limits limits;                    ///< Parser limits (rows, fields, field size).
};

/// One problem of the file, a row or a cell, shown translated with its place.
struct FieldError {
    std::size_t row = 0;      ///< Spreadsheet row, the header being row 1.
    std::string column;       ///< Column key ("iin"); empty when the row or file as a whole is wrong.
    std::string message_key;  ///< Strings key ("people.iin_checksum").
    std::vector<std::pair<std::string, std::string>> args;  ///< ICU MessageFormat arguments.
};

/// What committing a row would do.
enum class RowStatus { kNew, kUpdate, kUnchanged, kError };

/// Stable lower-case name of a status ("new", "update", "unchanged", "error").
std::string_view RowStatusName(RowStatus status);

/// Lower-cases ASCII, Cyrillic and Kazakh letters and collapses spaces, so that "Логин ",
/// "ЛОГИН" and "логин" name the same column; a trailing '*' (required marker) is dropped.
std::string NormalizeTitle(std::string_view title);

/// Where each column of an ImportSpec sits in the file's header.
class ColumnMap {
public:
    /// Maps `header` onto `spec`; appends to `errors` (row 1): "csv.missing_column" {column} for
    /// each absent required column and "csv.duplicate_column" {column} for a column given twice.
    /// Unknown titles are ignored (listed by unknown()).
    static ColumnMap Build(const std::vector<std::string>& header, std::span<const ColumnSpec> spec,
                           std::vector<FieldError>& errors);

    /// Index in the record of column `key`, or nullopt when the file lacks it.
    std::optional<std::size_t> Index(std::string_view key) const;
    /// Header titles that matched no column.
    const std::vector<std::string>& unknown() const { return unknown_; }

private:
    std::vector<std::pair<std::string, std::size_t>> index_;
    std::vector<std::string> unknown_;
};

/// One data row as the checker sees it, by column key.
class RowView {
public:
    /// A view of `record` through `map`; both must outlive the view.
    RowView(const Record& record, const ColumnMap& map) : record_(record), map_(map) {}
    /// The spreadsheet row number (header = 1).
    std::size_t row() const { return record_.row; }
    /// The cell of column `key` without surrounding spaces; empty when absent or empty.
    std::string_view Get(std::string_view key) const;
    /// True when the file has column `key` (the cell may be empty).
    bool Has(std::string_view key) const { return map_.Index(key).has_value(); }

private:
    const Record& record_;
    const ColumnMap& map_;
};

/// A checker's verdict on one row.
template <typename T>
struct RowCheck {
    RowStatus status = RowStatus::kNew;  ///< kNew, kUpdate or kUnchanged; kError is set by the frame.
    std::optional<T> value;              ///< The typed row when it has no error.
    std::vector<FieldError> errors;      ///< Problems; `row` is filled in by the frame.

    /// Adds an error on `column` (a column key, or empty for the whole row).
    void AddError(std::string column, std::string message_key,
                  std::vector<std::pair<std::string, std::string>> args = {}) {
        errors.push_back(FieldError{0, std::move(column), std::move(message_key), std::move(args)});
    }
};

/// One row of a preview.
template <typename T>
struct RowOutcome {
    std::size_t row = 0;  ///< Spreadsheet row.
    RowStatus status = RowStatus::kNew;
    std::optional<T> value;          ///< Set unless status is kError.
    std::vector<std::string> cells;  ///< The row's cells in ImportSpec column order ("" when absent).
    std::vector<FieldError> errors;  ///< This row's errors, in column order of discovery.
};

/// The whole preview (or the outcome of a commit).
template <typename T>
struct Preview {
    std::vector<FieldError> file_errors;       ///< Header problems (missing, duplicate columns).
    std::vector<std::string> unknown_columns;  ///< Titles of the file no column took.
    std::vector<RowOutcome<T>> rows;           ///< Every data row, in file order.
    bool committed = false;                    ///< True only after a successful CommitImport.

    /// Rows with this status.
    std::size_t Count(RowStatus status) const {
        std::size_t n = 0;
        for (const auto& r : rows) n += r.status == status ? 1 : 0;
        return n;
    }
    /// True when the file and every row are free of errors and there is at least one row.
    bool Importable() const { return file_errors.empty() && !rows.empty() && Count(RowStatus::kError) == 0; }
    /// File errors then row errors, in row order.
    std::vector<FieldError> AllErrors() const {
        std::vector<FieldError> out = file_errors;
        for (const auto& r : rows) out.insert(out.end(), r.errors.begin(), r.errors.end());
        return out;
    }
};

/// Checks one row inside the import's transaction (lookups go through `session`).
template <typename T>
using RowChecker = std::function<RowCheck<T>(db::Session& session, const RowView& row)>;

/// Writes one checked row (status kNew or kUpdate) inside the import's transaction; an Error
/// aborts the whole import.
template <typename T>
using RowApplier = std::function<core::Status(db::Session& session, const RowOutcome<T>& row)>;

namespace detail {

/// Cells of `record` in spec order.
std::vector<std::string> CellsInSpecOrder(const Record& record, const ColumnMap& map,
                                          std::span<const ColumnSpec> spec);

/// Appends "csv.duplicate_in_file" {column, first_row} errors for repeated unique values; `seen`
/// remembers (column, value) → first row across calls.
void CheckUniqueInFile(const RowView& row, std::span<const ColumnSpec> spec,
                       std::unordered_map<std::string, std::size_t>& seen, std::vector<FieldError>& errors);

/// Thrown inside the write transaction to roll it back when a row cannot be applied; never
/// escapes CommitImport.
struct Rollback {
    std::size_t row;
    core::Error error;
};

/// Runs the checks of every row of `table` on `session`.
template <typename T>
Preview<T> CheckAll(db::Session& session, const Table& table, const ImportSpec& spec,
                    const RowChecker<T>& check) {
    Preview<T> preview;
    const ColumnMap map = ColumnMap::Build(table.header, spec.columns, preview.file_errors);
    preview.unknown_columns = map.unknown();
    if (!preview.file_errors.empty()) return preview;
    std::unordered_map<std::string, std::size_t> seen;
    preview.rows.reserve(table.rows.size());
    for (const Record& record : table.rows) {
        const RowView view(record, map);
        RowCheck<T> verdict = check(session, view);
        CheckUniqueInFile(view, spec.columns, seen, verdict.errors);
        RowOutcome<T> outcome;
        outcome.row = record.row;
        outcome.cells = CellsInSpecOrder(record, map, spec.columns);
        outcome.errors = std::move(verdict.errors);
        for (FieldError& e : outcome.errors) e.row = record.row;
        if (outcome.errors.empty() && verdict.value.has_value()) {
            outcome.status = verdict.status;
            outcome.value = std::move(verdict.value);
        } else {
            outcome.status = RowStatus::kError;
            if (outcome.errors.empty()) {
                outcome.errors.push_back(FieldError{record.row, "", "csv.row_invalid", {}});
            }
        }
        preview.rows.push_back(std::move(outcome));
    }
    return preview;
}

}  // namespace detail

/// Parses `text` and checks every row in one read transaction; nothing is written. A file that
/// cannot be parsed at all (invalid UTF-8, a broken quote, over a limit) is an Error with its
/// line; problems of the header and of rows are in the Preview.
template <typename T>
core::Result<Preview<T>> PreviewImport(db::Database& db, std::string_view text, const ImportSpec& spec,
                                       const RowChecker<T>& check) {
    auto table = Parse(text, spec.limits);
    if (!table) return table.error();
    return db.Read([&](db::Session& session) { return detail::CheckAll(session, *table, spec, check); });
}

/// Checks every row again inside ONE write transaction and, only when the file has no error,
/// applies the kNew and kUpdate rows in file order and commits (Preview::committed is then
/// true). With an error in any row, or when `apply` fails on a row (its error is added to that
/// row), the transaction is rolled back and nothing changes. Parse errors as in PreviewImport.
template <typename T>
core::Result<Preview<T>> CommitImport(db::Database& db, std::string_view text, const ImportSpec& spec,
                                      const RowChecker<T>& check, const RowApplier<T>& apply) {
    auto table = Parse(text, spec.limits);
    if (!table) return table.error();
    Preview<T> preview;
    try {
        db.Transact([&](db::Session& session) {
            preview = detail::CheckAll(session, *table, spec, check);
            if (!preview.Importable()) return;
            for (const RowOutcome<T>& row : preview.rows) {
                if (row.status != RowStatus::kNew && row.status != RowStatus::kUpdate) continue;
                if (auto applied = apply(session, row); !applied) {
                    throw detail::Rollback{row.row, std::move(applied).error()};
                }
            }
            preview.committed = true;
        });
    } catch (const detail::Rollback& rollback) {
        // The transaction is rolled back; report the failing row like a checker error.
        for (RowOutcome<T>& row : preview.rows) {
            if (row.row != rollback.row) continue;
            row.status = RowStatus::kError;
            FieldError error{rollback.row, "", rollback.error.message_key, rollback.error.args};
            row.errors.push_back(std::move(error));
        }
        preview.committed = false;
    }
    return preview;
}

}  // namespace oqu::platform::csv
