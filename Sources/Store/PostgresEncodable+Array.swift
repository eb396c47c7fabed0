/// An element type of a one-dimensional PostgreSQL array parameter or column.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// The element type used when binding `[Self]` as a parameter.
    static var postgresElementType: PostgresType { get }
    /// The array type used when binding `[Self]` as a parameter.
    static var postgresArrayType: PostgresType { get }
}

extension Int: PostgresArrayElement {
    public static var postgresElementType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
}
extension Int32: PostgresArrayElement {
    public static var postgresElementType: PostgresType { .int4 }
    public static var postgresArrayType: PostgresType { .int4Array }
}
extension Int16: PostgresArrayElement {
    public static var postgresElementType: PostgresType { .int2 }
    public static var postgresArrayType: PostgresType { .int2Array }
}
extension Float: PostgresArrayElement {
    public static var postgresElementType: PostgresType { .float4 }
    public static var postgresArrayType: PostgresType { .float4Array }
}
extension Double: PostgresArrayElement {
    public static var postgresElementType: PostgresType { .float8 }
    public static var postgresArrayType: PostgresType { .float8Array }
}
extension Bool: PostgresArrayElement {
    public static var postgresElementType: PostgresType { .bool }
    public static var postgresArrayType: PostgresType { .boolArray }
}
extension String: PostgresArrayElement {
    public static var postgresElementType: PostgresType { .text }
    public static var postgresArrayType: PostgresType { .textArray }
}

/// One-dimensional arrays (lower bound 1, no NULL elements), e.g. `[Float]` as `float4[]`.
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public var postgresType: PostgresType { Element.postgresArrayType }
    public func encodePostgres(into buffer: inout [UInt8], as type: PostgresType) throws(PostgresError) {
        guard let elementType = type.arrayElement else {
            throw .encoding(value: "[\(Element.self)]", targetType: type.oid, reason: "not a supported array type")
        }
        guard let count = Int32(exactly: self.count) else {
            throw .encoding(value: "[\(Element.self)]", targetType: type.oid, reason: "too many elements")
        }
        PostgresBinary.append(Int32(isEmpty ? 0 : 1), to: &buffer)  // dimensions
        PostgresBinary.append(Int32(0), to: &buffer)                 // has-null flag
        PostgresBinary.append(elementType.oid, to: &buffer)
        if isEmpty { return }
        PostgresBinary.append(count, to: &buffer)
        PostgresBinary.append(Int32(1), to: &buffer)                 // lower bound
        buffer.reserveCapacity(buffer.count + self.count * 12)
        for element in self {
            let lengthAt = buffer.count
            PostgresBinary.append(Int32(0), to: &buffer)
            try element.encodePostgres(into: &buffer, as: elementType)
            let length = Int32(buffer.count - lengthAt - 4).bigEndian
            Swift.withUnsafeBytes(of: length) { raw in
                for i in 0..<4 { buffer[lengthAt + i] = raw[i] }
            }
        }
    }
}
