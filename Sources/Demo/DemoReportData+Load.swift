import Catalogue
import Formats
import Foundation
import Pipeline
import Report
import SLAMNumerics
import Store

extension DemoReportData {
    /// Reads everything for model `modelID` (queries: ``DemoReportQueries``); `truthFile` is the mock
    /// survey's `truth.csv` (skipped when absent). Every point set is downsampled to at most
    /// `DemoReportData.pointLimit` entries, deterministically.
    public static func load(modelID: Int, truthFile: URL?, db: PostgresConnection, models: ModelStore = ModelStore()) throws -> DemoReportData {
        guard let names = try ModelQueries.model(id: modelID, db: db)?.labelNames else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let members = try DemoReportQueries.validationPairs(modelID: modelID, db: db)
        let (obsids, catalogue) = try DemoReportQueries.predictedCatalogue(modelID: modelID, db: db)
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
            let support = DemoTrainingSupport(members: stride(from: 0, to: members.reference.count, by: l).map {
                Array(members.reference[$0..<min($0 + l, members.reference.count)])
            }, labelCount: l)
            for (i, id) in obsids.enumerated() {
                guard let t = byObsid[id], support.contains(t) else { continue }
                truth.predicted += catalogue.predicted[(i * l)..<((i + 1) * l)]
                truth.reference += t
                truth.snr.append(catalogue.snr[i])
                truth.marked.append(false)
            }
        }
        var data = DemoReportData(labelNames: names, members: members.sampled(labels: names.count), truth: truth.sampled(labels: names.count),
                                  catalogue: catalogue.sampled(labels: names.count), pixels: try DemoReportQueries.pixels(modelID: modelID, db: db),
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
            guard let obsid = try DemoReportQueries.convergedPrediction(modelID: modelID, nearestSNR: target, db: db),
                  seen.insert(obsid).inserted else { continue }
            let plot = try FitPlotData.load(obsid: obsid, modelID: modelID, db: db, models: models)
            drawings.append(FitPlot.svg(plot, standalone: false))
        }
        return drawings
    }

    /// The predicted spectrum with S/N_g closest to 100, with the model spectrum at its SLAM labels.
    static func loadExample(modelID: Int, db: PostgresConnection, models: ModelStore) throws -> Example? {
        let loaded = try models.load(modelID, db: db)
        guard let r = try DemoReportQueries.exampleSpectrum(modelID: modelID, preprocessingID: loaded.preprocessingID, db: db) else {
            return nil
        }
        let model = try SLAMPredictor(model: loaded.model).modelSpectrum(labels: r.labels)
        guard r.flux.count == model.count, r.ivar.count == model.count else { return nil }
        let pixels = try DemoReportQueries.pixels(modelID: modelID, db: db)
        let wavelength = pixels.wavelength.count == model.count ? pixels.wavelength : model.indices.map(Double.init)
        return Example(obsid: r.obsid, snr: r.snrg, labels: r.labels,
                       wavelength: wavelength, flux: zip(r.flux, r.ivar).map { $1 > 0 ? Double($0) : .nan }, model: model)
    }
}
