#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace oqu::platform::db {
class Database;
class Session;
}  // namespace oqu::platform::db

namespace oqu::platform::audit {

/// One administrative act (role grant, user change, password reset, academic-structure change,
/// later grade changes and decisions). Written in the same transaction as the act itself.
struct AuditEntry {
    core::Instant at{};
    std::int64_t actor_user_id = 0;  ///< 0: the command line / system.
    std::string actor_login;         ///< Login at the time of the act ("system" for the CLI).
    std::string action;              ///< "<module>.<verb>", e.g. "identity.grant_role".
    std::string object_type;         ///< "user", "programme", ...
    std::string object_id;           ///< The object's id as text.
    std::string detail_json = "{}";  ///< What changed (before/after), as a JSON object.
    std::string address;             ///< Client IP, empty for the CLI.
};

/// Appends `entry` to the hash-chained audit log inside the caller's transaction:
/// hash = SHA-256(previous hash + canonical serialisation of the record). Concurrent appenders
/// are serialised by the chain head row, so the chain never forks (PostgreSQL READ COMMITTED).
void RecordAudit(db::Session& session, const AuditEntry& entry);

/// The chain hash of record `seq` following a record whose hash is `prev_hash` (64 zeros before
/// record 1): lowercase hex SHA-256 of `prev_hash`, "\n" and the record's canonical form. A
/// forever format, specified in audit.cpp; exposed so tests and tools can recompute a chain.
std::string AuditRecordHash(std::string_view prev_hash, std::int64_t seq, const AuditEntry& entry);

/// One footprint event (R-D6, R-O19): who did what to which object when. Every module records
/// its events through this one call; analytics reads them.
struct FootprintEvent {
    core::Instant at{};
    std::int64_t user_id = 0;  ///< 0 for a visitor (e.g. a failed login for an unknown account).
    std::string action;        ///< "identity.login", "identity.login_failed", "courses.view_element"...
    std::string object_type;
    std::string object_id;
    std::string detail_json = "{}";
    std::string address;
};

/// Appends a footprint event inside the caller's transaction.
void RecordFootprint(db::Session& session, const FootprintEvent& event);

/// Records an administrative act of a module's use case: `entry` in the audit log and the same
/// act as a footprint event (R-D6) with an empty detail, so no personal or medical detail of the
/// audit record enters the footprint the analytics read. Inside the caller's transaction.
void RecordAct(db::Session& session, const AuditEntry& entry);

/// The result of checking the audit chain.
struct AuditVerification {
    bool ok = true;                             ///< True when the whole chain and its head agree.
    std::int64_t records = 0;                   ///< Intact records (before the first problem, if any).
    std::optional<std::int64_t> first_bad_seq;  ///< First record whose hash or link is wrong.
    std::string problem;                        ///< "record 17 was edited", "record 18 is missing".
    std::string last_hash;  ///< Hash of the last intact record; 64 zeros for an empty log.
};

/// Recomputes the whole chain: detects an edited record (hash mismatch), a deleted record (gap
/// in the sequence or a broken link) and a truncated tail (head row disagrees with the last record).
AuditVerification VerifyAuditChain(db::Database& db);

/// Audit records, newest first, for the administrator's audit page (filters optional).
struct AuditRecord {
    std::int64_t seq = 0;  ///< Position in the chain, from 1.
    AuditEntry entry;      ///< The act as recorded.
};

/// At most `limit` records (none when `limit` <= 0), newest first, only those with seq below
/// `before_seq` when it is positive (the next page) and whose action starts with `action_prefix`
/// when it is not empty ("identity."; '_' and '%' are literal).
std::vector<AuditRecord> ListAudit(db::Database& db, int limit, std::int64_t before_seq = 0,
                                   const std::string& action_prefix = {});

}  // namespace oqu::platform::audit
