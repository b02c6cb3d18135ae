-- The audit log of administrative acts and the footprint events of platform/audit.
-- Times are UTC microseconds since the Unix epoch.
--
-- audit_log: append-only and hash-chained. seq is 1, 2, 3 ... with no gap, assigned by
-- RecordAudit from audit_head (never by the database); hash = hex SHA-256(prev_hash || '\n' ||
-- canonical record), see audit.cpp for the canonical form. detail is a JSON object as text.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_user_id BIGINT NOT NULL DEFAULT 0,
    actor_login TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT NOT NULL,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
);

-- The chain head: the last seq handed out and the hash of that record. Appenders take turns on
-- this one row, so the chain never forks. seq 0 and 64 zeros mean an empty log.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL CHECK (length(hash) = 64)
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: the application never changes or removes a record. Someone with full rights can
-- still drop these triggers; `oqu audit verify` then detects the change through the chain.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head is never deleted');
END;
CREATE TRIGGER audit_head_no_rewind BEFORE UPDATE ON audit_head
WHEN NEW.seq < OLD.seq OR NEW.id <> OLD.id
BEGIN
    SELECT RAISE(ABORT, 'audit_head only moves forward');
END;

-- Footprint events (R-D6, R-O19): who did what to which object when. user_id 0 is a visitor.
-- Analytics reads them per user and per action over time.
CREATE TABLE audit_footprint (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id BIGINT NOT NULL DEFAULT 0,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT NOT NULL
);
CREATE INDEX audit_footprint_user_at ON audit_footprint (user_id, at);
CREATE INDEX audit_footprint_action_at ON audit_footprint (action, at);
