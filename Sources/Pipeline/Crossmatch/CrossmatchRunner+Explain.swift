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
                let runID = try db.query(Self.insertRun, [
                    parameters.radiusArcsec, parameters.apogeeRelease, parameters.ambiguityArcsec,
                    try JSONB(encoding: parameters), Int64?.none,
                ]).first?.decode(Int.self, at: 0) ?? 0
                let options = analyze ? "(ANALYZE, BUFFERS)" : "(COSTS)"
                let plan = try db.query("EXPLAIN \(options) " + Self.insertPairs(driver: Driver(apogee: apogee, lamost: lamost)), [
                    runID, parameters.radiusArcsec, parameters.apogeeRelease, parameters.ambiguityArcsec,
                ])
                let lines = try plan.rows.map { row throws(PostgresError) in try row.decode(String.self, at: 0) }
                throw RolledBack(plan: lines.joined(separator: "\n"))
            }
            throw CrossmatchError.database(.protocolViolation("explain transaction was not rolled back"))
        } catch let done as RolledBack {
            return done.plan
        } catch let error as CrossmatchError {
            throw error
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(.protocolViolation("\(error)"))
        }
    }
}
