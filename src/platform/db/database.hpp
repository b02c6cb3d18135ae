#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace oqu::platform::db {

/// Unanticipated database failure (connection lost, disk full, bad SQL): a bug or broken
/// infrastructure, caught only at entry points. Anticipated outcomes are returned as values.
class DbError : public std::runtime_error {
public:
    /// `retryable` is true for SQLITE_BUSY/LOCKED and PostgreSQL 40001/40P01 (and a lost
    /// connection before commit): Database::Transact retries those.
    explicit DbError(const std::string& what, bool retryable = false, std::string sqlstate = {})
        : std::runtime_error(what), retryable_(retryable), sqlstate_(std::move(sqlstate)) {}
    /// True when running the whole transaction again may succeed.
    bool retryable() const noexcept { return retryable_; }
    /// PostgreSQL SQLSTATE, or "23505"-style equivalents mapped from SQLite extended codes
    /// for constraint failures ("23505" unique, "23503" foreign key, "23502" not null,
    /// "23514" check), else "".
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    /// True when a UNIQUE or PRIMARY KEY constraint refused the write (both backends).
    bool IsUniqueViolation() const noexcept { return sqlstate_ == "23505"; }

private:
    bool retryable_;
    std::string sqlstate_;
};

/// Binary data (BLOB in SQLite, bytea in PostgreSQL).
struct Blob {
    std::string bytes;  ///< Raw bytes; may contain zeros.
    /// Byte-wise equality.
    bool operator==(const Blob&) const = default;
};

/// A bound parameter or a column value. SQL uses `?` placeholders in both dialects; the
/// PostgreSQL backend rewrites them to $1..$n outside quotes and comments.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

/// Parameters in placeholder order.
using Params = std::vector<Value>;

/// One row of a result, values in select-list order.
class Row {
public:
    /// Wraps the values of one result row.
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
    /// Number of columns.
    std::size_t size() const noexcept { return values_.size(); }
    /// True when column `i` is NULL; throws DbError when `i` is out of range (as every accessor).
    bool IsNull(std::size_t i) const;
    /// Integer column (integral reals and numeric text convert); throws DbError if NULL or not convertible.
    std::int64_t Int(std::size_t i) const;
    /// Floating column (integers widen); throws DbError if NULL.
    double Real(std::size_t i) const;
    /// Text column (numbers are formatted); throws DbError if NULL.
    std::string Text(std::size_t i) const;
    /// Blob column (text is returned as its bytes); throws DbError if NULL.
    Blob Bytes(std::size_t i) const;
    /// Like Int, but NULL gives nullopt.
    std::optional<std::int64_t> OptInt(std::size_t i) const;
    /// Like Text, but NULL gives nullopt.
    std::optional<std::string> OptText(std::size_t i) const;
    /// The raw value of column `i`; throws DbError when out of range.
    const Value& at(std::size_t i) const;

private:
    std::vector<Value> values_;
};

/// The materialised rows of one query.
struct Rows {
    std::vector<std::string> columns;  ///< Column names in select-list order.
    std::vector<Row> rows;             ///< The rows in result order.
    /// True when the query returned no row.
    bool empty() const noexcept { return rows.empty(); }
    /// Number of rows.
    std::size_t size() const noexcept { return rows.size(); }
    /// Row `i` (unchecked, like std::vector).
    const Row& operator[](std::size_t i) const { return rows[i]; }
    /// Iteration over the rows.
    auto begin() const { return rows.begin(); }
    /// End of the rows.
    auto end() const { return rows.end(); }
};

/// Which SQL dialect a backend speaks; only platform/db and migrations look at it.
enum class Dialect { kSqlite, kPostgres };

/// One connection, borrowed from the pool for the length of a transaction. Not thread-safe.
class Session {
public:
    virtual ~Session() = default;
    /// Runs one statement; returns the number of rows changed. Prepared statements are cached.
    virtual std::int64_t Exec(std::string_view sql, const Params& params = {}) = 0;
    /// Runs one statement and returns all its rows (use RETURNING for inserted ids).
    virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
    /// Runs several `;`-separated statements without parameters (migrations). The script must
    /// not contain BEGIN/COMMIT: it runs inside the session's transaction.
    virtual void ExecScript(std::string_view sql) = 0;
    /// The dialect of the connection.
    virtual Dialect dialect() const noexcept = 0;
};

/// Counters for /metrics.
struct PoolStats {
    int size = 0;                 ///< Connections open now.
    int in_use = 0;               ///< Connections lent out now.
    int max_size = 0;             ///< Configured maximum.
    std::int64_t waits = 0;       ///< Borrowers that had to wait for a free connection.
    std::int64_t retries = 0;     ///< Transactions retried after busy/serialization failures.
    std::int64_t reconnects = 0;  ///< Connections re-opened after the server went away.
};

/// Options common to both backends.
struct Options {
    int pool_size = 8;                                   ///< Max connections (SQLite: readers+1 writer).
    std::chrono::milliseconds busy_timeout{5000};        ///< SQLite busy timeout; PG lock_timeout.
    std::chrono::milliseconds statement_timeout{30000};  ///< PostgreSQL statement_timeout.
    std::chrono::milliseconds acquire_timeout{10000};    ///< Wait for a pooled connection.
    int max_retries = 5;                                 ///< Transact retries on retryable errors.
};

/// A database named by URL: `sqlite:PATH` (`sqlite::memory:` for tests) or
/// `postgresql://user:pass@host:port/db`. Thread-safe.
class Database {
public:
    virtual ~Database() = default;

    /// Opens a backend; throws DbError with a clear one-line message when the URL is malformed
    /// or the database is unreachable.
    static std::unique_ptr<Database> Open(const std::string& url, const Options& options = {});

    /// The dialect of the backend.
    virtual Dialect dialect() const noexcept = 0;

    /// Runs `fn` inside BEGIN..COMMIT on a pooled connection. On a retryable DbError the whole
    /// transaction is rolled back and `fn` runs again (up to Options::max_retries, with
    /// backoff); on any other exception it rolls back and rethrows. `fn` must not have side
    /// effects outside the database. For SQLite the transaction is BEGIN IMMEDIATE when
    /// `write` is true, so writers queue instead of failing at commit.
    template <typename F>
    auto Transact(F&& fn, bool write = true) -> decltype(fn(std::declval<Session&>())) {
        using R = decltype(fn(std::declval<Session&>()));
        if constexpr (std::is_void_v<R>) {
            RunTransaction([&](Session& s) { fn(s); }, write);
        } else {
            std::optional<R> out;
            RunTransaction([&](Session& s) { out.emplace(fn(s)); }, write);
            return std::move(*out);
        }
    }

    /// Read-only (SQLite: deferred BEGIN; PostgreSQL: statements read-only each, see docs/DATABASE.md).
    template <typename F>
    auto Read(F&& fn) -> decltype(fn(std::declval<Session&>())) {
        return Transact(std::forward<F>(fn), false);
    }

    /// True when a trivial query succeeds within a short time; never throws.
    virtual bool Ping() noexcept = 0;

    /// A snapshot of the pool counters.
    virtual PoolStats Stats() const = 0;

    /// The URL with any password replaced by "***", for logs and messages.
    virtual std::string Describe() const = 0;

protected:
    /// Runs `fn` in one transaction with the retry loop described at Transact.
    virtual void RunTransaction(const std::function<void(Session&)>& fn, bool write) = 0;
};

/// Redacts the password of a database URL ("postgresql://u:***@h/db").
std::string RedactUrl(std::string_view url);

}  // namespace oqu::platform::db
