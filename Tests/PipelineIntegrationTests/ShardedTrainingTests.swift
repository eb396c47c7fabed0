import CatalogueTestSupport
import Foundation
import Logging
import Pipeline
import Queue
import Store
import StoreTestSupport
import Testing

/// A training split into shard jobs: run by two workers it gives the single-job model bit for bit; a shard
/// whose lease was taken over writes nothing; a retry computes only the shards without a result; cancelling
/// the training cancels its shards.
@Suite("Sharded training")
struct ShardedTrainingTests {
    /// A small grid (two gammas), 2-fold CV; 12 pixels in shards of 5 (3 shards).
    static let settings = ModelTrainingSettings(hyperparameters: .grid(c: [1, 8], epsilon: [0.01], gamma: [0.5, 1], folds: 2),
                                                validationFolds: 2)
    static var sharded: ModelTrainingSettings {
        var s = settings
        s.pixelsPerShard = 5
        return s
    }

    static func quietLogger() -> Logger {
        var logger = Logger(label: "test.shards")
        logger.logLevel = .critical
        return logger
    }

    /// Spectra 1...40 and the training set of 1...30.
    static func world(_ db: PostgresConnection) throws {
        let pp = try TinyModelWorld.spectra(db, first: 1, count: 40)
        try TinyModelWorld.trainingSet(db, obsids: Array(1...30), preprocessingID: pp)
    }

    /// A worker of `kinds` that stops when the queue has nothing for it.
    static func worker(_ database: TestDatabase, kinds: [String]) -> Queue.Worker {
        Queue.Worker(configuration: WorkerConfiguration(kinds: kinds, concurrency: 1, pollIntervalSeconds: 0.1,
                                                        retryPolicy: RetryPolicy(baseSeconds: 0.1, jitterFraction: 0),
                                                        untilEmpty: true, untilEmptyHorizonSeconds: 3),
                     registry: JobKind.registry(), database: database.factory, logger: quietLogger())
    }

    static let allKinds = [JobKind.train, JobKind.trainShard, JobKind.trainAssemble]

    /// Enqueues the sharded training and runs its planner; returns the planner's job id and the model id.
    static func plan(_ database: TestDatabase) async throws -> (planner: Int, model: Int) {
        let planner = try await database.withConnection { db in
            try #require(try TrainJob.enqueue(trainingSet: TinyModelWorld.trainingSetName, settings: Self.sharded, db: db).id)
        }
        try await worker(database, kinds: [JobKind.train]).run()
        let model = try await database.withConnection { db in
            try #require(try db.query("SELECT model_id FROM model WHERE train_job_id = $1", [planner]).first).decode(Int.self, at: 0)
        }
        return (planner, model)
    }

    static func jobs(_ db: PostgresConnection, model: Int) throws -> [(kind: String, state: String, id: Int)] {
        try db.query("SELECT kind, state, id FROM job WHERE group_key = $1 ORDER BY id", [TrainingJobGroup.key(modelID: model)]).rows
            .map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(Int.self, at: 2)) }
    }

    static func status(_ db: PostgresConnection, model: Int) throws -> String? {
        try db.query("SELECT status FROM model WHERE model_id = $1", [model]).first?.decode(String.self, at: 0)
    }

    static func shardRows(_ db: PostgresConnection, model: Int) throws -> [String] {
        try db.query("""
            SELECT shard || ':' || range_start || '-' || range_end || ':' || coalesce(job_id::text, '-') || ':' || sha256
            FROM model_training_shard WHERE model_id = $1 ORDER BY shard
            """, [model]).rows.map { try $0.decode(String.self, at: 0) }
    }

    @Test func twoWorkersGiveTheSingleJobModelBitForBit() async throws {
        try await TestDatabase.withFresh { database in
            let single = try await database.withConnection { db in
                try Self.world(db)
                return try ModelTrainer(settings: Self.settings, logger: Self.quietLogger())
                    .train(trainingSet: TinyModelWorld.trainingSetName, connection: db).modelID
            }
            let (_, model) = try await Self.plan(database)
            async let first: Void = Self.worker(database, kinds: Self.allKinds).run()
            async let second: Void = Self.worker(database, kinds: Self.allKinds).run()
            _ = try await (first, second)
            try await database.withConnection { db in
                #expect(try Self.jobs(db, model: model).map { "\($0.kind):\($0.state)" }
                        == ["train_shard:completed", "train_shard:completed", "train_shard:completed", "train_assemble:completed"])
                let rows = try db.query("""
                    SELECT model_id, status, blob_sha256, cv_metrics::text FROM model WHERE model_id IN ($1, $2) ORDER BY model_id
                    """, [single, model]).rows
                #expect(try rows.map { try $0.decode(String.self, at: 1) } == ["ready", "ready"])
                #expect(try rows[0].decode(String.self, at: 2) == rows[1].decode(String.self, at: 2), "blob sha256")
                #expect(try rows[0].decode(String.self, at: 3) == rows[1].decode(String.self, at: 3), "cross-validation metrics")
                let ranges = try Self.shardRows(db, model: model).map { $0.split(separator: ":")[1] }
                #expect(ranges == ["0-5", "5-10", "10-12"])
                for table in ["model_pixel", "model_precision", "model_validation_prediction"] {
                    #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM \(table) WHERE model_id = $1", [model])
                            == TinyModelWorld.count(db, "SELECT count(*) FROM \(table) WHERE model_id = $1", [single]), "\(table)")
                }
            }
        }
    }

    @Test func aShardWhoseLeaseWasTakenOverWritesNothing() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in try Self.world(db) }
            let (_, model) = try await Self.plan(database)
            // Shard 0 is the only one due, so both attempts are of its job.
            _ = try await database.withConnection { db in
                try db.execute("""
                    UPDATE job SET run_after = now() + interval '1 day'
                    WHERE kind = 'train_shard' AND id > (SELECT min(id) FROM job WHERE kind = 'train_shard')
                    """)
            }
            let (paused, rescuer) = try await LeaseFencingTests.rescuedAttempts(database, kind: JobKind.trainShard)
            let handler = try #require(JobKind.registry().handler(for: JobKind.trainShard))
            #expect(throws: (any Error).self) { try handler.run(paused.0, context: paused.1) }
            #expect(paused.1.isCancelled)
            let stored = try await database.withConnection { db in try Self.shardRows(db, model: model) }
            #expect(stored.isEmpty)
            try handler.run(rescuer.0, context: rescuer.1)
            try await database.withConnection { db in
                let rows = try Self.shardRows(db, model: model)
                #expect(rows.count == 1 && rows[0].hasPrefix("0:0-5:\(rescuer.0.id):"), "\(rows)")
                #expect(try JobQueue(db).job(id: rescuer.0.id)?.state == .completed)
            }
        }
    }

    @Test func aRetryComputesOnlyTheShardsWithoutAResult() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in try Self.world(db) }
            let (_, model) = try await Self.plan(database)
            // Shard 1's job is cancelled; the others run, then the assembly finds shard 1 missing.
            let cancelled = try await database.withConnection { db in
                let shard1 = try #require(try Self.jobs(db, model: model).filter { $0.kind == JobKind.trainShard }.dropFirst().first).id
                #expect(try JobQueue(db).cancel(id: shard1))
                try db.execute("UPDATE job SET run_after = now() WHERE kind = 'train_assemble'")
                return shard1
            }
            try await Self.worker(database, kinds: Self.allKinds).run()
            let before = try await database.withConnection { db in
                #expect(try Self.jobs(db, model: model).map(\.state) == ["completed", "cancelled", "completed", "dead"])
                let assemble = try #require(try Self.jobs(db, model: model).last)
                #expect(try JobQueue(db).job(id: assemble.id)?.lastError?.contains("shards 1 of 3 have no stored result") == true)
                #expect(try Self.status(db, model: model) == "training")
                return try Self.shardRows(db, model: model)
            }
            #expect(before.count == 2)
            // Retry the cancelled shard and the assembly: only shard 1 is computed.
            let retried = try await database.withConnection { db in
                let assemble = try #require(try Self.jobs(db, model: model).last).id
                return [try JobQueue(db).retry(id: cancelled), try JobQueue(db).retry(id: assemble)]
            }
            #expect(retried == [true, true])
            try await Self.worker(database, kinds: Self.allKinds).run()
            try await database.withConnection { db in
                let after = try Self.shardRows(db, model: model)
                #expect(after.count == 3)
                #expect(Set(before).isSubset(of: after), "stored shards are kept as they were")
                #expect(after[1].hasPrefix("1:5-10:\(cancelled):"))
                #expect(try Self.status(db, model: model) == "ready")
            }
        }
    }

    @Test func cancellingTheTrainJobCancelsItsShardsAndTheModel() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in try Self.world(db) }
            let (planner, model) = try await Self.plan(database)
            try await database.withConnection { db in
                let result = try #require(try TrainingJobGroup.cancelTraining(ofJob: planner, db: db))
                #expect(result.modelID == model && result.jobs == 4)
                #expect(try Self.jobs(db, model: model).allSatisfy { $0.state == "cancelled" })
                #expect(try Self.status(db, model: model) == "failed")
                #expect(try TrainingJobGroup.cancelTraining(ofJob: planner, db: db)?.jobs == 0)
                // An assembly retried after the cancel writes nothing for the cancelled model.
                let assemble = try #require(try Self.jobs(db, model: model).last)
                #expect(assemble.kind == JobKind.trainAssemble)
                #expect(try JobQueue(db).retry(id: assemble.id))
                _ = try db.execute("UPDATE job SET run_after = now() WHERE id = $1", [assemble.id])
            }
            try await Self.worker(database, kinds: Self.allKinds).run()
            try await database.withConnection { db in
                let assemble = try #require(try Self.jobs(db, model: model).last)
                #expect(assemble.state == "dead")
                #expect(try JobQueue(db).job(id: assemble.id)?.lastError?.contains("is failed, not training") == true)
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model_blob_chunk WHERE model_id = $1", [model]) == 0)
                #expect(try Self.status(db, model: model) == "failed")
            }
        }
    }
}
