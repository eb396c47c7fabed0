import Foundation
import Primitives
import SLAMNumerics
import Testing

/// Sharded training equals the single-process training bit for bit: any shard size, any order, shards run
/// concurrently sharing kernels, each shard's bytes round-tripped as they are when stored.
@Suite struct SLAMTrainerShardTests {
    static let grid = HyperparameterChoice.grid(
        HyperparameterGrid(c: [8, 0.5, 2], epsilon: [0.05, 0.2], gamma: [0.3, 1]), folds: 3, seed: 11)
    static let fixed = HyperparameterChoice.fixed(SVRHyperparameters(c: 2, epsilon: 0.05, gamma: 0.5))

    /// 30 stars x 2 labels x 13 pixels; pixel 4 bad for every star, pixel 9 bad for the first 12 stars (so
    /// unusable in some folds' sets only).
    static func data() -> SLAMTrainingData {
        var data = TrainingTestData.make(stars: 30, labels: 2, pixels: 13, seed: 8)
        for i in 0..<30 { data.ivar[i * 13 + 4] = 0 }
        for i in 0..<12 { data.ivar[i * 13 + 9] = 0 }
        return data
    }

    /// The folds of the whole-method cross-validation (train indices of each fold).
    static func folds(_ data: SLAMTrainingData, folds: Int, seed: UInt64) -> [SLAMTrainingProblem.Fold] {
        let assignment = CrossValidationFolds(count: data.starCount, folds: folds, seed: seed)
        return (0..<folds).map { SLAMTrainingProblem.Fold(members: assignment.trainIndices($0)) }
    }

    /// The training set of a fold's members alone.
    static func foldData(_ data: SLAMTrainingData, _ fold: SLAMTrainingProblem.Fold) -> SLAMTrainingData {
        let l = data.labelCount, p = data.pixelCount, rows = fold.members
        return SLAMTrainingData(labels: rows.flatMap { data.labels[($0 * l)..<(($0 + 1) * l)] }, labelNames: data.labelNames,
                                flux: rows.flatMap { data.flux[($0 * p)..<(($0 + 1) * p)] },
                                ivar: rows.flatMap { data.ivar[($0 * p)..<(($0 + 1) * p)] }, wavelength: data.wavelength,
                                starWeights: fold.starWeights)
    }

    /// Runs every shard of `size` pixels concurrently (in a shuffled order), each through its bytes.
    static func sharded(_ problem: SLAMTrainingProblem, size: Int, seed: UInt64, cache: SVRKernelCache) throws -> [SLAMPixelShard] {
        var rng = SplitMix64(seed: seed)
        let ranges = SLAMPixelShard.ranges(pixelCount: problem.pixelCount, pixelsPerShard: size).shuffled(using: &rng)
        let results = LockedValue([Result<SLAMPixelShard, any Error>?](repeating: nil, count: ranges.count))
        DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
            let result = Result<SLAMPixelShard, any Error> {
                let shard = try SLAMTrainer(options: .init(workers: 1)).trainShard(problem, pixels: ranges[k], kernels: cache)
                return try SLAMPixelShard(serialized: shard.serialized())
            }
            results.withLock { $0[k] = result }
        }
        return try results.current.map { try #require($0).get() }.shuffled(using: &rng)
    }

    @Test(arguments: [1, 4, 13])
    func shardedGridTrainingIsBitIdenticalToOneProcess(pixelsPerShard: Int) throws {
        let data = Self.data()
        let single = try SLAMTrainer(options: .init(workers: 2)).trainWithReport(data, hyperparameters: Self.grid)
        // Fold 1 with star weights, as density weighting gives them.
        var folds = Self.folds(data, folds: 3, seed: 5)
        folds[1].starWeights = folds[1].members.map { 0.5 + Double($0 % 4) / 2 }
        let problem = try SLAMTrainingProblem(data, hyperparameters: Self.grid, validationFolds: folds)
        let cache = SVRKernelCache(byteCap: 1 << 20)
        let assembled = try SLAMShardAssembler.assemble(
            problem, shards: try Self.sharded(problem, size: pixelsPerShard, seed: UInt64(pixelsPerShard), cache: cache))
        #expect(assembled.model.serialized() == single.model.serialized())
        #expect(assembled.report == single.report)
        #expect(assembled.model.crossValidatedMSE[4] == .infinity)
        // Each fold model is the model trained on the fold's stars alone with the chosen hyperparameters.
        for (f, fold) in folds.enumerated() {
            let alone = try SLAMTrainer(options: .init(workers: 2)).train(Self.foldData(data, fold),
                                                                          hyperparameters: .perPixel(single.model.hyperparameters))
            #expect(assembled.foldModels[f].serialized() == alone.serialized())
        }
        // The full-set kernels (2 gammas) and each fold's (3 folds x 2 gammas at most) computed once each.
        #expect(cache.computedCount <= 2 + 3 * 2)
    }

    @Test(arguments: [2, 5])
    func shardedFixedTrainingIsBitIdenticalToOneProcess(pixelsPerShard: Int) throws {
        let data = Self.data()
        let single = try SLAMTrainer(options: .init(workers: 2)).trainWithReport(data, hyperparameters: Self.fixed)
        let problem = try SLAMTrainingProblem(data, hyperparameters: Self.fixed, validationFolds: Self.folds(data, folds: 4, seed: 2))
        let shards = try Self.sharded(problem, size: pixelsPerShard, seed: 99, cache: SVRKernelCache(byteCap: 0))
        let assembled = try SLAMShardAssembler.assemble(problem, shards: shards)
        #expect(assembled.model.serialized() == single.model.serialized())
        #expect(assembled.report == single.report)
        #expect(assembled.foldModels.count == 4)
    }

    @Test func aRangeOutsideThePixelsIsRefused() throws {
        let problem = try SLAMTrainingProblem(Self.data(), hyperparameters: Self.fixed)
        for range in [0..<0, 10..<14] {
            #expect(throws: SLAMTrainingError.self) { try SLAMTrainer().trainShard(problem, pixels: range) }
        }
    }
}
