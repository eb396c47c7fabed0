import Foundation
import Queue
import Store

/// The registry of label catalogues: names, versions, the record of load attempts, and the
/// registration of an APOGEE allStar release (whose rows stay in `apogee_star`) as a catalogue.
public enum LabelCatalogueRegistry {
    /// Whether `name` is a valid catalogue name (lower-case letters, digits, `_`, `.`, `-`).
    public static func isValidName(_ name: String) -> Bool {
        name.range(of: #"^[a-z0-9][a-z0-9_.-]*$"#, options: .regularExpression) != nil
    }

    /// One catalogue version, as listed by `slam labels list`.
    public struct Entry: Sendable, Equatable {
        /// `label_catalogue.catalogue_id`.
        public var catalogueID: Int
        /// Catalogue name.
        public var name: String
        /// Version within the name.
        public var version: Int
        /// apogee, lasp or table.
        public var kind: LabelCatalogueKind
        /// `obsid` or `position`.
        public var keyKind: String
        /// Label names in stored order.
        public var labelNames: [String]
        /// Stored unit of each label (K, dex, km/s, mag, 1).
        public var labelUnits: [String]
        /// Number of reference rows.
        public var rows: Int
        /// File loaded.
        public var sourceFile: String
        /// For APOGEE catalogues: the `apogee_star` release.
        public var apogeeRelease: String?
        /// When the version was written.
        public var createdAt: Date
    }

    /// Every catalogue version, oldest first.
    public static func list(_ db: PostgresConnection) throws -> [Entry] {
        try db.query("""
            SELECT catalogue_id, name, version, kind, key_kind, label_names, label_units, n_rows, source_file,
                   apogee_release, created_at
            FROM label_catalogue ORDER BY catalogue_id
            """).rows.map(entry)
    }

    /// The latest version of `name` (or version `version`), or nil.
    public static func find(_ name: String, version: Int? = nil, db: PostgresConnection) throws -> Entry? {
        try db.query("""
            SELECT catalogue_id, name, version, kind, key_kind, label_names, label_units, n_rows, source_file,
                   apogee_release, created_at
            FROM label_catalogue WHERE name = $1 AND ($2::int IS NULL OR version = $2::int)
            ORDER BY version DESC LIMIT 1
            """, [name, version]).first.map(entry)
    }

    static func entry(_ row: PostgresRow) throws -> Entry {
        let kindText = try row.decode(String.self, at: 3)
        guard let kind = LabelCatalogueKind(rawValue: kindText) else {
            throw PostgresError.protocolViolation("unknown label catalogue kind \(kindText)")
        }
        return Entry(catalogueID: try row.decode(Int.self, at: 0), name: try row.decode(String.self, at: 1),
                     version: try row.decode(Int.self, at: 2), kind: kind, keyKind: try row.decode(String.self, at: 4),
                     labelNames: try row.decode([String].self, at: 5), labelUnits: try row.decode([String].self, at: 6),
                     rows: try row.decode(Int.self, at: 7), sourceFile: try row.decode(String.self, at: 8),
                     apogeeRelease: try row.decode(String?.self, at: 9), createdAt: try row.decode(Date.self, at: 10))
    }

    /// Records a failed load attempt (outside any transaction, so it stays when the load rolled back).
    public static func recordFailure(name: String, kind: LabelCatalogueKind, path: String, error: String, jobID: Int64?,
                                     db: PostgresConnection) throws {
        try db.execute("""
            INSERT INTO label_catalogue_load (name, kind, source_file, status, error, job_id)
            VALUES ($1, $2, $3, 'failed', $4, $5)
            """, [name, kind.rawValue, path, error, jobID])
    }

    /// Registers the `apogee_star` rows of `release` (already loaded by ``ApogeeIngestor``) as a new
    /// version of the catalogue `apogee-<release>`, with the six ASPCAP labels of the paper.
    /// - Throws: ``LabelCatalogueError/emptyTable(file:)`` when the release has no rows.
    ///   Run as a job, the registration is written with the job's completion (`fence`).
    public static func registerApogee(release: String, path: String, jobID: Int64?,
                                      db: PostgresConnection, fence: JobFence = .unfenced) throws -> LabelCatalogueSummary {
        let name = LabelCatalogueKind.apogee.defaultName(release: release)
        let labels = ApogeeLabel.paperSet
        return try db.transaction { db in
            let rows = try db.query("SELECT count(*) FROM apogee_star WHERE release = $1", [release]).first?.decode(Int.self, at: 0) ?? 0
            guard rows > 0 else { throw LabelCatalogueError.emptyTable(file: path) }
            try db.execute("SELECT pg_advisory_xact_lock(hashtext('label_catalogue:' || $1))", [name])
            let version = try db.query("SELECT coalesce(max(version), 0) + 1 FROM label_catalogue WHERE name = $1", [name])
                .first?.decode(Int.self, at: 0) ?? 1
            guard let id = try db.query("""
                INSERT INTO label_catalogue (name, version, kind, key_kind, label_names, label_units, source_file,
                                             mapping, apogee_release, n_rows, load_job_id)
                VALUES ($1, $2, 'apogee', 'position', $3, $4, $5, $6, $7, $8, $9) RETURNING catalogue_id
                """, [name, version, labels.map(\.rawValue), labels.map(\.unit), path,
                      JSONB(#"{"table": "apogee_star", "matched_by": "crossmatch_run"}"#), release, rows, jobID])
                .first?.decode(Int.self, at: 0) else { throw PostgresError.noRows(statement: "insert label_catalogue") }
            try db.execute("""
                INSERT INTO label_catalogue_load (name, kind, source_file, status, catalogue_id, n_rows, job_id)
                VALUES ($1, 'apogee', $2, 'complete', $3, $4, $5)
                """, [name, path, id, rows, jobID])
            try fence.complete(db)
            return LabelCatalogueSummary(catalogueID: id, name: name, version: version, rows: rows,
                                         labelNames: labels.map(\.rawValue), matchedSpectra: 0)
        }
    }
}
