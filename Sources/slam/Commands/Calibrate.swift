import ArgumentParser
import Foundation
import Pipeline

/// `slam calibrate`: calibrates a model's errors from repeat observations and cross-validation.
struct Calibrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Calibrate a model's published errors: error inflation from repeat observations, error floor from cross-validation (a calibrate job).",
        discussion: """
            Runs by itself after a model's prediction run: the first time it fits the calibration, later
            (an appended release predicted by the same model) it keeps it and only calibrates predictions
            without calibrated errors, so published errors do not change with each release. This command
            fits it again from every repeat pair now stored and rewrites the errors that change (if a
            calibration of the model is already pending, that one runs instead). With --wait (and a worker
            somewhere, or --work N) prints the inflation and floor per label and S/N_g bin.
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var waiting: WaitOptions
    @Option(help: "Model id, or 'current'.") var model = "current"
    @Option(name: .customLong("label-set"), help: "Label set whose current model to use (when several have one).") var labelSet: String?

    func run() async throws {
        let logger = logging.makeLogger("slam.calibrate")
        let factory = try database.factory(logger: logger)
        let (reference, labelSet) = (model, self.labelSet)
        let (modelID, job) = try await factory.withConnection { db in
            let id = try ModelRegistry().resolve(reference, labelSet: labelSet, db: db)
            return (id, try CalibrateJob.enqueue(modelID: id, refit: true, db: db))
        }
        print("model \(modelID): calibrate job \(job.id.map(String.init) ?? "?")\(job.inserted ? "" : " (already pending)")")
        guard try await waiting.follow(ids: job.id.map { [$0] } ?? [], kinds: [JobKind.calibrate], what: "calibration",
                                       factory: factory, logger: logger) != nil else { return }
        let text = try await factory.withConnection { db in try ErrorCalibrationReport.load(modelID: modelID, db: db) }
        print(text)
    }
}
