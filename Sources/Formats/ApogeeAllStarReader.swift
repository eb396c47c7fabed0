import Foundation

/// Reads an APOGEE allStar file in row chunks: only the mapped columns, only the rows asked for, so a
/// 4 GB, 200,000-row file never sits in memory.
///
/// The table is the first binary table (HDU 1 or later) holding the required columns, whatever the primary
/// holds (TOPCAT writes VOTable bytes there). `PARAM_SYMBOL`, when a later HDU has it, gives the indices of
/// [C/M] (`C` or `C_M`) and [N/M] (`N` or `N_M`) in `PARAM`; otherwise the map's indices (4, 5) are used.
/// Not `Sendable`: it owns an open ``FITSFile``; use one reader per task. A gzip-compressed allStar is
/// inflated whole into memory by CFITSIO: give the reader the uncompressed file for the multi-GB releases.
public final class ApogeeAllStarReader {
    /// Rows in the table (stars x fields: duplicates included).
    public let rowCount: Int
    /// The table's HDU (0-based).
    public let hdu: Int
    /// Mapped optional columns the file does not have (their values read as `nil` or 0).
    public let absentColumns: [String]
    /// `PARAM_SYMBOL` as read from the file, when present.
    public let paramSymbols: [String]?
    /// Index of [C/M] in `PARAM` in use.
    public let carbonIndex: Int
    /// Index of [N/M] in `PARAM` in use.
    public let nitrogenIndex: Int
    private let file: FITSFile
    private let map: ApogeeColumnMap
    private let byName: [String: FITSColumn]

    /// Opens `url` and locates the table.
    /// - Throws: `.tableNotFound` when no table has the required columns, and open errors.
    public init(url: URL, columns map: ApogeeColumnMap = .dr15) throws(FITSError) {
        self.map = map
        file = try FITSFile.open(url: url)
        hdu = try file.moveToTable(withColumns: map.required)
        rowCount = try file.rowCount()
        let columns = try file.tableColumns()
        let byName = Dictionary(columns.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        self.byName = byName
        let optional = [map.telescope, map.field, map.snr, map.teffErr, map.loggErr, map.mHErr, map.alphaMErr,
                        map.param, map.paramCov, map.aspcapFlag, map.starFlag, map.extraTarg]
        absentColumns = optional.filter { byName[$0.uppercased()] == nil }
        let symbols = try Self.readParamSymbols(file, after: hdu, column: map.paramSymbol)
        paramSymbols = symbols
        let upper = symbols?.map { $0.uppercased() }
        carbonIndex = upper?.firstIndex { $0 == "C" || $0 == "C_M" } ?? map.carbonIndex
        nitrogenIndex = upper?.firstIndex { $0 == "N" || $0 == "N_M" } ?? map.nitrogenIndex
        try file.move(toHDU: hdu)
    }

    /// Stars of rows `rows` (0-based, half-open), in file order, duplicates included.
    /// - Throws: `.rowsOutOfRange`, `.unsupportedColumn` (a mapped column of the wrong kind), `.truncated`.
    public func read(rows: Range<Int>) throws(FITSError) -> [ApogeeStar] {
        let n = rows.count
        guard n > 0 else {
            if rows.lowerBound < 0 || rows.upperBound > rowCount {
                throw .rowsOutOfRange(lower: rows.lowerBound, upper: rows.upperBound, rowCount: rowCount, file: file.path)
            }
            return []
        }
        let ids = try strings(map.apogeeID, rows) ?? []
        let telescopes = try strings(map.telescope, rows)
        let fields = try strings(map.field, rows)
        let ra = try reals(map.ra, rows) ?? []
        let dec = try reals(map.dec, rows) ?? []
        let scalar = try [map.snr, map.teff, map.teffErr, map.logg, map.loggErr, map.mH, map.mHErr,
                          map.alphaM, map.alphaMErr].map { (name) throws(FITSError) -> [Double]? in try reals(name, rows) }
        let param = try reals(map.param, rows)
        let paramWidth = byName[map.param.uppercased()]?.repeatCount ?? 0
        let cov = try reals(map.paramCov, rows)
        let covWidth = byName[map.paramCov.uppercased()]?.repeatCount ?? 0
        let covSide = Int(Double(covWidth).squareRoot().rounded())
        let aspcap = try flags(map.aspcapFlag, rows)
        let starFlags = try flags(map.starFlag, rows)
        let extra = try integers(map.extraTarg, rows)

        var stars: [ApogeeStar] = []
        stars.reserveCapacity(n)
        for r in 0..<n {
            func s(_ k: Int) -> Double? { scalar[k].flatMap { ApogeeStar.label($0[r]) } }
            let paramRow: [Double?] = param.map { values in
                (0..<paramWidth).map { ApogeeStar.label(values[r * paramWidth + $0]) }
            } ?? []
            let covRow: [Double?] = cov.map { values in
                (0..<covWidth).map { ApogeeStar.label(values[r * covWidth + $0]) }
            } ?? []
            func fromParam(_ index: Int) -> (Double?, Double?) {
                let value = index < paramRow.count ? paramRow[index] : nil
                guard covSide * covSide == covWidth, index < covSide, let variance = covRow[index * covSide + index],
                      variance >= 0 else { return (value, nil) }
                return (value, variance.squareRoot())
            }
            let (cM, cMErr) = fromParam(carbonIndex)
            let (nM, nMErr) = fromParam(nitrogenIndex)
            stars.append(ApogeeStar(
                apogeeID: ids[r], telescope: telescopes?[r] ?? "", field: fields?[r] ?? "", ra: ra[r], dec: dec[r],
                snr: s(0), teff: s(1), teffErr: s(2), logg: s(3), loggErr: s(4), mH: s(5), mHErr: s(6),
                alphaM: s(7), alphaMErr: s(8), cM: cM, cMErr: cMErr, nM: nM, nMErr: nMErr,
                param: paramRow, paramCov: covRow, aspcapFlag: aspcap?[r] ?? 0, starFlag: starFlags?[r] ?? 0,
                extraTarg: extra?[r] ?? nil, row: rows.lowerBound + r))
        }
        return stars
    }

    /// All rows, read in chunks of `chunkSize`.
    public func readAll(chunkSize: Int = 20_000) throws(FITSError) -> [ApogeeStar] {
        var out: [ApogeeStar] = []
        out.reserveCapacity(rowCount)
        var start = 0
        while start < rowCount {
            let end = min(rowCount, start + max(1, chunkSize))
            out += try read(rows: start..<end)
            start = end
        }
        return out
    }

    private func column(_ name: String) -> FITSColumn? { byName[name.uppercased()] }

    private func strings(_ name: String, _ rows: Range<Int>) throws(FITSError) -> [String]? {
        guard let c = column(name) else { return nil }
        return try file.readStrings(c, rows: rows).map { $0.trimmingSpaces() }
    }

    private func reals(_ name: String, _ rows: Range<Int>) throws(FITSError) -> [Double]? {
        guard let c = column(name) else { return nil }
        return try file.readDoubles(c, rows: rows)
    }

    private func integers(_ name: String, _ rows: Range<Int>) throws(FITSError) -> [Int64?]? {
        guard let c = column(name) else { return nil }
        return try file.readInt64s(c, rows: rows)
    }

    /// A flag column as unsigned bits: 16- and 32-bit signed columns are masked to their width
    /// (bit 31 of a 32-bit `ASPCAPFLAG` reads as a negative number), 64-bit columns taken as bit patterns.
    private func flags(_ name: String, _ rows: Range<Int>) throws(FITSError) -> [UInt64]? {
        guard let c = column(name) else { return nil }
        let mask: UInt64 = c.width >= 8 ? .max : c.width == 4 ? 0xFFFF_FFFF : c.width == 2 ? 0xFFFF : 0xFF
        return try file.readInt64s(c, rows: rows).map { UInt64(bitPattern: $0 ?? 0) & mask }
    }

    /// `PARAM_SYMBOL` from the first HDU after `hdu` that has it: one row holding all symbols (split by
    /// TDIM or by `rAw` width), or one symbol per row.
    static func readParamSymbols(_ file: FITSFile, after hdu: Int, column name: String) throws(FITSError) -> [String]? {
        let count = try file.hduCount()
        for index in (hdu + 1)..<max(hdu + 1, count) {
            try file.move(toHDU: index)
            guard try file.hduKind() == .binaryTable,
                  let column = try file.tableColumns().first(where: { $0.name.uppercased() == name.uppercased() }),
                  column.isString else { continue }
            let rows = try file.rowCount()
            if rows > 1 { return try file.readStrings(column, rows: 0..<rows).map { $0.trimmingSpaces() } }
            guard rows == 1 else { continue }
            let values = try file.readStrings(column, rows: 0..<1)
            if values.count > 1 { return values.map { $0.trimmingSpaces() } }
            let text = Array((values.first ?? "").utf8)
            let width = column.dimensions.flatMap { $0.count >= 2 ? $0[0] : nil } ?? column.width
            guard width > 0 else { continue }
            return stride(from: 0, to: text.count, by: width).map {
                String(decoding: text[$0..<min(text.count, $0 + width)], as: UTF8.self).trimmingSpaces()
            }
        }
        return nil
    }
}
