import Catalogue
import Store
import StoreTestSupport
import Testing

/// A model's `outside_training_set` decision: stored once (the first calibration stays), read back, its
/// recall recorded later; bit 12 is named in `flag_bits`.
@Suite struct OutsideTrainingSetQueriesTests {
    @Test func theFirstRuleStaysAndTheRecallIsRecordedLater() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db)
                #expect(try OutsideTrainingSetQueries.rule(modelID: model, db: db) == nil)
                #expect(try !OutsideTrainingSetQueries.recordRecall(modelID: model, recall: 0.9, note: "none yet", db: db))
                let first = OutsideTrainingSetRow(modelID: model, version: 1, rule: JSONB(#"{"bins": [], "statistics": ["reduced_chi2"]}"#),
                                                  insideSpectra: 40, insideFits: 200, falseFlagRate: 0.045, targetRate: 0.05, method: "m1")
                var second = first
                second.method = "m2"
                second.falseFlagRate = nil
                #expect(try OutsideTrainingSetQueries.insertIfAbsent(first, db: db))
                #expect(try !OutsideTrainingSetQueries.insertIfAbsent(second, db: db))
                var stored = try #require(try OutsideTrainingSetQueries.rule(modelID: model, db: db))
                #expect(stored.method == "m1" && stored.insideFits == 200 && stored.recall == nil)
                #expect(abs((stored.falseFlagRate ?? 0) - 0.045) < 1e-7 && stored.targetRate == Double(Float(0.05)))
                #expect(try stored.rule.decode([String: [String]].self)["statistics"] == ["reduced_chi2"])
                #expect(try OutsideTrainingSetQueries.recordRecall(modelID: model, recall: 0.75, note: "demo", db: db))
                stored = try #require(try OutsideTrainingSetQueries.rule(modelID: model, db: db))
                #expect(stored.recall == 0.75 && stored.recallNote == "demo")
                let name = try db.query("SELECT name FROM flag_bits WHERE bit = 12").rows.first.map { try $0.decode(String.self, at: 0) }
                #expect(name == "outside_training_set")
            }
        }
    }
}
