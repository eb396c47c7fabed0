/// One cell of a VOTable row, as the encoders take it and the reader returns it.
///
/// `.double(.nan)` is written as null (VOTable's null for floating point). In arrays a nil element is
/// written as NaN in `float`/`double` arrays and as the field's `VALUES null` sentinel (the smallest
/// value of the type) in integer arrays, and read back as nil.
public enum VOTableValue: Sendable, Equatable {
    /// No value (SQL NULL).
    case null
    /// A `boolean` cell.
    case boolean(Bool)
    /// A `short`, `int` or `long` cell.
    case integer(Int64)
    /// A `float` or `double` cell (an integer field refuses it).
    case double(Double)
    /// A `char` or `unicodeChar` cell.
    case text(String)
    /// A `float` or `double` array; nil elements are missing values.
    case doubleArray([Double?])
    /// A `short`, `int` or `long` array; nil elements are missing values.
    case integerArray([Int64?])
}
