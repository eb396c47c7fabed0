import Primitives
@testable import SLAMNumerics
import Testing

/// The little-endian writer and bounds-checked reader behind the model bytes: numbers laid out by hand,
/// round trips, and truncated or corrupt bytes refused with the typed error naming field and offset.
@Suite struct SLAMModelByteCodingTests {
    /// The hand model of `SLAMKernelEvaluatorTests` (N = 2, L = 2 labels "a" and "b", P = 2, every coefficient
    /// non-zero) is 282 payload bytes: header 24, names 10, wavelength 16, label scaler 32, flux scaler 32,
    /// training labels 32, intercept 16, hyperparameters 48, CV MSE 16, then per pixel a count (4), two
    /// indices (8) and two values (16): pixel 1's count at 254, indices at 258, values at 266.
    static let bytes = SLAMKernelEvaluatorTests.handModel().serialized()

    /// `payload` followed by its FNV-1a checksum, so that only the structure is wrong.
    static func signed(_ payload: [UInt8]) -> [UInt8] {
        var writer = SLAMModelByteWriter(bytes: payload)
        writer.u64(FNV1a.hash64(payload))
        return writer.bytes
    }

    static var payload: [UInt8] { Array(bytes.dropLast(8)) }

    @Test func numbersAreWrittenLittleEndian() {
        var writer = SLAMModelByteWriter()
        writer.u32(0x0102_0304)
        writer.u64(0x0A0B_0C0D_0E0F_1011)
        writer.f64(1.0)  // 0x3FF0_0000_0000_0000
        writer.f64([-2.0])  // 0xC000_0000_0000_0000
        #expect(writer.bytes == [4, 3, 2, 1, 0x11, 0x10, 0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A,
                                 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0xC0])
    }

    @Test func readerReadsBackWhatTheWriterWrote() throws {
        var writer = SLAMModelByteWriter()
        writer.u32(.max)
        writer.u64(1 << 40)
        writer.u32(7); writer.u32(9)
        writer.f64([.pi, -0.0, .infinity])
        writer.bytes += [0xAB, 0xCD]
        var reader = SLAMModelByteReader(bytes: writer.bytes)
        #expect(try reader.u32("a") == .max)
        #expect(try reader.u64("b") == 1 << 40)
        #expect(try reader.u32s(2, "c") == [7, 9])
        let doubles = try reader.f64(3, "d")
        #expect(doubles.map(\.bitPattern) == [Double.pi, -0.0, .infinity].map(\.bitPattern))
        #expect(try reader.raw(2, "e") == [0xAB, 0xCD])
        #expect(reader.remaining == 0)
    }

    @Test func readingPastTheEndThrowsTruncatedWithFieldOffsetAndShortfall() {
        var reader = SLAMModelByteReader(bytes: [1, 2, 3, 4, 5, 6])
        #expect(throws: SLAMModelCodingError.truncated(field: "count", offset: 0, needed: 2)) {
            try reader.u64("count")
        }
        _ = try? reader.u32("first")
        #expect(throws: SLAMModelCodingError.truncated(field: "second", offset: 4, needed: 2)) {
            try reader.u32("second")
        }
        #expect(throws: SLAMModelCodingError.truncated(field: "values", offset: 4, needed: 14)) {
            try reader.f64(2, "values")
        }
        #expect(throws: SLAMModelCodingError.truncated(field: "indices", offset: 4, needed: 10)) {
            try reader.u32s(3, "indices")
        }
        #expect(reader.offset == 4)  // a failed read consumes nothing
    }

    @Test func theLimitEndsTheReadableBytes() throws {
        var reader = SLAMModelByteReader(bytes: [1, 0, 0, 0, 2, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9])
        reader.limit = 8
        #expect(try reader.u32s(2, "pair") == [1, 2])
        #expect(throws: SLAMModelCodingError.truncated(field: "checksum", offset: 8, needed: 8)) {
            try reader.u64("checksum")
        }
    }

    @Test func aModelRoundTripsThroughTheHandCountedLayout() throws {
        #expect(Self.bytes.count == 290)
        #expect(Array(Self.bytes[12..<24]) == [2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0])
        #expect(Array(Self.bytes[24..<34]) == [1, 0, 0, 0, UInt8(ascii: "a"), 1, 0, 0, 0, UInt8(ascii: "b")])
        #expect(Array(Self.bytes[254..<266]) == [2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
        #expect(try SLAMModel(serialized: Self.bytes) == SLAMKernelEvaluatorTests.handModel())
    }

    @Test func cutBytesThrowTheTypedError() {
        #expect(throws: SLAMModelCodingError.badMagic) { try SLAMModel(serialized: Array(Self.bytes[0..<5])) }
        #expect(throws: SLAMModelCodingError.truncated(field: "version", offset: 8, needed: 2)) {
            try SLAMModel(serialized: Array(Self.bytes[0..<10]))
        }
        #expect(throws: SLAMModelCodingError.truncated(field: "checksum", offset: 12, needed: 8)) {
            try SLAMModel(serialized: Array(Self.bytes[0..<12]))
        }
        // Cut without re-signing, the last 8 bytes are read as a checksum and do not match.
        #expect(throws: SLAMModelCodingError.self) { try SLAMModel(serialized: Array(Self.bytes.dropLast(3))) }
        // Cut and re-signed: the structure itself ends early, in pixel 1's coefficient values.
        #expect(throws: SLAMModelCodingError.truncated(field: "coefficient values", offset: 266, needed: 8)) {
            try SLAMModel(serialized: Self.signed(Array(Self.payload.dropLast(8))))
        }
    }

    @Test func corruptBytesThrowTheTypedError() {
        var flipped = Self.bytes
        flipped[100] ^= 0x04
        let stored = FNV1a.hash64(Self.payload)
        let computed = FNV1a.hash64(flipped.dropLast(8))
        #expect(throws: SLAMModelCodingError.checksumMismatch(stored: stored, computed: computed)) {
            try SLAMModel(serialized: flipped)
        }
        var version = Self.payload
        version[8] = 2
        #expect(throws: SLAMModelCodingError.unsupportedVersion(2)) { try SLAMModel(serialized: Self.signed(version)) }
        var name = Self.payload
        name[28] = 0xFF
        #expect(throws: SLAMModelCodingError.invalidLabelName(index: 0)) { try SLAMModel(serialized: Self.signed(name)) }
        var count = Self.payload
        count[226] = 3  // pixel 0 claims 3 support vectors of 2 training stars
        #expect(throws: SLAMModelCodingError.invalidValue(field: "coefficient count of pixel 0", value: 3)) {
            try SLAMModel(serialized: Self.signed(count))
        }
        var order = Self.payload
        order[258] = 1  // pixel 1's indices (1, 1): not ascending
        #expect(throws: SLAMModelCodingError.invalidValue(field: "coefficient index of pixel 1", value: 1)) {
            try SLAMModel(serialized: Self.signed(order))
        }
        #expect(throws: SLAMModelCodingError.trailingBytes(count: 3)) {
            try SLAMModel(serialized: Self.signed(Self.payload + [0, 0, 0]))
        }
    }
}
