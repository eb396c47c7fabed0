import Catalogue
import CatalogueTestSupport
import Formats
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Server
import Store
import StoreTestSupport
import TAP

/// A small published catalogue served over HTTP on loopback, for the TAP tests: a fresh migrated
/// database, a current model of label set `apogee-dr15` (teff, logg, m_h, alpha_m) with labels of
/// ``stars``, the login role `slam_tap_login` queries run as, TAP_SCHEMA refreshed, and a
/// ``CatalogueServer`` on a free port.
enum TapTestCatalogue {
    struct Star: Sendable {
        var obsid: Int64
        var ra: Double
        var dec: Double
        var snrg: Double?
        var designation: String
        var teff: Float
        var logg: Float
        var mH: Float
        var alphaM: Float
        var flags: Int
    }

    /// The centre of the cone example (TapExamples, id `cone`), degrees.
    static let coneRA = 332.67024
    static let coneDec = -0.583389

    /// Stars 1 and 2 lie within 1 arcminute of the cone's centre, 3 at 3 arcminutes, 4 and 5 far away.
    /// The metal-poor giants with no flag and S/N above 30 (example `metal-poor-giants`) are 1 and 5;
    /// 3 is one but flagged, 4 one but of S/N 20. Star 2's designation needs quoting in CSV.
    static let stars: [Star] = [
        Star(obsid: 101, ra: coneRA, dec: coneDec, snrg: 80, designation: "LAMOST J221040.85-003500.2",
             teff: 4500, logg: 2.0, mH: -1.6, alphaM: 0.3, flags: 0),
        Star(obsid: 102, ra: coneRA + TestRows.raOffset(arcsec: 30, dec: coneDec), dec: coneDec, snrg: 45.5,
             designation: "LAMOST J221042.85-003500.2, \"pair\"", teff: 5800, logg: 4.4, mH: -0.2, alphaM: 0.05, flags: 0),
        Star(obsid: 103, ra: coneRA + TestRows.raOffset(arcsec: 180, dec: coneDec), dec: coneDec, snrg: 60,
             designation: "LAMOST J221052.85-003500.2", teff: 4700, logg: 2.5, mH: -1.2, alphaM: 0.25, flags: 1),
        Star(obsid: 104, ra: 10, dec: 20, snrg: 20, designation: "LAMOST J004000.00+200000.0",
             teff: 4300, logg: 1.5, mH: -2.0, alphaM: 0.35, flags: 0),
        Star(obsid: 105, ra: 10.001, dec: 20, snrg: 150, designation: "LAMOST J004000.24+200000.0",
             teff: 4800, logg: 3.0, mH: -1.1, alphaM: 0.2, flags: 0),
    ]

    static let labelSet = "apogee-dr15"
    static let labelNames = ["teff", "logg", "m_h", "alpha_m"]
    static let loginRole = LoginGroup.tap.defaultLoginRole
    static let logger = Logger(label: "slam.tap.test") { label in
        // SLAM_TEST_SERVER_LOG=1 shows the servers' logs (why a route answered 500).
        if ProcessInfo.processInfo.environment["SLAM_TEST_SERVER_LOG"] == nil { return SwiftLogNoOpLogHandler() }
        return StreamLogHandler.standardError(label: label)
    }

    /// Fills the catalogue (as the test database's superuser); returns the current model's id.
    @discardableResult
    static func fill(_ db: PostgresConnection) throws -> Int {
        let model = try TestRows.model(db, labelSet: labelSet, labelNames: labelNames, ready: true)
        try ModelPromotionQueries.insert(labelSet: labelSet, modelID: model, previous: nil, decidedBy: "user",
                                         reasons: JSONB("{}"), db: db)
        for star in stars {
            try TestRows.spectrum(db, obsid: star.obsid, ra: star.ra, dec: star.dec, snrg: star.snrg,
                                  designation: star.designation, objectClass: "STAR")
            try TestRows.prediction(db, modelID: model, obsid: star.obsid, labels: [star.teff, star.logg, star.mH, star.alphaM],
                                    formalErrors: [40, 0.05, 0.02, 0.01], flags: star.flags)
        }
        return model
    }

    /// Connections as the TAP login role to `database`.
    static func tapFactory(_ database: TestDatabase) -> PostgresConnectionFactory {
        PostgresConnectionFactory(configuration: database.configuration.withUser(loginRole), logger: logger)
    }

    /// A port nothing listens on now (bound to port 0 on loopback, then released).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FixtureError("socket() failed: errno \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw FixtureError("bind() failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { throw FixtureError("getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A fresh filled catalogue with the TAP login role and TAP_SCHEMA refreshed: `body` gets the database.
    static func withCatalogue<T: Sendable>(_ body: @Sendable (TestDatabase) async throws -> T) async throws -> T {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try fill(db)
                _ = try LoginRoleQueries.ensureLoginRole(name: loginRole, group: .tap, db: db)
                try TapService.refreshSchema(db: db)
            }
            return try await body(database)
        }
    }

    /// The TAP service of `database` (tables read as the login role), reachable at `baseURL`.
    static func service(_ database: TestDatabase, baseURL: String, defaultMaxRecords: Int = 1000,
                        hardMaxRecords: Int = 100_000, pageSize: Int = 2,
                        maximumUploadBytes: Int = TapJobQueries.maximumUploadBytes) async throws -> TapService {
        let factory = tapFactory(database)
        let tables = try await BlockingThread.run { try TapService.loadTables(factory) }
        return TapService(configuration: TapConfiguration(baseURL: baseURL, defaultMaxRecords: defaultMaxRecords,
                                                          hardMaxRecords: hardMaxRecords, statementTimeoutSeconds: 10,
                                                          pageSize: pageSize, maximumUploadBytes: maximumUploadBytes),
                          queryDatabase: factory, tables: tables, logger: logger)
    }

    /// A filled catalogue served on a free loopback port: `body` gets the service's base URL
    /// (`http://127.0.0.1:PORT/tap`) and the database. The server stops when `body` returns or throws.
    /// A page size of 2 rows makes every result of more than two rows span pages.
    static func withServer<T: Sendable>(defaultMaxRecords: Int = 1000, hardMaxRecords: Int = 100_000,
                                        maximumUploadBytes: Int = TapJobQueries.maximumUploadBytes,
                                        _ body: @Sendable (String, TestDatabase) async throws -> T) async throws -> T {
        try await withCatalogue { database in
            let port = try freePort()
            let baseURL = "http://127.0.0.1:\(port)/tap"
            let tap = try await service(database, baseURL: baseURL, defaultMaxRecords: defaultMaxRecords,
                                        hardMaxRecords: hardMaxRecords, maximumUploadBytes: maximumUploadBytes)
            let jobs = PostgresConnectionFactory(configuration: database.configuration, logger: logger)
            let server = CatalogueServer(host: "127.0.0.1", port: port, tap: tap, jobsDatabase: jobs, logger: logger)
            return try await serve(server) { try await body(baseURL, database) }
        }
    }

    /// Runs `server` while `body` runs: returns once it listens on its port, stops it when `body` returns
    /// or throws.
    static func serve<T: Sendable>(_ server: CatalogueServer, _ body: @Sendable () async throws -> T) async throws -> T {
        let (listening, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run { bound in continuation.yield(bound) }
        }
        var iterator = listening.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            _ = try await task.value
            throw FixtureError("the server stopped before it listened")
        }
        guard bound == server.port else {
            task.cancel()
            _ = await task.result
            throw FixtureError("the server listens on \(bound), not \(server.port)")
        }
        do {
            let result = try await body()
            task.cancel()
            _ = await task.result
            return result
        } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
    }

    /// The rows of `sql` run as the database's superuser, as VOTable cells (by the server's column types).
    static func sqlRows(_ database: TestDatabase, _ sql: String) async throws -> [[VOTableValue]] {
        try await database.withConnection { db in
            let result = try db.query(sql)
            var types: [PostgresType] = []
            for index in result.columns.indices { types.append(try result.columnType(at: index)) }
            return try result.rows.map { row in
                try types.enumerated().map { index, type -> VOTableValue in
                    switch type {
                    case .bool: return try row.decode(Bool?.self, at: index).map(VOTableValue.boolean) ?? .null
                    case .int2, .int4, .int8: return try row.decode(Int64?.self, at: index).map(VOTableValue.integer) ?? .null
                    case .float4, .float8, .numeric: return try row.decode(Double?.self, at: index).map(VOTableValue.double) ?? .null
                    default: return try row.decode(String?.self, at: index).map(VOTableValue.text) ?? .null
                    }
                }
            }
        }
    }

    /// `rows` with the cells of `float` fields rounded to Float (TABLEDATA and CSV write a float's shortest text).
    static func normalized(_ rows: [[VOTableValue]], fields: [VOTableField]) -> [[VOTableValue]] {
        rows.map { row in
            zip(row, fields).map { value, field in
                if field.datatype == .float, case let .double(number) = value { return .double(Double(Float(number))) }
                return value
            }
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
