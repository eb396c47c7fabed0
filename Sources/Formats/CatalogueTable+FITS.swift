import Foundation

extension CatalogueTable {
    /// Reads scalar columns of the first binary table that has all of `columns` (every scalar column of
    /// the first binary table when `columns` is `nil`), for `rows` (all when `nil`).
    ///
    /// Integer columns (`B`, `I`, `J`, `K`, `L` as 0/1) become `int64` with TNULL values missing; reals
    /// become `double` with NaN missing; text becomes `string` (trailing blanks removed, empty missing).
    /// Array columns are skipped when `columns` is `nil`, and throw `.unsupportedColumn` when asked for.
    public static func readFITS(url: URL, columns: [String]? = nil, rows: Range<Int>? = nil) throws(FITSError) -> CatalogueTable {
        let reader = try CatalogueFITSReader(url: url, columns: columns)
        return try reader.read(rows: rows ?? 0..<reader.rowCount)
    }

    /// Writes the table as a FITS file: an empty primary HDU and one binary table (`EXTNAME = extensionName`).
    ///
    /// `int64` columns are `K` with `TNULL = -9223372036854775808` for missing values, `double` columns `D`
    /// with NaN for missing values, `string` columns `nA` (n = longest value, at least 1; missing and empty
    /// both written empty). A `.gz` name is gzip-compressed. Deterministic bytes.
    public func writeFITS(to url: URL, extensionName: String = "CATALOGUE") throws(FITSError) {
        let file = try FITSFile.create(url: url)
        try file.createEmptyPrimary()
        let specs = columns.map { column -> FITSColumnSpec in
            switch column.values {
            case .int64: return FITSColumnSpec(name: column.name, format: "K", nullValue: Int64.min)
            case .double: return FITSColumnSpec(name: column.name, format: "D")
            case .string(let v):
                let width = max(1, v.map { $0?.utf8.count ?? 0 }.max() ?? 1)
                return FITSColumnSpec(name: column.name, format: "\(width)A")
            }
        }
        try file.createBinaryTable(name: extensionName, columns: specs, rowCount: rowCount)
        for (c, column) in columns.enumerated() where rowCount > 0 {
            switch column.values {
            case .int64(let v): try file.write(column: c, int64s: v.map { $0 ?? Int64.min })
            case .double(let v): try file.write(column: c, doubles: v.map { $0 ?? .nan })
            case .string(let v): try file.write(column: c, strings: v.map { $0 ?? "" })
            }
        }
        try file.close()
    }
}

/// Reads a catalogue FITS binary table in row chunks (see ``CatalogueTable/readFITS(url:columns:rows:)``).
/// Not `Sendable`: it owns an open ``FITSFile``.
public final class CatalogueFITSReader {
    /// Rows in the table.
    public let rowCount: Int
    /// The columns that will be read, in order.
    public let columns: [FITSColumn]
    /// The table's HDU (0-based).
    public let hdu: Int
    private let file: FITSFile

    /// Opens `url` and finds the table (see ``CatalogueTable/readFITS(url:columns:rows:)``).
    public init(url: URL, columns names: [String]? = nil) throws(FITSError) {
        file = try FITSFile.open(url: url)
        hdu = try file.moveToTable(withColumns: names ?? [])
        rowCount = try file.rowCount()
        let all = try file.tableColumns()
        if let names {
            var chosen: [FITSColumn] = []
            for name in names {
                guard let column = all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                    throw .missingColumn(name, file: file.path, hdu: hdu)
                }
                guard column.elementsPerRow == 1 || (column.isString && column.repeatCount == column.width) else {
                    throw .unsupportedColumn(column.name, tform: column.format, file: file.path, hdu: hdu)
                }
                chosen.append(column)
            }
            columns = chosen
        } else {
            columns = all.filter {
                ($0.isString && $0.repeatCount == $0.width) || (!$0.isString && $0.repeatCount == 1 && $0.typeCode > 0)
            }
        }
    }

    /// Reads the chosen columns for `rows` (0-based, half-open).
    /// - Throws: `.rowsOutOfRange`, `.truncated`, `.cfitsio`.
    public func read(rows: Range<Int>) throws(FITSError) -> CatalogueTable {
        var out: [CatalogueColumn] = []
        for column in columns {
            let values: CatalogueColumnValues
            if column.isString {
                values = .string(try file.readStrings(column, rows: rows).map { $0.isEmpty ? nil : $0 })
            } else if column.isReal {
                values = .double(try file.readDoubles(column, rows: rows).map { $0.isFinite ? $0 : nil })
            } else if column.isInteger || column.isLogical {
                values = .int64(try file.readInt64s(column, rows: rows))
            } else {
                throw .unsupportedColumn(column.name, tform: column.format, file: file.path, hdu: hdu)
            }
            out.append(CatalogueColumn(name: column.name, values: values))
        }
        return CatalogueTable(columns: out)
    }
}
