import Store

/// Named queries of `apogee_star` (one row per APOGEE_ID and release).
public enum ApogeeStarQueries {
    /// Stars of `release`.
    public static func count(release: String, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("SELECT count(*) FROM apogee_star WHERE release = \(release)", name: "apogee_star_count_release")
            .first?.decode(Int.self, at: 0) ?? 0
    }

    /// The releases loaded, sorted.
    public static func releases(db: PostgresConnection) throws(PostgresError) -> [String] {
        try db.query("SELECT DISTINCT release FROM apogee_star ORDER BY release", name: "apogee_star_releases")
            .rows.map { row throws(PostgresError) in try row.decode(String.self, at: 0) }
    }

    /// The `apogee_star` columns staged per allStar row (``stage(_:db:)``), plus `file_row`.
    public static let stagedColumns = [
        "apogee_id", "release", "telescope", "field", "ra", "dec", "snr", "teff", "teff_err", "logg", "logg_err",
        "m_h", "m_h_err", "alpha_m", "alpha_m_err", "c_m", "c_m_err", "n_m", "n_m_err", "aspcapflag", "starflag",
        "extratarg", "source_file", "load_job_id", "file_row",
    ]

    /// Creates the transaction's staging table `stage_apogee` (an `apogee_star` row plus `file_row`).
    public static func createStaging(db: PostgresConnection) throws(PostgresError) {
        // DDL takes no parameters.
        try db.executeScript("""
            CREATE TEMP TABLE stage_apogee (LIKE apogee_star INCLUDING DEFAULTS, file_row integer) ON COMMIT DROP;
            """, name: "create apogee staging table")
    }

    /// Appends the rows `rows` yields (values in ``stagedColumns`` order) to `stage_apogee` (binary COPY).
    public static func stage(db: PostgresConnection, _ rows: (PostgresCopyWriter) throws -> Void) throws {
        _ = try db.copyIn(table: "stage_apogee", columns: stagedColumns, rows)
    }

    /// Keeps one staged row per APOGEE_ID (no EXTRATARG duplicate bit first, then the highest SNR, then the
    /// earliest file row) and inserts it as `release`, replacing the release's earlier row. Returns the stars written.
    public static func upsertStaged(release: String, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            INSERT INTO apogee_star (apogee_id, release, telescope, field, ra, dec, snr, teff, teff_err, logg, logg_err,
                                     m_h, m_h_err, alpha_m, alpha_m_err, c_m, c_m_err, n_m, n_m_err, aspcapflag,
                                     starflag, extratarg, n_rows, source_file, load_job_id, loaded_at)
            SELECT apogee_id, \(release), telescope, field, ra, dec, snr, teff, teff_err, logg, logg_err, m_h, m_h_err,
                   alpha_m, alpha_m_err, c_m, c_m_err, n_m, n_m_err, aspcapflag, starflag, extratarg, row_count,
                   source_file, load_job_id, now()
            FROM (SELECT *, count(*) OVER (PARTITION BY apogee_id) AS row_count,
                         row_number() OVER (PARTITION BY apogee_id
                                            ORDER BY (coalesce(extratarg, 0) & 16) <> 0, snr DESC NULLS LAST, file_row) AS rank
                  FROM stage_apogee) ranked
            WHERE rank = 1
            ON CONFLICT (apogee_id, release) DO UPDATE SET
                telescope = excluded.telescope, field = excluded.field, ra = excluded.ra, dec = excluded.dec,
                snr = excluded.snr, teff = excluded.teff, teff_err = excluded.teff_err, logg = excluded.logg,
                logg_err = excluded.logg_err, m_h = excluded.m_h, m_h_err = excluded.m_h_err,
                alpha_m = excluded.alpha_m, alpha_m_err = excluded.alpha_m_err, c_m = excluded.c_m,
                c_m_err = excluded.c_m_err, n_m = excluded.n_m, n_m_err = excluded.n_m_err,
                aspcapflag = excluded.aspcapflag, starflag = excluded.starflag, extratarg = excluded.extratarg,
                n_rows = excluded.n_rows, source_file = excluded.source_file, load_job_id = excluded.load_job_id,
                loaded_at = excluded.loaded_at
            """, name: "apogee_star_upsert_staged")
    }

}
