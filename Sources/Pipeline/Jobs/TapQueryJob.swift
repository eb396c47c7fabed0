import Catalogue
import Queue
import Store
import TAP

/// Job kind `tap_query`: runs an asynchronous TAP job of `/tap/async` (``TAP/TapAsyncRunner``), its
/// query as the TAP login role: `slam worker --tap-database-url`, else `SLAM_TAP_DATABASE_URL` when set,
/// else the worker's own server and database as `slam_tap_login` (the role `slam serve` creates on the
/// embedded database).
public enum TapQueryJob {
    /// The limits of asynchronous queries: up to 10,000,000 rows (1,000,000 without MAXREC), an hour
    /// unless the job asks for less (EXECUTIONDURATION).
    public static let configuration = TapConfiguration(baseURL: "", defaultMaxRecords: 1_000_000, hardMaxRecords: 10_000_000,
                                                       statementTimeoutSeconds: 3600)

    /// The connections the query runs on, for a worker connected with `workerDatabase`: `url` (the
    /// worker's `--tap-database-url`) when given, else `SLAM_TAP_DATABASE_URL` when set, else the worker's
    /// own server and database as `slam_tap_login`.
    public static func queryDatabase(for workerDatabase: PostgresConnectionFactory, url: String? = nil,
                                     environment: [String: String] = ProcessEnvironment.current) -> PostgresConnectionFactory {
        var factory = workerDatabase
        if let url = url ?? environment["SLAM_TAP_DATABASE_URL"], !url.isEmpty {
            factory.configuration = PostgresConfiguration(url, applicationName: "slam-tap")
        } else {
            factory.configuration = workerDatabase.configuration.withUser(LoginGroup.tap.defaultLoginRole)
        }
        return factory
    }

    struct Handler: TypedJobHandler {
        /// The TAP login role's URL (nil: ``queryDatabase(for:url:environment:)``'s defaults).
        var queryDatabaseURL: String?

        func run(_ payload: TapQueryPayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let outcome = try TapAsyncRunner(configuration: TapQueryJob.configuration).run(
                id: payload.uwsID, db: db, queryDatabase: TapQueryJob.queryDatabase(for: context.database, url: queryDatabaseURL),
                fence: context.fence, isCancelled: { context.isCancelled }, logger: context.logger)
            switch outcome {
            case let .completed(rows, overflow):
                context.reportProgress(done: rows, total: rows)
                context.logger.info("TAP job \(payload.uwsID) completed: \(rows) rows\(overflow ? ", overflow" : "")")
            case let .error(message):
                context.logger.info("TAP job \(payload.uwsID) ended in ERROR: \(message)")
            case let .notRun(phase):
                context.logger.info("TAP job \(payload.uwsID) not run (phase \(phase?.rawValue ?? "deleted"))")
            }
        }
    }
}
