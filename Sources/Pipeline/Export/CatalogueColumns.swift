import Formats

/// The columns of an exported label catalogue for a model with the given label names, in order:
/// `obsid`, `designation`, `ra`, `dec` (deg), `snrg`, then per label `NAME`, `NAME_err` (formal) and
/// `NAME_err_emp` (empirical, from cross-validation at the spectrum's S/N_g) in K for `teff` and dex
/// otherwise, then `rchi2`, `flags` (bits in table `flag_bits`) and `model_id`.
public struct CatalogueColumns: Sendable, Equatable {
    /// Storage of a column: FITS `K`, `J`, `D`, `E`, `nA`.
    public enum Kind: Sendable, Equatable { case int64, int32, double, float, text }

    public struct Column: Sendable, Equatable {
        public var name: String
        public var kind: Kind
        /// FITS unit string (`deg`, `K`, `dex`), empty when dimensionless.
        public var unit: String
        /// What the column holds (written as the FITS `TCOMMn` keyword).
        public var comment: String
    }

    public var labelNames: [String]
    public var columns: [Column]

    public init(labelNames: [String]) {
        self.labelNames = labelNames
        var columns: [Column] = [
            Column(name: "obsid", kind: .int64, unit: "", comment: "LAMOST observation id"),
            Column(name: "designation", kind: .text, unit: "", comment: "LAMOST designation"),
            Column(name: "ra", kind: .double, unit: "deg", comment: "right ascension (J2000)"),
            Column(name: "dec", kind: .double, unit: "deg", comment: "declination (J2000)"),
            Column(name: "snrg", kind: .float, unit: "", comment: "LAMOST S/N in the g band"),
        ]
        for name in labelNames {
            let unit = Self.unit(of: name)
            columns.append(Column(name: name, kind: .float, unit: unit, comment: "SLAM label \(name)"))
            columns.append(Column(name: name + "_err", kind: .float, unit: unit, comment: "formal 1-sigma error of \(name)"))
            columns.append(Column(name: name + "_err_emp", kind: .float, unit: unit, comment: "empirical 1-sigma error of \(name) (CV at this S/N)"))
        }
        columns.append(Column(name: "rchi2", kind: .float, unit: "", comment: "reduced chi-square of the fit"))
        columns.append(Column(name: "flags", kind: .int32, unit: "", comment: "warning bits, see table flag_bits"))
        columns.append(Column(name: "model_id", kind: .int32, unit: "", comment: "SLAM model version"))
        self.columns = columns
    }

    /// Unit of a label: K for effective temperature, dex for gravity and abundances.
    public static func unit(of label: String) -> String {
        label.lowercased() == "teff" ? "K" : "dex"
    }

    /// FITS column specifications; text columns are `widthA`.
    func fitsSpecs(textWidth: Int) -> [FITSColumnSpec] {
        columns.map { c in
            switch c.kind {
            case .int64: FITSColumnSpec(name: c.name, format: "K", unit: c.unit)
            case .int32: FITSColumnSpec(name: c.name, format: "J", unit: c.unit)
            case .double: FITSColumnSpec(name: c.name, format: "D", unit: c.unit)
            case .float: FITSColumnSpec(name: c.name, format: "E", unit: c.unit)
            case .text: FITSColumnSpec(name: c.name, format: "\(max(1, textWidth))A", unit: c.unit)
            }
        }
    }
}
