import Foundation
import Queue
import Store

extension PipelineJobs {
    /// The load of one LAMOST catalogue file (unique by path, size, modification time and release:
    /// enqueueing the same unchanged file again returns the existing job).
    public static func ingestCatalogue(path: String, release: String, db: PostgresConnection) throws -> EnqueueResult {
        let batch = IngestFileList.batches([path], size: 1)[0]
        return try JobQueue(db).enqueue(JobRequest(
            kind: JobKind.ingestCatalogue, payload: JSONB(encoding: IngestCataloguePayload(path: path, release: release)),
            priority: 10, uniqueKey: "ingest_catalogue:\(release):" + batch.uniqueKey, uniqueScope: .forever))
    }
}
