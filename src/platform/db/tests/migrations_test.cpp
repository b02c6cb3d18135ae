#include "platform/db/migrations.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "platform/db/tests/backends.hpp"

namespace oqu::platform::db::testing {
namespace {

void WriteFile(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

bool TableExists(Database& db, const std::string& table) {
    try {
        db.Read([&](Session& s) { s.Query("SELECT COUNT(*) FROM " + table); });
        return true;
    } catch (const DbError&) {
        return false;
    }
}

std::vector<std::string> Recorded(Database& db) {
    std::vector<std::string> out;
    db.Read([&](Session& s) {
        for (const auto& row : s.Query("SELECT module, version, name, applied_at FROM schema_migrations "
                                       "ORDER BY module, version")) {
            EXPECT_FALSE(row.Text(3).empty());
            out.push_back(fmt::format("{}/{:04}_{}", row.Text(0), row.Int(1), row.Text(2)));
        }
    });
    return out;
}

/// A temp schema folder per test, removed after.
class SchemaFolder {
public:
    SchemaFolder() : root_(MakeTempDir()) {}
    ~SchemaFolder() { std::filesystem::remove_all(root_); }
    SchemaFolder(const SchemaFolder&) = delete;
    SchemaFolder& operator=(const SchemaFolder&) = delete;
    std::filesystem::path Dir(const std::string& module) const { return root_ / module / "schema"; }
    void Write(const std::string& module, const std::string& file, const std::string& sql) const {
        WriteFile(Dir(module) / file, sql);
    }

private:
    std::filesystem::path root_;
};

class MigrationsTest : public DbTest {};

TEST_P(MigrationsTest, AppliesFreshAndRerunningIsANoOp) {
    auto db = Open();
    SchemaFolder schema;
    schema.Write("mig", "0001_create_widget.sql",
                 "CREATE TABLE mig_widget (id BIGINT PRIMARY KEY, name TEXT NOT NULL);");
    schema.Write(
        "mig", "0002_add_part.sql",
        "CREATE TABLE mig_part (id BIGINT PRIMARY KEY, widget_id BIGINT REFERENCES mig_widget (id));\n"
        "INSERT INTO mig_widget (id, name) VALUES (1, 'first');");
    auto steps = LoadMigrations("mig", schema.Dir("mig"), db->dialect());

    MigrationReport first = Migrate(*db, steps);
    EXPECT_EQ(first.applied, (std::vector<std::string>{"mig/0001_create_widget", "mig/0002_add_part"}));
    EXPECT_EQ(first.already, 0);
    EXPECT_TRUE(TableExists(*db, "mig_part"));
    EXPECT_EQ(Recorded(*db), first.applied);

    MigrationReport second = Migrate(*db, steps);
    EXPECT_TRUE(second.applied.empty());
    EXPECT_EQ(second.already, 2);
    EXPECT_EQ(db->Read([](Session& s) { return s.Query("SELECT COUNT(*) FROM mig_widget")[0].Int(0); }), 1);
}

TEST_P(MigrationsTest, ABrokenStepLeavesTheEarlierOnesAndCanBeFixed) {
    auto db = Open();
    SchemaFolder schema;
    schema.Write("jobs", "0001_create_job.sql", "CREATE TABLE jobs_job (id BIGINT PRIMARY KEY);");
    schema.Write(
        "jobs", "0002_add_x.sql",
        "CREATE TABLE jobs_x (id BIGINT PRIMARY KEY);\nINSERT INTO jobs_no_such_table (id) VALUES (1);");
    try {
        Migrate(*db, LoadMigrations("jobs", schema.Dir("jobs"), db->dialect()));
        FAIL() << "the broken step was applied";
    } catch (const DbError& e) {
        std::string what = e.what();
        EXPECT_EQ(what.rfind("migration jobs/0002_add_x failed: ", 0), 0u) << what;
        EXPECT_NE(what.find("jobs_no_such_table"), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
    EXPECT_TRUE(TableExists(*db, "jobs_job"));
    EXPECT_FALSE(TableExists(*db, "jobs_x"));
    EXPECT_EQ(Recorded(*db), (std::vector<std::string>{"jobs/0001_create_job"}));

    schema.Write("jobs", "0002_add_x.sql", "CREATE TABLE jobs_x (id BIGINT PRIMARY KEY);");
    MigrationReport fixed = Migrate(*db, LoadMigrations("jobs", schema.Dir("jobs"), db->dialect()));
    EXPECT_EQ(fixed.applied, (std::vector<std::string>{"jobs/0002_add_x"}));
    EXPECT_EQ(fixed.already, 1);
    EXPECT_TRUE(TableExists(*db, "jobs_x"));
}

TEST_P(MigrationsTest, TheDialectOverrideIsPicked) {
    auto db = Open();
    SchemaFolder schema;
    schema.Write("mig", "0001_create_blob.sql", "CREATE TABLE mig_common (id BIGINT);");
    schema.Write("mig", "0001_create_blob.sqlite.sql", "CREATE TABLE mig_sqlite (b BLOB);");
    schema.Write("mig", "0001_create_blob.pg.sql", "CREATE TABLE mig_pg (b BYTEA);");
    schema.Write("mig", "0002_common.sql", "CREATE TABLE mig_second (id BIGINT);");
    auto steps = LoadMigrations("mig", schema.Dir("mig"), db->dialect());
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].name, "create_blob");
    Migrate(*db, steps);
    EXPECT_FALSE(TableExists(*db, "mig_common"));
    EXPECT_EQ(TableExists(*db, "mig_pg"), IsPostgres());
    EXPECT_EQ(TableExists(*db, "mig_sqlite"), !IsPostgres());
    EXPECT_TRUE(TableExists(*db, "mig_second"));
}

TEST_P(MigrationsTest, ModulesRunInTheGivenOrderAndVersionsAscend) {
    auto db = Open();
    SchemaFolder schema;
    schema.Write("lower", "0001_create_a.sql", "CREATE TABLE lower_a (id BIGINT PRIMARY KEY);");
    schema.Write("lower", "0002_create_b.sql", "CREATE TABLE lower_b (id BIGINT PRIMARY KEY);");
    schema.Write("upper", "0001_create_c.sql",
                 "CREATE TABLE upper_c (id BIGINT PRIMARY KEY, b_id BIGINT REFERENCES lower_b (id));");
    auto lower = LoadMigrations("lower", schema.Dir("lower"), db->dialect());
    auto upper = LoadMigrations("upper", schema.Dir("upper"), db->dialect());
    // Shuffled within a module: versions are still applied in ascending order.
    std::vector<Migration> all = {lower[1], lower[0], upper[0]};
    MigrationReport report = Migrate(*db, all);
    EXPECT_EQ(report.applied, (std::vector<std::string>{"lower/0001_create_a", "lower/0002_create_b",
                                                        "upper/0001_create_c"}));
}

TEST_P(MigrationsTest, ARenamedAppliedStepIsRefused) {
    auto db = Open();
    SchemaFolder schema;
    schema.Write("mig", "0001_create_widget.sql", "CREATE TABLE mig_widget (id BIGINT PRIMARY KEY);");
    Migrate(*db, LoadMigrations("mig", schema.Dir("mig"), db->dialect()));
    std::filesystem::rename(schema.Dir("mig") / "0001_create_widget.sql",
                            schema.Dir("mig") / "0001_make_widget.sql");
    try {
        Migrate(*db, LoadMigrations("mig", schema.Dir("mig"), db->dialect()));
        FAIL() << "the renamed step was accepted";
    } catch (const DbError& e) {
        EXPECT_NE(std::string(e.what()).find("recorded as mig/0001_create_widget"), std::string::npos)
            << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationsTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory, Backend::kPostgres),
                         BackendName);

/// LoadMigrations needs no database.
TEST(LoadMigrations, DetectsAGap) {
    SchemaFolder schema;
    schema.Write("mig", "0001_a.sql", "SELECT 1;");
    schema.Write("mig", "0003_c.sql", "SELECT 1;");
    try {
        LoadMigrations("mig", schema.Dir("mig"), Dialect::kSqlite);
        FAIL() << "the gap went unnoticed";
    } catch (const DbError& e) {
        EXPECT_NE(std::string(e.what()).find("gap"), std::string::npos) << e.what();
    }
}

TEST(LoadMigrations, DetectsADuplicateVersion) {
    SchemaFolder schema;
    schema.Write("mig", "0001_a.sql", "SELECT 1;");
    schema.Write("mig", "0002_b.sql", "SELECT 1;");
    schema.Write("mig", "0002_other.sql", "SELECT 1;");
    try {
        LoadMigrations("mig", schema.Dir("mig"), Dialect::kPostgres);
        FAIL() << "the duplicate went unnoticed";
    } catch (const DbError& e) {
        EXPECT_NE(std::string(e.what()).find("duplicate migration version mig/0002: b, other"),
                  std::string::npos)
            << e.what();
    }
}

TEST(LoadMigrations, RefusesAnOverrideWithADifferentName) {
    SchemaFolder schema;
    schema.Write("mig", "0001_a.sql", "SELECT 1;");
    schema.Write("mig", "0001_b.pg.sql", "SELECT 1;");
    EXPECT_THROW(LoadMigrations("mig", schema.Dir("mig"), Dialect::kSqlite), DbError);
}

TEST(LoadMigrations, RefusesABadFileNameAndAStepWithoutAScript) {
    SchemaFolder schema;
    schema.Write("bad", "create.sql", "SELECT 1;");
    EXPECT_THROW(LoadMigrations("bad", schema.Dir("bad"), Dialect::kSqlite), DbError);
    schema.Write("pgonly", "0001_a.pg.sql", "SELECT 1;");
    EXPECT_EQ(LoadMigrations("pgonly", schema.Dir("pgonly"), Dialect::kPostgres).size(), 1u);
    EXPECT_THROW(LoadMigrations("pgonly", schema.Dir("pgonly"), Dialect::kSqlite), DbError);
}

TEST(LoadMigrations, ReadsVersionsInOrderAndIgnoresOtherFiles) {
    SchemaFolder schema;
    schema.Write("mig", "0002_second.sql", "-- two");
    schema.Write("mig", "0001_first.sql", "-- one");
    schema.Write("mig", "README.md", "notes");
    auto steps = LoadMigrations("mig", schema.Dir("mig"), Dialect::kSqlite);
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].module, "mig");
    EXPECT_EQ(steps[0].version, 1);
    EXPECT_EQ(steps[0].name, "first");
    EXPECT_EQ(steps[0].sql, "-- one");
    EXPECT_EQ(steps[1].version, 2);
    EXPECT_TRUE(LoadMigrations("none", schema.Dir("none"), Dialect::kSqlite).empty());
}

TEST(Migrate, RefusesTheSameStepTwiceInTheList) {
    auto db = Database::Open("sqlite::memory:");
    Migration m{"mig", 1, "a", "CREATE TABLE mig_a (id BIGINT);"};
    EXPECT_THROW(Migrate(*db, {m, m}), DbError);
}

}  // namespace
}  // namespace oqu::platform::db::testing
