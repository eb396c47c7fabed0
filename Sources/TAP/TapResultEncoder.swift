import Formats

/// Writes a result in the client's format, a piece at a time: ``header()``, ``encode(rows:)`` per page,
/// ``footer(overflow:)``. VOTable carries the query and the overflow as `INFO`s; CSV and TSV cannot say
/// they were truncated (TAP 1.1 leaves that to VOTable).
public struct TapResultEncoder: Sendable {
    private enum Backing: Sendable {
        case votable(VOTableEncoder)
        case delimited(DelimitedTableEncoder)
    }

    private var backing: Backing

    /// An encoder of `fields` in `format`; `query` is the client's ADQL (written as `INFO name="QUERY"`).
    public init(fields: [VOTableField], format: TapOutputFormat, query: String) {
        switch format {
        case .votableTabledata, .votableBinary2:
            let infos = [(name: "QUERY", value: query)]
            backing = .votable(VOTableEncoder(fields: fields, serialization: format == .votableTabledata ? .tabledata : .binary2,
                                              resourceInfos: infos))
        case .csv: backing = .delimited(DelimitedTableEncoder(fields: fields, style: .csv))
        case .tsv: backing = .delimited(DelimitedTableEncoder(fields: fields, style: .tsv))
        }
    }

    public mutating func header() -> [UInt8] {
        switch backing {
        case var .votable(encoder):
            let bytes = encoder.header()
            backing = .votable(encoder)
            return bytes
        case let .delimited(encoder):
            return encoder.header()
        }
    }

    /// The bytes of `rows`. Throws when a cell does not fit its field (a bug of the service: fields are
    /// made from the cells' own types).
    public mutating func encode(rows: [[VOTableValue]]) throws(TapError) -> [UInt8] {
        var output: [UInt8] = []
        switch backing {
        case var .votable(encoder):
            do {
                for row in rows { output.append(contentsOf: try encoder.encode(row: row)) }
            } catch {
                throw .serviceFailure("could not write the result: \(error)")
            }
            backing = .votable(encoder)
        case let .delimited(encoder):
            for row in rows { output.append(contentsOf: encoder.encode(row: row)) }
        }
        return output
    }

    /// The end of the document; `error` (VOTable only) says why the rows stop early.
    public mutating func footer(overflow: Bool, error: String? = nil) -> [UInt8] {
        switch backing {
        case var .votable(encoder):
            let bytes = encoder.footer(overflow: overflow, error: error)
            backing = .votable(encoder)
            return bytes
        case .delimited:
            return []
        }
    }
}
