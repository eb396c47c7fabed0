-- Compact storage of preprocessed spectra (issue 18): the normalised flux and inverse variance of
-- spectrum_preprocessed move from two real[] arrays (4 bytes per pixel each, 15.3 kB per spectrum on the
-- 1,901-pixel grid, stored uncompressed) to two smallint[] code arrays with per-spectrum ranges (7.7 kB).
-- Flux is fixed point over the spectrum's own range (error at most half a step, 1.9e-5 for the default
-- normalised-flux bounds -0.5 ... 2); inverse variance is fixed point in log2 (relative error at most
-- 2^(step/2) - 1, about 1e-4), with code -32768 for ivar = 0 exactly. The pipeline codes and decodes in
-- Swift (Numerics.CompactSpectrumArrays, same rounding: nearest, ties to even, in double precision); the
-- functions below code the rows stored before and decode for SQL users (view spectrum_preprocessed_arrays).

CREATE FUNCTION slam_fixed_point_offset(lo double precision) RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lo::real $$;
COMMENT ON FUNCTION slam_fixed_point_offset(double precision) IS
    'The value that code -32767 stands for in a fixed-point range starting at lo (lo rounded to real).';

CREATE FUNCTION slam_fixed_point_step(lo double precision, hi double precision) RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN s > 0 AND s < 'Infinity'::real THEN s ELSE 1::real END
    FROM (SELECT ((hi - lo::real::double precision) / 65534)::real AS s) AS t
$$;
COMMENT ON FUNCTION slam_fixed_point_step(double precision, double precision) IS
    'The step between consecutive codes of a fixed-point range lo ... hi over codes -32767 ... 32767 (65,534 steps); 1 when lo = hi.';

CREATE FUNCTION slam_fixed_point_code(v double precision, code_offset real, code_step real) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (LEAST(GREATEST(round((v - code_offset::double precision) / code_step::double precision), 0), 65534) - 32767)::smallint
$$;
COMMENT ON FUNCTION slam_fixed_point_code(double precision, real, real) IS
    'The code of v: the nearest step from code_offset (ties to even), kept inside -32767 ... 32767.';

CREATE FUNCTION slam_decode_flux(codes smallint[], code_offset real, code_step real) RETURNS real[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg((code_offset::double precision + (c + 32767) * code_step::double precision)::real ORDER BY i)
    FROM unnest(codes) WITH ORDINALITY AS u(c, i)
$$;
COMMENT ON FUNCTION slam_decode_flux(smallint[], real, real) IS
    'Normalised flux (dimensionless) from the codes of spectrum_preprocessed.flux_code and their range.';

CREATE FUNCTION slam_decode_ivar(codes smallint[], code_offset real, code_step real) RETURNS real[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(CASE WHEN c = -32768 THEN 0::real
                          ELSE power(2::double precision, code_offset::double precision + (c + 32767) * code_step::double precision)::real
                     END ORDER BY i)
    FROM unnest(codes) WITH ORDINALITY AS u(c, i)
$$;
COMMENT ON FUNCTION slam_decode_ivar(smallint[], real, real) IS
    'Inverse variance of the normalised flux (dimensionless^-2) from the codes of spectrum_preprocessed.ivar_code and their log2 range; code -32768 is 0 (a bad pixel).';

ALTER TABLE spectrum_preprocessed
    ADD COLUMN flux_code smallint[],
    ADD COLUMN flux_offset real,
    ADD COLUMN flux_step real,
    ADD COLUMN ivar_code smallint[],
    ADD COLUMN log2_ivar_offset real,
    ADD COLUMN log2_ivar_step real;

-- Code the rows stored so far (one pass; the old arrays are dropped below).
WITH ranges AS (
    SELECT sp.obsid, sp.preprocessing_id,
           slam_fixed_point_offset(f.lo) AS f_offset, slam_fixed_point_step(f.lo, f.hi) AS f_step,
           coalesce(slam_fixed_point_offset(v.lo), 0) AS v_offset, coalesce(slam_fixed_point_step(v.lo, v.hi), 1) AS v_step
    FROM spectrum_preprocessed sp
    CROSS JOIN LATERAL (SELECT min(x)::double precision AS lo, max(x)::double precision AS hi FROM unnest(sp.flux) AS x) AS f
    CROSS JOIN LATERAL (SELECT min(ln(x) / ln(2::double precision)) AS lo, max(ln(x) / ln(2::double precision)) AS hi
                        FROM unnest(sp.ivar) AS x WHERE x > 0) AS v
)
UPDATE spectrum_preprocessed sp
SET flux_offset = r.f_offset, flux_step = r.f_step, log2_ivar_offset = r.v_offset, log2_ivar_step = r.v_step,
    flux_code = (SELECT array_agg(slam_fixed_point_code(x, r.f_offset, r.f_step) ORDER BY i)
                 FROM unnest(sp.flux) WITH ORDINALITY AS u(x, i)),
    ivar_code = (SELECT array_agg(CASE WHEN x > 0 THEN slam_fixed_point_code(ln(x) / ln(2::double precision), r.v_offset, r.v_step)
                                       ELSE (-32768)::smallint END ORDER BY i)
                 FROM unnest(sp.ivar) WITH ORDINALITY AS u(x, i))
FROM ranges r
WHERE sp.obsid = r.obsid AND sp.preprocessing_id = r.preprocessing_id;

ALTER TABLE spectrum_preprocessed
    DROP COLUMN flux,
    DROP COLUMN ivar,
    ALTER COLUMN flux_code SET NOT NULL,
    ALTER COLUMN flux_offset SET NOT NULL,
    ALTER COLUMN flux_step SET NOT NULL,
    ALTER COLUMN ivar_code SET NOT NULL,
    ALTER COLUMN log2_ivar_offset SET NOT NULL,
    ALTER COLUMN log2_ivar_step SET NOT NULL,
    ALTER COLUMN flux_code SET STORAGE EXTERNAL,
    ALTER COLUMN ivar_code SET STORAGE EXTERNAL,
    ADD CHECK (cardinality(flux_code) = cardinality(ivar_code)),
    ADD CHECK (flux_step > 0 AND log2_ivar_step > 0);

COMMENT ON COLUMN spectrum_preprocessed.flux_code IS 'Continuum-normalised flux on the model grid as 16-bit fixed-point codes -32767 ... 32767: flux = flux_offset + (code + 32767) x flux_step (dimensionless), within flux_step / 2 of the preprocessed value; bad pixels hold flux 1 with ivar 0. Decode with slam_decode_flux or read spectrum_preprocessed_arrays.';
COMMENT ON COLUMN spectrum_preprocessed.flux_offset IS 'The normalised flux of code -32767 (dimensionless): the spectrum''s smallest flux, rounded to real.';
COMMENT ON COLUMN spectrum_preprocessed.flux_step IS 'Normalised flux per code step (dimensionless): (largest - smallest flux) / 65534; 1 when all are equal.';
COMMENT ON COLUMN spectrum_preprocessed.ivar_code IS 'Inverse variance of the normalised flux as 16-bit codes of log2(ivar): ivar = 2^(log2_ivar_offset + (code + 32767) x log2_ivar_step) (dimensionless^-2), relative error at most 2^(log2_ivar_step / 2) - 1; code -32768 is ivar 0 (a bad pixel). Decode with slam_decode_ivar or read spectrum_preprocessed_arrays.';
COMMENT ON COLUMN spectrum_preprocessed.log2_ivar_offset IS 'log2 of the smallest positive inverse variance (code -32767); 0 when no pixel has ivar > 0.';
COMMENT ON COLUMN spectrum_preprocessed.log2_ivar_step IS 'log2(ivar) per code step: (largest - smallest log2 ivar over ivar > 0) / 65534; 1 when fewer than two distinct values.';

CREATE VIEW spectrum_preprocessed_arrays AS
SELECT obsid, preprocessing_id,
       slam_decode_flux(flux_code, flux_offset, flux_step) AS flux,
       slam_decode_ivar(ivar_code, log2_ivar_offset, log2_ivar_step) AS ivar,
       n_bad_pixels, n_masked_pixels, normalisation_fallback, flags, created_at
FROM spectrum_preprocessed;
COMMENT ON VIEW spectrum_preprocessed_arrays IS 'spectrum_preprocessed with its coded arrays decoded: flux (normalised, dimensionless) and ivar (dimensionless^-2) as real[] on the model grid of the preprocessing version. Decoding costs about a millisecond per row: select the rows first.';
