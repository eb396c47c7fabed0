import Formats
import Store

/// Why a label catalogue could not be loaded. Nothing is written when one of these is thrown; the
/// attempt is recorded in `label_catalogue_load` with ``description`` as its error.
public enum LabelCatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read as a table (missing, not FITS/CSV, malformed line ...).
    case unreadable(FITSError)
    /// A column named by the mapping is not in the file (`available`: the file's columns).
    case missingColumn(String, role: String, file: String, available: [String])
    /// A label (or error, S/N, position) column holds text that is not a number.
    case notNumeric(column: String, file: String, row: Int, value: String)
    /// Two rows share an id (obsid or id column).
    case duplicateID(String, file: String, rows: (Int, Int))
    /// A unit the loader does not know.
    case unknownUnit(String, label: String)
    /// The file has no data rows.
    case emptyTable(file: String)
    /// A row without its id, or a position out of range.
    case invalidRow(file: String, row: Int, detail: String)
    /// The mapping itself is wrong (no label, a repeated label name, neither id nor position ...).
    case invalidMapping(String)
    /// A catalogue name that is not lower-case letters, digits, '_', '.', '-'.
    case invalidName(String)
    /// The database failed.
    case database(PostgresError)

    /// Errors are equal when they say the same.
    public static func == (a: LabelCatalogueError, b: LabelCatalogueError) -> Bool { a.description == b.description }

    /// The message, naming the file, column, row or value at fault.
    public var description: String {
        switch self {
        case let .unreadable(error): "cannot read the table: \(error)"
        case let .missingColumn(column, role, file, available):
            "\(file): no column '\(column)' (\(role)); the file has: \(available.prefix(40).joined(separator: ", "))"
        case let .notNumeric(column, file, row, value):
            "\(file): column '\(column)' is not numeric (row \(row): '\(value)')"
        case let .duplicateID(id, file, rows): "\(file): id \(id) appears on rows \(rows.0) and \(rows.1)"
        case let .unknownUnit(unit, label):
            "unknown unit '\(unit)' for label \(label); known: \(LabelUnit.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .emptyTable(file): "\(file): the table has no rows"
        case let .invalidRow(file, row, detail): "\(file): row \(row): \(detail)"
        case let .invalidMapping(text): "invalid column mapping: \(text)"
        case let .invalidName(name):
            "catalogue name '\(name)' must start with a lower-case letter or digit and use only a-z, 0-9, '_', '.', '-'"
        case let .database(error): "database: \(error)"
        }
    }

    /// A short stable code (for job errors and tests).
    public var code: String {
        switch self {
        case .unreadable: "unreadable"
        case .missingColumn: "missing_column"
        case .notNumeric: "not_numeric"
        case .duplicateID: "duplicate_id"
        case .unknownUnit: "unknown_unit"
        case .emptyTable: "empty_table"
        case .invalidRow: "invalid_row"
        case .invalidMapping: "invalid_mapping"
        case .invalidName: "invalid_name"
        case .database: "database"
        }
    }
}
