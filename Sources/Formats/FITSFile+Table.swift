import CFITSIO

extension FITSFile {
    /// Number of rows of the current binary table.
    public func rowCount() throws(FITSError) -> Int {
        var rows: Int64 = 0
        var status: Int32 = 0
        ffgnrwll(try fptr(), &rows, &status)
        try check(status)
        return Int(rows)
    }

    /// The columns of the current binary table, in order.
    public func tableColumns() throws(FITSError) -> [FITSColumn] {
        let handle = try fptr()
        let header = try header()
        var count: Int32 = 0
        var status: Int32 = 0
        ffgncl(handle, &count, &status)
        try check(status)
        var columns: [FITSColumn] = []
        for number in 1...max(1, Int(count)) where count > 0 {
            var type: Int32 = 0
            var repeatCount: Int64 = 0
            var width: Int64 = 0
            ffgtclll(handle, Int32(number), &type, &repeatCount, &width, &status)
            try check(status)
            let name = header.value("TTYPE\(number)")?.stringValue ?? "COL\(number)"
            let format = header.value("TFORM\(number)")?.stringValue ?? ""
            let dims = header.value("TDIM\(number)")?.stringValue.flatMap(Self.parseDimensions)
            columns.append(FITSColumn(index: number - 1, name: name, format: format, typeCode: type,
                                      repeatCount: Int(repeatCount), width: Int(width), dimensions: dims))
        }
        return columns
    }

    /// The column of the current table with this name (case-insensitive).
    /// - Throws: `.missingColumn` naming the column, file and HDU.
    public func column(named name: String) throws(FITSError) -> FITSColumn {
        let wanted = name.uppercased()
        guard let column = try tableColumns().first(where: { $0.name.uppercased() == wanted }) else {
            throw .missingColumn(name, file: path, hdu: currentHDU)
        }
        return column
    }

    /// `"(7,7)"` -> `[7, 7]`.
    static func parseDimensions(_ text: String) -> [Int]? {
        let inner = text.filter { $0 != "(" && $0 != ")" && $0 != " " }
        let values = inner.split(separator: ",").compactMap { Int($0) }
        return values.isEmpty ? nil : values
    }

    /// Finds the first binary table (searching HDUs 1, 2, ...) that has every named column
    /// (case-insensitive), makes it current and returns its 0-based HDU number.
    /// - Throws: `.tableNotFound` naming the columns when none has them all.
    @discardableResult
    public func moveToTable(withColumns names: [String]) throws(FITSError) -> Int {
        let count = try hduCount()
        let wanted = Set(names.map { $0.uppercased() })
        for hdu in 1..<max(1, count) {
            try move(toHDU: hdu)
            guard try hduKind() == .binaryTable else { continue }
            let have = Set(try tableColumns().map { $0.name.uppercased() })
            if wanted.isSubset(of: have) { return hdu }
        }
        throw .tableNotFound(file: path, columns: names)
    }

    private func checkRows(_ rows: Range<Int>) throws(FITSError) {
        let total = try rowCount()
        if rows.lowerBound < 0 || rows.upperBound > total {
            throw .rowsOutOfRange(lower: rows.lowerBound, upper: rows.upperBound, rowCount: total, file: path)
        }
    }

    /// Values of a numeric column for a row range (0-based, half-open), converted to `Double`:
    /// `rows.count * column.elementsPerRow` values, row after row. Integer nulls (TNULL) read as NaN.
    public func readDoubles(_ column: FITSColumn, rows: Range<Int>) throws(FITSError) -> [Double] {
        try numeric(column, rows: rows, type: TDOUBLE, null: Double.nan)
    }

    /// As ``readDoubles(_:rows:)`` but converted to `Float`.
    public func readFloats(_ column: FITSColumn, rows: Range<Int>) throws(FITSError) -> [Float] {
        try numeric(column, rows: rows, type: TFLOAT, null: Float.nan)
    }

    /// Values of a numeric column converted to `Int64`, with `nil` for null values (TNULL for integers,
    /// NaN for reals). `rows.count * column.elementsPerRow` values.
    public func readInt64s(_ column: FITSColumn, rows: Range<Int>) throws(FITSError) -> [Int64?] {
        try checkRows(rows)
        guard column.isInteger || column.isReal || column.isLogical else {
            throw .unsupportedColumn(column.name, tform: column.format, file: path, hdu: currentHDU)
        }
        let count = rows.count * column.elementsPerRow
        guard count > 0 else { return [] }
        if column.isLogical { return try readLogicals(column, rows: rows).map { $0.map { $0 ? 1 : 0 } } }
        var values = [Int64](repeating: 0, count: count)
        var nulls = [CChar](repeating: 0, count: count)
        var anyNull: Int32 = 0
        var status: Int32 = 0
        ffgcf(try fptr(), TLONGLONG, Int32(column.index + 1), Int64(rows.lowerBound + 1), 1, Int64(count),
              &values, &nulls, &anyNull, &status)
        try check(status)
        if anyNull == 0 { return values }
        return zip(values, nulls).map { $1 != 0 ? nil : $0 }
    }

    /// Values of a logical (`L`) column, `nil` where undefined.
    public func readLogicals(_ column: FITSColumn, rows: Range<Int>) throws(FITSError) -> [Bool?] {
        try checkRows(rows)
        guard column.isLogical else {
            throw .unsupportedColumn(column.name, tform: column.format, file: path, hdu: currentHDU)
        }
        let count = rows.count * column.elementsPerRow
        guard count > 0 else { return [] }
        var values = [CChar](repeating: 0, count: count)
        var nulls = [CChar](repeating: 0, count: count)
        var anyNull: Int32 = 0
        var status: Int32 = 0
        ffgcf(try fptr(), TLOGICAL, Int32(column.index + 1), Int64(rows.lowerBound + 1), 1, Int64(count),
              &values, &nulls, &anyNull, &status)
        try check(status)
        return zip(values, nulls).map { $1 != 0 ? nil : $0 != 0 }
    }

    /// Text of a string column (trailing blanks removed): one string per row, or `repeat / width`
    /// strings per row for an `rAw` column.
    public func readStrings(_ column: FITSColumn, rows: Range<Int>) throws(FITSError) -> [String] {
        try checkRows(rows)
        guard column.isString else {
            throw .unsupportedColumn(column.name, tform: column.format, file: path, hdu: currentHDU)
        }
        let width = max(1, column.width)
        let perRow = max(1, column.repeatCount / width)
        let count = rows.count * perRow
        guard count > 0 else { return [] }
        var storage = [CChar](repeating: 0, count: count * (width + 1))
        var status: Int32 = 0
        var anyNull: Int32 = 0
        let handle = try fptr()
        storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var pointers: [UnsafeMutablePointer<CChar>?] = (0..<count).map { base + $0 * (width + 1) }
            var empty: CChar = 0
            ffgcv(handle, TSTRING, Int32(column.index + 1), Int64(rows.lowerBound + 1), 1, Int64(count),
                  &empty, &pointers, &anyNull, &status)
        }
        try check(status)
        return (0..<count).map { i in
            let slice = storage[(i * (width + 1))..<((i + 1) * (width + 1))]
            let bytes = slice.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self).trimmingTrailingSpaces()
        }
    }

    private func numeric<T>(_ column: FITSColumn, rows: Range<Int>, type: Int32, null: T) throws(FITSError) -> [T]
    where T: BinaryFloatingPoint & BitwiseCopyable {
        try checkRows(rows)
        guard column.isInteger || column.isReal || column.isLogical else {
            throw .unsupportedColumn(column.name, tform: column.format, file: path, hdu: currentHDU)
        }
        let count = rows.count * column.elementsPerRow
        guard count > 0 else { return [] }
        if column.isLogical { return try readLogicals(column, rows: rows).map { $0.map { $0 ? 1 : 0 } ?? null } }
        var values = [T](repeating: 0, count: count)
        var nullValue = null
        var anyNull: Int32 = 0
        var status: Int32 = 0
        ffgcv(try fptr(), type, Int32(column.index + 1), Int64(rows.lowerBound + 1), 1, Int64(count),
              &nullValue, &values, &anyNull, &status)
        try check(status)
        return values
    }
}
