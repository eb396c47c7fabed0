import CatalogueTestSupport
import Foundation
import Logging
import Pipeline
import Queue
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// Nothing done twice: for every job kind that writes results, a worker paused past its lease (its job
/// rescued and run to the end by another worker) writes nothing when it resumes. Each test enqueues the
/// job, claims it as the worker that will be paused (attempt 1), rescues it, lets a second worker claim
/// and run it (attempt 2), then resumes the first: its handler's result write is refused by the lease
/// fence, and exactly one result exists.
@Suite("Lease fencing: a rescued job's first worker writes nothing")
struct LeaseFencingTests {
    static let paused = "paused-worker"
    static let rescuer = "rescuer-worker"

    static func quietLogger() -> Logger {
        var logger = Logger(label: "test.fencing")
        logger.logLevel = .critical
        return logger
    }

    /// The two attempts of job `id` (the only available job of its kind): attempt 1 claimed by ``paused`` and
    /// rescued (its lease treated as expired), attempt 2 claimed by ``rescuer``.
    static func rescuedAttempts(_ database: TestDatabase, kind: String) async throws -> (paused: (Job, JobContext), rescuer: (Job, JobContext)) {
        try await database.withConnection { db in
            let queue = JobQueue(db)
            let first = try #require(try queue.claim(kinds: [kind], limit: 1, owner: Self.paused, leaseSeconds: 60).first)
            #expect(try queue.rescueExpired(asOf: Date().addingTimeInterval(3600)) == [first.id])
            let second = try #require(try queue.claim(kinds: [kind], limit: 1, owner: Self.rescuer, leaseSeconds: 60).first)
            #expect(second.id == first.id && second.attempt == 2)
            return ((first, JobContext(database: database.factory, logger: Self.quietLogger(), lease: .init(first), owner: Self.paused)),
                    (second, JobContext(database: database.factory, logger: Self.quietLogger(), lease: .init(second), owner: Self.rescuer)))
        }
    }

    /// Runs both attempts and returns the job's final state. `pausedFirst`: the paused worker resumes while
    /// the rescuer has not written yet (its write must be refused by the fence); otherwise it resumes after
    /// the rescuer finished (refused, or finding nothing left to write).
    static func runBoth(_ database: TestDatabase, kind: String, pausedFirst: Bool) async throws -> JobState {
        let (paused, rescuer) = try await rescuedAttempts(database, kind: kind)
        let handler = try #require(JobKind.registry().handler(for: kind))
        if pausedFirst {
            #expect(throws: (any Error).self) { try handler.run(paused.0, context: paused.1) }
            #expect(paused.1.isCancelled, "the refused attempt is marked lost, so its worker records nothing")
        }
        try handler.run(rescuer.0, context: rescuer.1)
        // A handler that did not complete the job with its results leaves that to the worker.
        try await database.withConnection { db in
            if try JobQueue(db).job(id: rescuer.0.id)?.state == .running {
                #expect(try JobQueue(db).complete([.init(rescuer.0)], owner: Self.rescuer) == [rescuer.0.id])
            }
        }
        if !pausedFirst {
            do {
                try handler.run(paused.0, context: paused.1)
            } catch {
                #expect(JobOutcome.from(error: error) == .leaseLost, "\(kind): \(error)")
                #expect(paused.1.isCancelled, "the refused attempt is marked lost, so its worker records nothing")
            }
        }
        return try await database.withConnection { db in try #require(try JobQueue(db).job(id: rescuer.0.id)).state }
    }

    static func count(_ database: TestDatabase, _ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await database.withConnection { db in try TinyModelWorld.count(db, sql, parameters) }
    }

    @Test(arguments: [true, false]) func ingestWritesEachSpectrumOnce(pausedFirst: Bool) async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try (1...4).map { try IngestIsolationTests.write(dir, $0, obsid: 7700 + Int64($0), plan: "FENCE") }
        try await TestDatabase.withFresh { database in
            _ = try await database.withConnection { db in
                try JobQueue(db).enqueue(JobRequest(IngestLamostPayload(paths: paths)))
            }
            #expect(try await Self.runBoth(database, kind: JobKind.ingestLamost, pausedFirst: pausedFirst) == .completed)
            #expect(try await Self.count(database, "SELECT count(*) FROM lamost_spectrum") == 4)
            #expect(try await Self.count(database, "SELECT count(*) FROM spectrum_preprocessed") == 4)
            #expect(try await Self.count(database, "SELECT count(DISTINCT ingest_job_id) FROM lamost_spectrum") == 1)
            #expect(try await Self.count(database, "SELECT count(*) FROM rejection") == 0)
        }
    }

    @Test(arguments: [true, false]) func trainWritesOneModel(pausedFirst: Bool) async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TinyModelWorld.spectra(db, first: 1, count: 30)
                try TinyModelWorld.trainingSet(db, obsids: Array(1...30), preprocessingID: pp)
                _ = try TrainJob.enqueue(trainingSet: TinyModelWorld.trainingSetName, settings: TinyModelWorld.settings, db: db)
            }
            #expect(try await Self.runBoth(database, kind: JobKind.train, pausedFirst: pausedFirst) == .completed)
            #expect(try await Self.count(database, "SELECT count(*) FROM model WHERE status = 'ready'") == 1)
            #expect(try await Self.count(database, "SELECT count(*) FROM model WHERE status = 'failed'") == 0,
                    "the refused attempt does not mark anything failed")
            #expect(try await Self.count(database, "SELECT count(DISTINCT model_id) FROM model_pixel") == 1)
            #expect(try await Self.count(database, "SELECT count(DISTINCT model_id) FROM model_blob_chunk") == 1)
        }
    }

    @Test(arguments: [true, false]) func predictWritesEachPredictionOnceAndPlansOneCalibration(pausedFirst: Bool) async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                try ModelRegistry().promote(model, db: db)
                try JobQueue(db).enqueue(JobRequest(PredictPayload(modelID: model, obsids: Array(31...40))))
            }
            #expect(try await Self.runBoth(database, kind: JobKind.predict, pausedFirst: pausedFirst) == .completed)
            #expect(try await Self.count(database, "SELECT count(*) FROM prediction") == 10)
            #expect(try await Self.count(database, "SELECT count(DISTINCT predict_job_id) FROM prediction") == 1)
            #expect(try await Self.count(database, "SELECT count(*) FROM job WHERE kind = $1", [JobKind.calibrate]) == 1)
        }
    }

    @Test(arguments: [true, false]) func calibrateWritesOneCalibration(pausedFirst: Bool) async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                _ = try SpectrumPredictor().predict(modelID: model, obsids: Array(31...40), db: db)
                try CalibrateJob.enqueue(modelID: model, db: db)
            }
            #expect(try await Self.runBoth(database, kind: JobKind.calibrate, pausedFirst: pausedFirst) == .completed)
            #expect(try await Self.count(database, "SELECT count(DISTINCT calibrate_job_id) FROM model_error_inflation") == 1)
            #expect(try await Self.count(database, "SELECT count(*) FROM model_error_inflation WHERE label = 'teff' AND scope = 'all'") == 1)
        }
    }

    @Test(arguments: [true, false]) func posteriorWritesOnePosterior(pausedFirst: Bool) async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                try ModelRegistry().promote(model, db: db)
                _ = try PosteriorJob.enqueue(modelID: model, obsids: [35], sampler: PosteriorTests.sampler, db: db)
            }
            #expect(try await Self.runBoth(database, kind: JobKind.posterior, pausedFirst: pausedFirst) == .completed)
            #expect(try await Self.count(database, "SELECT count(*) FROM posterior") == 1)
        }
    }

    @Test(arguments: [true, false]) func crossmatchWritesOneRun(pausedFirst: Bool) async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try TinyModelWorld.spectra(db, first: 1, count: 10)
                for k in 1...10 {
                    try TestRows.apogeeStar(db, id: "2M\(k)", ra: 10 + Double(k) * 0.01, dec: 20)
                }
                try JobQueue(db).enqueue(JobRequest(CrossmatchParameters()))
            }
            #expect(try await Self.runBoth(database, kind: JobKind.crossmatch, pausedFirst: pausedFirst) == .completed)
            #expect(try await Self.count(database, "SELECT count(*) FROM crossmatch_run") == 1)
            #expect(try await Self.count(database, "SELECT count(*) FROM crossmatch_pair") == 10)
        }
    }

    @Test(arguments: [true, false]) func loadLabelsWritesOneCatalogueVersion(pausedFirst: Bool) async throws {
        let path = try LabelCatalogueLoaderTests.write(LabelCatalogueLoaderTests.laspCSV)
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                _ = try LoadLabelsJob.enqueue(LoadLabelsPayload(kind: .lasp, path: path, name: "lasp-dr5", release: "DR5", mapping: .lasp),
                                                db: db)
            }
            #expect(try await Self.runBoth(database, kind: JobKind.loadLabelsLASP, pausedFirst: pausedFirst) == .completed)
            #expect(try await Self.count(database, "SELECT count(*) FROM label_catalogue") == 1)
            #expect(try await Self.count(database, "SELECT count(*) FROM label_catalogue_load") == 1,
                    "the refused attempt records no failed load either")
        }
    }
}
