import Store

/// Named queries of the label catalogues: `label_catalogue` (versions), `label_catalogue_row` (reference
/// rows) and `label_catalogue_load` (the record of load attempts).
public enum LabelCatalogueQueries {
    /// Takes the transaction's lock on catalogue name `name` and returns its next version (1 for a new name).
    public static func lockNextVersion(name: String, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("SELECT pg_advisory_xact_lock(hashtext('label_catalogue:' || \(name)))", name: "label_catalogue_lock_name")
        return try db.query("SELECT coalesce(max(version), 0) + 1 FROM label_catalogue WHERE name = \(name)",
                            name: "label_catalogue_next_version").first?.decode(Int.self, at: 0) ?? 1
    }

    /// Inserts a catalogue version and returns its `catalogue_id`. `keyKind`: `obsid` or `position`;
    /// `apogeeRelease` for APOGEE catalogues (whose rows stay in `apogee_star`).
    public static func insert(name: String, version: Int, kind: String, keyKind: String, labelNames: [String], labelUnits: [String],
                              sourceFile: String, fileSHA256: String?, mapping: JSONB, apogeeRelease: String?, rows: Int,
                              jobID: Int64?, db: PostgresConnection) throws(PostgresError) -> Int {
        guard let row = try db.query("""
            INSERT INTO label_catalogue (name, version, kind, key_kind, label_names, label_units, source_file,
                                         file_sha256, mapping, apogee_release, n_rows, load_job_id)
            VALUES (\(name), \(version), \(kind), \(keyKind), \(labelNames), \(labelUnits), \(sourceFile), \(fileSHA256), \(mapping),
                    \(apogeeRelease), \(rows), \(jobID))
            RETURNING catalogue_id
            """, name: "label_catalogue_insert").first else { throw .noRows(statement: "insert label_catalogue") }
        return try row.decode(Int.self, at: 0)
    }

    /// Creates the transaction's staging table `stage_label_row` (labels and errors as array literals).
    public static func createStaging(db: PostgresConnection) throws(PostgresError) {
        // DDL takes no parameters.
        try db.executeScript("""
            CREATE TEMP TABLE stage_label_row (reference_id text, obsid bigint, ra float8, dec float8,
                                               labels text, label_errors text, snr real, flags bigint) ON COMMIT DROP;
            """, name: "create label staging table")
    }

    /// Appends `rows` to `stage_label_row` (binary COPY).
    public static func stage(_ rows: [LabelReferenceRow], db: PostgresConnection) throws {
        try db.copyIn(table: "stage_label_row", columns: ["reference_id", "obsid", "ra", "dec", "labels", "label_errors", "snr", "flags"]) { copy in
            for r in rows {
                try copy.append([r.referenceID, r.obsid, r.ra, r.dec, arrayLiteral(r.labels), arrayLiteral(r.errors),
                                 r.snr.map(Float.init), r.flags])
            }
        }
    }

    /// A PostgreSQL array literal with NULL for missing values, e.g. `{4512.5,NULL,-0.21}` (a COPY value, not SQL).
    public static func arrayLiteral(_ values: [Double?]) -> String {
        "{" + values.map { $0.map { "\(Float($0))" } ?? "NULL" }.joined(separator: ",") + "}"
    }

    /// Moves the staged rows into catalogue `catalogueID`, records the row count on the version and returns it.
    public static func insertStagedRows(catalogueID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        let written = try db.execute("""
            INSERT INTO label_catalogue_row (catalogue_id, reference_id, obsid, ra, dec, labels, label_errors, snr, flags)
            SELECT \(catalogueID), reference_id, obsid, ra, dec, labels::real[], label_errors::real[], snr, flags FROM stage_label_row
            """, name: "label_catalogue_row_insert_staged")
        try db.execute("UPDATE label_catalogue SET n_rows = \(written) WHERE catalogue_id = \(catalogueID)", name: "label_catalogue_set_rows")
        return written
    }

    /// Rows of catalogue `catalogueID` that name an ingested spectrum by obsid, or (`byPosition`) lie within
    /// 3 arcsec of one.
    public static func matchedSpectra(catalogueID: Int, byPosition: Bool, db: PostgresConnection) throws(PostgresError) -> Int {
        let sql: SQL = byPosition ? """
            SELECT count(*) FROM label_catalogue_row r WHERE r.catalogue_id = \(catalogueID) AND EXISTS (
                SELECT 1 FROM lamost_spectrum s WHERE q3c_join(r.ra, r.dec, s.ra, s.dec, 3 / 3600.0))
            """ : """
            SELECT count(*) FROM label_catalogue_row r JOIN lamost_spectrum s ON s.obsid = r.obsid WHERE r.catalogue_id = \(catalogueID)
            """
        return try db.query(sql, name: byPosition ? "label_catalogue_matched_by_position" : "label_catalogue_matched_by_obsid")
            .first?.decode(Int.self, at: 0) ?? 0
    }

    /// Per 1-based label index, the rows of catalogue `catalogueID` that have the label but not its error.
    public static func missingErrorCounts(catalogueID: Int, db: PostgresConnection) throws(PostgresError) -> [(index: Int, rows: Int)] {
        try db.query("""
            SELECT k, count(*) FROM label_catalogue_row r CROSS JOIN LATERAL generate_subscripts(r.labels, 1) AS k
            WHERE r.catalogue_id = \(catalogueID) AND r.labels[k] IS NOT NULL AND r.label_errors[k] IS NULL
            GROUP BY k ORDER BY k
            """, name: "label_catalogue_missing_errors").rows.map { row throws(PostgresError) in
            (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1))
        }
    }

    /// Records a complete load: the version `catalogueID` with `rows` rows.
    public static func recordCompleteLoad(name: String, kind: String, sourceFile: String, catalogueID: Int, rows: Int,
                                          jobID: Int64?, db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            INSERT INTO label_catalogue_load (name, kind, source_file, status, catalogue_id, n_rows, job_id)
            VALUES (\(name), \(kind), \(sourceFile), 'complete', \(catalogueID), \(rows), \(jobID))
            """, name: "label_catalogue_load_complete")
    }

    /// Records a failed load attempt with its reason (call it outside the load's transaction, so it stays
    /// when the load rolled back).
    public static func recordFailedLoad(name: String, kind: String, sourceFile: String, error: String, jobID: Int64?,
                                        db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            INSERT INTO label_catalogue_load (name, kind, source_file, status, error, job_id)
            VALUES (\(name), \(kind), \(sourceFile), 'failed', \(error), \(jobID))
            """, name: "label_catalogue_load_failed")
    }

    /// Every catalogue version, oldest first.
    public static func list(db: PostgresConnection) throws(PostgresError) -> [LabelCatalogueRow] {
        try db.query("SELECT \(LabelCatalogueRow.columns) FROM label_catalogue ORDER BY catalogue_id", name: "label_catalogue_list")
            .rows.map { row throws(PostgresError) in try LabelCatalogueRow(row: row) }
    }

    /// The latest version of `name` (or version `version`), or nil.
    public static func find(name: String, version: Int?, db: PostgresConnection) throws(PostgresError) -> LabelCatalogueRow? {
        try db.query("""
            SELECT \(LabelCatalogueRow.columns) FROM label_catalogue
            WHERE name = \(name) AND (\(version)::int IS NULL OR version = \(version)::int)
            ORDER BY version DESC LIMIT 1
            """, name: "label_catalogue_find").first.map { row throws(PostgresError) in try LabelCatalogueRow(row: row) }
    }

    /// The latest registered APOGEE catalogue of `release`, or nil.
    public static func latestApogeeCatalogueID(release: String, db: PostgresConnection) throws(PostgresError) -> Int? {
        try db.query("""
            SELECT catalogue_id FROM label_catalogue WHERE kind = 'apogee' AND apogee_release = \(release) ORDER BY version DESC LIMIT 1
            """, name: "label_catalogue_latest_apogee").first?.decode(Int.self, at: 0)
    }

    /// Distinct catalogue names, sorted.
    public static func names(db: PostgresConnection) throws(PostgresError) -> [String] {
        try db.query("SELECT DISTINCT name FROM label_catalogue ORDER BY name", name: "label_catalogue_names")
            .rows.map { row throws(PostgresError) in try row.decode(String.self, at: 0) }
    }

    /// The latest `limit` load attempts, newest first, as `slam labels history` shows them.
    public static func loadHistory(limit: Int, db: PostgresConnection) throws(PostgresError) -> [LabelCatalogueLoadRow] {
        try db.query("""
            SELECT \(LabelCatalogueLoadRow.columns) FROM label_catalogue_load ORDER BY load_id DESC LIMIT \(limit)
            """, name: "label_catalogue_load_history").rows.map { row throws(PostgresError) in try LabelCatalogueLoadRow(row: row) }
    }
}
