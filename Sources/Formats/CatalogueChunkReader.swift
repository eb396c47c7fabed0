import Foundation

/// Reads a catalogue table of either kind in row chunks, so that a catalogue of millions of rows (the
/// LAMOST DR5 AFGK catalogue has several million) never sits in memory at once: a FITS binary table
/// (when the file starts with `SIMPLE` or is gzip-compressed) through ``CatalogueFITSReader``, else CSV
/// through ``CatalogueCSVReader``. With `csvAsText`, every CSV column is read as text (no type
/// inference, so a stray value in a column the caller does not use cannot fail the read, and the caller
/// parses the numbers it needs with its own row numbers). Not `Sendable`: it owns an open file.
public final class CatalogueChunkReader {
    /// The file's path.
    public let path: String
    /// Column names in order (CSV: cleaned of `combined_` prefixes).
    public let columnNames: [String]
    /// Number of rows when known up front (FITS), else nil.
    public let rowCount: Int?
    /// Whether the file is a FITS table.
    public let isFITS: Bool
    private let fits: CatalogueFITSReader?
    private let csv: CatalogueCSVReader?
    private var nextRow = 0

    /// Opens `url`.
    /// - Throws: `.fileNotFound`, `.invalidCSV` (no header line), `.tableNotFound` and the other errors of
    ///   opening a FITS table.
    public init(url: URL, csvAsText: Bool = false) throws(FITSError) {
        path = url.path
        guard let magic = FITSFile.leadingBytes(url.path, count: 6) else { throw .fileNotFound(file: url.path) }
        isFITS = magic == Array("SIMPLE".utf8) || (magic.count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        if isFITS {
            let reader = try CatalogueFITSReader(url: url)
            fits = reader
            csv = nil
            columnNames = reader.columns.map(\.name)
            rowCount = reader.rowCount
        } else {
            var reader = try CatalogueCSVReader(url: url)
            if csvAsText {
                let types = Dictionary(reader.columnNames.map { ($0, CatalogueColumnType.string) }, uniquingKeysWith: { a, _ in a })
                reader = try CatalogueCSVReader(url: url, types: types)
            }
            fits = nil
            csv = reader
            columnNames = reader.columnNames
            rowCount = nil
        }
    }

    /// The next chunk of at most `maxRows` rows, or nil at the end.
    /// - Throws: the readers' errors (`.invalidCSV` with its line, `.truncated`, `.cfitsio` ...).
    public func next(maxRows: Int = 100_000) throws(FITSError) -> CatalogueTable? {
        if let fits {
            guard nextRow < fits.rowCount else { return nil }
            let rows = nextRow..<min(fits.rowCount, nextRow + max(1, maxRows))
            nextRow = rows.upperBound
            return try fits.read(rows: rows)
        }
        return try csv?.next(maxRows: max(1, maxRows))
    }
}
