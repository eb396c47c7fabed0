import Foundation
import Store

/// One `model_training_shard` row: the stored result of one shard of a sharded training.
public struct ModelTrainingShardRow: Sendable, Equatable {
    /// `pixels` (a pixel range's fits) or `validate` (cross-validation predictions of a member range).
    public var phase: String
    /// Shard number within the phase, from 0.
    public var shard: Int
    /// The items of the shard: pixel indices or training member indices, `[start, end)`.
    public var range: Range<Int>
    /// The result's bytes (its own binary form; see the phase).
    public var result: [UInt8]
    /// Wall time of the shard, seconds.
    public var seconds: Double
    /// Worker id that computed it.
    public var worker: String
    /// The job whose completion wrote it (nil outside the queue).
    public var jobID: Int64?

    public init(phase: String, shard: Int, range: Range<Int>, result: [UInt8], seconds: Double, worker: String, jobID: Int64?) {
        self.phase = phase
        self.shard = shard
        self.range = range
        self.result = result
        self.seconds = seconds
        self.worker = worker
        self.jobID = jobID
    }
}

/// The shard results of sharded trainings (`model_training_shard`).
public enum ModelTrainingShardQueries {
    /// Phase of the pixel shards.
    public static let pixelsPhase = "pixels"
    /// Phase of the cross-validation prediction shards.
    public static let validatePhase = "validate"

    /// Inserts `row` of model `modelID` with its SHA-256, in the caller's transaction; a row already stored
    /// for the same (model, phase, shard) is kept and nothing is written. Returns whether the row was new.
    @discardableResult
    public static func insert(modelID: Int, _ row: ModelTrainingShardRow, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            INSERT INTO model_training_shard (model_id, phase, shard, range_start, range_end, result, sha256, seconds, worker, job_id)
            VALUES (\(modelID), \(row.phase), \(row.shard), \(row.range.lowerBound), \(row.range.upperBound), \(Data(row.result)),
                    \(SHA256Digest.hex(row.result)), \(row.seconds), \(row.worker), \(row.jobID))
            ON CONFLICT (model_id, phase, shard) DO NOTHING
            """, name: "model_training_shard_insert") == 1
    }

    /// Model `modelID`'s stored shards of `phase`, in shard order, each checked against its SHA-256.
    /// - Throws: `PostgresError.decoding` for a result whose bytes do not match its digest.
    public static func shards(modelID: Int, phase: String, db: PostgresConnection) throws(PostgresError) -> [ModelTrainingShardRow] {
        var rows: [ModelTrainingShardRow] = []
        for r in try db.query("""
            SELECT shard, range_start, range_end, result, sha256, seconds, worker, job_id
            FROM model_training_shard WHERE model_id = \(modelID) AND phase = \(phase) ORDER BY shard
            """, name: "model_training_shard_rows").rows {
            let shard = try r.decode(Int.self, at: 0)
            let result = [UInt8](try r.decode(Data.self, at: 3))
            guard SHA256Digest.hex(result) == (try r.decode(String.self, at: 4)) else {
                throw .decoding(column: "model_training_shard.result", expected: "bytes matching sha256", actualType: 17,
                                reason: "model \(modelID), \(phase) shard \(shard): result does not match its sha256")
            }
            rows.append(ModelTrainingShardRow(
                phase: phase, shard: shard, range: (try r.decode(Int.self, at: 1))..<(try r.decode(Int.self, at: 2)),
                result: result, seconds: try r.decode(Double.self, at: 5), worker: try r.decode(String.self, at: 6),
                jobID: try r.decode(Int64?.self, at: 7)))
        }
        return rows
    }

    /// The shard numbers of `phase` stored for model `modelID`, ascending (no result bytes read).
    public static func storedShards(modelID: Int, phase: String, db: PostgresConnection) throws(PostgresError) -> [Int] {
        try db.query("""
            SELECT shard FROM model_training_shard WHERE model_id = \(modelID) AND phase = \(phase) ORDER BY shard
            """, name: "model_training_shard_stored").rows.map { row throws(PostgresError) in try row.decode(Int.self, at: 0) }
    }
}
