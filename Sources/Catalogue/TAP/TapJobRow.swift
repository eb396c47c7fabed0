import Foundation
import Store

/// One `tap_job` row: an asynchronous TAP query as UWS 1.1 describes it (the upload's bytes are read apart,
/// ``TapJobQueries/upload(id:db:)``; the result's, ``TapResultQueries``).
public struct TapJobRow: Sendable, Equatable {
    /// The UWS job id (random, URL-safe, 22 characters when made by ``TapJobQueries/create(parameters:upload:destruction:executionDuration:owner:db:)``).
    public var id: String
    public var phase: TapJobPhase
    /// UWS owner id; nil for anonymous jobs.
    public var owner: String?
    /// UWS creationTime, startTime, endTime.
    public var createdAt: Date
    public var startedAt: Date?
    public var endedAt: Date?
    /// UWS executionDuration, seconds (0: no limit beyond the service's statement timeout).
    public var executionDuration: Int
    /// UWS destruction time: the job and its result are deleted after it.
    public var destruction: Date
    /// UWS quote, or nil.
    public var quote: Date?
    /// The job's parameters, name to value (LANG, QUERY, FORMAT or RESPONSEFORMAT, MAXREC, RUNID, UPLOAD).
    public var parameters: [String: String]
    /// Size of the uploaded VOTable, bytes; nil without an upload.
    public var uploadBytes: Int?
    /// Why the job is in phase ERROR.
    public var errorMessage: String?
    /// MIME type, row count and MAXREC overflow of the stored result, once COMPLETED.
    public var resultFormat: String?
    public var resultRows: Int64?
    public var overflow: Bool
    /// The queue job (`job.id`) running the query, once QUEUED.
    public var queueJobID: Int64?

    /// The select list of ``init(row:)``, on `tap_job` without an alias.
    static let columns: SQL = """
        uws_id, phase, owner, created_at, started_at, ended_at, execution_duration_s, destruction_at, quote_at,
        ARRAY(SELECT key FROM jsonb_each_text(parameters) ORDER BY key) AS parameter_names,
        ARRAY(SELECT coalesce(value, '') FROM jsonb_each_text(parameters) ORDER BY key) AS parameter_values,
        octet_length(upload) AS upload_bytes, error_message, result_format, result_rows, overflow, queue_job_id
        """

    init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode(String.self, "uws_id")
        phase = try TapJobPhase(text: try row.decode(String.self, "phase"))
        owner = try row.decode(String?.self, "owner")
        createdAt = try row.decode(Date.self, "created_at")
        startedAt = try row.decode(Date?.self, "started_at")
        endedAt = try row.decode(Date?.self, "ended_at")
        executionDuration = try row.decode(Int.self, "execution_duration_s")
        destruction = try row.decode(Date.self, "destruction_at")
        quote = try row.decode(Date?.self, "quote_at")
        let names = try row.decode([String].self, "parameter_names")
        let values = try row.decode([String].self, "parameter_values")
        parameters = Dictionary(zip(names, values), uniquingKeysWith: { first, _ in first })
        uploadBytes = try row.decode(Int?.self, "upload_bytes")
        errorMessage = try row.decode(String?.self, "error_message")
        resultFormat = try row.decode(String?.self, "result_format")
        resultRows = try row.decode(Int64?.self, "result_rows")
        overflow = try row.decode(Bool.self, "overflow")
        queueJobID = try row.decode(Int64?.self, "queue_job_id")
    }
}
