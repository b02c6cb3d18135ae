#include "platform/csv/import.hpp"

#include <string>

#include <gtest/gtest.h>

#include "platform/db/tests/backends.hpp"

namespace oqu::platform::csv {
namespace {

using db::testing::Backend;

/// A test item: code → name, quantity.
struct Item {
    std::string code;
    std::string name;
    std::int64_t qty = 0;
};

const ImportSpec kSpec{
    .columns = {
        {.key = "code", .required = true, .aliases = {"код", "коды"}, .unique_in_file = true},
        {.key = "name", .required = true, .aliases = {"название", "атауы"}},
        {.key = "qty", .aliases = {"количество"}},
    }};

RowCheck<Item> CheckItem(db::Session& session, const RowView& row) {
    RowCheck<Item> out;
    Item item{std::string(row.Get("code")), std::string(row.Get("name")), 0};
    if (item.code.empty()) out.AddError("code", "test.code_required");
    if (item.name.empty()) out.AddError("name", "test.name_required");
    if (!row.Get("qty").empty()) {
        try {
            item.qty = std::stoll(std::string(row.Get("qty")));
        } catch (const std::exception&) {
            out.AddError("qty", "test.qty_not_number", {{"value", std::string(row.Get("qty"))}});
        }
    }
    if (!out.errors.empty()) return out;
    const db::Rows existing =
        session.Query("SELECT name, qty FROM csv_test_item WHERE code = ?", {item.code});
    if (existing.empty()) {
        out.status = RowStatus::kNew;
    } else if (existing[0].Text(0) == item.name && existing[0].Int(1) == item.qty) {
        out.status = RowStatus::kUnchanged;
    } else {
        out.status = RowStatus::kUpdate;
    }
    out.value = item;
    return out;
}

core::Status ApplyItem(db::Session& session, const RowOutcome<Item>& row) {
    const Item& item = *row.value;
    if (item.name == "refused-by-apply") {
        return core::MakeError(core::ErrorCode::kConflict, "test.refused", "apply refuses");
    }
    if (row.status == RowStatus::kNew) {
        session.Exec("INSERT INTO csv_test_item (code, name, qty) VALUES (?, ?, ?)",
                     {item.code, item.name, item.qty});
    } else {
        session.Exec("UPDATE csv_test_item SET name = ?, qty = ? WHERE code = ?",
                     {item.name, item.qty, item.code});
    }
    return core::OkStatus();
}

class ImportTest : public db::testing::DbTest {
protected:
    void SetUp() override {
        DbTest::SetUp();
        if (IsSkipped()) return;
        db_ = Open();
        db_->Transact([](db::Session& s) {
            s.ExecScript(
                "CREATE TABLE csv_test_item (code TEXT PRIMARY KEY, name TEXT NOT NULL, qty BIGINT NOT NULL);"
                "INSERT INTO csv_test_item VALUES ('A', 'Alpha', 1);"
                "INSERT INTO csv_test_item VALUES ('B', 'Beta', 2);");
        });
    }

    std::int64_t Count() {
        return db_->Read(
            [](db::Session& s) { return s.Query("SELECT COUNT(*) FROM csv_test_item")[0].Int(0); });
    }
    std::string NameOf(const std::string& code) {
        return db_->Read([&](db::Session& s) {
            auto rows = s.Query("SELECT name FROM csv_test_item WHERE code = ?", {code});
            return rows.empty() ? std::string("<none>") : rows[0].Text(0);
        });
    }

    core::Result<csv::Preview<Item>> RunPreview(std::string_view text) {
        return PreviewImport<Item>(*db_, text, kSpec, CheckItem);
    }
    core::Result<csv::Preview<Item>> RunCommit(std::string_view text) {
        return CommitImport<Item>(*db_, text, kSpec, CheckItem, ApplyItem);
    }

    std::unique_ptr<db::Database> db_;
};

/// The preview tells new, update and unchanged rows apart and writes nothing.
TEST_P(ImportTest, PreviewClassifiesRowsAndWritesNothing) {
    auto preview = RunPreview("code;name;qty\nA;Alpha;1\nB;Beta v2;2\nC;Gamma;3\n");
    ASSERT_TRUE(preview.has_value()) << preview.error().message_key;
    ASSERT_EQ(preview->rows.size(), 3u);
    EXPECT_EQ(preview->rows[0].status, RowStatus::kUnchanged);
    EXPECT_EQ(preview->rows[1].status, RowStatus::kUpdate);
    EXPECT_EQ(preview->rows[2].status, RowStatus::kNew);
    EXPECT_EQ(preview->rows[2].row, 4u);
    EXPECT_EQ(preview->rows[2].cells, (std::vector<std::string>{"C", "Gamma", "3"}));
    EXPECT_TRUE(preview->Importable());
    EXPECT_FALSE(preview->committed);
    EXPECT_EQ(Count(), 2);
    EXPECT_EQ(NameOf("B"), "Beta");
}

/// A commit of a clean file applies every new and changed row.
TEST_P(ImportTest, CommitAppliesAllRows) {
    auto result = RunCommit("code,name,qty\nA,Alpha,1\nB,Beta v2,2\nC,Gamma,3\n");
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->committed);
    EXPECT_EQ(Count(), 3);
    EXPECT_EQ(NameOf("B"), "Beta v2");
    EXPECT_EQ(NameOf("C"), "Gamma");
}

/// One bad row anywhere in the file changes nothing, and its error names row and column.
TEST_P(ImportTest, BadRowChangesNothing) {
    auto result = RunCommit("code,name,qty\nB,Beta v2,2\nC,Gamma,3\nD,Delta,many\n");
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->committed);
    EXPECT_FALSE(result->Importable());
    const auto errors = result->AllErrors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].row, 4u);
    EXPECT_EQ(errors[0].column, "qty");
    EXPECT_EQ(errors[0].message_key, "test.qty_not_number");
    EXPECT_EQ(Count(), 2);
    EXPECT_EQ(NameOf("B"), "Beta");
}

/// A row refused while writing rolls back the rows already written in the same transaction.
TEST_P(ImportTest, ApplyFailureRollsBackEarlierRows) {
    auto result = RunCommit("code,name\nB,Beta v2\nC,Gamma\nE,refused-by-apply\n");
    ASSERT_TRUE(result.has_value());
    EXPECT_FALSE(result->committed);
    EXPECT_EQ(result->rows[2].status, RowStatus::kError);
    EXPECT_EQ(result->rows[2].errors.at(0).message_key, "test.refused");
    EXPECT_EQ(Count(), 2);
    EXPECT_EQ(NameOf("B"), "Beta");
}

/// Columns match their aliases in any case and order; a missing required column is a file error.
TEST_P(ImportTest, HeaderMapping) {
    auto aliased = RunPreview("КОЛИЧЕСТВО;Атауы;Код;extra\n5;Эпсилон;E;?\n");
    ASSERT_TRUE(aliased.has_value());
    ASSERT_TRUE(aliased->Importable());
    EXPECT_EQ(aliased->rows[0].value->qty, 5);
    EXPECT_EQ(aliased->rows[0].value->name, "Эпсилон");
    EXPECT_EQ(aliased->unknown_columns, (std::vector<std::string>{"extra"}));
    auto missing = RunPreview("code;qty\nE;5\n");
    ASSERT_TRUE(missing.has_value());
    EXPECT_FALSE(missing->Importable());
    ASSERT_EQ(missing->file_errors.size(), 1u);
    EXPECT_EQ(missing->file_errors[0].message_key, "csv.missing_column");
    EXPECT_EQ(missing->file_errors[0].row, 1u);
    auto twice = RunPreview("code;код;name\nE;E;x\n");
    ASSERT_TRUE(twice.has_value());
    EXPECT_EQ(twice->file_errors.at(0).message_key, "csv.duplicate_column");
}

/// A value of a unique column repeated in the file is an error pointing at its first row.
TEST_P(ImportTest, DuplicateInFile) {
    auto preview = RunPreview("code,name\nX,One\nY,Two\nx,Three\n");
    ASSERT_TRUE(preview.has_value());
    ASSERT_EQ(preview->rows[2].status, RowStatus::kError);
    const FieldError& e = preview->rows[2].errors.at(0);
    EXPECT_EQ(e.message_key, "csv.duplicate_in_file");
    EXPECT_EQ(e.args.at(1).second, "2");
}

/// A file that cannot be parsed is an error, not a preview.
TEST_P(ImportTest, UnparsableFileIsAnError) {
    auto preview = RunPreview("code,name\n\"A,Alpha\n");
    ASSERT_FALSE(preview.has_value());
    EXPECT_EQ(preview.error().message_key, "csv.unterminated_quote");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         db::testing::BackendName);

}  // namespace
}  // namespace oqu::platform::csv
