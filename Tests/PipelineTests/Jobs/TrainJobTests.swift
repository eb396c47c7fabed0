@testable import Pipeline
import Queue
import Store
import Testing

/// A training job: its kind and payload.
@Suite struct TrainJobTests {
    @Test func aTrainingPayloadRoundTrips() throws {
        let payload = TrainPayload(trainingSet: "kgiants@2", settings: ModelTrainingSettings())
        let request = try JobRequest(payload, priority: 1, maxAttempts: 2)
        #expect(request.kind == "train")
        #expect(try request.payload.decode(TrainPayload.self) == payload)
    }
}
