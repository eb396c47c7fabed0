import Catalogue
import Formats
import Store

/// A column of a query's result: its name, what TAP_SCHEMA says of it when it is a published column,
/// and (once the statement ran) the server's type, which decides the VOTable datatype and how cells
/// are read.
public struct TapResultColumn: Sendable, Equatable {
    public var name: String
    public var published: PublishedColumn?

    public init(name: String, published: PublishedColumn?) {
        self.name = name
        self.published = published
    }

    /// The VOTable field for this column holding values of `type`: datatype and arraysize from the
    /// server's type (so cells always fit), unit, UCD, utype, xtype and description from TAP_SCHEMA.
    /// Throws for a type the service cannot write (naming the column).
    func field(type: PostgresType) throws(TapError) -> VOTableField {
        var field = VOTableField(name: name, datatype: .char, arraysize: "*")
        switch type {
        case .bool: field.datatype = .boolean; field.arraysize = nil
        case .int2: field.datatype = .short; field.arraysize = nil
        case .int4: field.datatype = .int; field.arraysize = nil
        case .int8: field.datatype = .long; field.arraysize = nil
        case .float4: field.datatype = .float; field.arraysize = nil
        case .float8, .numeric: field.datatype = .double; field.arraysize = nil
        case .timestamp, .timestamptz, .date: field.xtype = "timestamp"
        case .int2Array: field.datatype = .short
        case .int4Array: field.datatype = .int
        case .int8Array: field.datatype = .long
        case .float4Array: field.datatype = .float
        case .float8Array: field.datatype = .double
        case _ where type.isTextLike: break
        default:
            throw .serviceFailure("column \(name) has a database type (\(type)) the service cannot write")
        }
        if let published {
            field.unit = published.unit
            field.ucd = published.ucd
            field.utype = published.utype
            field.description = published.description
            if field.xtype == nil, field.datatype == .char { field.xtype = published.xtype }
        }
        return field
    }
}
