#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace oqu::platform::db {

/// One numbered schema step of a module, read from `<module>/schema/NNNN_name[.sqlite|.pg].sql`.
struct Migration {
    std::string module;  ///< Owning module ("jobs").
    int version = 0;     ///< NNNN from the file name.
    std::string name;    ///< The rest of the file name ("create_job").
    std::string sql;     ///< The script for the database's dialect.
};

/// Reads a module's schema folder for `dialect`: `NNNN_x.sql` is common, `NNNN_x.sqlite.sql` /
/// `NNNN_x.pg.sql` override it per dialect. Throws DbError on a gap or duplicate version, a file
/// named otherwise, or a step with no script for `dialect`; a missing folder gives no steps.
std::vector<Migration> LoadMigrations(const std::string& module, const std::filesystem::path& dir,
                                      Dialect dialect);

/// Outcome of Migrate.
struct MigrationReport {
    std::vector<std::string> applied;  ///< "jobs/0001_create_job" for each step run now.
    int already = 0;                   ///< Steps found recorded in schema_migrations.
};

/// Applies every migration not yet recorded in `schema_migrations(module, version, name,
/// applied_at)`, in (module order, version) order, each in its own transaction together with
/// its record, so a failure leaves the database at the last complete step. Throws DbError
/// naming the failing file.
MigrationReport Migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace oqu::platform::db
