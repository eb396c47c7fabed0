import Store

/// The file a stored LAMOST spectrum came from (for deciding duplicate obsids).
public struct StoredLamostFile: Sendable, Equatable {
    public var obsid: Int64
    public var path: String
    public var sha256: String
    public var dataRelease: String?
    public var pipelineVersion: String?
    /// The ingest job that wrote it.
    public var jobID: Int64?

    public init(row: PostgresRow) throws(PostgresError) {
        obsid = try row.decode(Int64.self, "obsid")
        path = try row.decode(String.self, "file_path")
        sha256 = try row.decode(String.self, "file_sha256")
        dataRelease = try row.decode(String?.self, "data_release")
        pipelineVersion = try row.decode(String?.self, "pipeline_version")
        jobID = try row.decode(Int64?.self, "ingest_job_id")
    }
}
