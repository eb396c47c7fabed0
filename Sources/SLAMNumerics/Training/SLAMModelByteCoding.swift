import Primitives

/// Little-endian writer for `SLAMModel.serialized()`.
struct SLAMModelByteWriter {
    var bytes: [UInt8] = []

    mutating func u32(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) } }
    mutating func u64(_ v: UInt64) { for s in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(s))) } }
    mutating func f64(_ v: Double) { u64(v.bitPattern) }
    mutating func f64(_ values: [Double]) {
        bytes.reserveCapacity(bytes.count + 8 * values.count)
        for v in values { u64(v.bitPattern) }
    }

}

/// Bounds-checked little-endian reader for `SLAMModel.init(serialized:)`: every read throws `.truncated`
/// instead of reading past `limit`.
struct SLAMModelByteReader {
    let bytes: [UInt8]
    var offset = 0
    var limit: Int

    init(bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        limit = bytes.count
    }

    /// A reader of the payload of `bytes` in the shared envelope: magic (8 bytes), version u32, payload,
    /// FNV-1a 64 checksum of every byte before it. Positioned after the version, limited to the payload.
    /// Throws `.badMagic`, `.unsupportedVersion`, `.truncated` or `.checksumMismatch`.
    init(checking bytes: [UInt8], magic: [UInt8], version expected: UInt32) throws(SLAMModelCodingError) {
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { throw .badMagic }
        self.init(bytes: bytes, offset: magic.count)
        let version = try u32("version")
        guard version == expected else { throw .unsupportedVersion(version) }
        guard bytes.count >= magic.count + 8 else { throw .truncated(field: "checksum", offset: bytes.count, needed: 8) }
        let payload = bytes.count - 8
        var c = SLAMModelByteReader(bytes: bytes, offset: payload)
        let stored = try c.u64("checksum")
        let computed = FNV1a.hash64(bytes[0..<payload])
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        limit = payload
    }

    var remaining: Int { limit - offset }

    private mutating func take(_ count: Int, _ field: String) throws(SLAMModelCodingError) -> Int {
        guard count >= 0, count <= remaining else {
            throw .truncated(field: field, offset: offset, needed: count - max(remaining, 0))
        }
        defer { offset += count }
        return offset
    }

    mutating func u32(_ field: String) throws(SLAMModelCodingError) -> UInt32 {
        let at = try take(4, field)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[at + k]) << UInt32(8 * k) }
        return v
    }

    mutating func u64(_ field: String) throws(SLAMModelCodingError) -> UInt64 {
        let at = try take(8, field)
        return Self.u64(bytes, at)
    }

    mutating func raw(_ count: Int, _ field: String) throws(SLAMModelCodingError) -> ArraySlice<UInt8> {
        let at = try take(count, field)
        return bytes[at..<(at + count)]
    }

    mutating func u32s(_ count: Int, _ field: String) throws(SLAMModelCodingError) -> [UInt32] {
        guard count <= remaining / 4 else { throw .truncated(field: field, offset: offset, needed: 4 * count - remaining) }
        var out = [UInt32]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try u32(field)) }
        return out
    }

    mutating func f64(_ count: Int, _ field: String) throws(SLAMModelCodingError) -> [Double] {
        guard count <= remaining / 8 else { throw .truncated(field: field, offset: offset, needed: 8 * count - remaining) }
        let at = try take(8 * count, field)
        return (0..<count).map { Double(bitPattern: Self.u64(bytes, at + 8 * $0)) }
    }

    private static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << UInt64(8 * k) }
        return v
    }
}
