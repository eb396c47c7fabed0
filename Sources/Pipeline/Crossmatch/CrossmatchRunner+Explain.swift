import Catalogue
import Store

extension CrossmatchRunner {
    /// The query plan of the pair-insert statement that ``run(_:connection:jobID:)`` executes, as
    /// `EXPLAIN` text (one plan line per line). With `analyze` the statement really runs (timings,
    /// row counts, buffers and the foreign-key trigger times are reported) inside a transaction that
    /// is then rolled back, so nothing is written either way. The run row it needs is made and rolled
    /// back as well.
    /// - Throws: ``CrossmatchError`` for bad parameters, an unknown release, no spectra, or a database failure.
    public func explain(_ parameters: CrossmatchParameters, analyze: Bool = true,
                        connection: PostgresConnection) throws(CrossmatchError) -> String {
        try parameters.validate()
        struct RolledBack: Error { var plan: String }
        do {
            _ = try connection.transaction { db -> Int in
                let (apogee, lamost) = try Self.count(parameters, db: db)
                let runID = try Self.insertRun(parameters, jobID: nil, db: db)
                let statement = CrossmatchQueries.insertPairsStatement(
                    runID: runID, radiusArcsec: parameters.radiusArcsec, apogeeRelease: parameters.apogeeRelease,
                    ambiguityArcsec: parameters.ambiguityArcsec, driver: Driver(apogee: apogee, lamost: lamost))
                let lines = try CrossmatchQueries.explain(statement, analyze: analyze, db: db)
                throw RolledBack(plan: lines.joined(separator: "\n"))
            }
            throw CrossmatchError.database(.protocolViolation("explain transaction was not rolled back"))
        } catch let done as RolledBack {
            return done.plan
        } catch {
            throw .from(error)
        }
    }
}
