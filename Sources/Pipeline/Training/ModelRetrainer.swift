import Catalogue
import Foundation
import Logging
import Queue
import Store

/// Scheduled retraining (issue 7): rebuilds a training set from the latest complete crossmatch (APOGEE sets)
/// or the latest version of its label catalogue and the spectra ingested since (catalogue sets, issue 10)
/// with the cuts recorded in `training_set.criteria`, trains a new model (``ModelTrainer``), promotes it by rule
/// (``ModelRegistry/promoteIfNoWorse(_:tolerance:db:)``) and, when promoted, enqueues prediction jobs for
/// it (``PredictJob/enqueue(modelID:filter:batchSize:settings:storeSpectra:db:)``).
///
/// Idempotent for a cron schedule: when neither the latest complete crossmatch run nor the
/// preprocessing changed since the set's latest version, and a ready model was trained on that version,
/// it does nothing. A retried job (same `jobID`) fails the model row its crashed attempt left `training`,
/// and trains on the set version it already built.
///
/// Run as a job (`fence`), every write is behind the job's lease fence, and the promotion, the planned
/// predictions and the job's completion commit together: an attempt that lost its lease promotes nothing.
public struct ModelRetrainer: Sendable {
    public var logger: Logger
    public var fence: JobFence

    public init(logger: Logger = Logger(label: "slam.retrain"), fence: JobFence = .unfenced) {
        self.logger = logger
        self.fence = fence
    }

    public func retrain(_ request: RetrainRequest, connection db: PostgresConnection, jobID: Int64? = nil,
                        progress: (@Sendable (String, Int, Int) -> Void)? = nil) throws(RetrainError) -> RetrainSummary {
        let tolerance = request.promotionTolerance ?? 1
        guard tolerance.isFinite, tolerance >= 0 else { throw .invalidRequest("promotion tolerance \(tolerance) must be finite and >= 0") }
        let batchSize = request.batchSize ?? 500
        guard batchSize >= 1 else { throw .invalidRequest("batch size \(batchSize) must be positive") }
        let name = request.trainingSet
        do {
            switch try planCatalogueRetrain(name, force: request.force == true, db: db) {
            case let .upToDate(version):
                let summary = RetrainSummary(trainingSet: "\(name)@\(version)", rebuilt: false, modelID: nil, promoted: false,
                                             reasons: [:], predictionJobs: 0, spectraToPredict: 0)
                logger.info("\(summary.text)")
                return summary
            case let .train(version, rebuilt):
                return try trainAndPromote(name: name, version: version, rebuilt: rebuilt, request: request,
                                           tolerance: tolerance, batchSize: batchSize, db: db, jobID: jobID, progress: progress)
            case nil:
                break
            }
            guard let latest = try RetrainPlanQueries.crossmatchState(trainingSet: name, db: db) else {
                throw RetrainError.unknownTrainingSet(name)
            }
            var criteria = try JSONB(latest.criteria).decode(TrainingSetCriteria.self)
            let sameRun = latest.crossmatchRunID == latest.latestCrossmatchRunID
            let samePreprocessing = criteria.preprocessingVersion != nil || latest.preprocessingID == latest.latestPreprocessingID
            var version = latest.version
            let rebuild = request.force == true || !sameRun || !samePreprocessing
            if !rebuild, latest.trained {
                let summary = RetrainSummary(trainingSet: "\(name)@\(version)", rebuilt: false, modelID: nil, promoted: false,
                                             reasons: [:], predictionJobs: 0, spectraToPredict: 0)
                logger.info("\(summary.text)")
                return summary
            }
            if rebuild {
                criteria.crossmatchRunID = nil
                let report = try TrainingSetBuilder().create(name: name, criteria: criteria, connection: db, fence: fence)
                version = report.version
                logger.info("rebuilt \(name)@\(version): \(report.members) members")
            }
            return try trainAndPromote(name: name, version: version, rebuilt: rebuild, request: request, tolerance: tolerance,
                                       batchSize: batchSize, db: db, jobID: jobID, progress: progress)
        } catch let error as RetrainError {
            throw error
        } catch let error as TrainingSetError {
            throw .trainingSet(error)
        } catch let error as ModelTrainingError {
            throw .training(error)
        } catch let error as PredictionError {
            throw .promotion(error)
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .invalidRequest("recorded criteria or settings of \(name) cannot be read: \(error)")
        }
    }

    /// Trains a model on `name@version`, promotes it by rule and, when promoted, plans its predictions.
    private func trainAndPromote(name: String, version: Int, rebuilt: Bool, request: RetrainRequest, tolerance: Double,
                                 batchSize: Int, db: PostgresConnection, jobID: Int64?,
                                 progress: (@Sendable (String, Int, Int) -> Void)?) throws -> RetrainSummary {
        let settings = try request.settings ?? previousSettings(name, db: db) ?? ModelTrainingSettings()
        let model = try ModelTrainer(settings: settings, logger: logger)
            .train(trainingSet: "\(name)@\(version)", connection: db, jobID: jobID, fence: fence.withoutCompletion,
                   progress: progress)
        // In a retrain job (a worker) the promotion goes through the database's rule function, which reads
        // the tolerance from the job's payload; a direct call (an operator, a test) applies the rule itself.
        // The promotion, the planned predictions and the job's completion commit together.
        let registry = ModelRegistry()
        let summary = try db.transaction { db in
            let decision = try jobID.map { _ in try registry.promoteByRetrainRule(model.modelID, db: db) }
                ?? registry.promoteIfNoWorse(model.modelID, tolerance: tolerance, db: db)
            var summary = RetrainSummary(trainingSet: "\(name)@\(version)", rebuilt: rebuilt, modelID: model.modelID,
                                         promoted: decision.promoted, reasons: decision.reasons, predictionJobs: 0, spectraToPredict: 0)
            if decision.promoted {
                let planned = try PredictJob.enqueue(modelID: model.modelID, filter: .all, batchSize: batchSize, db: db)
                summary.predictionJobs = planned.jobIDs.count
                summary.spectraToPredict = planned.spectra
            }
            try fence.complete(db)
            return summary
        }
        logger.info("\(summary.text)")
        return summary
    }

    /// Settings of the latest ready (or retired) model trained on any version of set `name`.
    private func previousSettings(_ name: String, db: PostgresConnection) throws -> ModelTrainingSettings? {
        guard let settings = try ModelQueries.latestSettings(trainingSetName: name, db: db) else { return nil }
        return try JSONB(settings).decode(ModelTrainingSettings.self)
    }
}
