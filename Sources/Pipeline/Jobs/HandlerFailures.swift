import Catalogue
import Formats
import Queue
import Store

/// A pipeline error that knows whether the database failed, and how: a transient database failure
/// (connection lost, deadlock, disk full) is retried with backoff; a permanent one (a schema that does not
/// match, a value a column cannot hold) and any failure of the input itself end the job at once with the
/// reason; the lease fence's refusal means another attempt holds the job, and nothing is recorded.
public protocol PipelineFailure: JobFailure, CustomStringConvertible {
    /// The database error behind this failure, if the database failed.
    var databaseError: PostgresError? { get }
}

extension PipelineFailure {
    public var isTransient: Bool { databaseError?.isTransient ?? false }
    public var isLeaseLost: Bool { databaseError?.isLeaseLost ?? false }
}

extension CrossmatchError: PipelineFailure {
    public var databaseError: PostgresError? { if case let .database(error) = self { error } else { nil } }
}
extension ModelTrainingError: PipelineFailure {
    public var databaseError: PostgresError? { if case let .database(error) = self { error } else { nil } }
}
extension PredictionError: PipelineFailure {
    public var databaseError: PostgresError? { if case let .database(error) = self { error } else { nil } }
}
extension RetrainError: PipelineFailure {
    public var databaseError: PostgresError? {
        switch self {
        case let .database(error), let .training(.database(error)), let .trainingSet(.database(error)),
             let .promotion(.database(error)): error
        default: nil
        }
    }
}
extension LabelCatalogueError: PipelineFailure {
    public var databaseError: PostgresError? { if case let .database(error) = self { error } else { nil } }
}

enum HandlerFailures {
    /// Runs `body`; a ``PipelineFailure`` that is not a database failure becomes
    /// ``JobHandlerError/permanent(_:)`` (dead at once, reason kept); database failures propagate and the
    /// queue classifies them (``JobFailure``): transient ones are retried, permanent ones end the job, and
    /// the lease fence's refusal records nothing.
    static func permanentUnlessDatabase<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as any PipelineFailure where error.databaseError == nil {
            throw JobHandlerError.permanent(error.description)
        }
    }

    /// Runs `body`, which reads the file `path`; when the file itself is unusable (``FITSError``), records a
    /// rejection row for it (behind the job's lease fence) and stops the job for good (retrying cannot help).
    static func rejectingUnusableFile<T>(_ path: String, stage: String, job: Job, context: JobContext, db: PostgresConnection,
                                         _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FITSError {
            try db.transaction { db in
                try RejectionWriter.write(RejectionRecord(stage: stage, source: path, code: error.code, reason: error.description),
                                          jobID: Int64(job.id), db: db)
                try context.fence.check(db)
            }
            throw JobHandlerError.permanent(error.description)
        }
    }
}
