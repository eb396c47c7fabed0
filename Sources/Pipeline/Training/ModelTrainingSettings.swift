import SLAMNumerics

/// How a model is trained and validated; stored with the model (`model.settings`).
public struct ModelTrainingSettings: Sendable, Codable, Equatable {
    /// Hyperparameters: one fixed set for every pixel, or the per-pixel K-fold grid search.
    public enum Hyperparameters: Sendable, Codable, Equatable {
        case fixed(c: Double, epsilon: Double, gamma: Double)
        /// The paper's default grid (C = 2^-5..2^5, epsilon in {0.01, 0.05, 0.1, 0.15},
        /// gamma in {1/L, 0.2, 0.25, 0.3, 0.5}) searched with `folds`-fold cross-validation.
        case defaultGrid(folds: Int)
        /// An explicit grid.
        case grid(c: [Double], epsilon: [Double], gamma: [Double], folds: Int)

        /// The fixed hyperparameters that `--grid fixed` means (in `slam train` and `slam demo`): C = 4,
        /// epsilon = 0.05, gamma = 0.1 (standardised units; chosen by the whole-method CV scatter of 3,000-star
        /// demos, see `DemoSettings.defaultFixed` in the Demo module, which is this value).
        public static let documentedFixed = Hyperparameters.fixed(c: 4, epsilon: 0.05, gamma: 0.1)

        /// Parses the CLI form: `default`, `fixed` (``documentedFixed``) or `fixed:C,EPSILON,GAMMA`.
        public static func parse(_ text: String, folds: Int) throws(ModelTrainingError) -> Hyperparameters {
            if text == "default" { return .defaultGrid(folds: folds) }
            if text == "fixed" { return documentedFixed }
            if text.hasPrefix("fixed:") {
                let values = text.dropFirst(6).split(separator: ",").compactMap { Double($0) }
                guard values.count == 3, values.allSatisfy({ $0.isFinite }) else { throw .invalidSetting("grid \(text): expected fixed:C,EPSILON,GAMMA") }
                return .fixed(c: values[0], epsilon: values[1], gamma: values[2])
            }
            throw .invalidSetting("grid \(text): expected 'default', 'fixed' or 'fixed:C,EPSILON,GAMMA'")
        }
    }

    public var hyperparameters: Hyperparameters
    /// Folds of the cross-validation of the whole method (train on K-1, predict the held-out fold).
    public var validationFolds: Int
    /// Seed of every fold assignment.
    public var seed: UInt64
    /// SMO stopping tolerance of the final per-pixel fits.
    public var tolerance: Double
    /// SMO stopping tolerance of the grid search's cross-validation solves (1e-2 changes the CV MSE by
    /// < 1e-4 relative and picks the same hyperparameters, at ~60% of the cost; see slam-bench train).
    public var crossValidationTolerance: Double
    /// Lower edges of the S/N_g bins of the precision table (finite, increasing); the last bin is open.
    public var snrBinEdges: [Double]
    /// Weight training stars inversely to their local density in label space (k-NN density in
    /// standardised labels, mean 1, clipped; see `TrainingDensityWeights`), so that sparse tails are not
    /// drowned by the bulk; nil (the default, and every model trained before the option) for equal weights.
    public var densityWeighting: TrainingDensityWeights?
    /// Train as shard jobs of this many pixels each (any worker on any host takes them; the model is
    /// bit-identical to a single-job training, docs/operations.md "Sharded training"); nil (the default) trains
    /// in one `train` job.
    public var pixelsPerShard: Int?

    public init(hyperparameters: Hyperparameters = .defaultGrid(folds: 5), validationFolds: Int = 5, seed: UInt64 = 1,
                tolerance: Double = 1e-3, crossValidationTolerance: Double = 1e-2, snrBinEdges: [Double] = [0, 20, 40, 60, 80, 100, 150],
                densityWeighting: TrainingDensityWeights? = nil, pixelsPerShard: Int? = nil) {
        self.densityWeighting = densityWeighting
        self.pixelsPerShard = pixelsPerShard
        self.hyperparameters = hyperparameters
        self.validationFolds = validationFolds
        self.seed = seed
        self.tolerance = tolerance
        self.crossValidationTolerance = crossValidationTolerance
        self.snrBinEdges = snrBinEdges
    }

    /// The numerics layer's form, for a model with `labelCount` labels.
    func choice(labelCount: Int) -> HyperparameterChoice {
        switch hyperparameters {
        case let .fixed(c, epsilon, gamma): .fixed(SVRHyperparameters(c: c, epsilon: epsilon, gamma: gamma))
        case let .defaultGrid(folds): .grid(.slamDefault(labelCount: labelCount), folds: folds, seed: seed)
        case let .grid(c, epsilon, gamma, folds): .grid(HyperparameterGrid(c: c, epsilon: epsilon, gamma: gamma), folds: folds, seed: seed)
        }
    }

    /// Upper edge standing for "no upper limit" (S/N_g never reaches it).
    public static let openUpperEdge = 1e6

    /// The bin edges for `PrecisionStatistics`, with the open upper end.
    var binEdges: [Double] { snrBinEdges + [Self.openUpperEdge] }

    /// Folds needed by the settings (grid search and validation).
    var requiredMembers: Int {
        switch hyperparameters {
        case .fixed: validationFolds
        case let .defaultGrid(folds), let .grid(_, _, _, folds): max(folds, validationFolds)
        }
    }
}
