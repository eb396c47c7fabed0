import ArgumentParser
import Catalogue
import Foundation
import Pipeline
import Store

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

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a label catalogue.", subcommands: [Apogee.self, LASP.self, Table.self])
    }

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

    struct Apogee: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an APOGEE allStar file into apogee_star and register it as catalogue apogee-<release>.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var waiting: WaitOptions
        @Argument(help: "allStar FITS file.") var file: String
        @Option(help: "Data release the file belongs to.") var release = "DR15"
        @Option(help: "Column names: dr12, dr15 (also DR14), dr16 or dr17.") var columns = "dr15"

        func validate() throws {
            guard ApogeeColumnMapPresets.names.contains(columns.lowercased()) else {
                throw ValidationError("--columns must be one of \(ApogeeColumnMapPresets.names.joined(separator: ", "))")
            }
            _ = try Labels.absolute(file)
        }

        func run() async throws {
            try await Labels.enqueue(LoadLabelsPayload(kind: .apogee, path: try Labels.absolute(file),
                                                       name: LabelCatalogueKind.apogee.defaultName(release: release),
                                                       release: release, apogeeColumns: columns.lowercased()),
                                     database: database, logging: logging, waiting: waiting)
        }
    }

    struct LASP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lasp",
            abstract: "Load the LAMOST \"A, F, G and K type stars\" catalogue (LASP teff, logg, feh with errors; FITS or CSV), keyed by obsid.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var waiting: WaitOptions
        @Argument(help: "AFGK catalogue file: FITS binary table or CSV (`,` or `|`, `combined_` prefixes accepted).") var file: String
        @Option(help: "LAMOST data release.") var release = "DR5"
        @Option(help: "Catalogue name (default lasp-<release>).") var name: String?

        func validate() throws {
            _ = try Labels.absolute(file)
            let n = name ?? LabelCatalogueKind.lasp.defaultName(release: release)
            guard LabelCatalogueRegistry.isValidName(n) else { throw ValidationError(LabelCatalogueError.invalidName(n).description) }
        }

        func run() async throws {
            try await Labels.enqueue(LoadLabelsPayload(kind: .lasp, path: try Labels.absolute(file),
                                                       name: name ?? LabelCatalogueKind.lasp.defaultName(release: release),
                                                       release: release, mapping: .lasp),
                                     database: database, logging: logging, waiting: waiting)
        }
    }

    struct Table: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a user label table (CSV or FITS), naming its id or position columns and its labels.",
            discussion: """
                Examples:
                  slam labels load table galah.csv --name galah-dr3 --ra RA --dec DEC --id sobject_id \\
                      --label teff=teff:e_teff:K --label logg=logg:e_logg --label feh=fe_h:e_fe_h:dex --wait
                  slam labels load table seismic.fits --name seismic --obsid OBSID --label logg=LOGG_SEIS:E_LOGG
                  slam labels load table mine.csv --name mine --mapping mapping.json
                A label is NAME=COLUMN[:ERROR_COLUMN[:UNIT]]; units: K, kK, dex, km/s, m/s, mag, 1 (default K for \
                teff, dex otherwise). A mapping file is JSON: {"obsidColumn": ..., "raColumn": ..., "decColumn": ..., \
                "idColumn": ..., "snrColumn": ..., "labels": [{"name": "teff", "column": "TEFF", "error": "E_TEFF", "unit": "K"}]}.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var waiting: WaitOptions
        @Argument(help: "Table file: CSV or FITS binary table.") var file: String
        @Option(help: "Catalogue name (lower case, e.g. galah-dr3); also the label set of models trained on it.") var name: String
        @Option(help: "Column of the LAMOST obsid (obsid-keyed table).") var obsid: String?
        @Option(help: "Column of RA, degrees (position-keyed table).") var ra: String?
        @Option(help: "Column of Dec, degrees.") var dec: String?
        @Option(help: "Column identifying the reference star.") var id: String?
        @Option(name: .customLong("snr"), help: "Column of a S/N to keep with each row.") var snr: String?
        @Option(name: .customLong("label"), help: "NAME=COLUMN[:ERROR_COLUMN[:UNIT]], once per label.") var labels: [String] = []
        @Option(help: "JSON mapping file (instead of --obsid/--ra/--dec/--id/--label).") var mapping: String?

        func resolvedMapping() throws -> LabelTableMapping {
            if let mapping {
                guard labels.isEmpty, obsid == nil, ra == nil, dec == nil else {
                    throw ValidationError("give either --mapping or the column options, not both")
                }
                return try LabelTableMapping.read(file: mapping)
            }
            let m = LabelTableMapping(obsidColumn: obsid, raColumn: ra, decColumn: dec, idColumn: id,
                                      labels: try labels.map { text throws(LabelCatalogueError) in try LabelTableMapping.Label.parse(text) },
                                      snrColumn: snr)
            try m.validate()
            return m
        }

        func validate() throws {
            _ = try Labels.absolute(file)
            guard LabelCatalogueRegistry.isValidName(name) else { throw ValidationError(LabelCatalogueError.invalidName(name).description) }
            do { _ = try resolvedMapping() } catch let error as LabelCatalogueError { throw ValidationError(error.description) }
        }

        func run() async throws {
            try await Labels.enqueue(LoadLabelsPayload(kind: .table, path: try Labels.absolute(file), name: name, release: "",
                                                       mapping: try resolvedMapping()),
                                     database: database, logging: logging, waiting: waiting)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List label catalogue versions.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.labels"))
            let entries = try await factory.withConnection { try LabelCatalogueRegistry.list($0) }
            let rows = entries.map { e in
                [String(e.catalogueID), e.name, String(e.version), e.kind.rawValue, e.keyKind,
                 zip(e.labelNames, e.labelUnits).map { "\($0) [\($1)]" }.joined(separator: ", "), String(e.rows), e.sourceFile]
            }
            print(rows.isEmpty ? "no label catalogues (load one with slam labels load)"
                  : TextTable.render([["id", "name", "version", "kind", "key", "labels", "rows", "file"]] + rows))
        }
    }

    struct Loads: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List load attempts, failed ones with their reason.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Show at most this many, newest first.") var limit = 20

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.labels"))
            let limit = self.limit
            let rows = try await factory.withConnection { try LabelCatalogueQueries.loadHistory(limit: limit, db: $0) }.map { r in
                [String(r.loadID), r.name, r.kind, r.status, r.rows.map(String.init) ?? "-", r.finished, r.error ?? r.sourceFile]
            }
            print(rows.isEmpty ? "no loads" : TextTable.render([["id", "name", "kind", "status", "rows", "finished", "file or error"]] + rows))
        }
    }
}
