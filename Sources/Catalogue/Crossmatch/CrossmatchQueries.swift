import Store

/// Named queries of a crossmatch run (`crossmatch_run` and its `crossmatch_pair` rows).
public enum CrossmatchQueries {
    /// The table whose rows drive the pair join: each of its rows probes the q3c index of the other
    /// table (`q3c_join` uses the index on its second pair of coordinates). The smaller table drives.
    public enum Driver: Sendable, Equatable {
        case apogee, lamost
        public init(apogee: Int, lamost: Int) { self = apogee <= lamost ? .apogee : .lamost }
    }

    /// Starts a run (status `running`) and returns its id. `parameters`: the run's parameters as JSON.
    public static func insertRun(radiusArcsec: Double, apogeeRelease: String, ambiguityArcsec: Double, parameters: JSONB,
                                 jobID: Int64?, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("""
            INSERT INTO crossmatch_run (radius_arcsec, apogee_release, ambiguity_arcsec, parameters, job_id)
            VALUES (\(radiusArcsec), \(apogeeRelease), \(ambiguityArcsec), \(parameters), \(jobID)) RETURNING run_id
            """, name: "crossmatch_run_insert").first?.decode(Int.self, at: 0) ?? 0
    }

    /// The pair insert of run `runID`: one plan, a sequential scan of the driving table, per row a q3c
    /// index probe of the other, and the candidate pairs grouped by spectrum, aggregated in separation
    /// order (nearest first, ties by APOGEE_ID); the nearest is kept with the number of candidates, the
    /// second-nearest separation and whether it lies within `ambiguityArcsec` of the nearest.
    public static func insertPairsStatement(runID: Int, radiusArcsec: Double, apogeeRelease: String, ambiguityArcsec: Double,
                                            driver: Driver) -> SQL {
        let join: SQL = switch driver {
        case .apogee: "q3c_join(a.ra, a.dec, s.ra, s.dec, \(radiusArcsec) / 3600.0)"
        case .lamost: "q3c_join(s.ra, s.dec, a.ra, a.dec, \(radiusArcsec) / 3600.0)"
        }
        return """
            INSERT INTO crossmatch_pair (run_id, obsid, apogee_id, apogee_release, separation_arcsec,
                                         n_candidates, second_separation_arcsec, ambiguous)
            SELECT \(runID), c.obsid, c.ids[1], \(apogeeRelease), c.seps[1], cardinality(c.ids), c.seps[2],
                   coalesce(c.seps[2] - c.seps[1] <= \(ambiguityArcsec), false)
            FROM (
                SELECT m.obsid, array_agg(m.apogee_id ORDER BY m.sep, m.apogee_id) AS ids,
                       array_agg(m.sep ORDER BY m.sep, m.apogee_id) AS seps
                FROM (SELECT s.obsid, a.apogee_id, q3c_dist(s.ra, s.dec, a.ra, a.dec) * 3600 AS sep
                      FROM apogee_star a JOIN lamost_spectrum s ON \(join)
                      WHERE a.release = \(apogeeRelease)) m
                GROUP BY m.obsid
            ) c
            """
    }

    /// Writes the pairs of run `runID` (see ``insertPairsStatement(runID:radiusArcsec:apogeeRelease:ambiguityArcsec:driver:)``).
    /// Unprepared on purpose: a prepared statement may switch to a generic plan after five runs on one
    /// connection, and the q3c probe wants the radius known when planning.
    public static func insertPairs(runID: Int, radiusArcsec: Double, apogeeRelease: String, ambiguityArcsec: Double,
                                   driver: Driver, db: PostgresConnection) throws(PostgresError) {
        try db.execute(insertPairsStatement(runID: runID, radiusArcsec: radiusArcsec, apogeeRelease: apogeeRelease,
                                            ambiguityArcsec: ambiguityArcsec, driver: driver))
    }

    /// `EXPLAIN` lines of a statement (with `analyze`, `(ANALYZE, BUFFERS)`: it really runs).
    public static func explain(_ statement: SQL, analyze: Bool, db: PostgresConnection) throws(PostgresError) -> [String] {
        let options: SQL = analyze ? "(ANALYZE, BUFFERS)" : "(COSTS)"
        return try db.query("EXPLAIN \(options) " + statement).rows.map { row throws(PostgresError) in try row.decode(String.self, at: 0) }
    }

    /// Pairs of run `runID`: matched spectra, ambiguous ones, and APOGEE stars matched by more than one spectrum.
    public static func pairCounts(runID: Int, db: PostgresConnection) throws(PostgresError) -> (matched: Int, ambiguous: Int, repeatedStars: Int) {
        guard let row = try db.query("""
            SELECT count(*), count(*) FILTER (WHERE ambiguous),
                   (SELECT count(*) FROM (SELECT apogee_id FROM crossmatch_pair WHERE run_id = \(runID)
                                          GROUP BY apogee_id HAVING count(*) > 1) r)
            FROM crossmatch_pair WHERE run_id = \(runID)
            """, name: "crossmatch_pair_counts").first else { throw .noRows(statement: "count crossmatch pairs") }
        return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2))
    }

    /// Marks run `runID` complete with its counts.
    public static func finishRun(runID: Int, lamost: Int, matched: Int, ambiguous: Int, db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            UPDATE crossmatch_run SET status = 'complete', n_lamost = \(lamost), n_matched = \(matched), n_ambiguous = \(ambiguous),
                   finished_at = clock_timestamp()
            WHERE run_id = \(runID)
            """, name: "crossmatch_run_finish")
    }

    /// Status and APOGEE release of run `runID`, or nil when there is none.
    public static func run(id runID: Int, db: PostgresConnection) throws(PostgresError) -> (status: String, apogeeRelease: String)? {
        guard let row = try db.query("SELECT status, apogee_release FROM crossmatch_run WHERE run_id = \(runID)",
                                     name: "crossmatch_run_by_id").first else { return nil }
        return (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))
    }

    /// Id and APOGEE release of the latest complete run, or nil.
    public static func latestCompleteRun(db: PostgresConnection) throws(PostgresError) -> (runID: Int, apogeeRelease: String)? {
        guard let row = try db.query("""
            SELECT run_id, apogee_release FROM crossmatch_run WHERE status = 'complete' ORDER BY run_id DESC LIMIT 1
            """, name: "crossmatch_run_latest_complete").first else { return nil }
        return (try row.decode(Int.self, at: 0), try row.decode(String.self, at: 1))
    }

    /// The latest run (whatever its status), as `slam crossmatch` reports it, or nil.
    public static func latestRun(db: PostgresConnection) throws(PostgresError) -> CrossmatchRunRow? {
        try db.query("""
            SELECT run_id, n_lamost, n_matched, n_ambiguous,
                   round(extract(epoch FROM finished_at - started_at)::numeric, 2)::float8 AS seconds
            FROM crossmatch_run ORDER BY run_id DESC LIMIT 1
            """, name: "crossmatch_run_latest").first.map { row throws(PostgresError) in try CrossmatchRunRow(row: row) }
    }
}
