/// The parameters of a TAP query request (TAP 1.1 section 2.3; DALI 1.1 section 3): names are
/// case-insensitive, a repeated parameter keeps its first value (sync queries take one of each).
///
/// `REQUEST` may be omitted or be `doQuery`; `LANG` must be ADQL (`ADQL`, `ADQL-2.0`, `ADQL-2.1`);
/// `RESPONSEFORMAT` (or its older name `FORMAT`) picks the output; `MAXREC` caps the rows, at most the
/// service's limit. `UPLOAD` names one table sent inline (``TapUploadReference``).
public struct TapParameters: Sendable, Equatable {
    /// The ADQL text.
    public var query: String
    /// The output format (default: VOTable, BINARY2).
    public var format: TapOutputFormat
    /// The row cap the client asked for, nil for the service's default.
    public var maxRecords: Int?
    /// The uploaded table the query may join (`TAP_UPLOAD.<name>`), nil without `UPLOAD`.
    public var upload: TapUploadReference?

    public init(query: String, format: TapOutputFormat = .votableBinary2, maxRecords: Int? = nil,
                upload: TapUploadReference? = nil) {
        self.query = query
        self.format = format
        self.maxRecords = maxRecords
        self.upload = upload
    }

    /// Reads `pairs` (from the query string and the form body, in order). Throws for a missing `QUERY`,
    /// a `LANG` other than ADQL, a `REQUEST` other than `doQuery`, an unknown format, a malformed
    /// `MAXREC`, and an `UPLOAD` that is not one table sent inline.
    public init(pairs: [(name: String, value: String)]) throws(TapError) {
        var values: [String: String] = [:]
        for (name, value) in pairs where values[name.uppercased()] == nil {
            values[name.uppercased()] = value
        }
        if let request = values["REQUEST"], request.lowercased() != "doquery" {
            throw .invalidParameter(name: "REQUEST", reason: "'\(request)' is not served (only doQuery)")
        }
        guard let lang = values["LANG"] else {
            throw .invalidParameter(name: "LANG", reason: "missing (use LANG=ADQL)")
        }
        guard ["adql", "adql-2.0", "adql-2.1"].contains(lang.lowercased()) else {
            throw .invalidParameter(name: "LANG", reason: "'\(lang)' is not served (only ADQL, ADQL-2.0, ADQL-2.1)")
        }
        guard let query = values["QUERY"], query.contains(where: { !$0.isWhitespace }) else {
            throw .invalidParameter(name: "QUERY", reason: "missing or empty")
        }
        upload = try values["UPLOAD"].map { text throws(TapError) in try TapUploadReference(parameter: text) }
        self.query = query
        let formatName = values["RESPONSEFORMAT"] != nil ? "RESPONSEFORMAT" : "FORMAT"
        if let text = values[formatName] {
            guard let format = TapOutputFormat(parameter: text) else {
                let known = TapOutputFormat.advertised.map(\.alias).joined(separator: ", ")
                throw .invalidParameter(name: formatName, reason: "'\(text)' is not served (use one of \(known), or their MIME types)")
            }
            self.format = format
        } else {
            self.format = .votableBinary2
        }
        if let text = values["MAXREC"] {
            guard let number = Int(text.trimmingSpaces), number >= 0 else {
                throw .invalidParameter(name: "MAXREC", reason: "'\(text)' is not a non-negative integer")
            }
            self.maxRecords = number
        } else {
            self.maxRecords = nil
        }
    }

    public static func == (lhs: TapParameters, rhs: TapParameters) -> Bool {
        lhs.query == rhs.query && lhs.format == rhs.format && lhs.maxRecords == rhs.maxRecords && lhs.upload == rhs.upload
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
