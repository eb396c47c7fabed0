import Store

/// The one writer of the `rejection` table: every stage records refused inputs through it, and a rerun
/// replaces the rejections it recorded before (clear, then write, in the caller's transaction).
public enum RejectionWriter {
    static let columns = ["stage", "source", "object", "reason_code", "reason", "job_id"]

    /// Appends `records` (binary COPY), each tagged with the job that found it.
    public static func write(_ records: [RejectionRecord], jobID: Int64?, db: PostgresConnection) throws {
        guard !records.isEmpty else { return }
        _ = try db.copyIn(table: "rejection", columns: columns) { copy in
            for r in records { try copy.append([r.stage, r.source, r.object, r.code, r.reason, jobID]) }
        }
    }

    /// Appends one record.
    public static func write(_ record: RejectionRecord, jobID: Int64?, db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            INSERT INTO rejection (stage, source, object, reason_code, reason, job_id)
            VALUES (\(record.stage), \(record.source), \(record.object), \(record.code), \(record.reason), \(jobID))
            """, name: "rejection_insert")
    }

    /// Forgets the rejections of the files `sources` at any of `stages` (a batch ingested again).
    public static func clear(stages: [String], sources: [String], db: PostgresConnection) throws(PostgresError) {
        try db.execute("DELETE FROM rejection WHERE stage = ANY(\(stages)) AND source = ANY(\(sources))",
                       name: "rejection_clear_sources")
    }

    /// Forgets the rejections of the rows of table `file` (sources `FILE#ROW`) at `stage` (a table loaded again).
    public static func clear(stage: String, rowsOf file: String, db: PostgresConnection) throws(PostgresError) {
        try db.execute("DELETE FROM rejection WHERE stage = \(stage) AND source LIKE \(likeEscaped(file) + "#%")",
                       name: "rejection_clear_rows")
    }

    /// Forgets the rejections of `objects` from `source` at `stage` (spectra predicted again by a model).
    public static func clear(stage: String, source: String, objects: [String], db: PostgresConnection) throws(PostgresError) {
        try db.execute("DELETE FROM rejection WHERE stage = \(stage) AND source = \(source) AND object = ANY(\(objects))",
                       name: "rejection_clear_objects")
    }

    /// `text` with LIKE's wildcards (`%`, `_`) and escape character (`\`) escaped.
    static func likeEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
