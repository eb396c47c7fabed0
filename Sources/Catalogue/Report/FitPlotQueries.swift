import Report
import Store

/// Named queries that gather what a fit figure (`FitPlot`, `slam show`) draws: the spectrum's S/N, its
/// prediction, its preprocessed spectrum, the stored model spectrum and the names of the flag bits.
public enum FitPlotQueries {
    /// S/N_g of ingested spectrum `obsid`: nil when it is not ingested, `.some(nil)` when its S/N_g is unknown.
    public static func snrg(obsid: Int64, db: PostgresConnection) throws(PostgresError) -> Double?? {
        guard let row = try db.query("SELECT snrg::float8 FROM lamost_spectrum WHERE obsid = \(obsid)",
                                     name: "fit_plot_spectrum_snrg").first else { return nil }
        return .some(try row.decode(Double?.self, at: 0))
    }

    /// The prediction of `obsid` by model `modelID`, or (nil) by the current model of a label set that has
    /// predicted it, else by the newest model that has; nil when there is none.
    public static func prediction(obsid: Int64, modelID: Int?, db: PostgresConnection) throws(PostgresError) -> FitPredictionRow? {
        try db.query("""
            SELECT \(FitPredictionRow.columns)
            FROM prediction pr JOIN model m USING (model_id) JOIN preprocessing p USING (preprocessing_id)
            LEFT JOIN model_current mc ON mc.model_id = pr.model_id
            WHERE pr.obsid = \(obsid) AND (\(modelID)::int IS NULL OR pr.model_id = \(modelID)::int)
            ORDER BY (mc.model_id IS NOT NULL) DESC, pr.model_id DESC LIMIT 1
            """, name: "fit_plot_prediction").first.map { row throws(PostgresError) in try FitPredictionRow(row: row) }
    }

    /// The preprocessed spectrum of `obsid` by preprocessing `preprocessingID`: normalised flux and its
    /// inverse variance, P entries each; nil when there is none.
    public static func preprocessedSpectrum(obsid: Int64, preprocessingID: Int,
                                            db: PostgresConnection) throws(PostgresError) -> (flux: [Float], ivar: [Float])? {
        try PreprocessedArrays.spectrum(obsid: obsid, preprocessingID: preprocessingID, db: db)
    }

    /// The stored model spectrum and residuals (`prediction_spectrum`) of model `modelID` for `obsid`, or nil.
    public static func storedFit(modelID: Int, obsid: Int64, db: PostgresConnection) throws(PostgresError) -> FitSpectrum? {
        guard let row = try db.query("""
            SELECT model_flux, residual FROM prediction_spectrum WHERE model_id = \(modelID) AND obsid = \(obsid)
            """, name: "fit_plot_stored_fit").first else { return nil }
        return FitSpectrum(modelFlux: try row.decode([Float].self, at: 0), residual: try row.decode([Float].self, at: 1))
    }

    /// Names of the set bits of `flags` (from `flag_bits`), in bit order.
    public static func flagNames(_ flags: Int, db: PostgresConnection) throws(PostgresError) -> [String] {
        var names: [String] = []
        for row in try db.query("SELECT name FROM flag_bits WHERE (\(flags)::int & (1 << bit)) <> 0 ORDER BY bit",
                                name: "fit_plot_flag_names").rows {
            names.append(try row.decode(String.self, at: 0))
        }
        return names
    }
}
