-- Models: their precision and how two versions differ.

-- Every model with its status and whether it is current for its label set.
SELECT m.model_id, m.label_set, m.status, (c.model_id IS NOT NULL) AS current, m.n_train, m.created_at
FROM model m LEFT JOIN model_current c USING (model_id)
ORDER BY m.model_id;

-- The cross-validated precision table of the current models (bias and scatter per label and S/N bin).
SELECT p.model_id, p.label, p.scope, p.snr_min, p.snr_max, p.n, round(p.bias::numeric, 4) AS bias,
       round(p.scatter::numeric, 4) AS scatter, round(p.robust_scatter::numeric, 4) AS robust_scatter
FROM model_precision p JOIN model_current c USING (model_id)
ORDER BY p.model_id, p.label, p.scope DESC, p.snr_min;

-- The difference between the two newest models for the same spectra, per label.
WITH newest AS (SELECT model_id FROM model WHERE status IN ('ready', 'retired') ORDER BY model_id DESC LIMIT 2),
     a AS (SELECT max(model_id) AS id FROM newest), b AS (SELECT min(model_id) AS id FROM newest)
SELECT n.label, count(*) AS spectra,
       avg(pa.labels[n.k] - pb.labels[n.k]) AS mean_difference,
       stddev(pa.labels[n.k] - pb.labels[n.k]) AS scatter_of_difference
FROM a, b
JOIN model mb ON mb.model_id = b.id
CROSS JOIN LATERAL unnest(mb.label_names) WITH ORDINALITY AS n(label, k)
JOIN prediction pb ON pb.model_id = b.id
JOIN prediction pa ON pa.model_id = (SELECT id FROM a) AND pa.obsid = pb.obsid
WHERE (SELECT id FROM a) <> b.id
GROUP BY n.label ORDER BY n.label;

-- Per-pixel hyperparameters and cross-validated error of the current models.
SELECT x.model_id, x.pixel, x.wavelength, x.c, x.epsilon, x.gamma, x.cv_mse, x.n_support
FROM model_pixel x JOIN model_current USING (model_id)
ORDER BY x.model_id, x.pixel
LIMIT 20;
