import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

@Suite("Label catalogue queries")
struct LabelCatalogueQueriesTests {
    @Test func aVersionIsWrittenFromStagedRowsAndRecorded() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try TestRows.spectrum(db, obsid: 7, ra: 50, dec: 10)
                let id = try db.transaction { db in
                    let version = try LabelCatalogueQueries.lockNextVersion(name: "seismic", db: db)
                    #expect(version == 1)
                    let id = try LabelCatalogueQueries.insert(
                        name: "seismic", version: version, kind: "table", keyKind: "obsid", labelNames: ["teff", "logg"],
                        labelUnits: ["K", "dex"], sourceFile: "/t.csv", fileSHA256: nil, mapping: JSONB("{}"), apogeeRelease: nil,
                        rows: 0, jobID: nil, db: db)
                    try LabelCatalogueQueries.createStaging(db: db)
                    try LabelCatalogueQueries.stage([
                        .init(referenceID: "7", obsid: 7, ra: nil, dec: nil, labels: [5000, 2.5], errors: [50, nil], snr: nil, flags: 0),
                        .init(referenceID: "8", obsid: 8, ra: nil, dec: nil, labels: [5100, nil], errors: [nil, nil], snr: 30, flags: 1),
                    ], db: db)
                    #expect(try LabelCatalogueQueries.insertStagedRows(catalogueID: id, db: db) == 2)
                    #expect(try LabelCatalogueQueries.matchedSpectra(catalogueID: id, byPosition: false, db: db) == 1)
                    try LabelCatalogueQueries.recordCompleteLoad(name: "seismic", kind: "table", sourceFile: "/t.csv", catalogueID: id,
                                                                 rows: 2, jobID: nil, db: db)
                    return id
                }
                #expect(try LabelCatalogueQueries.missingErrorCounts(catalogueID: id, db: db).map { [$0.index, $0.rows] } == [[1, 1], [2, 1]])
                try LabelCatalogueQueries.recordFailedLoad(name: "seismic", kind: "table", sourceFile: "/u.csv", error: "no teff column",
                                                           jobID: nil, db: db)
                let history = try LabelCatalogueQueries.loadHistory(limit: 5, db: db)
                #expect(history.map(\.status) == ["failed", "complete"])
                #expect(history.first?.error == "no teff column")
                #expect(history.last?.rows == 2)
                let found = try #require(try LabelCatalogueQueries.find(name: "seismic", version: nil, db: db))
                #expect(found.catalogueID == id && found.rows == 2 && found.labelNames == ["teff", "logg"])
                #expect(try LabelCatalogueQueries.find(name: "seismic", version: 2, db: db) == nil)
                #expect(try LabelCatalogueQueries.list(db: db).map(\.name) == ["seismic"])
                #expect(try LabelCatalogueQueries.names(db: db) == ["seismic"])
                #expect(try LabelCatalogueQueries.latestApogeeCatalogueID(release: "DR15", db: db) == nil)
                #expect(LabelCatalogueQueries.arrayLiteral([1.5, nil]) == "{1.5,NULL}")
            }
        }
    }
}
