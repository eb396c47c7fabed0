import Store

/// One load attempt of a label catalogue (`label_catalogue_load`), as `slam labels loads` lists them.
public struct LabelCatalogueLoadRow: Sendable, Equatable {
    public var loadID: Int
    public var name: String
    public var kind: String
    /// `complete` or `failed`.
    public var status: String
    /// Rows written (complete loads).
    public var rows: Int?
    /// When it finished, `YYYY-MM-DD HH24:MI` in the server's time zone.
    public var finished: String
    /// The file loaded.
    public var sourceFile: String
    /// Why it failed (failed loads).
    public var error: String?

    /// The select list of ``init(row:)``.
    public static let columns: SQL = """
        load_id, name, kind, status, n_rows, to_char(finished_at, 'YYYY-MM-DD HH24:MI') AS finished, source_file, error
        """

    public init(row: PostgresRow) throws(PostgresError) {
        loadID = try row.decode(Int.self, "load_id")
        name = try row.decode(String.self, "name")
        kind = try row.decode(String.self, "kind")
        status = try row.decode(String.self, "status")
        rows = try row.decode(Int?.self, "n_rows")
        finished = try row.decode(String.self, "finished")
        sourceFile = try row.decode(String.self, "source_file")
        error = try row.decode(String?.self, "error")
    }
}
