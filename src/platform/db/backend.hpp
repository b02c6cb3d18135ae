#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "platform/db/database.hpp"

// Internal to platform/db: shared by the backends and their tests, never included by modules.
namespace oqu::platform::db::detail {

/// Which backend a URL names.
enum class Scheme { kSqlite, kPostgres };

/// A database URL split for the backends.
struct ParsedUrl {
    Scheme scheme = Scheme::kSqlite;
    std::string sqlite_path;  ///< SQLite file path, or ":memory:" for a private in-memory db.
    std::string conninfo;     ///< PostgreSQL URI as given (libpq parses it).
    std::string password;     ///< PostgreSQL password (percent-decoded), for scrubbing messages.
};

/// Splits `url`; throws DbError "unsupported database URL ..." when it is neither form.
ParsedUrl ParseUrl(std::string_view url);

/// A `?`-parameterised statement rewritten for PostgreSQL.
struct RewrittenSql {
    std::string text;      ///< The SQL with `$1..$n` in place of each `?`.
    int placeholders = 0;  ///< n.
};

/// Rewrites `?` to `$1..$n` outside quotes, dollar-quoted strings and comments; `??` becomes a
/// literal `?` (the jsonb operator). Pure; never throws.
RewrittenSql RewritePlaceholders(std::string_view sql);

/// Collapses whitespace runs (newlines included) into one space and trims, so messages are one line.
std::string OneLine(std::string_view text);

/// Runs `attempt` until it returns, retrying on a retryable DbError up to options.max_retries
/// times with exponential backoff and jitter; counts each retry in `retries`. Rethrows the rest.
void RunWithRetry(const Options& options, std::atomic<std::int64_t>& retries,
                  const std::function<void()>& attempt);

/// Opens the SQLite backend; throws DbError when the file cannot be created or written.
std::unique_ptr<Database> OpenSqlite(const ParsedUrl& url, const std::string& description,
                                     const Options& options);

/// Opens the PostgreSQL backend and one connection; throws DbError when unreachable.
std::unique_ptr<Database> OpenPostgres(const ParsedUrl& url, const std::string& description,
                                       const Options& options);

/// Value of one hex digit (either case), or -1 for any other character.
int HexDigit(char c);

}  // namespace oqu::platform::db::detail
