/// Everything that can go wrong reading or writing FITS, CSV and survey files.
///
/// Every case names the file (a path) and, where it applies, the HDU (0-based: the primary HDU is 0)
/// and the keyword or column, so that ingest can store the reason as a rejection row.
public enum FITSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be opened for reading.
    case fileNotFound(file: String)
    /// The file is not FITS (its first card is not `SIMPLE`, or it is not a FITS file at all).
    case notFITS(file: String)
    /// The file ends early: a truncated gzip stream or a data unit shorter than its header says.
    case truncated(file: String, hdu: Int)
    /// A keyword the reader needs is absent.
    case missingKeyword(String, file: String, hdu: Int)
    /// A keyword is present but its value has the wrong type or cannot be parsed (`value` is the raw text).
    case invalidKeyword(String, value: String, file: String, hdu: Int)
    /// A numeric keyword the reader needs is NaN or infinite.
    case nonFiniteKeyword(String, file: String, hdu: Int)
    /// An image or array has the wrong shape: `expected` describes what was wanted, `found` gives NAXISn.
    case wrongDimensions(file: String, hdu: Int, expected: String, found: [Int])
    /// A wavelength array that should be strictly increasing is not, first failing at pixel `index`.
    case nonMonotonicWavelength(file: String, index: Int)
    /// Pixel arrays of a spectrum disagree in length or are empty.
    case inconsistentArrays(file: String, detail: String)
    /// No HDU holds a binary table with the columns needed (`columns`).
    case tableNotFound(file: String, columns: [String])
    /// A column the reader needs is absent from the table in `hdu`.
    case missingColumn(String, file: String, hdu: Int)
    /// A column exists but its type (`tform`) cannot be read as asked.
    case unsupportedColumn(String, tform: String, file: String, hdu: Int)
    /// A row range outside the table (`rowCount` rows).
    case rowsOutOfRange(lower: Int, upper: Int, rowCount: Int, file: String)
    /// A CSV file that cannot be parsed: `line` is 1-based.
    case invalidCSV(file: String, line: Int, detail: String)
    /// Input handed to a writer is inconsistent (e.g. arrays of different lengths).
    case invalidInput(file: String, detail: String)
    /// Any other CFITSIO failure: its status code and message (with CFITSIO's error-stack text).
    case cfitsio(status: Int32, message: String, file: String)
    /// A file-system operation outside CFITSIO failed (reading bytes, renaming, writing CSV).
    case io(file: String, detail: String)
    /// A card the reader needs holds a byte outside printable ASCII (FITS allows only 0x20-0x7E):
    /// `card` is its 1-based number in the HDU's header, `key` its keyword.
    case nonASCIIByte(key: String, card: Int, byte: UInt8, file: String, hdu: Int)
    /// A keyword's value is readable but unusable: `expected` says what it must be (`a positive integer`).
    case unusableKeyword(String, value: String, expected: String, card: Int?, file: String, hdu: Int)
    /// A header with more cards than any spectrum header plausibly has (`limit`).
    case headerTooLarge(cards: Int, limit: Int, file: String, hdu: Int)

    public var description: String {
        switch self {
        case .fileNotFound(let file): return "\(file): no such file or not readable"
        case .notFITS(let file): return "\(file): not a FITS file"
        case .truncated(let file, let hdu): return "\(file): truncated (HDU \(hdu))"
        case .missingKeyword(let key, let file, let hdu): return "\(file): HDU \(hdu) lacks keyword \(key)"
        case .invalidKeyword(let key, let value, let file, let hdu):
            return "\(file): HDU \(hdu) keyword \(key) has invalid value '\(value)'"
        case .nonFiniteKeyword(let key, let file, let hdu): return "\(file): HDU \(hdu) keyword \(key) is not finite"
        case .wrongDimensions(let file, let hdu, let expected, let found):
            return "\(file): HDU \(hdu) has dimensions \(found), expected \(expected)"
        case .nonMonotonicWavelength(let file, let index):
            return "\(file): wavelength not increasing at pixel \(index)"
        case .inconsistentArrays(let file, let detail): return "\(file): inconsistent arrays: \(detail)"
        case .tableNotFound(let file, let columns):
            return "\(file): no binary table with columns \(columns.joined(separator: ", "))"
        case .missingColumn(let column, let file, let hdu): return "\(file): HDU \(hdu) lacks column \(column)"
        case .unsupportedColumn(let column, let tform, let file, let hdu):
            return "\(file): HDU \(hdu) column \(column) has unsupported format \(tform)"
        case .rowsOutOfRange(let lower, let upper, let rowCount, let file):
            return "\(file): rows \(lower)..<\(upper) outside table of \(rowCount) rows"
        case .invalidCSV(let file, let line, let detail): return "\(file):\(line): \(detail)"
        case .invalidInput(let file, let detail): return "\(file): invalid input: \(detail)"
        case .cfitsio(let status, let message, let file): return "\(file): CFITSIO status \(status): \(message)"
        case .io(let file, let detail): return "\(file): \(detail)"
        case .nonASCIIByte(let key, let card, let byte, let file, let hdu):
            return "\(file): HDU \(hdu) non-ASCII byte \(Self.hex(byte)) in card \(card) (keyword \(key))"
        case .unusableKeyword(let key, let value, let expected, let card, let file, let hdu):
            return "\(file): HDU \(hdu) keyword \(key) = '\(value)'\(card.map { " (card \($0))" } ?? "") is not \(expected)"
        case .headerTooLarge(let cards, let limit, let file, let hdu):
            return "\(file): HDU \(hdu) header has \(cards) cards, more than the \(limit) a spectrum header may have"
        }
    }

    /// A short stable code for the case (e.g. `truncated`), suitable for a rejection-reason column.
    public var code: String {
        switch self {
        case .fileNotFound: return "file_not_found"
        case .notFITS: return "not_fits"
        case .truncated: return "truncated"
        case .missingKeyword: return "missing_keyword"
        case .invalidKeyword: return "invalid_keyword"
        case .nonFiniteKeyword: return "non_finite_keyword"
        case .wrongDimensions: return "wrong_dimensions"
        case .nonMonotonicWavelength: return "non_monotonic_wavelength"
        case .inconsistentArrays: return "inconsistent_arrays"
        case .tableNotFound: return "table_not_found"
        case .missingColumn: return "missing_column"
        case .unsupportedColumn: return "unsupported_column"
        case .rowsOutOfRange: return "rows_out_of_range"
        case .invalidCSV: return "invalid_csv"
        case .invalidInput: return "invalid_input"
        case .cfitsio: return "cfitsio"
        case .io: return "io"
        case .nonASCIIByte: return "non_ascii_byte"
        case .unusableKeyword: return "invalid_keyword"
        case .headerTooLarge: return "header_too_large"
        }
    }

    /// `0xE9`-style text of a byte.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}
