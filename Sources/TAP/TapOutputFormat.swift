import Formats

/// A result format a TAP client may ask for with `RESPONSEFORMAT` (or `FORMAT`): VOTable with either
/// serialization, CSV or TSV (TAP 1.1 section 2.7.1).
public enum TapOutputFormat: String, Sendable, CaseIterable {
    case votableTabledata
    case votableBinary2
    case csv
    case tsv

    /// The format for a `RESPONSEFORMAT` value (case-insensitive; MIME parameters such as `;serialization=`
    /// read), nil when the service does not write it. The default VOTable is BINARY2: compact and exact.
    public init?(parameter: String) {
        let lowered = parameter.lowercased().filter { $0 != " " }
        let parts = lowered.split(separator: ";", omittingEmptySubsequences: true)
        let base = parts.first.map(String.init) ?? ""
        let serialization = parts.dropFirst().first { $0.hasPrefix("serialization=") }.map { String($0.dropFirst(14)) }
        switch base {
        case "votable", "application/x-votable+xml", "text/xml", "application/xml":
            switch serialization {
            case nil, "binary2": self = .votableBinary2
            case "tabledata": self = .votableTabledata
            default: return nil
            }
        case "votable/td", "votable/tabledata": self = .votableTabledata
        case "votable/b2", "votable/binary2": self = .votableBinary2
        case "csv", "text/csv": self = .csv
        case "tsv", "text/tab-separated-values": self = .tsv
        default: return nil
        }
    }

    /// The `Content-Type` of the response.
    public var mimeType: String {
        switch self {
        case .votableTabledata: return "application/x-votable+xml;serialization=TABLEDATA"
        case .votableBinary2: return "application/x-votable+xml;serialization=BINARY2"
        case .csv: return "text/csv;header=present"
        case .tsv: return "text/tab-separated-values"
        }
    }

    /// The short names and MIME types listed in `/tap/capabilities`.
    static let advertised: [(mime: String, alias: String)] = [
        ("application/x-votable+xml", "votable"),
        ("application/x-votable+xml;serialization=TABLEDATA", "votable/td"),
        ("application/x-votable+xml;serialization=BINARY2", "votable/b2"),
        ("text/csv;header=present", "csv"),
        ("text/tab-separated-values", "tsv"),
    ]
}
