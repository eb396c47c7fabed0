import Catalogue
import Foundation
import Queue
import Store

/// The UWS 1.1 operations of `/tap/async` on the job tables (the server's connection, a role granted
/// `slam_operator` or `slam_worker`): create a job from its parameters, RUN it (QUEUED, and a queue job
/// `tap_query` that a worker runs), ABORT it (and cancel its queue job), change its destruction time or
/// execution duration, delete it. Phase rules are the database's (``Catalogue/TapJobQueries``).
public struct TapAsyncJobs: Sendable {
    /// How long a job and its result are kept after creation, seconds (UWS destruction; default 7 days).
    public var retentionSeconds: Double
    /// The longest execution duration a client may ask for, seconds (0 in a request means this).
    public var maxExecutionSeconds: Int

    public init(retentionSeconds: Double = 7 * 86400, maxExecutionSeconds: Int = 3600) {
        self.retentionSeconds = retentionSeconds
        self.maxExecutionSeconds = maxExecutionSeconds
    }

    /// Creates a PENDING job from request `pairs` (names upper-cased, the first value of each kept;
    /// `PHASE` is not a job parameter: `PHASE=RUN` runs the job at once). The query's parameters are
    /// checked when it runs: a job with a bad query ends in ERROR with the reason, as UWS expects.
    /// `upload` is the VOTable `UPLOAD` names (the part, or what its URL gave when the job was created),
    /// stored with the job, at most 16 MiB.
    public func create(pairs: [(name: String, value: String)], upload: [UInt8]? = nil, db: PostgresConnection) throws -> TapJobRow {
        var parameters: [String: String] = [:]
        var runAtOnce = false
        for (name, value) in pairs {
            let key = name.uppercased()
            if key == "PHASE" {
                guard value.uppercased() == "RUN" else {
                    throw TapError.invalidParameter(name: "PHASE", reason: "'\(value)' cannot start a job (only RUN)")
                }
                runAtOnce = true
                continue
            }
            if parameters[key] == nil { parameters[key] = value }
        }
        var document: [UInt8]?
        if let text = parameters["UPLOAD"] {
            let reference = try TapUploadReference(parameter: text)
            guard let upload else {
                throw TapError.invalidParameter(name: "UPLOAD", reason: "no document for table \(reference.tableName) (\(reference.sourceDescription))")
            }
            guard upload.count <= TapJobQueries.maximumUploadBytes else {
                throw TapError.invalidParameter(name: "UPLOAD", reason: "the uploaded table is \(upload.count) bytes; at most \(TapJobQueries.maximumUploadBytes) are taken")
            }
            document = upload
        }
        let duration = try executionDuration(parameters["EXECUTIONDURATION"]) ?? 0
        let job = try TapJobQueries.create(parameters: parameters, upload: document, destruction: Date().addingTimeInterval(retentionSeconds),
                                           executionDuration: duration, owner: nil, db: db)
        if runAtOnce { try run(id: job.id, db: db) }
        return try TapJobQueries.job(id: job.id, db: db) ?? job
    }

    /// PHASE=RUN: PENDING → QUEUED and a `tap_query` queue job, in one transaction. A job past PENDING
    /// is left as it is (UWS: RUN on a running or ended job changes nothing).
    public func run(id: String, db: PostgresConnection) throws {
        try db.transaction { db in
            guard try TapJobQueries.setPhase(id: id, phase: .queued, db: db) else { return }
            let queued = try JobQueue(db).enqueue(JobRequest(TapQueryPayload(uwsID: id), priority: 5, maxAttempts: 3,
                                                             uniqueKey: "tap_query:\(id)", uniqueScope: .forever))
            if let queueJob = queued.id { _ = try TapJobQueries.setQueueJob(id: id, queueJobID: Int64(queueJob), db: db) }
        }
    }

    /// PHASE=ABORT: the job is ABORTED unless it has ended, and its queue job cancelled (a worker running
    /// it stops at its next page and writes nothing).
    public func abort(id: String, db: PostgresConnection) throws {
        try db.transaction { db in
            guard try TapJobQueries.markAborted(id: id, db: db) else { return }
            if let queueJob = try TapJobQueries.job(id: id, db: db)?.queueJobID {
                _ = try JobQueue(db).cancel(id: Int(queueJob))
            }
        }
    }

    /// Deletes the job and its result (aborting it first when it runs); returns whether it existed.
    public func delete(id: String, db: PostgresConnection) throws -> Bool {
        try abort(id: id, db: db)
        return try TapJobQueries.delete(id: id, db: db)
    }

    /// Parameters posted to `/async/{id}/parameters` (UWS 1.1): stored while the job is PENDING, names
    /// upper-cased, the first value of each kept; PHASE, EXECUTIONDURATION and DESTRUCTION act as on the
    /// job. Returns false when the job is no longer PENDING (nothing changed).
    public func setParameters(id: String, pairs: [(name: String, value: String)], db: PostgresConnection) throws -> Bool {
        var parameters: [String: String] = [:]
        var runAfter = false
        for (name, value) in pairs {
            switch name.uppercased() {
            case "PHASE":
                guard value.uppercased() == "RUN" else {
                    throw TapError.invalidParameter(name: "PHASE", reason: "'\(value)' cannot be set with the parameters (only RUN)")
                }
                runAfter = true
            case "UPLOAD":
                throw TapError.invalidParameter(name: "UPLOAD", reason: "a table is uploaded with the job's creation, not added later")
            case "EXECUTIONDURATION":
                _ = try setExecutionDuration(id: id, text: value, db: db)
            case "DESTRUCTION":
                _ = try setDestruction(id: id, text: value, db: db)
            case let key where parameters[key] == nil:
                parameters[key] = value
            default:
                continue
            }
        }
        let changed = parameters.isEmpty ? true : try TapJobQueries.setParameters(id: id, parameters, db: db)
        if runAfter { try run(id: id, db: db) }
        return changed
    }

    /// DESTRUCTION=<ISO 8601>: a new destruction time, at most the retention period from now.
    public func setDestruction(id: String, text: String, db: PostgresConnection) throws -> Bool {
        guard let requested = TapTimestamp.parse(text) else {
            throw TapError.invalidParameter(name: "DESTRUCTION", reason: "'\(text)' is not an ISO 8601 time")
        }
        let latest = Date().addingTimeInterval(retentionSeconds)
        return try TapJobQueries.setDestruction(id: id, destruction: min(requested, latest), db: db)
    }

    /// EXECUTIONDURATION=<seconds>, while the job is PENDING.
    public func setExecutionDuration(id: String, text: String, db: PostgresConnection) throws -> Bool {
        guard let seconds = try executionDuration(text) else { return false }
        return try TapJobQueries.setExecutionDuration(id: id, seconds: seconds, db: db)
    }

    /// A requested execution duration, capped at ``maxExecutionSeconds`` (0 or nil: the service's cap).
    func executionDuration(_ text: String?) throws -> Int? {
        guard let text else { return nil }
        guard let seconds = Int(text.trimmingSpaces), seconds >= 0 else {
            throw TapError.invalidParameter(name: "EXECUTIONDURATION", reason: "'\(text)' is not a non-negative number of seconds")
        }
        return seconds == 0 ? maxExecutionSeconds : min(seconds, maxExecutionSeconds)
    }
}
