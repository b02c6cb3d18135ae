#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>

#include "platform/db/backend.hpp"

namespace oqu::platform::db::detail {
namespace {

constexpr const char* kMemoryPath = ":memory:";
constexpr std::size_t kStatementCacheLimit = 256;

std::string Shorten(std::string_view sql) {
    std::string one = OneLine(sql);
    return one.size() > 200 ? one.substr(0, 200) + "..." : one;
}

// SQLite extended result codes for constraint failures, mapped to PostgreSQL's SQLSTATEs.
std::string SqlState(int code) {
    switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return "23505";
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return "23503";
        case SQLITE_CONSTRAINT_NOTNULL:
            return "23502";
        case SQLITE_CONSTRAINT_CHECK:
            return "23514";
        default:
            return {};
    }
}

DbError SqliteError(int code, std::string_view message, std::string_view sql) {
    int primary = code & 0xff;
    bool retryable = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    return DbError(fmt::format("sqlite: {} (in: {})", OneLine(message), Shorten(sql)), retryable,
                   SqlState(code));
}

// One sqlite3 handle with its prepared statements; used by one thread at a time.
class Connection {
public:
    Connection(const std::string& path, const Options& options, bool reader) {
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw DbError(OneLine(message));
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
        Run(path == kMemoryPath ? "PRAGMA foreign_keys = ON" : "PRAGMA journal_mode = WAL");
        Run("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
        if (reader) {
            // Read() is read-only on every backend, as default_transaction_read_only is on PostgreSQL.
            Run("PRAGMA query_only = ON");
        }
    }
    ~Connection() {
        for (auto& [sql, stmt] : cache_) {
            sqlite3_finalize(stmt);
        }
        sqlite3_close_v2(db_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* db() const { return db_; }

    // Runs statements without parameters or results; throws DbError.
    void Run(std::string_view sql) {
        std::string text(sql);
        char* message = nullptr;
        int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) {
            std::string why = message != nullptr ? message : sqlite3_errstr(rc);
            sqlite3_free(message);
            throw SqliteError(sqlite3_extended_errcode(db_), why, sql);
        }
    }

    // The cached statement for `sql`, reset and unbound; prepares it on first use.
    sqlite3_stmt* Prepare(std::string_view sql) {
        std::string key(sql);
        if (auto it = cache_.find(key); it != cache_.end()) {
            return it->second;
        }
        if (cache_.size() >= kStatementCacheLimit) {
            for (auto& [text, stmt] : cache_) {
                sqlite3_finalize(stmt);
            }
            cache_.clear();
        }
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, &tail);
        if (rc != SQLITE_OK) {
            throw SqliteError(rc, sqlite3_errmsg(db_), sql);
        }
        if (stmt == nullptr) {
            throw DbError(fmt::format("sqlite: empty statement (in: {})", Shorten(sql)));
        }
        for (const char* p = tail; p != nullptr && *p != '\0'; ++p) {
            if (*p != ';' && std::isspace(static_cast<unsigned char>(*p)) == 0) {
                sqlite3_finalize(stmt);
                throw DbError(
                    fmt::format("sqlite: more than one statement; use ExecScript (in: {})", Shorten(sql)));
            }
        }
        cache_.emplace(std::move(key), stmt);
        return stmt;
    }

    // True while a transaction is open (autocommit is off).
    bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

    // Ends an open transaction after a failure; never throws, so the original error stays the one
    // reported. Returns false when the connection is left unusable.
    bool RollbackQuietly() noexcept {
        if (InTransaction()) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
        return !InTransaction();
    }

private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Resets a statement when a call is done with it, so it holds no lock and no borrowed buffer.
class StatementUse {
public:
    explicit StatementUse(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~StatementUse() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;

private:
    sqlite3_stmt* stmt_;
};

class SqliteSession : public Session {
public:
    explicit SqliteSession(Connection& connection) : connection_(connection) {}

    std::int64_t Exec(std::string_view sql, const Params& params) override {
        sqlite3_stmt* stmt = connection_.Prepare(sql);
        StatementUse use(stmt);
        Bind(stmt, sql, params);
        int rc = SQLITE_ROW;
        while (rc == SQLITE_ROW) {
            rc = sqlite3_step(stmt);
        }
        if (rc != SQLITE_DONE) {
            throw SqliteError(rc, sqlite3_errmsg(connection_.db()), sql);
        }
        return sqlite3_stmt_readonly(stmt) != 0 ? 0 : sqlite3_changes64(connection_.db());
    }

    Rows Query(std::string_view sql, const Params& params) override {
        sqlite3_stmt* stmt = connection_.Prepare(sql);
        StatementUse use(stmt);
        Bind(stmt, sql, params);
        Rows out;
        // The first step comes before the columns are read: a cached statement whose table
        // changed since (ALTER TABLE) is recompiled by that step, and `SELECT *` then has the
        // table's columns of now.
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            throw SqliteError(rc, sqlite3_errmsg(connection_.db()), sql);
        }
        int columns = sqlite3_column_count(stmt);
        for (int c = 0; c < columns; ++c) {
            out.columns.emplace_back(sqlite3_column_name(stmt, c));
        }
        for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                values.push_back(Column(stmt, c));
            }
            out.rows.emplace_back(std::move(values));
        }
        if (rc != SQLITE_DONE) {
            throw SqliteError(rc, sqlite3_errmsg(connection_.db()), sql);
        }
        return out;
    }

    void ExecScript(std::string_view sql) override { connection_.Run(sql); }

    Dialect dialect() const noexcept override { return Dialect::kSqlite; }

private:
    static void Bind(sqlite3_stmt* stmt, std::string_view sql, const Params& params) {
        int expected = sqlite3_bind_parameter_count(stmt);
        if (static_cast<std::size_t>(expected) != params.size()) {
            throw DbError(fmt::format("sqlite: the statement takes {} parameters, {} given (in: {})",
                                      expected, params.size(), Shorten(sql)));
        }
        // Parameters outlive the statement's use (StatementUse clears them), so SQLite need not copy.
        constexpr sqlite3_destructor_type kStatic = nullptr;
        for (int i = 1; i <= expected; ++i) {
            const Value& v = params[static_cast<std::size_t>(i - 1)];
            int rc = SQLITE_OK;
            if (const auto* n = std::get_if<std::int64_t>(&v)) {
                rc = sqlite3_bind_int64(stmt, i, *n);
            } else if (const auto* d = std::get_if<double>(&v)) {
                rc = sqlite3_bind_double(stmt, i, *d);
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                rc = sqlite3_bind_text64(stmt, i, s->data(), s->size(), kStatic, SQLITE_UTF8);
            } else if (const auto* b = std::get_if<Blob>(&v)) {
                // A null pointer would bind NULL, so an empty blob needs zeroblob.
                rc = b->bytes.empty()
                         ? sqlite3_bind_zeroblob(stmt, i, 0)
                         : sqlite3_bind_blob64(stmt, i, b->bytes.data(), b->bytes.size(), kStatic);
            } else {
                rc = sqlite3_bind_null(stmt, i);
            }
            if (rc != SQLITE_OK) {
                throw SqliteError(rc, sqlite3_errstr(rc), sql);
            }
        }
    }

    static Value Column(sqlite3_stmt* stmt, int c) {
        switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                return sqlite3_column_int64(stmt, c);
            case SQLITE_FLOAT:
                return sqlite3_column_double(stmt, c);
            case SQLITE_TEXT: {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
            }
            case SQLITE_BLOB: {
                const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                return Blob{data == nullptr ? std::string() : std::string(data, size)};
            }
            default:
                return std::monostate{};
        }
    }

    Connection& connection_;
};

class SqliteDatabase : public Database {
public:
    SqliteDatabase(std::string path, std::string description, const Options& options)
        : path_(std::move(path)),
          description_(std::move(description)),
          options_(options),
          memory_(path_ == kMemoryPath),
          max_readers_(std::max(1, options.pool_size - 1)) {
        writer_ = std::make_unique<Connection>(path_, options_, false);
        if (!memory_) {
            // Fail now, with the path in the message, when the file cannot be written.
            writer_->Run("BEGIN IMMEDIATE");
            writer_->Run("ROLLBACK");
        }
    }

    Dialect dialect() const noexcept override { return Dialect::kSqlite; }

    bool Ping() noexcept override {
        try {
            return Read([](Session& s) { return s.Query("SELECT 1").size() == 1; });
        } catch (const std::exception&) {
            return false;
        }
    }

    PoolStats Stats() const override {
        PoolStats out;
        {
            std::lock_guard lock(readers_mutex_);
            out.size = 1 + readers_open_;
        }
        out.in_use = in_use_.load();
        out.max_size = memory_ ? 1 : max_readers_ + 1;
        out.waits = waits_.load();
        out.retries = retries_.load();
        out.reconnects = 0;
        return out;
    }

    std::string Describe() const override { return description_; }

protected:
    void RunTransaction(const std::function<void(Session&)>& fn, bool write) override {
        RunWithRetry(options_, retries_, [&] {
            if (write || memory_) {
                RunOnWriter(fn, write);
            } else {
                RunOnReader(fn);
            }
        });
    }

private:
    // Counts a borrowed connection for Stats while alive.
    class InUse {
    public:
        explicit InUse(std::atomic<int>& counter) : counter_(counter) { ++counter_; }
        ~InUse() { --counter_; }
        InUse(const InUse&) = delete;
        InUse& operator=(const InUse&) = delete;

    private:
        std::atomic<int>& counter_;
    };

    DbError Timeout() const {
        return DbError(fmt::format("{}: timed out after {} ms waiting for a database connection (pool of {})",
                                   description_, options_.acquire_timeout.count(), Stats().max_size));
    }

    static void RunIn(Connection& connection, const std::function<void(Session&)>& fn, const char* begin) {
        connection.Run(begin);
        try {
            SqliteSession session(connection);
            fn(session);
            connection.Run("COMMIT");
        } catch (...) {
            connection.RollbackQuietly();
            throw;
        }
    }

    // ----- Group commit --------------------------------------------------------------------------
    // With synchronous = FULL every COMMIT waits for the disk (an fsync of the WAL, ~2 ms on the
    // machine of docs/BENCHMARKS.md), so one writer committing each transaction alone is bound to
    // a few hundred transactions a second, however little each one does. Writers therefore queue
    // their transactions; whoever holds the writer runs every queued one, each inside its own
    // SAVEPOINT (a failing one is rolled back alone and gets its own error), and commits them all
    // at once: one fsync for the group. A caller returns only after the COMMIT that holds its
    // changes, so what is acknowledged is on disk, exactly as before; the order of the queue is
    // the order of arrival. A transaction that could not run (the group's transaction was lost
    // before its turn) goes back to the queue.
    struct QueuedWrite {
        const std::function<void(Session&)>* fn = nullptr;
        std::exception_ptr error;
        bool taken = false;  // In a running group.
        bool done = false;   // Committed, or failed with `error`.
    };

    static constexpr std::size_t kMaxGroup = 256;

    void RunGrouped(const std::function<void(Session&)>& fn) {
        QueuedWrite me;
        me.fn = &fn;
        const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
        {
            std::lock_guard q(queue_mutex_);
            queue_.push_back(&me);
        }
        bool counted_wait = false;
        while (true) {
            std::unique_lock lock(writer_mutex_, std::try_to_lock);
            if (lock.owns_lock()) {
                std::vector<QueuedWrite*> group;
                {
                    std::lock_guard q(queue_mutex_);
                    if (me.done) break;
                    while (!queue_.empty() && group.size() < kMaxGroup) {
                        queue_.front()->taken = true;
                        group.push_back(queue_.front());
                        queue_.pop_front();
                    }
                }
                RunGroup(group);
                lock.unlock();
                queue_cv_.notify_all();
                std::lock_guard q(queue_mutex_);
                if (me.done) break;
                continue;
            }
            std::unique_lock q(queue_mutex_);
            if (!counted_wait) {
                counted_wait = true;
                ++waits_;
            }
            // Woken when a group ends (this one's, or one before it); the short slice is a safety net.
            queue_cv_.wait_for(q, std::chrono::milliseconds(20), [&] { return me.done; });
            if (me.done) break;
            if (!me.taken && std::chrono::steady_clock::now() > deadline) {
                queue_.erase(std::find(queue_.begin(), queue_.end(), &me));
                q.unlock();
                throw Timeout();
            }
        }
        if (me.error) std::rethrow_exception(me.error);
    }

    // Runs `group` in one transaction on the writer (held by the caller) and marks each done.
    void RunGroup(const std::vector<QueuedWrite*>& group) {
        if (group.empty()) return;
        InUse in_use(in_use_);
        std::exception_ptr lost;  // Set when the group's transaction is gone.
        std::size_t ran = 0;      // Transactions run (committed with the group unless `lost`).
        try {
            if (!writer_) writer_ = std::make_unique<Connection>(path_, options_, false);
            writer_->Run("BEGIN IMMEDIATE");
        } catch (...) {
            // No transaction: every one of the group fails with this error (a busy database is
            // retried by each caller's RunWithRetry).
            lost = std::current_exception();
            ran = group.size();
        }
        for (; !lost && ran < group.size(); ++ran) {
            QueuedWrite& w = *group[ran];
            try {
                writer_->Run("SAVEPOINT oqu_group");
                SqliteSession session(*writer_);
                (*w.fn)(session);
                writer_->Run("RELEASE oqu_group");
            } catch (...) {
                w.error = std::current_exception();
                try {
                    if (!writer_->InTransaction()) throw;
                    writer_->Run("ROLLBACK TO oqu_group");
                    writer_->Run("RELEASE oqu_group");
                } catch (...) {
                    // SQLite ended the whole transaction (an I/O error, a full disk): the ones run
                    // before are lost with it and get this error.
                    lost = w.error;
                }
            }
        }
        if (!lost) {
            try {
                writer_->Run("COMMIT");
            } catch (...) {
                lost = std::current_exception();
            }
        }
        if (lost && writer_) {
            writer_->RollbackQuietly();
            // A connection stuck in a transaction is replaced.
            if (writer_->InTransaction()) writer_.reset();
        }
        std::lock_guard q(queue_mutex_);
        for (std::size_t i = 0; i < group.size(); ++i) {
            QueuedWrite& w = *group[i];
            if (i < ran) {
                if (lost && !w.error) w.error = lost;
                w.done = true;
            } else {
                // Not run: back to the front of the queue, in order, for the next group.
                w.taken = false;
            }
        }
        for (std::size_t i = group.size(); i > ran; --i) queue_.push_front(group[i - 1]);
    }

    void RunOnWriter(const std::function<void(Session&)>& fn, bool write) {
        if (write && !memory_) {
            RunGrouped(fn);
            return;
        }
        std::unique_lock lock(writer_mutex_, std::try_to_lock);
        if (!lock.owns_lock()) {
            ++waits_;
            if (!lock.try_lock_for(options_.acquire_timeout)) {
                throw Timeout();
            }
        }
        InUse in_use(in_use_);
        if (!writer_) {
            writer_ = std::make_unique<Connection>(path_, options_, false);
        }
        try {
            if (write) {
                RunIn(*writer_, fn, "BEGIN IMMEDIATE");
            } else {
                // The in-memory database has one connection, so reads borrow the writer read-only.
                writer_->Run("PRAGMA query_only = ON");
                try {
                    RunIn(*writer_, fn, "BEGIN");
                } catch (...) {
                    writer_->Run("PRAGMA query_only = OFF");
                    throw;
                }
                writer_->Run("PRAGMA query_only = OFF");
            }
        } catch (...) {
            // A file connection stuck in a transaction is replaced; the in-memory one holds the data.
            if (!memory_ && writer_->InTransaction()) {
                writer_.reset();
            }
            throw;
        }
    }

    void RunOnReader(const std::function<void(Session&)>& fn) {
        std::unique_ptr<Connection> reader = AcquireReader();
        InUse in_use(in_use_);
        bool healthy = true;
        try {
            RunIn(*reader, fn, "BEGIN");
        } catch (...) {
            healthy = !reader->InTransaction();
            ReleaseReader(std::move(reader), healthy);
            throw;
        }
        ReleaseReader(std::move(reader), healthy);
    }

    std::unique_ptr<Connection> AcquireReader() {
        std::unique_lock lock(readers_mutex_);
        auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
        bool waited = false;
        while (true) {
            if (!idle_readers_.empty()) {
                auto out = std::move(idle_readers_.back());
                idle_readers_.pop_back();
                return out;
            }
            if (readers_open_ < max_readers_) {
                ++readers_open_;
                lock.unlock();
                try {
                    return std::make_unique<Connection>(path_, options_, true);
                } catch (const DbError& e) {
                    lock.lock();
                    --readers_open_;
                    readers_cv_.notify_one();
                    throw DbError(fmt::format("cannot open database {}: {}", description_, e.what()), true);
                }
            }
            if (!waited) {
                waited = true;
                ++waits_;
            }
            if (readers_cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_readers_.empty() &&
                readers_open_ >= max_readers_) {
                lock.unlock();
                throw Timeout();
            }
        }
    }

    void ReleaseReader(std::unique_ptr<Connection> reader, bool healthy) {
        std::lock_guard lock(readers_mutex_);
        if (healthy) {
            idle_readers_.push_back(std::move(reader));
        } else {
            --readers_open_;
        }
        readers_cv_.notify_one();
    }

    const std::string path_;
    const std::string description_;
    const Options options_;
    const bool memory_;
    const int max_readers_;

    std::timed_mutex writer_mutex_;
    std::unique_ptr<Connection> writer_;
    std::mutex queue_mutex_;
    std::condition_variable queue_cv_;
    std::deque<QueuedWrite*> queue_;  // Write transactions waiting for a group.

    mutable std::mutex readers_mutex_;
    std::condition_variable readers_cv_;
    std::vector<std::unique_ptr<Connection>> idle_readers_;
    int readers_open_ = 0;

    std::atomic<int> in_use_{0};
    std::atomic<std::int64_t> waits_{0};
    std::atomic<std::int64_t> retries_{0};
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const ParsedUrl& url, const std::string& description,
                                     const Options& options) {
    const std::string& path = url.sqlite_path;
    if (path != kMemoryPath) {
        std::filesystem::path parent = std::filesystem::path(path).parent_path();
        std::error_code ec;
        if (!parent.empty()) {
            std::filesystem::create_directories(parent, ec);
        }
        if (ec) {
            throw DbError(fmt::format("cannot open database {}: cannot create directory '{}': {}",
                                      description, parent.string(), ec.message()));
        }
    }
    try {
        return std::make_unique<SqliteDatabase>(path, description, options);
    } catch (const DbError& e) {
        throw DbError(fmt::format("cannot open database {}: {}", description, e.what()), false, e.sqlstate());
    }
}

}  // namespace oqu::platform::db::detail
