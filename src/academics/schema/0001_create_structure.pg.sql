-- The academic structure of the academics module (R-A2): the national classifier of directions of
-- training (seeded from seed/directions.csv), faculties, departments, educational programmes,
-- curricula with their disciplines, academic years with periods and breaks.
-- Times are UTC microseconds since the Unix epoch; dates are ISO 'YYYY-MM-DD' text.

-- The classifier: fields (6B01), directions (6B011), groups (B001). dl_regime is Order 137 p.11
-- (R-D7): forbidden, limit20, limit50, or mixed on a field/direction whose groups differ.
-- online_form is R-O2 (list of order No. 530): unknown until an administrator enters it.
-- status is the seed's evidence for the row; confirmed_* record the administrator who checked it.
CREATE TABLE academics_direction (
    code TEXT PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('bachelor', 'master', 'doctorate', 'residency')),
    row_type TEXT NOT NULL CHECK (row_type IN ('field', 'direction', 'group')),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    parent_code TEXT NOT NULL DEFAULT '',
    dl_regime TEXT NOT NULL CHECK (dl_regime IN ('forbidden', 'limit20', 'limit50', 'mixed')),
    online_form TEXT NOT NULL DEFAULT 'unknown' CHECK (online_form IN ('unknown', 'allowed', 'forbidden')),
    justification TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    name_origin TEXT NOT NULL DEFAULT '',
    confirmed_by_user_id BIGINT,
    confirmed_by_login TEXT,
    confirmed_at BIGINT,
    updated_at BIGINT
);
CREATE INDEX academics_direction_level ON academics_direction (level, row_type);

CREATE TABLE academics_faculty (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- A department (кафедра) belongs to one faculty; its scope is the faculty's.
CREATE TABLE academics_department (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    faculty_id BIGINT NOT NULL REFERENCES academics_faculty (id),
    code TEXT NOT NULL UNIQUE,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX academics_department_faculty ON academics_department (faculty_id);

-- An educational programme (6B06101). direction_code is a group row of the classifier; the
-- programme takes its dl_regime and online_form from it. languages: 'kk,ru' (study languages).
CREATE TABLE academics_programme (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('bachelor', 'master', 'doctorate')),
    credits INTEGER NOT NULL,
    direction_code TEXT NOT NULL REFERENCES academics_direction (code),
    faculty_id BIGINT NOT NULL REFERENCES academics_faculty (id),
    department_id BIGINT REFERENCES academics_department (id),
    languages TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX academics_programme_faculty ON academics_programme (faculty_id);

-- A curriculum: the programme's study plan for the cohort admitted in admission_year.
CREATE TABLE academics_curriculum (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES academics_programme (id),
    admission_year INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (programme_id, admission_year)
);

-- A discipline of a curriculum: credits (ECTS), cycle, component, semester, form of control and
-- academic hours by kind of class (srop: independent work with a teacher; sro: independent work).
CREATE TABLE academics_discipline (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    curriculum_id BIGINT NOT NULL REFERENCES academics_curriculum (id),
    code TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    credits INTEGER NOT NULL,
    cycle TEXT NOT NULL CHECK (cycle IN ('general', 'basic', 'profile')),
    component TEXT NOT NULL CHECK (component IN ('required', 'university', 'elective')),
    semester INTEGER NOT NULL,
    control TEXT NOT NULL CHECK (control IN ('exam', 'credit', 'coursework')),
    hours_lecture INTEGER NOT NULL DEFAULT 0,
    hours_seminar INTEGER NOT NULL DEFAULT 0,
    hours_laboratory INTEGER NOT NULL DEFAULT 0,
    hours_studio INTEGER NOT NULL DEFAULT 0,
    hours_practice INTEGER NOT NULL DEFAULT 0,
    hours_srop INTEGER NOT NULL DEFAULT 0,
    hours_sro INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (curriculum_id, code)
);

-- An academic year ("2026-2027"), its periods (semesters, summer term, with the examination
-- session) and its own breaks (winter holidays ...; public holidays are a later module's).
CREATE TABLE academics_year (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE academics_period (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year_id BIGINT NOT NULL REFERENCES academics_year (id),
    kind TEXT NOT NULL CHECK (kind IN ('semester1', 'semester2', 'summer')),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    exam_start TEXT,
    exam_end TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (year_id, kind)
);

CREATE TABLE academics_holiday (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year_id BIGINT NOT NULL REFERENCES academics_year (id),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX academics_holiday_year ON academics_holiday (year_id);
