import Foundation
import Pipeline
import SLAMNumerics
import Simulator
import Store
import Testing

/// On a small mock survey with many repeat visits, run the whole pipeline (ingest, crossmatch, training
/// set, train, predict, calibrate) and compare the published (calibrated) errors with the truth: the
/// pulls (SLAM - truth) / calibrated error must have a spread near 1 for every label, where the formal
/// errors alone are too optimistic.
@Suite("Calibrated errors on a mock survey", .serialized)
struct CalibratedErrorsMockSurveyTests {
    @Test func calibratedErrorsHaveUnitPullSpreadAgainstTheTruth() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let survey = try MockSurvey(configuration: MockSurveyConfiguration(
            stars: 320, seed: 11, population: .giants, snrRange: 20...250, repeatFraction: 0.6, includeLASP: false))
        _ = try await survey.write(to: dir, workers: 2)
        var truthTable: [Int64: StellarLabels] = [:]
        for o in survey.observations { truthTable[o.obsid] = survey.star(of: o).labels }
        let truth = truthTable
        let files = try IngestFileList.expand([dir.appendingPathComponent(MockSurvey.spectraFolder).path])
        let allStar = dir.appendingPathComponent(MockSurvey.allStarFile).path

        let result = try await FreshDatabase.run { db -> (pulls: [String: (formal: Double, calibrated: Double, count: Int)], pairs: Int, rows: [ErrorCalibrationSummary.Row]) in
            _ = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2).ingest(paths: files, connection: db)
            _ = try ApogeeIngestor().load(path: allStar, connection: db)
            _ = try CrossmatchRunner().run(CrossmatchParameters(), connection: db)
            _ = try TrainingSetBuilder().create(name: "pulls", criteria: TrainingSetCriteria(seed: 11), connection: db)
            let model = try ModelTrainer(settings: ModelTrainingSettings(hyperparameters: .fixed(c: 4, epsilon: 0.05, gamma: 0.1), validationFolds: 3, seed: 11),
                                         logger: TinyModelWorld.quietLogger()).train(trainingSet: "pulls", connection: db).modelID
            let obsids = try db.query("SELECT obsid FROM spectrum_preprocessed ORDER BY obsid").rows.map { try $0.decode(Int64.self, at: 0) }
            _ = try SpectrumPredictor().predict(modelID: model, obsids: obsids, db: db)
            let summary = try ErrorCalibrator().calibrate(modelID: model, db: db)

            // Pulls against the truth, for spectra whose true labels lie in the training ranges (where the
            // model is meant to be used), whose fit did not run away, and that the final model was not
            // trained on (its own training spectra fit better than the catalogue's).
            let names = try db.query("SELECT label_names FROM model WHERE model_id = $1", [model]).first!.decode([String].self, at: 0)
            var lo = [Double](repeating: .infinity, count: names.count), hi = [Double](repeating: -.infinity, count: names.count)
            for r in try db.query("SELECT m.labels FROM training_set_member m JOIN model USING (training_set_id) WHERE model_id = $1", [model]).rows {
                let labels = try r.decode([Float].self, at: 0)
                for j in names.indices { lo[j] = min(lo[j], Double(labels[j])); hi[j] = max(hi[j], Double(labels[j])) }
            }
            var formalPulls = [[Double]](repeating: [], count: names.count), calibratedPulls = formalPulls
            for r in try db.query("""
                SELECT pr.obsid, pr.labels, pr.formal_errors, pr.calibrated_errors FROM prediction pr JOIN model m USING (model_id)
                WHERE pr.model_id = $1 AND pr.flags & 32 = 0
                  AND NOT EXISTS (SELECT 1 FROM training_set_member t WHERE t.training_set_id = m.training_set_id
                                  AND t.obsid = pr.obsid AND NOT t.held_out)
                """, [model]).rows {
                guard let t = truth[try r.decode(Int64.self, at: 0)] else { continue }
                let values = names.map { Self.value(t, $0) }
                guard names.indices.allSatisfy({ values[$0] >= lo[$0] && values[$0] <= hi[$0] }) else { continue }
                let labels = try r.decode([Float].self, at: 1), formal = try r.decode([Float].self, at: 2)
                let calibrated = try r.decode([Float].self, at: 3)
                for j in names.indices {
                    let d = Double(labels[j]) - values[j]
                    formalPulls[j].append(d / Double(formal[j]))
                    calibratedPulls[j].append(d / Double(calibrated[j]))
                }
            }
            var pulls: [String: (Double, Double, Int)] = [:]
            for (j, name) in names.enumerated() {
                pulls[name] = (RepeatPairCalibration.robustSpread(formalPulls[j]) ?? .nan,
                               RepeatPairCalibration.robustSpread(calibratedPulls[j]) ?? .nan, calibratedPulls[j].count)
            }
            return (pulls, summary.pairs, summary.rows)
        }
        #expect(result.pairs >= 60, "only \(result.pairs) repeat pairs")
        for (name, p) in result.pulls.sorted(by: { $0.key < $1.key }) {
            let rows = result.rows.filter { $0.label == name }.map { String(format: "%.0f-%.0f: %.2f/%.3g", $0.snrMin, $0.snrMax, $0.inflation, $0.floor) }
            print("pulls \(name): formal \(p.formal), calibrated \(p.calibrated) over \(p.count); \(rows.joined(separator: ", "))")
            #expect(p.count >= 50)
            #expect(p.calibrated >= 0.8 && p.calibrated <= 1.25, "\(name): calibrated pull spread \(p.calibrated) (formal \(p.formal))")
        }
    }

    static func value(_ labels: StellarLabels, _ name: String) -> Double {
        switch name {
        case "teff": labels.teff
        case "logg": labels.logg
        case "m_h", "feh": labels.mH
        case "alpha_m": labels.alphaM
        case "c_m": labels.cM
        case "n_m": labels.nM
        default: .nan
        }
    }
}
