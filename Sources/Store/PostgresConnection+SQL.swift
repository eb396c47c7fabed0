extension PostgresConnection {
    /// Runs one statement built as ``SQL`` (values bound as parameters, identifiers quoted) and returns
    /// its rows. `name`: prepare it once per connection under this name (hot queries), and label errors.
    @discardableResult
    public func query(_ sql: SQL, name: String? = nil) throws(PostgresError) -> PostgresResult {
        try query(sql.text, sql.parameters, name: name)
    }

    /// Runs one statement built as ``SQL`` and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: SQL, name: String? = nil) throws(PostgresError) -> Int {
        try query(sql.text, sql.parameters, name: name).affectedRows
    }
}
