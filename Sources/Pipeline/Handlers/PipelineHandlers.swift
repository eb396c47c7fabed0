import Formats
import Foundation
import Numerics
import Primitives
import Queue
import Store

/// Reads, preprocesses and loads one batch of LAMOST files.
struct IngestLamostHandler: JobHandler {
    let kind = JobKind.ingestLamost
    let settings: PreprocessingSettings

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(IngestLamostPayload.self)
        let preprocessor: SpectrumPreprocessor
        do { preprocessor = try SpectrumPreprocessor(settings: payload.preprocessing ?? settings) } catch {
            throw JobHandlerError.permanent("preprocessing settings: \(error)")
        }
        let db = try context.database.connect()
        let done = LockedValue(0)
        let total = payload.paths.count
        // Every write transaction is behind the lease fence; a rerun of the batch skips what is stored (checksums).
        let fence = context.fence
        let summary = try LamostIngestor(preprocessor: preprocessor).ingest(
            paths: payload.paths, connection: db, jobID: Int64(job.id),
            progress: { n in context.reportProgress(done: done.add(n), total: total) },
            fence: { try fence.check($0) })
        context.reportProgress(done: total, total: total)
        context.logger.info("ingested \(summary.ingested) spectra (\(summary.alreadyIngested) already in, \(summary.rejected) rejected, \(summary.preprocessingRejected) not preprocessed)")
    }
}

/// Loads an APOGEE allStar file.
struct IngestApogeeHandler: JobHandler {
    let kind = JobKind.ingestApogee

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(IngestApogeePayload.self)
        guard let columns = ApogeeColumnMap.preset(payload.columns) else {
            throw JobHandlerError.malformedPayload(kind: kind, reason: "unknown column preset \(payload.columns)")
        }
        let db = try context.database.connect()
        let summary = try HandlerFailures.rejectingUnusableFile(payload.path, stage: ApogeeIngestor.stage, job: job,
                                                                context: context, db: db) {
            try ApogeeIngestor(release: payload.release, columns: columns).load(
                path: payload.path, connection: db, jobID: Int64(job.id), fence: context.fence) { done, total in
                    context.reportProgress(done: done, total: total)
                }
        }
        context.logger.info("loaded \(summary.stars) APOGEE stars from \(summary.rows) rows (\(summary.rejected) rejected)")
    }
}

/// Loads a LAMOST catalogue file.
struct IngestCatalogueHandler: JobHandler {
    let kind = JobKind.ingestCatalogue

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(IngestCataloguePayload.self)
        let db = try context.database.connect()
        let summary = try HandlerFailures.rejectingUnusableFile(payload.path, stage: LamostCatalogueLoader.stage, job: job,
                                                                context: context, db: db) {
            try LamostCatalogueLoader(release: payload.release).load(path: payload.path, connection: db, jobID: Int64(job.id),
                                                                     fence: context.fence)
        }
        context.reportProgress(done: summary.rows, total: summary.rows)
        context.logger.info("loaded \(summary.loaded) catalogue rows of \(summary.rows) (\(summary.rejected) rejected, \(summary.matchedSpectra) match ingested spectra)")
    }
}

/// Runs a crossmatch.
struct CrossmatchHandler: JobHandler {
    let kind = JobKind.crossmatch

    func run(_ job: Job, context: JobContext) throws {
        let parameters = try job.decodePayload(CrossmatchParameters.self)
        let db = try context.database.connect()
        let summary = try HandlerFailures.permanentUnlessDatabase {
            try CrossmatchRunner().run(parameters, connection: db, jobID: Int64(job.id), fence: context.fence)
        }
        context.logger.info("crossmatch run \(summary.runID): \(summary.matchedCount) of \(summary.lamostCount) matched, \(summary.ambiguousCount) ambiguous")
    }
}

/// Trains a model.
struct TrainHandler: JobHandler {
    let kind = JobKind.train

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(TrainPayload.self)
        let db = try context.database.connect()
        let summary = try HandlerFailures.permanentUnlessDatabase {
            try ModelTrainer(settings: payload.settings, logger: context.logger).train(
                trainingSet: payload.trainingSet, connection: db, jobID: Int64(job.id), fence: context.fence) { _, done, total in
                    context.reportProgress(done: done, total: total)
                }
        }
        context.logger.info("model \(summary.modelID) ready: CV scatter \(summary.crossValidatedScatter)")
    }
}

/// Predicts one batch of spectra.
struct PredictHandler: JobHandler {
    let kind = JobKind.predict
    let models: ModelStore

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(PredictPayload.self)
        let db = try context.database.connect()
        let summary = try HandlerFailures.permanentUnlessDatabase {
            try SpectrumPredictor(models: models).predict(
                modelID: payload.modelID, obsids: payload.obsids, db: db, jobID: Int64(job.id),
                settings: payload.settings ?? PredictionSettings(),
                storeSpectra: payload.storeSpectra ?? false, fence: context.fence.withoutCompletion)
        }
        context.reportProgress(done: payload.obsids.count, total: payload.obsids.count)
        // The calibration that follows the batch is planned with the job's completion (a retry predicts nothing twice).
        try db.transaction { db in
            try PipelineJobs.calibrateAfterPrediction(modelID: payload.modelID, db: db)
            try context.fence.complete(db)
        }
        context.logger.info("model \(payload.modelID): \(summary.written) predictions written, \(summary.failed) failed, \(summary.alreadyPredicted) already there")
    }
}
