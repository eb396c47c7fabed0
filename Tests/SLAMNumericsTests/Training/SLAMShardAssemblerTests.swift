import SLAMNumerics
import Testing

/// The assembler refuses shards that do not cover the pixels exactly once, or whose shapes are not the
/// problem's, naming the pixels at fault.
@Suite struct SLAMShardAssemblerTests {
    static func problemAndShards() throws -> (SLAMTrainingProblem, [SLAMPixelShard]) {
        let data = TrainingTestData.make(stars: 12, labels: 2, pixels: 6, seed: 3)
        let problem = try SLAMTrainingProblem(data, hyperparameters: SLAMTrainerShardTests.fixed,
                                              validationFolds: SLAMTrainerShardTests.folds(data, folds: 2, seed: 1))
        let trainer = SLAMTrainer(options: .init(workers: 1))
        return (problem, try [0..<2, 2..<4, 4..<6].map { try trainer.trainShard(problem, pixels: $0) })
    }

    @Test func assemblesShardsInAnyOrder() throws {
        let (problem, shards) = try Self.problemAndShards()
        let a = try SLAMShardAssembler.assemble(problem, shards: shards)
        let b = try SLAMShardAssembler.assemble(problem, shards: shards.reversed())
        #expect(a.model.serialized() == b.model.serialized())
        #expect(a.model.pixelCount == 6 && a.foldModels.count == 2)
    }

    @Test func refusesGapsOverlapsAndStrangers() throws {
        let (problem, shards) = try Self.problemAndShards()
        #expect(throws: SLAMShardError.noShards) { try SLAMShardAssembler.assemble(problem, shards: []) }
        #expect(throws: SLAMShardError.gap(pixels: 2..<4)) { try SLAMShardAssembler.assemble(problem, shards: [shards[0], shards[2]]) }
        #expect(throws: SLAMShardError.gap(pixels: 4..<6)) { try SLAMShardAssembler.assemble(problem, shards: [shards[0], shards[1]]) }
        #expect(throws: SLAMShardError.overlap(pixels: 2..<4)) {
            try SLAMShardAssembler.assemble(problem, shards: shards + [shards[1]])
        }
        var beyond = shards[2]
        beyond.pixels = 4..<7
        #expect(throws: SLAMShardError.outOfRange(shard: 4..<7, pixelCount: 6)) {
            try SLAMShardAssembler.assemble(problem, shards: [shards[0], shards[1], beyond])
        }
        var short = shards[1]
        short.intercept.removeLast()
        #expect(throws: SLAMShardError.shapeMismatch(shard: 2..<4, what: "intercept", expected: 2, actual: 1)) {
            try SLAMShardAssembler.assemble(problem, shards: [shards[0], short, shards[2]])
        }
        var noFolds = shards[0]
        noFolds.folds = []
        #expect(throws: SLAMShardError.shapeMismatch(shard: 0..<2, what: "folds", expected: 2, actual: 0)) {
            try SLAMShardAssembler.assemble(problem, shards: [noFolds, shards[1], shards[2]])
        }
    }
}
