/// Plot titles of labels in plain text (SVG text is escaped, so no HTML markup).
enum PlotTitle {
    static func label(_ name: String) -> String {
        switch name {
        case "teff": "Teff (K)"
        case "logg": "log g (dex)"
        case "m_h": "[M/H] (dex)"
        case "alpha_m": "[α/M] (dex)"
        default: "\(name) (\(HTML.unit(of: name)))"
        }
    }
}
