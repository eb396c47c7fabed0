/// The primitive datatypes of a VOTable `FIELD` that this package writes (VOTable 1.4 §2.1).
///
/// The raw value is the `datatype` attribute. `char` is a byte per character (written as UTF-8, which
/// VOTable 1.5 allows and readers accept; keep to ASCII for strict 1.4 readers), `unicodeChar` two bytes
/// per UTF-16 code unit. The reader also accepts `unsignedByte` (reported as `short`) and scalar `bit`
/// (reported as `boolean`); it refuses `floatComplex`, `doubleComplex` and arrays of `bit`.
public enum VOTableDatatype: String, Sendable {
    case boolean, short, int, long, float, double, char, unicodeChar

    /// Bytes per element in BINARY and BINARY2 streams.
    var elementSize: Int {
        switch self {
        case .boolean, .char: return 1
        case .short, .unicodeChar: return 2
        case .int, .float: return 4
        case .long, .double: return 8
        }
    }

    /// Whether the datatype holds integers (`short`, `int`, `long`).
    var isInteger: Bool { self == .short || self == .int || self == .long }

    /// Whether the datatype holds floating-point numbers (`float`, `double`).
    var isFloatingPoint: Bool { self == .float || self == .double }

    /// Whether the datatype holds text (`char`, `unicodeChar`).
    var isText: Bool { self == .char || self == .unicodeChar }

    /// The range an integer datatype holds; nil for the others.
    var integerRange: ClosedRange<Int64>? {
        switch self {
        case .short: return Int64(Int16.min)...Int64(Int16.max)
        case .int: return Int64(Int32.min)...Int64(Int32.max)
        case .long: return Int64.min...Int64.max
        default: return nil
        }
    }
}
