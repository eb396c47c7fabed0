import ArgumentParser
import Pipeline

/// `slam predict [--model ID|current] [--where FILTER]`.
struct Predict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict labels with a model for every spectrum it has not predicted yet (batched jobs).")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var waiting: WaitOptions
    @Option(help: "Model id, or 'current'.") var model = "current"
    @Option(name: .customLong("label-set"), help: "Label set whose current model to use (when several have one).") var labelSet: String?
    @Option(name: .customLong("where"), help: "Filter on spectra, e.g. \"snrg > 20 AND class = 'STAR'\" (columns of lamost_spectrum, AND only).")
    var filter = ""
    @Option(name: .customLong("batch-size"), help: "Spectra per prediction job.") var batchSize = 500
    @OptionGroup var fit: FitOptions
    @Flag(name: .customLong("store-spectra"), help: "Also store each fit's model spectrum and residuals (for slam show).")
    var storeSpectra = false

    func validate() throws {
        guard batchSize >= 1, batchSize <= 100_000 else { throw ValidationError("--batch-size must be 1...100000") }
        do { _ = try SpectrumFilter(filter) } catch { throw ValidationError(error.description) }
        _ = try fit.settings()
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.predict")
        let factory = try database.factory(logger: logger)
        let (reference, labelSet, batch, settings, store) = (model, self.labelSet, batchSize, try fit.settings(), storeSpectra)
        let filter = try SpectrumFilter(self.filter)
        let (modelID, jobs, spectra) = try await factory.withConnection { db in
            let id = try ModelRegistry().resolve(reference, labelSet: labelSet, db: db)
            let planned = try PredictJob.enqueue(modelID: id, filter: filter, batchSize: batch, settings: settings,
                                                   storeSpectra: store, db: db)
            return (id, planned.jobIDs, planned.spectra)
        }
        print("model \(modelID): \(spectra) spectra to predict in \(jobs.count) jobs")
        guard try await waiting.follow(ids: jobs, kinds: [JobKind.predict], what: "spectra",
                                       expectedUnits: spectra, factory: factory, logger: logger) != nil else { return }
        // Then the error calibration the last batches enqueued.
        let calibration = try await factory.withConnection { db in try CalibrateJob.pending(modelID: modelID, db: db) }
        if let calibration {
            try await waiting.follow(ids: [calibration], kinds: [JobKind.calibrate], what: "calibration", factory: factory, logger: logger)
        }
    }
}
