#pragma once

#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"

namespace oqu::platform::db::testing {

/// The backends every database test runs on.
enum class Backend { kSqliteFile, kSqliteMemory, kPostgres };

/// Name of a backend for test names ("SqliteFile").
inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
    switch (info.param) {
        case Backend::kSqliteFile:
            return "SqliteFile";
        case Backend::kSqliteMemory:
            return "SqliteMemory";
        default:
            return "Postgres";
    }
}

/// A name no other test run uses ("oqu_t_1234_7_9f3a"), for schemas and temp folders.
inline std::string UniqueName(const char* prefix) {
    static int counter = 0;
    static std::mt19937 random(std::random_device{}());
    return fmt::format("{}_{}_{}_{:x}", prefix, getpid(), ++counter, random() & 0xffff);
}

/// A fresh folder under the system temp dir; removed by the caller.
inline std::filesystem::path MakeTempDir() {
    auto dir = std::filesystem::temp_directory_path() / UniqueName("oqu-db-test");
    std::filesystem::create_directories(dir);
    return dir;
}

/// Polls `done` until it is true or 10 s pass; true when it became true. Used only to order
/// threads in a known interleaving, never to wait for time to pass.
inline bool WaitUntil(const std::function<bool()>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::yield();
    }
    return true;
}

/// Runs `body` on a thread and keeps its exception for Join.
class TestThread {
public:
    /// Starts `body`.
    explicit TestThread(std::function<void()> body)
        : thread_([this, body = std::move(body)] {
              try {
                  body();
              } catch (...) {
                  error_ = std::current_exception();
              }
          }) {}
    ~TestThread() {
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    TestThread(const TestThread&) = delete;
    TestThread& operator=(const TestThread&) = delete;
    /// Waits for the thread and rethrows what it threw.
    void Join() {
        thread_.join();
        if (error_) {
            std::rethrow_exception(error_);
        }
    }

private:
    std::exception_ptr error_;
    std::thread thread_;
};

/// A scratch database per test: a temp SQLite file (in a folder that does not exist yet), a
/// private in-memory SQLite, or a fresh schema in the PostgreSQL database of OQU_TEST_PG_URL.
class DbTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        switch (GetParam()) {
            case Backend::kSqliteFile:
                dir_ = MakeTempDir();
                url_ = "sqlite:" + (dir_ / "not-yet" / "test.db").string();
                break;
            case Backend::kSqliteMemory:
                url_ = "sqlite::memory:";
                break;
            case Backend::kPostgres: {
                const char* base = std::getenv("OQU_TEST_PG_URL");
                if (base == nullptr || *base == '\0') {
                    GTEST_SKIP() << "set OQU_TEST_PG_URL (see docs/DATABASE.md) to run the PostgreSQL cases";
                }
                admin_ = Database::Open(base);
                schema_ = UniqueName("oqu_t");
                admin_->Transact([&](Session& s) { s.ExecScript("CREATE SCHEMA " + schema_); });
                std::string url = base;
                url += url.find('?') == std::string::npos ? "?" : "&";
                url_ = url + "options=-c%20search_path%3D" + schema_;
                break;
            }
        }
    }

    void TearDown() override {
        if (admin_) {
            admin_->Transact([&](Session& s) { s.ExecScript("DROP SCHEMA " + schema_ + " CASCADE"); });
        }
        if (!dir_.empty()) {
            std::filesystem::remove_all(dir_);
        }
    }

    /// A new handle on this test's database (for sqlite::memory:, a new private database).
    std::unique_ptr<Database> Open(const Options& options = {}) { return Database::Open(url_, options); }

    /// True when two handles from Open see the same data.
    bool Shared() const { return GetParam() != Backend::kSqliteMemory; }
    bool IsPostgres() const { return GetParam() == Backend::kPostgres; }
    /// The binary column type of the dialect.
    const char* BlobType() const { return IsPostgres() ? "BYTEA" : "BLOB"; }

    std::string url_;
    std::filesystem::path dir_;
    std::unique_ptr<Database> admin_;
    std::string schema_;
};

/// Applies the migrations of modules given as {name, schema dir relative to OQU_RESOURCE_DIR}
/// (e.g. {"audit", "platform/audit/schema"}), in order.
inline void MigrateModules(Database& db, const std::vector<std::pair<std::string, std::string>>& modules) {
    const char* resources = std::getenv("OQU_RESOURCE_DIR");
    ASSERT_NE(resources, nullptr) << "OQU_RESOURCE_DIR must name the src folder";
    std::vector<Migration> all;
    for (const auto& [name, dir] : modules) {
        auto steps = LoadMigrations(name, std::filesystem::path(resources) / dir, db.dialect());
        all.insert(all.end(), steps.begin(), steps.end());
    }
    Migrate(db, all);
}

}  // namespace oqu::platform::db::testing
