import Foundation
import Testing
@testable import Formats

@Suite struct Base64StreamEncoderTests {
    @Test func piecesEncodeAsTheWholeDoes() throws {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for pieceLengths in [[1], [2], [3], [5, 1, 7], [0, 4, 2], [1000]] {
            var encoder = Base64StreamEncoder()
            var output: [UInt8] = []
            var offset = 0
            var turn = 0
            while offset < bytes.count {
                let length = min(pieceLengths[turn % pieceLengths.count], bytes.count - offset)
                encoder.append(Array(bytes[offset..<(offset + length)]), to: &output)
                offset += length
                turn += 1
            }
            encoder.finish(to: &output)
            let text = String(decoding: output, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.dropLast(2).allSatisfy { $0.count == 76 } && lines[lines.count - 2].count <= 76 && lines.last == "", "pieces \(pieceLengths)")
            #expect(text.replacingOccurrences(of: "\n", with: "") == Data(bytes).base64EncodedString(), "pieces \(pieceLengths)")
        }
    }

    @Test func remaindersArePadded() throws {
        for (input, expected) in [([UInt8]([0x4D]), "TQ==\n"), ([0x4D, 0x61], "TWE=\n"), ([0x4D, 0x61, 0x6E], "TWFu\n"), ([], "")] {
            var encoder = Base64StreamEncoder()
            var output: [UInt8] = []
            encoder.append(input, to: &output)
            encoder.finish(to: &output)
            #expect(String(decoding: output, as: UTF8.self) == expected)
        }
    }
}
