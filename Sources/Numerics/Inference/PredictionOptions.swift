/// Settings of SLAM label inference (first guess by template matching, then Levenberg-Marquardt
/// refinement with MINPACK `lmder`; Zhang, Liu & Deng 2020, sect. 3.3).
public struct PredictionOptions: Sendable, Equatable {
    /// Floating-point precision of the model evaluation (the matrix products over the dual coefficients).
    public enum Precision: Sendable, Equatable {
        /// Coefficients and kernel vectors in Float (sgemm): half the memory and about twice the speed;
        /// model flux is accurate to about 1e-5 standardised units, far below any pixel's noise.
        case single
        /// Coefficients and kernel vectors in Double (dgemm).
        case double
    }

    /// Precision of the model evaluation. Default `.single`.
    public var precision: Precision = .single
    /// Number of template-matching starts refined per spectrum (the best `starts` templates); the fit
    /// with the lowest chi-square wins. Default 1.
    public var starts: Int = 1
    /// MINPACK `ftol`: stop when the relative reduction of chi-square is below this. Default 1e-8.
    public var ftol: Double = 1e-8
    /// MINPACK `xtol`: stop when the relative change of the (scaled) standardised labels is below this.
    /// Default 1e-4: far below any label's uncertainty (on the paper-sized bench, 1e-4 and 1e-6 give the
    /// same precision to three digits, and 1e-4 needs 20% fewer model evaluations).
    public var xtol: Double = 1e-4
    /// MINPACK `gtol`: stop when the gradient is orthogonal to the residuals to this level. Default 0.
    public var gtol: Double = 0
    /// MINPACK `maxfev`: most model evaluations per fit. Default 100.
    public var maxFunctionEvaluations: Int = 100
    /// MINPACK `factor`: initial step bound relative to the scaled start. Default 10.
    public var stepBoundFactor: Double = 10
    /// A label beyond the training range by more than this fraction of the range (per label, in either
    /// direction) flags the fit `outsideTrainingRange`. Default 0.05.
    public var trainingRangeMargin: Double = 0.05
    /// A label beyond the training range by more than this fraction of the range flags the fit `ranAway`:
    /// the model there is a tail of the kernels with no training star nearby. Default 0.5.
    public var runawayMargin: Double = 0.5
    /// Fewer good pixels than this fraction of the model's pixels flags the fit `fewPixels`. Default 0.9.
    public var fewPixelsFraction: Double = 0.9
    /// Fewer good pixels than this is an error (`InferenceError.tooFewPixels`); never less than L + 1.
    /// Default 10.
    public var minimumPixels: Int = 10
    /// A reduced chi-square above this flags the fit `poorFit`. Default 3.
    public var poorFitReducedChiSquare: Double = 3
    /// Fits run in lockstep so that their model evaluations share one matrix product (one thread per
    /// fit; the product is what costs, and it is several times cheaper per spectrum when wide). 1 turns
    /// lockstep off. Default 64.
    public var batchSize: Int = 64
    /// Concurrent workers, `nil` meaning one per active processor: independent lockstep groups (or, with
    /// `batchSize` 1, fitting threads). Each group's matrix products also use OpenBLAS's threads; with
    /// one group per core, `OPENBLAS_NUM_THREADS=1` avoids OpenBLAS threads spinning against the groups
    /// (measured: 5.5 instead of 7 CPU-ms per spectrum on the paper-sized model).
    public var workers: Int? = nil

    /// Default options.
    public init() {}
}
