-- Marks written by an assessment of a higher module (a quiz of the testing system) name their
-- source: "quiz:12" on the mark (so a later grading of the same quiz may update it, and a mark
-- typed by hand, source '', is never overwritten by it) and on the history row with the
-- source's title at the time, so the journal's history shows where the mark came from.
ALTER TABLE gradebook_mark ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE gradebook_mark_change ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE gradebook_mark_change ADD COLUMN source_title TEXT NOT NULL DEFAULT '';
