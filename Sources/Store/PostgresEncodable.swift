import Foundation

/// A Swift value that can be sent to PostgreSQL as a query parameter or a binary COPY field.
///
/// Parameters are bound in binary format with the value's ``postgresType`` (so `Int` binds as
/// `int8`, `[Float]` as `float4[]`), except `String`, which is sent as text with an unspecified
/// type so the server infers it (a `String` binds to text, varchar, jsonb, enum or numeric columns).
/// For binary COPY the target column's type is known and ``encodePostgres(into:as:)`` converts
/// where it is lossless enough (e.g. `Int` into an `int4` column, with a range check).
public protocol PostgresEncodable: Sendable {
    /// The type this value binds as when used as a parameter.
    var postgresType: PostgresType { get }
    /// True when this value is SQL NULL (only `Optional.none` and ``PostgresNull``).
    var isPostgresNull: Bool { get }
    /// Appends the binary representation of the value as `type` (without a length prefix).
    /// Throws ``PostgresError/encoding(value:targetType:reason:)`` when the value cannot be `type`.
    func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError)
}

extension PostgresEncodable {
    public var isPostgresNull: Bool { false }

    func encodingError(_ type: PostgresType, _ reason: String = "unsupported target type") -> PostgresError {
        .encoding(value: String(describing: Self.self), targetType: type.oid, reason: reason)
    }
}

/// An explicit SQL NULL parameter, for places where a typed `Optional.none` is awkward.
public struct PostgresNull: PostgresEncodable {
    /// SQL NULL.
    public init() {}
    public var postgresType: PostgresType { .unspecified }
    public var isPostgresNull: Bool { true }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {}
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresType: PostgresType {
        switch self {
        case let .some(value): return value.postgresType
        case .none: return .unspecified
        }
    }
    public var isPostgresNull: Bool {
        switch self {
        case let .some(value): return value.isPostgresNull
        case .none: return true
        }
    }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        if case let .some(value) = self { try value.encodePostgres(into: &buffer, as: type) }
    }
}

extension Int: PostgresEncodable {
    public var postgresType: PostgresType { .int8 }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        switch type {
        case .int8: PostgresBinary.append(Int64(self), to: &buffer)
        case .int4:
            guard let narrow = Int32(exactly: self) else { throw encodingError(type, "\(self) out of int4 range") }
            PostgresBinary.append(narrow, to: &buffer)
        case .int2:
            guard let narrow = Int16(exactly: self) else { throw encodingError(type, "\(self) out of int2 range") }
            PostgresBinary.append(narrow, to: &buffer)
        case .float8: try Double(self).encodePostgres(into: &buffer, as: type)
        case .float4: try Float(self).encodePostgres(into: &buffer, as: type)
        default: throw encodingError(type)
        }
    }
}

extension Int64: PostgresEncodable {
    public var postgresType: PostgresType { .int8 }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        try Int(self).encodePostgres(into: &buffer, as: type)
    }
}

extension Int32: PostgresEncodable {
    public var postgresType: PostgresType { .int4 }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        try Int(self).encodePostgres(into: &buffer, as: type)
    }
}

extension Int16: PostgresEncodable {
    public var postgresType: PostgresType { .int2 }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        try Int(self).encodePostgres(into: &buffer, as: type)
    }
}

extension Double: PostgresEncodable {
    public var postgresType: PostgresType { .float8 }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        switch type {
        case .float8: PostgresBinary.append(bitPattern, to: &buffer)
        case .float4: PostgresBinary.append(Float(self).bitPattern, to: &buffer)
        default: throw encodingError(type)
        }
    }
}

extension Float: PostgresEncodable {
    public var postgresType: PostgresType { .float4 }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        switch type {
        case .float4: PostgresBinary.append(bitPattern, to: &buffer)
        case .float8: PostgresBinary.append(Double(self).bitPattern, to: &buffer)
        default: throw encodingError(type)
        }
    }
}

extension Bool: PostgresEncodable {
    public var postgresType: PostgresType { .bool }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        guard type == .bool else { throw encodingError(type) }
        buffer.append(self ? 1 : 0)
    }
}

extension String: PostgresEncodable {
    /// Strings bind in text format with an unspecified type: the server infers the type.
    public var postgresType: PostgresType { .unspecified }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        if type.isTextLike || type == .unspecified || type == .json {
            buffer.append(contentsOf: utf8)
        } else if type == .jsonb {
            buffer.append(1)
            buffer.append(contentsOf: utf8)
        } else {
            throw encodingError(type, "a String goes into text-like or json columns only")
        }
    }
}

extension Data: PostgresEncodable {
    public var postgresType: PostgresType { .bytea }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        guard type == .bytea else { throw encodingError(type) }
        buffer.append(contentsOf: self)
    }
}

extension Date: PostgresEncodable {
    /// Binds as `timestamptz` (microsecond precision).
    public var postgresType: PostgresType { .timestamptz }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        guard type == .timestamptz || type == .timestamp else { throw encodingError(type) }
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard let value = Int64(exactly: micros) else { throw encodingError(type, "date out of range") }
        PostgresBinary.append(value - PostgresBinary.postgresEpochOffsetMicros, to: &buffer)
    }
}

extension UUID: PostgresEncodable {
    public var postgresType: PostgresType { .uuid }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        guard type == .uuid else { throw encodingError(type) }
        withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) }
    }
}

/// A `jsonb` value: JSON text the server parses. Use it for jsonb parameters and columns
/// (a plain `String` parameter works too, since strings are typed by the server).
public struct JSONB: PostgresEncodable, Hashable, CustomStringConvertible {
    /// The JSON text.
    public var text: String
    /// Wraps JSON text (not validated here; the server rejects malformed JSON with SQLSTATE 22P02).
    public init(_ text: String) { self.text = text }
    /// Encodes an `Encodable` value with `JSONEncoder` (sorted keys).
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    /// Decodes the JSON text with `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
    public var description: String { text }
    public var postgresType: PostgresType { .jsonb }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        switch type {
        case .jsonb:
            buffer.append(1)
            buffer.append(contentsOf: text.utf8)
        case .json, .text, .varchar: buffer.append(contentsOf: text.utf8)
        default: throw encodingError(type)
        }
    }
}
