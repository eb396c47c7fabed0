extension PostgresConnection {
    /// Drops database `name` if it exists (closing its sessions) and creates it empty: the demo's and the
    /// benchmarks' databases, made afresh each run. The name is quoted as an identifier.
    public func recreateDatabase(_ name: String) throws(PostgresError) {
        try dropDatabase(name)
        try executeScript("CREATE DATABASE \(SQL.quoteIdentifier(name))", name: "create database")
    }

    /// Drops database `name` if it exists, closing its sessions. The name is quoted as an identifier.
    public func dropDatabase(_ name: String) throws(PostgresError) {
        try executeScript("DROP DATABASE IF EXISTS \(SQL.quoteIdentifier(name)) WITH (FORCE)", name: "drop database")
    }

    /// The server's version (`server_version`, e.g. `15.18 (Debian 15.18-0+deb12u1)`).
    public func serverVersion() throws(PostgresError) -> String {
        try query("SELECT current_setting('server_version')", name: "server_version").first?.decode(String.self, at: 0) ?? "?"
    }
}
