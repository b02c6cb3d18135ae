-- The job that runs each check (jobs_job.id, read through platform/jobs' JobQueue::Find): a check
-- whose job the queue gave up on (dead after its attempts, e.g. the process died while running
-- it each time) is recorded failed with the reason integrity.check.gave_up instead of staying
-- "running" (checks.cpp RecoverAbandonedChecks). NULL for checks queued before this column.
ALTER TABLE integrity_check ADD COLUMN job_id BIGINT;
