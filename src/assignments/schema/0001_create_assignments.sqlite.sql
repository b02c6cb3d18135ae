-- Assignments (issue 5 §2; R-O20, R-A4, R-O8.1): written work of a course (optionally of a week),
-- students' submissions with every version kept, extensions, groups and grades with their history.
-- course_id, week_id and student ids point at courses_ and people_ tables, which this module never
-- reads. Times are UTC microseconds; marks are points with two decimals.

CREATE TABLE assignments_assignment (
    id INTEGER PRIMARY KEY,
    course_id BIGINT NOT NULL,
    week_id BIGINT,
    title TEXT NOT NULL,
    instructions TEXT NOT NULL,
    submission_type TEXT NOT NULL CHECK (submission_type IN ('text', 'file', 'both')),
    file_types TEXT NOT NULL,           -- "pdf,docx": allowed extensions (sniffed type checked too)
    max_file_mb INTEGER NOT NULL,
    opens_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    cutoff_at BIGINT,
    late_policy TEXT NOT NULL CHECK (late_policy IN ('penalty', 'refuse')),
    penalty_per_day INTEGER NOT NULL,   -- percent of the mark per started day late
    penalty_cap INTEGER NOT NULL,       -- percent
    max_mark REAL NOT NULL,
    rubric TEXT NOT NULL,               -- JSON [{title, levels [{title, points}]}]; [] for a plain mark
    group_mode TEXT NOT NULL CHECK (group_mode IN ('none', 'shared', 'individual')),
    report_visible INTEGER NOT NULL,    -- students see their borrowing report
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX assignments_assignment_course ON assignments_assignment (course_id);

-- Groups of a group assignment, formed by the teacher; a student is in one group per assignment.
CREATE TABLE assignments_group (
    id INTEGER PRIMARY KEY,
    assignment_id BIGINT NOT NULL REFERENCES assignments_assignment (id),
    name TEXT NOT NULL,
    UNIQUE (assignment_id, name)
);
CREATE TABLE assignments_group_member (
    group_id BIGINT NOT NULL REFERENCES assignments_group (id),
    assignment_id BIGINT NOT NULL,
    student_id BIGINT NOT NULL,
    PRIMARY KEY (group_id, student_id),
    UNIQUE (assignment_id, student_id)
);

-- One submission per student (or per group); its versions below, the last one submitted counts.
CREATE TABLE assignments_submission (
    id INTEGER PRIMARY KEY,
    assignment_id BIGINT NOT NULL REFERENCES assignments_assignment (id),
    student_id BIGINT,
    group_id BIGINT REFERENCES assignments_group (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'graded', 'returned')),
    updated_at BIGINT NOT NULL,
    UNIQUE (assignment_id, student_id),
    UNIQUE (assignment_id, group_id),
    CHECK ((student_id IS NULL) <> (group_id IS NULL))
);

CREATE TABLE assignments_version (
    id INTEGER PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES assignments_submission (id),
    number INTEGER NOT NULL,
    final INTEGER NOT NULL,             -- 0: a draft, 1: submitted
    body TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file_type TEXT NOT NULL,
    submitted_by BIGINT NOT NULL,       -- the student who handed it in
    submitted_at BIGINT NOT NULL,       -- the server's clock
    late_seconds BIGINT NOT NULL,
    penalty_percent INTEGER NOT NULL,
    UNIQUE (submission_id, number)
);

-- Extensions per student: the latest row counts; every grant is audited.
CREATE TABLE assignments_extension (
    id INTEGER PRIMARY KEY,
    assignment_id BIGINT NOT NULL REFERENCES assignments_assignment (id),
    student_id BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    reason TEXT NOT NULL,
    granted_by BIGINT NOT NULL,
    granted_at BIGINT NOT NULL
);
CREATE INDEX assignments_extension_student ON assignments_extension (assignment_id, student_id);

-- Grades: every change is a new row (the history); the latest row per (submission, student) counts.
-- student_id is NULL for one grade of the whole submission.
CREATE TABLE assignments_grade (
    id INTEGER PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES assignments_submission (id),
    student_id BIGINT,
    version_number INTEGER NOT NULL,
    levels TEXT NOT NULL,               -- JSON array of chosen level indexes; [] for a plain mark
    points REAL NOT NULL,               -- before the late penalty
    penalty_percent INTEGER NOT NULL,
    mark REAL NOT NULL,                 -- after it
    feedback TEXT NOT NULL,
    feedback_sha256 TEXT NOT NULL,
    feedback_name TEXT NOT NULL,
    returned INTEGER NOT NULL,          -- returned for resubmission
    graded_by BIGINT NOT NULL,
    graded_at BIGINT NOT NULL
);
CREATE INDEX assignments_grade_submission ON assignments_grade (submission_id);
