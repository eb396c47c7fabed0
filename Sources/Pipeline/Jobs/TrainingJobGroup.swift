import Catalogue
import Queue
import Store

/// The job group (``Queue/JobPayload/groupKey``) of a sharded training: `training:<id>` for the shard and
/// assembly jobs of model `id`, so the assembly counts the pending shards through the queue, and progress,
/// cancel and retry find the training's jobs.
public enum TrainingJobGroup {
    /// The group of the jobs training model `modelID`.
    public static func key(modelID: Int) -> String { "training:\(modelID)" }

    /// The model a job of a sharded training works on: the model a `train` job planned, or the model of a
    /// `train_shard` or `train_assemble` job; nil for any other job (or a `train` job that planned none).
    public static func modelID(of job: Job, db: PostgresConnection) throws -> Int? {
        switch job.kind {
        case TrainPayload.kind: try ModelQueries.model(trainJobID: Int64(job.id), db: db)?.modelID
        case TrainShardPayload.kind: try job.payload.decode(TrainShardPayload.self).modelID
        case TrainAssemblePayload.kind: try job.payload.decode(TrainAssemblePayload.self).modelID
        default: nil
        }
    }

    /// Cancels the training that job `jobID` belongs to (``modelID(of:db:)``): every waiting or running job
    /// of its group, and the model, `failed` with "cancelled", when it is still training. Returns the model
    /// and the number of jobs cancelled, or nil when the job belongs to no sharded training.
    public static func cancelTraining(ofJob jobID: Int, db: PostgresConnection) throws -> (modelID: Int, jobs: Int)? {
        try db.transaction { db in
            guard let job = try JobQueue(db).job(id: jobID), let modelID = try modelID(of: job, db: db) else { return nil }
            let cancelled = try JobQueue(db).cancel(groupKey: key(modelID: modelID))
            if try ModelQueries.model(id: modelID, db: db)?.status == .training {
                try ModelQueries.markFailed(id: modelID, error: "cancelled (job \(jobID))", db: db)
            }
            return (modelID, cancelled)
        }
    }
}
