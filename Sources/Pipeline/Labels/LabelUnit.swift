/// Units a reference label may be given in, and the unit it is stored in (K, dex, km/s, mag or 1).
/// Values are converted on load: `kK` to K (x 1000), `m/s` to km/s (/ 1000); the others are stored as given.
public enum LabelUnit: String, Sendable, Codable, CaseIterable {
    case kelvin = "K"
    case kilokelvin = "kK"
    case dex
    case kilometresPerSecond = "km/s"
    case metresPerSecond = "m/s"
    case magnitude = "mag"
    case dimensionless = "1"

    /// The unit stored in the database after conversion.
    public var stored: LabelUnit {
        switch self {
        case .kilokelvin: .kelvin
        case .metresPerSecond: .kilometresPerSecond
        default: self
        }
    }

    /// Factor from this unit to ``stored``.
    public var factor: Double {
        switch self {
        case .kilokelvin: 1000
        case .metresPerSecond: 0.001
        default: 1
        }
    }

    /// Parses a unit name (case-insensitive for the letters; `k`, `kelvin`, `km s-1`, `none` and `` `` are
    /// accepted aliases); throws ``LabelCatalogueError/unknownUnit(_:label:)``.
    public static func parse(_ text: String, label: String) throws(LabelCatalogueError) -> LabelUnit {
        let t = text.trimmingCharacters(in: .whitespaces)
        switch t.lowercased() {
        case "k", "kelvin": return .kelvin
        case "kk": return .kilokelvin
        case "dex": return .dex
        case "km/s", "km s-1", "kms": return .kilometresPerSecond
        case "m/s", "m s-1": return .metresPerSecond
        case "mag": return .magnitude
        case "1", "none", "": return .dimensionless
        default: throw .unknownUnit(text, label: label)
        }
    }

    /// The usual unit of a label by its name: K for `teff`, dex otherwise.
    public static func defaultUnit(for label: String) -> LabelUnit { label == "teff" ? .kelvin : .dex }
}
