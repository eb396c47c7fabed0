/// Writes one query result as a VOTable 1.4 document, a piece at a time, for streaming.
///
/// Call ``header()`` once, ``encode(row:)`` per row, then ``footer(overflow:)``; concatenated, the pieces
/// are the document: a `RESOURCE type="results"` holding `INFO name="QUERY_STATUS" value="OK"`, the
/// `resourceInfos` as further `INFO`s, and one `TABLE` with a `FIELD` per field and the rows as
/// TABLEDATA or BINARY2 (base64 in a `STREAM`). The encoder keeps one row and at most two bytes of
/// base64 carry; `encode(row:)` may return no bytes while base64 waits for a complete group.
///
/// A row that does not fit its fields throws (naming the 1-based row and the field) and writes nothing,
/// so the caller can stop with an error document or go on with the next row.
public struct VOTableEncoder: Sendable {
    private struct Info: Sendable {
        var name: String
        var value: String
    }

    private let columns: [VOTableColumn]
    private let serialization: VOTableSerialization
    private let infos: [Info]
    private var base64 = Base64StreamEncoder()
    private var rowBytes: [UInt8] = []
    private var checked: [VOTableValue] = []
    private var rowsWritten = 0

    /// An encoder for rows of `fields`, written as `serialization`; `resourceInfos` become
    /// `INFO` elements of the results `RESOURCE` after `QUERY_STATUS` (e.g. the query, the MAXREC).
    public init(fields: [VOTableField], serialization: VOTableSerialization, resourceInfos: [(name: String, value: String)] = []) {
        self.columns = fields.map(VOTableColumn.init)
        self.serialization = serialization
        self.infos = resourceInfos.map { Info(name: $0.name, value: $0.value) }
    }

    /// The number of rows written so far.
    public var rowCount: Int { rowsWritten }

    /// The document up to the first row: XML declaration, `VOTABLE`, `RESOURCE`, `INFO`s, `TABLE`,
    /// `FIELD`s, and `<DATA><TABLEDATA>` or `<DATA><BINARY2><STREAM encoding="base64">`.
    public mutating func header() -> [UInt8] {
        var text = VOTableDocument.prologue
        text += "<RESOURCE type=\"results\">\n"
        text += VOTableDocument.info(name: "QUERY_STATUS", value: "OK")
        for info in infos { text += VOTableDocument.info(name: info.name, value: info.value) }
        text += "<TABLE>\n"
        for column in columns { text += VOTableDocument.field(column) }
        switch serialization {
        case .tabledata: text += "<DATA>\n<TABLEDATA>\n"
        case .binary2: text += "<DATA>\n<BINARY2>\n<STREAM encoding=\"base64\">\n"
        }
        return Array(text.utf8)
    }

    /// The bytes of one row (possibly none for BINARY2, whose base64 waits for whole 3-byte groups).
    ///
    /// Throws when the row has the wrong number of cells or a cell does not fit its field: a boolean in
    /// a number field, an integer outside a `short`/`int`, text longer than a fixed `arraysize`, an array
    /// in a scalar field. Integers are accepted in `float`/`double` fields; NaN is written as null.
    public mutating func encode(row: [VOTableValue]) throws(VOTableError) -> [UInt8] {
        let number = rowsWritten + 1
        guard row.count == columns.count else {
            throw VOTableError(.invalidValue, row: number, detail: "\(row.count) cells for \(columns.count) fields")
        }
        checked.removeAll(keepingCapacity: true)
        for (value, column) in zip(row, columns) {
            checked.append(try column.checked(value, row: number))
        }
        rowsWritten = number
        rowBytes.removeAll(keepingCapacity: true)
        switch serialization {
        case .tabledata:
            VOTableTabledataWriter.appendRow(checked, columns: columns, to: &rowBytes)
            return rowBytes
        case .binary2:
            VOTableBinary2Writer.appendRow(checked, columns: columns, to: &rowBytes)
            var output: [UInt8] = []
            base64.append(rowBytes, to: &output)
            return output
        }
    }

    /// The rest of the document: for BINARY2 the last base64 group; the closing tags; and, when
    /// `overflow` (more rows matched than MAXREC allowed), `<INFO name="QUERY_STATUS" value="OVERFLOW"/>`
    /// after `</TABLE>` as TAP 1.1 §4.5 / DALI 1.1 §4.4.1 ask; when `error` (the query failed after rows
    /// were written), `<INFO name="QUERY_STATUS" value="ERROR">error</INFO>` there instead, so a client
    /// keeps the rows and learns why they end.
    public mutating func footer(overflow: Bool, error: String? = nil) -> [UInt8] {
        var output: [UInt8] = []
        switch serialization {
        case .tabledata:
            output.append(contentsOf: "</TABLEDATA>\n</DATA>\n".utf8)
        case .binary2:
            base64.finish(to: &output)
            output.append(contentsOf: "</STREAM>\n</BINARY2>\n</DATA>\n".utf8)
        }
        output.append(contentsOf: "</TABLE>\n".utf8)
        if let error {
            output.append(contentsOf: "<INFO name=\"QUERY_STATUS\" value=\"ERROR\">".utf8)
            XMLEscaping.append(error, attribute: false, to: &output)
            output.append(contentsOf: "</INFO>\n".utf8)
        } else if overflow {
            output.append(contentsOf: VOTableDocument.info(name: "QUERY_STATUS", value: "OVERFLOW").utf8)
        }
        output.append(contentsOf: VOTableDocument.epilogue.utf8)
        return output
    }
}
