-- A claim looks for due work (queued or failed, by run_at) and for expired leases (running, by
-- locked_until). Every exam attempt queues a job for its deadline, so at exam time the queue holds
-- thousands of jobs due later: these partial indexes answer both questions without reading them,
-- and they hold only the jobs not yet done.
CREATE INDEX jobs_job_due ON jobs_job (run_at, id) WHERE status IN ('queued', 'failed');
CREATE INDEX jobs_job_leased ON jobs_job (locked_until) WHERE status = 'running';
