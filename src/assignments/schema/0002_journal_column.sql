-- The e-journal column an assignment's marks go to (R-O22; docs/ASSIGNMENTS.md "The journal"):
-- NULL (the default) keeps them out of the journal; 'current' writes the week of the period the
-- due date falls in, 'rk1', 'rk2' and 'exam' those columns, as a quiz's grade_column does.
ALTER TABLE assignments_assignment ADD COLUMN grade_column TEXT
    CHECK (grade_column IN ('current', 'rk1', 'rk2', 'exam'));
