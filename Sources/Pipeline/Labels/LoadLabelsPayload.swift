import Formats
import Foundation
import Queue
import Store

/// Payload of `load_labels`: one label-catalogue file to load (or, for APOGEE, load and register).
public struct LoadLabelsPayload: Codable, Sendable, Equatable {
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
    /// Load a label catalogue (APOGEE allStar, LASP AFGK catalogue or a user table): ``LoadLabelsPayload``.
    public static let loadLabels = "load_labels"
}

extension PipelineJobs {
    /// The load of one label-catalogue file, unique by kind, name, path, size and modification time
    /// (enqueueing the same unchanged file again returns the existing job; a changed file is a new load,
    /// and so a new catalogue version).
    public static func loadLabels(_ payload: LoadLabelsPayload, db: PostgresConnection) throws -> EnqueueResult {
        let batch = IngestFileList.batches([payload.path], size: 1)[0]
        return try JobQueue(db).enqueue(JobRequest(
            kind: JobKind.loadLabels, payload: JSONB(encoding: payload), priority: 10, maxAttempts: 3,
            uniqueKey: "load_labels:\(payload.kind.rawValue):\(payload.name):" + batch.uniqueKey, uniqueScope: .forever))
    }
}

extension LabelCatalogueError: PipelineFailure {
    var isDatabaseFailure: Bool { if case .database = self { true } else { false } }
}

/// Loads a label catalogue. Bad input (``LabelCatalogueError`` other than a database failure, or an
/// unreadable allStar file) ends the job for good with the reason; the attempt is in `label_catalogue_load`.
struct LoadLabelsHandler: JobHandler {
    let kind = JobKind.loadLabels

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(LoadLabelsPayload.self)
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
                    path: payload.path, connection: db, jobID: Int64(job.id)) { done, total in
                        context.reportProgress(done: done, total: total)
                    }
            } catch let error as FITSError {
                try? LabelCatalogueRegistry.recordFailure(name: name, kind: .apogee, path: payload.path, error: error.description,
                                                          jobID: Int64(job.id), db: db)
                throw JobHandlerError.permanent(error.description)
            }
            summary = try HandlerFailures.permanentUnlessDatabase {
                try LabelCatalogueRegistry.registerApogee(release: payload.release, path: payload.path, jobID: Int64(job.id), db: db)
            }
        case .lasp, .table:
            guard let mapping = payload.mapping else {
                throw JobHandlerError.malformedPayload(kind: kind, reason: "a \(payload.kind.rawValue) load needs a column mapping")
            }
            summary = try HandlerFailures.permanentUnlessDatabase {
                try LabelCatalogueLoader(name: payload.name, kind: payload.kind, mapping: mapping).load(
                    path: payload.path, connection: db, jobID: Int64(job.id)) { done, total in
                        context.reportProgress(done: done, total: total)
                    }
            }
        }
        context.logger.info("\(summary.text)")
    }
}
