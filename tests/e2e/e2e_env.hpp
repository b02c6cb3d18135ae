#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

namespace oqu::testing {

/// A fresh temporary folder per test, removed afterwards.
class TempDirTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("oqu-e2e-" + std::to_string(getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    /// Environment for the oqu binary: resources from the source tree, data under the temp dir.
    std::map<std::string, std::string> Env() const {
        return {{"OQU_RESOURCE_DIR", OQU_SOURCE_RESOURCES},
                {"OQU_DATA_DIR", (dir_ / "data").string()},
                {"OQU_CONFIG", ""},
                {"OQU_DB", ""}};
    }
    std::string SqliteUrl() const { return "sqlite:" + (dir_ / "oqu.db").string(); }

    std::filesystem::path dir_;
};

}  // namespace oqu::testing
