/// A training made ready to run in pixel shards: the validated, standardised training set, the
/// hyperparameter choice, and the training sets of the whole-method cross-validation folds (each
/// standardised on its own stars, as a model trained on that fold alone would be).
///
/// Preparing is O(N x P) per set; a worker running several shards of one training prepares it once and
/// shares it (it is immutable and `Sendable`).
public struct SLAMTrainingProblem: Sendable {
    let prepared: PreparedTrainingSet
    let foldSets: [PreparedTrainingSet]
    /// The hyperparameter choice (validated).
    public let hyperparameters: HyperparameterChoice

    /// Validates and prepares `data` and the fold training sets `validationFolds` (same labels and pixels;
    /// e.g. the K subsets of `CrossValidationFolds.trainIndices`, with their own star weights).
    /// - Throws: `SLAMTrainingError` as `SLAMTrainer.train` would for any of the sets or the choice; a fold
    ///   set whose pixels or labels differ from `data`'s is a `.shapeMismatch`.
    public init(_ data: SLAMTrainingData, hyperparameters: HyperparameterChoice,
                validationFolds: [SLAMTrainingData] = []) throws(SLAMTrainingError) {
        let set = try PreparedTrainingSet(data)
        switch hyperparameters {
        case let .fixed(h):
            try SLAMTrainer.validate(h)
        case let .perPixel(list):
            guard list.count == set.p else { throw .invalidHyperparameter(name: "per-pixel count", value: Double(list.count)) }
            for h in list { try SLAMTrainer.validate(h) }
        case let .grid(grid, folds, _):
            try SLAMTrainer.validate(grid, folds: folds, starCount: set.n)
        }
        var foldSets = [PreparedTrainingSet]()
        for fold in validationFolds {
            guard fold.pixelCount == set.p else { throw .shapeMismatch(what: "fold pixels", expected: set.p, actual: fold.pixelCount) }
            guard fold.labelCount == set.l else { throw .shapeMismatch(what: "fold labels", expected: set.l, actual: fold.labelCount) }
            foldSets.append(try PreparedTrainingSet(fold))
        }
        self.prepared = set
        self.foldSets = foldSets
        self.hyperparameters = hyperparameters
    }

    /// Pixels, P.
    public var pixelCount: Int { prepared.p }
    /// Training stars, N.
    public var trainingCount: Int { prepared.n }
    /// Whole-method cross-validation folds, K (0 when none).
    public var foldCount: Int { foldSets.count }

    /// The hyperparameters given for pixels `pixels` (nil for a grid: they are searched).
    func givenHyperparameters(_ pixels: Range<Int>) -> [SVRHyperparameters]? {
        switch hyperparameters {
        case let .fixed(h): return [SVRHyperparameters](repeating: h, count: pixels.count)
        case let .perPixel(list): return Array(list[pixels])
        case .grid: return nil
        }
    }
}
