/// Two models' labels for the same spectra: for every label both predict, the unflagged spectra's
/// labels by each (a sample of at most ``ModelPageQueries/comparisonSample`` spectra, by obsid).
public struct ModelComparison: Sendable, Equatable {
    public var modelA: Int
    public var modelB: Int
    /// Labels both models predict, in model A's order.
    public var labelNames: [String]
    /// Spectra predicted by both without flags (all of them, not only the sample).
    public var common: Int
    /// Per label (outer, `labelNames` order), the sampled spectra's labels by A and by B (label units).
    public var labelsA: [[Double]]
    public var labelsB: [[Double]]

    public init(modelA: Int, modelB: Int, labelNames: [String], common: Int, labelsA: [[Double]], labelsB: [[Double]]) {
        self.modelA = modelA
        self.modelB = modelB
        self.labelNames = labelNames
        self.common = common
        self.labelsA = labelsA
        self.labelsB = labelsB
    }
}
