import Catalogue
import CatalogueTestSupport
import Foundation
import Store
import StoreTestSupport
import Testing

/// The `model` row's life: inserted `training`, made `ready` with its blob, failed, retired, listed.
@Suite("Model queries")
struct ModelQueriesTests {
    @Test func aModelIsInsertedTrainingAndMadeReadyOnce() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db)
                try TestRows.spectrum(db, obsid: 1, snrg: 50, objectClass: "STAR")
                try TestRows.preprocessedSpectrum(db, obsid: 1, preprocessingID: pp)
                let set = try CatalogueWorld.trainingSet(db, obsids: [1], preprocessingID: pp)
                let id = try TestRows.model(db, trainingSetID: set, preprocessingID: pp)
                #expect(try ModelQueries.model(id: id, db: db)?.status == .training)
                #expect(try ModelQueries.exists(id: id, db: db))
                #expect(try !ModelQueries.exists(id: id + 1, db: db))
                #expect(try ModelQueries.model(id: id + 1, db: db) == nil)

                let blob: [UInt8] = Array(0..<10)
                try ModelBlobQueries.write(modelID: id, blob: blob, chunkBytes: 3, db: db)
                #expect(try ModelBlobQueries.blob(modelID: id, db: db) == blob)
                #expect(try ModelQueries.markReady(id: id, blobBytes: 10, blobSHA256: SHA256Digest.hex(blob),
                                                   crossValidationMetrics: JSONB(encoding: [String: Int]()), timings: JSONB(encoding: [String: Int]()), db: db))
                #expect(try !ModelQueries.markReady(id: id, blobBytes: 10, blobSHA256: SHA256Digest.hex(blob),
                                                    crossValidationMetrics: JSONB(encoding: [String: Int]()), timings: JSONB(encoding: [String: Int]()), db: db))
                let row = try #require(try ModelQueries.model(id: id, db: db))
                #expect(row.status == .ready && row.labelNames == ["teff", "logg"] && row.preprocessingID == pp)
                #expect(row.blobSHA256 == SHA256Digest.hex(blob))
                #expect(try ModelQueries.modelLocked(id: id, db: db) == row)
            }
        }
    }

    @Test func abandonedTrainingOfAJobIsFailedAndOnlyReadyOrFailedModelsRetire() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (ready, pp, set) = try CatalogueWorld.readyModel(db)
                let abandoned = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, trainJobID: 42)
                let other = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, trainJobID: 43)
                #expect(try ModelQueries.failAbandoned(trainJobID: 42, db: db) == 1)
                #expect(try ModelQueries.model(id: abandoned, db: db)?.status == .failed)
                #expect(try ModelQueries.model(id: other, db: db)?.status == .training)
                try ModelQueries.markFailed(id: other, error: "boom", db: db)
                #expect(try ModelQueries.model(id: other, db: db)?.status == .failed)

                #expect(try ModelQueries.retire(id: ready, db: db))
                #expect(try !ModelQueries.retire(id: ready, db: db))
                #expect(try ModelQueries.retire(id: other, db: db))
                let training = try TestRows.model(db, trainingSetID: set, preprocessingID: pp)
                #expect(try !ModelQueries.retire(id: training, db: db))

                let list = try ModelQueries.list(db: db)
                #expect(list.map(\.modelID) == [ready, abandoned, other, training])
                #expect(list.map(\.status) == [.retired, .failed, .retired, .training])
                #expect(list.allSatisfy { $0.trainingSet == "set@1" && !$0.isCurrent && $0.scatter == [nil, nil] })
                // Retired still counts as trained: its settings are reused.
                #expect(try ModelQueries.latestSettings(trainingSetName: "set", db: db) == #"{"c": 1}"#)
                #expect(try ModelQueries.latestSettings(trainingSetName: "other", db: db) == nil)
            }
        }
    }
}
