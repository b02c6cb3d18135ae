-- Courses (issue 5 §1): a discipline of a curriculum taught in an academic period by teachers to
-- groups, with its structure (R-A4, R-O8.1), assessment policy and readiness act (R-O12, R-O13).
-- Discipline, period, teacher and group ids point at academics_ and people_ tables, which this
-- module never reads: programme_id, faculty_id and department_id are copied when a course is
-- written so that staff lists filter by the caller's scopes. Times are UTC microseconds.

CREATE TABLE courses_course (
    id INTEGER PRIMARY KEY,
    discipline_id BIGINT NOT NULL,
    curriculum_id BIGINT NOT NULL,
    programme_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    department_id BIGINT,
    period_id BIGINT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    -- Taught in the online form (R-O16 applies to its teachers); also true in effect when a
    -- group of the course has online students.
    online INTEGER NOT NULL DEFAULT 0,
    -- The course's assessment policy (percent); NULL until set (the readiness checklist asks).
    weight_current INTEGER,
    weight_rk1 INTEGER,
    weight_rk2 INTEGER,
    weight_exam INTEGER,
    copied_from BIGINT,
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX courses_course_period ON courses_course (period_id);
CREATE INDEX courses_course_faculty ON courses_course (faculty_id);

CREATE TABLE courses_teacher (
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    teacher_id BIGINT NOT NULL,
    assigned_at BIGINT NOT NULL,
    PRIMARY KEY (course_id, teacher_id)
);
CREATE INDEX courses_teacher_teacher ON courses_teacher (teacher_id);

-- A stream (a whole group) or a subgroup for laboratory classes.
CREATE TABLE courses_group (
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('stream', 'subgroup')),
    PRIMARY KEY (course_id, group_id)
);
CREATE INDEX courses_group_group ON courses_group (group_id);

-- R-A4: the map of learning outcomes, each with the programme outcome it serves.
CREATE TABLE courses_outcome (
    id INTEGER PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    programme_outcome TEXT NOT NULL DEFAULT '',
    UNIQUE (course_id, code)
);

CREATE TABLE courses_week (
    id INTEGER PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    topic TEXT NOT NULL,
    UNIQUE (course_id, number)
);

-- R-O8.1: an element of a week. body: Markdown (lecture, tasks) or a description; url: a media
-- service or the session's link; reference: an electronic-library entry; file_*: an object of
-- the file store (its type sniffed); captions_sha256: a WebVTT file for audio and video.
CREATE TABLE courses_element (
    id INTEGER PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    week_id BIGINT NOT NULL REFERENCES courses_week (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('lecture', 'practical', 'laboratory', 'file', 'audio', 'video',
                                       'image', 'link', 'library', 'session')),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT NOT NULL DEFAULT '',
    file_type TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    captions_sha256 TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL DEFAULT '',
    synchronous INTEGER NOT NULL,
    hours INTEGER NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX courses_element_course ON courses_element (course_id);

-- Which outcomes an element forms or checks.
CREATE TABLE courses_element_outcome (
    element_id BIGINT NOT NULL REFERENCES courses_element (id) ON DELETE CASCADE,
    outcome_id BIGINT NOT NULL REFERENCES courses_outcome (id) ON DELETE CASCADE,
    PRIMARY KEY (element_id, outcome_id)
);

-- R-O12: the readiness act signed by the head of the course's department; its day is the day
-- the content counts as placed.
CREATE TABLE courses_readiness_act (
    course_id BIGINT PRIMARY KEY REFERENCES courses_course (id) ON DELETE CASCADE,
    signed_at BIGINT NOT NULL,
    signed_by BIGINT NOT NULL,
    signer_teacher_id BIGINT NOT NULL
);
