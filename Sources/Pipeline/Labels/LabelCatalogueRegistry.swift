import Catalogue
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
        try LabelCatalogueQueries.list(db: db).map(entry)
    }

    /// The latest version of `name` (or version `version`), or nil.
    public static func find(_ name: String, version: Int? = nil, db: PostgresConnection) throws -> Entry? {
        try LabelCatalogueQueries.find(name: name, version: version, db: db).map(entry)
    }

    static func entry(_ row: LabelCatalogueRow) throws -> Entry {
        guard let kind = LabelCatalogueKind(rawValue: row.kind) else {
            throw PostgresError.protocolViolation("unknown label catalogue kind \(row.kind)")
        }
        return Entry(catalogueID: row.catalogueID, name: row.name, version: row.version, kind: kind, keyKind: row.keyKind,
                     labelNames: row.labelNames, labelUnits: row.labelUnits, rows: row.rows, sourceFile: row.sourceFile,
                     apogeeRelease: row.apogeeRelease, createdAt: row.createdAt)
    }

    /// Records a failed load attempt (outside any transaction, so it stays when the load rolled back).
    public static func recordFailure(name: String, kind: LabelCatalogueKind, path: String, error: String, jobID: Int64?,
                                     db: PostgresConnection) throws {
        try LabelCatalogueQueries.recordFailedLoad(name: name, kind: kind.rawValue, sourceFile: path, error: error, jobID: jobID, db: db)
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
            let rows = try ApogeeStarQueries.count(release: release, db: db)
            guard rows > 0 else { throw LabelCatalogueError.emptyTable(file: path) }
            let version = try LabelCatalogueQueries.lockNextVersion(name: name, db: db)
            let id = try LabelCatalogueQueries.insert(
                name: name, version: version, kind: LabelCatalogueKind.apogee.rawValue, keyKind: "position",
                labelNames: labels.map(\.rawValue), labelUnits: labels.map(\.unit), sourceFile: path, fileSHA256: nil,
                mapping: JSONB(#"{"table": "apogee_star", "matched_by": "crossmatch_run"}"#), apogeeRelease: release, rows: rows,
                jobID: jobID, db: db)
            try LabelCatalogueQueries.recordCompleteLoad(name: name, kind: LabelCatalogueKind.apogee.rawValue, sourceFile: path,
                                                         catalogueID: id, rows: rows, jobID: jobID, db: db)
            try fence.complete(db)
            return LabelCatalogueSummary(catalogueID: id, name: name, version: version, rows: rows,
                                         labelNames: labels.map(\.rawValue), matchedSpectra: 0)
        }
    }
}
