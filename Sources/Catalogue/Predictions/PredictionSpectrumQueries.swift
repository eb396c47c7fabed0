import Store

/// A prediction with its preprocessed spectrum, to recompute its fit spectrum.
public struct PredictionWithSpectrumRow: Sendable {
    public var obsid: Int64
    /// The labels of the fit itself, label units: `ml_labels` when the published labels are another
    /// estimate (the posterior mean), else `labels`; the model spectrum is drawn at them.
    public var labels: [Float]
    /// Normalised flux and inverse variance, P entries each.
    public var flux: [Float]
    public var ivar: [Float]
    /// The continuum correction's Legendre coefficients (`prediction.continuum_correction`); empty for none.
    public var continuumCorrection: [Float] = []
}

/// The best-fit model spectra and residuals of predictions (`prediction_spectrum`).
public enum PredictionSpectrumQueries {
    /// Stages rows (`model_id, obsid, model_flux, residual`, appended by `fill`) in a temporary table dropped
    /// at commit, then inserts those whose prediction exists and has no spectrum yet. In the caller's transaction.
    public static func writeStaged(_ fill: (PostgresCopyWriter) throws -> Void, db: PostgresConnection) throws {
        try db.executeScript("CREATE TEMP TABLE stage_fit_spectrum (LIKE prediction_spectrum INCLUDING DEFAULTS) ON COMMIT DROP",
                             name: "create fit spectrum staging table")
        _ = try db.copyIn(table: "stage_fit_spectrum", columns: ["model_id", "obsid", "model_flux", "residual"], fill)
        // Unnamed (not prepared): the staging table is a new temporary table in every transaction.
        try db.execute("""
            INSERT INTO prediction_spectrum (model_id, obsid, model_flux, residual)
            SELECT st.model_id, st.obsid, st.model_flux, st.residual FROM stage_fit_spectrum st
            JOIN prediction pr ON pr.model_id = st.model_id AND pr.obsid = st.obsid
            ON CONFLICT (model_id, obsid) DO NOTHING
            """)
    }

    /// Of `obsids`, the predictions of model `modelID` that have no stored spectrum, with their spectra
    /// preprocessed with `preprocessingID`, by obsid.
    public static func predictionsWithoutSpectrum(modelID: Int, obsids: [Int64], preprocessingID: Int,
                                                  db: PostgresConnection) throws(PostgresError) -> [PredictionWithSpectrumRow] {
        var rows: [PredictionWithSpectrumRow] = []
        for r in try db.query("""
            SELECT pr.obsid, COALESCE(pr.ml_labels, pr.labels), \(PreprocessedArrays.select(from: "sp")), pr.continuum_correction FROM prediction pr
            JOIN spectrum_preprocessed sp ON sp.obsid = pr.obsid AND sp.preprocessing_id = \(preprocessingID)
            WHERE pr.model_id = \(modelID) AND pr.obsid = ANY(\(obsids.map { Int($0) }))
              AND NOT EXISTS (SELECT 1 FROM prediction_spectrum ps WHERE ps.model_id = pr.model_id AND ps.obsid = pr.obsid)
            ORDER BY pr.obsid
            """, name: "predictions_without_spectrum").rows {
            let (flux, ivar) = try PreprocessedArrays.decode(r)
            rows.append(PredictionWithSpectrumRow(obsid: try r.decode(Int64.self, at: 0), labels: try r.decode([Float].self, at: 1),
                                                  flux: flux, ivar: ivar,
                                                  continuumCorrection: try r.decode([Float]?.self, "continuum_correction") ?? []))
        }
        return rows
    }

    /// Inserts one fit spectrum unless the prediction has one; returns whether it did.
    public static func insert(modelID: Int, obsid: Int64, modelFlux: [Float], residual: [Float],
                              db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            INSERT INTO prediction_spectrum (model_id, obsid, model_flux, residual)
            VALUES (\(modelID), \(obsid), \(modelFlux), \(residual))
            ON CONFLICT (model_id, obsid) DO NOTHING
            """, name: "prediction_spectrum_insert") == 1
    }
}
