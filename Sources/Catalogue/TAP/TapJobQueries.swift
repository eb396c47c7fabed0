import Foundation
import Store

/// Named queries of `tap_job` (migration 0027): the asynchronous TAP jobs of `/tap/async` (UWS 1.1). Phase
/// changes are single statements that succeed only from an allowed phase (``TapJobPhase/predecessors``), so
/// an ABORT racing a worker's completion leaves exactly one of them applied; each returns whether it did.
/// Written by `slam_operator` (the server) and `slam_worker` (the worker running the query).
public enum TapJobQueries {
    /// Largest upload stored with a job, bytes (16 MiB; the table's CHECK). The server refuses larger
    /// uploads before calling ``create(parameters:upload:destruction:executionDuration:owner:db:)``, which
    /// would fail with SQLSTATE 23514.
    public static let maximumUploadBytes = 16 << 20

    /// A new job id: 16 random bytes (system generator) in URL-safe base64 without padding, 22 characters.
    public static func newJobID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Creates a PENDING job with a new id (``newJobID()``): `parameters` name to value (the server passes
    /// names in upper case), `upload` the uploaded VOTable (at most ``maximumUploadBytes``), `destruction`
    /// when it is deleted, `executionDuration` seconds (0: no limit), `owner` nil for anonymous jobs.
    public static func create(parameters: [String: String], upload: [UInt8]?, destruction: Date, executionDuration: Int,
                              owner: String?, db: PostgresConnection) throws(PostgresError) -> TapJobRow {
        let names = parameters.keys.sorted()
        let values = names.map { parameters[$0] ?? "" }
        guard let row = try db.query("""
            INSERT INTO tap_job (uws_id, owner, destruction_at, execution_duration_s, parameters, upload)
            VALUES (\(newJobID()), \(owner), \(destruction), \(executionDuration),
                    jsonb_object(\(names)::text[], \(values)::text[]), \(upload.map { Data($0) })::bytea)
            RETURNING \(TapJobRow.columns)
            """, name: "tap_job_create").first else { throw .noRows(statement: "tap_job_create") }
        return try TapJobRow(row: row)
    }

    /// Job `id`, or nil.
    public static func job(id: String, db: PostgresConnection) throws(PostgresError) -> TapJobRow? {
        try db.query("SELECT \(TapJobRow.columns) FROM tap_job WHERE uws_id = \(id)", name: "tap_job_by_id")
            .first.map { row throws(PostgresError) in try TapJobRow(row: row) }
    }

    /// The job list of `/tap/async` with the UWS 1.1 filters, newest first: jobs in any of `phase` (empty:
    /// every phase), created after `after` (nil: any time), the `last` most recent of them (nil: all).
    public static func list(phase: [TapJobPhase] = [], after: Date? = nil, last: Int? = nil,
                            db: PostgresConnection) throws(PostgresError) -> [TapJobRow] {
        var rows: [TapJobRow] = []
        for row in try db.query("""
            SELECT \(TapJobRow.columns) FROM tap_job
            WHERE (cardinality(\(phase.map(\.rawValue))::text[]) = 0 OR phase = ANY(\(phase.map(\.rawValue))::text[]))
              AND (\(after)::timestamptz IS NULL OR created_at > \(after)::timestamptz)
            ORDER BY created_at DESC, uws_id
            LIMIT \(last.map { max($0, 0) })::bigint
            """, name: "tap_job_list").rows {
            rows.append(try TapJobRow(row: row))
        }
        return rows
    }

    /// Moves job `id` to `phase` when its phase allows it (``TapJobPhase/canMove(to:)``), stamping
    /// `started_at` on EXECUTING and `ended_at` on ABORTED; returns whether it did. COMPLETED and ERROR carry
    /// details and go through ``markCompleted(id:rows:overflow:format:db:)`` and ``markError(id:message:db:)``:
    /// here they return false and change nothing.
    @discardableResult
    public static func setPhase(id: String, phase: TapJobPhase, db: PostgresConnection) throws(PostgresError) -> Bool {
        guard phase != .completed, phase != .error else { return false }
        return try db.execute("""
            UPDATE tap_job SET phase = \(phase.rawValue),
                   started_at = CASE WHEN \(phase.rawValue) = 'EXECUTING' THEN now() ELSE started_at END,
                   ended_at = CASE WHEN \(phase.isFinal) THEN now() ELSE ended_at END
            WHERE uws_id = \(id) AND phase = ANY(\(phase.predecessors.map(\.rawValue))::text[])
            """, name: "tap_job_set_phase") == 1
    }

    /// Records the queue job that runs job `id`; returns whether the job exists.
    @discardableResult
    public static func setQueueJob(id: String, queueJobID: Int64, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("UPDATE tap_job SET queue_job_id = \(queueJobID) WHERE uws_id = \(id)", name: "tap_job_set_queue_job") == 1
    }

    /// QUEUED → EXECUTING (the worker starts the query); returns whether it did (false: aborted meanwhile).
    @discardableResult
    public static func markExecuting(id: String, db: PostgresConnection) throws(PostgresError) -> Bool {
        try setPhase(id: id, phase: .executing, db: db)
    }

    /// EXECUTING → COMPLETED with the stored result's row count, MAXREC overflow and MIME type; returns
    /// whether it did. Call it in the transaction that wrote the result chunks, and roll back when it
    /// returns false (the job was aborted meanwhile).
    @discardableResult
    public static func markCompleted(id: String, rows: Int64, overflow: Bool, format: String,
                                     db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            UPDATE tap_job SET phase = 'COMPLETED', ended_at = now(), result_rows = \(rows), overflow = \(overflow),
                   result_format = \(format)
            WHERE uws_id = \(id) AND phase = 'EXECUTING'
            """, name: "tap_job_mark_completed") == 1
    }

    /// PENDING, QUEUED or EXECUTING → ERROR with `message` (the UWS error summary); returns whether it did.
    @discardableResult
    public static func markError(id: String, message: String, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            UPDATE tap_job SET phase = 'ERROR', ended_at = now(), error_message = \(message)
            WHERE uws_id = \(id) AND phase = ANY(\(TapJobPhase.error.predecessors.map(\.rawValue))::text[])
            """, name: "tap_job_mark_error") == 1
    }

    /// PENDING, QUEUED or EXECUTING → ABORTED; returns whether it did (false: already ended).
    @discardableResult
    public static func markAborted(id: String, db: PostgresConnection) throws(PostgresError) -> Bool {
        try setPhase(id: id, phase: .aborted, db: db)
    }

    /// Sets job `id`'s destruction time (any phase); returns whether the job exists.
    @discardableResult
    public static func setDestruction(id: String, destruction: Date, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("UPDATE tap_job SET destruction_at = \(destruction) WHERE uws_id = \(id)", name: "tap_job_set_destruction") == 1
    }

    /// Sets parameters of job `id` (names upper case; a value replaces the one stored) while it is
    /// PENDING; returns whether it did.
    @discardableResult
    public static func setParameters(id: String, _ parameters: [String: String], db: PostgresConnection) throws(PostgresError) -> Bool {
        let names = parameters.keys.sorted()
        let values = names.map { parameters[$0] ?? "" }
        return try db.execute("""
            UPDATE tap_job SET parameters = parameters || jsonb_object(\(names)::text[], \(values)::text[])
            WHERE uws_id = \(id) AND phase = 'PENDING'
            """, name: "tap_job_set_parameters") == 1
    }

    /// Sets job `id`'s execution duration, seconds (0: no limit; negative is refused by the table, 23514),
    /// while it is PENDING; returns whether it did.
    @discardableResult
    public static func setExecutionDuration(id: String, seconds: Int, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            UPDATE tap_job SET execution_duration_s = \(seconds) WHERE uws_id = \(id) AND phase = 'PENDING'
            """, name: "tap_job_set_execution_duration") == 1
    }

    /// Sets job `id`'s quote (nil: none); returns whether the job exists.
    @discardableResult
    public static func setQuote(id: String, quote: Date?, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("UPDATE tap_job SET quote_at = \(quote)::timestamptz WHERE uws_id = \(id)", name: "tap_job_set_quote") == 1
    }

    /// The uploaded VOTable of job `id`, or nil (no such job, or no upload).
    public static func upload(id: String, db: PostgresConnection) throws(PostgresError) -> [UInt8]? {
        try db.query("SELECT upload FROM tap_job WHERE uws_id = \(id)", name: "tap_job_upload")
            .first?.decode(Data?.self, at: 0).map { [UInt8]($0) }
    }

    /// Deletes job `id` and its result chunks (ON DELETE CASCADE); returns whether it existed.
    @discardableResult
    public static func delete(id: String, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("DELETE FROM tap_job WHERE uws_id = \(id)", name: "tap_job_delete") == 1
    }

    /// Ids of the jobs whose destruction time is at or before `now`, oldest destruction first.
    public static func expired(now: Date, db: PostgresConnection) throws(PostgresError) -> [String] {
        try db.query("""
            SELECT uws_id FROM tap_job WHERE destruction_at <= \(now) ORDER BY destruction_at, uws_id
            """, name: "tap_job_expired").rows.map { row throws(PostgresError) in try row.decode(String.self, at: 0) }
    }

    /// Deletes the jobs (with their results) whose destruction time is at or before `now` (nil: the server's
    /// clock); returns how many.
    @discardableResult
    public static func deleteExpired(now: Date? = nil, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            DELETE FROM tap_job WHERE destruction_at <= coalesce(\(now)::timestamptz, now())
            """, name: "tap_job_delete_expired")
    }
}
