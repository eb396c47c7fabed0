/// What is wrong with a row handed to ``VOTableEncoder`` or with a document read by ``VOTableReader``.
///
/// `row` is 1-based (the first row of the table is row 1) and `field` is the column name (or its
/// 1-based position when it has none); either is nil when the problem is not in one row or field.
public struct VOTableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Equatable {
        /// A value does not fit its field (wrong kind, out of range, too long), or a row has the wrong
        /// number of cells.
        case invalidValue
        /// The document is not a VOTable this reader can read (malformed XML, a missing TABLE, a cell
        /// that does not parse, a truncated stream).
        case invalidDocument
        /// A valid construct this package does not handle (FITS serialization, external streams,
        /// complex numbers, arrays of bits).
        case unsupported
    }

    /// The kind of problem.
    public var kind: Kind
    /// The 1-based row, or nil.
    public var row: Int?
    /// The field's name, or nil.
    public var field: String?
    /// What is wrong, in words.
    public var detail: String

    /// An error of `kind` at `row` and `field`.
    public init(_ kind: Kind, row: Int? = nil, field: String? = nil, detail: String) {
        self.kind = kind
        self.row = row
        self.field = field
        self.detail = detail
    }

    /// "VOTable row 3, field 'teff': 'abc' is not a float", without the parts that are nil.
    public var description: String {
        var place: [String] = []
        if let row { place.append("row \(row)") }
        if let field { place.append("field '\(field)'") }
        return place.isEmpty ? "VOTable: \(detail)" : "VOTable \(place.joined(separator: ", ")): \(detail)"
    }
}
