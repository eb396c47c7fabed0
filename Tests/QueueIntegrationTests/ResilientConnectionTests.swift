import Foundation
@testable import Queue
import Store
import StoreTestSupport
import Testing

/// A worker thread's connection survives the server dropping it (the body runs again on a new
/// session), gives up quietly once the worker stops, and passes other errors through.
@Suite("Resilient worker connection")
struct ResilientConnectionTests {
    /// Counts how often a body ran.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func bump() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    static func backendPID(_ connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT pg_backend_pid()::int8 AS pid").first?.decode(Int.self, "pid") ?? -1
    }

    @Test func aTerminatedSessionIsReplacedAndTheBodyRunsAgain() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            let (first, reused, afterKill, calls) = try await BlockingThread.run { () throws -> (Int, Int, Int?, Int) in
                let resilient = ResilientConnection(factory: factory, signal: WorkerSignal(), logger: TestDatabase.quietLogger, role: "test")
                let first = try resilient.perform { try Self.backendPID($0) } ?? -1
                let reused = try resilient.perform { try Self.backendPID($0) } ?? -1
                let admin = try factory.connect()
                try admin.execute("SELECT pg_terminate_backend($1::int4)", [first])
                var polls = 0  // until the session is gone
                while polls < 500, try admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1::int4", [first]).count > 0 {
                    polls += 1
                    Thread.sleep(forTimeInterval: 0.01)
                }
                let calls = Calls()
                let afterKill = try resilient.perform { connection in
                    calls.bump()
                    return try Self.backendPID(connection)
                }
                return (first, reused, afterKill, calls.count)
            }
            #expect(reused == first)
            let replacement = try #require(afterKill)
            #expect(replacement != first)
            #expect(calls == 2)  // the first try met the dead session, the second a new one
        }
    }

    @Test func droppingTheConnectionOpensANewSessionNextTime() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            let (first, second) = try await BlockingThread.run { () throws -> (Int?, Int?) in
                let resilient = ResilientConnection(factory: factory, signal: WorkerSignal(), logger: TestDatabase.quietLogger, role: "test")
                let first = try resilient.perform { try Self.backendPID($0) }
                resilient.drop()
                return (first, try resilient.perform { try Self.backendPID($0) })
            }
            #expect(first != nil && second != nil && first != second)
        }
    }

    @Test func aStoppedWorkerWithoutAConnectionDoesNotRunTheBody() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            let (stopAware, forced) = try await BlockingThread.run { () throws -> (Int?, Int?) in
                let signal = WorkerSignal()
                signal.stop()
                let resilient = ResilientConnection(factory: factory, signal: signal, logger: TestDatabase.quietLogger, role: "test")
                return (try resilient.perform { _ in 1 }, try resilient.perform(stopAware: false) { _ in 2 })
            }
            #expect(stopAware == nil)
            #expect(forced == 2)
        }
    }

    @Test func aStoppedWorkerStillUsesItsOpenConnectionToRecordOutcomes() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            let result = try await BlockingThread.run { () throws -> Int? in
                let signal = WorkerSignal()
                let resilient = ResilientConnection(factory: factory, signal: signal, logger: TestDatabase.quietLogger, role: "test")
                _ = try resilient.current()
                signal.stop()
                return try resilient.perform { _ in 7 }
            }
            #expect(result == 7)
        }
    }

    @Test func aStatementErrorIsRethrownWithoutRetrying() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            let (sqlState, calls) = try await BlockingThread.run { () throws -> (String?, Int) in
                let resilient = ResilientConnection(factory: factory, signal: WorkerSignal(), logger: TestDatabase.quietLogger, role: "test")
                let calls = Calls()
                do {
                    _ = try resilient.perform { connection in
                        calls.bump()
                        return try connection.execute("SELECT * FROM no_such_table")
                    }
                    return (nil, calls.count)
                } catch let error as PostgresError {
                    return (error.sqlState, calls.count)
                }
            }
            #expect(sqlState == "42P01")
            #expect(calls == 1)
        }
    }
}
