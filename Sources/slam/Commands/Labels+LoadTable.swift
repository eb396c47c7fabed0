import ArgumentParser
import Pipeline

extension Labels.Load {
    /// `slam labels load table FILE --name NAME (--obsid COL | --ra COL --dec COL) --label NAME=COLUMN... | --mapping FILE`.
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
}
