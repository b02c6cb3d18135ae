// A minimal server built from the platform libraries, for the reliability test: it acknowledges
// a row only after its transaction committed. Not part of the product.
#include <cstdlib>
#include <iostream>
#include <string>

#include "core/time.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/log/log.hpp"

namespace db = oqu::platform::db;
namespace http = oqu::platform::http;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: oqu_probe_server DB_URL PORT\n";
        return 2;
    }
    oqu::platform::log::SetMinLevel(oqu::platform::log::Level::kWarn);
    auto database = db::Database::Open(argv[1]);
    // The idempotent-write pattern of the platform: a client-chosen key under a UNIQUE
    // constraint, so a retry after a lost acknowledgement cannot store the row twice on either
    // backend (a NOT EXISTS check would race under PostgreSQL's READ COMMITTED).
    db::Migrate(*database,
                {{"probe", 1, "create_probe_row",
                  "CREATE TABLE probe_row (key TEXT NOT NULL UNIQUE, stored_at BIGINT NOT NULL)"}});
    http::Router router;
    router.Add(http::Method::kPost, "/rows", [&database](http::Request& request) {
        auto form = request.Form();
        const std::string* key = form ? form.value()->Field("key") : nullptr;
        if (key == nullptr) return http::Response::Text("missing key", 400);
        const auto now =
            std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
        database->Transact([&](db::Session& s) {
            s.Exec("INSERT INTO probe_row (key, stored_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                   {*key, oqu::core::ToMicros(now)});
        });
        return http::Response::Text("stored");
    });
    http::ServerOptions options;
    options.port = static_cast<unsigned short>(std::atoi(argv[2]));
    options.worker_threads = 4;
    http::Server server(options, router);
    server.Start();
    std::cout << "listening " << server.port() << std::endl;  // NOLINT: flush so the test sees it now
    server.RunUntilSignal(std::chrono::seconds(5));
    return 0;
}
