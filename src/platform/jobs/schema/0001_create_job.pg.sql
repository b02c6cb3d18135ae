-- Durable jobs of platform/jobs. Times are UTC microseconds since the Unix epoch.
-- status: queued (waiting), running (claimed, lease until locked_until), failed (waiting for a
-- retry at run_at), done, dead (gave up after max_attempts; last_error says why).
CREATE TABLE jobs_job (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
    run_at BIGINT NOT NULL,
    locked_by TEXT,
    locked_until BIGINT,
    last_error TEXT,
    dedup_key TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX jobs_job_status_run_at ON jobs_job (status, run_at);
