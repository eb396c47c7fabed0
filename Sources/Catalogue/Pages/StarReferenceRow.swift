import Store

/// Reference labels of a star from a catalogue: APOGEE through the newest crossmatch that paired the
/// spectrum, or a loaded label catalogue (LASP, a user table) by obsid or position.
public struct StarReferenceRow: Sendable, Equatable {
    /// `APOGEE DR17` or the label catalogue's `name@version`.
    public var source: String
    /// The star's id in the source (APOGEE_ID, obsid, the table's key).
    public var referenceID: String
    /// Label names, L entries; labels and 1-sigma errors in label units (nil where the source has none).
    public var labelNames: [String]
    public var labels: [Double?]
    public var errors: [Double?]
    /// Separation from the LAMOST position, arcseconds (nil when matched by obsid).
    public var separationArcsec: Double?

    /// Decodes a row whose `labels` and `errors` are float8 arrays with NaN for missing values.
    init(row: PostgresRow) throws(PostgresError) {
        source = try row.decode(String.self, "source")
        referenceID = try row.decode(String.self, "reference_id")
        labelNames = try row.decode([String].self, "label_names")
        labels = try row.decode([Double].self, "labels").map { $0.isNaN ? nil : $0 }
        errors = try row.decode([Double].self, "errors").map { $0.isNaN ? nil : $0 }
        separationArcsec = try row.decode(Double?.self, "separation_arcsec")
    }
}
