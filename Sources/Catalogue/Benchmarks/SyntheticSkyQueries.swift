import Store

/// Synthetic positions for `slam-bench crossmatch`: APOGEE stars and LAMOST spectra filled in SQL, with
/// only the NOT NULL columns given (dummy) values.
public enum SyntheticSkyQueries {
    /// Seeds the server's `random()` for this session (`seed` in [-1, 1]).
    public static func seed(_ seed: Double, db: PostgresConnection) throws(PostgresError) {
        try db.execute("SELECT setseed(\(seed))", name: "bench_setseed")
    }

    /// `count` APOGEE stars (release DR15) uniform in area over declination -10...80 degrees, also kept in
    /// the session's temporary table `bench_apogee` for ``fillLamost(count:matchedEvery:apogeeCount:db:)``.
    public static func fillApogee(count: Int, db: PostgresConnection) throws(PostgresError) {
        try db.executeScript("CREATE TEMP TABLE bench_apogee (n bigint, ra float8, dec float8)", name: "bench apogee positions")
        try db.execute("""
            INSERT INTO bench_apogee
            SELECT n, 360 * random() AS ra,
                   degrees(asin(sin(radians(-10.0)) + random() * (sin(radians(80.0)) - sin(radians(-10.0))))) AS dec
            FROM generate_series(1, \(count)) n
            """, name: "bench_fill_apogee_positions")
        try db.execute("""
            INSERT INTO apogee_star (apogee_id, release, ra, dec, source_file)
            SELECT 'B' || lpad(n::text, 9, '0'), 'DR15', ra, dec, 'bench' FROM bench_apogee
            """, name: "bench_fill_apogee")
    }

    /// `count` LAMOST spectra: every `matchedEvery`-th (0: none) within 0.5 arcsec of an APOGEE star of
    /// ``fillApogee(count:db:)`` (distinct while they last), the others uniform over the same footprint;
    /// then both tables are analysed.
    public static func fillLamost(count: Int, matchedEvery: Int, apogeeCount: Int, db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            INSERT INTO lamost_spectrum (obsid, ra, dec, file_layout, n_pixels, file_path, file_sha256, file_bytes, header)
            SELECT n, p.ra - 360 * floor(p.ra / 360), p.dec, 'image', 3909, 'bench/' || n, md5(n::text) || md5(n::text), 1, '{}'
            FROM (
                SELECT g.n,
                       CASE WHEN a.n IS NOT NULL THEN a.ra + g.r * cos(g.t) / 3600 / cos(radians(a.dec)) ELSE g.ura END AS ra,
                       CASE WHEN a.n IS NOT NULL THEN a.dec + g.r * sin(g.t) / 3600 ELSE g.udec END AS dec
                FROM (SELECT n, 0.5 * sqrt(random()) AS r, 2 * pi() * random() AS t, 360 * random() AS ura,
                             degrees(asin(sin(radians(-10.0)) + random() * (sin(radians(80.0)) - sin(radians(-10.0))))) AS udec
                      FROM generate_series(1, \(count)) n) g
                LEFT JOIN bench_apogee a ON \(matchedEvery) > 0 AND g.n % greatest(\(matchedEvery), 1) = 0
                                        AND a.n = 1 + (g.n / greatest(\(matchedEvery), 1) - 1) % \(apogeeCount)
            ) p
            """, name: "bench_fill_lamost")
        try db.executeScript("ANALYZE apogee_star; ANALYZE lamost_spectrum;", name: "bench analyse")
    }
}
