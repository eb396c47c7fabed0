import Foundation
import Queue
import Store

/// Matches every LAMOST spectrum with the APOGEE stars inside a radius, in one set-based SQL
/// statement over the q3c indexes of both tables, keeping the nearest counterpart, its separation,
/// the number of candidates and the second-nearest separation. The smaller table drives the join
/// (a sequential scan of it, a q3c index probe of the other per row; see ``Driver``), and the
/// candidate pairs are grouped by spectrum: with 300k APOGEE stars against 1M spectra, driving from
/// APOGEE makes 3x fewer probes than driving from LAMOST (`slam-bench crossmatch`). Each run is a new
/// `crossmatch_run` with its `crossmatch_pair` rows, written in one transaction: a run is complete or
/// absent, and never rewrites an earlier one.
public struct CrossmatchRunner: Sendable {
    public init() {}

    /// Runs a crossmatch and returns its summary.
    /// - Throws: ``CrossmatchError`` for bad parameters, an unknown release, no spectra, or a database failure.
    /// Run as a job, the run is written with the job's completion (`fence`, ``JobFence/complete(_:)``).
    public func run(_ parameters: CrossmatchParameters, connection: PostgresConnection,
                    jobID: Int64? = nil, fence: JobFence = .unfenced) throws(CrossmatchError) -> CrossmatchSummary {
        try parameters.validate()
        let started = Date()
        do {
            return try connection.transaction { db in
                let (apogee, lamost) = try Self.count(parameters, db: db)

                let runID = try db.query(Self.insertRun, [
                    parameters.radiusArcsec, parameters.apogeeRelease, parameters.ambiguityArcsec,
                    try JSONB(encoding: parameters), jobID,
                ]).first?.decode(Int.self, at: 0) ?? 0
                try db.execute(Self.insertPairs(driver: Driver(apogee: apogee, lamost: lamost)), [
                    runID, parameters.radiusArcsec, parameters.apogeeRelease, parameters.ambiguityArcsec,
                ])
                guard let counts = try db.query(Self.countPairs, [runID]).first else {
                    throw PostgresError.noRows(statement: "count crossmatch pairs")
                }
                let matched = try counts.decode(Int.self, at: 0)
                let ambiguous = try counts.decode(Int.self, at: 1)
                let repeated = try counts.decode(Int.self, at: 2)
                try db.execute(Self.finishRun, [runID, lamost, matched, ambiguous])
                try fence.complete(db)
                return CrossmatchSummary(
                    runID: runID, lamostCount: lamost, matchedCount: matched, ambiguousCount: ambiguous,
                    repeatedStarCount: repeated, seconds: Date().timeIntervalSince(started))
            }
        } catch let error as CrossmatchError {
            throw error
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(.protocolViolation("\(error)"))
        }
    }

    static let countApogee = "SELECT count(*) FROM apogee_star WHERE release = $1"
    static let countLamost = "SELECT count(*) FROM lamost_spectrum"

    static let insertRun = """
        INSERT INTO crossmatch_run (radius_arcsec, apogee_release, ambiguity_arcsec, parameters, job_id)
        VALUES ($1, $2, $3, $4, $5) RETURNING run_id
        """

    /// Numbers of APOGEE stars of the release and of LAMOST spectra; throws when either is zero.
    static func count(_ parameters: CrossmatchParameters, db: PostgresConnection) throws -> (apogee: Int, lamost: Int) {
        let apogee = try db.query(countApogee, [parameters.apogeeRelease]).first?.decode(Int.self, at: 0) ?? 0
        guard apogee > 0 else { throw CrossmatchError.unknownRelease(parameters.apogeeRelease) }
        let lamost = try db.query(countLamost).first?.decode(Int.self, at: 0) ?? 0
        guard lamost > 0 else { throw CrossmatchError.noSpectra }
        return (apogee, lamost)
    }

    /// The table whose rows drive the join: each of its rows probes the q3c index of the other table
    /// (`q3c_join` uses the index on its second pair of coordinates). The smaller table drives.
    enum Driver: Equatable {
        case apogee, lamost
        init(apogee: Int, lamost: Int) { self = apogee <= lamost ? .apogee : .lamost }
    }

    /// One plan: a sequential scan of the driving table, per row a q3c index probe of the other, and
    /// the candidate pairs grouped by spectrum, aggregated in separation order (nearest first, ties by
    /// APOGEE_ID). Parameters: $1 run id, $2 radius (arcsec), $3 release, $4 ambiguity (arcsec).
    static func insertPairs(driver: Driver) -> String {
        let join = switch driver {
        case .apogee: "q3c_join(a.ra, a.dec, s.ra, s.dec, $2 / 3600.0)"
        case .lamost: "q3c_join(s.ra, s.dec, a.ra, a.dec, $2 / 3600.0)"
        }
        return """
            INSERT INTO crossmatch_pair (run_id, obsid, apogee_id, apogee_release, separation_arcsec,
                                         n_candidates, second_separation_arcsec, ambiguous)
            SELECT $1, c.obsid, c.ids[1], $3, c.seps[1], cardinality(c.ids), c.seps[2],
                   coalesce(c.seps[2] - c.seps[1] <= $4, false)
            FROM (
                SELECT m.obsid, array_agg(m.apogee_id ORDER BY m.sep, m.apogee_id) AS ids,
                       array_agg(m.sep ORDER BY m.sep, m.apogee_id) AS seps
                FROM (SELECT s.obsid, a.apogee_id, q3c_dist(s.ra, s.dec, a.ra, a.dec) * 3600 AS sep
                      FROM apogee_star a JOIN lamost_spectrum s ON \(join)
                      WHERE a.release = $3) m
                GROUP BY m.obsid
            ) c
            """
    }

    static let countPairs = """
        SELECT count(*), count(*) FILTER (WHERE ambiguous),
               (SELECT count(*) FROM (SELECT apogee_id FROM crossmatch_pair WHERE run_id = $1
                                      GROUP BY apogee_id HAVING count(*) > 1) r)
        FROM crossmatch_pair WHERE run_id = $1
        """

    static let finishRun = """
        UPDATE crossmatch_run SET status = 'complete', n_lamost = $2, n_matched = $3, n_ambiguous = $4,
               finished_at = clock_timestamp()
        WHERE run_id = $1
        """
}
