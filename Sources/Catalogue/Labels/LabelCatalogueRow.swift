import Foundation
import Store

/// One `label_catalogue` version.
public struct LabelCatalogueRow: Sendable, Equatable {
    public var catalogueID: Int
    public var name: String
    public var version: Int
    /// apogee, lasp or table.
    public var kind: LabelCatalogueKind
    /// `obsid` or `position`.
    public var keyKind: String
    public var labelNames: [String]
    public var labelUnits: [String]
    public var rows: Int
    public var sourceFile: String
    public var apogeeRelease: String?
    public var createdAt: Date

    /// The select list of ``init(row:)``.
    public static let columns: SQL = """
        catalogue_id, name, version, kind, key_kind, label_names, label_units, n_rows, source_file, apogee_release, created_at
        """

    public init(row: PostgresRow) throws(PostgresError) {
        catalogueID = try row.decode(Int.self, "catalogue_id")
        name = try row.decode(String.self, "name")
        version = try row.decode(Int.self, "version")
        let kindName = try row.decode(String.self, "kind")
        guard let kind = LabelCatalogueKind(rawValue: kindName) else {
            throw .decoding(column: "kind", expected: "LabelCatalogueKind", actualType: PostgresType.text.oid, reason: "unknown label catalogue kind \(kindName)")
        }
        self.kind = kind
        keyKind = try row.decode(String.self, "key_kind")
        labelNames = try row.decode([String].self, "label_names")
        labelUnits = try row.decode([String].self, "label_units")
        rows = try row.decode(Int.self, "n_rows")
        sourceFile = try row.decode(String.self, "source_file")
        apogeeRelease = try row.decode(String?.self, "apogee_release")
        createdAt = try row.decode(Date.self, "created_at")
    }
}
