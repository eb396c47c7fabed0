import Catalogue
import Foundation
import Logging
import Queue
import SLAMNumerics
import Store

/// Trains a SLAM model on a training set, cross-validates the whole method (train on K-1 folds with the
/// chosen per-pixel hyperparameters, infer the held-out fold), predicts the set's held-out validation
/// members, and stores a new model version.
///
/// The model row is created `training` (committed, so it is visible while training runs), and becomes
/// `ready` in one final transaction that writes the coefficients in chunks, the per-pixel
/// hyperparameters and the precision table: a model is never half-written. Any error marks it `failed`
/// with the reason. A retried job first fails the rows its crashed attempts left `training`. Run as a job,
/// every write is behind the job's lease fence and the final one completes the job (``JobFence``): an
/// attempt that lost its lease (paused, cut off) writes no model, no `ready` and no `failed`.
public struct ModelTrainer: Sendable {
    public var settings: ModelTrainingSettings
    public var logger: Logger

    /// Size of one `model_blob_chunk`, bytes.
    public static let chunkBytes = 4 << 20
    /// Most held-out members a training predicts for its validation table (`cv_metrics.validation`,
    /// `model_validation_prediction`), chosen by `settings.seed` when the set holds more: enough for every
    /// S/N bin of the table, where a survey-sized set (a few thousand training stars, the rest of 300,000
    /// crossmatched stars held out) would otherwise cost half an hour of prediction and gigabytes of spectra
    /// in the training job.
    public static let heldOutValidationLimit = 5_000

    public init(settings: ModelTrainingSettings = .init(), logger: Logger = Logger(label: "slam.train")) {
        self.settings = settings
        self.logger = logger
    }

    /// Trains on the training set `reference` (id, `NAME` or `NAME@VERSION`); returns the new model's summary.
    public func train(trainingSet reference: String, connection db: PostgresConnection, jobID: Int64? = nil,
                      fence: JobFence = .unfenced, progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws(ModelTrainingError) -> ModelSummary {
        let data = try loadChecked(reference, db: db)
        let modelID: Int
        do {
            modelID = try db.transaction { db in
                if let jobID { try ModelQueries.failAbandoned(trainJobID: jobID, db: db) }
                let id = try ModelQueries.insertTraining(.init(
                    labelSet: data.labelSet, trainingSetID: data.trainingSetID, labelNames: data.labelNames,
                    preprocessingID: data.preprocessingID, settings: try JSONB(encoding: settings), codeVersion: SLAMVersion.current,
                    trainCount: data.training.count, pixelCount: data.wavelength.count, trainJobID: jobID), db: db)
                try fence.check(db)
                return id
            }
        } catch { throw Self.wrap(error) }
        do {
            return try trainAndStore(data, modelID: modelID, db: db, fence: fence, progress: progress)
        } catch {
            let wrapped = Self.wrap(error)
            // Fenced too: an attempt that lost its lease leaves the model to the attempt that holds the job.
            _ = try? db.transaction { db in
                try ModelQueries.markFailed(id: modelID, error: wrapped.description, db: db)
                try fence.check(db)
            }
            throw wrapped
        }
    }

    /// Checks the settings, loads the training set `reference` and checks it has enough members.
    func loadChecked(_ reference: String, db: PostgresConnection) throws(ModelTrainingError) -> TrainingSetData {
        guard settings.validationFolds >= 2 else { throw .invalidSetting("validation folds \(settings.validationFolds) < 2") }
        guard settings.snrBinEdges.allSatisfy(\.isFinite), zip(settings.snrBinEdges, settings.snrBinEdges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidSetting("S/N bin edges \(settings.snrBinEdges) must be finite and increasing")
        }
        if let size = settings.pixelsPerShard, size < 1 { throw .invalidSetting("pixels per shard \(size) < 1") }
        let data: TrainingSetData
        do {
            data = try TrainingSetData.load(reference, heldOutLimit: Self.heldOutValidationLimit, seed: settings.seed, db: db)
        } catch { throw Self.wrap(error) }
        let needed = max(settings.requiredMembers, data.labelNames.count + 1, 2)
        guard data.training.count >= needed else {
            throw .tooFewMembers(trainingSet: data.name, members: data.training.count, needed: needed)
        }
        return data
    }

    static func wrap(_ error: any Error) -> ModelTrainingError {
        switch error {
        case let e as ModelTrainingError: e
        case let e as SLAMTrainingError: .training(e)
        case let e as InferenceError: .inference(e)
        case let e as PostgresError: .database(e)
        case let e as SLAMShardError: .shards(e)
        case let e as SLAMModelCodingError: .shardResult(e)
        default: .database(.protocolViolation("\(error)"))
        }
    }
}

/// What training produced.
public struct ModelSummary: Sendable, Codable, Equatable {
    public var modelID: Int
    public var labelSet: String
    public var trainingSet: String
    public var labelNames: [String]
    public var trainingCount: Int
    public var heldOutCount: Int
    public var pixelCount: Int
    /// Cross-validated scatter of (SLAM - reference) over all S/N, per label (label units).
    public var crossValidatedScatter: [Double]
    /// Robust scatter (1.4826 MAD) of the same.
    public var crossValidatedRobustScatter: [Double]
    public var secondsTraining: Double
    public var secondsValidation: Double
}
