import Store

/// One table of `tap_schema.tables` with its columns in `column_index` order: a view of the published
/// schema `slam` or a table of `tap_schema` itself (TAP 1.1 section 4.2).
public struct PublishedTable: Sendable, Equatable {
    /// `slam` or `tap_schema`.
    public var schemaName: String
    /// The name within its schema (`labels`).
    public var tableName: String
    /// The name ADQL queries use and TAP_SCHEMA stores (`slam.labels`).
    public var qualifiedName: String
    /// `view` (the published views) or `table` (TAP_SCHEMA's tables).
    public var tableType: String
    /// The table's `COMMENT ON VIEW`/`TABLE` text, or nil.
    public var description: String?
    public var utype: String?
    public var columns: [PublishedColumn]
    /// The foreign keys this table holds, in key id order.
    public var foreignKeys: [PublishedForeignKey]

    public init(schemaName: String, tableName: String, qualifiedName: String, tableType: String, description: String?,
                utype: String? = nil, columns: [PublishedColumn], foreignKeys: [PublishedForeignKey] = []) {
        self.schemaName = schemaName
        self.tableName = tableName
        self.qualifiedName = qualifiedName
        self.tableType = tableType
        self.description = description
        self.utype = utype
        self.columns = columns
        self.foreignKeys = foreignKeys
    }

    /// The column named `name` in the database, or nil (a column published delimited, `"size"`, is found by `size`).
    public func column(_ name: String) -> PublishedColumn? {
        columns.first { $0.databaseName == name }
    }
}
