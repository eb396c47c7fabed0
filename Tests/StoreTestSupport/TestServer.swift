import Foundation
import Logging
import Store

/// The server test databases live on, and the once-per-process template. An actor so concurrent
/// tests share one set-up; all blocking work runs on ``BlockingThread``s.
///
/// Hundreds of tests start at once. The template is built by one task that every caller awaits
/// (an actor is re-entrant across `await`, so a flag alone would let each caller open its own
/// connection and queue on the advisory lock: on a fresh clone that exhausted `max_connections`
/// before the template's own connection could open), and at most ``adminConnectionLimit`` admin
/// connections (CREATE/DROP DATABASE) are open at a time.
actor TestServer {
    static let templateName = "slam_test_template"
    static let templateLockKey = 0x534C_414D_5445_4D50  // "SLAMTEMP"
    static let adminConnectionLimit = 8
    private static let instance = Registry()

    let admin: PostgresConfiguration
    let migrations: [Migration]
    private var template: Task<Void, any Error>?
    private var adminConnections = 0
    private var adminWaiters: [CheckedContinuation<Void, Never>] = []

    init(admin: PostgresConfiguration, migrations: [Migration]) {
        self.admin = admin
        self.migrations = migrations
    }

    /// The process-wide server, found or started on first use.
    static func shared(filePath: String) async throws -> TestServer {
        try await instance.get(filePath: filePath)
    }

    actor Registry {
        var server: TestServer?
        func get(filePath: String) async throws -> TestServer {
            if let server { return server }
            let migrations = try Migration.load(from: try TestDatabase.migrationsDirectory(filePath: filePath))
            let admin: PostgresConfiguration
            if let url = ProcessInfo.processInfo.environment["SLAM_TEST_DATABASE_URL"], !url.isEmpty {
                admin = PostgresConfiguration(url, applicationName: "slam-test")
            } else {
                guard let root = ProjectLocator.projectRoot(from: URL(fileURLWithPath: filePath)) else {
                    throw TestDatabaseError.checkoutNotFound(filePath)
                }
                let embedded = EmbeddedServer(dataDirectory: root.appendingPathComponent(".slam/pg"),
                                              options: .init(fsync: false), logger: Logger(label: "slam.test"))
                admin = try await BlockingThread.run(name: "slam-test-server") { try embedded.ensureRunning() }
            }
            let created = TestServer(admin: admin, migrations: migrations)
            server = created
            return created
        }
    }

    func createDatabase(migrated: Bool) async throws -> TestDatabase {
        if migrated { try await templateReady() }
        await acquireAdminConnection()
        defer { releaseAdminConnection() }
        let name = "t_" + String(UInt64.random(in: 0...UInt64.max), radix: 16).leftPadded(16)
        let admin = self.admin
        try await BlockingThread.run(name: "slam-test-createdb") { () throws -> Void in
            let connection = try PostgresConnection(configuration: admin, retry: ReconnectPolicy(maximumAttempts: 5))
            let quoted = try connection.quoteIdentifier(name)
            let template = migrated ? " TEMPLATE \(Self.templateName)" : ""
            // Creating from a template fails while another session is connected to it; retry briefly.
            var attempt = 0
            while true {
                do {
                    try connection.executeScript("CREATE DATABASE \(quoted)\(template)", name: "create test database")
                    return
                } catch let error as PostgresError where error.sqlState == "55006" && attempt < 50 {
                    attempt += 1
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
        }
        return TestDatabase(name: name, configuration: admin.withDatabase(name), adminConfiguration: admin)
    }

    func dropDatabase(_ name: String) async throws {
        await acquireAdminConnection()
        defer { releaseAdminConnection() }
        let admin = self.admin
        try await BlockingThread.run(name: "slam-test-dropdb") { () throws -> Void in
            let connection = try PostgresConnection(configuration: admin)
            try connection.executeScript("DROP DATABASE IF EXISTS \(try connection.quoteIdentifier(name)) WITH (FORCE)", name: "drop test database")
        }
    }

    /// Waits for the one build of the template; a failed build is retried by the next caller.
    private func templateReady() async throws {
        let task: Task<Void, any Error>
        if let template {
            task = template
        } else {
            task = Task { try await self.buildTemplateIfNeeded() }
            template = task
        }
        do {
            try await task.value
        } catch {
            if template == task { template = nil }
            throw error
        }
    }

    private func acquireAdminConnection() async {
        if adminConnections < Self.adminConnectionLimit {
            adminConnections += 1
            return
        }
        await withCheckedContinuation { adminWaiters.append($0) }
    }

    /// Hands the slot to the first waiter, or frees it.
    private func releaseAdminConnection() {
        if adminWaiters.isEmpty {
            adminConnections -= 1
        } else {
            adminWaiters.removeFirst().resume()
        }
    }

    /// Builds `slam_test_template` unless it exists with the current migrations' checksum.
    private func buildTemplateIfNeeded() async throws {
        let admin = self.admin
        let migrations = self.migrations
        let checksum = Migration.combinedChecksum(migrations)
        try await BlockingThread.run(name: "slam-test-template") { () throws -> Void in
            let connection = try PostgresConnection(configuration: admin, retry: ReconnectPolicy(maximumAttempts: 5))
            try connection.execute("SELECT pg_advisory_lock($1)", [Self.templateLockKey])
            defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [Self.templateLockKey]) }
            let current = try connection.query("""
                SELECT shobj_description(oid, 'pg_database') AS checksum FROM pg_database WHERE datname = $1
                """, [Self.templateName])
            if let row = current.first, try row.decode(String?.self, "checksum") == checksum { return }
            let quoted = try connection.quoteIdentifier(Self.templateName)
            try connection.executeScript("DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)", name: "drop template")
            try connection.executeScript("CREATE DATABASE \(quoted)", name: "create template")
            do {
                let template = try PostgresConnection(configuration: admin.withDatabase(Self.templateName))
                try MigrationRunner(migrations: migrations, logger: Logger(label: "slam.test")).migrate(template)
            } catch {
                try? connection.executeScript("DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)", name: "drop template")
                throw TestDatabaseError.template("\(error)")
            }
            // The template connection is closed (deinit) before the comment marks it ready.
            try connection.executeScript("COMMENT ON DATABASE \(quoted) IS '\(checksum)'", name: "mark template")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
