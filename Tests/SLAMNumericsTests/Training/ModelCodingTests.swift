import Foundation
import SLAMNumerics
import Testing

struct ModelCodingTests {
    static func model() throws -> SLAMModel {
        var data = TrainingTestData.make(stars: 25, labels: 3, pixels: 4, seed: 8)
        for i in 0..<25 { data.ivar[i * 4 + 3] = 0 }  // an unusable pixel: CV MSE +infinity
        var model = try SLAMTrainer().train(data, hyperparameters: .fixed(SVRHyperparameters(c: 2, epsilon: 0.1, gamma: 0.25)))
        model.labelNames[1] = "log g (dex) é"
        model.coefficients[3] = -0.0
        return model
    }

    @Test func roundTripIsBitExact() throws {
        let model = try Self.model()
        let bytes = model.serialized()
        let decoded = try SLAMModel(serialized: bytes)
        #expect(decoded == model)
        #expect(decoded.coefficients.map(\.bitPattern) == model.coefficients.map(\.bitPattern))
        #expect(decoded.crossValidatedMSE[3] == .infinity)
        #expect(decoded.serialized() == bytes)
        #expect(Array(bytes[0..<8]) == Array("SLAMMODL".utf8) && bytes[8] == 1)
    }

    @Test func truncatedBytesThrow() throws {
        let bytes = try Self.model().serialized()
        for length in [0, 5, 8, 11, 20, bytes.count / 2, bytes.count - 9, bytes.count - 1] {
            #expect(throws: SLAMModelCodingError.self) { try SLAMModel(serialized: Array(bytes[0..<length])) }
        }
    }

    @Test func corruptBytesThrow() throws {
        let bytes = try Self.model().serialized()
        var flipped = bytes
        flipped[bytes.count / 3] ^= 0x10
        #expect(throws: SLAMModelCodingError.self) { try SLAMModel(serialized: flipped) }
        var magic = bytes
        magic[0] = UInt8(ascii: "X")
        #expect(throws: SLAMModelCodingError.badMagic) { try SLAMModel(serialized: magic) }
        var version = bytes
        version[8] = 9
        #expect(throws: SLAMModelCodingError.unsupportedVersion(9)) { try SLAMModel(serialized: version) }
        #expect(throws: SLAMModelCodingError.self) { try SLAMModel(serialized: bytes + [0]) }
        var rng = SplitMix64(seed: 1)
        for _ in 0..<50 {
            let garbage = Array("SLAMMODL".utf8) + [1, 0, 0, 0] + (0..<64).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(throws: SLAMModelCodingError.self) { try SLAMModel(serialized: garbage) }
        }
    }
}
