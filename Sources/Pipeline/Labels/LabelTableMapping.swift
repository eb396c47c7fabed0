import Foundation

/// How the columns of a reference table become labels: the key (an obsid column, or RA/Dec columns
/// matched by position), an optional id column, and for each label its value column, error column and
/// unit. Written into `label_catalogue.mapping`.
public struct LabelTableMapping: Sendable, Codable, Equatable {
    /// One label: the stored name (e.g. `teff`), the file's column, its error column and unit.
    public struct Label: Sendable, Codable, Equatable {
        /// Label name as stored and trained on (lower case, e.g. `teff`, `logg`, `feh`).
        public var name: String
        /// Column of the value in the file.
        public var column: String
        /// Column of the 1-sigma error, if any.
        public var error: String?
        /// Unit of the value and error in the file.
        public var unit: LabelUnit

        /// A label; `unit` defaults to K for `teff` and dex otherwise.
        public init(name: String, column: String, error: String? = nil, unit: LabelUnit? = nil) {
            self.name = name
            self.column = column
            self.error = error
            self.unit = unit ?? LabelUnit.defaultUnit(for: name)
        }

        /// Parses `NAME=COLUMN[:ERROR_COLUMN[:UNIT]]`, e.g. `teff=Teff:e_Teff:K` or `feh=FE_H`. An empty
        /// error column (`feh=FE_H::dex`) means none; the unit defaults to K for teff and dex otherwise.
        public static func parse(_ text: String) throws(LabelCatalogueError) -> Label {
            let halves = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard halves.count == 2, !halves[0].isEmpty else {
                throw .invalidMapping("'\(text)' is not NAME=COLUMN[:ERROR_COLUMN[:UNIT]]")
            }
            let parts = halves[1].split(separator: ":", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard (1...3).contains(parts.count), !parts[0].isEmpty else {
                throw .invalidMapping("'\(text)' is not NAME=COLUMN[:ERROR_COLUMN[:UNIT]]")
            }
            let name = halves[0].lowercased()
            let unit = parts.count == 3 ? try LabelUnit.parse(parts[2], label: name) : nil
            return Label(name: name, column: parts[0], error: parts.count >= 2 && !parts[1].isEmpty ? parts[1] : nil, unit: unit)
        }

        enum CodingKeys: String, CodingKey { case name, column, error, unit }

        /// Decodes a label of a mapping file; `unit` may be omitted (K for teff, dex otherwise) and must
        /// be a known unit (else ``LabelCatalogueError/unknownUnit(_:label:)`` is thrown).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let name = try c.decode(String.self, forKey: .name).lowercased()
            self.name = name
            column = try c.decode(String.self, forKey: .column)
            error = try c.decodeIfPresent(String.self, forKey: .error)
            if let text = try c.decodeIfPresent(String.self, forKey: .unit) {
                unit = try LabelUnit.parse(text, label: name)
            } else {
                unit = LabelUnit.defaultUnit(for: name)
            }
        }

        /// Encodes the label as in a mapping file.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(column, forKey: .column)
            try c.encodeIfPresent(error, forKey: .error)
            try c.encode(unit.rawValue, forKey: .unit)
        }
    }

    /// Column holding the LAMOST obsid (obsid-keyed catalogues).
    public var obsidColumn: String?
    /// Columns of RA and Dec in degrees (position-keyed catalogues).
    public var raColumn: String?
    /// Column of Dec in degrees (with ``raColumn``).
    public var decColumn: String?
    /// Column identifying the reference star (e.g. `sobject_id`); for position-keyed tables without
    /// one, rows are named `row:N`.
    public var idColumn: String?
    /// The labels, in stored order.
    public var labels: [Label]
    /// Column of a S/N to keep with each row, if any.
    public var snrColumn: String?
    /// Column of integer quality flags to keep with each row, if any.
    public var flagsColumn: String?

    /// A mapping; see the properties. Check it with ``validate()``.
    public init(obsidColumn: String? = nil, raColumn: String? = nil, decColumn: String? = nil, idColumn: String? = nil,
                labels: [Label], snrColumn: String? = nil, flagsColumn: String? = nil) {
        self.obsidColumn = obsidColumn
        self.raColumn = raColumn
        self.decColumn = decColumn
        self.idColumn = idColumn
        self.labels = labels
        self.snrColumn = snrColumn
        self.flagsColumn = flagsColumn
    }

    /// obsid-keyed when an obsid column is named, position-keyed otherwise.
    public var isObsidKeyed: Bool { obsidColumn != nil }

    /// The LAMOST DR5 "A, F, G and K type stars" catalogue (docs/formats.md): obsid-keyed, LASP `teff`,
    /// `logg`, `feh` with `_err` columns, `snrg` kept as the row's S/N, `ra`/`dec` kept for reference.
    public static let lasp = LabelTableMapping(
        obsidColumn: "obsid", raColumn: "ra", decColumn: "dec",
        labels: [Label(name: "teff", column: "teff", error: "teff_err", unit: .kelvin),
                 Label(name: "logg", column: "logg", error: "logg_err", unit: .dex),
                 Label(name: "feh", column: "feh", error: "feh_err", unit: .dex)],
        snrColumn: "snrg")

    /// Checks the mapping (at least one label; label names lower-case identifiers, not repeated; a key).
    public func validate() throws(LabelCatalogueError) {
        guard !labels.isEmpty else { throw .invalidMapping("at least one label is needed") }
        var seen = Set<String>()
        for label in labels {
            guard label.name.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) != nil else {
                throw .invalidMapping("label name '\(label.name)' must be a lower-case identifier such as teff or fe_h")
            }
            guard seen.insert(label.name).inserted else { throw .invalidMapping("label \(label.name) is given twice") }
        }
        if obsidColumn == nil {
            guard raColumn != nil, decColumn != nil else {
                throw .invalidMapping("name an obsid column (--obsid), or RA and Dec columns (--ra, --dec)")
            }
        } else if (raColumn == nil) != (decColumn == nil) {
            throw .invalidMapping("give both --ra and --dec, or neither")
        }
    }

    /// Reads a mapping file (JSON with the fields of this type, e.g.
    /// `{"raColumn": "RA", "decColumn": "DEC", "labels": [{"name": "teff", "column": "TEFF", "error": "E_TEFF", "unit": "K"}]}`).
    public static func read(file: String) throws(LabelCatalogueError) -> LabelTableMapping {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .invalidMapping("\(file): no such file or not readable")
        }
        do {
            return try JSONDecoder().decode(LabelTableMapping.self, from: data)
        } catch let error as LabelCatalogueError {
            throw error
        } catch {
            throw .invalidMapping("\(file): \(error)")
        }
    }
}
