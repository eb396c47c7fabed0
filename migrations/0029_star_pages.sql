-- Indexes for the star pages of `slam serve` (docs/pages.md): a star page looks a spectrum up by obsid in
-- tables whose keys lead with something else, and the survey dashboard lists the newest dead jobs. Without
-- these, a page would scan every crossmatch pair and every training-set member of the survey.

CREATE INDEX crossmatch_pair_obsid_idx ON crossmatch_pair (obsid, run_id);
COMMENT ON INDEX crossmatch_pair_obsid_idx IS 'A spectrum''s APOGEE pairs by obsid, newest run last (star pages).';

CREATE INDEX training_set_member_obsid_idx ON training_set_member (obsid);
COMMENT ON INDEX training_set_member_obsid_idx IS 'The training sets that hold a spectrum (star pages).';

CREATE INDEX job_dead_idx ON job (finished_at DESC) WHERE state = 'dead';
COMMENT ON INDEX job_dead_idx IS 'The newest jobs that failed for good (the survey dashboard).';
