-- The e-journal (R-O22, R-D9). group_id, discipline_id, period_id and student_id point at the
-- people_ and academics_ tables, which this module never reads: faculty_id and programme_id (the
-- group's) are copied when a journal is opened so that lists filter by the caller's scopes.
-- Times are UTC microseconds since the Unix epoch.

-- One journal per group, discipline and academic period, with the weights and minimums of the
-- academic policy in force for it (a course's own assessment policy may set them later).
CREATE TABLE gradebook_journal (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id BIGINT NOT NULL,
    discipline_id BIGINT NOT NULL,
    period_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    programme_id BIGINT NOT NULL,
    weeks INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 30),
    weight_current INTEGER NOT NULL,
    weight_rk1 INTEGER NOT NULL,
    weight_rk2 INTEGER NOT NULL,
    weight_exam INTEGER NOT NULL,
    min_admission INTEGER NOT NULL,
    min_exam INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at BIGINT NOT NULL,
    opened_by BIGINT NOT NULL,
    closed_at BIGINT,
    closed_by BIGINT,
    UNIQUE (group_id, discipline_id, period_id)
);
CREATE INDEX gradebook_journal_scope ON gradebook_journal (faculty_id, programme_id);

-- The marks of a journal: one row per student and cell ("w1".."w30", "rk1", "rk2", "exam",
-- "reexam"). A cleared mark keeps its row with mark NULL (who cleared it, and when).
CREATE TABLE gradebook_mark (
    journal_id BIGINT NOT NULL REFERENCES gradebook_journal (id),
    student_id BIGINT NOT NULL,
    cell TEXT NOT NULL,
    mark INTEGER CHECK (mark IS NULL OR mark BETWEEN 0 AND 100),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT NOT NULL,
    PRIMARY KEY (journal_id, student_id, cell)
);
CREATE INDEX gradebook_mark_student ON gradebook_mark (student_id);

-- Every change of a mark (history): who, when, before and after; after the closing with the
-- dean's office's reason.
CREATE TABLE gradebook_mark_change (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journal_id BIGINT NOT NULL REFERENCES gradebook_journal (id),
    student_id BIGINT NOT NULL,
    cell TEXT NOT NULL,
    old_mark INTEGER,
    new_mark INTEGER,
    changed_at BIGINT NOT NULL,
    changed_by BIGINT NOT NULL,
    after_close INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gradebook_mark_change_journal ON gradebook_mark_change (journal_id, student_id);

-- Saves of the marks grid seen so far: a repeated (user, client, seq) is not applied twice.
CREATE TABLE gradebook_save (
    user_id BIGINT NOT NULL,
    client TEXT NOT NULL,
    seq BIGINT NOT NULL,
    journal_id BIGINT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client, seq)
);
