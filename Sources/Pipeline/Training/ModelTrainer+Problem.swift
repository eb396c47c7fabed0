import Primitives
import SLAMNumerics

extension ModelTrainer {
    /// The numerics trainer of the settings.
    var slamTrainer: SLAMTrainer {
        SLAMTrainer(options: .init(tolerance: settings.tolerance, crossValidationTolerance: settings.crossValidationTolerance))
    }

    /// The whole training of `data` as the numerics layer sees it: the training members (with density
    /// weights when asked), the hyperparameter choice, and the members of each fold of the cross-validation
    /// of the whole method (their weights computed on the fold's members alone, as a model trained on that
    /// fold would have them).
    func problem(_ data: TrainingSetData) throws -> SLAMTrainingProblem {
        let l = data.labelNames.count
        let labels = data.training.labels
        func weights(_ labels: [Double]) throws -> [Double]? {
            try settings.densityWeighting?.weights(labels: labels, labelCount: l)
        }
        let assignment = validationFolds(data)
        let folds = try (0..<settings.validationFolds).map { f in
            let members = assignment.trainIndices(f)
            return SLAMTrainingProblem.Fold(members: members,
                                            starWeights: try weights(members.flatMap { labels[($0 * l)..<(($0 + 1) * l)] }))
        }
        return try SLAMTrainingProblem(
            SLAMTrainingData(labels: labels, labelNames: data.labelNames, flux: data.training.flux, ivar: data.training.ivar,
                             wavelength: data.wavelength, starWeights: try weights(labels)),
            hyperparameters: settings.choice(labelCount: l), validationFolds: folds)
    }

    /// The folds of the cross-validation of the whole method.
    func validationFolds(_ data: TrainingSetData) -> CrossValidationFolds {
        CrossValidationFolds(count: data.training.count, folds: settings.validationFolds, seed: settings.seed)
    }
}

/// The training sets and prepared problems of the trainings a worker process runs shards of, so that its
/// consecutive (or concurrent) shards of one training load the set and prepare it once. Keyed by training
/// set id (a version's members never change) and settings; the two most recent are kept.
final class TrainingProblemCache: Sendable {
    struct Entry: Sendable {
        var key: String
        var data: TrainingSetData
        var problem: SLAMTrainingProblem
    }

    static let shared = TrainingProblemCache()
    private let entries = LockedValue([Entry]())
    private let loading = LockedValue(0)
    private static let capacity = 2

    /// The entry for `key`, made by `make` when absent (makers of one process run one at a time, so two
    /// shards arriving together load the set once).
    func entry(key: String, make: () throws -> (TrainingSetData, SLAMTrainingProblem)) throws -> Entry {
        try loading.withLock { _ in
            if let hit = entries.withLock({ $0.first { $0.key == key } }) { return hit }
            let (data, problem) = try make()
            let entry = Entry(key: key, data: data, problem: problem)
            entries.withLock { list in
                list.insert(entry, at: 0)
                if list.count > Self.capacity { list.removeLast(list.count - Self.capacity) }
            }
            return entry
        }
    }
}
