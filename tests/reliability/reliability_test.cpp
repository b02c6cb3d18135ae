#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <signal.h>

#include "platform/db/database.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/http_client.hpp"

namespace oqu {
namespace {

using namespace std::chrono_literals;

struct Backend {
    std::string name;
    std::string url;
};

std::vector<Backend> Backends() {
    static const std::string sqlite_path =
        (std::filesystem::temp_directory_path() / ("oqu-reliability-" + std::to_string(getpid()) + ".db"))
            .string();
    std::vector<Backend> out{{"sqlite", "sqlite:" + sqlite_path}};
    const char* pg = std::getenv("OQU_TEST_PG_URL");
    out.push_back({"postgresql", pg != nullptr ? pg : ""});
    return out;
}

// Names the backend in test output instead of gtest's byte dump.
void PrintTo(const Backend& backend, std::ostream* out) {
    *out << backend.name;
}

class ReliabilityTest : public ::testing::TestWithParam<Backend> {};

// Starts the probe server on `port` (0: any) and returns the port it listens on, or 0.
unsigned short StartProbe(std::unique_ptr<testing::ChildProcess>& child, const std::string& url,
                          unsigned short port) {
    child = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{OQU_PROBE_SERVER, url, std::to_string(port)});
    auto line = child->WaitForLine("listening ", 30s);
    if (!line) return 0;
    return static_cast<unsigned short>(std::atoi(line->substr(line->find(' ') + 1).c_str()));
}

/// A writer gets 1,000 rows acknowledged while the server is killed with SIGKILL and restarted
/// ten times; afterwards every acknowledged row is stored exactly once.
TEST_P(ReliabilityTest, AcknowledgedRowsSurviveKills) {  // R-A1 (uninterrupted DL: storage)
    const Backend backend = GetParam();
    if (backend.url.empty()) GTEST_SKIP() << "OQU_TEST_PG_URL not set";
    const std::string run = std::to_string(getpid()) + "-" + backend.name;
    if (backend.name == "postgresql") {
        // A clean table for this run; the probe server creates it again.
        auto db = platform::db::Database::Open(backend.url);
        db->Transact([](platform::db::Session& s) { s.ExecScript("DROP TABLE IF EXISTS probe_row"); });
        try {
            db->Transact([](platform::db::Session& s) {
                s.Exec("DELETE FROM schema_migrations WHERE module = 'probe'");
            });
        } catch (const platform::db::DbError&) {
            // A fresh database has no schema_migrations yet: nothing to forget.
        }
    }

    std::unique_ptr<testing::ChildProcess> server;
    std::atomic<unsigned short> port = StartProbe(server, backend.url, 0);
    ASSERT_NE(port.load(), 0) << server->err();

    constexpr int kRows = 1000;
    constexpr int kKills = 10;
    std::atomic<int> acked{0};
    std::set<std::string> acknowledged;
    // A bound on the whole run, so a broken server fails the test instead of hanging it.
    const auto deadline = std::chrono::steady_clock::now() + 240s;
    std::atomic<bool> gave_up{false};
    std::thread writer([&] {
        for (int i = 0; i < kRows && !gave_up; ++i) {
            const std::string key = run + "-" + std::to_string(i);
            // Retry until acknowledged: a retry after a kill may repeat a committed write.
            while (testing::HttpRequest(port.load(), "POST", "/rows", "key=" + key,
                                        "Content-Type: application/x-www-form-urlencoded\r\n", 5000)
                       .status != 200) {
                if (std::chrono::steady_clock::now() > deadline) {
                    gave_up = true;
                    return;
                }
                std::this_thread::sleep_for(5ms);
            }
            acknowledged.insert(key);
            acked.fetch_add(1);
        }
    });
    for (int kill_no = 1; kill_no <= kKills; ++kill_no) {
        // Kill at evenly spaced points of the writer's progress, while a request is in flight.
        while (acked.load() < kill_no * kRows / (kKills + 1) && !gave_up) std::this_thread::sleep_for(1ms);
        if (gave_up) break;
        server->Signal(SIGKILL);
        ASSERT_TRUE(server->Wait(10s).has_value());
        const unsigned short again = StartProbe(server, backend.url, port.load());
        ASSERT_NE(again, 0) << "restart " << kill_no << ": " << server->err();
    }
    writer.join();
    ASSERT_FALSE(gave_up) << "the writer got only " << acked.load()
                          << " rows acknowledged in 240 s; server: " << server->err();
    server->Signal(SIGTERM);
    ASSERT_EQ(server->Wait(30s), 0);

    auto db = platform::db::Database::Open(backend.url);
    std::map<std::string, std::int64_t> counts;
    db->Read([&](platform::db::Session& s) {
        for (const auto& row : s.Query("SELECT key, COUNT(*) FROM probe_row GROUP BY key")) {
            counts[row.Text(0)] = row.Int(1);
        }
    });
    ASSERT_EQ(acknowledged.size(), static_cast<std::size_t>(kRows));
    for (const auto& key : acknowledged) {
        ASSERT_EQ(counts[key], 1) << key << " stored " << counts[key] << " times";
    }
    EXPECT_EQ(counts.size(), acknowledged.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReliabilityTest, ::testing::ValuesIn(Backends()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace oqu
