import Foundation
import Store

/// The serialized coefficients of a model, in `model_blob_chunk` rows.
public enum ModelBlobQueries {
    /// Model `modelID`'s blob: its chunks concatenated in order (empty when it has none).
    public static func blob(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [UInt8] {
        var blob: [UInt8] = []
        for chunk in try db.query("SELECT bytes FROM model_blob_chunk WHERE model_id = \(modelID) ORDER BY chunk_no",
                                  name: "model_blob_chunks").rows {
            blob.append(contentsOf: try chunk.decode(Data.self, at: 0))
        }
        return blob
    }

    /// Writes `blob` as chunks of `chunkBytes` bytes (binary COPY), in the caller's transaction.
    public static func write(modelID: Int, blob: [UInt8], chunkBytes: Int, db: PostgresConnection) throws {
        precondition(chunkBytes > 0, "chunkBytes must be positive")
        _ = try db.copyIn(table: "model_blob_chunk", columns: ["model_id", "chunk_no", "bytes"]) { copy in
            for (k, start) in stride(from: 0, to: blob.count, by: chunkBytes).enumerated() {
                try copy.append([modelID, k, Data(blob[start..<min(blob.count, start + chunkBytes)])])
            }
        }
    }
}
