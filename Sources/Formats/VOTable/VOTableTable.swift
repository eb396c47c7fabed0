/// A table read from a VOTable document: the `TABLE`'s name, its fields and its rows.
///
/// Each row has one value per field, in field order (see ``VOTableReader`` for how cells map to values).
public struct VOTableTable: Sendable, Equatable {
    /// The `TABLE`'s `name` attribute (a TAP upload is named by the request instead), or nil.
    public var name: String?
    /// The table's columns.
    public var fields: [VOTableField]
    /// The rows, each with `fields.count` values.
    public var rows: [[VOTableValue]]

    /// A table of `fields` and `rows`.
    public init(name: String? = nil, fields: [VOTableField], rows: [[VOTableValue]]) {
        self.name = name
        self.fields = fields
        self.rows = rows
    }
}
