import Foundation
@testable import Pipeline
import Queue
import Testing

/// A shard job's payload: its kind, pixel range and settings round-trip.
@Suite struct TrainShardJobTests {
    @Test func aShardPayloadRoundTrips() throws {
        var settings = ModelTrainingSettings(hyperparameters: .fixed(c: 1, epsilon: 0.1, gamma: 0.5))
        settings.pixelsPerShard = 100
        let payload = TrainShardPayload(modelID: 4, trainingSetID: 2, shard: 3, pixels: 300..<400, settings: settings)
        let request = try JobRequest(payload)
        #expect(request.kind == "train_shard")
        #expect(try request.payload.decode(TrainShardPayload.self) == payload)
        #expect(payload.pixelStart == 300 && payload.pixelEnd == 400)
    }

    @Test func settingsWithoutShardsDecodeAsBefore() throws {
        // Models trained before the option stored settings without the field: they decode as unsharded,
        // and unsharded settings encode without it.
        let text = String(decoding: try JSONEncoder().encode(ModelTrainingSettings()), as: UTF8.self)
        #expect(!text.contains("pixelsPerShard"))
        #expect(try JSONDecoder().decode(ModelTrainingSettings.self, from: Data(text.utf8)).pixelsPerShard == nil)
    }
}
