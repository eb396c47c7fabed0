import Store

/// The statements of a catalogue export: one REPEATABLE READ snapshot, the size of the table, and a
/// server-side cursor over a model's predictions (`pr`) joined with their spectra (`s`), by obsid.
public enum CatalogueExportQueries {
    /// The cursor's name.
    static let cursor = "slam_export"

    /// Makes the caller's transaction a read-only REPEATABLE READ snapshot (its first statement).
    public static func beginSnapshot(db: PostgresConnection) throws(PostgresError) {
        try db.executeScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", name: "export snapshot")
    }

    /// `FROM ... WHERE` of the exported rows.
    static func source(modelID: Int, matching predicate: SpectrumPredicate) -> SQL {
        "FROM prediction pr JOIN lamost_spectrum s USING (obsid) WHERE pr.model_id = \(modelID) AND \(predicate.sql)"
    }

    /// The number of rows to export and the longest designation, bytes (at least 1). Unnamed (not
    /// prepared): its text depends on the predicate.
    public static func size(modelID: Int, matching predicate: SpectrumPredicate,
                            db: PostgresConnection) throws(PostgresError) -> (rows: Int, designationBytes: Int) {
        let sizes = try db.query("SELECT count(*), coalesce(max(octet_length(s.designation)), 1) \(source(modelID: modelID, matching: predicate))").first
        return (try sizes?.decode(Int.self, at: 0) ?? 0, try sizes?.decode(Int.self, at: 1) ?? 1)
    }

    /// Opens the cursor: obsid, designation, ra, dec, snrg, labels, formal_errors, empirical_errors,
    /// reduced_chi2, flags, model_id, by obsid (what `CatalogueChunk` reads). Unnamed: its text depends on the predicate.
    public static func openCursor(modelID: Int, matching predicate: SpectrumPredicate, db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            DECLARE slam_export NO SCROLL CURSOR FOR
            SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, pr.labels, pr.formal_errors, pr.empirical_errors,
                   pr.reduced_chi2, pr.flags, pr.model_id \(source(modelID: modelID, matching: predicate)) ORDER BY pr.obsid
            """)
    }

    /// The next (at most) `rows` rows of the cursor; none at its end.
    public static func fetch(rows: Int, db: PostgresConnection) throws(PostgresError) -> PostgresResult {
        precondition(rows >= 1, "fetch at least one row")
        // FETCH takes no parameters: the count is the exporter's own integer, printed by Swift, never user text.
        return try db.query("FETCH \(rows) FROM slam_export" as String)
    }

    /// Closes the cursor.
    public static func closeCursor(db: PostgresConnection) throws(PostgresError) {
        try db.executeScript("CLOSE slam_export", name: "close export cursor")
    }
}
