import Foundation
import Store
import StoreTestSupport
import Testing

@Suite("Notifications, reconnects and unreachable servers")
struct ConnectionLifecycleTests {
    @Test func listenReceivesNotify() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            try await db.withConnection { listener in
                try listener.listen("slam_test_channel")
                let sender = try factory.connect()
                try sender.notify("slam_test_channel", payload: "hello")
                var received: [PostgresNotification] = []
                for _ in 0..<20 where received.isEmpty {
                    received = try listener.waitForNotifications(timeoutSeconds: 0.5)
                }
                #expect(received.map(\.payload) == ["hello"])
                #expect(received.first?.channel == "slam_test_channel")
                #expect(received.first?.senderPID == sender.backendPID)
            }
        }
    }

    @Test func reconnectsAfterBackendIsTerminated() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            try await db.withConnection { connection in
                try connection.listen("after_reconnect")
                let killer = try factory.connect()
                try killer.execute("SELECT pg_terminate_backend($1)", [connection.backendPID])
                var lost = false
                for _ in 0..<50 where !lost {
                    do { try connection.execute("SELECT 1") } catch let error as PostgresError { lost = error.isConnectionProblem }
                    if !lost { Thread.sleep(forTimeInterval: 0.02) }
                }
                #expect(lost)
                try connection.reconnect(policy: ReconnectPolicy(initialDelaySeconds: 0.05, maximumAttempts: 10))
                #expect(try connection.query("SELECT 2 AS two").first?.decode(Int.self, "two") == 2)
                try killer.notify("after_reconnect", payload: "still listening")
                var received: [PostgresNotification] = []
                for _ in 0..<20 where received.isEmpty { received = try connection.waitForNotifications(timeoutSeconds: 0.5) }
                #expect(received.map(\.payload) == ["still listening"])
            }
        }
    }

    @Test func unreachableServerGivesClearErrorWithoutPassword() async throws {
        let configuration = PostgresConfiguration("postgresql://slam:s3cret-pw@127.0.0.1:1/nowhere", connectTimeoutSeconds: 2)
        let message = try await BlockingThread.run { () -> String in
            do {
                _ = try PostgresConnection(configuration: configuration, retry: ReconnectPolicy(initialDelaySeconds: 0.01, maximumAttempts: 2))
                return "connected?"
            } catch {
                return "\(error)"
            }
        }
        #expect(message.contains("cannot connect to PostgreSQL at slam@127.0.0.1:1/nowhere"))
        #expect(!message.contains("s3cret-pw"))
    }
}
