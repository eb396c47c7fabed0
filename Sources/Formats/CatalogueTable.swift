/// The type of a catalogue column.
public enum CatalogueColumnType: String, Sendable, Equatable, Codable {
    /// 64-bit integers.
    case int64
    /// 64-bit reals.
    case double
    /// Text.
    case string
}

/// The values of one catalogue column; `nil` is a missing value.
public enum CatalogueColumnValues: Sendable, Equatable {
    /// Integer values.
    case int64([Int64?])
    /// Real values (never NaN: missing is `nil`).
    case double([Double?])
    /// Text values (empty text is `nil`).
    case string([String?])

    /// Number of values.
    public var count: Int {
        switch self {
        case .int64(let v): return v.count
        case .double(let v): return v.count
        case .string(let v): return v.count
        }
    }

    /// The column's type.
    public var type: CatalogueColumnType {
        switch self {
        case .int64: return .int64
        case .double: return .double
        case .string: return .string
        }
    }
}

/// One named catalogue column.
public struct CatalogueColumn: Sendable, Equatable {
    /// Column name as in the file (CSV readers drop a `combined_` prefix).
    public var name: String
    /// Values, one per row.
    public var values: CatalogueColumnValues

    /// A named column.
    public init(name: String, values: CatalogueColumnValues) {
        self.name = name
        self.values = values
    }
}

/// A table of named, typed columns with missing values: a LAMOST catalogue, an APOGEE extract, or any
/// user label table, read from and written to CSV or a FITS binary table by the same code.
public struct CatalogueTable: Sendable, Equatable {
    /// Columns in order; all have ``rowCount`` values.
    public private(set) var columns: [CatalogueColumn]
    /// Number of rows.
    public let rowCount: Int

    /// A table from columns of equal length (a programmer error otherwise).
    public init(columns: [CatalogueColumn]) {
        let count = columns.first?.values.count ?? 0
        precondition(columns.allSatisfy { $0.values.count == count }, "catalogue columns differ in length")
        self.columns = columns
        self.rowCount = count
    }

    /// Column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this name (case-insensitive), or `nil`.
    public func column(_ name: String) -> CatalogueColumn? {
        let wanted = name.lowercased()
        return columns.first { $0.name.lowercased() == wanted }
    }

    /// A column as reals (integers converted); `nil` when absent or textual (text that parses as a
    /// number is converted, other text is missing).
    public func doubles(_ name: String) -> [Double?]? {
        guard let column = column(name) else { return nil }
        switch column.values {
        case .double(let v): return v
        case .int64(let v): return v.map { $0.map(Double.init) }
        case .string(let v): return v.map { $0.flatMap { Double($0.trimmingSpaces()) } }
        }
    }

    /// A column as integers (integral reals such as `55862.0` converted, others missing); `nil` when absent.
    public func int64s(_ name: String) -> [Int64?]? {
        guard let column = column(name) else { return nil }
        switch column.values {
        case .int64(let v): return v
        case .double(let v): return v.map { $0.flatMap(CatalogueTable.integral) }
        case .string(let v): return v.map { $0.flatMap { CatalogueTable.parseInteger($0.trimmingSpaces()) } }
        }
    }

    /// A column as text (numbers rendered); `nil` when absent.
    public func strings(_ name: String) -> [String?]? {
        guard let column = column(name) else { return nil }
        switch column.values {
        case .string(let v): return v
        case .int64(let v): return v.map { $0.map { String($0) } }
        case .double(let v): return v.map { $0.map { CatalogueTable.format($0) } }
        }
    }

    /// `55862.0` -> 55862; non-integral or out-of-range values -> `nil`.
    static func integral(_ value: Double) -> Int64? {
        guard value.isFinite, value == value.rounded(), abs(value) < 9.2e18 else { return nil }
        return Int64(value)
    }

    /// An integer literal, or a real literal with an integral value (`55862.0`).
    static func parseInteger(_ text: String) -> Int64? {
        if let v = Int64(text) { return v }
        return Double(text).flatMap(integral)
    }

    /// Shortest round-trip text of a real (`0.1`, `1e-05`, `55862.0`).
    static func format(_ value: Double) -> String {
        "\(value)"
    }
}
