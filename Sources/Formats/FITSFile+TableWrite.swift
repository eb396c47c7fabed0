import CFITSIO
import Foundation

extension FITSFile {
    /// Appends a binary-table HDU (`BINTABLE`, `EXTNAME = name` when given) with the given columns and
    /// `rowCount` rows (zero-filled until written) and makes it current. Writes `TDIMn` and `TNULLn`
    /// where the specs ask. A new file must have a primary HDU first (``createEmptyPrimary()``).
    public func createBinaryTable(name: String?, columns: [FITSColumnSpec], rowCount: Int) throws(FITSError) {
        let handle = try fptr()
        var names = columns.map { strdup($0.name) }
        var formats = columns.map { strdup($0.format) }
        var units = columns.map { strdup($0.unit) }
        defer { for p in names + formats + units { free(p) } }
        var status: Int32 = 0
        ffcrtb(handle, BINARY_TBL, Int64(rowCount), Int32(columns.count), &names, &formats, &units, name, &status)
        try check(status)
        try updateCurrentHDU()
        for (i, spec) in columns.enumerated() {
            if let dims = spec.dimensions {
                var axes = dims.map { Int64($0) }
                ffptdmll(handle, Int32(i + 1), Int32(axes.count), &axes, &status)
            }
            if let null = spec.nullValue {
                ffpkyj(handle, "TNULL\(i + 1)", null, "value meaning undefined", &status)
                fftnul(handle, Int32(i + 1), null, &status)
            }
            try check(status)
        }
    }

    /// Writes `values` (row after row, `elementsPerRow` values per row) into column `column` (0-based)
    /// starting at row `firstRow` (0-based). NaN is written as-is (the FITS null for reals).
    public func write(column: Int, firstRow: Int = 0, doubles values: [Double]) throws(FITSError) {
        try put(column: column, firstRow: firstRow, type: TDOUBLE, values: values)
    }

    /// Writes 32-bit floats; see ``write(column:firstRow:doubles:)``.
    public func write(column: Int, firstRow: Int = 0, floats values: [Float]) throws(FITSError) {
        try put(column: column, firstRow: firstRow, type: TFLOAT, values: values)
    }

    /// Writes 64-bit integers (converted to the column's type); see ``write(column:firstRow:doubles:)``.
    public func write(column: Int, firstRow: Int = 0, int64s values: [Int64]) throws(FITSError) {
        try put(column: column, firstRow: firstRow, type: TLONGLONG, values: values)
    }

    /// Writes 32-bit integers; see ``write(column:firstRow:doubles:)``.
    public func write(column: Int, firstRow: Int = 0, int32s values: [Int32]) throws(FITSError) {
        try put(column: column, firstRow: firstRow, type: TINT, values: values)
    }

    /// Writes logicals (`T`/`F`); see ``write(column:firstRow:doubles:)``.
    public func write(column: Int, firstRow: Int = 0, bools values: [Bool]) throws(FITSError) {
        try put(column: column, firstRow: firstRow, type: TLOGICAL, values: values.map { CChar($0 ? 1 : 0) })
    }

    /// Writes strings, one per row (or `repeat / width` per row for an `rAw` column); longer text is cut.
    public func write(column: Int, firstRow: Int = 0, strings values: [String]) throws(FITSError) {
        let handle = try fptr()
        guard !values.isEmpty else { return }
        var pointers = values.map { strdup($0) }
        defer { for p in pointers { free(p) } }
        var status: Int32 = 0
        ffpcl(handle, TSTRING, Int32(column + 1), Int64(firstRow + 1), 1, Int64(values.count), &pointers, &status)
        try check(status)
    }

    private func put<T: BitwiseCopyable>(column: Int, firstRow: Int, type: Int32, values: [T]) throws(FITSError) {
        let handle = try fptr()
        guard !values.isEmpty else { return }
        var copy = values
        var status: Int32 = 0
        ffpcl(handle, type, Int32(column + 1), Int64(firstRow + 1), 1, Int64(copy.count), &copy, &status)
        try check(status)
    }
}
