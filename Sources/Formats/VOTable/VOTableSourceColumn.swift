/// A `FIELD` as the reader found it: the field it reports, the datatype actually in the data
/// (`unsignedByte` and `bit` are reported as `short` and `boolean`), its shape and its `VALUES null`.
struct VOTableSourceColumn: Sendable {
    /// The datatypes a document may use that the reader can decode.
    enum SourceType: String, Sendable {
        case boolean, bit, unsignedByte, short, int, long, float, double, char, unicodeChar

        /// Bytes per element in BINARY and BINARY2.
        var elementSize: Int {
            switch self {
            case .boolean, .bit, .unsignedByte, .char: return 1
            case .short, .unicodeChar: return 2
            case .int, .float: return 4
            case .long, .double: return 8
            }
        }

        var isInteger: Bool { self == .unsignedByte || self == .short || self == .int || self == .long }
        var isFloatingPoint: Bool { self == .float || self == .double }
        var isText: Bool { self == .char || self == .unicodeChar }
        var isBoolean: Bool { self == .boolean || self == .bit }

        /// The datatype reported in ``VOTableField``.
        var reported: VOTableDatatype {
            switch self {
            case .boolean, .bit: return .boolean
            case .unsignedByte, .short: return .short
            case .int: return .int
            case .long: return .long
            case .float: return .float
            case .double: return .double
            case .char: return .char
            case .unicodeChar: return .unicodeChar
            }
        }
    }

    let field: VOTableField
    let source: SourceType
    let shape: VOTableShape
    /// The integer that stands for null (`VALUES null`), for integer fields that declare one.
    let nullInteger: Int64?

    /// The column of a `FIELD` with `attributes`, `description` and `VALUES null` text; `position` is
    /// 1-based, for fields without a name. Throws for datatypes that are unknown or not handled.
    init(attributes: [String: String], description: String?, nullText: String?, position: Int) throws(VOTableError) {
        let name = attributes["name"] ?? attributes["ID"] ?? "col\(position)"
        let datatypeText = attributes["datatype"] ?? ""
        guard let source = SourceType(rawValue: datatypeText) else {
            if datatypeText == "floatComplex" || datatypeText == "doubleComplex" {
                throw VOTableError(.unsupported, field: name, detail: "datatype \(datatypeText) is not supported")
            }
            throw VOTableError(.invalidDocument, field: name, detail: "datatype '\(datatypeText)' is not a VOTable datatype")
        }
        let arraysize = attributes["arraysize"]
        guard let shape = VOTableShape(arraysize: arraysize) else {
            throw VOTableError(.invalidDocument, field: name, detail: "arraysize '\(arraysize ?? "")' is malformed")
        }
        if source.isBoolean && shape.isArray {
            throw VOTableError(.unsupported, field: name, detail: "arrays of \(source.rawValue) are not supported")
        }
        var nullInteger: Int64?
        if source.isInteger, let nullText {
            guard let value = VOTableCellParser.integer(nullText) else {
                throw VOTableError(.invalidDocument, field: name, detail: "VALUES null '\(nullText)' is not an integer")
            }
            nullInteger = value
        }
        self.field = VOTableField(
            name: name, datatype: source.reported, arraysize: arraysize, unit: attributes["unit"],
            ucd: attributes["ucd"], utype: attributes["utype"], xtype: attributes["xtype"], description: description)
        self.source = source
        self.shape = shape
        self.nullInteger = nullInteger
    }
}
