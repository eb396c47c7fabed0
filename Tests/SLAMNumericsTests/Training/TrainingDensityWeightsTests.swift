@testable import SLAMNumerics
import Testing

@Suite("Training-set balance: density weights and per-star weights")
struct TrainingDensityWeightsTests {
    /// 300 bulk stars around [M/H] = 0 and 12 metal-poor ones spread over -2.5...-1.5 (Teff, log g, [M/H]).
    static func skewedLabels() -> (labels: [Double], tail: Range<Int>) {
        var rng = SplitMix64(seed: 3)
        var labels: [Double] = []
        for _ in 0..<300 { labels += [4800 + 200 * rng.normal(), 2.5 + 0.3 * rng.normal(), 0.2 * rng.normal()] }
        for _ in 0..<12 { labels += [4800 + 200 * rng.normal(), 2.5 + 0.3 * rng.normal(), rng.uniform(-2.5, -1.5)] }
        return (labels, 300..<312)
    }

    @Test func aSparseTailIsUpWeightedAndWeightsAverageOne() throws {
        let (labels, tail) = Self.skewedLabels()
        let settings = TrainingDensityWeights()
        let w = try settings.weights(labels: labels, labelCount: 3)
        #expect(w.count == 312)
        let mean = w.reduce(0, +) / Double(w.count)
        #expect(abs(mean - 1) < 0.02)
        #expect(w.allSatisfy { $0 >= settings.minimum && $0 <= settings.maximum })
        let tailMean = tail.map { w[$0] }.reduce(0, +) / Double(tail.count)
        let bulkMean = (0..<300).map { w[$0] }.reduce(0, +) / 300
        #expect(tailMean > 2 * bulkMean, "tail \(tailMean), bulk \(bulkMean)")
    }

    @Test func badSettingsAndLabelsThrow() {
        var settings = TrainingDensityWeights()
        settings.minimum = 2
        #expect(throws: SLAMTrainingError.self) { try settings.weights(labels: [1, 2, 3, 4], labelCount: 2) }
        #expect(throws: SLAMTrainingError.self) { try TrainingDensityWeights().weights(labels: [1, .nan, 3, 4], labelCount: 2) }
        #expect(throws: SLAMTrainingError.self) { try TrainingDensityWeights().weights(labels: [1, 2], labelCount: 2) }
    }

    @Test func starWeightsMultiplyThePixelWeightsAndBadOnesAreRejected() throws {
        var data = TrainingTestData.make(stars: 20, labels: 2, pixels: 5, seed: 1)
        data.ivar[3 * 5 + 2] = 0  // star 3, pixel 2 is bad
        data.starWeights = (0..<20).map { 0.5 + Double($0) / 10 }
        let set = try PreparedTrainingSet(data)
        #expect(set.weights[2 * 20 + 3] == 0)
        #expect(set.weights[1 * 20 + 3] == 0.8)
        #expect(set.weights[4 * 20 + 7] == 1.2)
        data.starWeights = [Double](repeating: 1, count: 19)
        #expect(throws: SLAMTrainingError.shapeMismatch(what: "starWeights", expected: 20, actual: 19)) { try PreparedTrainingSet(data) }
        data.starWeights = [Double](repeating: 1, count: 20)
        data.starWeights?[4] = -1
        #expect(throws: SLAMTrainingError.invalidStarWeight(star: 4, value: -1)) { try PreparedTrainingSet(data) }
    }
}
