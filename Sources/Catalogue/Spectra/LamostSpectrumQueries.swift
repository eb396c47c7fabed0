import Store

/// Named queries of `lamost_spectrum` and its ingest: checksums already stored, per-obsid locks,
/// the staging tables, and the upserts from them (see `LamostIngestor`).
public enum LamostSpectrumQueries {
    /// Spectra ingested.
    public static func count(db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("SELECT count(*) FROM lamost_spectrum", name: "lamost_spectrum_count").first?.decode(Int.self, at: 0) ?? 0
    }

    /// Which of `checksums` (file SHA-256, hex) are stored.
    public static func knownChecksums(_ checksums: [String], db: PostgresConnection) throws(PostgresError) -> Set<String> {
        var known = Set<String>()
        for row in try db.query("SELECT DISTINCT file_sha256 FROM lamost_spectrum WHERE file_sha256 = ANY(\(checksums))",
                                name: "known_lamost_checksums").rows {
            known.insert(try row.decode(String.self, at: 0))
        }
        return known
    }

    /// First key of the advisory locks taken per obsid while writing (the second is `hashint8(obsid)`).
    public static let obsidLockClass: Int32 = 0x4C41_4D4F  // "LAMO"

    /// Takes the transaction's advisory lock of each obsid, in order, so two batches holding one obsid take turns.
    public static func lockObsids(_ obsids: [Int], db: PostgresConnection) throws(PostgresError) {
        try db.query("""
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(\(Int(obsidLockClass))::int, hashint8(o))
                                  FROM (SELECT o FROM unnest(\(obsids)::bigint[]) AS o ORDER BY o) ordered) locked
            """, name: "lock_lamost_obsids")
    }

    /// The stored spectra of `obsids`: which file each came from.
    public static func storedFiles(obsids: [Int], db: PostgresConnection) throws(PostgresError) -> [StoredLamostFile] {
        try db.query("""
            SELECT obsid, file_path, file_sha256, data_release, pipeline_version, ingest_job_id
            FROM lamost_spectrum WHERE obsid = ANY(\(obsids))
            """, name: "stored_lamost_obsids").rows.map { row throws(PostgresError) in try StoredLamostFile(row: row) }
    }

    /// Compresses this transaction's new TOAST values with lz4 when the server supports it (several times
    /// faster than pglz on float arrays, which hardly compress anyway).
    public static func preferFastCompression(db: PostgresConnection) throws(PostgresError) {
        let lz4 = try db.query("""
            SELECT coalesce('lz4' = ANY(enumvals), false) FROM pg_settings WHERE name = 'default_toast_compression'
            """, name: "lz4_available").first?.decode(Bool.self, at: 0) ?? false
        // SET takes no parameters.
        if lz4 { try db.executeScript("SET LOCAL default_toast_compression = 'lz4'", name: "toast_compression_lz4") }
    }

    /// Creates the transaction's staging tables `stage_spectrum` (a `lamost_spectrum` row) and `stage_preprocessed`.
    public static func createStaging(db: PostgresConnection) throws(PostgresError) {
        // DDL takes no parameters.
        try db.executeScript("""
            CREATE TEMP TABLE stage_spectrum (LIKE lamost_spectrum INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE stage_preprocessed (obsid bigint, file_sha256 text, flux_code smallint[], flux_offset real,
                                                  flux_step real, ivar_code smallint[], log2_ivar_offset real,
                                                  log2_ivar_step real, n_bad_pixels integer, n_masked_pixels integer,
                                                  normalisation_fallback boolean, flags integer) ON COMMIT DROP;
            ALTER TABLE stage_preprocessed ALTER flux_code SET STORAGE EXTERNAL, ALTER ivar_code SET STORAGE EXTERNAL;
            """, name: "create staging tables")
    }

    /// The `lamost_spectrum` columns of a staged spectrum, in the order ``stageSpectra(db:_:)`` takes its values.
    public static let spectrumColumns = [
        "obsid", "obsid_synthetic", "designation", "ra", "dec", "lmjd", "mjd", "date_obs", "planid", "spid",
        "fiberid", "class", "subclass", "z", "z_err", "helio_rv", "snru", "snrg", "snrr", "snri", "snrz",
        "data_release", "pipeline_version", "file_layout", "n_pixels", "file_path", "file_sha256", "file_bytes",
        "header", "notes", "ingest_job_id",
    ]

    /// Appends spectra to `stage_spectrum` (binary COPY; values in ``spectrumColumns`` order).
    public static func stageSpectra(db: PostgresConnection, _ rows: (PostgresCopyWriter) throws -> Void) throws {
        _ = try db.copyIn(table: "stage_spectrum", columns: spectrumColumns, rows)
    }

    /// The columns of a staged preprocessed spectrum, in the order ``stagePreprocessed(db:_:)`` takes its values.
    public static let preprocessedColumns = ["obsid", "file_sha256"] + PreprocessedArrays.columns
        + ["n_bad_pixels", "n_masked_pixels", "normalisation_fallback", "flags"]

    /// Appends preprocessed spectra to `stage_preprocessed` (binary COPY; values in ``preprocessedColumns`` order).
    public static func stagePreprocessed(db: PostgresConnection, _ rows: (PostgresCopyWriter) throws -> Void) throws {
        _ = try db.copyIn(table: "stage_preprocessed", columns: preprocessedColumns, rows)
    }

    /// Forgets the preprocessed spectra of `obsids` (stored files displaced by a duplicate).
    public static func deletePreprocessed(obsids: [Int], db: PostgresConnection) throws(PostgresError) {
        try db.execute("DELETE FROM spectrum_preprocessed WHERE obsid = ANY(\(obsids))", name: "delete_replaced_preprocessed")
    }

    /// Inserts the staged spectra; a staged spectrum whose obsid is stored is one that won over the stored
    /// file (only winners are staged) and replaces its row in place. Returns the rows written.
    public static func upsertStagedSpectra(db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            INSERT INTO lamost_spectrum
            SELECT * FROM stage_spectrum
            ON CONFLICT (obsid) DO UPDATE SET
                obsid_synthetic = EXCLUDED.obsid_synthetic, designation = EXCLUDED.designation, ra = EXCLUDED.ra,
                dec = EXCLUDED.dec, lmjd = EXCLUDED.lmjd, mjd = EXCLUDED.mjd, date_obs = EXCLUDED.date_obs,
                planid = EXCLUDED.planid, spid = EXCLUDED.spid, fiberid = EXCLUDED.fiberid, class = EXCLUDED.class,
                subclass = EXCLUDED.subclass, z = EXCLUDED.z, z_err = EXCLUDED.z_err, helio_rv = EXCLUDED.helio_rv,
                snru = EXCLUDED.snru, snrg = EXCLUDED.snrg, snrr = EXCLUDED.snrr, snri = EXCLUDED.snri, snrz = EXCLUDED.snrz,
                data_release = EXCLUDED.data_release, pipeline_version = EXCLUDED.pipeline_version,
                file_layout = EXCLUDED.file_layout, n_pixels = EXCLUDED.n_pixels, file_path = EXCLUDED.file_path,
                file_sha256 = EXCLUDED.file_sha256, file_bytes = EXCLUDED.file_bytes, header = EXCLUDED.header,
                notes = EXCLUDED.notes, ingest_job_id = EXCLUDED.ingest_job_id, ingested_at = now()
            """, name: "upsert_lamost_spectra")
    }

    /// Inserts the staged preprocessed spectra as version `preprocessingID`; only spectra whose stored row
    /// comes from the same file content get theirs. Returns the rows written.
    public static func insertStagedPreprocessed(preprocessingID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux_code, flux_offset, flux_step, ivar_code,
                                               log2_ivar_offset, log2_ivar_step, n_bad_pixels, n_masked_pixels,
                                               normalisation_fallback, flags)
            SELECT p.obsid, \(preprocessingID), p.flux_code, p.flux_offset, p.flux_step, p.ivar_code, p.log2_ivar_offset,
                   p.log2_ivar_step, p.n_bad_pixels, p.n_masked_pixels, p.normalisation_fallback, p.flags
            FROM stage_preprocessed p
            JOIN lamost_spectrum s ON s.obsid = p.obsid AND s.file_sha256 = p.file_sha256
            ON CONFLICT (obsid, preprocessing_id) DO NOTHING
            """, name: "insert_preprocessed")
    }
}
