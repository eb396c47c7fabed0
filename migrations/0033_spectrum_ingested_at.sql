-- Survey scale (issue 18): the retraining check ("did anything change?") of a training set built from a
-- label catalogue asks whether any spectrum was ingested after the set was built. It asked
--   EXISTS (SELECT 1 FROM lamost_spectrum s WHERE s.ingested_at > t.created_at)
-- with no index on ingested_at, so the usual answer (no) read the whole table: at a million spectra
-- 2.3 GB of heap, mostly the inline FITS headers. It now asks for the newest ingest time,
--   (SELECT max(ingested_at) FROM lamost_spectrum) > t.created_at,
-- which this index answers by reading one leaf page from its right end (at a million spectra: 0.70 s
-- before, 0.1 ms of execution after). Rows arrive in ingest order, so the index is appended to at its
-- right edge; the rows of one ingest transaction share its time, which B-tree deduplication stores once:
-- 7 bytes per spectrum on the synthetic million, at most about 30 with every time distinct.

CREATE INDEX lamost_spectrum_ingested_at_idx ON lamost_spectrum (ingested_at);
COMMENT ON INDEX lamost_spectrum_ingested_at_idx IS 'Spectra by ingest time (timestamptz, UTC): the newest ingest (the retraining check of a catalogue training set) and spectra ingested since a time.';
