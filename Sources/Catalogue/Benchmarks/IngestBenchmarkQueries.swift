import Store

/// What `slam-bench ingest` counts and clears between its runs.
public enum IngestBenchmarkQueries {
    /// Rows written by an ingest run.
    public struct Counts: Sendable {
        public var spectra: Int
        public var preprocessed: Int
        public var rejections: Int
    }

    /// Rows of `lamost_spectrum`, `spectrum_preprocessed` and `rejection`.
    public static func counts(db: PostgresConnection) throws(PostgresError) -> Counts {
        guard let row = try db.query("""
            SELECT (SELECT count(*) FROM lamost_spectrum), (SELECT count(*) FROM spectrum_preprocessed),
                   (SELECT count(*) FROM rejection)
            """, name: "bench_ingest_counts").first else { throw .noRows(statement: "bench_ingest_counts") }
        return Counts(spectra: try row.decode(Int.self, at: 0), preprocessed: try row.decode(Int.self, at: 1),
                      rejections: try row.decode(Int.self, at: 2))
    }

    /// Empties the ingest tables (and what references them), for the next timed sample.
    public static func clearIngestTables(db: PostgresConnection) throws(PostgresError) {
        try db.executeScript("TRUNCATE lamost_spectrum, spectrum_preprocessed, rejection CASCADE", name: "bench truncate ingest tables")
    }
}
