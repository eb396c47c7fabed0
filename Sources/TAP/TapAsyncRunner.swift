import Catalogue
import Foundation
import Logging
import Queue
import Store

/// Runs one asynchronous TAP job for a worker: QUEUED → EXECUTING, the query as the TAP login role, the
/// result document stored in chunks of ``Catalogue/TapResultQueries/chunkBytes``, then COMPLETED, or ERROR
/// with the reason when the query is refused or fails.
///
/// The chunks, the phase change and the queue job's completion commit in one transaction behind the
/// job's fence (``Queue/JobFence/complete(_:)``): an attempt that lost its lease (paused, cut off, the
/// job rescued) or whose UWS job was aborted meanwhile writes nothing. The fence is taken at the end
/// only, so a long result does not hold the queue job's row lock against the worker's heartbeats.
public struct TapAsyncRunner: Sendable {
    public var tables: @Sendable (PostgresConnection) throws -> [PublishedTable]
    public var configuration: TapConfiguration

    public init(configuration: TapConfiguration,
                tables: @escaping @Sendable (PostgresConnection) throws -> [PublishedTable] = { try TapSchemaQueries.publishedTables(db: $0) }) {
        self.configuration = configuration
        self.tables = tables
    }

    /// What became of the job.
    public enum Outcome: Sendable, Equatable {
        case completed(rows: Int, overflow: Bool)
        case error(String)
        /// Aborted or deleted before it ended: nothing written.
        case notRun(TapJobPhase?)
    }

    /// Runs job `id`: `db` is the worker's connection (job tables), `queryDatabase` the TAP login role's,
    /// `fence` the queue job's, `isCancelled` polled between pages (the queue job cancelled by ABORT).
    public func run(id: String, db: PostgresConnection, queryDatabase: PostgresConnectionFactory, fence: JobFence,
                    isCancelled: () -> Bool, logger: Logger) throws -> Outcome {
        guard let job = try TapJobQueries.job(id: id, db: db) else { return .notRun(nil) }
        switch job.phase {
        case .queued:
            guard try TapJobQueries.markExecuting(id: id, db: db) else { return .notRun(try TapJobQueries.job(id: id, db: db)?.phase) }
        case .executing:
            break  // a retried attempt: the earlier one wrote nothing (all-or-nothing commit)
        default:
            return .notRun(job.phase)
        }
        let timeout = Double(job.executionDuration > 0 ? job.executionDuration : Int(configuration.statementTimeoutSeconds))
        var runConfiguration = configuration
        runConfiguration.statementTimeoutSeconds = timeout
        let stream: TapResultStream
        let parameters: TapParameters
        do {
            parameters = try TapParameters(pairs: job.parameters.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
            let connection = try queryDatabase.connect()
            let service = TapService(configuration: runConfiguration, queryDatabase: queryDatabase,
                                     tables: try tables(connection), logger: logger)
            let document = parameters.upload == nil ? nil : try TapJobQueries.upload(id: id, db: db)
            let upload = try service.uploadTable(parameters, document: document)
            let plan = try service.plan(parameters, upload: upload)
            stream = try service.open(plan, parameters: parameters, upload: upload)
        } catch let error as TapError {
            return try fail(id: id, message: error.description, db: db, fence: fence)
        } catch let error as PostgresError where !error.isLeaseLost {
            return try fail(id: id, message: TapError.serviceFailure("\(error)").description, db: db, fence: fence)
        }
        defer { stream.close() }
        return try db.transaction { db in
            var buffer = stream.header()
            var seq = 0
            while let bytes = stream.next() {
                if isCancelled() { throw JobHandlerError.interrupted }
                buffer.append(contentsOf: bytes)
                while buffer.count >= TapResultQueries.chunkBytes {
                    try TapResultQueries.appendChunk(id: id, seq: seq, data: Array(buffer.prefix(TapResultQueries.chunkBytes)), db: db)
                    buffer.removeFirst(TapResultQueries.chunkBytes)
                    seq += 1
                }
            }
            if !buffer.isEmpty || seq == 0 { try TapResultQueries.appendChunk(id: id, seq: seq, data: buffer, db: db) }
            try fence.complete(db)
            guard try TapJobQueries.markCompleted(id: id, rows: Int64(stream.rowCount), overflow: stream.overflowed,
                                                  format: parameters.format.mimeType, db: db) else {
                // Aborted meanwhile: roll the chunks back (the queue job was cancelled, so the fence fails first).
                throw JobHandlerError.interrupted
            }
            logger.info("TAP job \(id): \(stream.rowCount) rows in \(seq + 1) chunks\(stream.overflowed ? " (overflow)" : "")")
            return .completed(rows: stream.rowCount, overflow: stream.overflowed)
        }
    }

    /// ERROR with `message`, behind the fence.
    private func fail(id: String, message: String, db: PostgresConnection, fence: JobFence) throws -> Outcome {
        try db.transaction { db in
            try fence.complete(db)
            _ = try TapJobQueries.markError(id: id, message: message, db: db)
        }
        return .error(message)
    }
}
