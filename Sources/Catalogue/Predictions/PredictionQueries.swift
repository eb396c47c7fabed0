import Store

/// A preprocessed spectrum waiting for a model's prediction.
public struct PendingSpectrumRow: Sendable {
    public var obsid: Int64
    /// S/N in the g band, when known.
    public var snrg: Float?
    /// Normalised flux and inverse variance on the preprocessing's grid, P entries each.
    public var flux: [Float]
    public var ivar: [Float]
    /// The preprocessing flags (`PreprocessingFlags` bits).
    public var flags: Int

    public init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, "obsid")
        snrg = try row.decode(Float?.self, "snrg")
        (flux, ivar) = try PreprocessedArrays.decode(row)
        flags = try row.decode(Int.self, "flags")
    }
}

/// Named queries of the `prediction` table: what is still to predict, and the batch writer.
public enum PredictionQueries {
    /// The `prediction` columns a batch writes, in ``stage(_:db:)``'s order.
    public static let columns = [
        "model_id", "obsid", "labels", "formal_errors", "empirical_errors", "covariance", "reduced_chi2", "n_pixels",
        "iterations", "status", "flags", "predict_job_id", "settings_id", "calibrated_errors", "first_guess",
        "continuum_correction", "ml_labels",
    ]

    /// Of `obsids`, the spectra preprocessed with `preprocessingID` that model `modelID` has not predicted
    /// yet, by obsid.
    public static func pendingSpectra(preprocessingID: Int, obsids: [Int64], modelID: Int,
                                      db: PostgresConnection) throws(PostgresError) -> [PendingSpectrumRow] {
        var rows: [PendingSpectrumRow] = []
        for row in try db.query("""
            SELECT sp.obsid, s.snrg, \(PreprocessedArrays.select(from: "sp")), sp.flags
            FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
            WHERE sp.preprocessing_id = \(preprocessingID) AND sp.obsid = ANY(\(obsids.map { Int($0) }))
              AND NOT EXISTS (SELECT 1 FROM prediction pr WHERE pr.model_id = \(modelID) AND pr.obsid = sp.obsid)
            ORDER BY sp.obsid
            """, name: "pending_spectra").rows {
            rows.append(try PendingSpectrumRow(row: row))
        }
        return rows
    }

    /// The obsids of spectra matching `predicate` preprocessed with `preprocessingID` that model `modelID` has
    /// not predicted yet, by obsid: what prediction jobs are planned for. Unnamed (not prepared): its text
    /// depends on the predicate.
    public static func unpredictedSpectra(modelID: Int, preprocessingID: Int, matching predicate: SpectrumPredicate,
                                          db: PostgresConnection) throws(PostgresError) -> [Int64] {
        var ids: [Int64] = []
        for row in try db.query("""
            SELECT sp.obsid FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
            WHERE sp.preprocessing_id = \(preprocessingID)
              AND NOT EXISTS (SELECT 1 FROM prediction pr WHERE pr.model_id = \(modelID) AND pr.obsid = sp.obsid)
              AND \(predicate.sql)
            ORDER BY sp.obsid
            """).rows {
            ids.append(try row.decode(Int64.self, at: 0))
        }
        return ids
    }

    /// The obsids of spectra matching `predicate` preprocessed with `preprocessingID`, by obsid. Unnamed: its
    /// text depends on the predicate.
    public static func spectra(preprocessingID: Int, matching predicate: SpectrumPredicate,
                               db: PostgresConnection) throws(PostgresError) -> [Int64] {
        var ids: [Int64] = []
        for row in try db.query("""
            SELECT sp.obsid FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
            WHERE sp.preprocessing_id = \(preprocessingID) AND \(predicate.sql) ORDER BY sp.obsid
            """).rows {
            ids.append(try row.decode(Int64.self, at: 0))
        }
        return ids
    }

    /// Stages a batch: `fill` appends rows of ``columns`` to a temporary copy of `prediction` (dropped at
    /// commit) by binary COPY; then ``insertStaged(db:)`` keeps the new ones. In the caller's transaction.
    public static func stage(_ fill: (PostgresCopyWriter) throws -> Void, db: PostgresConnection) throws {
        try db.executeScript("CREATE TEMP TABLE stage_prediction (LIKE prediction INCLUDING DEFAULTS) ON COMMIT DROP",
                             name: "create prediction staging table")
        _ = try db.copyIn(table: "stage_prediction", columns: columns, fill)
    }

    /// Inserts the staged rows whose (model, obsid) has no prediction yet; returns how many.
    public static func insertStaged(db: PostgresConnection) throws(PostgresError) -> Int {
        // Unnamed (not prepared): the staging table is a new temporary table in every transaction.
        try db.execute("INSERT INTO prediction SELECT * FROM stage_prediction ON CONFLICT (model_id, obsid) DO NOTHING")
    }

    /// The number of predictions of model `modelID` that have calibrated errors.
    public static func calibratedCount(modelID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("SELECT count(*) FROM prediction WHERE model_id = \(modelID) AND calibrated_errors IS NOT NULL",
                     name: "prediction_calibrated_count").first?.decode(Int.self, at: 0) ?? 0
    }
}
