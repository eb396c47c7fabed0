import Catalogue

/// How the TAP service runs: where it is reachable and the limits it applies to every query.
public struct TapConfiguration: Sendable {
    /// The service's base URL as clients reach it (`http://host:8080/tap`), written into capabilities.
    public var baseURL: String
    /// Rows returned when the client gives no MAXREC.
    public var defaultMaxRecords: Int
    /// The most rows any query returns, whatever MAXREC asks.
    public var hardMaxRecords: Int
    /// The statement timeout of a synchronous query, in seconds.
    public var statementTimeoutSeconds: Double
    /// Rows fetched from the cursor per round trip (the server's memory per query is about one page).
    public var pageSize: Int
    /// The largest uploaded table taken (a VOTable document, bytes): what an asynchronous job can store.
    public var maximumUploadBytes: Int

    public init(baseURL: String, defaultMaxRecords: Int = 100_000, hardMaxRecords: Int = 10_000_000,
                statementTimeoutSeconds: Double = 60, pageSize: Int = 2000,
                maximumUploadBytes: Int = TapJobQueries.maximumUploadBytes) {
        self.baseURL = baseURL
        self.defaultMaxRecords = defaultMaxRecords
        self.hardMaxRecords = hardMaxRecords
        self.statementTimeoutSeconds = statementTimeoutSeconds
        self.pageSize = pageSize
        self.maximumUploadBytes = maximumUploadBytes
    }

    /// The row cap of a query whose client asked for `requested` (nil: the default), never above the hard limit.
    public func maxRecords(requested: Int?) -> Int {
        min(requested ?? defaultMaxRecords, hardMaxRecords)
    }
}
