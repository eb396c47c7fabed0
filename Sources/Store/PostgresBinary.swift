/// Big-endian reading and writing of PostgreSQL's binary wire formats (parameters, results, COPY).
enum PostgresBinary {
    @inline(__always)
    static func append<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    @inline(__always)
    static func read<T: FixedWidthInteger>(_: T.Type, from bytes: UnsafeRawBufferPointer, at offset: Int) -> T? {
        guard offset >= 0, offset + MemoryLayout<T>.size <= bytes.count else { return nil }
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { dst in
            dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + MemoryLayout<T>.size)]))
        }
        return T(bigEndian: value)
    }

    /// Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01 00:00:00 UTC).
    static let postgresEpochOffsetMicros: Int64 = 946_684_800_000_000
}
