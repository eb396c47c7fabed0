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

    /// One catalogue version (`label_catalogue`).
    public typealias Entry = LabelCatalogueRow

    /// Every catalogue version, oldest first.
    public static func list(_ db: PostgresConnection) throws -> [Entry] {
        try LabelCatalogueQueries.list(db: db)
    }

    /// The latest version of `name` (or version `version`), or nil.
    public static func find(_ name: String, version: Int? = nil, db: PostgresConnection) throws -> Entry? {
        try LabelCatalogueQueries.find(name: name, version: version, db: db)
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
