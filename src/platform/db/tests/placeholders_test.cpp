#include <gtest/gtest.h>

#include "platform/db/backend.hpp"

namespace oqu::platform::db::detail {
namespace {

struct Case {
    const char* sql;
    const char* expected;
    int placeholders;
};

/// Placeholders outside quotes and comments become $n; everything else is copied as is.
TEST(RewritePlaceholders, RewritesOnlyOutsideQuotesAndComments) {
    const Case cases[] = {
        {"SELECT 1", "SELECT 1", 0},
        {"SELECT ?", "SELECT $1", 1},
        {"INSERT INTO t (a, b) VALUES (?, ?)", "INSERT INTO t (a, b) VALUES ($1, $2)", 2},
        {"SELECT '?' , ?", "SELECT '?' , $1", 1},
        {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
        {"SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1},
        {"SELECT \"odd?name\" FROM t WHERE x = ?", "SELECT \"odd?name\" FROM t WHERE x = $1", 1},
        {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
        {"SELECT ? /* a /* nested? */ comment? */ , ?", "SELECT $1 /* a /* nested? */ comment? */ , $2", 2},
        {"SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1", 1},
        {"SELECT $body$ it's ? $body$, ?", "SELECT $body$ it's ? $body$, $1", 1},
        {"SELECT doc ?? 'key' FROM t WHERE id = ?", "SELECT doc ? 'key' FROM t WHERE id = $1", 1},
        {"SELECT $1", "SELECT $1", 0},
        {"SELECT a$b, ?", "SELECT a$b, $1", 1},
        {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
        {"SELECT 'Әбілқасым ?', ?", "SELECT 'Әбілқасым ?', $1", 1},
        {"?", "$1", 1},
        {"", "", 0},
    };
    for (const Case& c : cases) {
        RewrittenSql out = RewritePlaceholders(c.sql);
        EXPECT_EQ(out.text, c.expected) << c.sql;
        EXPECT_EQ(out.placeholders, c.placeholders) << c.sql;
    }
}

TEST(RewritePlaceholders, NumbersManyPlaceholders) {
    std::string sql = "VALUES (?";
    for (int i = 1; i < 12; ++i) {
        sql += ", ?";
    }
    sql += ")";
    RewrittenSql out = RewritePlaceholders(sql);
    EXPECT_EQ(out.placeholders, 12);
    EXPECT_EQ(out.text, "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
}

TEST(OneLine, CollapsesWhitespace) {
    EXPECT_EQ(OneLine("  connection refused\n\tIs the server running?\n"),
              "connection refused Is the server running?");
}

}  // namespace
}  // namespace oqu::platform::db::detail
