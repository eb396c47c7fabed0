import CFITSIO

/// One column of a binary table as the file describes it.
public struct FITSColumn: Sendable, Equatable {
    /// 0-based column index (FITS column number minus one).
    public var index: Int
    /// `TTYPEn`, as written (match names case-insensitively).
    public var name: String
    /// `TFORMn`, e.g. `3909E`, `18A`, `J`.
    public var format: String
    /// CFITSIO type code (`TFLOAT`, `TDOUBLE`, `TSTRING`, `TLONG`, ...; negative for variable-length arrays).
    public var typeCode: Int32
    /// Elements per row (characters for strings).
    public var repeatCount: Int
    /// Bytes per element (for strings: characters per string).
    public var width: Int
    /// `TDIMn` axis lengths, FITS order (fastest first), when the header gives them.
    public var dimensions: [Int]?

    /// Whether the column holds text (`A`).
    public var isString: Bool { typeCode == TSTRING }
    /// Whether the column holds 64-bit integers (`K`).
    public var isInt64: Bool { typeCode == TLONGLONG }
    /// Whether the column holds 32-bit integers (`J`).
    public var isInt32: Bool { typeCode == TLONG || typeCode == TINT32BIT }
    /// Whether the column holds integers of any width (`B`, `I`, `J`, `K`, unsigned by TZERO included).
    public var isInteger: Bool {
        [TBYTE, TSBYTE, TSHORT, TUSHORT, TINT, TUINT, TLONG, TINT32BIT, TULONG, TLONGLONG, TULONGLONG]
            .contains(typeCode)
    }
    /// Whether the column holds reals (`E`, `D`).
    public var isReal: Bool { typeCode == TFLOAT || typeCode == TDOUBLE }
    /// Whether the column holds logicals (`L`).
    public var isLogical: Bool { typeCode == TLOGICAL }
    /// Values per row: 1 for a scalar column, the repeat count for an array, 1 for a string column.
    public var elementsPerRow: Int { isString ? 1 : repeatCount }
}

/// How to write one column of a binary table.
public struct FITSColumnSpec: Sendable, Equatable {
    /// `TTYPEn`.
    public var name: String
    /// `TFORMn`: `D`, `E`, `K`, `J`, `I`, `B`, `L`, `nA`, or `nE`/`nD`/... for fixed-length arrays.
    public var format: String
    /// `TUNITn`, omitted when empty.
    public var unit: String
    /// `TDIMn` axis lengths (fastest first), e.g. `[7, 7]` for a 7 x 7 matrix, or `[10, 7]` for 7 strings of 10.
    public var dimensions: [Int]?
    /// `TNULLn` for integer columns: the stored value that means "missing".
    public var nullValue: Int64?

    /// A column description.
    public init(name: String, format: String, unit: String = "", dimensions: [Int]? = nil, nullValue: Int64? = nil) {
        self.name = name
        self.format = format
        self.unit = unit
        self.dimensions = dimensions
        self.nullValue = nullValue
    }
}
