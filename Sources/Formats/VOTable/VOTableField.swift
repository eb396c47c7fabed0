/// One column of a VOTable: the attributes of its `FIELD` element and its `DESCRIPTION`.
///
/// `arraysize` follows VOTable 1.4 §2.2: nil for a scalar (and for `char`, a single character), `"*"`
/// for a variable-length string or array, `"N"` for exactly N, `"N*"` for at most N, `"AxB"` for a fixed
/// multidimensional array (written as A·B elements). Text (`char`, `unicodeChar`) should use `"*"`.
/// `unit` is a VOUnit (`deg`, `K`, `dex`), `ucd` a UCD1+ (`pos.eq.ra;meta.main`), `xtype` a DALI xtype
/// (`timestamp`, `point`).
public struct VOTableField: Sendable, Equatable {
    /// The column name (`name` attribute).
    public var name: String
    /// The primitive type of its values or of its array elements.
    public var datatype: VOTableDatatype
    /// Nil for a scalar; `"*"` for variable strings and arrays; `"N"`, `"N*"`, `"AxB"` otherwise.
    public var arraysize: String?
    /// The unit (VOUnits), or nil.
    public var unit: String?
    /// The unified content descriptor, or nil.
    public var ucd: String?
    /// The utype, or nil.
    public var utype: String?
    /// The extended type (DALI 1.1 §3), or nil.
    public var xtype: String?
    /// Free text written as the field's `DESCRIPTION`, or nil.
    public var description: String?

    /// A field; everything but `name` and `datatype` is optional.
    public init(
        name: String, datatype: VOTableDatatype, arraysize: String? = nil, unit: String? = nil,
        ucd: String? = nil, utype: String? = nil, xtype: String? = nil, description: String? = nil
    ) {
        self.name = name
        self.datatype = datatype
        self.arraysize = arraysize
        self.unit = unit
        self.ucd = ucd
        self.utype = utype
        self.xtype = xtype
        self.description = description
    }
}
