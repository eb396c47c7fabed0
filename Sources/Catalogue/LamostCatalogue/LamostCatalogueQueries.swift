import Store

/// Named queries of `lamost_catalogue` (LAMOST's catalogue rows by obsid) and its load through a staging table.
public enum LamostCatalogueQueries {
    /// The columns staged per catalogue row, in the order ``stage(db:_:)`` takes its values.
    public static let columns = [
        "obsid", "designation", "obsdate", "lmjd", "planid", "spid", "fiberid", "ra", "dec", "snru", "snrg", "snrr",
        "snri", "snrz", "class", "subclass", "z", "teff", "teff_err", "logg", "logg_err", "feh", "feh_err", "rv",
        "data_release", "catalogue_file", "load_job_id",
    ]

    /// The catalogue's data columns (every column but obsid and the load bookkeeping).
    public static let dataColumns = Array(columns[1...23])

    /// Creates the transaction's staging table `stage_catalogue` (a `lamost_catalogue` row).
    public static func createStaging(db: PostgresConnection) throws(PostgresError) {
        // DDL takes no parameters.
        try db.executeScript("""
            CREATE TEMP TABLE stage_catalogue (LIKE lamost_catalogue INCLUDING DEFAULTS) ON COMMIT DROP;
            """, name: "create catalogue staging table")
    }

    /// Appends rows to `stage_catalogue` (binary COPY; values in ``columns`` order).
    public static func stage(db: PostgresConnection, _ rows: (PostgresCopyWriter) throws -> Void) throws {
        _ = try db.copyIn(table: "stage_catalogue", columns: columns, rows)
    }

    /// Inserts the staged rows; on an existing obsid replaces every column but those in `keeping` (columns
    /// the file does not have). Returns the rows written. Its text depends on `keeping`, so it runs unprepared.
    public static func upsertStaged(keeping: Set<String>, db: PostgresConnection) throws(PostgresError) -> Int {
        let list = SQL.joined(columns.map { "\(identifier: $0)" }, separator: ", ")
        let assignments = columns.dropFirst().filter { !keeping.contains($0) }.map { "\(identifier: $0) = excluded.\(identifier: $0)" as SQL }
            + ["loaded_at = now()"]
        return try db.execute("""
            INSERT INTO lamost_catalogue (\(list))
            SELECT \(list) FROM stage_catalogue
            ON CONFLICT (obsid) DO UPDATE SET \(SQL.joined(assignments, separator: ", "))
            """)
    }

    /// Staged rows that match an ingested spectrum (by obsid, or by file identity for synthetic obsids).
    public static func stagedMatchingSpectra(db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("SELECT count(*) FROM lamost_spectrum_catalogue v JOIN stage_catalogue st USING (obsid)",
                     name: "lamost_catalogue_staged_matches").first?.decode(Int.self, at: 0) ?? 0
    }
}
