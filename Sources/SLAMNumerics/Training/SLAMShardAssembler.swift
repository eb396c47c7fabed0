/// Joins pixel shards (``SLAMPixelShard``) covering every pixel of a ``SLAMTrainingProblem`` into the
/// model, its per-pixel report and the whole-method cross-validation fold models: the same values, bit for
/// bit, as one shard over all pixels (shards are checked, never trusted: gaps, overlaps and shapes).
public enum SLAMShardAssembler {
    /// What an assembled training holds.
    public struct Result: Sendable {
        /// The model trained on all stars.
        public var model: SLAMModel
        /// Per-pixel solver statistics of the model (grid and final fit).
        public var report: SLAMTrainer.Report
        /// One model per whole-method cross-validation fold, trained on that fold's training set with the
        /// model's per-pixel hyperparameters (empty when the problem has no folds).
        public var foldModels: [SLAMModel]
    }

    /// Assembles `shards` (any order) of `problem`.
    /// - Throws: `SLAMShardError`: no shards, a gap, an overlap, a shard outside the pixels, or a shard whose
    ///   star count, fold count or array lengths do not match the problem.
    public static func assemble(_ problem: SLAMTrainingProblem, shards: [SLAMPixelShard]) throws(SLAMShardError) -> Result {
        let set = problem.header, n = set.n, p = set.p
        guard !shards.isEmpty else { throw .noShards }
        let ordered = shards.sorted { ($0.pixels.lowerBound, $0.pixels.upperBound) < ($1.pixels.lowerBound, $1.pixels.upperBound) }
        var covered = 0
        for shard in ordered {
            let range = shard.pixels
            guard range.upperBound <= p else { throw .outOfRange(shard: range, pixelCount: p) }
            if range.lowerBound > covered { throw .gap(pixels: covered..<range.lowerBound) }
            if range.lowerBound < covered { throw .overlap(pixels: range.lowerBound..<min(covered, range.upperBound)) }
            try check(shard, problem: problem)
            covered = range.upperBound
        }
        guard covered == p else { throw .gap(pixels: covered..<p) }

        var coefficients = [Double](), intercept = [Double](), hyperparameters = [SVRHyperparameters](), mse = [Double]()
        var report = SLAMTrainer.Report(iterations: [], supportVectors: [], solves: [])
        coefficients.reserveCapacity(p * n)
        for shard in ordered {
            coefficients += shard.coefficients; intercept += shard.intercept
            hyperparameters += shard.hyperparameters; mse += shard.crossValidatedMSE
            report.iterations += shard.iterations; report.supportVectors += shard.supportVectors; report.solves += shard.solves
        }
        let model = SLAMModel(
            labelNames: set.labelNames, wavelength: set.wavelength, labelScaler: set.labelScaler,
            fluxScaler: set.fluxScaler, trainingLabels: set.labels, coefficients: coefficients,
            intercept: intercept, hyperparameters: hyperparameters, crossValidatedMSE: mse)
        let foldModels = problem.foldHeaders.enumerated().map { f, foldSet in
            SLAMModel(
                labelNames: foldSet.labelNames, wavelength: foldSet.wavelength, labelScaler: foldSet.labelScaler,
                fluxScaler: foldSet.fluxScaler, trainingLabels: foldSet.labels,
                coefficients: ordered.flatMap { $0.folds[f].coefficients }, intercept: ordered.flatMap { $0.folds[f].intercept },
                hyperparameters: hyperparameters, crossValidatedMSE: ordered.flatMap { $0.folds[f].trainingMSE })
        }
        return Result(model: model, report: report, foldModels: foldModels)
    }

    /// Checks one shard's shapes against the problem.
    static func check(_ shard: SLAMPixelShard, problem: SLAMTrainingProblem) throws(SLAMShardError) {
        let range = shard.pixels, m = range.count, n = problem.header.n
        func expect(_ what: String, _ expected: Int, _ actual: Int) throws(SLAMShardError) {
            guard expected == actual else { throw .shapeMismatch(shard: range, what: what, expected: expected, actual: actual) }
        }
        try expect("training stars", n, shard.trainingCount)
        try expect("coefficients", m * n, shard.coefficients.count)
        for (what, count) in [("intercept", shard.intercept.count), ("hyperparameters", shard.hyperparameters.count),
                              ("crossValidatedMSE", shard.crossValidatedMSE.count), ("iterations", shard.iterations.count),
                              ("supportVectors", shard.supportVectors.count), ("solves", shard.solves.count)] {
            try expect(what, m, count)
        }
        try expect("folds", problem.foldHeaders.count, shard.folds.count)
        for (f, fold) in shard.folds.enumerated() {
            let nk = problem.foldHeaders[f].n
            try expect("fold \(f) training stars", nk, fold.trainingCount)
            try expect("fold \(f) coefficients", m * nk, fold.coefficients.count)
            try expect("fold \(f) intercept", m, fold.intercept.count)
            try expect("fold \(f) trainingMSE", m, fold.trainingMSE.count)
        }
    }
}
