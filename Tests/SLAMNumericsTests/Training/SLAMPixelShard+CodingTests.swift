import SLAMNumerics
import Testing

/// A shard's bytes round-trip bit for bit (NaN payloads, -0, infinities) and bad bytes throw.
@Suite struct SLAMPixelShardCodingTests {
    static let shard = SLAMPixelShard(
        pixels: 3..<5, trainingCount: 3,
        hyperparameters: [SVRHyperparameters(c: 1, epsilon: 0.1, gamma: 0.5), SVRHyperparameters(c: 2, epsilon: 0, gamma: 0.25)],
        crossValidatedMSE: [0.25, .infinity], coefficients: [-0.0, 0, 1.5, Double(bitPattern: 0x7FF8_0000_0000_0001), 0, -2],
        intercept: [0.125, -1], iterations: [7, 0], supportVectors: [2, 0], solves: [13, 0],
        folds: [.init(trainingCount: 2, coefficients: [0, 1, 2, 0], intercept: [1, 2], trainingMSE: [0.5, .infinity])])

    @Test func roundTripsBitForBit() throws {
        let bytes = Self.shard.serialized()
        let back = try SLAMPixelShard(serialized: bytes)
        #expect(back.serialized() == bytes)
        #expect(back.coefficients.map(\.bitPattern) == Self.shard.coefficients.map(\.bitPattern))
        #expect(back.pixels == 3..<5 && back.folds.count == 1 && back.iterations == [7, 0])
    }

    @Test func refusesBadBytes() {
        var bytes = Self.shard.serialized()
        #expect(throws: SLAMModelCodingError.badMagic) { try SLAMPixelShard(serialized: Array(bytes.dropFirst())) }
        bytes[30] ^= 1
        #expect(throws: SLAMModelCodingError.self) { try SLAMPixelShard(serialized: bytes) }
        #expect(throws: SLAMModelCodingError.self) { try SLAMPixelShard(serialized: Array(Self.shard.serialized().dropLast(3))) }
    }

    @Test func rangesCoverThePixelsOnce() {
        #expect(SLAMPixelShard.ranges(pixelCount: 10, pixelsPerShard: 4) == [0..<4, 4..<8, 8..<10])
        #expect(SLAMPixelShard.ranges(pixelCount: 3, pixelsPerShard: 0) == [0..<1, 1..<2, 2..<3])
    }
}
