-- Attempts of the testing system (issue 5 §3, R-A5, R-A7): the part of exam day that must never
-- fail. An attempt keeps a snapshot of every question it showed (so later edits of the bank do not
-- change it) and every answer save the server acknowledged, with its sequence number. Times are
-- UTC microseconds; student_id is people_student.id.

-- One attempt of a student at a quiz. state: in_progress -> submitted (essays wait for the
-- teacher) -> graded. deadline is fixed at the start (the time limit with the student's extra
-- time, never past the closing). submitted_by: 'student' or 'server' (at the deadline). seed drives
-- the random draw and shuffles. mark is the points earned (NULL until submitted); max_mark the
-- points of its questions.
CREATE TABLE assessment_attempt (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quiz_id BIGINT NOT NULL REFERENCES assessment_quiz (id) ON DELETE CASCADE,
    student_id BIGINT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    state TEXT NOT NULL CHECK (state IN ('in_progress', 'submitted', 'graded')),
    started_at BIGINT NOT NULL,
    deadline BIGINT NOT NULL,
    submitted_at BIGINT,
    submitted_by TEXT CHECK (submitted_by IN ('student', 'server')),
    graded_at BIGINT,
    seed BIGINT NOT NULL,
    mark DOUBLE PRECISION,
    max_mark DOUBLE PRECISION NOT NULL DEFAULT 0,
    UNIQUE (quiz_id, student_id, number)
);
-- At most one attempt in progress per student and quiz, even under concurrent starts.
CREATE UNIQUE INDEX assessment_attempt_open ON assessment_attempt (quiz_id, student_id)
    WHERE state = 'in_progress';
CREATE INDEX assessment_attempt_student ON assessment_attempt (student_id);

-- The snapshot of one question of an attempt, in the order shown (slot 1..n): the question's id
-- and version, its type and body JSON as they were, the points it is worth, the shown order of its
-- answers (JSON array of answer indexes). share: the share of the mark earned (0..1, NULL until
-- graded: an essay waits for the teacher); comment: the teacher's.
CREATE TABLE assessment_attempt_slot (
    attempt_id BIGINT NOT NULL REFERENCES assessment_attempt (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    question_id BIGINT NOT NULL,
    question_version INTEGER NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    mark DOUBLE PRECISION NOT NULL,
    answer_order TEXT NOT NULL DEFAULT '[]',
    share DOUBLE PRECISION,
    comment TEXT NOT NULL DEFAULT '',
    graded_by BIGINT,
    graded_at BIGINT,
    PRIMARY KEY (attempt_id, slot)
);

-- Every answer save the server applied: the answer to a slot is the one with the highest seq. A
-- save whose seq is not above the stored one changes nothing (a retry or a reordered request).
CREATE TABLE assessment_attempt_response (
    attempt_id BIGINT NOT NULL REFERENCES assessment_attempt (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL,
    seq BIGINT NOT NULL,
    response TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, slot, seq)
);
