import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// The scale benchmark's queries on a tiny database: two models of one label set (the second current), four
/// spectra around (10, 20) degrees, each query's exact answer.
@Suite("Scale benchmark queries")
struct ScaleBenchmarkQueriesTests {
    typealias Q = ScaleBenchmarkQueries
    static let names = ["teff", "logg", "m_h"]

    /// Spectra 1-4 at 0, 0.56 arcmin, 28 arcmin and 1.9 degrees east of (10, 20); predictions by both models:
    /// 1 a clean metal-poor giant, 2 a metal-poor dwarf, 3 a flagged (bit 0) metal-poor giant, 4 a solar giant.
    static func world(_ db: PostgresConnection) throws -> (old: Int, current: Int) {
        let pp = try TestRows.preprocessing(db)
        let ras = [10.0, 10.01, 10.5, 12]
        let labels: [[Float]] = [[4500, 2, -1.5], [5500, 4.5, -1.2], [4400, 2, -2], [4600, 2.2, 0]]
        let old = try TestRows.model(db, preprocessingID: pp, labelNames: names, ready: true)
        let current = try TestRows.model(db, preprocessingID: pp, labelNames: names, ready: true)
        for (k, ra) in ras.enumerated() {
            let obsid = Int64(k + 1)
            try TestRows.spectrum(db, obsid: obsid, ra: ra, dec: 20, designation: "J\(obsid)", objectClass: "STAR")
            for model in [old, current] {
                try TestRows.prediction(db, modelID: model, obsid: obsid, labels: labels[k], formalErrors: [40, 0.1, 0.05],
                                        flags: k == 2 ? 1 : 0)
            }
        }
        try ModelPromotionQueries.insert(labelSet: "labels", modelID: current, previous: nil, decidedBy: "user",
                                         reasons: JSONB(encoding: [String: String]()), db: db)
        return (old, current)
    }

    @Test func everyQueryAnswersExactly() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                _ = try Self.world(db)
                let inputs = Q.Inputs(obsids: [1, 4], designations: ["J1", "J4"], positions: [[10, 20], [12, 20]])
                let expected: [Q.Query: Int] = [.starByDesignation: 1, .cone1Arcminute: 2, .cone1Degree: 3, .metalPoorGiantsPage: 1,
                                                .countsByLabelSetAndFlag: 1, .labelsAcrossModels: 2]
                for query in Q.Query.allCases {
                    #expect(try Q.run(query, inputs: inputs, k: 0, db: db) == expected[query], "\(query.rawValue)")
                    let plan = try Q.explain(query, inputs: inputs, k: 0, db: db)
                    #expect(plan.contains { $0.contains("Execution Time") }, "\(query.rawValue)")
                }
                // Input 1 (spectrum 4): alone within 1 degree, one current row, two model versions.
                #expect(try Q.run(.cone1Degree, inputs: inputs, k: 1, db: db) == 1)
                #expect(try Q.run(.starByDesignation, inputs: inputs, k: 3, db: db) == 1)
                let rows = try db.query(Q.statement(.metalPoorGiantsPage, inputs: inputs, k: 0)).rows.map { try $0.decode(Int64.self, at: 0) }
                #expect(rows == [1])
            }
        }
    }

    /// What a stage wrote, counted by `xmin` against a mark taken before it: new rows and rewritten ones,
    /// in a partitioned table too; nothing before the mark.
    @Test func rowsWrittenSinceAMarkAreCounted() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                #expect(try Q.largestObsid(db: db) == 0)
                let (_, current) = try Self.world(db)
                #expect(try Q.largestObsid(db: db) == 4)
                let mark = try Q.transactionMark(db: db)
                #expect(try Q.rowsWritten(in: "lamost_spectrum", since: mark, db: db) == 0)
                #expect(try Q.rowsWritten(in: "prediction", since: mark, db: db) == 0)
                try TestRows.spectrum(db, obsid: 9, ra: 30, dec: 20, designation: "J9", objectClass: "STAR")
                try db.execute("UPDATE prediction SET flags = 2 WHERE model_id = \(current) AND obsid IN (1, 2)")
                #expect(try Q.rowsWritten(in: "lamost_spectrum", since: mark, db: db) == 1)
                #expect(try Q.rowsWritten(in: "prediction", since: mark, db: db) == 2)
                #expect(try Q.largestObsid(db: db) == 9)
                #expect(try Q.rowsWritten(in: "prediction", since: try Q.transactionMark(db: db), db: db) == 0)
            }
        }
    }

    @Test func inputsAreDrawnFromTheSpectraAndSizesCoverTheTables() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                _ = try Self.world(db)
                let three = try Q.sampleInputs(count: 3, seed: 0.5, db: db)
                #expect(three.count == 3 && Set(three.obsids).count == 3)
                #expect(three == (try Q.sampleInputs(count: 3, seed: 0.5, db: db)))
                for (k, obsid) in three.obsids.enumerated() {
                    #expect(three.designations[k] == "J\(obsid)" && three.positions[k][1] == 20)
                }
                #expect(Set(try Q.sampleInputs(count: 10, seed: 0.1, db: db).obsids) == [1, 2, 3, 4])

                try Q.analyse(["lamost_spectrum", "prediction"], db: db)
                let sizes = try Q.tableSizes(db: db)
                let spectra = try #require(sizes.first { $0.table == "lamost_spectrum" })
                #expect(spectra.heapBytes > 0 && spectra.indexBytes > 0)
                #expect(sizes.contains { $0.table == "job" })
                // The partitions of prediction (one per model, migration 0035) count as prediction.
                let predictions = try #require(sizes.first { $0.table == "prediction" })
                #expect(predictions.heapBytes > 0 && predictions.indexBytes > 0)
                #expect(!sizes.contains { $0.table.hasPrefix("prediction_m") })
                #expect(try Q.backendProcessID(db: db) > 0)
            }
        }
    }
}
