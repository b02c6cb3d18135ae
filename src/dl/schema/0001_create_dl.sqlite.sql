-- The distance-learning workflow of Order 137 chapter 2 (module dl). Ids of other modules
-- (student_id, programme_id, faculty_id, discipline_id) point at their tables, which this module
-- never reads: what a page shows of them (names, codes) is copied when a row is written.
-- Dates are ISO text ("2026-09-01", Kazakhstan calendar days); times are UTC microseconds.

-- R-D5: rector's orders approving the list of disciplines allowed for DL.
CREATE TABLE dl_order (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    order_date TEXT NOT NULL,
    scan_sha TEXT NOT NULL DEFAULT '',
    scan_name TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);

-- The disciplines on each order's list.
CREATE TABLE dl_listed (
    order_id BIGINT NOT NULL REFERENCES dl_order (id),
    discipline_id BIGINT NOT NULL,
    programme_id BIGINT NOT NULL,
    code TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (order_id, discipline_id)
);
CREATE INDEX dl_listed_discipline ON dl_listed (discipline_id);

-- R-D1: applications; stage moves submitted -> reviewed -> approved/refused, or withdrawn.
CREATE TABLE dl_application (
    id INTEGER PRIMARY KEY,
    student_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    student_name TEXT NOT NULL,
    programme_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('medical', 'event', 'listed')),
    stage TEXT NOT NULL CHECK (stage IN ('submitted', 'reviewed', 'approved', 'refused', 'withdrawn')),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    mcc_number TEXT NOT NULL DEFAULT '',
    mcc_date TEXT NOT NULL DEFAULT '',
    document_sha TEXT NOT NULL DEFAULT '',
    document_name TEXT NOT NULL DEFAULT '',
    statement TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT NOT NULL,
    recommended INTEGER,
    review_comment TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    reviewed_at BIGINT,
    decision_comment TEXT NOT NULL DEFAULT '',
    decider TEXT NOT NULL DEFAULT '',
    decided_at BIGINT,
    grant_start TEXT NOT NULL DEFAULT '',
    grant_end TEXT NOT NULL DEFAULT '',
    art_37_2_number TEXT NOT NULL DEFAULT '',
    art_37_2_date TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
CREATE INDEX dl_application_student ON dl_application (student_id, stage);
CREATE INDEX dl_application_faculty ON dl_application (faculty_id, id);
CREATE INDEX dl_application_stage ON dl_application (stage, student_id);

-- The disciplines an application names (code and names copied from the curriculum).
CREATE TABLE dl_application_discipline (
    application_id BIGINT NOT NULL REFERENCES dl_application (id),
    discipline_id BIGINT NOT NULL,
    code TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    PRIMARY KEY (application_id, discipline_id)
);

-- R-D10: rows of the individual study plan (dates) and schedule (weekday, time).
CREATE TABLE dl_plan_row (
    id INTEGER PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES dl_application (id),
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'schedule')),
    discipline_id BIGINT NOT NULL,
    activity TEXT NOT NULL,
    start_date TEXT NOT NULL DEFAULT '',
    end_date TEXT NOT NULL DEFAULT '',
    weekday INTEGER NOT NULL DEFAULT 0,
    time_of_day TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dl_plan_row_application ON dl_plan_row (application_id);

-- R-D14, R-D16: an institution-wide emergency order (quarantine, emergency) and its period.
CREATE TABLE dl_emergency (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    order_date TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    recorded_by BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);

-- R-D14: classes that cannot be held online, moved to a later academic period, per discipline.
CREATE TABLE dl_postponement (
    id INTEGER PRIMARY KEY,
    emergency_id BIGINT NOT NULL REFERENCES dl_emergency (id),
    discipline_id BIGINT NOT NULL,
    code TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    class_kind TEXT NOT NULL CHECK (class_kind IN ('laboratory', 'studio', 'practice')),
    hours INTEGER NOT NULL,
    moved_to TEXT NOT NULL,
    UNIQUE (emergency_id, discipline_id, class_kind)
);
