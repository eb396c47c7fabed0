/// How a VOTable's rows are written inside `DATA` (VOTable 1.4 §5).
public enum VOTableSerialization: Sendable {
    /// XML: one `TR` per row, one `TD` per cell. Readable, about 3-5 times larger than BINARY2.
    case tabledata
    /// Binary rows, each led by a null-flag bit mask, base64 in one `STREAM`.
    case binary2
}
