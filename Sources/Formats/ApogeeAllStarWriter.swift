import Foundation

/// Writes an APOGEE allStar file in the DR15 (DR14 data) layout, for the mock survey:
/// HDU 0 an empty primary; HDU 1 the star table; HDU 2 a table of element symbols; HDU 3 a table with
/// one row holding `PARAM_SYMBOL` (DR14/15 symbols), mirroring the HDU positions of real files.
///
/// HDU 1 columns: `APOGEE_ID` `TELESCOPE` `FIELD` (text), `RA` `DEC` (D, degrees), `SNR` (E),
/// `STARFLAG` `ASPCAPFLAG` (J, 32-bit signed: bit 31 reads negative, as in DR14/15), `EXTRATARG` (I),
/// `TEFF` `TEFF_ERR` `LOGG` `LOGG_ERR` `M_H` `M_H_ERR` `ALPHA_M` `ALPHA_M_ERR` (E), `PARAM` (7E) and
/// `PARAM_COV` (49E, TDIM (7,7)). Missing values are written as -9999. Deterministic bytes.
public enum ApogeeAllStarWriter {
    /// `PARAM_SYMBOL` of DR14/15: TEFF, LOGG, LOG10VDOP, METALS, C, N, ALPHA.
    public static let dr15ParamSymbols = ["TEFF", "LOGG", "LOG10VDOP", "METALS", "C", "N", "ALPHA"]

    /// Writes `stars` to `url` (`.fits` or `.fits.gz`), replacing any file there.
    ///
    /// `PARAM` is `star.param` padded or cut to 7 values; when `star.param` is empty it is built from the
    /// scalar labels (`[teff, logg, -9999, mH, cM, nM, alphaM]`). `PARAM_COV` is `star.paramCov` when it has
    /// 49 values, else diagonal with the squared errors (`teffErr^2, loggErr^2, -9999, mHErr^2, cMErr^2,
    /// nMErr^2, alphaMErr^2`). Flags above bit 31 are dropped (32-bit columns, as in DR15).
    public static func write(_ stars: [ApogeeStar], to url: URL) throws(FITSError) {
        let file = try FITSFile.create(url: url)
        try file.createEmptyPrimary()
        let idWidth = max(18, stars.map { $0.apogeeID.utf8.count }.max() ?? 0)
        let fieldWidth = max(16, stars.map { $0.field.utf8.count }.max() ?? 0)
        let telescopeWidth = max(8, stars.map { $0.telescope.utf8.count }.max() ?? 0)
        let scalarLabels: [(String, KeyPath<ApogeeStar, Double?>)] = [
            ("TEFF", \.teff), ("TEFF_ERR", \.teffErr), ("LOGG", \.logg), ("LOGG_ERR", \.loggErr),
            ("M_H", \.mH), ("M_H_ERR", \.mHErr), ("ALPHA_M", \.alphaM), ("ALPHA_M_ERR", \.alphaMErr),
        ]
        var specs = [
            FITSColumnSpec(name: "APOGEE_ID", format: "\(idWidth)A"),
            FITSColumnSpec(name: "TELESCOPE", format: "\(telescopeWidth)A"),
            FITSColumnSpec(name: "FIELD", format: "\(fieldWidth)A"),
            FITSColumnSpec(name: "RA", format: "D", unit: "deg"),
            FITSColumnSpec(name: "DEC", format: "D", unit: "deg"),
            FITSColumnSpec(name: "SNR", format: "E"),
            FITSColumnSpec(name: "STARFLAG", format: "J"),
            FITSColumnSpec(name: "ASPCAPFLAG", format: "J"),
            FITSColumnSpec(name: "EXTRATARG", format: "I"),
        ]
        specs += scalarLabels.map { FITSColumnSpec(name: $0.0, format: "E") }
        specs.append(FITSColumnSpec(name: "PARAM", format: "7E"))
        specs.append(FITSColumnSpec(name: "PARAM_COV", format: "49E", dimensions: [7, 7]))
        try file.createBinaryTable(name: "ALLSTAR", columns: specs, rowCount: stars.count)
        let missing = -9999.0
        try file.write(column: 0, strings: stars.map(\.apogeeID))
        try file.write(column: 1, strings: stars.map(\.telescope))
        try file.write(column: 2, strings: stars.map(\.field))
        try file.write(column: 3, doubles: stars.map(\.ra))
        try file.write(column: 4, doubles: stars.map(\.dec))
        try file.write(column: 5, doubles: stars.map { $0.snr ?? missing })
        try file.write(column: 6, int32s: stars.map { Int32(truncatingIfNeeded: $0.starFlag) })
        try file.write(column: 7, int32s: stars.map { Int32(truncatingIfNeeded: $0.aspcapFlag) })
        try file.write(column: 8, int64s: stars.map { $0.extraTarg ?? 0 })
        for (offset, label) in scalarLabels.enumerated() {
            try file.write(column: 9 + offset, doubles: stars.map { $0[keyPath: label.1] ?? missing })
        }
        try file.write(column: 9 + scalarLabels.count, doubles: stars.flatMap(paramValues))
        try file.write(column: 10 + scalarLabels.count, doubles: stars.flatMap(covarianceValues))

        let elements = ["C", "N", "O", "Mg", "Al", "Si", "Ca", "Ti", "Mn", "Fe", "Ni"]
        try file.createBinaryTable(name: "ELEMENTS", columns: [FITSColumnSpec(name: "ELEM_SYMBOL", format: "4A")],
                                   rowCount: elements.count)
        try file.write(column: 0, strings: elements)
        let width = 10
        try file.createBinaryTable(
            name: "PARAMS",
            columns: [FITSColumnSpec(name: "PARAM_SYMBOL", format: "\(width * dr15ParamSymbols.count)A",
                                     dimensions: [width, dr15ParamSymbols.count])],
            rowCount: 1)
        let packed = dr15ParamSymbols.map { $0.padding(toLength: width, withPad: " ", startingAt: 0) }.joined()
        try file.write(column: 0, strings: [packed])
        try file.close()
    }

    static func paramValues(_ star: ApogeeStar) -> [Double] {
        let missing = -9999.0
        var values: [Double?] = star.param.isEmpty
            ? [star.teff, star.logg, nil, star.mH, star.cM, star.nM, star.alphaM]
            : star.param
        while values.count < 7 { values.append(nil) }
        return values.prefix(7).map { $0 ?? missing }
    }

    static func covarianceValues(_ star: ApogeeStar) -> [Double] {
        let missing = -9999.0
        if star.paramCov.count == 49 { return star.paramCov.map { $0 ?? missing } }
        let errors = [star.teffErr, star.loggErr, nil, star.mHErr, star.cMErr, star.nMErr, star.alphaMErr]
        var cov = [Double](repeating: 0, count: 49)
        for (i, error) in errors.enumerated() { cov[i * 7 + i] = error.map { $0 * $0 } ?? missing }
        return cov
    }
}
