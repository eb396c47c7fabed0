import Store

/// TAP_SCHEMA (migration 0027): the published tables and columns as `/tap/tables` and the result writers
/// read them, and the refresh that regenerates them from the views of schema `slam`.
public enum TapSchemaQueries {
    /// Every table of `tap_schema.tables` (in `table_index` order: the views of `slam`, then TAP_SCHEMA's own
    /// tables) with its columns in `column_index` order. Readable by every SLAM role and by `slam_tap`.
    public static func publishedTables(db: PostgresConnection) throws(PostgresError) -> [PublishedTable] {
        var tables: [PublishedTable] = []
        for row in try db.query("""
            SELECT schema_name, table_name, table_type, description, utype FROM tap_schema.tables
            ORDER BY table_index, table_name
            """, name: "tap_schema_tables").rows {
            let schema = try row.decode(String.self, "schema_name")
            let qualified = try row.decode(String.self, "table_name")
            let unqualified = qualified.hasPrefix(schema + ".") ? String(qualified.dropFirst(schema.count + 1)) : qualified
            tables.append(PublishedTable(schemaName: schema, tableName: unqualified, qualifiedName: qualified,
                                         tableType: try row.decode(String.self, "table_type"),
                                         description: try row.decode(String?.self, "description"),
                                         utype: try row.decode(String?.self, "utype"), columns: []))
        }
        var index: [String: Int] = [:]
        for (k, table) in tables.enumerated() { index[table.qualifiedName] = k }
        for row in try db.query("""
            SELECT table_name, \(PublishedColumn.columns) FROM tap_schema.columns ORDER BY table_name, column_index, column_name
            """, name: "tap_schema_columns").rows {
            guard let k = index[try row.decode(String.self, "table_name")] else { continue }
            tables[k].columns.append(try PublishedColumn(row: row))
        }
        for row in try db.query("""
            SELECT k.key_id, k.from_table, k.target_table, k.description, k.utype,
                   array_agg(c.from_column ORDER BY c.from_column) AS from_columns,
                   array_agg(c.target_column ORDER BY c.from_column) AS target_columns
            FROM tap_schema.keys AS k JOIN tap_schema.key_columns AS c USING (key_id)
            GROUP BY k.key_id, k.from_table, k.target_table, k.description, k.utype
            ORDER BY k.key_id
            """, name: "tap_schema_keys").rows {
            guard let k = index[try row.decode(String.self, "from_table")] else { continue }
            let from = try row.decode([String].self, "from_columns")
            let target = try row.decode([String].self, "target_columns")
            tables[k].foreignKeys.append(PublishedForeignKey(
                keyID: try row.decode(String.self, "key_id"), targetTable: try row.decode(String.self, "target_table"),
                description: try row.decode(String?.self, "description"), utype: try row.decode(String?.self, "utype"),
                columns: zip(from, target).map { PublishedForeignKey.ColumnPair(fromColumn: $0, targetColumn: $1) }))
        }
        return tables
    }

    /// The published table `qualifiedName` (`slam.labels`), or nil.
    public static func publishedTable(_ qualifiedName: String, db: PostgresConnection) throws(PostgresError) -> PublishedTable? {
        try publishedTables(db: db).first { $0.qualifiedName == qualifiedName }
    }

    /// Rewrites TAP_SCHEMA from the catalogue (`slam_refresh_tap_schema(text[])`, run as its owner
    /// `slam_owner`; callable by `slam_operator` and the superuser); returns the number of columns described.
    /// Columns named by one of `reservedWords` (upper case; the query language's reserved words) are
    /// published delimited, `"size"`, as TAP 1.1 requires. `slam serve` calls it at start (through
    /// ``TAP/TapService/refreshSchema(db:)``), so views and comments added since the last migration are published.
    @discardableResult
    public static func refresh(delimiting reservedWords: [String], db: PostgresConnection) throws(PostgresError) -> Int {
        guard let row = try db.query("SELECT slam_refresh_tap_schema(\(reservedWords))", name: "tap_schema_refresh").first else {
            throw .noRows(statement: "tap_schema_refresh")
        }
        return try row.decode(Int.self, at: 0)
    }
}
