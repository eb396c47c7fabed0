import ArgumentParser
import Catalogue
import Foundation
import Logging
import Server
import Store
import TAP

/// `slam serve`: the catalogue's IVOA TAP service over HTTP until SIGINT/SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the catalogue as an IVOA TAP 1.1 service (ADQL) under /tap.",
        discussion: """
            Queries run as a login role granted only slam_tap (read-only, the published schema slam and \
            TAP_SCHEMA; docs/roles.md), in a READ ONLY transaction with a statement timeout. On the embedded \
            database the role slam_tap_login is created when missing; on another server pass its URL with \
            --tap-database-url (or SLAM_TAP_DATABASE_URL). TAP_SCHEMA is refreshed from the published views \
            at start when the database role may (slam_operator or the owner).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(name: .customLong("base-url"), help: "The service's URL as clients reach it (default: http://HOST:PORT/tap).")
    var baseURL: String?

    @Option(name: .customLong("tap-database-url"), help: "PostgreSQL URL of the login role TAP queries run as (default: SLAM_TAP_DATABASE_URL; on the embedded database, slam_tap_login).")
    var tapDatabaseURL: String?

    @Option(name: .customLong("max-rows"), help: "Rows returned when a query gives no MAXREC.")
    var maxRows = 100_000

    @Option(name: .customLong("hard-max-rows"), help: "The most rows any query returns.")
    var hardMaxRows = 10_000_000

    @Option(name: .customLong("sync-timeout"), help: "Statement timeout of a synchronous query, in seconds.")
    var syncTimeout = 60.0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard maxRows >= 0 else { throw ValidationError("--max-rows must be at least 0") }
        guard hardMaxRows >= 1, hardMaxRows >= maxRows else { throw ValidationError("--hard-max-rows must be at least 1 and at least --max-rows") }
        guard syncTimeout > 0 else { throw ValidationError("--sync-timeout must be positive") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://")
        }
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.serve")
        let (configuration, source) = try DatabaseResolver.resolve(explicitURL: database.databaseURL, logger: logger)
        let operatorDatabase = PostgresConnectionFactory(configuration: configuration, retry: .standard, logger: logger)
        let explicitTap = tapDatabaseURL ?? ProcessEnvironment.current["SLAM_TAP_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let tapConfiguration: PostgresConfiguration
        if let explicitTap {
            tapConfiguration = PostgresConfiguration(explicitTap, applicationName: "slam-tap")
        } else if source == .embedded {
            try await operatorDatabase.withConnection { db in _ = try TapRoleQueries.ensureLoginRole(name: TapRoleQueries.defaultLoginRole, db: db) }
            tapConfiguration = configuration.withUser(TapRoleQueries.defaultLoginRole)
        } else {
            throw ValidationError("""
                TAP queries must run as a login role granted only slam_tap: create one (docs/roles.md, "The TAP role") \
                and pass its URL with --tap-database-url or SLAM_TAP_DATABASE_URL
                """)
        }
        let refreshed: Int? = try await operatorDatabase.withConnection { db in
            do {
                return try TapService.refreshSchema(db: db)
            } catch {
                logger.warning("TAP_SCHEMA not refreshed (\(error)); serving it as the last migration or refresh left it")
                return nil
            }
        }
        if let refreshed { logger.info("TAP_SCHEMA refreshed: \(refreshed) columns published") }
        let queryDatabase = PostgresConnectionFactory(configuration: tapConfiguration, retry: .standard, logger: logger)
        let tables = try await BlockingThread.run { try TapService.loadTables(queryDatabase) }
        let base = baseURL ?? "http://\(host):\(port)/tap"
        let tap = TapService(configuration: TapConfiguration(baseURL: base, defaultMaxRecords: maxRows, hardMaxRecords: hardMaxRows,
                                                             statementTimeoutSeconds: syncTimeout),
                             queryDatabase: queryDatabase, tables: tables, logger: logger)
        let server = CatalogueServer(host: host, port: port, tap: tap, jobsDatabase: operatorDatabase, logger: logger)
        try await server.run { bound in
            let line = "slam serve: TAP service at \(base) (listening on \(host):\(bound); \(tables.count) tables)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
