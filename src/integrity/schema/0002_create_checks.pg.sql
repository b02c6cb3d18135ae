-- Borrowing checks of students' works in the portal (R-O20, R-A1, R-O10). A check is queued in the
-- transaction that submits the work (integrity/checks.hpp QueueCheck) and done by the job
-- "integrity.check": in one transaction it records the result here and adds the work to the index
-- (integrity_document, document_id). Matches and sources are stored as JSON written by checks.cpp:
-- matches [{"doc", "kind" (borrowing|quotation|reference), "offset", "length", "source_offset",
-- "source_length", "transliterated"}] with offsets in code points of the indexed texts; sources
-- [{"doc", "title", "origin", "ref", "share"}]; flags [{"kind", "count", "offset"}].
-- Course and author ids point at courses_course and identity_user, read through their APIs only.
CREATE TABLE integrity_check (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    course_id BIGINT NOT NULL,
    author_user_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    file_sha256 TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    student_may_view INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    originality DOUBLE PRECISION,
    hidden_runs INTEGER NOT NULL DEFAULT 0,
    flags TEXT NOT NULL DEFAULT '[]',
    matches TEXT NOT NULL DEFAULT '[]',
    sources TEXT NOT NULL DEFAULT '[]',
    document_id BIGINT REFERENCES integrity_document (id),
    error_key TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    UNIQUE (owner_kind, owner_id)
);
CREATE INDEX integrity_check_course ON integrity_check (course_id, created_at);
CREATE INDEX integrity_check_author ON integrity_check (author_user_id);

-- Sources a teacher of the course excluded from its checks (an example handed out, the task's own
-- text): left out of the course's later checks and of the recomputed one.
CREATE TABLE integrity_exclusion (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES integrity_document (id),
    check_id BIGINT NOT NULL REFERENCES integrity_check (id),
    excluded_by BIGINT NOT NULL,
    excluded_at BIGINT NOT NULL,
    UNIQUE (course_id, document_id)
);

-- The teacher's decisions on a check, newest last (the latest one stands); each is audited.
CREATE TABLE integrity_decision (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    check_id BIGINT NOT NULL REFERENCES integrity_check (id),
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned', 'referred')),
    comment TEXT NOT NULL,
    decided_by BIGINT NOT NULL,
    decider TEXT NOT NULL,
    decided_at BIGINT NOT NULL
);
CREATE INDEX integrity_decision_check ON integrity_decision (check_id);
