/// A PostgreSQL type, by its built-in OID (`pg_type.oid`).
public struct PostgresType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID.
    public let oid: UInt32

    /// Wraps an OID.
    public init(oid: UInt32) { self.oid = oid }

    /// "Let the server infer it": used for `String` parameters sent in text format, so a
    /// string binds to text, varchar, jsonb, enums, numeric or timestamptz alike.
    public static let unspecified = PostgresType(oid: 0)
    /// `bool` (oid 16).
    public static let bool = PostgresType(oid: 16)
    /// `bytea` (oid 17).
    public static let bytea = PostgresType(oid: 17)
    /// `char` (oid 18).
    public static let char = PostgresType(oid: 18)
    /// `name` (oid 19).
    public static let name = PostgresType(oid: 19)
    /// `int8` (oid 20).
    public static let int8 = PostgresType(oid: 20)
    /// `int2` (oid 21).
    public static let int2 = PostgresType(oid: 21)
    /// `int4` (oid 23).
    public static let int4 = PostgresType(oid: 23)
    /// `text` (oid 25).
    public static let text = PostgresType(oid: 25)
    /// `oidType` (oid 26).
    public static let oidType = PostgresType(oid: 26)
    /// `json` (oid 114).
    public static let json = PostgresType(oid: 114)
    /// `float4` (oid 700).
    public static let float4 = PostgresType(oid: 700)
    /// `float8` (oid 701).
    public static let float8 = PostgresType(oid: 701)
    /// `unknown` (oid 705).
    public static let unknown = PostgresType(oid: 705)
    /// `bpchar` (oid 1042).
    public static let bpchar = PostgresType(oid: 1042)
    /// `varchar` (oid 1043).
    public static let varchar = PostgresType(oid: 1043)
    /// `date` (oid 1082).
    public static let date = PostgresType(oid: 1082)
    /// `timestamp` (oid 1114).
    public static let timestamp = PostgresType(oid: 1114)
    /// `timestamptz` (oid 1184).
    public static let timestamptz = PostgresType(oid: 1184)
    /// `numeric` (oid 1700): arbitrary precision, decoded into `Double` (nearest value).
    public static let numeric = PostgresType(oid: 1700)
    /// `uuid` (oid 2950).
    public static let uuid = PostgresType(oid: 2950)
    /// `jsonb` (oid 3802).
    public static let jsonb = PostgresType(oid: 3802)
    /// `boolArray` (oid 1000).
    public static let boolArray = PostgresType(oid: 1000)
    /// `int2Array` (oid 1005).
    public static let int2Array = PostgresType(oid: 1005)
    /// `int4Array` (oid 1007).
    public static let int4Array = PostgresType(oid: 1007)
    /// `textArray` (oid 1009).
    public static let textArray = PostgresType(oid: 1009)
    /// `varcharArray` (oid 1015).
    public static let varcharArray = PostgresType(oid: 1015)
    /// `int8Array` (oid 1016).
    public static let int8Array = PostgresType(oid: 1016)
    /// `float4Array` (oid 1021).
    public static let float4Array = PostgresType(oid: 1021)
    /// `float8Array` (oid 1022).
    public static let float8Array = PostgresType(oid: 1022)

    /// True for the string-like types whose binary form is plain UTF-8.
    public var isTextLike: Bool {
        self == .text || self == .varchar || self == .bpchar || self == .name || self == .unknown || self == .char
    }

    /// The element type of a one-dimensional array type we support, or nil.
    public var arrayElement: PostgresType? {
        switch self {
        case .boolArray: return .bool
        case .int2Array: return .int2
        case .int4Array: return .int4
        case .int8Array: return .int8
        case .textArray: return .text
        case .varcharArray: return .varchar
        case .float4Array: return .float4
        case .float8Array: return .float8
        default: return nil
        }
    }

    public var description: String { "oid \(oid)" }
}
