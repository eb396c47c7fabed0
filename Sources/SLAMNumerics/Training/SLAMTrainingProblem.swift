/// A training made ready to run in pixel shards: the training set (validated), the hyperparameter choice,
/// and the folds of the whole-method cross-validation, each a subset of the stars trained on alone (and
/// standardised on its own stars, as a model trained on that fold alone would be).
///
/// It holds the data once and, per set, only what covers every pixel (scalers, usable counts); each shard
/// prepares the targets and weights of its own pixels, one set at a time, so a worker's memory grows with
/// its shards' pixels, not with P x (K + 1). Immutable and `Sendable`: a worker running several shards of
/// one training shares one.
public struct SLAMTrainingProblem: Sendable {
    /// One fold of the cross-validation of the whole method: the stars its model is trained on.
    public struct Fold: Sendable, Equatable {
        /// Indices of the stars trained on (e.g. `CrossValidationFolds.trainIndices(k)`), each in `0..<N`.
        public var members: [Int]
        /// Their star weights (one per member), or nil for 1 each; see `SLAMTrainingData.starWeights`.
        public var starWeights: [Double]?

        public init(members: [Int], starWeights: [Double]? = nil) {
            self.members = members
            self.starWeights = starWeights
        }
    }

    let data: SLAMTrainingData
    let folds: [Fold]
    /// The full set and each fold's set, prepared for no pixel: labels, scalers and usable counts.
    let header: PreparedTrainingSet
    let foldHeaders: [PreparedTrainingSet]
    /// The hyperparameter choice (validated).
    public let hyperparameters: HyperparameterChoice

    /// Validates `data`, the choice and the fold sets.
    /// - Throws: `SLAMTrainingError` as `SLAMTrainer.train` would for the set, the choice, or a fold's own
    ///   set (e.g. a label constant over a fold); a member outside the stars is a `.shapeMismatch`.
    public init(_ data: SLAMTrainingData, hyperparameters: HyperparameterChoice, validationFolds: [Fold] = []) throws(SLAMTrainingError) {
        let header = try PreparedTrainingSet(data, pixels: 0..<0)
        switch hyperparameters {
        case let .fixed(h):
            try SLAMTrainer.validate(h)
        case let .perPixel(list):
            guard list.count == header.p else { throw .invalidHyperparameter(name: "per-pixel count", value: Double(list.count)) }
            for h in list { try SLAMTrainer.validate(h) }
        case let .grid(grid, folds, _):
            try SLAMTrainer.validate(grid, folds: folds, starCount: header.n)
        }
        self.data = data
        self.folds = validationFolds
        self.header = header
        self.hyperparameters = hyperparameters
        var foldHeaders = [PreparedTrainingSet]()
        for k in validationFolds.indices {
            guard let bad = validationFolds[k].members.first(where: { !(0..<header.n).contains($0) }) else {
                foldHeaders.append(try PreparedTrainingSet(Self.subset(data, validationFolds[k]), pixels: 0..<0))
                continue
            }
            throw .shapeMismatch(what: "fold \(k) member", expected: header.n, actual: bad)
        }
        self.foldHeaders = foldHeaders
    }

    /// Pixels, P.
    public var pixelCount: Int { header.p }
    /// Training stars, N.
    public var trainingCount: Int { header.n }
    /// Whole-method cross-validation folds, K (0 when none).
    public var foldCount: Int { folds.count }

    /// The full set prepared for `pixels`.
    func prepared(pixels: Range<Int>) throws(SLAMTrainingError) -> PreparedTrainingSet {
        try PreparedTrainingSet(data, pixels: pixels)
    }

    /// Fold `k`'s set prepared for `pixels`.
    func preparedFold(_ k: Int, pixels: Range<Int>) throws(SLAMTrainingError) -> PreparedTrainingSet {
        try PreparedTrainingSet(Self.subset(data, folds[k]), pixels: pixels)
    }

    /// The stars `fold.members` of `data`, with the fold's star weights.
    static func subset(_ data: SLAMTrainingData, _ fold: Fold) -> SLAMTrainingData {
        let l = data.labelCount, p = data.pixelCount
        var labels = [Double](), flux = [Float](), ivar = [Float]()
        labels.reserveCapacity(fold.members.count * l)
        flux.reserveCapacity(fold.members.count * p)
        ivar.reserveCapacity(fold.members.count * p)
        for i in fold.members {
            labels += data.labels[(i * l)..<((i + 1) * l)]
            flux += data.flux[(i * p)..<((i + 1) * p)]
            ivar += data.ivar[(i * p)..<((i + 1) * p)]
        }
        return SLAMTrainingData(labels: labels, labelNames: data.labelNames, flux: flux, ivar: ivar, wavelength: data.wavelength,
                                starWeights: fold.starWeights)
    }

    /// The hyperparameters given for pixels `pixels` (nil for a grid: they are searched).
    func givenHyperparameters(_ pixels: Range<Int>) -> [SVRHyperparameters]? {
        switch hyperparameters {
        case let .fixed(h): return [SVRHyperparameters](repeating: h, count: pixels.count)
        case let .perPixel(list): return Array(list[pixels])
        case .grid: return nil
        }
    }
}
