#include "platform/audit/audit.hpp"

#include <array>
#include <limits>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <sodium.h>

#include "platform/db/database.hpp"

namespace oqu::platform::audit {
namespace {

// The prev_hash of record 1, and the head's hash while the log is empty.
constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// Records read per query while verifying, so a long log never sits in memory at once.
constexpr std::int64_t kVerifyPage = 1000;

constexpr std::string_view kRecordColumns =
    "seq, at, actor_user_id, actor_login, action, object_type, object_id, detail, address";

void EnsureSodium() {
    static const bool kReady = sodium_init() >= 0;
    if (!kReady) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

std::string Sha256Hex(std::string_view data) {
    EnsureSodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    if (crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) !=
        0) {
        throw std::runtime_error("crypto_hash_sha256 failed");
    }
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

void AppendField(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out.append(value);
    out += '\n';
}

}  // namespace

// The chain hash of one record. This is a FOREVER FORMAT: every stored hash depends on it, so it
// never changes (a new format would need a new version marker and a migration of the head).
//
//   hash      = lowercase hex of SHA-256(prev_hash + "\n" + canonical)
//   prev_hash = the 64 hex characters of the previous record's hash (64 '0' before record 1)
//   canonical = the nine fields below, each written as <byte count in decimal> ":" <bytes> "\n",
//               in this order: seq, at, actor_user_id, actor_login, action, object_type,
//               object_id, detail, address
//
// Integers (seq; at in microseconds since the Unix epoch; actor_user_id) are written in decimal
// without leading zeros, "-" first when negative. Text fields are their exact stored bytes
// (detail is the JSON text as given, not re-serialised). The length prefixes make the encoding
// unambiguous whatever bytes a field holds. Example: seq 1, at 5, actor 0, actor_login
// "system", action "a.b", the rest empty, detail "{}" gives canonical
// "1:1\n1:5\n1:0\n6:system\n3:a.b\n0:\n0:\n2:{}\n0:\n".
std::string AuditRecordHash(std::string_view prev_hash, std::int64_t seq, const AuditEntry& entry) {
    std::string text;
    text.reserve(prev_hash.size() + 128 + entry.detail_json.size());
    text.append(prev_hash);
    text += '\n';
    AppendField(text, std::to_string(seq));
    AppendField(text, std::to_string(core::ToMicros(entry.at)));
    AppendField(text, std::to_string(entry.actor_user_id));
    AppendField(text, entry.actor_login);
    AppendField(text, entry.action);
    AppendField(text, entry.object_type);
    AppendField(text, entry.object_id);
    AppendField(text, entry.detail_json);
    AppendField(text, entry.address);
    return Sha256Hex(text);
}

namespace {

// Reads the columns of kRecordColumns.
AuditRecord ReadRecord(const db::Row& row) {
    AuditRecord record;
    record.seq = row.Int(0);
    record.entry.at = core::FromMicros(row.Int(1));
    record.entry.actor_user_id = row.Int(2);
    record.entry.actor_login = row.Text(3);
    record.entry.action = row.Text(4);
    record.entry.object_type = row.Text(5);
    record.entry.object_id = row.Text(6);
    record.entry.detail_json = row.Text(7);
    record.entry.address = row.Text(8);
    return record;
}

// Stops the walk at the first problem.
void Fail(AuditVerification& out, std::optional<std::int64_t> seq, std::string problem) {
    out.ok = false;
    out.first_bad_seq = seq;
    out.problem = std::move(problem);
}

// The walk of VerifyAuditChain inside one read transaction.
AuditVerification Walk(db::Session& session) {
    if (session.dialect() == db::Dialect::kPostgres) {
        // One snapshot for the head and every page: appenders committing during the walk must
        // not look like a head/tail mismatch. A read-only REPEATABLE READ never fails to serialise.
        session.ExecScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    }
    AuditVerification out;
    out.last_hash = std::string(kGenesisHash);
    const db::Rows head = session.Query("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (head.size() != 1) {
        Fail(out, std::nullopt, "the chain head (audit_head) is missing");
        return out;
    }
    const std::int64_t head_seq = head[0].Int(0);
    const std::string head_hash = head[0].Text(1);

    const std::string sql = fmt::format(
        "SELECT {}, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?", kRecordColumns);
    std::int64_t expected = 1;
    // Start below every possible seq, so rows with seq <= 0 slipped in by hand are seen too.
    std::int64_t after = std::numeric_limits<std::int64_t>::min();
    for (;;) {
        const db::Rows page = session.Query(sql, {after, kVerifyPage});
        for (const db::Row& row : page) {
            const AuditRecord record = ReadRecord(row);
            const std::string prev_hash = row.Text(9);
            const std::string hash = row.Text(10);
            if (record.seq < expected) {
                Fail(out, record.seq,
                     fmt::format("record {} is out of sequence (inserted outside the chain)", record.seq));
                return out;
            }
            if (record.seq > expected) {
                Fail(out, expected, fmt::format("record {} is missing (deleted)", expected));
                return out;
            }
            if (AuditRecordHash(prev_hash, record.seq, record.entry) != hash) {
                Fail(out, record.seq, fmt::format("record {} was edited (hash mismatch)", record.seq));
                return out;
            }
            // The record is intact but follows another record than the one stored before it:
            // its predecessor was replaced and re-hashed.
            if (prev_hash != out.last_hash) {
                Fail(out, record.seq,
                     fmt::format("record {} does not link to record {} (broken link)", record.seq,
                                 record.seq - 1));
                return out;
            }
            out.last_hash = hash;
            out.records = record.seq;
            ++expected;
            after = record.seq;
        }
        if (static_cast<std::int64_t>(page.size()) < kVerifyPage) {
            break;
        }
    }

    const std::int64_t last = expected - 1;
    if (head_seq > last) {
        Fail(out, last + 1,
             fmt::format("record {} is missing (truncated tail: the chain head counts {} records, the log "
                         "ends at {})",
                         last + 1, head_seq, last));
    } else if (head_seq < last) {
        Fail(out, head_seq + 1,
             fmt::format("record {} is not counted by the chain head (appended outside the chain)",
                         head_seq + 1));
    } else if (head_hash != out.last_hash) {
        Fail(out, last > 0 ? std::optional<std::int64_t>(last) : std::nullopt,
             fmt::format("the chain head's hash does not match record {} (head edited)", last));
    }
    return out;
}

}  // namespace

void RecordAudit(db::Session& session, const AuditEntry& entry) {
    // Moving the head first takes its row lock (PostgreSQL) or rides on the single writer
    // (SQLite): a concurrent appender waits here until this transaction ends, then reads the
    // seq and hash this one leaves, so two records never share a predecessor.
    const db::Rows head =
        session.Query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
    if (head.size() != 1) {
        throw db::DbError("audit_head has no row: the audit migrations have not been applied");
    }
    const std::int64_t seq = head[0].Int(0);
    const std::string prev_hash = head[0].Text(1);
    const std::string hash = AuditRecordHash(prev_hash, seq, entry);
    session.Exec(fmt::format("INSERT INTO audit_log ({}, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?)",
                             kRecordColumns),
                 {seq, core::ToMicros(entry.at), entry.actor_user_id, entry.actor_login, entry.action,
                  entry.object_type, entry.object_id, entry.detail_json, entry.address, prev_hash, hash});
    session.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {hash});
}

void RecordAct(db::Session& session, const AuditEntry& entry) {
    RecordAudit(session, entry);
    RecordFootprint(session, {.at = entry.at,
                              .user_id = entry.actor_user_id,
                              .action = entry.action,
                              .object_type = entry.object_type,
                              .object_id = entry.object_id,
                              .detail_json = "{}",
                              .address = entry.address});
}

void RecordFootprint(db::Session& session, const FootprintEvent& event) {
    // R-D6, R-O19: one row per act; analytics reads them by (user_id, at) and (action, at).
    session.Exec(
        "INSERT INTO audit_footprint (at, user_id, action, object_type, object_id, detail, address) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {core::ToMicros(event.at), event.user_id, event.action, event.object_type, event.object_id,
         event.detail_json, event.address});
}

AuditVerification VerifyAuditChain(db::Database& db) {
    return db.Read([](db::Session& session) { return Walk(session); });
}

std::vector<AuditRecord> ListAudit(db::Database& db, int limit, std::int64_t before_seq,
                                   const std::string& action_prefix) {
    if (limit <= 0) {
        return {};
    }
    std::string sql = fmt::format("SELECT {} FROM audit_log WHERE 1 = 1", kRecordColumns);
    db::Params params;
    if (before_seq > 0) {
        sql += " AND seq < ?";
        params.emplace_back(before_seq);
    }
    if (!action_prefix.empty()) {
        // A prefix compare rather than LIKE: '_' and '%' in the prefix are literal ("identity.grant_role").
        sql += " AND substr(action, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)";
        params.emplace_back(action_prefix);
        params.emplace_back(action_prefix);
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    params.emplace_back(std::int64_t{limit});
    return db.Read([&](db::Session& session) {
        std::vector<AuditRecord> out;
        for (const db::Row& row : session.Query(sql, params)) {
            out.push_back(ReadRecord(row));
        }
        return out;
    });
}

}  // namespace oqu::platform::audit
