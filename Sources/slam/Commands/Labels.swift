import ArgumentParser
import Foundation
import Pipeline

/// `slam labels load apogee|lasp|table FILE`, `slam labels list`, `slam labels loads`.
struct Labels: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and list label catalogues: versioned tables of reference labels (APOGEE, LASP, user tables).",
        discussion: """
            Each load is a job (load_labels_apogee, load_labels_lasp or load_labels_table) and, when it succeeds, a new version of the catalogue; a training set \
            names the catalogue with --labels-from NAME. Bad input (a missing column, a non-numeric label, a \
            duplicate id, an unknown unit, an empty table) fails the load with a clear error and writes nothing; \
            every attempt is listed by `slam labels loads`.
            """,
        subcommands: [Load.self, List.self, Loads.self])

    /// Enqueues one load and follows it.
    static func enqueue(_ payload: LoadLabelsPayload, database: DatabaseOptions, logging: LoggingOptions,
                        waiting: WaitOptions) async throws {
        let logger = logging.makeLogger("slam.labels")
        let factory = try database.factory(logger: logger)
        let result = try await factory.withConnection { try LoadLabelsJob.enqueue(payload, db: $0) }
        print("\(payload.kind.rawValue) catalogue \(payload.name): job \(result.id.map(String.init) ?? "?")\(result.inserted ? "" : " (already enqueued)")")
        guard try await waiting.follow(ids: result.id.map { [$0] } ?? [], kinds: [JobKind.loadLabels(payload.kind)], what: "label rows",
                                       factory: factory, logger: logger) != nil else { return }
        let name = payload.name
        if let entry = try await factory.withConnection({ try LabelCatalogueRegistry.find(name, db: $0) }) {
            print("\(entry.name) v\(entry.version) (id \(entry.catalogueID)): \(entry.rows) rows, labels \(entry.labelNames.joined(separator: ","))")
            let (id, names) = (entry.catalogueID, entry.labelNames)
            let missing = try await factory.withConnection { try LabelCatalogueLoader.missingErrors(catalogueID: id, labelNames: names, db: $0) }
            if let note = LabelCatalogueSummary.missingErrorsNote(missing, labelNames: names) { print(note) }
        }
    }

    static func absolute(_ file: String) throws -> String {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file): no such file") }
        return URL(fileURLWithPath: file).standardizedFileURL.path
    }
}
