#include "platform/module/config.hpp"

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

namespace oqu::platform {
namespace {

class ConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("oqu-config-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        std::filesystem::create_directories(dir_);
        for (const char* v : {"OQU_DB", "OQU_CONFIG", "OQU_LISTEN", "OQU_DATA_DIR", "OQU_LOG_LEVEL"}) {
            unsetenv(v);
        }
    }
    void TearDown() override {
        std::filesystem::remove_all(dir_);
        unsetenv("OQU_DB");
    }
    std::filesystem::path Write(const std::string& text) {
        auto file = dir_ / "oqu.toml";
        std::ofstream(file) << text;
        return file;
    }
    std::filesystem::path dir_;
};

TEST_F(ConfigTest, DefaultsWithoutFileOrEnvironment) {
    auto config = LoadConfig({});
    ASSERT_TRUE(config.has_value()) << config.error().detail;
    EXPECT_EQ(config->db_url, "sqlite:data/oqu.db");
    EXPECT_EQ(config->listen, "127.0.0.1:8080");
}

/// The file sets values; the environment overrides the file.
TEST_F(ConfigTest, FileThenEnvironment) {
    auto file =
        Write("[database]\nurl = \"postgresql://oqu@db/oqu\"\npool_size = 16\n[paths]\ndata = \"var\"\n");
    auto config = LoadConfig(file);
    ASSERT_TRUE(config.has_value()) << config.error().detail;
    EXPECT_EQ(config->db_url, "postgresql://oqu@db/oqu");
    EXPECT_EQ(config->db_pool_size, 16);
    EXPECT_EQ(config->data_dir, dir_ / "var");
    setenv("OQU_DB", "sqlite:/tmp/x.db", 1);
    config = LoadConfig(file);
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->db_url, "sqlite:/tmp/x.db");
}

/// A typo in a key, a wrong type or a broken file is refused with one line naming the problem.
TEST_F(ConfigTest, RefusesUnknownKeysAndBadValues) {
    auto config = LoadConfig(Write("[database]\nulr = \"x\"\n"));
    ASSERT_FALSE(config.has_value());
    EXPECT_NE(config.error().detail.find("unknown key 'database.ulr'"), std::string::npos);
    config = LoadConfig(Write("[server]\nworker_threads = 0\n"));
    ASSERT_FALSE(config.has_value());
    EXPECT_NE(config.error().detail.find("server.worker_threads"), std::string::npos);
    config = LoadConfig(Write("[server\n"));
    ASSERT_FALSE(config.has_value());
    EXPECT_EQ(config.error().detail.find('\n'), std::string::npos);
    config = LoadConfig(dir_ / "absent.toml");
    ASSERT_FALSE(config.has_value());
}

TEST(ListenTest, ParsesHostAndPort) {
    auto v4 = ParseListen("127.0.0.1:8080");
    ASSERT_TRUE(v4.has_value());
    EXPECT_EQ(v4->first, "127.0.0.1");
    EXPECT_EQ(v4->second, 8080);
    auto v6 = ParseListen("[::1]:0");
    ASSERT_TRUE(v6.has_value());
    EXPECT_EQ(v6->first, "::1");
    EXPECT_FALSE(ParseListen("localhost").has_value());
    EXPECT_FALSE(ParseListen("127.0.0.1:99999").has_value());
    EXPECT_FALSE(ParseListen("127.0.0.1:80x").has_value());
    EXPECT_FALSE(ParseListen("[::1]8080").has_value());
}

}  // namespace
}  // namespace oqu::platform
