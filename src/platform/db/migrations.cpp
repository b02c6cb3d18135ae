#include "platform/db/migrations.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "core/time.hpp"

namespace oqu::platform::db {
namespace {

std::string StepName(const std::string& module, int version, const std::string& name) {
    return fmt::format("{}/{:04}_{}", module, version, name);
}

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw DbError(fmt::format("cannot read migration {}", path.string()));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The files of one version: the common script and the dialect overrides.
struct VersionFiles {
    std::map<std::string, std::filesystem::path> common;  ///< name -> path
    std::map<std::string, std::filesystem::path> sqlite;
    std::map<std::string, std::filesystem::path> pg;
};

// A schema file name split into its parts.
struct FileName {
    int version = 0;
    std::string name;
    std::string kind;  ///< "", ".sqlite" or ".pg".
};

bool IsNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Parses "NNNN_name[.sqlite|.pg].sql"; false when the name has another shape.
bool ParseFileName(std::string_view file, FileName& out) {
    constexpr std::string_view kSql = ".sql";
    if (file.size() < 6 + kSql.size() || file.substr(file.size() - kSql.size()) != kSql || file[4] != '_') {
        return false;
    }
    file.remove_suffix(kSql.size());
    out.version = 0;
    for (char c : file.substr(0, 4)) {
        if (c < '0' || c > '9') {
            return false;
        }
        out.version = out.version * 10 + (c - '0');
    }
    std::string_view rest = file.substr(5);
    out.kind.clear();
    for (std::string_view kind : {".sqlite", ".pg"}) {
        if (rest.size() > kind.size() && rest.substr(rest.size() - kind.size()) == kind) {
            out.kind = std::string(kind);
            rest.remove_suffix(kind.size());
            break;
        }
    }
    if (rest.empty() || !std::all_of(rest.begin(), rest.end(), IsNameChar)) {
        return false;
    }
    out.name = std::string(rest);
    return true;
}

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, "
    "PRIMARY KEY (module, version))";

// Any fixed key: PostgreSQL migrators in several processes take turns on it.
constexpr std::int64_t kAdvisoryLockKey = 0x6f71755f6d6967;  // "oqu_mig"

}  // namespace

std::vector<Migration> LoadMigrations(const std::string& module, const std::filesystem::path& dir,
                                      Dialect dialect) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return {};
    }
    std::map<int, VersionFiles> versions;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::string file = entry.path().filename().string();
        if (!entry.is_regular_file() || entry.path().extension() != ".sql") {
            continue;
        }
        FileName parsed;
        if (!ParseFileName(file, parsed)) {
            throw DbError(
                fmt::format("migration file {}/{} is not named NNNN_name[.sqlite|.pg].sql", module, file));
        }
        VersionFiles& files = versions[parsed.version];
        auto& slot =
            parsed.kind.empty() ? files.common : (parsed.kind == ".sqlite" ? files.sqlite : files.pg);
        slot.emplace(parsed.name, entry.path());
    }

    std::vector<Migration> out;
    int expected = 1;
    for (const auto& [version, files] : versions) {
        std::string where = fmt::format("{}/{:04}", module, version);
        if (version != expected) {
            throw DbError(fmt::format("migrations of {} have a gap: {} follows {:04} (expected {:04})",
                                      module, where, expected - 1, expected));
        }
        ++expected;
        std::map<std::string, int> names;
        for (const auto* kind : {&files.common, &files.sqlite, &files.pg}) {
            for (const auto& entry : *kind) {
                ++names[entry.first];
            }
        }
        if (names.size() > 1) {
            std::vector<std::string> list;
            list.reserve(names.size());
            for (const auto& entry : names) {
                list.push_back(entry.first);
            }
            throw DbError(fmt::format("duplicate migration version {}: {}", where, fmt::join(list, ", ")));
        }
        const std::string& name = names.begin()->first;
        const auto& override_files = dialect == Dialect::kSqlite ? files.sqlite : files.pg;
        std::filesystem::path path;
        if (!override_files.empty()) {
            path = override_files.begin()->second;
        } else if (!files.common.empty()) {
            path = files.common.begin()->second;
        } else {
            throw DbError(fmt::format("migration {}_{} has no script for {} (add {:04}_{}.sql or .{}.sql)",
                                      where, name, dialect == Dialect::kSqlite ? "SQLite" : "PostgreSQL",
                                      version, name, dialect == Dialect::kSqlite ? "sqlite" : "pg"));
        }
        out.push_back(Migration{module, version, name, ReadFile(path)});
    }
    return out;
}

MigrationReport Migrate(Database& db, const std::vector<Migration>& migrations) {
    // Modules keep the order of their first appearance (the caller lists them bottom-up);
    // within a module, versions ascend.
    std::unordered_map<std::string, std::size_t> module_rank;
    for (const auto& m : migrations) {
        module_rank.emplace(m.module, module_rank.size());
    }
    std::vector<const Migration*> steps;
    steps.reserve(migrations.size());
    for (const auto& m : migrations) {
        steps.push_back(&m);
    }
    std::stable_sort(steps.begin(), steps.end(), [&](const Migration* a, const Migration* b) {
        auto ra = module_rank.at(a->module);
        auto rb = module_rank.at(b->module);
        return ra != rb ? ra < rb : a->version < b->version;
    });
    for (std::size_t i = 1; i < steps.size(); ++i) {
        if (steps[i]->module == steps[i - 1]->module && steps[i]->version == steps[i - 1]->version) {
            throw DbError(
                fmt::format("duplicate migration {}/{:04} in the list", steps[i]->module, steps[i]->version));
        }
    }

    db.Transact([](Session& s) { s.ExecScript(kCreateTable); });
    std::map<std::pair<std::string, int>, std::string> recorded;
    db.Read([&](Session& s) {
        for (const auto& row : s.Query("SELECT module, version, name FROM schema_migrations")) {
            recorded.emplace(std::pair(row.Text(0), static_cast<int>(row.Int(1))), row.Text(2));
        }
    });

    MigrationReport report;
    for (const Migration* m : steps) {
        std::string step = StepName(m->module, m->version, m->name);
        if (auto it = recorded.find({m->module, m->version}); it != recorded.end()) {
            if (it->second != m->name) {
                throw DbError(fmt::format(
                    "migration {} is recorded as {}: an applied migration was renamed or replaced; "
                    "restore it and add a new step instead",
                    step, StepName(m->module, m->version, it->second)));
            }
            ++report.already;
            continue;
        }
        bool ran = false;
        try {
            db.Transact([&](Session& s) {
                if (s.dialect() == Dialect::kPostgres) {
                    // A schema step may wait for another node's migration and may take long
                    // (an index on a big table): the request-sized timeouts do not apply here.
                    s.Exec("SET LOCAL lock_timeout = 0");
                    s.Exec("SET LOCAL statement_timeout = 0");
                    s.Query("SELECT pg_advisory_xact_lock(?)", {kAdvisoryLockKey});
                }
                // Another process may have applied it since we looked.
                auto found = s.Query("SELECT name FROM schema_migrations WHERE module = ? AND version = ?",
                                     {m->module, std::int64_t{m->version}});
                if (!found.empty()) {
                    ran = false;
                    return;
                }
                s.ExecScript(m->sql);
                auto now =
                    std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
                s.Exec(
                    "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)",
                    {m->module, std::int64_t{m->version}, m->name, core::FormatUtc(now)});
                ran = true;
            });
        } catch (const DbError& e) {
            throw DbError(fmt::format("migration {} failed: {}", step, e.what()), false, e.sqlstate());
        }
        if (ran) {
            report.applied.push_back(step);
        } else {
            ++report.already;
        }
    }
    return report;
}

}  // namespace oqu::platform::db
