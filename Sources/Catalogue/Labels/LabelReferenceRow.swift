/// One reference row of a label catalogue, validated and converted to stored units: labels and
/// errors in the catalogue's label order, `nil` where the file had no value (-9999, NaN or empty).
public struct LabelReferenceRow: Sendable, Equatable {
    /// Identifier (obsid as text for obsid-keyed tables, the id column, or `row:N`).
    public var referenceID: String
    /// LAMOST obsid (obsid-keyed tables).
    public var obsid: Int64?
    /// Position, degrees.
    public var ra: Double?
    public var dec: Double?
    /// Labels, stored units; `nil` is missing.
    public var labels: [Double?]
    /// 1-sigma errors, stored units; `nil` is unknown.
    public var errors: [Double?]
    /// The table's S/N of the row, if mapped.
    public var snr: Double?
    /// Quality flags, if mapped (0 otherwise).
    public var flags: Int64

    /// A row (values in stored units).
    public init(referenceID: String, obsid: Int64?, ra: Double?, dec: Double?, labels: [Double?], errors: [Double?],
                snr: Double?, flags: Int64) {
        self.referenceID = referenceID
        self.obsid = obsid
        self.ra = ra
        self.dec = dec
        self.labels = labels
        self.errors = errors
        self.snr = snr
        self.flags = flags
    }
}
