import Formats
import Queue
import Store

/// A pipeline error that knows whether the database failed (worth retrying: the queue retries with
/// backoff) or the input is wrong (not worth retrying: the job goes dead with the reason).
protocol PipelineFailure: Error, CustomStringConvertible {
    var isDatabaseFailure: Bool { get }
}

extension CrossmatchError: PipelineFailure {
    var isDatabaseFailure: Bool { if case .database = self { true } else { false } }
}
extension ModelTrainingError: PipelineFailure {
    var isDatabaseFailure: Bool { if case .database = self { true } else { false } }
}
extension PredictionError: PipelineFailure {
    var isDatabaseFailure: Bool { if case .database = self { true } else { false } }
}
extension RetrainError: PipelineFailure {
    var isDatabaseFailure: Bool { isDatabase }
}

enum HandlerFailures {
    /// Runs `body`; a ``PipelineFailure`` that is not a database failure becomes
    /// ``JobHandlerError/permanent(_:)`` (dead at once, reason kept); everything else propagates and
    /// is retried by the queue.
    static func permanentUnlessDatabase<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as any PipelineFailure where !error.isDatabaseFailure {
            throw JobHandlerError.permanent(error.description)
        }
    }

    /// Runs `body`, which reads the file `path`; when the file itself is unusable (``FITSError``), records a
    /// rejection row for it and stops the job for good (retrying cannot help).
    static func rejectingUnusableFile<T>(_ path: String, stage: String, job: Job, db: PostgresConnection,
                                         _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FITSError {
            _ = try? db.execute("""
                INSERT INTO rejection (stage, source, reason_code, reason, job_id) VALUES ($1, $2, $3, $4, $5)
                """, [stage, path, error.code, error.description, job.id])
            throw JobHandlerError.permanent(error.description)
        }
    }
}
