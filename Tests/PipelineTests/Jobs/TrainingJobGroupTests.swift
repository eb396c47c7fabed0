@testable import Pipeline
import Queue
import Testing

/// The shard and assembly jobs of a sharded training share the group `training:<model id>`.
@Suite struct TrainingJobGroupTests {
    @Test func aTrainingsShardAndAssemblyJobsShareItsGroup() throws {
        let requests = [
            try JobRequest(TrainShardPayload(modelID: 7, trainingSetID: 3, shard: 0, pixels: 0..<10, settings: .init())),
            try JobRequest(TrainAssemblePayload(modelID: 7, trainingSetID: 3, shardCount: 4, settings: .init())),
        ]
        #expect(requests.map(\.groupKey) == ["training:7", "training:7"])
        #expect(TrainingJobGroup.key(modelID: 7) != ModelJobGroup.key(modelID: 7), "the model's prediction jobs are another group")
    }
}
