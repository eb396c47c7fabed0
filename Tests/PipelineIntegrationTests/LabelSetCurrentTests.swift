import Foundation
import Pipeline
import Store
import Testing

/// Models trained on different label sets coexist (issue 10): each label set has its own current model,
/// `labels_current` has one row per star and label set, and the promotion rule compares models of the
/// same label set with the same labels only. Also the second application in miniature: a model trained on
/// noisy catalogue labels recovers the truth within its cross-validated scatter.
@Suite("Label sets and current labels") struct LabelSetCurrentTests {
    /// Deterministic noise in [-1, 1] * sqrt(3) (unit variance, uniform), from an integer.
    static func noise(_ k: Int, _ stream: Int) -> Double {
        var x = UInt64(k) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(stream) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31; x = x &* 0x94D0_49BB_1331_11EB; x ^= x >> 29
        return (Double(x % 1_000_000) / 999_999 * 2 - 1) * 3.0.squareRoot()
    }

    /// A catalogue `name` of obsids `obsids` with labels teff, logg: the tiny world's truth plus noise.
    static func noisyCatalogue(_ db: PostgresConnection, name: String, obsids: ClosedRange<Int64>,
                               teffSigma: Double, loggSigma: Double) throws {
        var text = "obsid,teff,teff_err,logg,logg_err\n"
        for obsid in obsids {
            let (teff, logg) = TinyModelWorld.labels(Int(obsid))
            text += "\(obsid),\(teff + teffSigma * noise(Int(obsid), 1)),\(teffSigma),\(logg + loggSigma * noise(Int(obsid), 2)),\(loggSigma)\n"
        }
        let path = try LabelCatalogueLoaderTests.write(text)
        let mapping = LabelTableMapping(obsidColumn: "obsid", labels: [.init(name: "teff", column: "teff", error: "teff_err"),
                                                                       .init(name: "logg", column: "logg", error: "logg_err")])
        _ = try LabelCatalogueLoader(name: name, kind: .table, mapping: mapping).load(path: path, connection: db)
    }

    static func trainFromCatalogue(_ db: PostgresConnection, source: String, labels: [String] = ["teff", "logg"]) throws -> Int {
        let criteria = CatalogueTrainingSetCriteria(source: source, labels: labels, snrgMinimum: 0, validationFraction: 0)
        let report = try CatalogueTrainingSetBuilder().create(name: source + "-set", criteria: criteria, connection: db)
        return try ModelTrainer(settings: TinyModelWorld.settings, logger: TinyModelWorld.quietLogger())
            .train(trainingSet: "\(report.name)@\(report.version)", connection: db).modelID
    }

    @Test func twoLabelSetsWithPromotedModelsGiveTwoCurrentLabelsPerStar() async throws {
        try await FreshDatabase.run { db throws in
            let first = try TinyModelWorld.trainedModel(db)          // label set tiny-labels, spectra 1...40
            try ModelRegistry().promote(first, db: db)
            try Self.noisyCatalogue(db, name: "lasp-tiny", obsids: 1...30, teffSigma: 30, loggSigma: 0.05)
            let second = try Self.trainFromCatalogue(db, source: "lasp-tiny")
            #expect(try ModelRegistry().promoteIfNoWorse(second, db: db).promoted)   // first of its label set
            _ = try SpectrumPredictor().predict(modelID: first, obsids: Array(31...40), db: db)
            _ = try SpectrumPredictor().predict(modelID: second, obsids: Array(31...40), db: db)

            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM labels_current") == 20)
            let perStar = try db.query("""
                SELECT obsid, count(DISTINCT label_set) FROM labels_current GROUP BY obsid
                """).rows.map { try $0.decode(Int.self, at: 1) }
            #expect(perStar == Array(repeating: 2, count: 10))
            // Unambiguous: one value per star for a label set and label.
            #expect(try TinyModelWorld.count(db, """
                SELECT count(*) FROM labels_current_long WHERE label_set = 'lasp-tiny' AND label = 'teff'
                """) == 10)
            let units = try db.query("SELECT DISTINCT label || ':' || unit FROM labels_current_long ORDER BY 1").rows.map {
                try $0.decode(String.self, at: 0)
            }
            #expect(units == ["logg:dex", "teff:K"])
            let sets = try db.query("SELECT label_set, catalogue, model_id FROM label_set_current ORDER BY label_set").rows.map {
                "\(try $0.decode(String.self, at: 0)):\(try $0.decode(String?.self, at: 1) ?? "-"):\(try $0.decode(Int.self, at: 2))"
            }
            #expect(sets == ["lasp-tiny:lasp-tiny:\(second)", "tiny-labels:-:\(first)"])
            #expect(try ModelRegistry().resolve("current", labelSet: "lasp-tiny", db: db) == second)
        }
    }

    @Test func promotionRuleComparesOnlyModelsWithTheSameLabels() async throws {
        try await FreshDatabase.run { db throws in
            _ = try TinyModelWorld.spectra(db, first: 1, count: 30)
            try Self.noisyCatalogue(db, name: "cat", obsids: 1...30, teffSigma: 30, loggSigma: 0.05)
            let both = try Self.trainFromCatalogue(db, source: "cat")
            try ModelRegistry().promote(both, db: db)
            let teffOnly = try Self.trainFromCatalogue(db, source: "cat", labels: ["teff"])
            let decision = try ModelRegistry().promoteIfNoWorse(teffOnly, db: db)
            #expect(!decision.promoted)
            #expect(decision.reasons["decision"]?.contains("differ") == true)
            #expect(try ModelRegistry().resolve("current", labelSet: "cat", db: db) == both)
        }
    }

    @Test func catalogueTrainedModelRecoversTheTruthWithinItsCrossValidatedScatter() async throws {
        try await FreshDatabase.run { db throws in
            _ = try TinyModelWorld.spectra(db, first: 1, count: 60)
            try Self.noisyCatalogue(db, name: "lasp-mock", obsids: 1...40, teffSigma: 80, loggSigma: 0.12)
            let model = try Self.trainFromCatalogue(db, source: "lasp-mock")
            _ = try SpectrumPredictor().predict(modelID: model, obsids: Array(41...60), db: db)
            var dTeff: [Double] = [], dLogg: [Double] = []
            for row in try db.query("SELECT obsid, labels FROM prediction WHERE model_id = $1", [model]).rows {
                let (teff, logg) = TinyModelWorld.labels(Int(try row.decode(Int64.self, at: 0)))
                let labels = try row.decode([Float].self, at: 1)
                dTeff.append(Double(labels[0]) - teff)
                dLogg.append(Double(labels[1]) - logg)
            }
            #expect(dTeff.count == 20)
            func rms(_ x: [Double]) -> Double { (x.map { $0 * $0 }.reduce(0, +) / Double(x.count)).squareRoot() }
            let cv = try db.query("""
                SELECT label, scatter FROM model_precision WHERE model_id = $1 AND scope = 'all'
                """, [model]).rows.reduce(into: [String: Double]()) { $0[try $1.decode(String.self, at: 0)] = try $1.decode(Double.self, at: 1) }
            let cvTeff = try #require(cv["teff"]), cvLogg = try #require(cv["logg"])
            #expect(cvTeff > 40)   // the catalogue's own noise is in the cross-validated scatter
            #expect(rms(dTeff) < cvTeff)
            #expect(rms(dLogg) < cvLogg)
        }
    }
}
