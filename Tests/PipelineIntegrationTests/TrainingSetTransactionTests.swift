import CatalogueTestSupport
@testable import Pipeline
import Queue
import Store
import Testing

/// The shared frame of the training-set builders: the set name is checked before any work, the body's
/// writes commit together or not at all, and failures come out as `TrainingSetError`.
@Suite struct TrainingSetTransactionTests {
    static let report = TrainingSetReport(trainingSetID: 1, name: "s", version: 1, crossmatchRunID: nil, candidates: 0, cuts: [],
                                          members: 0, heldOut: 0, labelSpans: [])

    static func sets(_ db: PostgresConnection) throws -> Int {
        try db.query("SELECT count(*) FROM training_set").first?.decode(Int.self, at: 0) ?? -1
    }

    @Test(arguments: ["", "-leading", ".x", "has space", "semi;colon", "ünïcode"])
    func anInvalidNameIsRefusedBeforeTheBodyRuns(_ name: String) async throws {
        try await FreshDatabase.run { db throws -> Void in
            #expect(throws: TrainingSetError.invalidName(name)) {
                _ = try TrainingSetTransaction.run(name: name, connection: db, fence: .unfenced) { _ in
                    Issue.record("the body ran for \(name)")
                    return Self.report
                }
            }
        }
    }

    @Test func aSucceedingBodyCommitsAndItsReportIsReturned() async throws {
        try await FreshDatabase.run { db throws -> Void in
            let report = try TrainingSetTransaction.run(name: "K_giants-2.v1", connection: db, fence: .unfenced) { db in
                try TestRows.trainingSet(db)
                return Self.report
            }
            #expect(report == Self.report)
            #expect(try Self.sets(db) == 1)
        }
    }

    @Test func aTrainingSetErrorFromTheBodyRollsBackAndPassesThrough() async throws {
        try await FreshDatabase.run { db throws -> Void in
            #expect(throws: TrainingSetError.noCompleteCrossmatch) {
                _ = try TrainingSetTransaction.run(name: "s", connection: db, fence: .unfenced) { db in
                    try TestRows.trainingSet(db)
                    throw TrainingSetError.noCompleteCrossmatch
                }
            }
            #expect(try Self.sets(db) == 0)
        }
    }

    @Test func aServerErrorRollsBackAndComesOutAsADatabaseError() async throws {
        try await FreshDatabase.run { db throws -> Void in
            let error = #expect(throws: TrainingSetError.self) {
                _ = try TrainingSetTransaction.run(name: "s", connection: db, fence: .unfenced) { db in
                    try TestRows.trainingSet(db)
                    try TestRows.trainingSet(db, version: 1)  // the same name and version again: unique violation
                    return Self.report
                }
            }
            guard case let .database(postgres) = error else { Issue.record("\(String(describing: error))"); return }
            #expect(postgres.sqlState == "23505")
            #expect(try Self.sets(db) == 0)
        }
    }
}
