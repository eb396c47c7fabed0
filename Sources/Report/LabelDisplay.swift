/// How a SLAM label is written for people: its name as astronomers write it and its unit.
public enum LabelDisplay {
    /// The label's display name in plain text, e.g. `Teff`, `log g`, `[α/M]` (other names as they are).
    public static func name(_ label: String) -> String {
        switch label {
        case "teff": "Teff"
        case "logg": "log g"
        case "m_h": "[M/H]"
        case "feh", "fe_h": "[Fe/H]"
        case "alpha_m": "[α/M]"
        case "c_m": "[C/M]"
        case "n_m": "[N/M]"
        default: label
        }
    }

    /// The label's unit: K for Teff, km/s for velocities, dex for the rest.
    public static func unit(_ label: String) -> String {
        switch label {
        case "teff": "K"
        case "vmic", "vsini", "rv": "km/s"
        default: "dex"
        }
    }

    /// `Teff (K)`, `[M/H] (dex)`: an axis title.
    public static func axisTitle(_ label: String) -> String {
        "\(name(label)) (\(unit(label)))"
    }
}
