import Store

/// One column of a published table as `tap_schema.columns` describes it (TAP 1.1 section 4.3): what
/// `/tap/tables` (VOSI) and the VOTable `FIELD`s of a result say about it.
public struct PublishedColumn: Sendable, Equatable {
    /// Column name, as written in ADQL.
    public var name: String
    /// VOTable datatype: `short`, `int`, `long`, `float`, `double`, `boolean`, `char`, `unsignedByte`.
    public var datatype: String
    /// VOTable arraysize: `*` for variable-length strings (and arrays), nil for scalars.
    public var arraysize: String?
    /// VOTable/DALI xtype: `timestamp` for times (ISO 8601 strings), else nil.
    public var xtype: String?
    /// VOUnit (`deg`, `K`, `dex`, `log(cm.s**-2)`, `d`, `km/s`), nil for dimensionless or non-numeric columns.
    public var unit: String?
    /// UCD1+ (`pos.eq.ra;meta.main`, `phys.temperature.effective`, `stat.error;phys.gravity`, ...), or nil.
    public var ucd: String?
    public var utype: String?
    /// The column's `COMMENT ON COLUMN` text (with units in words), or nil.
    public var description: String?
    /// Among the most relevant columns of its table (TAP `principal`).
    public var principal: Bool
    /// An index serves conditions on it (TAP `indexed`).
    public var indexed: Bool
    /// Defined by a standard (the columns of TAP_SCHEMA itself).
    public var std: Bool

    /// The column's name in the database: `name` without the double quotes of a delimited name
    /// (TAP_SCHEMA publishes a column named by an ADQL reserved word delimited, `"size"`).
    public var databaseName: String {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        return name.dropFirst().dropLast().replacingOccurrences(of: "\"\"", with: "\"")
    }

    public init(name: String, datatype: String, arraysize: String? = nil, xtype: String? = nil, unit: String? = nil,
                ucd: String? = nil, utype: String? = nil, description: String? = nil, principal: Bool = false,
                indexed: Bool = false, std: Bool = false) {
        self.name = name
        self.datatype = datatype
        self.arraysize = arraysize
        self.xtype = xtype
        self.unit = unit
        self.ucd = ucd
        self.utype = utype
        self.description = description
        self.principal = principal
        self.indexed = indexed
        self.std = std
    }

    /// The select list of ``init(row:)``, on `tap_schema.columns` without an alias.
    static let columns: SQL = """
        column_name, datatype, arraysize, xtype, unit, ucd, utype, description, principal, indexed, std
        """

    init(row: PostgresRow) throws(PostgresError) {
        name = try row.decode(String.self, "column_name")
        datatype = try row.decode(String.self, "datatype")
        arraysize = try row.decode(String?.self, "arraysize")
        xtype = try row.decode(String?.self, "xtype")
        unit = try row.decode(String?.self, "unit")
        ucd = try row.decode(String?.self, "ucd")
        utype = try row.decode(String?.self, "utype")
        description = try row.decode(String?.self, "description")
        principal = try row.decode(Int.self, "principal") == 1
        indexed = try row.decode(Int.self, "indexed") == 1
        std = try row.decode(Int.self, "std") == 1
    }
}
