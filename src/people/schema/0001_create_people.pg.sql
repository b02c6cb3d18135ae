-- Study groups, students and teachers of the people module (issue 3 §2, R-A2).
-- Ids of the academic structure (programme_id, faculty_id, department_id) point at academics_
-- tables, which this module never reads: faculty_id is copied from the programme (or
-- department) when a row is written, so that list pages can filter by the caller's scopes.
-- Times are UTC microseconds since the Unix epoch.

-- Teachers: name as in the identity document, department and post (codes, translated on
-- pages), academic degree, optional user account (identity user id).
CREATE TABLE people_teacher (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT '',
    latin_name TEXT NOT NULL DEFAULT '',
    department_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    position TEXT NOT NULL CHECK (position IN ('assistant', 'senior_lecturer', 'associate_professor',
                                               'professor', 'head_of_department')),
    degree TEXT NOT NULL DEFAULT 'none' CHECK (degree IN ('none', 'master', 'candidate', 'doctor', 'phd')),
    user_id BIGINT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX people_teacher_faculty ON people_teacher (faculty_id, id);
CREATE INDEX people_teacher_department ON people_teacher (department_id);

-- Study groups: a code unique in the institution ("ИС-21-1"), programme, year of admission,
-- language of instruction, curator (a teacher), and for lab subgroups the parent group.
CREATE TABLE people_group (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    programme_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    admission_year INTEGER NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    curator_id BIGINT REFERENCES people_teacher (id),
    parent_id BIGINT REFERENCES people_group (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX people_group_programme ON people_group (programme_id);
CREATE INDEX people_group_faculty ON people_group (faculty_id, id);

-- Students. The IIN (personal data, R-O10) is unique when present; study_form is R-O1..R-O3
-- (admission to online is checked by the distance module, R-O2); special_needs is R-A7.
CREATE TABLE people_student (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT NOT NULL DEFAULT '',
    latin_name TEXT NOT NULL DEFAULT '',
    iin TEXT UNIQUE CHECK (iin IS NULL OR length(iin) = 12),
    student_number TEXT NOT NULL UNIQUE,
    programme_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    group_id BIGINT REFERENCES people_group (id),
    course_year INTEGER NOT NULL CHECK (course_year BETWEEN 1 AND 6),
    study_form TEXT NOT NULL CHECK (study_form IN ('full_time', 'online')),
    funding TEXT NOT NULL CHECK (funding IN ('state_grant', 'paid')),
    status TEXT NOT NULL CHECK (status IN ('active', 'academic_leave', 'expelled', 'graduated')),
    special_needs INTEGER NOT NULL DEFAULT 0 CHECK (special_needs IN (0, 1)),
    user_id BIGINT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX people_student_faculty ON people_student (faculty_id, id);
CREATE INDEX people_student_programme ON people_student (programme_id, id);
CREATE INDEX people_student_group ON people_student (group_id);
CREATE INDEX people_student_surname ON people_student (surname);

-- Uploaded CSV files between preview and commit: the commit names the file by token and
-- checks every row again. Rows expire after an hour (removed on the next upload).
CREATE TABLE people_import (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('students', 'teachers', 'groups')),
    actor_user_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX people_import_expires ON people_import (expires_at);
