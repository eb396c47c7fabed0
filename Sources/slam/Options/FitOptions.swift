import ArgumentParser
import Pipeline
import SLAMNumerics

/// `--loss`, `--robust-solver`, `--robust-rounds`, `--starts`, `--continuum-degree`, `--continuum-rounds`, `--continuum-start`, `--estimate`: how labels are fitted (stored with each prediction run).
struct FitOptions: ParsableArguments {
    @Option(help: "Loss of the label fit: linear (plain least squares), soft_l1:S or huber:S (S in pixel sigmas). Default: \(PredictionOptions().loss.name).")
    var loss: String?
    @Option(name: .customLong("robust-solver"), help: "How a robust loss is minimised: transform (one fit on the exact objective) or reweighting (IRLS). Default: \(PredictionOptions().robustSolver.rawValue).")
    var robustSolver: String?
    @Option(name: .customLong("robust-rounds"), help: "Reweighting rounds of a robust loss under --robust-solver reweighting. Default: \(PredictionOptions().robustRounds).")
    var robustRounds: Int?
    @Option(help: "Template starts refined per spectrum (several distinct minima are flagged). Default: \(PredictionOptions().starts).")
    var starts: Int?
    @Option(name: .customLong("continuum-degree"), help: "Degree of the continuum correction fitted with the labels (a Legendre series multiplying the model; removes the low-S/N continuum bias), or 'none'. Default: \(PredictionOptions.catalogue.continuumDegree.map(String.init) ?? "none").")
    var continuumDegree: String?
    @Option(name: .customLong("continuum-rounds"), help: "Rounds of the continuum correction (fit the correction, refit the labels). Default: \(PredictionOptions().continuumRounds).")
    var continuumRounds: Int?
    @Option(name: .customLong("continuum-start"), help: "Labels at which the continuum correction's first round is fitted: first_guess (the nearest template; no fit of its own) or plain_fit (a fit without a correction first). Default: \(PredictionOptions().continuumStart.rawValue).")
    var continuumStart: String?
    @Option(help: "Published estimate: ml (the maximum-likelihood fit) or posterior_mean:S (the posterior mean under the training set's label density, formal errors times S as the likelihood's width; the fit is kept in ml_labels). Default: \(PredictionOptions.catalogue.estimate.name).")
    var estimate: String?

    /// The prediction settings; throws `ValidationError` for a bad value.
    func settings() throws -> PredictionSettings {
        var settings = PredictionSettings()
        if let loss {
            guard let parsed = SLAMFitLoss(name: loss) else { throw ValidationError("--loss \(loss): expected linear, soft_l1:S or huber:S with S > 0") }
            settings.loss = parsed.name  // canonical, so equal settings share one prediction_settings row
        }
        if let robustSolver {
            guard let parsed = SLAMRobustSolver(rawValue: robustSolver) else { throw ValidationError("--robust-solver \(robustSolver): expected transform or reweighting") }
            settings.robustSolver = parsed.rawValue
        }
        if let robustRounds {
            guard (0...50).contains(robustRounds) else { throw ValidationError("--robust-rounds must be 0...50") }
            settings.robustRounds = robustRounds
        }
        if let starts {
            guard (1...50).contains(starts) else { throw ValidationError("--starts must be 1...50") }
            settings.starts = starts
        }
        if let continuumDegree {
            if continuumDegree == "none" {
                settings.continuumDegree = nil
            } else {
                guard let degree = Int(continuumDegree), (0...10).contains(degree) else {
                    throw ValidationError("--continuum-degree \(continuumDegree): expected 0...10 or none")
                }
                settings.continuumDegree = degree
            }
        }
        if let continuumRounds {
            guard (1...10).contains(continuumRounds) else { throw ValidationError("--continuum-rounds must be 1...10") }
            settings.continuumRounds = continuumRounds
        }
        if let continuumStart {
            guard let parsed = ContinuumStart(rawValue: continuumStart) else {
                throw ValidationError("--continuum-start \(continuumStart): expected first_guess or plain_fit")
            }
            settings.continuumStart = parsed.rawValue
        }
        if let estimate {
            guard let parsed = LabelEstimate(name: estimate) else {
                throw ValidationError("--estimate \(estimate): expected ml or posterior_mean:S with S > 0")
            }
            settings.estimate = parsed.name
        }
        return settings
    }
}
