import SLAMNumerics
import Store

/// Why a model could not be trained. The model row (when one was created) is left `failed` with this reason.
public enum ModelTrainingError: Error, Sendable, CustomStringConvertible {
    case invalidSetting(String)
    case unknownTrainingSet(String)
    case tooFewMembers(trainingSet: String, members: Int, needed: Int)
    case inconsistentSpectra(String)
    case training(SLAMTrainingError)
    case inference(InferenceError)
    case database(PostgresError)
    /// Shards of a sharded training could not be assembled (a gap, an overlap, a shape).
    case shards(SLAMShardError)
    /// A stored shard result does not decode.
    case shardResult(SLAMModelCodingError)
    /// Shards of model `modelID` have no stored result and no job left to compute them (failed or cancelled).
    case missingShards(modelID: Int, shards: [Int], of: Int)
    /// Model `modelID` is no longer `training` (cancelled, failed, gone): there is nothing to assemble.
    case notTraining(modelID: Int, status: String)

    public var description: String {
        switch self {
        case let .invalidSetting(text): "invalid training setting: \(text)"
        case let .unknownTrainingSet(name): "training set '\(name)' does not exist"
        case let .tooFewMembers(set, members, needed):
            "training set \(set) has \(members) training members; at least \(needed) are needed (more than the number of folds and of labels)"
        case let .inconsistentSpectra(text): "training spectra are inconsistent: \(text)"
        case let .training(error): "training: \(error)"
        case let .inference(error): "validation: \(error)"
        case let .database(error): "database: \(error)"
        case let .shards(error): "assembling shards: \(error)"
        case let .notTraining(modelID, status): "model \(modelID) is \(status), not training: nothing to assemble"
        case let .shardResult(error): "stored shard result: \(error)"
        case let .missingShards(modelID, shards, total):
            "model \(modelID): shards \(shards.map(String.init).joined(separator: ", ")) of \(total) have no stored result and no job "
                + "left to compute them; retry their train_shard jobs (slam jobs retry), then this job"
        }
    }
}
