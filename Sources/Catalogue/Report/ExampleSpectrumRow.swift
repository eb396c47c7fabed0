import Store

/// A predicted spectrum with its preprocessed flux: the demo report's example spectrum.
public struct ExampleSpectrumRow: Sendable, Equatable {
    /// LAMOST obsid.
    public var obsid: Int64
    /// Predicted labels (K, dex), L entries.
    public var labels: [Double]
    /// S/N_g.
    public var snrg: Double
    /// Normalised flux, P entries.
    public var flux: [Float]
    /// Its inverse variance, P entries; 0 marks a bad pixel.
    public var ivar: [Float]

    /// Decodes `obsid, labels, snrg` and the coded arrays (``PreprocessedArrays/columns``).
    public init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, at: 0)
        labels = try row.decode([Float].self, at: 1).map(Double.init)
        snrg = Double(try row.decode(Float.self, at: 2))
        (flux, ivar) = try PreprocessedArrays.decode(row)
    }
}
