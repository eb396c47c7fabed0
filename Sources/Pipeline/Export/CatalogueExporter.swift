import Foundation
import Formats
import Store

/// Exports the labels of one model as a catalogue: a FITS binary table (units in `TUNITn`: deg, K, dex;
/// what TOPCAT opens) or CSV, one row per predicted spectrum (see ``CatalogueColumns``).
///
/// Streams with constant memory: the rows are read in one REPEATABLE READ snapshot through a server-side
/// cursor, ``chunkRows`` at a time, and written chunk by chunk (FITS: column chunks at increasing row
/// offsets of a table sized by a `count(*)` in the same snapshot; CSV: appended). The output is written to
/// a temporary file beside `url` and renamed over it only when complete.
public struct CatalogueExporter: Sendable {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        case fits, csv

        /// The format a file name implies (`.csv` is CSV, anything else FITS).
        public static func implied(by url: URL) -> Format {
            url.pathExtension.lowercased() == "csv" ? .csv : .fits
        }
    }

    /// Rows per `FETCH` and per write.
    public var chunkRows: Int

    public init(chunkRows: Int = 10_000) {
        precondition(chunkRows >= 1, "chunkRows must be positive")
        self.chunkRows = chunkRows
    }

    /// Writes the predictions of model `modelID` for spectra matching `filter`, ordered by obsid, to `url`.
    /// - Throws: ``CatalogueExportError/model(_:)`` for an unknown model or one that is training or failed.
    public func export(modelID: Int, filter: SpectrumFilter = .all, format: Format, to url: URL,
                       db: PostgresConnection) throws(CatalogueExportError) -> CatalogueExportSummary {
        do {
            return try db.transaction { db in
                try db.executeScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", name: "export snapshot")
                guard let model = try db.query("SELECT label_set, label_names, status FROM model WHERE model_id = $1", [modelID]).first else {
                    throw CatalogueExportError.model(.unknownModel(String(modelID)))
                }
                let status = try model.decode(String.self, at: 2)
                guard status == "ready" || status == "retired" else {
                    throw CatalogueExportError.model(.modelNotReady(modelID, status: status))
                }
                let layout = CatalogueColumns(labelNames: try model.decode([String].self, at: 1))
                let (predicate, values) = filter.sql(firstParameter: 2)
                let from = "FROM prediction pr JOIN lamost_spectrum s USING (obsid) WHERE pr.model_id = $1 AND \(predicate)"
                let sizes = try db.query("SELECT count(*), coalesce(max(octet_length(s.designation)), 1) \(from)", [modelID] + values).first
                let rowCount = try sizes?.decode(Int.self, at: 0) ?? 0
                let header = Header(modelID: modelID, labelSet: try model.decode(String.self, at: 0), filter: filter.text, rows: rowCount)
                try db.query("""
                    DECLARE slam_export NO SCROLL CURSOR FOR
                    SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, pr.labels, pr.formal_errors, pr.empirical_errors,
                           pr.reduced_chi2, pr.flags, pr.model_id \(from) ORDER BY pr.obsid
                    """, [modelID] + values)
                let sink: any CatalogueSink = switch format {
                case .fits: try FITSCatalogueSink(url: url, layout: layout, rows: rowCount,
                                                  textWidth: try sizes?.decode(Int.self, at: 1) ?? 1, header: header)
                case .csv: try CSVCatalogueSink(url: url, layout: layout)
                }
                var written = 0
                while true {
                    // FETCH takes no parameters: the count is the exporter's own integer.
                    let fetch = "FETCH \(chunkRows) FROM slam_export"
                    let result = try db.query(fetch)
                    if result.count == 0 { break }
                    var chunk = CatalogueChunk(labelCount: layout.labelNames.count)
                    for row in result.rows { try chunk.append(row) }
                    guard written + chunk.count <= rowCount else {
                        throw CatalogueExportError.rowCountChanged(expected: rowCount, read: written + chunk.count)
                    }
                    try sink.write(chunk, firstRow: written)
                    written += chunk.count
                }
                try db.executeScript("CLOSE slam_export", name: "close export cursor")
                guard written == rowCount else { throw CatalogueExportError.rowCountChanged(expected: rowCount, read: written) }
                try sink.finish()
                return CatalogueExportSummary(modelID: modelID, labelSet: header.labelSet, rows: written,
                                              columns: layout.columns.map(\.name), format: format, path: url.path)
            }
        } catch let error as CatalogueExportError {
            throw error
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(.protocolViolation("\(error)"))
        }
    }

    /// What goes into the FITS header besides the columns.
    struct Header {
        var modelID: Int
        var labelSet: String
        var filter: String
        var rows: Int
    }
}

/// What an export wrote.
public struct CatalogueExportSummary: Sendable, Equatable {
    public var modelID: Int
    public var labelSet: String
    public var rows: Int
    public var columns: [String]
    public var format: CatalogueExporter.Format
    public var path: String
}
