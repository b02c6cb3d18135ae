-- The online form of study (Order 137 chapter 3). Student and teacher ids point at people_
-- tables, which this module never reads: faculty_id and programme_id are copied when a row is
-- written so that staff lists filter by the caller's scopes. Days are ISO "YYYY-MM-DD" text;
-- times are UTC microseconds since the Unix epoch.

-- R-O7: versioned documents of the student's contract (technical requirements, consent to
-- personal-data processing, user agreement), each version with its kk/ru/en text.
CREATE TABLE online_document (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('technical_requirements', 'personal_data', 'user_agreement')),
    version INTEGER NOT NULL,
    text_kk TEXT NOT NULL,
    text_ru TEXT NOT NULL,
    text_en TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by BIGINT NOT NULL,
    UNIQUE (kind, version)
);

-- R-O7: a student's acceptance of one document version; withdrawn_at is set when the student
-- withdraws consent to personal-data processing. Rows are never deleted (history).
CREATE TABLE online_acceptance (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    student_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    programme_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES online_document (id),
    accepted_at BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE INDEX online_acceptance_student ON online_acceptance (student_id, document_id);

-- R-O14 / R-D17: a MOOC completed by a student, with the credits the HEI recognises.
CREATE TABLE online_mooc (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    student_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    programme_id BIGINT NOT NULL,
    platform TEXT NOT NULL CHECK (platform IN ('coursera', 'edx', 'futurelearn', 'udacity', 'own', 'other')),
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    credits INTEGER NOT NULL,
    completed_on TEXT NOT NULL,
    certificate_sha256 TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
    submitted_by BIGINT NOT NULL,
    submitted_at BIGINT NOT NULL,
    decided_by BIGINT,
    decided_at BIGINT
);
CREATE INDEX online_mooc_student ON online_mooc (student_id);
CREATE INDEX online_mooc_status ON online_mooc (status, student_id);

-- R-O16: a teacher's professional-development course in IT competence / online teaching.
CREATE TABLE online_qualification (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    teacher_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    provider TEXT NOT NULL,
    hours INTEGER NOT NULL,
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL,
    certificate_sha256 TEXT NOT NULL DEFAULT '',
    entered_by BIGINT NOT NULL,
    entered_at BIGINT NOT NULL
);
CREATE INDEX online_qualification_teacher ON online_qualification (teacher_id, end_on);
CREATE INDEX online_qualification_end ON online_qualification (end_on, teacher_id);

-- R-O25: a request to transfer between the full-time and online forms.
CREATE TABLE online_transfer (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    student_id BIGINT NOT NULL,
    faculty_id BIGINT NOT NULL,
    programme_id BIGINT NOT NULL,
    from_form TEXT NOT NULL CHECK (from_form IN ('full_time', 'online')),
    to_form TEXT NOT NULL CHECK (to_form IN ('full_time', 'online')),
    effective_on TEXT NOT NULL,
    paid INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'refused')),
    requested_by BIGINT NOT NULL,
    requested_at BIGINT NOT NULL,
    decided_by BIGINT,
    decided_at BIGINT
);
CREATE INDEX online_transfer_student ON online_transfer (student_id);
