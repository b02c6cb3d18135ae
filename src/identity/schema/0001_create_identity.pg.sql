-- User accounts, role grants, sessions, second factor and login attempts of the identity module.
-- Times are UTC microseconds since the Unix epoch.

-- One account. login is stored lower-case. password_hash is an Argon2id string, empty when the
-- account cannot log in with a password yet. totp_secret is base32, set once enrolment is
-- confirmed; totp_pending_secret holds a secret shown but not yet confirmed. totp_last_step is
-- the last accepted TOTP time step: a code for that step or an earlier one is refused (replay).
CREATE TABLE identity_user (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'kk' CHECK (lang IN ('kk', 'ru', 'en')),
    password_hash TEXT NOT NULL DEFAULT '',
    must_change_password INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    totp_secret TEXT NOT NULL DEFAULT '',
    totp_pending_secret TEXT NOT NULL DEFAULT '',
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL DEFAULT 0
);

-- A role granted in a scope: scope_kind institution (scope_id 0), faculty, programme or course.
CREATE TABLE identity_grant (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES identity_user (id),
    role TEXT NOT NULL,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('institution', 'faculty', 'programme', 'course')),
    scope_id BIGINT NOT NULL DEFAULT 0,
    granted_by BIGINT NOT NULL DEFAULT 0,
    granted_at BIGINT NOT NULL,
    UNIQUE (user_id, role, scope_kind, scope_id)
);
CREATE INDEX identity_grant_user ON identity_grant (user_id);

-- A login session. The cookie holds a random 256-bit token; only its SHA-256 is stored.
-- stage: 'second_factor' after the password when a TOTP code is still due, then 'active'.
CREATE TABLE identity_session (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES identity_user (id),
    csrf_token TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('second_factor', 'active')),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX identity_session_user ON identity_session (user_id);

-- One-time recovery codes for the second factor (SHA-256 of the normalised code).
CREATE TABLE identity_recovery_code (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES identity_user (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    UNIQUE (user_id, code_hash)
);

-- Login attempts for throttling (per account and per address); old rows are pruned.
CREATE TABLE identity_login_attempt (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL,
    success INTEGER NOT NULL
);
CREATE INDEX identity_login_attempt_login ON identity_login_attempt (login, at);
CREATE INDEX identity_login_attempt_address ON identity_login_attempt (address, at);
