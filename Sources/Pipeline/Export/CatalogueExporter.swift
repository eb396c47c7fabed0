import Catalogue
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
                try CatalogueExportQueries.beginSnapshot(db: db)
                guard let model = try ModelQueries.model(id: modelID, db: db) else {
                    throw CatalogueExportError.model(.unknownModel(String(modelID)))
                }
                guard ModelUse.reading.allows(model.status) else {
                    throw CatalogueExportError.model(.modelNotReady(modelID, status: model.status.rawValue))
                }
                let layout = CatalogueColumns(labelNames: model.labelNames)
                let sizes = try CatalogueExportQueries.size(modelID: modelID, matching: filter.predicate, db: db)
                let rowCount = sizes.rows
                let header = Header(modelID: modelID, labelSet: model.labelSet, filter: filter.text, rows: rowCount)
                try CatalogueExportQueries.openCursor(modelID: modelID, matching: filter.predicate, db: db)
                let sink: any CatalogueSink = switch format {
                case .fits: try FITSCatalogueSink(url: url, layout: layout, rows: rowCount,
                                                  textWidth: sizes.designationBytes, header: header)
                case .csv: try CSVCatalogueSink(url: url, layout: layout)
                }
                var written = 0
                while true {
                    let result = try CatalogueExportQueries.fetch(rows: chunkRows, db: db)
                    if result.count == 0 { break }
                    var chunk = CatalogueChunk(labelCount: layout.labelNames.count)
                    for row in result.rows { try chunk.append(row) }
                    guard written + chunk.count <= rowCount else {
                        throw CatalogueExportError.rowCountChanged(expected: rowCount, read: written + chunk.count)
                    }
                    try sink.write(chunk, firstRow: written)
                    written += chunk.count
                }
                try CatalogueExportQueries.closeCursor(db: db)
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
