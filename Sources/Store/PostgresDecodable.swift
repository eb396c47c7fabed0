import Foundation

/// A Swift type that can be read from a binary-format result column.
///
/// Results are always requested in binary format. A decoder accepts the exact type and
/// lossless relatives (`Int` reads int2/int4/int8; `Double` reads float4/float8; `String` reads
/// text, varchar, char, name, json and jsonb). Anything else throws
/// ``PostgresError/decoding(column:expected:actualType:reason:)`` naming the column: cast in SQL
/// (`numeric_col::float8`, `x::text`) to read other types.
public protocol PostgresDecodable {
    /// Decodes a non-NULL value of PostgreSQL type `type` from its binary form.
    static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Self
    /// The value for SQL NULL; throws ``PostgresError/unexpectedNull(column:expected:)`` unless optional.
    static func decodePostgresNull(column: String) throws(PostgresError) -> Self
}

extension PostgresDecodable {
    public static func decodePostgresNull(column: String) throws(PostgresError) -> Self {
        throw .unexpectedNull(column: column, expected: String(describing: Self.self))
    }

    static func mismatch(_ column: String, _ type: PostgresType, _ reason: String = "type mismatch") -> PostgresError {
        .decoding(column: column, expected: String(describing: Self.self), actualType: type.oid, reason: reason)
    }

    static func fixed<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer, _ type: PostgresType, _ column: String) throws(PostgresError) -> T {
        guard bytes.count == MemoryLayout<T>.size, let value = PostgresBinary.read(T.self, from: bytes, at: 0) else {
            throw mismatch(column, type, "expected \(MemoryLayout<T>.size) bytes, got \(bytes.count)")
        }
        return value
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Self {
        try Wrapped.decodePostgres(bytes, type: type, column: column)
    }
    public static func decodePostgresNull(column: String) throws(PostgresError) -> Self { nil }
}

extension Int: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Int {
        switch type {
        case .int8: return Int(try fixed(Int64.self, bytes, type, column))
        case .int4: return Int(try fixed(Int32.self, bytes, type, column))
        case .int2: return Int(try fixed(Int16.self, bytes, type, column))
        case .oidType: return Int(try fixed(UInt32.self, bytes, type, column))
        default: throw mismatch(column, type)
        }
    }
}

extension Int64: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Int64 {
        Int64(try Int.decodePostgres(bytes, type: type, column: column))
    }
}

extension Int32: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Int32 {
        guard let value = Int32(exactly: try Int.decodePostgres(bytes, type: type, column: column)) else {
            throw mismatch(column, type, "value out of Int32 range")
        }
        return value
    }
}

extension Int16: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Int16 {
        guard let value = Int16(exactly: try Int.decodePostgres(bytes, type: type, column: column)) else {
            throw mismatch(column, type, "value out of Int16 range")
        }
        return value
    }
}

extension Double: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Double {
        switch type {
        case .float8: return Double(bitPattern: try fixed(UInt64.self, bytes, type, column))
        case .float4: return Double(Float(bitPattern: try fixed(UInt32.self, bytes, type, column)))
        case .numeric: return try numeric(bytes, column)
        default: throw mismatch(column, type)
        }
    }

    /// The binary `numeric` (PostgreSQL's numeric_send): int16 ndigits, int16 weight, uint16 sign, int16
    /// dscale, then ndigits base-10000 digits, the first worth 10000^weight. Sign 0xC000 is NaN and
    /// 0xD000/0xF000 are +/-Infinity. The nearest Double to the exact decimal value (the digits are
    /// written out as decimal text and parsed, which rounds correctly at any number of digits).
    static func numeric(_ bytes: UnsafeRawBufferPointer, _ column: String) throws(PostgresError) -> Double {
        guard bytes.count >= 8, let count = PostgresBinary.read(Int16.self, from: bytes, at: 0),
              let weight = PostgresBinary.read(Int16.self, from: bytes, at: 2),
              let sign = PostgresBinary.read(UInt16.self, from: bytes, at: 4), count >= 0,
              bytes.count == 8 + 2 * Int(count) else {
            throw mismatch(column, .numeric, "malformed numeric of \(bytes.count) bytes")
        }
        switch sign {
        case 0xC000: return .nan
        case 0xD000: return .infinity
        case 0xF000: return -.infinity
        case 0x0000, 0x4000: break
        default: throw mismatch(column, .numeric, "unknown numeric sign 0x\(String(sign, radix: 16))")
        }
        // The decimal text of the digits, read by Double(String), which rounds correctly.
        var text = sign == 0x4000 ? "-" : ""
        for k in 0..<Int(count) {
            guard let digit = PostgresBinary.read(Int16.self, from: bytes, at: 8 + 2 * k), (0..<10000).contains(digit) else {
                throw mismatch(column, .numeric, "numeric digit out of range")
            }
            let group = String(digit)
            text += k == 0 ? group : String(repeating: "0", count: 4 - group.count) + group
        }
        if count == 0 { return 0 }
        text += "e\(4 * (Int(weight) - Int(count) + 1))"
        guard let value = Double(text) else { throw mismatch(column, .numeric, "numeric \(text) is not a number") }
        return value
    }
}

extension Float: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Float {
        switch type {
        case .float4: return Float(bitPattern: try fixed(UInt32.self, bytes, type, column))
        case .float8: return Float(Double(bitPattern: try fixed(UInt64.self, bytes, type, column)))
        default: throw mismatch(column, type)
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Bool {
        guard type == .bool, bytes.count == 1 else { throw mismatch(column, type) }
        return bytes[0] != 0
    }
}

extension String: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> String {
        if type.isTextLike || type == .json {
            return String(decoding: bytes, as: UTF8.self)
        }
        if type == .jsonb {
            guard bytes.count >= 1, bytes[0] == 1 else { throw mismatch(column, type, "unknown jsonb version") }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[1...]), as: UTF8.self)
        }
        if type == .uuid {
            return try UUID.decodePostgres(bytes, type: type, column: column).uuidString.lowercased()
        }
        throw mismatch(column, type, "cast to text in SQL to read it as a String")
    }
}

extension JSONB: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> JSONB {
        guard type == .jsonb || type == .json else { throw mismatch(column, type) }
        return JSONB(try String.decodePostgres(bytes, type: type, column: column))
    }
}

extension Data: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Data {
        guard type == .bytea else { throw mismatch(column, type) }
        return Data(bytes)
    }
}

extension Date: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> Date {
        switch type {
        case .timestamptz, .timestamp:
            let micros = try fixed(Int64.self, bytes, type, column)
            if micros == .max || micros == .min { throw mismatch(column, type, "infinite timestamp") }
            return Date(timeIntervalSince1970: Double(micros + PostgresBinary.postgresEpochOffsetMicros) / 1_000_000)
        case .date:
            let days = try fixed(Int32.self, bytes, type, column)
            return Date(timeIntervalSince1970: (Double(days) + 10_957) * 86_400)
        default: throw mismatch(column, type)
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> UUID {
        guard type == .uuid, bytes.count == 16 else { throw mismatch(column, type) }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: bytes) }
        return UUID(uuid: raw)
    }
}

/// One-dimensional arrays without NULL elements (an empty array decodes as `[]`).
extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decodePostgres(_ bytes: UnsafeRawBufferPointer, type: PostgresType, column: String) throws(PostgresError) -> [Element] {
        guard type.arrayElement != nil,
              let dims = PostgresBinary.read(Int32.self, from: bytes, at: 0),
              let elementOID = PostgresBinary.read(UInt32.self, from: bytes, at: 8) else {
            throw mismatch(column, type)
        }
        if dims == 0 { return [] }
        guard dims == 1, let count = PostgresBinary.read(Int32.self, from: bytes, at: 12), count >= 0 else {
            throw mismatch(column, type, "only one-dimensional arrays are supported (got \(dims))")
        }
        let elementType = PostgresType(oid: elementOID)
        var result: [Element] = []
        result.reserveCapacity(Int(count))
        var offset = 20
        for index in 0..<Int(count) {
            guard let length = PostgresBinary.read(Int32.self, from: bytes, at: offset) else {
                throw mismatch(column, type, "truncated array")
            }
            offset += 4
            guard length >= 0 else { throw .unexpectedNull(column: "\(column)[\(index + 1)]", expected: "\(Element.self)") }
            guard offset + Int(length) <= bytes.count else { throw mismatch(column, type, "truncated array") }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + Int(length))])
            result.append(try Element.decodePostgres(slice, type: elementType, column: column))
            offset += Int(length)
        }
        return result
    }
}
