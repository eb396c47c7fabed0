-- Operating the pipeline: the queue, rejections, coverage.

-- The queue by kind and state.
SELECT kind, state, count, oldest_run_after FROM job_queue_summary ORDER BY kind, state;

-- Jobs that died, with their last error.
SELECT id, kind, attempt, max_attempts, finished_at, last_error FROM job WHERE state = 'dead' ORDER BY id DESC LIMIT 20;

-- Why inputs were refused.
SELECT stage, reason_code, count(*) AS n, min(reason) AS example
FROM rejection GROUP BY stage, reason_code ORDER BY n DESC;

-- Coverage: spectra ingested, preprocessed, and labelled by a current model.
SELECT (SELECT count(*) FROM lamost_spectrum) AS spectra,
       (SELECT count(*) FROM spectrum_preprocessed) AS preprocessed,
       (SELECT count(DISTINCT obsid) FROM labels_current) AS labelled;

-- Crossmatch runs side by side.
SELECT run_id, radius_arcsec, apogee_release, n_lamost, n_matched, n_ambiguous, started_at
FROM crossmatch_run ORDER BY run_id;
