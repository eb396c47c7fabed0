import Catalogue
import Store
import StoreTestSupport
import Testing

/// The export's snapshot, size and cursor.
@Suite("Catalogue export queries")
struct CatalogueExportQueriesTests {
    @Test func theCursorReadsTheFilteredPredictionsInChunks() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db)
                let settingsID = try #require(try PredictionSettingsQueries.settingsID(JSONB(encoding: ["loss": "l2"]), db: db))
                for obsid: Int64 in 1...4 { _ = try PredictionQueriesTests.stageOne(db, model: model, obsid: obsid, settingsID: settingsID) }
                let bright = SpectrumPredicate(comparisons: [.init(column: .snrg, op: .greater, value: .number(15))])
                let obsids = try db.transaction { db in
                    try CatalogueExportQueries.beginSnapshot(db: db)
                    let size = try CatalogueExportQueries.size(modelID: model, matching: bright, db: db)
                    #expect(size.rows == 3 && size.designationBytes == 2)
                    try CatalogueExportQueries.openCursor(modelID: model, matching: bright, db: db)
                    var obsids: [Int64] = []
                    while true {
                        let chunk = try CatalogueExportQueries.fetch(rows: 2, db: db)
                        if chunk.count == 0 { break }
                        obsids += try chunk.rows.map { try $0.decode(Int64.self, at: 0) }
                    }
                    try CatalogueExportQueries.closeCursor(db: db)
                    return obsids
                }
                #expect(obsids == [2, 3, 4])
            }
        }
    }
}
