import Pipeline
import Report

/// What the demo produced: the first application's model and tables (K giants, APOGEE labels) and every
/// application run (the LASP one second).
public struct DemoResult: Sendable {
    public var modelID: Int
    public var stages: [DemoStage]
    public var crossValidation: PrecisionTable
    public var truth: DemoEvaluation
    /// The applications run, in order: APOGEE K giants, then (unless skipped) LASP AFGK stars.
    public var applications: [DemoApplication] = []
    /// The metallicity tails with and without inverse-density training weights (nil when skipped).
    public var balance: DemoBalance?
}
