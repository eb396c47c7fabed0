import Store

/// A crossmatch run's counts, as `slam crossmatch` reports the latest one.
public struct CrossmatchRunRow: Sendable, Equatable {
    public var runID: Int
    /// LAMOST spectra considered.
    public var lamost: Int
    /// Spectra with a counterpart.
    public var matched: Int
    /// Matches flagged ambiguous.
    public var ambiguous: Int
    /// Wall time, seconds (2 decimals).
    public var seconds: Double

    public init(row: PostgresRow) throws(PostgresError) {
        runID = try row.decode(Int.self, "run_id")
        lamost = try row.decode(Int.self, "n_lamost")
        matched = try row.decode(Int.self, "n_matched")
        ambiguous = try row.decode(Int.self, "n_ambiguous")
        seconds = try row.decode(Double.self, "seconds")
    }
}
