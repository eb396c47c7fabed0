import Store

/// A published catalogue for `slam-bench tap`, filled in SQL: spectra in one field at survey density,
/// one ready model promoted to current for its label set, one prediction per spectrum.
public enum TapBenchmarkQueries {
    /// The label names of the benchmark's model (the published views read labels by name).
    public static let labelNames = ["teff", "logg", "m_h", "alpha_m"]

    /// `count` spectra uniform over a square field of `areaDeg2` square degrees centred on (`ra`, `dec`),
    /// obsids from `firstObsid` on, with designations, S/N and the NOT NULL columns; then analysed. Call
    /// ``SyntheticSkyQueries/seed(_:db:)`` first.
    public static func fillSpectra(count: Int, firstObsid: Int64 = 1, ra: Double, dec: Double, areaDeg2: Double,
                                   db: PostgresConnection) throws(PostgresError) {
        let side = areaDeg2.squareRoot()
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, snrg, designation, class, file_layout, n_pixels, file_path,
                                         file_sha256, file_bytes, header)
            SELECT n, p.ra, p.dec, (5 + 200 * random() ^ 3)::real, 'BENCH J' || lpad(n::text, 9, '0'), 'STAR', 'image', 3909,
                   'bench/' || n, md5(n::text) || md5(n::text), 1, '{}'
            FROM (SELECT n, \(ra) + (random() - 0.5) * \(side) / cos(radians(\(dec))) AS ra, \(dec) + (random() - 0.5) * \(side) AS dec
                  FROM generate_series(\(firstObsid), \(firstObsid) + \(Int64(count)) - 1) n) p
            """, name: "bench_tap_fill_spectra")
        try db.executeScript("ANALYZE lamost_spectrum", name: "bench analyse spectra")
    }

    /// One prediction of model `modelID` per spectrum: giant- and dwarf-like labels, errors, a flag on one
    /// spectrum in ten; then analysed.
    public static func fillPredictions(modelID: Int, db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            INSERT INTO prediction (model_id, obsid, labels, formal_errors, calibrated_errors, n_pixels, iterations, status, flags)
            SELECT \(modelID), obsid,
                   ARRAY[4000 + 2500 * random(), 1 + 3.5 * random(), -2.2 + 2.6 * random(), -0.1 + 0.5 * random()]::real[],
                   ARRAY[40, 0.06, 0.03, 0.02]::real[], ARRAY[60, 0.09, 0.05, 0.03]::real[], 3000, 4, 'converged',
                   CASE WHEN random() < 0.1 THEN 1 ELSE 0 END
            FROM lamost_spectrum
            """, name: "bench_tap_fill_predictions")
        try db.executeScript("ANALYZE prediction", name: "bench analyse predictions")
    }

    /// The plan of `statement` (a translated TAP query), run: `EXPLAIN (ANALYZE, BUFFERS)`, one line per row.
    public static func explain(_ statement: SQL, db: PostgresConnection) throws(PostgresError) -> [String] {
        try db.query("EXPLAIN (ANALYZE, BUFFERS) " + statement, name: "bench_tap_explain").rows.map { row throws(PostgresError) in
            try row.decode(String.self, at: 0)
        }
    }
}
