import Foundation
import Logging
import Catalogue
import CatalogueTestSupport
import Demo
import Pipeline
import Queue
import Store
import StoreTestSupport
import Testing

/// Migration 0018 and docs/roles.md: every grant and denial of the roles table, tried by a login role
/// granted each group role (a real login, not SET ROLE), and a mock survey run by workers that log in
/// as a role granted only `slam_worker`.
@Suite("Role privileges")
struct RolePrivilegeTests {
    /// What a statement must do for a role.
    enum Outcome: Equatable, CustomStringConvertible {
        /// Succeeds (and, for a write, changes at least one row).
        case allowed
        /// Fails with SQLSTATE 42501 (insufficient privilege, or a row-level security check).
        case denied
        /// Succeeds but changes nothing: row-level security hides the row from the role.
        case hidden

        var description: String {
            switch self {
            case .allowed: "allowed"
            case .denied: "denied (42501)"
            case .hidden: "no rows visible"
            }
        }
    }

    struct Case: CustomStringConvertible {
        var action: String
        var sql: String
        var outcome: Outcome
        var description: String { "\(action): \(outcome)" }
        /// INSERT, UPDATE or DELETE: allowed only if it changed a row (row-level security hides rows silently).
        var isRowWrite: Bool { ["INSERT", "UPDATE", "DELETE"].contains { sql.hasPrefix($0) } }
    }

    /// Ids of the fixture rows the cases act on.
    struct Fixture {
        var trainingModel: Int
        var readyModel: Int
        var availableJob: Int
        var deadJob: Int
        /// A pending asynchronous TAP job (`tap_job.uws_id`).
        var tapJob: String
    }

    /// Spectra, a training set, a model still training and a ready one, an available ingest job, a
    /// dead one, a due schedule, a rejection, a worker's row and a pending TAP job (written by the superuser).
    static func fixture(_ db: PostgresConnection) throws -> Fixture {
        let pp = try TinyModelWorld.spectra(db, first: 1, count: 3)
        let set = try TinyModelWorld.trainingSet(db, obsids: [1, 2, 3], preprocessingID: pp)
        let training = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, labelSet: TinyModelWorld.labelSet)
        let ready = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, labelSet: TinyModelWorld.labelSet, ready: true)
        let queue = JobQueue(db)
        let available = try #require(try queue.enqueue(JobRequest(kind: JobKind.ingestLamost, payload: JSONB(#"{"paths":["/data/a.fits"]}"#))).id)
        let dead = try #require(try queue.enqueue(JobRequest(kind: JobKind.crossmatch, payload: JSONB(#"{"radiusArcsec":3}"#))).id)
        try db.execute("UPDATE job SET state = 'dead', finished_at = now() WHERE id = $1", [dead])
        // A schedule already due (a minute ago), which the queue's schedule store cannot write: it sets the next fire from the cron.
        try db.execute("""
            INSERT INTO schedule (name, cron, kind, payload, enabled, next_fire_at)
            VALUES ('nightly', '0 3 * * *', 'retrain', '{"trainingSet":"tiny"}', true, date_trunc('minute', now()) - interval '1 minute')
            """)
        try TestRows.rejection(db, stage: "ingest", source: "/data/b.fits")
        try WorkerRegistry(db).beat(WorkerConfiguration(workerID: "fixture:1:a"), running: 0)
        let tapJob = try TapJobQueries.create(parameters: ["QUERY": "SELECT 1"], upload: nil, destruction: Date(timeIntervalSince1970: 1_900_000_000),
                                              executionDuration: 0, owner: nil, db: db).id
        return Fixture(trainingModel: training, readyModel: ready, availableJob: available, deadJob: dead, tapJob: tapJob)
    }

    /// The due fire of schedule `nightly`, as the scheduler enqueues it, with `payload` (nil: the schedule's).
    static func scheduleFire(payload: String? = nil) -> String {
        """
        INSERT INTO job (kind, payload, priority, max_attempts, unique_key, unique_scope)
        SELECT kind, \(payload.map { "'\($0)'::jsonb" } ?? "payload"), priority, max_attempts,
               'schedule:' || name || ':' || to_char(next_fire_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'), 'forever'
        FROM schedule WHERE name = 'nightly'
        """
    }

    // The documented table (docs/roles.md), row by row. Each case's statement is raw SQL on purpose: whether the
    // role may run that very statement is what the case checks.

    static func readerCases(_ f: Fixture) -> [Case] {
        [
            Case(action: "read labels_current", sql: "SELECT * FROM labels_current", outcome: .allowed),
            Case(action: "read job", sql: "SELECT * FROM job", outcome: .allowed),
            Case(action: "read model", sql: "SELECT * FROM model", outcome: .allowed),
            Case(action: "read schema_migrations", sql: "SELECT * FROM schema_migrations", outcome: .allowed),
            Case(action: "write rejection", sql: "INSERT INTO rejection (stage, source, reason_code, reason) VALUES ('a', 'b', 'c', 'd')", outcome: .denied),
            Case(action: "enqueue a job", sql: "INSERT INTO job (kind) VALUES ('predict')", outcome: .denied),
            Case(action: "delete jobs", sql: "DELETE FROM job", outcome: .denied),
            Case(action: "report a worker", sql: "INSERT INTO worker (worker_id, host, pid, slots, heartbeat_seconds) VALUES ('r:1:a', 'r', 1, 1, 10)", outcome: .denied),
            Case(action: "retire a model", sql: "UPDATE model SET status = 'retired' WHERE model_id = \(f.readyModel)", outcome: .denied),
            Case(action: "promote a model", sql: "INSERT INTO model_promotion (label_set, model_id, decided_by) VALUES ('tiny-labels', \(f.readyModel), 'user')", outcome: .denied),
            Case(action: "create a table", sql: "CREATE TABLE t_reader (x int)", outcome: .denied),
            Case(action: "read the published schema and TAP_SCHEMA", sql: "SELECT * FROM slam.labels, slam.models, tap_schema.columns", outcome: .allowed),
            Case(action: "read TAP jobs", sql: "SELECT * FROM tap_job, tap_result_chunk", outcome: .allowed),
            Case(action: "change a TAP job", sql: "UPDATE tap_job SET phase = 'QUEUED' WHERE uws_id = '\(f.tapJob)'", outcome: .denied),
            Case(action: "refresh TAP_SCHEMA", sql: "SELECT slam_refresh_tap_schema()", outcome: .denied),
            Case(action: "purge a model's predictions", sql: "SELECT slam_purge_predictions(\(f.readyModel))", outcome: .denied),
        ]
    }

    static func workerCases(_ f: Fixture) -> [Case] {
        [
            Case(action: "read everything", sql: "SELECT * FROM job, schedule, model_promotion, labels_current", outcome: .allowed),
            Case(action: "report itself in worker", sql: "INSERT INTO worker (worker_id, host, pid, slots, heartbeat_seconds) VALUES ('w:1:a', 'w', 1, 1, 10)", outcome: .allowed),
            Case(action: "refresh its heartbeat", sql: "UPDATE worker SET heartbeat_at = now()", outcome: .allowed),
            Case(action: "delete workers", sql: "DELETE FROM worker", outcome: .denied),
            Case(action: "write a rejection", sql: "INSERT INTO rejection (stage, source, reason_code, reason) VALUES ('a', 'b', 'c', 'd')", outcome: .allowed),
            Case(action: "replace rejections", sql: "DELETE FROM rejection WHERE source = '/data/b.fits'", outcome: .allowed),
            Case(action: "edit a rejection", sql: "UPDATE rejection SET reason = 'z'", outcome: .denied),
            Case(action: "ingest (replace a spectrum)", sql: "UPDATE lamost_spectrum SET snrg = snrg WHERE obsid = 1", outcome: .allowed),
            Case(action: "crossmatch", sql: "INSERT INTO crossmatch_run (radius_arcsec, apogee_release, ambiguity_arcsec) VALUES (3, 'DR15', 1)", outcome: .allowed),
            Case(action: "start a model", sql: "INSERT INTO model (label_set, training_set_id, label_names, preprocessing_id, settings, code_version) SELECT label_set, training_set_id, label_names, preprocessing_id, settings, code_version FROM model WHERE model_id = \(f.trainingModel)", outcome: .allowed),
            Case(action: "insert a ready model", sql: "INSERT INTO model (label_set, training_set_id, label_names, preprocessing_id, status, settings, code_version, blob_bytes, blob_sha256, finished_at) SELECT label_set, training_set_id, label_names, preprocessing_id, 'ready', settings, code_version, 1, blob_sha256, now() FROM model WHERE model_id = \(f.readyModel)", outcome: .denied),
            Case(action: "finish a training model", sql: "UPDATE model SET status = 'failed', error = 'x', finished_at = now() WHERE model_id = \(f.trainingModel)", outcome: .allowed),
            Case(action: "retire a training model", sql: "UPDATE model SET status = 'retired' WHERE model_id = \(f.trainingModel)", outcome: .denied),
            Case(action: "retire a ready model", sql: "UPDATE model SET status = 'retired' WHERE model_id = \(f.readyModel)", outcome: .hidden),
            Case(action: "delete a model", sql: "DELETE FROM model WHERE model_id = \(f.trainingModel)", outcome: .denied),
            Case(action: "promote a model", sql: "INSERT INTO model_promotion (label_set, model_id, decided_by) VALUES ('tiny-labels', \(f.readyModel), 'user')", outcome: .denied),
            Case(action: "promote by rule outside a retrain job", sql: "SELECT model_promote_by_rule(\(f.readyModel))", outcome: .denied),
            Case(action: "purge a model's predictions", sql: "SELECT slam_purge_predictions(\(f.readyModel))", outcome: .denied),
            Case(action: "make a prediction partition", sql: "SELECT slam_prediction_partition(424242)", outcome: .denied),
            Case(action: "enqueue predict", sql: "INSERT INTO job (kind, payload) VALUES ('predict', '{\"modelID\":1,\"obsids\":[1]}')", outcome: .allowed),
            Case(action: "enqueue calibrate", sql: "INSERT INTO job (kind, payload) VALUES ('calibrate', '{\"modelID\":1}')", outcome: .allowed),
            Case(action: "enqueue calibrate in its model's group", sql: "INSERT INTO job (kind, payload, group_key) VALUES ('calibrate', '{\"modelID\":2}', 'model:2')", outcome: .allowed),
            Case(action: "enqueue a training's shard and assembly", sql: "INSERT INTO job (kind, payload, group_key) VALUES ('train_shard', '{}', 'training:1'), ('train_assemble', '{}', 'training:1')", outcome: .allowed),
            Case(action: "store a training shard", sql: "INSERT INTO model_training_shard (model_id, phase, shard, range_start, range_end, result, sha256, seconds, worker) VALUES (\(f.trainingModel), 'pixels', 0, 0, 5, '\\x00', repeat('0', 64), 1, 'w')", outcome: .allowed),
            Case(action: "replace a training shard", sql: "UPDATE model_training_shard SET result = '\\x01'", outcome: .denied),
            Case(action: "move a job to another group", sql: "UPDATE job SET group_key = 'model:9' WHERE id = \(f.availableJob)", outcome: .denied),
            Case(action: "enqueue ingest_lamost", sql: "INSERT INTO job (kind, payload) VALUES ('ingest_lamost', '{\"paths\":[\"/etc/shadow\"]}')", outcome: .denied),
            Case(action: "enqueue retrain", sql: "INSERT INTO job (kind, payload) VALUES ('retrain', '{\"trainingSet\":\"tiny\"}')", outcome: .denied),
            Case(action: "enqueue a due schedule fire", sql: scheduleFire(), outcome: .allowed),
            Case(action: "enqueue a schedule fire with another payload", sql: scheduleFire(payload: #"{"trainingSet":"other"}"#), outcome: .denied),
            Case(action: "claim/heartbeat a waiting job", sql: "UPDATE job SET run_after = now(), updated_at = now() WHERE id = \(f.availableJob)", outcome: .allowed),
            Case(action: "change a job's payload", sql: "UPDATE job SET payload = '{\"paths\":[\"/etc/shadow\"]}' WHERE id = \(f.availableJob)", outcome: .denied),
            Case(action: "change a job's kind", sql: "UPDATE job SET kind = 'ingest_lamost' WHERE id = \(f.availableJob)", outcome: .denied),
            Case(action: "revive a dead job", sql: "UPDATE job SET state = 'available', attempt = 0, finished_at = NULL WHERE id = \(f.deadJob)", outcome: .hidden),
            Case(action: "delete jobs", sql: "DELETE FROM job", outcome: .denied),
            Case(action: "record a schedule fire", sql: "UPDATE schedule SET last_fire_at = next_fire_at, next_fire_at = next_fire_at + interval '1 day', updated_at = now() WHERE name = 'nightly'", outcome: .allowed),
            Case(action: "add a schedule", sql: "INSERT INTO schedule (name, cron, kind, next_fire_at) VALUES ('w', '* * * * *', 'ingest_lamost', now())", outcome: .denied),
            Case(action: "change a schedule's payload", sql: "UPDATE schedule SET payload = '{}' WHERE name = 'nightly'", outcome: .denied),
            Case(action: "remove a schedule", sql: "DELETE FROM schedule", outcome: .denied),
            Case(action: "edit schema_migrations", sql: "DELETE FROM schema_migrations", outcome: .denied),
            Case(action: "drop a table", sql: "DROP TABLE prediction", outcome: .denied),
            Case(action: "claim ownership", sql: "SELECT slam_claim_ownership('slam_owner')", outcome: .denied),
            Case(action: "run a TAP job", sql: "UPDATE tap_job SET phase = 'EXECUTING', started_at = now() WHERE uws_id = '\(f.tapJob)'", outcome: .allowed),
            Case(action: "store a TAP result chunk", sql: "INSERT INTO tap_result_chunk (uws_id, seq, data) VALUES ('\(f.tapJob)', 0, '\\x00')", outcome: .allowed),
            Case(action: "create a TAP job", sql: "INSERT INTO tap_job (uws_id, destruction_at) VALUES ('worker0000000000', now())", outcome: .allowed),
            Case(action: "delete a TAP job", sql: "DELETE FROM tap_job WHERE uws_id = '\(f.tapJob)'", outcome: .allowed),
            Case(action: "read the published schema", sql: "SELECT * FROM slam.labels_history, tap_schema.tables", outcome: .allowed),
            Case(action: "refresh TAP_SCHEMA", sql: "SELECT slam_refresh_tap_schema()", outcome: .denied),
            Case(action: "write TAP_SCHEMA", sql: "DELETE FROM tap_schema.columns", outcome: .denied),
        ]
    }

    static func operatorCases(_ f: Fixture) -> [Case] {
        [
            Case(action: "enqueue ingest_lamost", sql: "INSERT INTO job (kind, payload) VALUES ('ingest_lamost', '{\"paths\":[\"/data/c.fits\"]}')", outcome: .allowed),
            Case(action: "retry a dead job", sql: "UPDATE job SET state = 'available', attempt = 0, finished_at = NULL WHERE id = \(f.deadJob)", outcome: .allowed),
            Case(action: "cancel a job", sql: "UPDATE job SET state = 'cancelled', finished_at = now() WHERE id = \(f.availableJob)", outcome: .allowed),
            Case(action: "add a schedule", sql: "INSERT INTO schedule (name, cron, kind, next_fire_at) VALUES ('o', '* * * * *', 'crossmatch', now())", outcome: .allowed),
            Case(action: "remove a schedule", sql: "DELETE FROM schedule WHERE name = 'nightly'", outcome: .allowed),
            Case(action: "promote a model", sql: "INSERT INTO model_promotion (label_set, model_id, decided_by) VALUES ('tiny-labels', \(f.readyModel), 'user')", outcome: .allowed),
            Case(action: "retire a model", sql: "UPDATE model SET status = 'retired' WHERE model_id = \(f.readyModel)", outcome: .allowed),
            Case(action: "write worker rows", sql: "INSERT INTO rejection (stage, source, reason_code, reason) VALUES ('a', 'b', 'c', 'd')", outcome: .allowed),
            Case(action: "delete a model", sql: "DELETE FROM model WHERE model_id = \(f.trainingModel)", outcome: .denied),
            Case(action: "delete jobs", sql: "DELETE FROM job", outcome: .denied),
            Case(action: "edit schema_migrations", sql: "DELETE FROM schema_migrations", outcome: .denied),
            Case(action: "create a table", sql: "CREATE TABLE t_operator (x int)", outcome: .denied),
            Case(action: "create a TAP job", sql: "INSERT INTO tap_job (uws_id, destruction_at) VALUES ('operator00000000', now())", outcome: .allowed),
            Case(action: "abort a TAP job", sql: "UPDATE tap_job SET phase = 'ABORTED', ended_at = now() WHERE uws_id = '\(f.tapJob)'", outcome: .allowed),
            Case(action: "delete a TAP job", sql: "DELETE FROM tap_job WHERE uws_id = '\(f.tapJob)'", outcome: .allowed),
            Case(action: "refresh TAP_SCHEMA", sql: "SELECT slam_refresh_tap_schema()", outcome: .allowed),
            Case(action: "write TAP_SCHEMA", sql: "DELETE FROM tap_schema.columns", outcome: .denied),
        ]
    }

    /// The role TAP queries run as: the published schema and TAP_SCHEMA, nothing else.
    static func tapCases(_ f: Fixture) -> [Case] {
        [
            Case(action: "read the published views", sql: "SELECT * FROM slam.labels, slam.labels_history, slam.spectra, slam.models, slam.model_precision, slam.flag_bits", outcome: .allowed),
            Case(action: "read TAP_SCHEMA", sql: "SELECT * FROM tap_schema.schemas, tap_schema.tables, tap_schema.columns, tap_schema.keys, tap_schema.key_columns", outcome: .allowed),
            Case(action: "call q3c", sql: "SELECT q3c_dist(10, 20, 10.001, 20)", outcome: .allowed),
            Case(action: "read a public table", sql: "SELECT * FROM public.lamost_spectrum", outcome: .denied),
            Case(action: "read a public view", sql: "SELECT * FROM labels_current", outcome: .denied),
            Case(action: "read job", sql: "SELECT * FROM job", outcome: .denied),
            Case(action: "read tap_job", sql: "SELECT * FROM tap_job", outcome: .denied),
            Case(action: "read tap_result_chunk", sql: "SELECT * FROM tap_result_chunk", outcome: .denied),
            Case(action: "write a published view", sql: "INSERT INTO slam.spectra (obsid, ra, dec) VALUES (99, 1, 1)", outcome: .denied),
            Case(action: "write TAP_SCHEMA", sql: "DELETE FROM tap_schema.columns", outcome: .denied),
            Case(action: "write tap_job", sql: "UPDATE tap_job SET phase = 'QUEUED' WHERE uws_id = '\(f.tapJob)'", outcome: .denied),
            Case(action: "refresh TAP_SCHEMA", sql: "SELECT slam_refresh_tap_schema()", outcome: .denied),
            Case(action: "create a table", sql: "CREATE TABLE t_tap (x int)", outcome: .denied),
            Case(action: "create a view in the published schema", sql: "CREATE VIEW slam.t_tap AS SELECT 1", outcome: .denied),
        ]
    }

    static func ownerCases(_ f: Fixture) -> [Case] {
        [
            Case(action: "create a table", sql: "CREATE TABLE t_owner (x int)", outcome: .allowed),
            Case(action: "alter a table", sql: "ALTER TABLE job ADD COLUMN t_owner_note text", outcome: .allowed),
            Case(action: "comment schema_migrations", sql: "COMMENT ON TABLE schema_migrations IS 'x'", outcome: .allowed),
            Case(action: "record a migration", sql: "INSERT INTO schema_migrations (version, name, checksum, duration_ms) VALUES (9999, '9999_x.sql', repeat('0', 64), 1)", outcome: .allowed),
            Case(action: "delete a model", sql: "DELETE FROM model WHERE model_id = \(f.trainingModel)", outcome: .allowed),
        ]
    }

    /// Creates a login role granted `group`, returns its name (dropped by ``dropLogin(_:admin:)``).
    static func createLogin(granted group: String, admin: PostgresConnection) throws -> String {
        let login = "t_\(group)_\(UInt32.random(in: 0...UInt32.max))"
        try admin.executeScript("CREATE ROLE \(login) LOGIN; GRANT \(group) TO \(login)", name: "create login role")
        return login
    }

    static func dropLogin(_ login: String, database: TestDatabase) async {
        _ = try? await database.withConnection { db in
            try db.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)", name: "drop login role")
        }
    }

    /// Runs each case as a login role granted `group`, each in a transaction rolled back afterwards.
    static func check(_ group: String, _ cases: @escaping @Sendable (Fixture) -> [Case]) async throws {
        try await TestDatabase.withFresh { database in
            let (fixture, login) = try await database.withConnection { db in
                (try Self.fixture(db), try Self.createLogin(granted: group, admin: db))
            }
            do {
                let factory = PostgresConnectionFactory(configuration: database.configuration.withUser(login), logger: Logger(label: "slam.test"))
                try await factory.withConnection { db in
                    #expect(try db.query("SELECT current_user").first?.decode(String.self, at: 0) == login)
                    for item in cases(fixture) {
                        try db.executeScript("BEGIN", name: "begin")
                        let observed: Outcome
                        do {
                            let changed = try db.execute(item.sql)
                            observed = changed > 0 || !item.isRowWrite ? .allowed : .hidden
                        } catch let error as PostgresError where error.sqlState == "42501" {
                            observed = .denied
                        }
                        try db.executeScript("ROLLBACK", name: "rollback")
                        #expect(observed == item.outcome, "\(group): \(item.action)")
                    }
                }
            } catch {
                await Self.dropLogin(login, database: database)
                throw error
            }
            await Self.dropLogin(login, database: database)
        }
    }

    @Test func aReaderReadsEverythingAndWritesNothing() async throws {
        try await Self.check("slam_reader", Self.readerCases)
    }

    @Test func aWorkerWritesOnlyWhatItsJobsWrite() async throws {
        try await Self.check("slam_worker", Self.workerCases)
    }

    @Test func anOperatorPromotesRetiresSchedulesAndEnqueuesAnyJob() async throws {
        try await Self.check("slam_operator", Self.operatorCases)
    }

    @Test func aTapRoleReadsOnlyThePublishedSchema() async throws {
        try await Self.check("slam_tap", Self.tapCases)
    }

    @Test func anOwnerChangesTheSchemaAndTheMigrationTable() async throws {
        try await Self.check("slam_owner", Self.ownerCases)
    }

    @Test func everyObjectOfTheSchemaIsOwnedBySlamOwner() async throws {
        try await FreshDatabase.run { db in
            let strays = try db.query("""
                SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                  AND pg_get_userbyid(c.relowner) <> 'slam_owner'
                UNION ALL
                SELECT p.proname FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> 'slam_owner'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
                ORDER BY 1
                """).rows.map { try $0.decode(String.self, at: 0) }
            #expect(strays == [])
        }
    }

    /// A worker promotes by rule only the model a running retrain job trained, with that job's tolerance.
    @Test func aWorkerPromotesByRuleOnlyInsideARetrainJob() async throws {
        try await TestDatabase.withFresh { database in
            let (fixture, login, job) = try await database.withConnection { db in
                let fixture = try Self.fixture(db)
                let job = try #require(try JobQueue(db).enqueue(JobRequest(kind: JobKind.retrain, payload: JSONB(#"{"trainingSet":"tiny"}"#))).id)
                try db.execute("UPDATE model SET train_job_id = $1 WHERE model_id = $2", [job, fixture.readyModel])
                return (fixture, try Self.createLogin(granted: "slam_worker", admin: db), job)
            }
            let factory = PostgresConnectionFactory(configuration: database.configuration.withUser(login), logger: Logger(label: "slam.test"))
            try await factory.withConnection { db in
                // The job is not running yet: refused.
                #expect(throws: PostgresError.self) { try ModelRegistry().promoteByRetrainRule(fixture.readyModel, db: db) }
                #expect(try JobQueue(db).claim(kinds: [JobKind.retrain], limit: 1, owner: "w1", leaseSeconds: 60).map(\.id) == [job])
                let decision = try ModelRegistry().promoteByRetrainRule(fixture.readyModel, db: db)
                #expect(decision.promoted)
                #expect(decision.reasons["rule"] == "no current model for tiny-labels")
                let row = try #require(try db.query("SELECT model_id, decided_by FROM model_promotion").first)
                #expect(try row.decode(Int.self, at: 0) == fixture.readyModel)
                #expect(try row.decode(String.self, at: 1) == "rule")
                // ...and never the model still training, nor through the operator's path.
                #expect(throws: (any Error).self) { try ModelRegistry().promote(fixture.trainingModel, db: db) }
            }
            await Self.dropLogin(login, database: database)
        }
    }

    /// The demo's pipeline on a small mock survey, driven by a login role granted `slam_operator` and run
    /// by workers logged in as a role granted only `slam_worker`: ingest, label loads, crossmatch,
    /// training, prediction and calibration all complete.
    @Test func workersGrantedOnlySlamWorkerRunTheWholePipeline() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await TestDatabase.withFresh { database in
            let (operatorLogin, workerLogin) = try await database.withConnection { db in
                (try Self.createLogin(granted: "slam_operator", admin: db), try Self.createLogin(granted: "slam_worker", admin: db))
            }
            do {
                let operatorFactory = PostgresConnectionFactory(configuration: database.configuration.withUser(operatorLogin), logger: Logger(label: "slam.test"))
                let workerFactory = PostgresConnectionFactory(configuration: database.configuration.withUser(workerLogin), logger: Logger(label: "slam.test"))
                var settings = DemoSettings(stars: 150, seed: 5, output: dir, hyperparameters: DemoSettings.defaultFixed, folds: 2)
                settings.densityComparison = false
                _ = try await DemoRunner(settings: settings, database: operatorFactory, logger: PipelineEndToEndTests.quietLogger("test.roles"))
                    .run(say: { _ in }, follow: PipelineEndToEndTests.follow(workerFactory))
                try await database.withConnection { db in
                    let unfinished = try db.query("SELECT kind, state, last_error FROM job WHERE state <> 'completed'").rows.map {
                        "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String.self, at: 1)): \(try $0.decode(String?.self, at: 2) ?? "")"
                    }
                    #expect(unfinished == [])
                    #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction") > 0)
                    #expect(try TinyModelWorld.count(db, "SELECT count(DISTINCT kind) FROM job") >= 6)
                }
            } catch {
                await Self.dropLogin(operatorLogin, database: database)
                await Self.dropLogin(workerLogin, database: database)
                throw error
            }
            await Self.dropLogin(operatorLogin, database: database)
            await Self.dropLogin(workerLogin, database: database)
        }
    }
}
