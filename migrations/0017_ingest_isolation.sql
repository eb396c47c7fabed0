-- Ingest isolation (issue 16): no new columns; the comments now say how the ingest fills the columns it
-- validates per file, what lamost_spectrum.notes records when it coerces a value, and which columns
-- decide between two files with one obsid.

COMMENT ON COLUMN lamost_spectrum.notes IS 'What the reader and the ingest noticed and accepted: a wavelength row disagreeing with the COEFF0/COEFF1 grid; a non-ASCII byte (read as U+FFFD) or NUL byte (removed) in header card N; a value coerced to fit its column (MJD outside 0..2147483647 stored as NULL, an S/N beyond the largest real stored as NULL, a NUL byte removed from a text value); a synthetic obsid for a file without OBSID.';
COMMENT ON COLUMN lamost_spectrum.spid IS 'Spectrograph id, 1-16 (header SPID); a file whose SPID is outside 0..32767 is rejected (reason code out_of_range).';
COMMENT ON COLUMN lamost_spectrum.fiberid IS 'Fibre id within the spectrograph, 1-250 (header FIBERID); a file whose FIBERID is outside 0..32767 is rejected (out_of_range).';
COMMENT ON COLUMN lamost_spectrum.lmjd IS 'Local modified Julian day of the observation night, days (header LMJD; the number in the file name); outside 0..2147483647 the file is rejected (out_of_range).';
COMMENT ON COLUMN lamost_spectrum.mjd IS 'Modified Julian day, days (header MJD; may differ from lmjd by one); NULL with a note when the header value is outside 0..2147483647.';
COMMENT ON COLUMN lamost_spectrum.data_release IS 'Data release (header DATA_V), e.g. ''LAMOST DR5''. Between two files with one obsid the higher release is kept (then the newer pipeline_version, then the first ingested); the other is a duplicate_obsid rejection naming the kept file.';
COMMENT ON COLUMN lamost_spectrum.pipeline_version IS 'LAMOST pipeline version (header VERSPIPE), e.g. v2.9.7; compared number by number by the duplicate-obsid rule after data_release.';
COMMENT ON COLUMN lamost_spectrum.ingest_job_id IS 'Job that ingested this row (job.id); with equal release and pipeline version, the file of the earlier-enqueued ingest job keeps the obsid.';
