import Store

/// A catalogue for `slam-bench scale-queries`, filled in SQL without files or fits: spectra over LAMOST's
/// footprint with FITS headers of a real header's size, and predictions of a model with labels, four error
/// arrays, a covariance and flags distributed as a survey's, so that the users' queries of
/// ``ScaleBenchmarkQueries`` can be timed at millions of spectra in minutes.
public enum SyntheticCatalogueQueries {
    /// The label names of the benchmark's models (those of an APOGEE-trained model).
    public static let labelNames = ["teff", "logg", "m_h", "alpha_m", "c_m", "n_m"]

    /// `count` spectra from obsid `firstObsid` on, uniform in area over declination -10...60 degrees, S/N_g
    /// 5-205 weighted to the faint end, designations, and a jsonb header of about `headerBytes` bytes that do
    /// not compress (ingested LAMOST rows measure about 2,050 bytes of heap each, their header compressed
    /// inline; a row over about 2,030 bytes goes to TOAST instead). Call ``SyntheticSkyQueries/seed(_:db:)`` first.
    public static func fillSpectra(count: Int, headerBytes: Int, firstObsid: Int64 = 1, db: PostgresConnection) throws(PostgresError) {
        let repeats = max(0, headerBytes / 32 - 2)
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, designation, class, file_layout, n_pixels, file_path,
                                         file_sha256, file_bytes, header)
            SELECT n, 360 * random(), degrees(asin(sin(radians(-10.0)) + random() * (sin(radians(60.0)) - sin(radians(-10.0))))),
                   (5 + 200 * random() ^ 3)::real, 'LAMOST J' || lpad(n::text, 16, '0'), 'STAR', 'image', 3909,
                   'survey/' || n || '.fits', md5(n::text) || md5((n + 1)::text), 170000,
                   jsonb_build_object('OBSID', n, 'CARDS', (SELECT string_agg(md5(n::text || '.' || k), '') FROM generate_series(1, \(repeats)) k))
            FROM generate_series(\(firstObsid), \(firstObsid + Int64(count) - 1)) n
            """, name: "bench_catalogue_fill_spectra")
    }

    /// A preprocessed spectrum of `pixels` random 16-bit flux and ivar codes (incompressible, as stored codes
    /// of real spectra nearly are: 8.2 kB of TOAST each) for each spectrum with an obsid in `obsids`, under
    /// preprocessing `preprocessingID`. Sixteen code arrays are drawn and shared out by obsid.
    public static func fillPreprocessed(obsids: ClosedRange<Int64>, preprocessingID: Int, pixels: Int,
                                        db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            WITH codes AS (
                SELECT k, ARRAY(SELECT (floor(random() * 65536) - 32768)::int::smallint FROM generate_series(1, \(pixels) + 0 * k)) AS flux,
                          ARRAY(SELECT (floor(random() * 65536) - 32768)::int::smallint FROM generate_series(1, \(pixels) + 0 * k)) AS ivar
                FROM generate_series(0, 15) k)
            INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, n_bad_pixels, flux_code, flux_offset, flux_step,
                                               ivar_code, log2_ivar_offset, log2_ivar_step)
            SELECT s.obsid, \(preprocessingID), 0, c.flux, 1, 1e-4, c.ivar, 0, 1e-3
            FROM lamost_spectrum s JOIN codes c ON c.k = s.obsid % 16
            WHERE s.obsid BETWEEN \(obsids.lowerBound) AND \(obsids.upperBound)
            """, name: "bench_catalogue_fill_preprocessed")
    }

    /// One prediction of model `modelID` (labels ``labelNames``) per spectrum with an obsid in `obsids` (nil:
    /// every spectrum): 60% giants (log g 1-3.4), the rest dwarfs, [M/H] normal around -0.3 dex (sigma 0.45),
    /// errors, a covariance of 36 values, and flags on one spectrum in five (one or two of bits 0-12).
    /// Returns the predictions inserted.
    @discardableResult
    public static func fillPredictions(modelID: Int, obsids: ClosedRange<Int64>? = nil, db: PostgresConnection) throws(PostgresError) -> Int {
        let range = obsids ?? Int64.min...Int64.max
        return try db.execute("""
            INSERT INTO prediction (model_id, obsid, labels, formal_errors, empirical_errors, calibrated_errors, covariance,
                                    reduced_chi2, n_pixels, iterations, status, flags)
            SELECT \(modelID), obsid, ARRAY[teff, logg, m_h, 0.1 * random(), 0.1 * random(), 0.2 * random()]::real[],
                   '{50, 0.1, 0.05, 0.03, 0.05, 0.08}', '{50, 0.1, 0.05, 0.03, 0.05, 0.08}',
                   '{60, 0.12, 0.06, 0.03, 0.06, 0.09}', array_fill(0.001::real, ARRAY[36]), 1.1, 1890, 7, 'converged',
                   CASE WHEN random() < 0.8 THEN 0 ELSE (1 << floor(13 * random())::int) | (1 << floor(13 * random())::int) END
            FROM (SELECT obsid, 4000 + 3000 * random() AS teff,
                         CASE WHEN random() < 0.6 THEN 1 + 2.4 * random() ELSE 3.6 + 1.2 * random() END AS logg,
                         -0.3 + 0.45 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS m_h
                  FROM lamost_spectrum WHERE obsid BETWEEN \(range.lowerBound) AND \(range.upperBound)) s
            """, name: "bench_catalogue_fill_predictions")
    }

    /// A model of `labelSet` registered as trained and ready (a three-byte blob stands for the SVRs: the
    /// benchmarks query its predictions, they never load it); returns its id. Not promoted.
    public static func readyModel(labelSet: String, trainingSetID: Int, labelNames: [String], preprocessingID: Int,
                                  pixels: Int, db: PostgresConnection) throws -> Int {
        let model = try ModelQueries.insertTraining(.init(
            labelSet: labelSet, trainingSetID: trainingSetID, labelNames: labelNames, preprocessingID: preprocessingID,
            settings: JSONB("{}"), codeVersion: "bench", trainCount: 0, pixelCount: pixels, trainJobID: nil), db: db)
        let blob: [UInt8] = [1, 2, 3]
        try ModelBlobQueries.write(modelID: model, blob: blob, chunkBytes: 1024, db: db)
        try ModelQueries.markReady(id: model, blobBytes: blob.count, blobSHA256: SHA256Digest.hex(blob),
                                   crossValidationMetrics: JSONB("{}"), timings: JSONB("{}"), db: db)
        return model
    }

    /// `VACUUM (ANALYZE)` of the tables the queries and an ingest read, as autovacuum would leave them after a
    /// load: the visibility map set (index-only scans) and the planner's statistics fresh.
    public static func vacuumAnalyse(db: PostgresConnection) throws(PostgresError) {
        for table in ["lamost_spectrum", "spectrum_preprocessed", "prediction", "model", "model_promotion", "training_set"] {
            try db.execute("VACUUM (ANALYZE) \(identifier: table)")
        }
    }
}
