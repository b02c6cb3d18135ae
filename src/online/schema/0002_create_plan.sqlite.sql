-- R-O3: the individual study plan of an online student: how each discipline of his curriculum is
-- taken (online, with its synchronous hours, R-O6; or through an approved MOOC of online_mooc),
-- and his individual schedule. approved_at is set by the dean's office's approval and cleared by
-- any later change of the plan or the schedule (a changed plan needs a new approval). Discipline
-- ids point at academics_discipline, read through academics/api.hpp only.
CREATE TABLE online_plan (
    student_id BIGINT PRIMARY KEY,
    faculty_id BIGINT NOT NULL,
    programme_id BIGINT NOT NULL,
    curriculum_id BIGINT NOT NULL,
    approved_at BIGINT,
    approved_by BIGINT,
    approver TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
CREATE INDEX online_plan_approved ON online_plan (approved_at);

CREATE TABLE online_plan_discipline (
    student_id BIGINT NOT NULL REFERENCES online_plan (student_id),
    discipline_id BIGINT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('online', 'mooc')),
    synchronous_hours INTEGER NOT NULL CHECK (synchronous_hours >= 0),
    mooc_id BIGINT REFERENCES online_mooc (id),
    PRIMARY KEY (student_id, discipline_id)
);

CREATE TABLE online_plan_schedule (
    id INTEGER PRIMARY KEY,
    student_id BIGINT NOT NULL REFERENCES online_plan (student_id),
    discipline_id BIGINT NOT NULL,
    weekday SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('synchronous', 'asynchronous'))
);
CREATE INDEX online_plan_schedule_student ON online_plan_schedule (student_id);
