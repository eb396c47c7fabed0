import Foundation
import Simulator

/// Settings of `slam demo`.
public struct DemoSettings: Sendable {
    /// Stars in the mock survey (repeat observations come on top).
    public var stars: Int
    public var seed: UInt64
    /// Output directory: the mock survey goes in `survey/`, the report files beside it.
    public var output: URL
    /// How the model's hyperparameters are chosen.
    public var hyperparameters: ModelTrainingSettings.Hyperparameters
    /// Folds of the cross-validation of the whole method.
    public var folds: Int
    /// Worker slots run in this process.
    public var workers: Int

    public init(stars: Int = 6000, seed: UInt64 = 1, output: URL, hyperparameters: ModelTrainingSettings.Hyperparameters,
                folds: Int = 5, workers: Int = 2) {
        self.stars = stars
        self.seed = seed
        self.output = output
        self.hyperparameters = hyperparameters
        self.folds = folds
        self.workers = workers
    }

    /// The demo's default: fixed hyperparameters (standardised units; gamma = 0.2 is a point of the
    /// paper's grid), used until the per-pixel grid search fits in the demo's time budget on 2 cores
    /// (`slam demo --grid default` runs it).
    public static let defaultFixed = ModelTrainingSettings.Hyperparameters.fixed(c: 16, epsilon: 0.05, gamma: 0.2)
}

/// One line of the demo's stage timing table.
public struct DemoStage: Sendable, Codable {
    public var name: String
    public var detail: String
    public var seconds: Double
}
