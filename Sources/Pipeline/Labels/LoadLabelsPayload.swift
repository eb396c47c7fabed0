import Formats
import Foundation
import Queue
import Store

/// Payload of `load_labels`: one label-catalogue file to load (or, for APOGEE, load and register).
public struct LoadLabelsPayload: Codable, Sendable, Equatable {
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

extension PipelineJobs {
    /// The load of one label-catalogue file (job kind ``JobKind/loadLabels(_:)`` of its loader), unique by kind, name, path, size and modification time
    /// (enqueueing the same unchanged file again returns the existing job; a changed file is a new load,
    /// and so a new catalogue version).
    public static func loadLabels(_ payload: LoadLabelsPayload, db: PostgresConnection) throws -> EnqueueResult {
        let batch = IngestFileList.batches([payload.path], size: 1)[0]
        return try JobQueue(db).enqueue(JobRequest(
            kind: JobKind.loadLabels(payload.kind), payload: JSONB(encoding: payload), priority: 10, maxAttempts: 3,
            uniqueKey: "load_labels:\(payload.kind.rawValue):\(payload.name):" + batch.uniqueKey, uniqueScope: .forever))
    }
}

extension LabelCatalogueError: PipelineFailure {
    public var databaseError: PostgresError? { if case let .database(error) = self { error } else { nil } }
}

/// Loads a label catalogue (one handler per loader kind, `catalogueKind`). Bad input (``LabelCatalogueError`` other than a database failure, or an
/// unreadable allStar file) ends the job for good with the reason; the attempt is in `label_catalogue_load`.
struct LoadLabelsHandler: JobHandler {
    let catalogueKind: LabelCatalogueKind
    var kind: String { JobKind.loadLabels(catalogueKind) }

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(LoadLabelsPayload.self)
        guard payload.kind == catalogueKind else {
            throw JobHandlerError.malformedPayload(kind: kind, reason: "payload is a \(payload.kind.rawValue) load")
        }
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
