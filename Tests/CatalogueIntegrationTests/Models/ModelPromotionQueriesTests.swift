import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// Promotions make a model current for its label set; the rule function decides by scatter.
@Suite("Model promotion queries")
struct ModelPromotionQueriesTests {
    /// The registry's planner statistics follow promotions (migration 0028's trigger, as the tables' owner,
    /// whoever promotes), so queries of slam.labels are planned on the registry's real size.
    @Test func aPromotionRefreshesTheRegistrysStatistics() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (first, pp, set) = try CatalogueWorld.readyModel(db)
                let second = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, ready: true)
                try ModelPromotionQueries.insert(labelSet: "labels", modelID: first, previous: nil, decidedBy: "user",
                                                 reasons: JSONB("{}"), db: db)
                try ModelPromotionQueries.insert(labelSet: "labels", modelID: second, previous: first, decidedBy: "user",
                                                 reasons: JSONB("{}"), db: db)
                let sizes = try db.query("""
                    SELECT relname, reltuples::bigint FROM pg_class
                    WHERE relname IN ('model', 'model_promotion', 'training_set') AND relkind = 'r' ORDER BY relname
                    """).rows.map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(Int.self, at: 1))" }
                #expect(sizes == ["model=2", "model_promotion=2", "training_set=1"])
                let options = try db.query("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'model' AND relkind = 'r'")
                    .first?.decode(String.self, at: 0)
                #expect(options == "autovacuum_analyze_threshold=1,autovacuum_analyze_scale_factor=0")
            }
        }
    }

    @Test func aRecordedPromotionMakesTheModelCurrent() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (first, pp, set) = try CatalogueWorld.readyModel(db)
                let second = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, ready: true)
                #expect(try ModelPromotionQueries.currentModels(labelSet: "labels", db: db).isEmpty)
                try db.transaction { db in
                    try ModelPromotionQueries.lock(labelSet: "labels", db: db)
                    try ModelPromotionQueries.insert(labelSet: "labels", modelID: first, previous: nil, decidedBy: "user",
                                                     reasons: JSONB(encoding: ["why": "test"]), db: db)
                }
                #expect(try ModelPromotionQueries.currentModels(labelSet: "labels", db: db) == [first])
                try ModelPromotionQueries.insert(labelSet: "labels", modelID: second, previous: first, decidedBy: "user",
                                                 reasons: JSONB(encoding: [String: String]()), db: db)
                #expect(try ModelPromotionQueries.currentModels(labelSet: nil, db: db) == [second])
                #expect(try ModelPromotionQueries.currentModels(labelSet: "other", db: db).isEmpty)
                #expect(try ModelQueries.list(db: db).map(\.isCurrent) == [false, true])
                // The rule: a model with no precision rows over a current model; decided, not recorded.
                let decision = try #require(try ModelPromotionQueries.ruleDecision(modelID: first, tolerance: 1, db: db))
                #expect(decision.description.contains("promoted"))
            }
        }
    }
}
