import Store

/// A prediction beside its spectrum's S/N_g, as the demo compares it with the mock survey's truth.
public struct EvaluatedPredictionRow: Sendable, Equatable {
    /// LAMOST obsid.
    public var obsid: Int64
    /// Predicted labels (K, dex), L entries.
    public var labels: [Double]
    /// Formal 1-sigma errors, label units, L entries.
    public var formalErrors: [Double]
    /// S/N_g, nil when unknown.
    public var snrg: Double?
    /// The prediction's flags (bits in `flag_bits`).
    public var flags: Int
    /// The first guess's labels (K, dex), L entries; nil for predictions stored before migration 0026.
    public var firstGuess: [Double]?
    /// The maximum-likelihood fit (K, dex), L entries, when the published labels are another estimate
    /// (`prediction.ml_labels`); nil when they are the fit itself.
    public var maximumLikelihood: [Double]?

    /// Decodes `obsid, labels, formal_errors, snrg, flags, first_guess, ml_labels`.
    public init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, at: 0)
        labels = try row.decode([Float].self, at: 1).map(Double.init)
        formalErrors = try row.decode([Float].self, at: 2).map(Double.init)
        snrg = try row.decode(Float?.self, at: 3).map(Double.init)
        flags = try row.decode(Int.self, at: 4)
        firstGuess = try row.decode([Float]?.self, at: 5)?.map(Double.init)
        maximumLikelihood = try row.decode([Float]?.self, at: 6)?.map(Double.init)
    }
}
