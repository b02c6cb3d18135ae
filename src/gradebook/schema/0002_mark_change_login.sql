-- The login of who changed a mark, for the journal's history page (a dean's office account has
-- no teacher record to name it by). Rows written before this migration have none.
ALTER TABLE gradebook_mark_change ADD COLUMN changed_by_login TEXT NOT NULL DEFAULT '';
