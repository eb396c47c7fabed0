import Report
import Store

/// Named queries that gather what the demo's HTML report plots (`DemoReportData`): a model's validation
/// predictions, its predicted catalogue, its per-pixel hyperparameters and its example spectra.
public enum DemoReportQueries {
    /// Training-set members of model `modelID` (`model_validation_prediction`, by obsid): cross-validated
    /// or held-out labels against the reference labels, S/N_g (NaN when unknown), held-out members marked.
    public static func validationPairs(modelID: Int, db: PostgresConnection) throws(PostgresError) -> DemoReportData.Pairs {
        var pairs = DemoReportData.Pairs()
        for r in try db.query("""
            SELECT labels, reference, snrg, kind = 'held_out'
            FROM model_validation_prediction WHERE model_id = \(modelID) ORDER BY obsid
            """, name: "demo_report_validation_pairs").rows {
            pairs.predicted += try r.decode([Float].self, at: 0).map(Double.init)
            pairs.reference += try r.decode([Float].self, at: 1).map(Double.init)
            pairs.snr.append(Double(try r.decode(Float?.self, at: 2) ?? .nan))
            pairs.marked.append(try r.decode(Bool.self, at: 3))
        }
        return pairs
    }

    /// The predicted catalogue of model `modelID`, by obsid: the obsids, and their labels and S/N_g (NaN
    /// when unknown) with no reference labels, marked when flagged `outside_training_set` (bit 12).
    public static func predictedCatalogue(modelID: Int, db: PostgresConnection) throws(PostgresError)
        -> (obsids: [Int64], pairs: DemoReportData.Pairs) {
        var pairs = DemoReportData.Pairs()
        var obsids: [Int64] = []
        for r in try db.query("""
            SELECT p.obsid, p.labels, s.snrg, p.flags & \(outsideTrainingSetBit) <> 0 FROM prediction p JOIN lamost_spectrum s USING (obsid)
            WHERE p.model_id = \(modelID) ORDER BY p.obsid
            """, name: "demo_report_predicted_catalogue").rows {
            obsids.append(try r.decode(Int64.self, at: 0))
            pairs.predicted += try r.decode([Float].self, at: 1).map(Double.init)
            pairs.snr.append(Double(try r.decode(Float?.self, at: 2) ?? .nan))
            pairs.marked.append(try r.decode(Bool.self, at: 3))
        }
        return (obsids, pairs)
    }

    /// The `outside_training_set` flag (bit 12 of `prediction.flags`).
    public static let outsideTrainingSetBit = 1 << 12

    /// Per-pixel hyperparameters and CV MSE of model `modelID` (`model_pixel`), in pixel order.
    public static func pixels(modelID: Int, db: PostgresConnection) throws(PostgresError) -> DemoReportData.Pixels {
        var pixels = DemoReportData.Pixels()
        for r in try db.query("""
            SELECT wavelength, c, epsilon, gamma, cv_mse FROM model_pixel WHERE model_id = \(modelID) ORDER BY pixel
            """, name: "demo_report_model_pixels").rows {
            pixels.wavelength.append(try r.decode(Double.self, at: 0))
            pixels.c.append(try r.decode(Double.self, at: 1))
            pixels.epsilon.append(try r.decode(Double.self, at: 2))
            pixels.gamma.append(try r.decode(Double.self, at: 3))
            pixels.cvMSE.append(try r.decode(Double.self, at: 4))
        }
        return pixels
    }

    /// The obsid of the converged prediction of model `modelID` whose S/N_g is closest to `snrg` (ties: the
    /// lowest obsid), or nil.
    public static func convergedPrediction(modelID: Int, nearestSNR snrg: Double, db: PostgresConnection) throws(PostgresError) -> Int64? {
        try db.query("""
            SELECT p.obsid FROM prediction p JOIN lamost_spectrum s USING (obsid)
            WHERE p.model_id = \(modelID) AND s.snrg IS NOT NULL AND p.status LIKE 'converged%'
            ORDER BY abs(s.snrg - \(snrg)), p.obsid LIMIT 1
            """, name: "demo_report_converged_prediction_near_snr").first?.decode(Int64.self, at: 0)
    }

    /// The converged prediction of model `modelID` with S/N_g closest to 100 that has a preprocessed
    /// spectrum of preprocessing `preprocessingID`, with that spectrum; nil when there is none.
    public static func exampleSpectrum(modelID: Int, preprocessingID: Int,
                                       db: PostgresConnection) throws(PostgresError) -> ExampleSpectrumRow? {
        try db.query("""
            SELECT p.obsid, p.labels, s.snrg, \(PreprocessedArrays.select(from: "sp"))
            FROM prediction p JOIN lamost_spectrum s USING (obsid)
            JOIN spectrum_preprocessed sp ON sp.obsid = p.obsid AND sp.preprocessing_id = \(preprocessingID)
            WHERE p.model_id = \(modelID) AND s.snrg IS NOT NULL AND p.status LIKE 'converged%'
            ORDER BY abs(s.snrg - 100), p.obsid LIMIT 1
            """, name: "demo_report_example_spectrum").first.map { row throws(PostgresError) in try ExampleSpectrumRow(row: row) }
    }
}
