-- Science on independent data (issue 20): the published labels may be the posterior mean under the
-- training set's label density instead of the maximum-likelihood fit (prediction_settings.settings->>'estimate':
-- 'ml' or 'posterior_mean:S'; absent means 'ml'). Both are stored: labels, formal_errors and covariance
-- hold the published estimate, ml_labels the maximum-likelihood fit it came from.

ALTER TABLE prediction ADD COLUMN ml_labels real[];
COMMENT ON COLUMN prediction.ml_labels IS 'Maximum-likelihood labels (the Levenberg-Marquardt fit), in the model''s label order and units (K, dex), when the published labels are another estimate (prediction_settings.settings->>''estimate'' = ''posterior_mean:S'': the posterior mean under the training set''s label density, with the formal covariance scaled by S^2 as the likelihood); NULL when labels are the maximum-likelihood fit themselves.';
COMMENT ON COLUMN prediction.labels IS 'Published labels in the model''s label order and units (K, dex): the estimate prediction_settings.settings->>''estimate'' names (''ml'' or absent: the maximum-likelihood fit; ''posterior_mean:S'': the posterior mean under the training set''s label density, the fit itself in ml_labels).';
COMMENT ON COLUMN prediction.formal_errors IS 'Formal 1-sigma errors of the published labels, label units (K, dex): sqrt of the diagonal of covariance.';
COMMENT ON COLUMN prediction.covariance IS 'Covariance of the published labels, L x L row-major, symmetric, label units squared (K^2, dex^2, K dex): (J^T W J)^-1 at the maximum-likelihood optimum, or that posterior''s covariance when estimate is posterior_mean; NaN when singular_covariance is flagged.';
