#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "platform/db/backend.hpp"
#include "platform/db/database.hpp"
#include "platform/db/tests/backends.hpp"

namespace oqu::platform::db::testing {
namespace {

std::string OpenError(const std::string& url) {
    try {
        Database::Open(url);
    } catch (const DbError& e) {
        return e.what();
    }
    return "opened";
}

TEST(RedactUrl, HidesPasswords) {
    EXPECT_EQ(RedactUrl("postgresql://u:secret@h:5432/db"), "postgresql://u:***@h:5432/db");
    EXPECT_EQ(RedactUrl("postgres://u:p%40ss@h/db?sslmode=require"), "postgres://u:***@h/db?sslmode=require");
    EXPECT_EQ(RedactUrl("postgresql://u@h/db?sslmode=disable&password=secret"),
              "postgresql://u@h/db?sslmode=disable&password=***");
    EXPECT_EQ(RedactUrl("postgresql://u@h/db"), "postgresql://u@h/db");
    EXPECT_EQ(RedactUrl("postgresql://h:5432/db"), "postgresql://h:5432/db");
    EXPECT_EQ(RedactUrl("sqlite:data/oqu.db"), "sqlite:data/oqu.db");
}

TEST(ParseUrl, SplitsBothForms) {
    EXPECT_EQ(detail::ParseUrl("sqlite:data/oqu.db").sqlite_path, "data/oqu.db");
    EXPECT_EQ(detail::ParseUrl("sqlite:/var/lib/oqu.db").sqlite_path, "/var/lib/oqu.db");
    EXPECT_EQ(detail::ParseUrl("sqlite:///var/lib/oqu.db").sqlite_path, "/var/lib/oqu.db");
    EXPECT_EQ(detail::ParseUrl("sqlite::memory:").sqlite_path, ":memory:");
    auto pg = detail::ParseUrl("postgres://u:p%40ss@h/db");
    EXPECT_EQ(pg.scheme, detail::Scheme::kPostgres);
    EXPECT_EQ(pg.password, "p@ss");
    EXPECT_EQ(detail::ParseUrl("postgresql://u@h/db?password=x").password, "x");
}

TEST(DatabaseOpen, RefusesUnsupportedUrlsInOneLine) {
    EXPECT_EQ(OpenError("mysql://u:secret@h/db"),
              "unsupported database URL 'mysql://u:***@h/db': expected sqlite:PATH or "
              "postgresql://user:pass@host:port/db");
    for (const char* url : {"", "sqlite:", "sqlite://", "data/oqu.db", "postgresql:/h/db"}) {
        EXPECT_EQ(OpenError(url).rfind("unsupported database URL", 0), 0u) << url;
    }
}

TEST(DatabaseOpen, ReportsAnUnwritableSqlitePathInOneLine) {
    auto dir = MakeTempDir();
    std::ofstream(dir / "a-file") << "not a directory";
    std::string url = "sqlite:" + (dir / "a-file" / "sub" / "oqu.db").string();
    std::string error = OpenError(url);
    EXPECT_EQ(error.rfind("cannot open database " + url + ": ", 0), 0u) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    std::filesystem::remove_all(dir);
}

TEST(DatabaseOpen, CreatesTheParentFolderOfASqliteFile) {
    auto dir = MakeTempDir();
    auto db = Database::Open("sqlite:" + (dir / "a" / "b" / "oqu.db").string());
    EXPECT_TRUE(db->Ping());
    EXPECT_TRUE(std::filesystem::exists(dir / "a" / "b" / "oqu.db"));
    db.reset();
    std::filesystem::remove_all(dir);
}

TEST(DatabaseOpen, InMemoryDatabasesArePrivate) {
    auto a = Database::Open("sqlite::memory:");
    auto b = Database::Open("sqlite::memory:");
    a->Transact([](Session& s) { s.ExecScript("CREATE TABLE only_in_a (id BIGINT)"); });
    EXPECT_THROW(b->Read([](Session& s) { s.Query("SELECT * FROM only_in_a"); }), DbError);
    EXPECT_EQ(a->Stats().max_size, 1);
}

TEST(DatabaseOpen, FailsFastInOneLineWhenPostgresIsUnreachable) {
    auto start = std::chrono::steady_clock::now();
    std::string error = OpenError("postgresql://nobody:secret@127.0.0.1:1/x");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(error.rfind("cannot connect to postgresql://nobody:***@127.0.0.1:1/x: ", 0), 0u) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    EXPECT_EQ(error.find("secret"), std::string::npos) << error;
}

}  // namespace
}  // namespace oqu::platform::db::testing
