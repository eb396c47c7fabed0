import Catalogue
import Foundation
import Logging
import Server
import Store
import StoreTestSupport
import TAP

/// `slam serve` with its pages on a test database, on a free loopback port: the TAP login role and the
/// pages' read-only login role (`slam_reader_login`, granted only `slam_reader`) are ensured, TAP_SCHEMA
/// refreshed, and the pages read as the reader role.
enum PagesTestServer {
    static let readerRole = LoginGroup.reader.defaultLoginRole

    /// Serves `database`; `body` gets the site's root URL (`http://127.0.0.1:PORT`).
    static func withServer<T: Sendable>(_ database: TestDatabase, _ body: @Sendable (String) async throws -> T) async throws -> T {
        try await database.withConnection { db in
            _ = try LoginRoleQueries.ensureLoginRole(name: TapTestCatalogue.loginRole, group: .tap, db: db)
            _ = try LoginRoleQueries.ensureLoginRole(name: readerRole, group: .reader, db: db)
            try TapService.refreshSchema(db: db)
        }
        let port = try TapTestCatalogue.freePort()
        let root = "http://127.0.0.1:\(port)"
        let tap = try await TapTestCatalogue.service(database, baseURL: root + "/tap")
        let reader = PostgresConnectionFactory(configuration: database.configuration.withUser(readerRole), logger: TapTestCatalogue.logger)
        let pages = CataloguePages(database: reader, summaryRefreshSeconds: 3600, logger: TapTestCatalogue.logger)
        let jobs = PostgresConnectionFactory(configuration: database.configuration, logger: TapTestCatalogue.logger)
        let server = CatalogueServer(host: "127.0.0.1", port: port, tap: tap, jobsDatabase: jobs, pages: pages, logger: TapTestCatalogue.logger)
        return try await TapTestCatalogue.serve(server) { try await body(root) }
    }
}
