import Catalogue
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

                let runID = try Self.insertRun(parameters, jobID: jobID, db: db)
                try CrossmatchQueries.insertPairs(runID: runID, radiusArcsec: parameters.radiusArcsec,
                                                  apogeeRelease: parameters.apogeeRelease, ambiguityArcsec: parameters.ambiguityArcsec,
                                                  driver: Driver(apogee: apogee, lamost: lamost), db: db)
                let counts = try CrossmatchQueries.pairCounts(runID: runID, db: db)
                let matched = counts.matched, ambiguous = counts.ambiguous, repeated = counts.repeatedStars
                try CrossmatchQueries.finishRun(runID: runID, lamost: lamost, matched: matched, ambiguous: ambiguous, db: db)
                try fence.complete(db)
                return CrossmatchSummary(
                    runID: runID, lamostCount: lamost, matchedCount: matched, ambiguousCount: ambiguous,
                    repeatedStarCount: repeated, seconds: Date().timeIntervalSince(started))
            }
        } catch {
            throw .from(error)
        }
    }

    /// Starts the run's `crossmatch_run` row and returns its id.
    static func insertRun(_ parameters: CrossmatchParameters, jobID: Int64?, db: PostgresConnection) throws -> Int {
        try CrossmatchQueries.insertRun(radiusArcsec: parameters.radiusArcsec, apogeeRelease: parameters.apogeeRelease,
                                        ambiguityArcsec: parameters.ambiguityArcsec, parameters: try JSONB(encoding: parameters),
                                        jobID: jobID, db: db)
    }

    /// Numbers of APOGEE stars of the release and of LAMOST spectra; throws when either is zero.
    static func count(_ parameters: CrossmatchParameters, db: PostgresConnection) throws -> (apogee: Int, lamost: Int) {
        let apogee = try ApogeeStarQueries.count(release: parameters.apogeeRelease, db: db)
        guard apogee > 0 else { throw CrossmatchError.unknownRelease(parameters.apogeeRelease) }
        let lamost = try LamostSpectrumQueries.count(db: db)
        guard lamost > 0 else { throw CrossmatchError.noSpectra }
        return (apogee, lamost)
    }

    /// The table whose rows drive the join (the smaller one; see ``CrossmatchQueries/Driver``).
    typealias Driver = CrossmatchQueries.Driver
}
