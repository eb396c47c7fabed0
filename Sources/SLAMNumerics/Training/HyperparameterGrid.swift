/// A grid of SVR hyperparameters (standardised units), searched per pixel by K-fold cross-validation.
public struct HyperparameterGrid: Sendable, Equatable {
    /// Penalties C (> 0). Searched in ascending order so that each solution warm-starts the next.
    public var c: [Double]
    /// Tube half-widths epsilon (>= 0), standardised flux units.
    public var epsilon: [Double]
    /// RBF widths gamma (> 0), 1 / (standardised label units)^2.
    public var gamma: [Double]

    public init(c: [Double], epsilon: [Double], gamma: [Double]) {
        self.c = c
        self.epsilon = epsilon
        self.gamma = gamma
    }

    /// The reference implementation's grid (docs/method.md, "Hyperparameters by cross-validation"):
    /// C = 2^-5 ... 2^5, epsilon in {0.01, 0.05, 0.1, 0.15}, gamma in {1/L, 0.2, 0.25, 0.3, 0.5};
    /// 220 points for any L.
    public static func slamDefault(labelCount: Int) -> HyperparameterGrid {
        HyperparameterGrid(
            c: (-5...5).map { pow2($0) },
            epsilon: [0.01, 0.05, 0.1, 0.15],
            gamma: [1 / Double(max(labelCount, 1)), 0.2, 0.25, 0.3, 0.5])
    }

    /// Number of grid points.
    public var count: Int { c.count * epsilon.count * gamma.count }

    private static func pow2(_ e: Int) -> Double { e >= 0 ? Double(1 << e) : 1 / Double(1 << -e) }
}

/// How each pixel's hyperparameters are chosen.
public enum HyperparameterChoice: Sendable, Equatable {
    /// The same hyperparameters for every pixel; the model's `crossValidatedMSE` is then the training MSE.
    case fixed(SVRHyperparameters)
    /// Per pixel, the grid point with the smallest K-fold cross-validated MSE (`folds` >= 2 folds, assigned
    /// by `CrossValidationFolds` from `seed`).
    case grid(HyperparameterGrid, folds: Int, seed: UInt64)
    /// Given hyperparameters per pixel (P entries), e.g. a trained model's, to refit its coefficients on
    /// another subset of stars (cross-validation of the whole method); `crossValidatedMSE` is the training MSE.
    case perPixel([SVRHyperparameters])
}
