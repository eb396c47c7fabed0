import Foundation
@testable import Store
import Testing

/// Integers go on the wire big-endian and read back the same; reads past the end are refused.
@Suite struct PostgresBinaryTests {
    @Test func integersAreAppendedMostSignificantByteFirst() {
        var buffer: [UInt8] = [0xAA]
        PostgresBinary.append(Int32(0x0102_0304), to: &buffer)
        PostgresBinary.append(Int16(-2), to: &buffer)
        PostgresBinary.append(UInt64(1), to: &buffer)
        #expect(buffer == [0xAA, 1, 2, 3, 4, 0xFF, 0xFE, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test func readReturnsWhatAppendWroteAtAnyOffset() {
        var buffer: [UInt8] = [9]
        PostgresBinary.append(Int64(-1_234_567_890_123), to: &buffer)
        PostgresBinary.append(Int32.min, to: &buffer)
        buffer.withUnsafeBytes { bytes in
            #expect(PostgresBinary.read(Int64.self, from: bytes, at: 1) == -1_234_567_890_123)
            #expect(PostgresBinary.read(Int32.self, from: bytes, at: 9) == Int32.min)
            #expect(PostgresBinary.read(UInt8.self, from: bytes, at: 0) == 9)
        }
    }

    @Test func readsOutsideTheBufferAreNil() {
        let buffer: [UInt8] = [0, 0, 0, 1]
        buffer.withUnsafeBytes { bytes in
            #expect(PostgresBinary.read(Int32.self, from: bytes, at: 0) == 1)
            #expect(PostgresBinary.read(Int32.self, from: bytes, at: 1) == nil)
            #expect(PostgresBinary.read(Int16.self, from: bytes, at: -1) == nil)
            #expect(PostgresBinary.read(Int64.self, from: bytes, at: 0) == nil)
        }
    }

    @Test func postgresEpochOffsetIsMidnightUTCOnFirstJanuary2000() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let epoch = try #require(calendar.date(from: DateComponents(year: 2000, month: 1, day: 1)))
        #expect(PostgresBinary.postgresEpochOffsetMicros == Int64(epoch.timeIntervalSince1970) * 1_000_000)
    }
}
