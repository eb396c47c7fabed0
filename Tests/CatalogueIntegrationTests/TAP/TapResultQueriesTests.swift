import Catalogue
import Foundation
import Store
import StoreTestSupport
import Testing

/// The stored results of asynchronous TAP jobs (`tap_result_chunk`).
@Suite("TAP result queries")
struct TapResultQueriesTests {
    @Test func chunksComeBackInOrderOneAtATime() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let id = try TapJobQueries.create(parameters: [:], upload: nil, destruction: Date(timeIntervalSince1970: 1_900_000_000),
                                                  executionDuration: 0, owner: nil, db: db).id
                let document = (0..<2_500).map { UInt8($0 % 251) }
                // Written out of order, with a gap in the numbering: read back by seq.
                try TapResultQueries.appendChunk(id: id, seq: 5, data: Array(document[2_000...]), db: db)
                try TapResultQueries.appendChunk(id: id, seq: 0, data: Array(document[..<1_000]), db: db)
                try TapResultQueries.appendChunk(id: id, seq: 1, data: Array(document[1_000..<2_000]), db: db)
                var read: [[UInt8]] = []
                #expect(try TapResultQueries.chunks(id: id, db: db) { read.append($0) } == 3)
                #expect(read.map(\.count) == [1_000, 1_000, 500])
                #expect(read.flatMap { $0 } == document)
                #expect(try TapResultQueries.chunk(id: id, seq: 1, db: db) == Array(document[1_000..<2_000]))
                #expect(try TapResultQueries.chunk(id: id, seq: 2, db: db) == nil)
                #expect(try TapResultQueries.resultBytes(id: id, db: db) == 2_500)

                // A chunk written twice, or for a job that is gone, is refused.
                let duplicate = #expect(throws: PostgresError.self) { try TapResultQueries.appendChunk(id: id, seq: 0, data: [9], db: db) }
                #expect(duplicate?.sqlState == "23505")
                let orphan = #expect(throws: PostgresError.self) { try TapResultQueries.appendChunk(id: "nosuchjob0000000", seq: 0, data: [9], db: db) }
                #expect(orphan?.sqlState == "23503")

                #expect(try TapResultQueries.deleteResult(id: id, db: db) == 3)
                #expect(try TapResultQueries.chunks(id: id, db: db) { _ in Issue.record("no chunk expected") } == 0)
                #expect(try TapResultQueries.resultBytes(id: id, db: db) == 0)
                #expect(try TapJobQueries.job(id: id, db: db) != nil)
            }
        }
    }
}
