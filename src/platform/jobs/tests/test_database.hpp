#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/jobs/queue.hpp"

namespace oqu::platform::jobs::test_support {

/// The backends a test runs on: "sqlite" always, "pg" when OQU_TEST_PG_URL is set.
inline const char* const kBackends[] = {"sqlite", "pg"};

/// A fresh database with the jobs migrations: a temp SQLite file, or a private PostgreSQL
/// schema (dropped afterwards) so parallel and repeated runs never collide.
class JobsDatabaseTest : public ::testing::TestWithParam<const char*> {
protected:
    void SetUp() override {
        if (std::string(GetParam()) == "pg") {
            const char* pg_url = std::getenv("OQU_TEST_PG_URL");
            if (pg_url == nullptr || *pg_url == '\0') {
                GTEST_SKIP() << "OQU_TEST_PG_URL is not set";
            }
            static int counter = 0;
            schema_ = "oqu_jobs_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
            admin_ = db::Database::Open(pg_url);
            admin_->Transact([&](db::Session& s) {
                s.ExecScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
            });
            const std::string base(pg_url);
            url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
                   schema_;
        } else {
            std::string pattern = (std::filesystem::temp_directory_path() / "oqu-jobs-XXXXXX").string();
            ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
            dir_ = pattern;
            url_ = "sqlite:" + (dir_ / "jobs.db").string();
        }
        OpenDatabase();
    }

    void TearDown() override {
        CloseDatabase();
        if (admin_) {
            admin_->Transact(
                [&](db::Session& s) { s.ExecScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE"); });
        }
        if (!dir_.empty()) {
            std::filesystem::remove_all(dir_);
        }
    }

    /// Opens the database (again) and applies the jobs migrations.
    void OpenDatabase() {
        const char* resources = std::getenv("OQU_RESOURCE_DIR");
        ASSERT_NE(resources, nullptr) << "OQU_RESOURCE_DIR must name the src folder";
        db_ = db::Database::Open(url_);
        db::Migrate(*db_,
                    db::LoadMigrations("jobs", std::filesystem::path(resources) / "platform/jobs/schema",
                                       db_->dialect()));
        queue_ = std::make_unique<JobQueue>(*db_);
    }

    /// Closes every connection, as a process exit would.
    void CloseDatabase() {
        queue_.reset();
        db_.reset();
    }

    std::string url_;
    std::string schema_;
    std::filesystem::path dir_;
    std::unique_ptr<db::Database> admin_;
    std::unique_ptr<db::Database> db_;
    std::unique_ptr<JobQueue> queue_;
};

/// 2026-05-28T...Z, a fixed instant so tests never read the clock.
inline const core::Instant kT0 = core::FromMicros(1'780'000'000'000'000);

}  // namespace oqu::platform::jobs::test_support
