/// What training one range of pixels produced (``SLAMTrainer/trainShard(_:pixels:kernels:progress:)``):
/// per pixel its chosen hyperparameters, the stored CV MSE, the final fit on all stars, the solver
/// statistics, and the fit of every cross-validation fold of the whole method with the same
/// hyperparameters. ``SLAMShardAssembler`` joins shards covering every pixel into the model and the fold
/// models, bit-identical to a training in one process.
///
/// Shapes (m = `pixels.count`, N = training stars, N_k = stars trained on in fold k): per-pixel arrays m
/// entries; `coefficients` m x N and each fold's m x N_k, row-major (pixel-major).
public struct SLAMPixelShard: Sendable, Equatable {
    /// One cross-validation fold's fits of the shard's pixels.
    public struct FoldFit: Sendable, Equatable {
        /// Stars trained on, N_k.
        public var trainingCount: Int
        /// Dual coefficients, m x N_k row-major (standardised flux units).
        public var coefficients: [Double]
        /// Intercepts, m entries.
        public var intercept: [Double]
        /// Training MSE per pixel (the fold model's `crossValidatedMSE`; +infinity where unusable).
        public var trainingMSE: [Double]

        public init(trainingCount: Int, coefficients: [Double], intercept: [Double], trainingMSE: [Double]) {
            self.trainingCount = trainingCount
            self.coefficients = coefficients
            self.intercept = intercept
            self.trainingMSE = trainingMSE
        }
    }

    /// The pixels trained, `[start, end)` of the model's P.
    public var pixels: Range<Int>
    /// Training stars, N.
    public var trainingCount: Int
    /// Per pixel, the hyperparameters of its final fit.
    public var hyperparameters: [SVRHyperparameters]
    /// Per pixel, the model's `crossValidatedMSE` (grid CV MSE, or the training MSE with fixed or per-pixel
    /// hyperparameters; +infinity where unusable).
    public var crossValidatedMSE: [Double]
    /// Final fit's dual coefficients, m x N row-major.
    public var coefficients: [Double]
    /// Final fit's intercepts, m entries.
    public var intercept: [Double]
    /// SMO iterations per pixel over every solve (grid, final fit; not the folds).
    public var iterations: [Int]
    /// Support vectors of the final fit per pixel.
    public var supportVectors: [Int]
    /// SVR problems solved per pixel (grid and final fit; not the folds).
    public var solves: [Int]
    /// The whole-method cross-validation fold fits, in fold order (empty when none was asked).
    public var folds: [FoldFit]

    public init(pixels: Range<Int>, trainingCount: Int, hyperparameters: [SVRHyperparameters], crossValidatedMSE: [Double],
                coefficients: [Double], intercept: [Double], iterations: [Int], supportVectors: [Int], solves: [Int],
                folds: [FoldFit]) {
        self.pixels = pixels
        self.trainingCount = trainingCount
        self.hyperparameters = hyperparameters
        self.crossValidatedMSE = crossValidatedMSE
        self.coefficients = coefficients
        self.intercept = intercept
        self.iterations = iterations
        self.supportVectors = supportVectors
        self.solves = solves
        self.folds = folds
    }

    /// The contiguous ranges of `pixelsPerShard` pixels (the last one shorter) covering `0..<pixelCount`.
    public static func ranges(pixelCount: Int, pixelsPerShard: Int) -> [Range<Int>] {
        let size = max(1, pixelsPerShard)
        return stride(from: 0, to: max(0, pixelCount), by: size).map { $0..<min(pixelCount, $0 + size) }
    }
}
