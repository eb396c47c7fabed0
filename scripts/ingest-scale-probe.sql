-- What one ingest batch costs in a database already holding N spectra (docs/ingest.md, "What a batch
-- costs as the tables grow"). On a freshly migrated, empty database (slam migrate):
--     psql -v n=200000 -f scripts/ingest-scale-probe.sql "$DATABASE_URL"
-- fills lamost_spectrum with N rows of realistic size (a 200-card header), spectrum_preprocessed with N
-- rows (short arrays: only the keys matter to the lookups), rejection with N rows, analyses them, then
-- runs the statements of one 200-file batch (50 files already stored, 150 new) the way LamostIngestor
-- sends them, under EXPLAIN (ANALYZE, BUFFERS), and rolls the batch back. Not run by the tests.
INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels) VALUES ('probe', '{}', 3900, 1, 1901);
INSERT INTO lamost_spectrum (obsid, designation, ra, dec, lmjd, planid, spid, fiberid, file_layout, n_pixels, file_path,
                             file_sha256, file_bytes, header, data_release, pipeline_version, ingest_job_id)
SELECT i, 'LAMOST J' || i, (i * 0.0137) % 360, ((i * 0.0071) % 180) - 90, 55859 + i / 4000, 'F' || (5902 + i / 4000),
       1 + (i % 4000) / 250, 1 + i % 250, 'image', 3909,
       '/data/dr5/2011' || (1024 + i / 40000) || '/F' || (5902 + i / 4000) || '/spec-' || (55859 + i / 4000) || '-F' || (5902 + i / 4000) || '_sp' || lpad((1 + (i % 4000) / 250)::text, 2, '0') || '-' || lpad((1 + i % 250)::text, 3, '0') || '.fits.gz',
       encode(sha256(int8send(i)), 'hex'), 180000,
       (SELECT jsonb_object_agg('KEY' || k, 'value of card ' || k || ' for ' || i) FROM generate_series(1, 200) k),
       'LAMOST DR5', 'v2.9.7', 1 + i / 200
FROM generate_series(1, :n) i;
INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux_code, flux_offset, flux_step, ivar_code, log2_ivar_offset, log2_ivar_step, n_bad_pixels)
SELECT i, 1, '{1,2,3}', 0, 1, '{1,2,3}', 0, 1, 0 FROM generate_series(1, :n) i;
INSERT INTO rejection (stage, source, object, reason_code, reason, job_id)
SELECT 'ingest_lamost', '/data/dr5/rejected/spec-' || i || '.fits.gz', NULL, 'not_fits', 'not FITS', 1 FROM generate_series(1, :n) i;
ANALYZE;

\set base 1000000000
BEGIN;
-- A batch of 200 new files: 150 new checksums, 50 already stored.
CREATE TEMP TABLE batch AS
SELECT g AS k, CASE WHEN g <= 50 THEN encode(sha256(int8send(g * 37)), 'hex') ELSE encode(sha256(int8send(:base + g)), 'hex') END AS sha,
       '/data/dr5/new/spec-' || g || '.fits.gz' AS path, :base + g AS obsid
FROM generate_series(1, 200) g;
SELECT array_agg(sha) AS shas, array_agg(path) AS paths, array_agg(obsid) AS obsids FROM batch \gset
\echo == knownChecksums
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT DISTINCT file_sha256 FROM lamost_spectrum WHERE file_sha256 = ANY(:'shas'::text[]);
\echo == rejection clear
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) DELETE FROM rejection WHERE stage = ANY('{ingest_lamost,preprocess}'::text[]) AND source = ANY(:'paths'::text[]);
\echo == storedFiles
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT obsid, file_path, file_sha256, data_release, pipeline_version, ingest_job_id FROM lamost_spectrum WHERE obsid = ANY(:'obsids'::int8[]);
CREATE TEMP TABLE stage_spectrum (LIKE lamost_spectrum INCLUDING DEFAULTS) ON COMMIT DROP;
CREATE TEMP TABLE stage_preprocessed (obsid bigint, file_sha256 text, flux_code smallint[], flux_offset real, flux_step real, ivar_code smallint[], log2_ivar_offset real, log2_ivar_step real, n_bad_pixels integer, n_masked_pixels integer, normalisation_fallback boolean, flags integer) ON COMMIT DROP;
ALTER TABLE stage_preprocessed ALTER flux_code SET STORAGE EXTERNAL, ALTER ivar_code SET STORAGE EXTERNAL;
INSERT INTO stage_spectrum (obsid, designation, ra, dec, file_layout, n_pixels, file_path, file_sha256, file_bytes, header)
SELECT obsid, 'X', 10, 10, 'image', 3909, path, sha, 180000, (SELECT jsonb_object_agg('KEY' || k, 'value ' || k) FROM generate_series(1, 200) k) FROM batch WHERE k > 50;
INSERT INTO stage_preprocessed SELECT obsid, sha, array_fill(0::smallint, ARRAY[1901]), 0, 1, array_fill(0::smallint, ARRAY[1901]), 0, 1, 0, 0, false, 0 FROM batch WHERE k > 50;
\echo == upsertStagedSpectra
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) INSERT INTO lamost_spectrum SELECT * FROM stage_spectrum ON CONFLICT (obsid) DO UPDATE SET file_path = EXCLUDED.file_path;
\echo == insertStagedPreprocessed
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux_code, flux_offset, flux_step, ivar_code, log2_ivar_offset, log2_ivar_step, n_bad_pixels, n_masked_pixels, normalisation_fallback, flags)
SELECT p.obsid, 1, p.flux_code, p.flux_offset, p.flux_step, p.ivar_code, p.log2_ivar_offset, p.log2_ivar_step, p.n_bad_pixels, p.n_masked_pixels, p.normalisation_fallback, p.flags
FROM stage_preprocessed p JOIN lamost_spectrum s ON s.obsid = p.obsid AND s.file_sha256 = p.file_sha256
ON CONFLICT (obsid, preprocessing_id) DO NOTHING;
ROLLBACK;
