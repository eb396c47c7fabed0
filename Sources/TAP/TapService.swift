import ADQL
import Catalogue
import Formats
import Logging
import Store

/// The TAP service without HTTP: the published tables (read once at start from TAP_SCHEMA), the
/// limits, and the connections queries run on (as the read-only TAP login role).
///
/// ``plan(_:)`` parses and translates a request; ``open(_:parameters:)`` runs a plan and returns a
/// ``TapResultStream`` that writes the result a page at a time. The HTTP layer (module Server) only
/// moves bytes.
public struct TapService: Sendable {
    public let configuration: TapConfiguration
    /// Connections as the TAP login role (granted `slam_tap` only).
    public let queryDatabase: PostgresConnectionFactory
    /// What ADQL may name, in TAP_SCHEMA order.
    public let tables: [PublishedTable]
    public let logger: Logger

    public init(configuration: TapConfiguration, queryDatabase: PostgresConnectionFactory, tables: [PublishedTable],
                logger: Logger = Logger(label: "slam.tap")) {
        self.configuration = configuration
        self.queryDatabase = queryDatabase
        self.tables = tables
        self.logger = logger
    }

    /// Reads the published tables from TAP_SCHEMA over `queryDatabase` (blocking).
    public static func loadTables(_ queryDatabase: PostgresConnectionFactory) throws(PostgresError) -> [PublishedTable] {
        let connection = try queryDatabase.connect()
        return try TapSchemaQueries.publishedTables(db: connection)
    }

    /// Rewrites TAP_SCHEMA from the catalogue, publishing columns named by an ADQL reserved word
    /// delimited (`"size"`); returns the number of columns. `db` must be allowed to refresh (slam_operator).
    @discardableResult
    public static func refreshSchema(db: PostgresConnection) throws(PostgresError) -> Int {
        try TapSchemaQueries.refresh(delimiting: ADQLReservedWords.all.sorted(), db: db)
    }

    /// The plan of a query request: its ADQL translated, capped at the request's MAXREC (or the default),
    /// never above the hard limit.
    public func plan(_ parameters: TapParameters, upload: TapUploadTable? = nil) throws(TapError) -> TapQueryPlan {
        try TapQueryPlan(adql: parameters.query, tables: tables, upload: upload,
                         maxRecords: configuration.maxRecords(requested: parameters.maxRecords))
    }

    /// The table `parameters` upload, read from `document` (the part its `UPLOAD` names, or what its URL
    /// gave); nil without an upload. Throws when the document is missing, too large or not a VOTable of
    /// scalar columns.
    public func uploadTable(_ parameters: TapParameters, document: [UInt8]?) throws(TapError) -> TapUploadTable? {
        guard let reference = parameters.upload else { return nil }
        guard let document else {
            throw .invalidParameter(name: "UPLOAD", reason: "no document for table \(reference.tableName) (\(reference.sourceDescription))")
        }
        return try TapUploadTable(name: reference.tableName, document: document, maximumBytes: configuration.maximumUploadBytes)
    }

    /// Connects, creates the uploaded table in the session (when there is one), starts the query and returns the stream of its result (blocking: call it off the
    /// cooperative pool). Errors of the query (a bad type, the timeout, a refused permission) and of the
    /// service are thrown before any byte is written.
    public func open(_ plan: TapQueryPlan, parameters: TapParameters, upload: TapUploadTable? = nil) throws(TapError) -> TapResultStream {
        let connection: PostgresConnection
        do {
            connection = try queryDatabase.connect()
        } catch {
            throw .serviceFailure("cannot connect to the catalogue: \(error)")
        }
        if let upload {
            do {
                try upload.create(on: connection)
            } catch {
                throw TapError.from(error)
            }
        }
        let cursor = try TapQueryCursor(plan: plan, connection: connection,
                                        statementTimeoutMilliseconds: Int(configuration.statementTimeoutSeconds * 1000),
                                        pageSize: configuration.pageSize)
        return TapResultStream(cursor: cursor, format: parameters.format, query: parameters.query)
    }
}
