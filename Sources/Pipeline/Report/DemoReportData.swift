import Formats
import Foundation
import Numerics
import Simulator
import Store

/// What the demo's HTML report plots, read from the database (and the mock survey's truth file).
/// Every point set is downsampled to at most `DemoReportData.pointLimit` entries, deterministically.
public struct DemoReportData: Sendable {
    /// Most points drawn in one plot.
    public static let pointLimit = 3000

    /// Labels of spectra beside reference (or true) labels: `predicted`/`reference` are N x L row-major,
    /// physical units (K, dex); `snr` N entries (S/N_g); `marked` N flags (held-out members).
    public struct Pairs: Sendable {
        public var predicted: [Double] = []
        public var reference: [Double] = []
        public var snr: [Double] = []
        public var marked: [Bool] = []
        /// Number of spectra, N.
        public var count: Int { snr.count }
    }

    /// Per-pixel hyperparameters and CV MSE of the model (`model_pixel`), P entries each.
    public struct Pixels: Sendable {
        /// Wavelength (Angstrom), C, epsilon (standardised flux), gamma (1 / standardised label units^2),
        /// CV MSE (standardised flux^2), in pixel order.
        public var wavelength: [Double] = [], c: [Double] = [], epsilon: [Double] = [], gamma: [Double] = [], cvMSE: [Double] = []
    }

    /// One preprocessed spectrum with the model at its SLAM labels, P entries each.
    public struct Example: Sendable {
        /// The spectrum's obsid.
        public var obsid: Int64
        /// Its S/N_g.
        public var snr: Double
        /// Its SLAM labels, L entries, physical units.
        public var labels: [Double]
        /// Model-pixel wavelengths, Angstrom (pixel indices when `model_pixel` is empty).
        public var wavelength: [Double]
        /// Normalised flux; bad pixels (ivar 0) are NaN.
        public var flux: [Double]
        /// The model spectrum at `labels`, normalised flux.
        public var model: [Double]
    }

    /// Label names of the model, L entries.
    public var labelNames: [String]
    /// Training-set members: their cross-validated labels (each predicted by the model trained without
    /// its fold) and the held-out members' labels from the final model (`marked`), against their
    /// reference labels (`model_validation_prediction`).
    public var members: Pairs
    /// Predicted spectra against the mock survey's true labels, for those whose true labels lie inside the
    /// training set's label ranges (empty without a truth file).
    public var truth: Pairs
    /// The predicted catalogue: N x L labels and N S/N_g.
    public var catalogue: Pairs
    /// Per-pixel hyperparameters and CV MSE.
    public var pixels: Pixels
    /// The example spectrum; nil when no converged prediction has a preprocessed spectrum.
    public var example: Example?
    /// The machine the report was made on.
    public var machine: DemoMachine
    /// Inline SVG drawings (`FitPlot`) of example fits: the spectra with S/N_g closest to 100 and to 20.
    public var exampleFits: [String] = []
    /// The model's error calibration from repeat pairs (`ErrorCalibrationReport`), as text.
    public var calibration: String = ""

    /// Reads everything for model `modelID`; `truthFile` is the mock survey's `truth.csv` (skipped when absent).
    public static func load(modelID: Int, truthFile: URL?, db: PostgresConnection, models: ModelStore = ModelStore()) throws -> DemoReportData {
        guard let names = try db.query("SELECT label_names FROM model WHERE model_id = $1", [modelID]).first?.decode([String].self, at: 0) else {
            throw PredictionError.unknownModel(String(modelID))
        }
        var members = Pairs()
        for r in try db.query("""
            SELECT labels, reference, snrg, kind = 'held_out'
            FROM model_validation_prediction WHERE model_id = $1 ORDER BY obsid
            """, [modelID]).rows {
            members.predicted += try r.decode([Float].self, at: 0).map(Double.init)
            members.reference += try r.decode([Float].self, at: 1).map(Double.init)
            members.snr.append(Double(try r.decode(Float?.self, at: 2) ?? .nan))
            members.marked.append(try r.decode(Bool.self, at: 3))
        }
        var catalogue = Pairs()
        var obsids: [Int64] = []
        for r in try db.query("""
            SELECT p.obsid, p.labels, s.snrg FROM prediction p JOIN lamost_spectrum s USING (obsid)
            WHERE p.model_id = $1 ORDER BY p.obsid
            """, [modelID]).rows {
            obsids.append(try r.decode(Int64.self, at: 0))
            catalogue.predicted += try r.decode([Float].self, at: 1).map(Double.init)
            catalogue.snr.append(Double(try r.decode(Float?.self, at: 2) ?? .nan))
            catalogue.marked.append(false)
        }
        var truth = Pairs()
        if let truthFile, FileManager.default.fileExists(atPath: truthFile.path) {
            let table = try CatalogueTable.readCSV(url: truthFile)
            var byObsid: [Int64: [Double]] = [:]
            if let ids = table.int64s("obsid") {
                let columns = names.map { table.doubles($0) }
                for (i, id) in ids.enumerated() {
                    guard let id else { continue }
                    byObsid[id] = columns.map { ($0?[i] ?? nil) ?? .nan }
                }
            }
            // Only spectra whose true labels lie inside the training set's label ranges, as in `DemoEvaluation`.
            let l = names.count
            var lo = [Double](repeating: .infinity, count: l), hi = [Double](repeating: -.infinity, count: l)
            for (k, v) in members.reference.enumerated() { lo[k % l] = min(lo[k % l], v); hi[k % l] = max(hi[k % l], v) }
            for (i, id) in obsids.enumerated() {
                guard let t = byObsid[id], (0..<l).allSatisfy({ t[$0] >= lo[$0] && t[$0] <= hi[$0] }) else { continue }
                truth.predicted += catalogue.predicted[(i * l)..<((i + 1) * l)]
                truth.reference += t
                truth.snr.append(catalogue.snr[i])
                truth.marked.append(false)
            }
        }
        var data = DemoReportData(labelNames: names, members: members.sampled(labels: names.count), truth: truth.sampled(labels: names.count),
                                  catalogue: catalogue.sampled(labels: names.count), pixels: try loadPixels(modelID: modelID, db: db),
                                  example: try loadExample(modelID: modelID, db: db, models: models), machine: DemoMachine.current())
        data.exampleFits = try loadExampleFits(modelID: modelID, db: db, models: models)
        data.calibration = try ErrorCalibrationReport.load(modelID: modelID, db: db)
        return data
    }

    /// `FitPlot` drawings of the converged predictions with S/N_g closest to 100 and to 20.
    static func loadExampleFits(modelID: Int, db: PostgresConnection, models: ModelStore) throws -> [String] {
        var drawings: [String] = []
        var seen = Set<Int64>()
        for target in [100.0, 20.0] {
            guard let obsid = try db.query("""
                SELECT p.obsid FROM prediction p JOIN lamost_spectrum s USING (obsid)
                WHERE p.model_id = $1 AND s.snrg IS NOT NULL AND p.status LIKE 'converged%'
                ORDER BY abs(s.snrg - $2), p.obsid LIMIT 1
                """, [modelID, target]).first?.decode(Int64.self, at: 0), seen.insert(obsid).inserted else { continue }
            let plot = try FitPlotData.load(obsid: obsid, modelID: modelID, db: db, models: models)
            drawings.append(FitPlot.svg(plot, standalone: false))
        }
        return drawings
    }

    static func loadPixels(modelID: Int, db: PostgresConnection) throws -> Pixels {
        var pixels = Pixels()
        for r in try db.query("SELECT wavelength, c, epsilon, gamma, cv_mse FROM model_pixel WHERE model_id = $1 ORDER BY pixel", [modelID]).rows {
            pixels.wavelength.append(try r.decode(Double.self, at: 0))
            pixels.c.append(try r.decode(Double.self, at: 1))
            pixels.epsilon.append(try r.decode(Double.self, at: 2))
            pixels.gamma.append(try r.decode(Double.self, at: 3))
            pixels.cvMSE.append(try r.decode(Double.self, at: 4))
        }
        return pixels
    }

    /// The predicted spectrum with S/N_g closest to 100, with the model spectrum at its SLAM labels.
    static func loadExample(modelID: Int, db: PostgresConnection, models: ModelStore) throws -> Example? {
        let loaded = try models.load(modelID, db: db)
        guard let r = try db.query("""
            SELECT p.obsid, p.labels, s.snrg, sp.flux, sp.ivar
            FROM prediction p JOIN lamost_spectrum s USING (obsid)
            JOIN spectrum_preprocessed sp ON sp.obsid = p.obsid AND sp.preprocessing_id = $2
            WHERE p.model_id = $1 AND s.snrg IS NOT NULL AND p.status LIKE 'converged%'
            ORDER BY abs(s.snrg - 100), p.obsid LIMIT 1
            """, [modelID, loaded.preprocessingID]).first else { return nil }
        let labels = try r.decode([Float].self, at: 1).map(Double.init)
        let flux = try r.decode([Float].self, at: 3), ivar = try r.decode([Float].self, at: 4)
        let model = try SLAMPredictor(model: loaded.model).modelSpectrum(labels: labels)
        guard flux.count == model.count, ivar.count == model.count else { return nil }
        let pixels = try loadPixels(modelID: modelID, db: db)
        let wavelength = pixels.wavelength.count == model.count ? pixels.wavelength : model.indices.map(Double.init)
        return Example(obsid: try r.decode(Int64.self, at: 0), snr: Double(try r.decode(Float.self, at: 2)), labels: labels,
                       wavelength: wavelength, flux: zip(flux, ivar).map { $1 > 0 ? Double($0) : .nan }, model: model)
    }
}

extension DemoReportData.Pairs {
    /// At most `DemoReportData.pointLimit` of the entries, evenly spaced; `labels` is L.
    func sampled(labels l: Int) -> Self {
        let keep = SVGPlot.sampleIndices(count: count, limit: DemoReportData.pointLimit)
        guard keep.count < count else { return self }
        var out = Self()
        for i in keep {
            out.predicted += predicted[(i * l)..<((i + 1) * l)]
            if !reference.isEmpty { out.reference += reference[(i * l)..<((i + 1) * l)] }
            out.snr.append(snr[i])
            out.marked.append(marked[i])
        }
        return out
    }

    /// Column `j` of the predicted labels.
    func predicted(_ j: Int, labels l: Int) -> [Double] { (0..<count).map { predicted[$0 * l + j] } }
    /// Column `j` of the reference labels.
    func reference(_ j: Int, labels l: Int) -> [Double] { (0..<count).map { reference[$0 * l + j] } }
}
