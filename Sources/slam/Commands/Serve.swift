import ArgumentParser
import Catalogue
import Foundation
import Logging
import Server
import Store
import TAP

/// `slam serve`: the catalogue's IVOA TAP service and its pages over HTTP until SIGINT/SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the catalogue: an IVOA TAP 1.1 service (ADQL) under /tap, and pages for people at /.",
        discussion: """
            TAP queries run as a login role granted only slam_tap (read-only, the published schema slam and \
            TAP_SCHEMA; docs/roles.md), in a READ ONLY transaction with a statement timeout. The pages (search, \
            /star/OBSID, /survey, /models; docs/pages.md) read as a login role granted only slam_reader. On the \
            embedded database the roles slam_tap_login and slam_reader_login are created when missing; on \
            another server pass their URLs with --tap-database-url and --reader-database-url (or \
            SLAM_TAP_DATABASE_URL, SLAM_READER_DATABASE_URL). TAP_SCHEMA is refreshed from the published views \
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

    @Option(name: .customLong("reader-database-url"), help: "PostgreSQL URL of the login role the pages read as (default: SLAM_READER_DATABASE_URL; on the embedded database, slam_reader_login).")
    var readerDatabaseURL: String?

    @Flag(name: .customLong("no-pages"), help: "Serve the TAP service alone, without the pages.")
    var noPages = false

    @Option(name: .customLong("survey-refresh"), help: "Seconds between recomputations of the survey dashboard's summary.")
    var surveyRefresh = 60.0

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
        guard surveyRefresh >= 1 else { throw ValidationError("--survey-refresh must be at least 1 second") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://")
        }
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.serve")
        let (configuration, source) = try DatabaseResolver.resolve(explicitURL: database.databaseURL, logger: logger)
        let operatorDatabase = PostgresConnectionFactory(configuration: configuration, retry: .standard, logger: logger)
        let tapConfiguration = try await Self.loginConfiguration(
            group: .tap, explicitURL: tapDatabaseURL, environment: "SLAM_TAP_DATABASE_URL", option: "--tap-database-url",
            applicationName: "slam-tap", configuration: configuration, source: source, operatorDatabase: operatorDatabase)
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
        var pages: CataloguePages?
        if !noPages {
            let readerConfiguration = try await Self.loginConfiguration(
                group: .reader, explicitURL: readerDatabaseURL, environment: "SLAM_READER_DATABASE_URL", option: "--reader-database-url",
                applicationName: "slam-pages", configuration: configuration, source: source, operatorDatabase: operatorDatabase)
            pages = CataloguePages(database: PostgresConnectionFactory(configuration: readerConfiguration, retry: .standard, logger: logger),
                                   summaryRefreshSeconds: surveyRefresh, logger: logger)
        }
        let server = CatalogueServer(host: host, port: port, tap: tap, jobsDatabase: operatorDatabase, pages: pages, logger: logger)
        let site = pages == nil ? "" : ", pages at http://\(host):PORT/"
        try await server.run { bound in
            let line = "slam serve: TAP service at \(base) (listening on \(host):\(bound); \(tables.count) tables)"
                + site.replacingOccurrences(of: "PORT", with: "\(bound)") + "\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    /// The connection settings of a read-only service's login role: the URL given (option, then
    /// `environment`), else on the embedded database its default login role (created when missing).
    static func loginConfiguration(group: LoginGroup, explicitURL: String?, environment: String, option: String, applicationName: String,
                                   configuration: PostgresConfiguration, source: DatabaseResolver.Source,
                                   operatorDatabase: PostgresConnectionFactory) async throws -> PostgresConfiguration {
        let explicit = explicitURL ?? ProcessEnvironment.current[environment].flatMap { $0.isEmpty ? nil : $0 }
        if let explicit { return PostgresConfiguration(explicit, applicationName: applicationName) }
        guard source == .embedded else {
            throw ValidationError("""
                \(group.purpose) must run as a login role granted only \(group.rawValue): create one (docs/roles.md) \
                and pass its URL with \(option) or \(environment)
                """)
        }
        let name = group.defaultLoginRole
        try await operatorDatabase.withConnection { db in _ = try LoginRoleQueries.ensureLoginRole(name: name, group: group, db: db) }
        return configuration.withUser(name)
    }
}
