import Store

/// Named queries of the `posterior` table, and the spectra a posterior is sampled from.
public enum PosteriorQueries {
    /// Whether model `modelID` has a posterior of spectrum `obsid`.
    public static func exists(modelID: Int, obsid: Int64, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.query("SELECT 1 FROM posterior WHERE model_id = \(modelID) AND obsid = \(obsid)", name: "posterior_exists").first != nil
    }

    /// The flux and inverse variance of spectrum `obsid` preprocessed with `preprocessingID` (P entries each), or nil.
    public static func preprocessedSpectrum(obsid: Int64, preprocessingID: Int,
                                            db: PostgresConnection) throws(PostgresError) -> (flux: [Float], ivar: [Float])? {
        try PreprocessedArrays.spectrum(obsid: obsid, preprocessingID: preprocessingID, db: db)
    }

    /// Inserts `posterior` unless the model has one for the spectrum; returns whether it did.
    public static func insert(_ posterior: PosteriorRow, db: PostgresConnection) throws(PostgresError) -> Bool {
        let p = posterior
        return try db.execute("""
            INSERT INTO posterior (model_id, obsid, label_names, fit_labels, p16, p50, p84, acceptance, autocorrelation,
                                   walkers, steps, burn_in, seed, loss, posterior_job_id)
            VALUES (\(p.modelID), \(p.obsid), \(p.labelNames), \(p.fitLabels), \(p.p16), \(p.p50), \(p.p84), \(p.acceptance),
                    \(p.autocorrelation), \(p.walkers), \(p.steps), \(p.burnIn), \(p.seed), \(p.loss), \(p.jobID))
            ON CONFLICT (model_id, obsid) DO NOTHING
            """, name: "posterior_insert") == 1
    }

    /// Model `modelID`'s posteriors of `obsids`, by obsid.
    public static func posteriors(modelID: Int, obsids: [Int64], db: PostgresConnection) throws(PostgresError) -> [PosteriorRow] {
        var rows: [PosteriorRow] = []
        for row in try db.query("""
            SELECT \(PosteriorRow.columns) FROM posterior WHERE model_id = \(modelID) AND obsid = ANY(\(obsids.map { Int($0) }))
            ORDER BY obsid
            """, name: "posteriors_of_spectra").rows {
            rows.append(try PosteriorRow(row: row))
        }
        return rows
    }
}
