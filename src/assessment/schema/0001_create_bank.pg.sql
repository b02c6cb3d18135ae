-- The testing system (issue 5 §3, R-A5, R-A7): a question bank per course, quizzes drawn from it,
-- and per-student accommodations. course_id and student/teacher ids point at courses_ and
-- people_ tables. Times are UTC microseconds.

-- A category of a course's bank; categories nest (parent_id). Names are unique among siblings
-- (top-level siblings too: the code checks, as NULL parents are distinct in UNIQUE).
CREATE TABLE assessment_category (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    parent_id BIGINT REFERENCES assessment_category (id),
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (course_id, parent_id, name)
);
CREATE INDEX assessment_category_course ON assessment_category (course_id);

-- A question: body is the JSON of the domain Question (text, format, answers, feedback);
-- version is bumped on every edit (attempts keep the version they showed); retired questions
-- stay for past attempts but are never drawn again.
CREATE TABLE assessment_question (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES assessment_category (id),
    type TEXT NOT NULL CHECK (type IN ('single_choice', 'multiple_choice', 'true_false', 'matching',
                                       'ordering', 'short_answer', 'numerical', 'essay')),
    name TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    retired INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX assessment_question_course ON assessment_question (course_id);
CREATE INDEX assessment_question_category ON assessment_question (category_id);

CREATE TABLE assessment_quiz (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    week_id BIGINT,
    title TEXT NOT NULL,
    intro TEXT NOT NULL DEFAULT '',
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    time_limit_seconds INTEGER,
    attempts_allowed INTEGER NOT NULL DEFAULT 1 CHECK (attempts_allowed >= 0),
    shuffle_questions INTEGER NOT NULL DEFAULT 0,
    shuffle_answers INTEGER NOT NULL DEFAULT 0,
    one_per_page INTEGER NOT NULL DEFAULT 0,
    review TEXT NOT NULL DEFAULT 'after_close' CHECK (review IN ('never', 'after_submit', 'after_close')),
    proctored INTEGER NOT NULL DEFAULT 0,
    grade_column TEXT CHECK (grade_column IN ('current', 'rk1', 'rk2', 'exam')),
    max_mark REAL NOT NULL DEFAULT 0,
    published INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE INDEX assessment_quiz_course ON assessment_quiz (course_id);

-- A rule of a quiz: a fixed question (question_id), or a random draw of draw_count questions
-- from a category (category_id); each question drawn is worth `mark`.
CREATE TABLE assessment_quiz_rule (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quiz_id BIGINT NOT NULL REFERENCES assessment_quiz (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question_id BIGINT REFERENCES assessment_question (id),
    category_id BIGINT REFERENCES assessment_category (id),
    draw_count INTEGER NOT NULL DEFAULT 1 CHECK (draw_count >= 1),
    mark REAL NOT NULL CHECK (mark > 0),
    CHECK ((question_id IS NULL) <> (category_id IS NULL))
);
CREATE INDEX assessment_quiz_rule_quiz ON assessment_quiz_rule (quiz_id);

-- R-A7: a student's accommodations (extra time, a later closing) for one quiz or, quiz_id NULL,
-- every quiz of the course.
CREATE TABLE assessment_accommodation (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id BIGINT NOT NULL REFERENCES courses_course (id) ON DELETE CASCADE,
    student_id BIGINT NOT NULL,
    quiz_id BIGINT REFERENCES assessment_quiz (id) ON DELETE CASCADE,
    extra_time_percent INTEGER NOT NULL DEFAULT 0 CHECK (extra_time_percent >= 0 AND extra_time_percent <= 400),
    closes_at BIGINT,
    reason TEXT NOT NULL,
    set_by BIGINT NOT NULL,
    set_at BIGINT NOT NULL
);
CREATE INDEX assessment_accommodation_student ON assessment_accommodation (course_id, student_id);
