import Catalogue
import Foundation
import Logging
import Pipeline
import Simulator
import Store

/// The survey-scale run of `slam-bench scale` (issue 18): a mock survey of `settings.spectra` spectra
/// streamed through the disk and ingested by the jobs and workers, an allStar table of realistic size
/// loaded and crossmatched, a training set, a model (fixed hyperparameters by default), every spectrum
/// predicted, the errors calibrated, the labels exported, and the users' queries timed. Each stage is
/// measured: wall time, memory peaks (this process with its in-process workers; the server's processes)
/// and the database bytes it added per table. The database must be freshly migrated.
public struct ScaleRunner: Sendable {
    public let settings: ScaleSettings
    public let database: PostgresConnectionFactory
    public let logger: Logger

    /// Training-set name of the run.
    public static let trainingSetName = "scale-kgiants"

    public init(settings: ScaleSettings, database: PostgresConnectionFactory, logger: Logger) {
        self.settings = settings
        self.database = database
        self.logger = logger
    }

    /// The survey planned for the run: `settings.stars` stars of `starTypes` types, with APOGEE-only rows
    /// added until the allStar table has `settings.apogeeRowCount` rows (when the counterparts are fewer).
    public func planSurvey() throws -> MockSurvey {
        var configuration = MockSurveyConfiguration(stars: settings.stars, seed: settings.seed, starTypes: settings.starTypes,
                                                    apogeeOnlyRows: 0)
        let counterparts = try MockSurvey(configuration: configuration).apogeeRows.count
        configuration.apogeeOnlyRows = max(0, settings.apogeeRowCount - counterparts)
        return try MockSurvey(configuration: configuration)
    }

    /// Refuses when the database (estimated from ``ScaleDiskBudget/databaseBytesPerSpectrum``) and one chunk of
    /// files cannot fit in the free space of the server's data directory and of the scratch directory.
    /// - Throws: ``ScaleBenchmarkError/insufficientDisk(what:path:neededBytes:freeBytes:)``.
    public func checkDisk() async throws {
        try FileManager.default.createDirectory(at: settings.scratch, withIntermediateDirectories: true)
        let dataDirectory = try await database.withConnection { try ScaleBenchmarkQueries.dataDirectory(db: $0) }
        let budget = ScaleDiskBudget(spectra: settings.spectra, chunkFiles: settings.chunkFiles, bytesPerFile: ScaleSettings.bytesPerFile,
                                     apogeeRows: settings.apogeeRowCount)
        guard let scratch = ScaleDiskBudget.freeSpace(at: settings.scratch.path) else {
            throw ScaleBenchmarkError.emptyStage(stage: "disk check", detail: "cannot read the free space of \(settings.scratch.path)")
        }
        try budget.check(database: dataDirectory.flatMap(ScaleDiskBudget.freeSpace(at:)), scratch: scratch)
    }

    /// Runs every stage; `say` prints a line, `follow` runs jobs to completion (``ScaleWorkers``).
    public func run(say: @escaping @Sendable (String) -> Void, follow: @escaping DemoRunner.Follow) async throws -> ScaleResult {
        try await checkDisk()
        let sampler = try await startSampler()
        defer { sampler.stop() }
        let clock = ContinuousClock()
        let initial = try await sizes()
        var stages: [ScaleStage] = []
        func stage(_ name: String, unit: String, _ body: () async throws -> Int) async throws {
            stages.append(try await measure(name, unit: unit, sampler: sampler, say: say, body))
        }

        // 1-2. The survey, written and ingested chunk by chunk.
        let planStart = clock.now
        let survey = try planSurvey()
        let source = try FastSpectrumSource(survey: survey, compressed: settings.compressed, workers: settings.writerThreads)
        let (summary, streamed) = try await stream(source, sampler: sampler, planSeconds: (clock.now - planStart).seconds, say: say,
                                                   follow: follow)
        stages += streamed
        try await stage("analyse spectra", unit: "tables") {
            try await database.withConnection { db in
                try ScaleBenchmarkQueries.analyse(["lamost_spectrum", "spectrum_preprocessed", "rejection"], db: db)
            }
            return 3
        }
        if settings.stopAfterIngest {
            return ScaleResult(spectra: summary.files, apogeeRows: 0, stages: stages, queries: [],
                               tables: ScaleStage.growth(before: initial, after: try await sizes()))
        }

        // 3. The allStar table and the crossmatch.
        let allStar = settings.scratch.appendingPathComponent(MockSurvey.allStarFile)
        try await stage("apogee load", unit: "allStar rows") {
            try source.writeAllStar(to: allStar)
            defer { try? FileManager.default.removeItem(at: allStar) }
            let job = try await database.withConnection { db in
                try LoadLabelsJob.enqueue(LoadLabelsPayload(kind: .apogee, path: allStar.path, name: "apogee-dr15", release: "DR15",
                                                              apogeeColumns: "dr15"), db: db)
            }
            try await follow([job.id].compactMap { $0 }, [JobKind.loadLabelsApogee], "allStar rows", nil)
            return survey.apogeeRows.count
        }
        try await stage("crossmatch", unit: "spectra") {
            try await crossmatch(follow: follow)
            return summary.files
        }

        // 4-5. Training set and model.
        var report: TrainingSetReport?
        try await stage("training set", unit: "members") {
            let built = try await trainingSet(say: say)
            report = built
            return built.members
        }
        guard let report else { throw ScaleBenchmarkError.emptyStage(stage: "training set", detail: "no training set") }
        var modelID = 0
        try await stage("train", unit: "training stars") {
            let training = ModelTrainingSettings(hyperparameters: settings.hyperparameters, validationFolds: settings.folds, seed: settings.seed)
            let job = try await database.withConnection {
                try TrainJob.enqueue(trainingSet: "\(report.name)@\(report.version)", settings: training, db: $0)
            }
            try await follow([job.id].compactMap { $0 }, [JobKind.train], "training units", nil)
            modelID = try await promoteLatestModel()
            return report.members - report.heldOut
        }

        // 6-7. Every spectrum predicted, the errors calibrated.
        let model = modelID
        try await stage("predict", unit: "spectra") {
            _ = try await predict(modelID: model, follow: follow)
            return try await database.withConnection { try DemoProgressQueries.predictionCount(modelID: model, db: $0) }
        }
        try await stage("analyse predictions", unit: "tables") {
            try await database.withConnection { try ScaleBenchmarkQueries.analyse(["prediction"], db: $0) }
            return 1
        }
        try await stage("calibrate", unit: "spectra") {
            let (_, text) = try await DemoRunner.calibrate(model, database: database, follow: follow)
            say("   " + text)
            return summary.files
        }

        // 8. Export.
        try await stage("export", unit: "rows") { try await export(modelID: model) }

        // 9. The users' queries.
        let queries = try await timeQueries()
        let final = try await sizes()
        return ScaleResult(spectra: summary.files, apogeeRows: survey.apogeeRows.count, stages: stages, queries: queries,
                           tables: ScaleStage.growth(before: initial, after: final))
    }

    /// The paper's training set; built again with the surplus held out when it has more than
    /// `settings.trainingStars` members.
    func trainingSet(say: @Sendable (String) -> Void) async throws -> TrainingSetReport {
        let all = TrainingSetCriteria(seed: settings.seed)
        let first = try await database.withConnection { db in
            try TrainingSetBuilder().create(name: Self.trainingSetName, criteria: all, connection: db)
        }
        guard first.members - first.heldOut > settings.trainingStars else { return first }
        var capped = all
        capped.validationFraction = min(0.99, 1 - Double(settings.trainingStars) / Double(first.members))
        say("   \(first.members) members: built again with \(String(format: "%.3f", capped.validationFraction)) held out "
            + "(about \(settings.trainingStars) training stars)")
        let criteria = capped
        return try await database.withConnection { db in
            try TrainingSetBuilder().create(name: Self.trainingSetName, criteria: criteria, connection: db)
        }
    }

    /// A started sampler of this process's and the database server's memory (stop it when done).
    func startSampler() async throws -> ResourceSampler {
        // The postmaster is the parent of this connection's backend, looked up while the backend lives.
        let postmaster = try await database.withConnection { ResourceSampler.parentPID(try ScaleBenchmarkQueries.backendProcessID(db: $0)) }
        let sampler = ResourceSampler(postmasterPID: postmaster)
        sampler.start()
        return sampler
    }

    /// Measures one stage: its wall time, the memory peaks while it ran and the bytes it added per table;
    /// `body` returns the units it processed.
    func measure(_ name: String, unit: String, sampler: ResourceSampler, say: @Sendable (String) -> Void,
                 _ body: () async throws -> Int) async throws -> ScaleStage {
        let clock = ContinuousClock()
        let before = try await sizes()
        _ = sampler.takePeaks()
        let start = clock.now
        let units = try await body()
        let row = ScaleStage(name: name, seconds: (clock.now - start).seconds, units: units, unitName: unit,
                             peaks: sampler.takePeaks(), growth: ScaleStage.growth(before: before, after: try await sizes()))
        say(String(format: "== %@: %d %@ in %.1f s", name, units, unit, row.seconds))
        return row
    }

    /// Writes the survey of `source` chunk by chunk and ingests each chunk (``ScaleSurveyStream``); returns
    /// what was streamed and the two stages "simulate+write" (with the `planSeconds` spent planning the
    /// survey and synthesising its types) and "ingest".
    func stream(_ source: FastSpectrumSource, sampler: ResourceSampler, planSeconds: Double, say: @Sendable (String) -> Void,
                follow: @escaping DemoRunner.Follow) async throws -> (ScaleSurveyStream.Summary, [ScaleStage]) {
        let clock = ContinuousClock()
        var files = (seconds: planSeconds, peaks: sampler.takePeaks())
        var ingest = (seconds: 0.0, peaks: ResourceSampler.Peaks(processBytes: 0, serverBytes: nil))
        let beforeIngest = try await sizes()
        let stream = ScaleSurveyStream(source: source, folder: settings.scratch.appendingPathComponent("spectra"),
                                       chunkFiles: settings.chunkFiles, batchSize: settings.batchSize, writerThreads: settings.writerThreads,
                                       settle: settings.settleChunks)
        let summary = try await stream.run(database: database, follow: follow) { phase, body in
            _ = sampler.takePeaks()
            let start = clock.now
            try await body()
            let seconds = (clock.now - start).seconds, peaks = sampler.takePeaks()
            switch phase {
            case .files: files = (files.seconds + seconds, files.peaks.merged(peaks))
            case .ingest: ingest = (ingest.seconds + seconds, ingest.peaks.merged(peaks))
            }
        }
        say(String(format: "== simulate+write %.1f s, ingest %.1f s: %d files in %d chunks (%.2f GB written, deleted after ingest)",
                   files.seconds, ingest.seconds, summary.files, summary.chunks, Double(summary.bytes) / 1e9))
        return (summary, [
            ScaleStage(name: "simulate+write", seconds: files.seconds, units: summary.files, unitName: "files", peaks: files.peaks, growth: []),
            ScaleStage(name: "ingest", seconds: ingest.seconds, units: summary.files, unitName: "spectra", peaks: ingest.peaks,
                       growth: ScaleStage.growth(before: beforeIngest, after: try await sizes())),
        ])
    }

    /// Crossmatches the whole survey with the label catalogues (a `crossmatch` job, 3 arcsec).
    func crossmatch(follow: DemoRunner.Follow) async throws {
        let job = try await database.withConnection { try CrossmatchJob.enqueue(CrossmatchParameters(), db: $0) }
        try await follow([job.id].compactMap { $0 }, [JobKind.crossmatch], "crossmatch", nil)
    }

    /// Predicts, with model `modelID`, every spectrum it has not predicted (`predict` jobs of
    /// `settings.predictBatchSize`); returns the spectra planned.
    func predict(modelID: Int, follow: DemoRunner.Follow) async throws -> Int {
        let batch = settings.predictBatchSize
        let (jobs, spectra) = try await database.withConnection {
            try PredictJob.enqueue(modelID: modelID, filter: .all, batchSize: batch, db: $0)
        }
        try await follow(jobs, [JobKind.predict], "spectra", spectra)
        return spectra
    }

    /// Exports the labels of model `modelID` to a FITS table in the scratch directory (deleted afterwards),
    /// as `slam export` does; returns its rows.
    func export(modelID: Int) async throws -> Int {
        let file = settings.scratch.appendingPathComponent("labels.fits")
        defer { try? FileManager.default.removeItem(at: file) }
        return try await database.withConnection { db in
            try CatalogueExporter().export(modelID: modelID, format: .fits, to: file, db: db).rows
        }
    }

    /// Promotes the newest ready model (when no worse than the current one); returns its id.
    func promoteLatestModel() async throws -> Int {
        try await database.withConnection { db in
            guard let model = try ModelRegistry().list(db).filter({ $0.status == .ready }).last else {
                throw ScaleBenchmarkError.emptyStage(stage: "train", detail: "no ready model after training")
            }
            _ = try ModelRegistry().promoteIfNoWorse(model.modelID, db: db)
            return model.modelID
        }
    }

    /// Times every query `settings.queryRuns` times, each run with another random spectrum as input, and
    /// keeps the plan of the first.
    func timeQueries() async throws -> [ScaleQueryTiming] {
        let runs = settings.queryRuns
        return try await database.withConnection { try ScaleQueryTiming.measureAll(runs: runs, db: $0) }
    }

    func sizes() async throws -> [ScaleBenchmarkQueries.TableSize] {
        try await database.withConnection { try ScaleBenchmarkQueries.tableSizes(db: $0) }
    }
}
