/// One refused input, as written to the `rejection` table.
public struct RejectionRecord: Sendable, Equatable {
    /// Where it was refused: `ingest_lamost`, `preprocess`, `ingest_apogee`, ...
    public var stage: String
    /// The input: a file path, or `file#row`.
    public var source: String
    /// The object when known (obsid, APOGEE_ID).
    public var object: String?
    /// Machine-readable reason (`truncated`, `too_many_bad_pixels`, ...).
    public var code: String
    /// Human-readable reason with the failing values.
    public var reason: String

    public init(stage: String, source: String, object: String? = nil, code: String, reason: String) {
        self.stage = stage
        self.source = source
        self.object = object
        self.code = code
        self.reason = reason
    }
}
