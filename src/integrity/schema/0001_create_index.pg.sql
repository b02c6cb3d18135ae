-- The persistent borrowing-check index (R-O20, R-A1, R-O10). One row per indexed document, written
-- in the transaction that adds the document, so the index holds a document iff that transaction
-- committed. Rows are never updated or deleted: a process's in-memory postings (index_store.cpp)
-- stay in step by loading the rows it has not seen (equal counts mean equal sets).
CREATE TABLE integrity_document (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin TEXT NOT NULL CHECK (origin IN ('submission', 'reference')),
    title TEXT NOT NULL,
    ref TEXT NOT NULL,
    -- SHA-256 (hex) of the file the text came from, or of the text's UTF-8.
    content_sha256 TEXT NOT NULL,
    -- Words of the normalised text (for the bytes-per-word figure and the report).
    words BIGINT NOT NULL,
    -- The text as zlib-compressed UTF-8 (the side-by-side view and the alignment of candidates).
    text_z BYTEA NOT NULL,
    -- Winnowed fingerprints: sorted distinct 32-bit hashes, LEB128 varints of the differences.
    fingerprints BYTEA NOT NULL,
    added_at BIGINT NOT NULL
);
CREATE INDEX integrity_document_sha ON integrity_document (content_sha256);

-- One row naming this database's index, so a process's cache is never used for another database.
CREATE TABLE integrity_index_meta (
    instance TEXT NOT NULL
);
INSERT INTO integrity_index_meta (instance) VALUES (md5(random()::text || clock_timestamp()::text));
-- Both blobs are already compressed: no second compression in TOAST.
ALTER TABLE integrity_document ALTER COLUMN text_z SET STORAGE EXTERNAL;
ALTER TABLE integrity_document ALTER COLUMN fingerprints SET STORAGE EXTERNAL;
