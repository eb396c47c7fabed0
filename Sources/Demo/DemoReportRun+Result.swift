import Pipeline
import Report
import SLAMNumerics

extension DemoReportRun {
    /// What the report shows of `result`, run with `settings` in `seconds`.
    public init(result: DemoResult, settings: DemoSettings, seconds: Double) {
        self.init(modelID: result.modelID, stars: settings.stars, seed: settings.seed, folds: settings.folds,
                  hyperparameters: Self.describe(settings.hyperparameters), seconds: seconds,
                  crossValidation: PrecisionBins(result.crossValidation), truth: PrecisionBins(result.truth),
                  paperScatter: PrecisionTable.paperScatter, applications: result.applications.dropFirst().map(DemoReportApplication.init),
                  balance: result.balance, stages: result.stages, outsideFlags: result.truth.outsideFlags,
                  estimators: result.truth.estimators)
    }

    /// How the hyperparameters were chosen, in words.
    static func describe(_ h: ModelTrainingSettings.Hyperparameters) -> String {
        switch h {
        case .fixed(let c, let epsilon, let gamma): "fixed hyperparameters C = \(c), ε = \(epsilon), γ = \(gamma)"
        case .defaultGrid(let folds): "hyperparameters from the paper's grid by \(folds)-fold CV per pixel"
        case .grid(let c, let e, let g, let folds): "hyperparameters from a \(c.count)×\(e.count)×\(g.count) grid by \(folds)-fold CV per pixel"
        }
    }
}

extension DemoReportApplication {
    /// The report section of a further application.
    init(_ application: DemoApplication) {
        self.init(id: application.kind.rawValue, title: application.title, labelSet: application.labelSet, modelID: application.modelID,
                  trainingMembers: application.trainingSet.members, trainingSource: application.trainingSet.source,
                  referenceName: application.referenceName, paperScatter: application.paperScatter,
                  crossValidation: PrecisionBins(application.crossValidation), truth: PrecisionBins(application.truth),
                  estimators: application.truth.estimators)
    }
}

extension PrecisionBins {
    /// A model's cross-validated precision table (`model_precision`); bins open above
    /// `ModelTrainingSettings.openUpperEdge` become open (`.infinity`).
    init(_ table: PrecisionTable) {
        func bin(_ row: PrecisionTable.Row) -> Bin {
            Bin(lowerSNR: row.snrMin, upperSNR: Self.upper(row.snrMax), count: row.count,
                bias: row.values.map(\.0), scatter: row.values.map(\.1))
        }
        self.init(labelNames: table.labelNames, bins: table.rows.map(bin), overall: table.overall.map(bin),
                  count: table.overall?.count ?? 0)
    }

    /// A comparison with the mock survey's truth.
    init(_ evaluation: DemoEvaluation) {
        func bin(_ b: PrecisionStatistics.Bin) -> Bin {
            Bin(lowerSNR: b.lowerSNR, upperSNR: Self.upper(b.upperSNR), count: b.count,
                bias: b.labels.map(\.bias), scatter: b.labels.map(\.scatter))
        }
        self.init(labelNames: evaluation.labelNames, bins: evaluation.statistics.bins.map(bin), overall: bin(evaluation.statistics.overall),
                  count: evaluation.count)
    }

    /// An upper S/N_g edge, `.infinity` when it stands for an open bin.
    static func upper(_ edge: Double) -> Double {
        edge.isFinite && edge < ModelTrainingSettings.openUpperEdge ? edge : .infinity
    }
}
