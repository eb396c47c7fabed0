import Catalogue
import Foundation
import Store
import StoreTestSupport
import Testing

/// The asynchronous TAP jobs (`tap_job`): creation, UWS phase rules, list filters, destruction.
@Suite("TAP job queries")
struct TapJobQueriesTests {
    static let tomorrow = Date(timeIntervalSince1970: 1_900_000_000)

    /// A job driven to `phase` through allowed transitions only; returns its id.
    static func job(in phase: TapJobPhase, db: PostgresConnection) throws -> String {
        let id = try TapJobQueries.create(parameters: ["QUERY": "SELECT 1"], upload: nil, destruction: tomorrow,
                                          executionDuration: 60, owner: nil, db: db).id
        switch phase {
        case .pending: break
        case .queued: #expect(try TapJobQueries.setPhase(id: id, phase: .queued, db: db))
        case .executing:
            #expect(try TapJobQueries.setPhase(id: id, phase: .queued, db: db))
            #expect(try TapJobQueries.markExecuting(id: id, db: db))
        case .completed:
            #expect(try TapJobQueries.setPhase(id: id, phase: .queued, db: db))
            #expect(try TapJobQueries.markExecuting(id: id, db: db))
            #expect(try TapJobQueries.markCompleted(id: id, rows: 3, overflow: false, format: "text/csv", db: db))
        case .error: #expect(try TapJobQueries.markError(id: id, message: "bad", db: db))
        case .aborted: #expect(try TapJobQueries.markAborted(id: id, db: db))
        }
        #expect(try TapJobQueries.job(id: id, db: db)?.phase == phase)
        return id
    }

    @Test func aCreatedJobIsPendingWithItsParametersAndUpload() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let parameters = ["LANG": "ADQL", "QUERY": "SELECT TOP 5 * FROM slam.labels", "FORMAT": "votable", "RUNID": "rün 1"]
                let created = try TapJobQueries.create(parameters: parameters, upload: [0, 1, 2, 255], destruction: Self.tomorrow,
                                                       executionDuration: 600, owner: "alice", db: db)
                #expect(created.id.count == 22)
                #expect(created.id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
                #expect(created.phase == .pending && created.owner == "alice" && created.parameters == parameters)
                #expect(created.destruction == Self.tomorrow && created.executionDuration == 600 && created.uploadBytes == 4)
                #expect(created.startedAt == nil && created.endedAt == nil && created.resultRows == nil && !created.overflow)
                #expect(try TapJobQueries.job(id: created.id, db: db) == created)
                #expect(try TapJobQueries.upload(id: created.id, db: db) == [0, 1, 2, 255])
                #expect(try TapJobQueries.job(id: "nosuchjob0000000", db: db) == nil)

                let plain = try TapJobQueries.create(parameters: [:], upload: nil, destruction: Self.tomorrow, executionDuration: 0,
                                                     owner: nil, db: db)
                #expect(plain.parameters == [:] && plain.uploadBytes == nil && plain.owner == nil && plain.id != created.id)
                #expect(try TapJobQueries.upload(id: plain.id, db: db) == nil)

                // Uploads are capped by the table.
                let tooLarge = #expect(throws: PostgresError.self) { _ = try TapJobQueries.create(parameters: [:], upload: [UInt8](repeating: 0, count: TapJobQueries.maximumUploadBytes + 1),
                                                       destruction: Self.tomorrow, executionDuration: 0, owner: nil, db: db) }
                #expect(tooLarge?.sqlState == "23514")
            }
        }
    }

    /// Every (from, to) pair of phases: the change happens exactly when ``TapJobPhase/canMove(to:)`` allows it
    /// (the rule itself: `TapJobPhaseTests`).
    @Test func phaseChangesFollowTheUWSRulesOnly() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                for from in TapJobPhase.allCases {
                    for to in TapJobPhase.allCases {
                        let id = try Self.job(in: from, db: db)
                        let moved: Bool
                        switch to {
                        case .completed: moved = try TapJobQueries.markCompleted(id: id, rows: 7, overflow: true, format: "text/csv", db: db)
                        case .error: moved = try TapJobQueries.markError(id: id, message: "boom", db: db)
                        case .executing: moved = try TapJobQueries.markExecuting(id: id, db: db)
                        case .aborted: moved = try TapJobQueries.markAborted(id: id, db: db)
                        default: moved = try TapJobQueries.setPhase(id: id, phase: to, db: db)
                        }
                        #expect(moved == from.canMove(to: to), "\(from) -> \(to)")
                        let job = try #require(try TapJobQueries.job(id: id, db: db))
                        #expect(job.phase == (moved ? to : from), "\(from) -> \(to)")
                        if moved && to == .completed {
                            #expect(job.resultRows == 7 && job.overflow && job.resultFormat == "text/csv" && job.endedAt != nil)
                        }
                        if moved && to == .error { #expect(job.errorMessage == "boom" && job.endedAt != nil) }
                        if moved && to == .executing { #expect(job.startedAt != nil && job.endedAt == nil) }
                        if moved && to == .aborted { #expect(job.endedAt != nil) }
                    }
                }
                // COMPLETED and ERROR need their details: setPhase refuses them.
                let executing = try Self.job(in: .executing, db: db)
                #expect(try !TapJobQueries.setPhase(id: executing, phase: .completed, db: db))
                #expect(try !TapJobQueries.setPhase(id: executing, phase: .error, db: db))
                #expect(try !TapJobQueries.setPhase(id: "nosuchjob0000000", phase: .queued, db: db))
            }
        }
    }

    @Test func durationDestructionQuoteAndQueueJobAreSet() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let id = try Self.job(in: .pending, db: db)
                let later = Self.tomorrow.addingTimeInterval(86_400)
                #expect(try TapJobQueries.setExecutionDuration(id: id, seconds: 30, db: db))
                #expect(try TapJobQueries.setDestruction(id: id, destruction: later, db: db))
                #expect(try TapJobQueries.setQuote(id: id, quote: Self.tomorrow, db: db))
                #expect(try TapJobQueries.setPhase(id: id, phase: .queued, db: db))
                #expect(try TapJobQueries.setQueueJob(id: id, queueJobID: 42, db: db))
                // Once queued, the execution duration is fixed.
                #expect(try !TapJobQueries.setExecutionDuration(id: id, seconds: 90, db: db))
                let job = try #require(try TapJobQueries.job(id: id, db: db))
                #expect(job.executionDuration == 30 && job.destruction == later && job.quote == Self.tomorrow && job.queueJobID == 42)
                #expect(try TapJobQueries.setQuote(id: id, quote: nil, db: db))
                #expect(try TapJobQueries.job(id: id, db: db)?.quote == nil)
                let other = try Self.job(in: .pending, db: db)
                let negative = #expect(throws: PostgresError.self) { _ = try TapJobQueries.setExecutionDuration(id: other, seconds: -1, db: db) }
                #expect(negative?.sqlState == "23514")
            }
        }
    }

    /// UWS 1.1 list filters: PHASE (any of several), AFTER (created after), LAST (the most recent n), newest first.
    @Test func listFiltersByPhaseCreationTimeAndCount() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let a = try Self.job(in: .pending, db: db)
                let b = try Self.job(in: .executing, db: db)
                let c = try Self.job(in: .completed, db: db)
                let d = try Self.job(in: .pending, db: db)
                let base = Date(timeIntervalSince1970: 1_800_000_000)
                for (k, id) in [a, b, c, d].enumerated() {
                    try db.execute("UPDATE tap_job SET created_at = \(base.addingTimeInterval(Double(k) * 60)) WHERE uws_id = \(id)")
                }
                #expect(try TapJobQueries.list(db: db).map(\.id) == [d, c, b, a])
                #expect(try TapJobQueries.list(phase: [.pending], db: db).map(\.id) == [d, a])
                #expect(try TapJobQueries.list(phase: [.executing, .completed], db: db).map(\.id) == [c, b])
                #expect(try TapJobQueries.list(after: base.addingTimeInterval(60), db: db).map(\.id) == [d, c])
                #expect(try TapJobQueries.list(last: 2, db: db).map(\.id) == [d, c])
                #expect(try TapJobQueries.list(phase: [.pending], after: base.addingTimeInterval(-1), last: 1, db: db).map(\.id) == [d])
                #expect(try TapJobQueries.list(phase: [.aborted], db: db).isEmpty)
                #expect(try TapJobQueries.list(last: 0, db: db).isEmpty)
            }
        }
    }

    /// A job past its destruction time is listed as expired, and deleting the expired jobs deletes their
    /// result chunks too; other jobs and their chunks stay.
    @Test func expiryDeletesTheJobAndItsChunks() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let now = Date(timeIntervalSince1970: 1_850_000_000)
                let gone = try TapJobQueries.create(parameters: [:], upload: [1], destruction: now.addingTimeInterval(-1),
                                                    executionDuration: 0, owner: nil, db: db).id
                let edge = try TapJobQueries.create(parameters: [:], upload: nil, destruction: now,
                                                    executionDuration: 0, owner: nil, db: db).id
                let kept = try TapJobQueries.create(parameters: [:], upload: nil, destruction: now.addingTimeInterval(1),
                                                    executionDuration: 0, owner: nil, db: db).id
                for id in [gone, edge, kept] {
                    try TapResultQueries.appendChunk(id: id, seq: 0, data: [1, 2], db: db)
                    try TapResultQueries.appendChunk(id: id, seq: 1, data: [3], db: db)
                }
                #expect(try TapJobQueries.expired(now: now, db: db) == [gone, edge])
                #expect(try TapJobQueries.deleteExpired(now: now, db: db) == 2)
                #expect(try TapJobQueries.job(id: gone, db: db) == nil && TapJobQueries.job(id: edge, db: db) == nil)
                #expect(try TapResultQueries.chunk(id: gone, seq: 0, db: db) == nil)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM tap_result_chunk WHERE uws_id <> \(kept)") == 0)
                #expect(try TapResultQueries.chunk(id: kept, seq: 1, db: db) == [3])
                #expect(try TapJobQueries.expired(now: now, db: db) == [])
                // With the server's clock: the remaining job's destruction (2028) is still ahead... until it is moved.
                #expect(try TapJobQueries.deleteExpired(db: db) == 0)
                #expect(try TapJobQueries.setDestruction(id: kept, destruction: Date(timeIntervalSince1970: 0), db: db))
                #expect(try TapJobQueries.deleteExpired(db: db) == 1)
                #expect(try TapJobQueries.delete(id: kept, db: db) == false)
            }
        }
    }
}
