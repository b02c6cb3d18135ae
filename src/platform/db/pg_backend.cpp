#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <libpq-fe.h>

#include "platform/db/backend.hpp"

namespace oqu::platform::db::detail {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr std::size_t kRewriteCacheLimit = 512;
constexpr std::size_t kPreparedLimit = 512;

std::string Shorten(std::string_view sql) {
    std::string one = OneLine(sql);
    return one.size() > 200 ? one.substr(0, 200) + "..." : one;
}

// Owns a PGresult.
struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// SQLSTATEs that mean the server or the network dropped the session.
bool IsConnectionLoss(PGconn* conn, const std::string& sqlstate) {
    return PQstatus(conn) != CONNECTION_OK || sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" ||
           sqlstate == "57P02" || sqlstate == "57P03";
}

// True when running a prepared statement failed because of the statement, not the data: DDL
// changed its result columns ("cached plan must not change result type", raised by the server's
// RevalidateCachedQuery, recognised by that untranslated name, as the message follows
// lc_messages), or the statement is gone (26000, e.g. after DISCARD ALL by a pooler).
bool IsStalePreparedStatement(const PGresult* r, const std::string& sqlstate) {
    if (sqlstate == "26000") {
        return true;
    }
    const char* function = r != nullptr ? PQresultErrorField(r, PG_DIAG_SOURCE_FUNCTION) : nullptr;
    return sqlstate == "0A000" && function != nullptr && std::strcmp(function, "RevalidateCachedQuery") == 0;
}

// One libpq connection with its rewritten-SQL cache; used by one thread at a time.
struct Connection {
    PGconn* conn = nullptr;
    bool broken = false;  ///< Set when the connection was lost; the pool discards it.
    std::unordered_map<std::string, RewrittenSql> rewrites;
    /// Server-side prepared statements of this connection: the statement's name, keyed by the
    /// caller's SQL and the parameter types (a parameter's type is part of the plan).
    std::unordered_map<std::string, std::string> prepared;
    std::uint64_t statements = 0;  ///< Names handed out ("oqu_1", "oqu_2" ...).
    /// The cache was emptied (ForgetPrepared): DEALLOCATE ALL when next idle.
    bool deallocate_pending = false;

    explicit Connection(PGconn* c) : conn(c) {}
    ~Connection() { PQfinish(conn); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    const RewrittenSql& Rewrite(std::string_view sql) {
        std::string key(sql);
        if (auto it = rewrites.find(key); it != rewrites.end()) {
            return it->second;
        }
        if (rewrites.size() >= kRewriteCacheLimit) {
            rewrites.clear();
        }
        RewrittenSql rewritten = RewritePlaceholders(sql);
        return rewrites.emplace(std::move(key), std::move(rewritten)).first->second;
    }

    // A DbError for a failed result (or a null one), marking the connection broken when it was lost.
    DbError Error(const PGresult* r, std::string_view sql) {
        std::string sqlstate;
        std::string message;
        if (r != nullptr) {
            const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
            sqlstate = state != nullptr ? state : "";
            message = primary != nullptr ? primary : PQresultErrorMessage(r);
        }
        if (message.empty()) {
            message = PQerrorMessage(conn);
        }
        bool lost = IsConnectionLoss(conn, sqlstate);
        if (lost) {
            broken = true;
        }
        bool retryable = lost || sqlstate == "40001" || sqlstate == "40P01";
        std::string code = sqlstate.empty() ? "" : fmt::format(" (SQLSTATE {})", sqlstate);
        return DbError(fmt::format("postgresql: {}{} in: {}", OneLine(message), code, Shorten(sql)),
                       retryable, sqlstate);
    }

    // Runs commands without parameters (BEGIN, SET, scripts); throws DbError.
    Result Simple(std::string_view sql) {
        std::string text(sql);
        Result r(PQexec(conn, text.c_str()));
        auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
            throw Error(r.get(), sql);
        }
        return r;
    }

    // The cache key of a statement: its SQL and its parameter types (a type is part of the plan).
    static std::string PreparedKey(std::string_view sql, const std::vector<Oid>& types) {
        std::string key(sql);
        key.push_back('\0');
        for (Oid type : types) {
            key.append(fmt::format("{},", type));
        }
        return key;
    }

    // The name of the prepared statement for `rewritten` with these parameter types, preparing it
    // on first use: each later run skips the server's parse, analysis and (after a few runs, when
    // a generic plan is no worse) planning. Throws DbError when the statement is invalid.
    const std::string& Prepare(std::string_view sql, const RewrittenSql& rewritten,
                               const std::vector<Oid>& types) {
        std::string key = PreparedKey(sql, types);
        if (auto it = prepared.find(key); it != prepared.end()) {
            return it->second;
        }
        if (prepared.size() >= kPreparedLimit) {
            ForgetPrepared();  // Names are never reused, so the server's copies may go later.
        }
        std::string name = fmt::format("oqu_{}", ++statements);
        Result r(PQprepare(conn, name.c_str(), rewritten.text.c_str(), static_cast<int>(types.size()),
                           types.data()));
        if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
            throw Error(r.get(), sql);
        }
        return prepared.emplace(std::move(key), std::move(name)).first->second;
    }

    // Forgets every prepared statement: when the cache is full, or after one went stale (DDL
    // changed its result columns) or vanished from the server. DEALLOCATE is not transactional and
    // runs at once, except in a failed transaction, where it cannot: then when the connection is
    // next idle (StartTransaction). Names are never reused meanwhile.
    void ForgetPrepared() noexcept {
        prepared.clear();
        if (PQtransactionStatus(conn) != PQTRANS_INERROR) {
            Result r(PQexec(conn, "DEALLOCATE ALL"));
            if (r && PQresultStatus(r.get()) == PGRES_COMMAND_OK) {
                return;
            }
        }
        deallocate_pending = true;
    }

    // Called with the connection idle, before a transaction's first statement.
    void StartTransaction(bool write) {
        if (deallocate_pending) {
            Simple("DEALLOCATE ALL");  // Also those prepared since the cache was emptied:
            prepared.clear();          // they are prepared again.
            deallocate_pending = false;
        }
        if (write) {
            Simple("BEGIN READ WRITE");
        }
    }

    // Ends an open transaction after a failure; never throws, so the original error stays the one
    // reported. A connection that cannot roll back is marked broken.
    void RollbackQuietly() noexcept {
        if (broken || PQstatus(conn) != CONNECTION_OK) {
            broken = true;
            return;
        }
        if (PQtransactionStatus(conn) == PQTRANS_IDLE) {
            return;
        }
        Result r(PQexec(conn, "ROLLBACK"));
        if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK || PQtransactionStatus(conn) != PQTRANS_IDLE) {
            broken = true;
        }
    }
};

// True when the statement is a SET command (SET TRANSACTION, SET LOCAL ...).
bool StartsWithSet(std::string_view sql) {
    const auto start = sql.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || sql.size() - start < 4) {
        return false;
    }
    std::string head(sql.substr(start, 4));
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return head == "SET " || head == "SET\t" || head == "SET\n" || head == "SET\r";
}

std::string FormatDouble(double d) {
    if (std::isnan(d)) {
        return "NaN";
    }
    if (std::isinf(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
    }
    return fmt::format("{}", d);
}

Blob DecodeBytea(const char* text, std::size_t size) {
    // bytea_output is set to hex on every connection: "\x0aff..".
    if (size < 2 || text[0] != '\\' || text[1] != 'x' || size % 2 != 0) {
        throw DbError("postgresql: unexpected bytea text (bytea_output must be hex)");
    }
    Blob out;
    out.bytes.resize((size - 2) / 2);
    for (std::size_t i = 2, o = 0; i + 1 < size; i += 2, ++o) {
        int hi = HexDigit(text[i]);
        int lo = HexDigit(text[i + 1]);
        if (hi < 0 || lo < 0) {
            throw DbError("postgresql: malformed bytea text");
        }
        out.bytes[o] = static_cast<char>(hi * 16 + lo);
    }
    return out;
}

Value Convert(const PGresult* r, int row, int column) {
    if (PQgetisnull(r, row, column) != 0) {
        return std::monostate{};
    }
    const char* text = PQgetvalue(r, row, column);
    auto size = static_cast<std::size_t>(PQgetlength(r, row, column));
    switch (PQftype(r, column)) {
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid: {
            std::int64_t n = 0;
            auto [end, ec] = std::from_chars(text, text + size, n);
            if (ec != std::errc() || end != text + size) {
                throw DbError(fmt::format("postgresql: malformed integer '{}'", std::string(text, size)));
            }
            return n;
        }
        case kFloat4Oid:
        case kFloat8Oid:
        case kNumericOid: {
            double d = 0;
            auto [end, ec] = std::from_chars(text, text + size, d);
            // Out-of-range numerics saturate rather than fail, as a cast to double precision would.
            if (ec == std::errc::result_out_of_range) {
                return text[0] == '-' ? -std::numeric_limits<double>::infinity()
                                      : std::numeric_limits<double>::infinity();
            }
            if (ec != std::errc() || end != text + size) {
                throw DbError(fmt::format("postgresql: malformed number '{}'", std::string(text, size)));
            }
            return d;
        }
        case kBoolOid:
            return std::int64_t{text[0] == 't' ? 1 : 0};
        case kByteaOid:
            return DecodeBytea(text, size);
        default:
            return std::string(text, size);
    }
}

// A transaction's statements. A write transaction is opened (BEGIN READ WRITE) before `fn` runs.
// A read runs its statements each on its own, without BEGIN and COMMIT: at READ COMMITTED each
// statement of a transaction takes its own snapshot anyway, so a reader sees the same, and the
// connection's default_transaction_read_only refuses writes as BEGIN READ ONLY would. Two round
// trips fewer for most requests. A reader that sets its transaction up (REPEATABLE READ, through
// ExecScript) gets a real BEGIN READ ONLY first.
class PgSession : public Session {
public:
    PgSession(Connection& connection, bool in_transaction)
        : connection_(connection), in_transaction_(in_transaction) {}

    bool in_transaction() const noexcept { return in_transaction_; }

    std::int64_t Exec(std::string_view sql, const Params& params) override {
        Result r = Run(sql, params);
        const char* tuples = PQcmdTuples(r.get());
        std::int64_t n = 0;
        std::from_chars(tuples, tuples + std::strlen(tuples), n);
        return n;
    }

    Rows Query(std::string_view sql, const Params& params) override {
        Result r = Run(sql, params);
        Rows out;
        int columns = PQnfields(r.get());
        int rows = PQntuples(r.get());
        for (int c = 0; c < columns; ++c) {
            out.columns.emplace_back(PQfname(r.get(), c));
        }
        out.rows.reserve(static_cast<std::size_t>(rows));
        for (int row = 0; row < rows; ++row) {
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                values.push_back(Convert(r.get(), row, c));
            }
            out.rows.emplace_back(std::move(values));
        }
        return out;
    }

    void ExecScript(std::string_view sql) override {
        OpenReadTransaction();
        connection_.Simple(sql);
    }

    Dialect dialect() const noexcept override { return Dialect::kPostgres; }

private:
    // A read's statements run on their own until it sets its transaction up: then BEGIN READ ONLY.
    void OpenReadTransaction() {
        if (in_transaction_) {
            return;
        }
        connection_.Simple("BEGIN READ ONLY");
        in_transaction_ = true;
    }

    Result Run(std::string_view sql, const Params& params) {
        if (StartsWithSet(sql)) {
            // SET TRANSACTION or SET LOCAL outside a transaction would do nothing (with only a
            // warning): a read that sets its transaction up gets one, as with ExecScript.
            OpenReadTransaction();
        }
        const RewrittenSql& rewritten = connection_.Rewrite(sql);
        if (static_cast<std::size_t>(rewritten.placeholders) != params.size()) {
            throw DbError(fmt::format("postgresql: the statement takes {} parameters, {} given (in: {})",
                                      rewritten.placeholders, params.size(), Shorten(sql)));
        }
        std::size_t n = params.size();
        std::vector<std::string> numbers(n);
        std::vector<const char*> values(n, nullptr);
        std::vector<int> lengths(n, 0);
        std::vector<int> formats(n, 0);
        // Integers are bigint and reals double precision; text stays untyped so that the server
        // infers it (timestamp, jsonb, uuid columns), and bytea goes in binary.
        std::vector<Oid> types(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const Value& v = params[i];
            if (const auto* k = std::get_if<std::int64_t>(&v)) {
                numbers[i] = std::to_string(*k);
                values[i] = numbers[i].c_str();
                types[i] = kInt8Oid;
            } else if (const auto* d = std::get_if<double>(&v)) {
                numbers[i] = FormatDouble(*d);
                values[i] = numbers[i].c_str();
                types[i] = kFloat8Oid;
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                if (s->find('\0') != std::string::npos) {
                    throw DbError(
                        fmt::format("postgresql: text parameter {} contains a zero byte; use Blob", i + 1));
                }
                values[i] = s->c_str();
            } else if (const auto* b = std::get_if<Blob>(&v)) {
                values[i] = b->bytes.data();
                lengths[i] = static_cast<int>(b->bytes.size());
                formats[i] = 1;
                types[i] = kByteaOid;
            }
        }
        const std::string& name = connection_.Prepare(sql, rewritten, types);
        Result r(PQexecPrepared(connection_.conn, name.c_str(), static_cast<int>(n), values.data(),
                                lengths.data(), formats.data(), 0));
        auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            DbError e = connection_.Error(r.get(), sql);
            if (IsStalePreparedStatement(r.get(), e.sqlstate())) {
                // Prepared again on the next run: forget this connection's statements and run the
                // transaction again.
                connection_.ForgetPrepared();
                throw DbError(e.what(), true, e.sqlstate());
            }
            throw e;  // NOLINT(misc-throw-by-value-catch-by-reference): built above from the result
        }
        return r;
    }

    Connection& connection_;
    bool in_transaction_;
};

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {
    // NOTICEs ("table already exists, skipping") are expected in migrations; keep stderr clean.
}

class PgDatabase : public Database {
public:
    PgDatabase(ParsedUrl url, std::string description, const Options& options)
        : url_(std::move(url)), description_(std::move(description)), options_(options) {
        // Connect once now so that a wrong URL or a server that is down fails at start-up.
        Lease lease(*this, options_.acquire_timeout);
    }

    Dialect dialect() const noexcept override { return Dialect::kPostgres; }

    bool Ping() noexcept override {
        // A connection idle across a server restart fails on first use; the second try reconnects.
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                Lease lease(*this, std::min(options_.acquire_timeout, std::chrono::milliseconds(2000)));
                Result r(PQexec(lease->conn, "SELECT 1"));
                if (r && PQresultStatus(r.get()) == PGRES_TUPLES_OK) {
                    return true;
                }
                lease->broken = true;
            } catch (const std::exception&) {
                // Unreachable or pool exhausted: the answer is false, and one more try is cheap.
            }
        }
        return false;
    }

    PoolStats Stats() const override {
        PoolStats out;
        {
            std::lock_guard lock(mutex_);
            out.size = open_;
            out.in_use = in_use_;
        }
        out.max_size = MaxSize();
        out.waits = waits_.load();
        out.retries = retries_.load();
        out.reconnects = reconnects_.load();
        return out;
    }

    std::string Describe() const override { return description_; }

protected:
    void RunTransaction(const std::function<void(Session&)>& fn, bool write) override {
        RunWithRetry(options_, retries_, [&] {
            Lease lease(*this, options_.acquire_timeout);
            Connection& c = *lease;
            c.StartTransaction(write);
            PgSession session(c, write);
            try {
                fn(session);
            } catch (...) {
                c.RollbackQuietly();
                throw;
            }
            if (session.in_transaction()) {
                Commit(c);
            }
        });
    }

private:
    // A pooled connection borrowed for one scope; a broken one is discarded on return.
    class Lease {
    public:
        Lease(PgDatabase& db, std::chrono::milliseconds timeout)
            : db_(db), connection_(db.Acquire(timeout)) {}
        ~Lease() { db_.Release(std::move(connection_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Connection& operator*() { return *connection_; }
        Connection* operator->() { return connection_.get(); }

    private:
        PgDatabase& db_;
        std::unique_ptr<Connection> connection_;
    };

    int MaxSize() const { return std::max(1, options_.pool_size); }

    static void Commit(Connection& c) {
        Result r(PQexec(c.conn, "COMMIT"));
        auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK) {
            DbError e = c.Error(r.get(), "COMMIT");
            c.RollbackQuietly();
            if (c.broken) {
                // The COMMIT may have reached the server: running the transaction again could
                // apply it twice, so this loss is not retryable.
                throw DbError(
                    fmt::format("{} (connection lost during COMMIT; the outcome is unknown)", e.what()),
                    false, e.sqlstate());
            }
            throw e;  // NOLINT(misc-throw-by-value-catch-by-reference): built above from the result, not
                      // caught
        }
        // COMMIT of a transaction in which a statement failed (and the caller swallowed the
        // error) answers ROLLBACK: report it instead of pretending the writes happened.
        if (std::strcmp(PQcmdStatus(r.get()), "ROLLBACK") == 0) {
            throw DbError(
                "postgresql: the transaction was rolled back at COMMIT because a statement in it failed");
        }
    }

    std::unique_ptr<Connection> Connect() {
        std::string connect_timeout = "10";
        const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
        // dbname comes last, so parameters written in the URL override these defaults.
        const char* values[] = {connect_timeout.c_str(), "oqu", "UTF8", url_.conninfo.c_str(), nullptr};
        auto connection = std::make_unique<Connection>(PQconnectdbParams(keys, values, 1));
        if (connection->conn == nullptr) {
            throw DbError(fmt::format("cannot connect to {}: out of memory", description_), true);
        }
        if (PQstatus(connection->conn) != CONNECTION_OK) {
            throw DbError(fmt::format("cannot connect to {}: {}", description_,
                                      Scrub(PQerrorMessage(connection->conn))),
                          true);
        }
        PQsetNoticeProcessor(connection->conn, IgnoreNotice, nullptr);
        std::string setup = fmt::format(
            "SET statement_timeout = {}; SET lock_timeout = {}; SET TimeZone = 'UTC'; SET bytea_output = "
            "'hex'; SET default_transaction_read_only = on; SET default_transaction_isolation = 'read "
            "committed'",
            options_.statement_timeout.count(), options_.busy_timeout.count());
        try {
            connection->Simple(setup);
        } catch (const DbError& e) {
            throw DbError(fmt::format("cannot set up a connection to {}: {}", description_, Scrub(e.what())),
                          true);
        }
        return connection;
    }

    // One line, without the password even if a server or libpq message quotes it.
    std::string Scrub(std::string_view message) const {
        std::string out = OneLine(message);
        if (!url_.password.empty()) {
            for (auto at = out.find(url_.password); at != std::string::npos;
                 at = out.find(url_.password, at)) {
                out.replace(at, url_.password.size(), "***");
            }
        }
        return out;
    }

    std::unique_ptr<Connection> Acquire(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        auto deadline = std::chrono::steady_clock::now() + timeout;
        bool waited = false;
        while (true) {
            if (!idle_.empty()) {
                auto out = std::move(idle_.back());
                idle_.pop_back();
                ++in_use_;
                return out;
            }
            if (open_ < MaxSize()) {
                ++open_;
                ++in_use_;
                bool replacing = lost_ > 0;
                if (replacing) {
                    --lost_;
                }
                lock.unlock();
                try {
                    auto out = Connect();
                    if (replacing) {
                        ++reconnects_;
                    }
                    return out;
                } catch (...) {
                    lock.lock();
                    --open_;
                    --in_use_;
                    if (replacing) {
                        ++lost_;
                    }
                    cv_.notify_one();
                    throw;
                }
            }
            if (!waited) {
                waited = true;
                ++waits_;
            }
            if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
                open_ >= MaxSize()) {
                throw DbError(
                    fmt::format("{}: timed out after {} ms waiting for a database connection (pool of {})",
                                description_, timeout.count(), MaxSize()));
            }
        }
    }

    void Release(std::unique_ptr<Connection> connection) {
        if (!connection) {
            return;
        }
        std::vector<std::unique_ptr<Connection>> discard;
        {
            std::lock_guard lock(mutex_);
            --in_use_;
            if (connection->broken || PQstatus(connection->conn) != CONNECTION_OK ||
                PQtransactionStatus(connection->conn) != PQTRANS_IDLE) {
                // The server probably went away (restart, failover): the idle connections are
                // to the same server, so drop them too rather than fail on each in turn.
                discard.push_back(std::move(connection));
                for (auto& idle : idle_) {
                    discard.push_back(std::move(idle));
                }
                idle_.clear();
                open_ -= static_cast<int>(discard.size());
                lost_ += static_cast<int>(discard.size());
            } else {
                idle_.push_back(std::move(connection));
            }
        }
        cv_.notify_all();
    }

    const ParsedUrl url_;
    const std::string description_;
    const Options options_;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;
    int in_use_ = 0;
    int lost_ = 0;  ///< Connections dropped after a loss and not yet re-opened.

    std::atomic<std::int64_t> waits_{0};
    std::atomic<std::int64_t> retries_{0};
    std::atomic<std::int64_t> reconnects_{0};
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const ParsedUrl& url, const std::string& description,
                                       const Options& options) {
    try {
        return std::make_unique<PgDatabase>(url, description, options);
    } catch (const DbError& e) {
        // At start-up nothing is retried: report the reason once.
        throw DbError(e.what(), false, e.sqlstate());
    }
}

}  // namespace oqu::platform::db::detail
