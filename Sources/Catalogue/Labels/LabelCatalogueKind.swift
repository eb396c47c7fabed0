/// The kinds of label catalogue (`label_catalogue.kind`).
public enum LabelCatalogueKind: String, Sendable, Codable, CaseIterable {
    /// An APOGEE allStar file: rows in `apogee_star`, matched through a crossmatch run.
    case apogee
    /// LAMOST's "A, F, G and K type stars" catalogue with the LASP parameters, obsid-keyed.
    case lasp
    /// A user table (CSV or FITS) with a column mapping, obsid- or position-keyed.
    case table

    /// The usual catalogue name of a release, e.g. `apogee-dr15`, `lasp-dr5`.
    public func defaultName(release: String) -> String { rawValue + "-" + release.lowercased() }
}
