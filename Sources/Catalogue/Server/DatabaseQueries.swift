import Store

/// Statements on whole databases of a server (run on a connection to another database, outside a transaction).
public enum DatabaseQueries {
    /// Drops database `name` if it exists, ending its sessions (`WITH (FORCE)`).
    public static func drop(database name: String, db: PostgresConnection) throws(PostgresError) {
        try db.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)", name: "drop_database")
    }

    /// Creates the empty database `name`.
    public static func create(database name: String, db: PostgresConnection) throws(PostgresError) {
        try db.execute("CREATE DATABASE \(identifier: name)", name: "create_database")
    }
}
