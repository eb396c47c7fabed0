-- Low-S/N bias (issue 20): each prediction keeps the first guess it started from (the nearest template's
-- labels, so the catalogue can compare refinement with it per S/N bin) and the continuum correction its
-- labels were fitted with (the published labels are the maximum-likelihood fit to flux / P).

ALTER TABLE prediction
    ADD COLUMN first_guess real[],
    ADD COLUMN continuum_correction real[];
COMMENT ON COLUMN prediction.first_guess IS 'Labels of the first guess the winning fit started from (the nearest training template, matched to the continuum-corrected flux when a correction was fitted), in the model''s label order and units (K, dex); NULL for predictions made before migration 0026.';
COMMENT ON COLUMN prediction.continuum_correction IS 'Legendre coefficients a_0 ... a_K (dimensionless) of the continuum correction P(x) = sum a_k P_k(x), x from -1 at the first to +1 at the last model pixel, that multiplies the model; the labels are fitted to flux / P. NULL: no correction (prediction_settings.settings->continuumDegree absent) or made before migration 0026.';
