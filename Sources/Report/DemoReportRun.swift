/// What a demo run did, as its HTML report shows it: settings, the precision tables of each application,
/// the training-balance comparison and the stage timings. Plain values; the demo fills them in.
public struct DemoReportRun: Sendable {
    /// The first application's model (K giants, APOGEE labels).
    public var modelID: Int
    /// Stars in the mock survey.
    public var stars: Int
    /// Seed of the mock survey, split and folds.
    public var seed: UInt64
    /// Folds of the whole-method cross-validation.
    public var folds: Int
    /// How the hyperparameters were chosen, in words (e.g. "fixed hyperparameters C = 4.0, ε = 0.05, γ = 0.1").
    public var hyperparameters: String
    /// Wall-clock seconds of the whole demo.
    public var seconds: Double
    /// The first application's cross-validated precision against its reference labels.
    public var crossValidation: PrecisionBins
    /// The first application's precision against the mock survey's true labels.
    public var truth: PrecisionBins
    /// The paper's cross-validated scatter of the first application, label units, by label name.
    public var paperScatter: [String: Double]
    /// The applications after the first (the LASP one), each with its own section.
    public var applications: [DemoReportApplication]
    /// The metallicity tails with and without inverse-density training weights; nil when skipped.
    public var balance: DemoBalance?
    /// The stages run, in order, with their timings.
    public var stages: [DemoStage]
    /// The first application's flags against the truth: recall and false-flag rate of
    /// `outside_training_set`, `far_from_training_set` and `poor_fit` per S/N_g bin; nil when not measured.
    public var outsideFlags: OutsideFlagRates?
    /// The first application's published labels beside the first guess against the truth, per S/N_g bin;
    /// nil when not measured.
    public var estimators: EstimatorComparison?

    /// A run from its parts (see the properties).
    public init(modelID: Int, stars: Int, seed: UInt64, folds: Int, hyperparameters: String, seconds: Double,
                crossValidation: PrecisionBins, truth: PrecisionBins, paperScatter: [String: Double],
                applications: [DemoReportApplication], balance: DemoBalance?, stages: [DemoStage], outsideFlags: OutsideFlagRates? = nil,
                estimators: EstimatorComparison? = nil) {
        self.modelID = modelID
        self.stars = stars
        self.seed = seed
        self.folds = folds
        self.hyperparameters = hyperparameters
        self.seconds = seconds
        self.crossValidation = crossValidation
        self.truth = truth
        self.paperScatter = paperScatter
        self.applications = applications
        self.balance = balance
        self.stages = stages
        self.outsideFlags = outsideFlags
        self.estimators = estimators
    }
}

/// A further application of SLAM in the demo (e.g. AFGK stars with LASP labels), as its report section shows it.
public struct DemoReportApplication: Sendable {
    /// Section id suffix (`application-ID`), e.g. `lasp`.
    public var id: String
    /// Section title, e.g. "AFGK stars with LAMOST LASP labels".
    public var title: String
    /// Label set of its model.
    public var labelSet: String
    /// Its model.
    public var modelID: Int
    /// Members of its training set.
    public var trainingMembers: Int
    /// Where the training set's labels came from, in words; nil: not known.
    public var trainingSource: String?
    /// Name of the reference in captions, e.g. "LASP".
    public var referenceName: String
    /// The paper's scatter of this application at S/N_g > 100, label units, by label name.
    public var paperScatter: [String: Double]
    /// Cross-validated precision against the reference labels.
    public var crossValidation: PrecisionBins
    /// Precision against the mock survey's true labels.
    public var truth: PrecisionBins
    /// Its published labels beside the first guess against the truth, per S/N_g bin; nil when not measured.
    public var estimators: EstimatorComparison?

    /// An application from its parts (see the properties).
    public init(id: String, title: String, labelSet: String, modelID: Int, trainingMembers: Int, trainingSource: String?,
                referenceName: String, paperScatter: [String: Double], crossValidation: PrecisionBins, truth: PrecisionBins,
                estimators: EstimatorComparison? = nil) {
        self.id = id
        self.title = title
        self.labelSet = labelSet
        self.modelID = modelID
        self.trainingMembers = trainingMembers
        self.trainingSource = trainingSource
        self.referenceName = referenceName
        self.paperScatter = paperScatter
        self.crossValidation = crossValidation
        self.truth = truth
        self.estimators = estimators
    }
}
