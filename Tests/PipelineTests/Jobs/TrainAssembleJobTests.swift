@testable import Pipeline
import Queue
import Testing

/// The assembly job: its payload round-trips, and its wait for shards is a planned wait that a CLI
/// following it does not count as failing.
@Suite struct TrainAssembleJobTests {
    @Test func anAssemblyPayloadRoundTrips() throws {
        let payload = TrainAssemblePayload(modelID: 9, trainingSetID: 1, shardCount: 12, settings: .init())
        let request = try JobRequest(payload)
        #expect(request.kind == "train_assemble")
        #expect(try request.payload.decode(TrainAssemblePayload.self) == payload)
    }

    @Test func waitingForShardsIsAPlannedRetryableWait() {
        let wait = TrainAssembleJob.WaitingForShards(modelID: 9, pending: 3)
        #expect(wait.isTransient)
        #expect(CalibrateJob.isWaitingForOtherJobs(wait.description))
        #expect(wait.description.hasSuffix("model 9: 3 training shard jobs pending before assembling"))
    }
}
