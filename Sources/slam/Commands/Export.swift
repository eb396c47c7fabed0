import ArgumentParser
import Foundation
import Pipeline
import Store

/// `slam export --model current|ID [--label-set S] [--format fits|csv] --out FILE [--where FILTER]`.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a model's labels as a catalogue (FITS binary table with units, or CSV), streaming.",
        discussion: """
            Columns: obsid, designation, ra, dec (deg), snrg, then for each label NAME, NAME_err (formal) and \
            NAME_err_emp (empirical, cross-validated at the spectrum's S/N) in K (teff) or dex, then rchi2, \
            flags (see table flag_bits) and model_id. Rows are ordered by obsid.
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Option(help: "Model id, or 'current'.") var model = "current"
    @Option(name: .customLong("label-set"), help: "Label set whose current model to export (when several have one).") var labelSet: String?
    @Option(help: "fits or csv (default: from the file name; .csv is CSV, anything else FITS).") var format: String?
    @Option(help: "Output file (replaced only when the export completes).") var out: String
    @Option(name: .customLong("where"), help: "Filter on spectra, e.g. \"snrg > 20 AND class = 'STAR'\" (columns of lamost_spectrum, AND only).")
    var filter = ""
    @Option(name: .customLong("chunk-rows"), help: "Rows read and written at a time.") var chunkRows = 10_000

    func resolvedFormat() throws -> CatalogueExporter.Format {
        guard let format else { return .implied(by: URL(fileURLWithPath: out)) }
        guard let value = CatalogueExporter.Format(rawValue: format.lowercased()) else {
            throw ValidationError("--format must be fits or csv, not \(format)")
        }
        return value
    }

    func validate() throws {
        _ = try resolvedFormat()
        guard chunkRows >= 1, chunkRows <= 1_000_000 else { throw ValidationError("--chunk-rows must be 1...1000000") }
        do { _ = try SpectrumFilter(filter) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let factory = try database.factory(logger: logging.makeLogger("slam.export"))
        let (reference, labelSet, format, rows) = (model, self.labelSet, try resolvedFormat(), chunkRows)
        let filter = try SpectrumFilter(self.filter)
        let url = URL(fileURLWithPath: out)
        let summary = try await factory.withConnection { db in
            let id = try ModelRegistry().resolve(reference, labelSet: labelSet, db: db)
            return try CatalogueExporter(chunkRows: rows).export(modelID: id, filter: filter, format: format, to: url, db: db)
        }
        print("model \(summary.modelID) [\(summary.labelSet)]: \(summary.rows) rows x \(summary.columns.count) columns written to \(summary.path) (\(summary.format.rawValue))")
    }
}
