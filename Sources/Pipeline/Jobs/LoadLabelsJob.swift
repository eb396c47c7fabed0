import Catalogue
import Formats
import Foundation
import Queue
import Store

/// Payload of the `load_labels_*` kinds: one label-catalogue file to load (or, for APOGEE, load and
/// register). One payload type for the three loaders: the job kind is its ``kind``'s (``jobKind``).
public struct LoadLabelsPayload: JobPayload, Equatable {
    /// The kind of a LASP load; each payload's job kind is its loader's (``JobKind/loadLabels(_:)``).
    public static let kind = JobKind.loadLabelsLASP
    /// Which loader (and so which job kind).
    public var kind: LabelCatalogueKind
    /// Absolute path of the file.
    public var path: String
    /// Catalogue name (e.g. `lasp-dr5`); for APOGEE it is `apogee-<release>`.
    public var name: String
    /// Data release: the allStar release (APOGEE), or the LAMOST release (LASP).
    public var release: String
    /// Column mapping (LASP and user tables).
    public var mapping: LabelTableMapping?
    /// allStar column preset (APOGEE): dr12, dr15, dr16 or dr17.
    public var apogeeColumns: String?

    /// A payload; `mapping` is needed for LASP and user tables, `apogeeColumns` for APOGEE (default dr15).
    public init(kind: LabelCatalogueKind, path: String, name: String, release: String, mapping: LabelTableMapping? = nil,
                apogeeColumns: String? = nil) {
        self.kind = kind
        self.path = path
        self.name = name
        self.release = release
        self.mapping = mapping
        self.apogeeColumns = apogeeColumns
    }

    public var jobKind: String { JobKind.loadLabels(kind) }
}

extension JobKind {
    /// Load an APOGEE allStar file and register it as a label catalogue: ``LoadLabelsPayload``.
    public static let loadLabelsApogee = "load_labels_apogee"
    /// Load the LAMOST LASP AFGK catalogue as a label catalogue: ``LoadLabelsPayload``.
    public static let loadLabelsLASP = "load_labels_lasp"
    /// Load a user label table as a label catalogue: ``LoadLabelsPayload``.
    public static let loadLabelsTable = "load_labels_table"

    /// The job kind of a label-catalogue loader.
    public static func loadLabels(_ kind: LabelCatalogueKind) -> String {
        switch kind {
        case .apogee: loadLabelsApogee
        case .lasp: loadLabelsLASP
        case .table: loadLabelsTable
        }
    }
}

/// Job kinds `load_labels_apogee`, `load_labels_lasp`, `load_labels_table`: load a label catalogue.
public enum LoadLabelsJob {
    /// The load of one label-catalogue file (job kind ``JobKind/loadLabels(_:)`` of its loader), unique by kind,
    /// name, path, size and modification time (enqueueing the same unchanged file again returns the existing
    /// job; a changed file is a new load, and so a new catalogue version).
    public static func enqueue(_ payload: LoadLabelsPayload, db: PostgresConnection) throws -> EnqueueResult {
        let batch = IngestFileList.batches([payload.path], size: 1)[0]
        return try JobQueue(db).enqueue(JobRequest(payload, priority: 10, maxAttempts: 3,
                                                   uniqueKey: uniqueKey(payload, file: batch.uniqueKey), uniqueScope: .forever))
    }

    /// The unique key of loading `file` (its identity) with `payload`'s loader and catalogue name.
    static func uniqueKey(_ payload: LoadLabelsPayload, file: String) -> String {
        "load_labels:\(payload.kind.rawValue):\(payload.name):" + file
    }

    /// Loads a label catalogue (one handler per loader kind, `catalogueKind`). Bad input (``LabelCatalogueError``
    /// other than a database failure, or an unreadable allStar file) ends the job for good with the reason; the
    /// attempt is in `label_catalogue_load`.
    struct Handler: TypedJobHandler {
        let catalogueKind: LabelCatalogueKind
        var kind: String { JobKind.loadLabels(catalogueKind) }

        /// The payload's loader must be this job kind's.
        func validate(_ payload: LoadLabelsPayload) throws(JobHandlerError) {
            guard payload.kind == catalogueKind else {
                throw .malformedPayload(kind: kind, reason: "field \"kind\": \"\(payload.kind.rawValue)\" does not match job kind \(kind) (expected \"\(catalogueKind.rawValue)\")")
            }
        }

        func run(_ payload: LoadLabelsPayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let summary: LabelCatalogueSummary
            switch payload.kind {
            case .apogee:
                guard let columns = ApogeeColumnMap.preset(payload.apogeeColumns ?? "dr15") else {
                    throw JobHandlerError.malformedPayload(kind: kind, reason: "unknown column preset \(payload.apogeeColumns ?? "")")
                }
                let name = payload.name
                do {
                    _ = try ApogeeIngestor(release: payload.release, columns: columns).load(
                        path: payload.path, connection: db, jobID: Int64(job.id), fence: context.fence.withoutCompletion) { done, total in
                            context.reportProgress(done: done, total: total)
                        }
                } catch let error as FITSError {
                    _ = try? db.transaction { db in
                        try LabelCatalogueRegistry.recordFailure(name: name, kind: .apogee, path: payload.path, error: error.description,
                                                                 jobID: Int64(job.id), db: db)
                        try context.fence.check(db)
                    }
                    throw JobHandlerError.permanent(error.description)
                }
                summary = try HandlerFailures.permanentUnlessDatabase {
                    try LabelCatalogueRegistry.registerApogee(release: payload.release, path: payload.path, jobID: Int64(job.id), db: db,
                                                              fence: context.fence)
                }
            case .lasp, .table:
                guard let mapping = payload.mapping else {
                    throw JobHandlerError.malformedPayload(kind: kind, reason: "a \(payload.kind.rawValue) load needs a column mapping")
                }
                summary = try HandlerFailures.permanentUnlessDatabase {
                    try LabelCatalogueLoader(name: payload.name, kind: payload.kind, mapping: mapping).load(
                        path: payload.path, connection: db, jobID: Int64(job.id), fence: context.fence) { done, total in
                            context.reportProgress(done: done, total: total)
                        }
                }
            }
            context.logger.info("\(summary.text)")
        }
    }
}
