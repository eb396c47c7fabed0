import Foundation

/// Reads LAMOST low-resolution spectrum files (`.fits` or `.fits.gz`) of either layout, decided per file:
/// a primary image with NAXIS = 2 is the image layout (DR1-DR8), an empty primary with a binary table
/// holding `FLUX`, `IVAR`, `WAVELENGTH`, `ANDMASK`, `ORMASK` is the table layout (DR10).
///
/// Rejections, each a distinct ``FITSError`` case naming the file: `.fileNotFound`, `.notFITS`,
/// `.truncated`, `.wrongDimensions` (image not 5 x N, N < 2), `.missingKeyword`, `.invalidKeyword`,
/// `.nonFiniteKeyword` (required keys, see ``LamostSpectrumMetadata``), `.nonMonotonicWavelength` (a
/// wavelength row or column that is not strictly increasing), `.inconsistentArrays`, `.tableNotFound`.
public enum LamostSpectrumReader {
    /// Largest relative difference between a stored wavelength array and the COEFF0/COEFF1 grid for the
    /// array to be used: 2e-5, twice what float32 rounding and the files whose row 2 starts at exactly
    /// 3700 A show (0.04 A at 3700 A is 1.1e-5).
    public static let wavelengthTolerance = 2e-5

    /// Most header cards a spectrum HDU may have: real LAMOST headers have about 150-250; a header far
    /// larger is not a spectrum header (and would bloat the stored header JSON).
    public static let maximumHeaderCards = 10_000

    /// The table columns that mark the table layout.
    public static let tableColumns = ["FLUX", "IVAR", "WAVELENGTH", "ANDMASK", "ORMASK"]

    /// Reads one spectrum file.
    public static func read(url: URL) throws(FITSError) -> LamostSpectrum {
        let file = try FITSFile.open(url: url)
        let identity = LamostFileIdentity(fileName: url.lastPathComponent)
        let primary = try file.header()
        try checkSize(primary, file: file.path, hdu: 0)
        let shape = try file.imageShape()
        if shape.isEmpty {
            return try readTable(file, primary: primary, identity: identity)
        }
        return try readImage(file, primary: primary, shape: shape, identity: identity)
    }

    private static func readImage(_ file: FITSFile, primary: FITSHeader, shape: [Int],
                                  identity: LamostFileIdentity?) throws(FITSError) -> LamostSpectrum {
        guard shape.count == 2, shape[1] == 5, shape[0] >= 2 else {
            throw .wrongDimensions(file: file.path, hdu: 0, expected: "2 axes, NAXIS1 >= 2 x NAXIS2 = 5", found: shape)
        }
        let lookup = HeaderLookup(headers: [(primary, 0)], file: file.path)
        let metadata = try LamostSpectrumMetadata.read(from: lookup)
        let n = shape[0]
        let pixels = try file.readImageFloats()
        let row = { (r: Int) -> ArraySlice<Float> in pixels[(r * n)..<((r + 1) * n)] }
        var notes = lookup.irregularityNotes
        let row2 = Array(row(2))
        var wavelength: [Double]? = nil
        var source = LamostWavelengthSource.keywords
        var normalized: [Float]? = nil
        let rowName = exten0RowName(primary, row: 2)
        let declaredWavelength = rowName.map { $0.lowercased().hasPrefix("wave") }
        if declaredWavelength == true {
            try checkMonotonic(row2, file: file.path)
        }
        if declaredWavelength != false, isStrictlyIncreasing(row2) {
            let difference = maxRelativeDifference(row2, coeff0: metadata.coeff0, coeff1: metadata.coeff1)
            if difference <= wavelengthTolerance {
                wavelength = row2.map(Double.init)
                source = .imageRow
            } else {
                notes.append("row 2 differs from the COEFF0/COEFF1 grid by up to \(difference) (relative); grid used")
            }
        } else if declaredWavelength == nil {
            notes.append("no EXTEN0 and row 2 is not a wavelength array; COEFF0/COEFF1 grid used")
        } else if let rowName, rowName.lowercased().hasPrefix("subcont") {
            normalized = row2
        }
        return LamostSpectrum(
            layout: .image, wavelengthSource: source,
            wavelength: wavelength ?? LamostSpectrum.logLinearGrid(coeff0: metadata.coeff0, coeff1: metadata.coeff1, count: n),
            flux: Array(row(0)), ivar: Array(row(1)),
            andMask: row(3).map(maskValue), orMask: row(4).map(maskValue), normalizedFlux: normalized,
            metadata: metadata, header: primary, identity: identity, notes: notes)
    }

    /// Throws `.headerTooLarge` for a header of more than ``maximumHeaderCards`` cards.
    private static func checkSize(_ header: FITSHeader, file: String, hdu: Int) throws(FITSError) {
        if header.recordCount > maximumHeaderCards {
            throw .headerTooLarge(cards: header.recordCount, limit: maximumHeaderCards, file: file, hdu: hdu)
        }
    }

    private static func readTable(_ file: FITSFile, primary: FITSHeader,
                                  identity: LamostFileIdentity?) throws(FITSError) -> LamostSpectrum {
        let hdu = try file.moveToTable(withColumns: tableColumns)
        let tableHeader = try file.header()
        try checkSize(tableHeader, file: file.path, hdu: hdu)
        let lookup = HeaderLookup(headers: [(primary, 0), (tableHeader, hdu)], file: file.path)
        let metadata = try LamostSpectrumMetadata.read(from: lookup)
        let rows = try file.rowCount()
        let columns = try file.tableColumns()
        guard rows >= 1 else {
            throw .wrongDimensions(file: file.path, hdu: hdu, expected: "one row", found: [rows])
        }
        func column(_ name: String) throws(FITSError) -> [Float] {
            guard let c = columns.first(where: { $0.name.uppercased() == name }) else {
                throw .missingColumn(name, file: file.path, hdu: hdu)
            }
            return try file.readFloats(c, rows: 0..<1)
        }
        let flux = try column("FLUX")
        let ivar = try column("IVAR")
        let wave = try column("WAVELENGTH")
        let andMask = try column("ANDMASK")
        let orMask = try column("ORMASK")
        let normalized: [Float]? = columns.contains { $0.name.uppercased() == "NORMALIZATION" }
            ? try column("NORMALIZATION") : nil
        let n = flux.count
        guard n >= 2, ivar.count == n, wave.count == n, andMask.count == n, orMask.count == n,
              normalized.map({ $0.count == n }) ?? true else {
            throw .inconsistentArrays(file: file.path, detail: "array columns of lengths \(flux.count), \(ivar.count), "
                                      + "\(wave.count), \(andMask.count), \(orMask.count)")
        }
        try checkMonotonic(wave, file: file.path)
        var notes = lookup.irregularityNotes
        let difference = maxRelativeDifference(wave, coeff0: metadata.coeff0, coeff1: metadata.coeff1)
        let wavelength: [Double]
        let source: LamostWavelengthSource
        if difference <= wavelengthTolerance {
            wavelength = wave.map(Double.init)
            source = .tableColumn
        } else {
            wavelength = LamostSpectrum.logLinearGrid(coeff0: metadata.coeff0, coeff1: metadata.coeff1, count: n)
            source = .keywords
            notes.append("WAVELENGTH differs from the COEFF0/COEFF1 grid by up to \(difference) (relative); grid used")
        }
        return LamostSpectrum(
            layout: .table, wavelengthSource: source, wavelength: wavelength, flux: flux, ivar: ivar,
            andMask: andMask.map(maskValue), orMask: orMask.map(maskValue), normalizedFlux: normalized,
            metadata: metadata, header: primary, identity: identity, notes: notes)
    }

    /// The name `EXTEN0` gives row `row` (`Flux, Inverse, Wavelength, ...` or `Flux Inverse Subcontinuum ...`).
    static func exten0RowName(_ header: FITSHeader, row: Int) -> String? {
        guard let text = header.value("EXTEN0")?.stringValue else { return nil }
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        return row < names.count ? names[row] : nil
    }

    /// A float32 mask value as integer bits; non-finite or out-of-range values become -1 (all bits set).
    @inline(__always)
    static func maskValue(_ value: Float) -> Int32 {
        Int32(exactly: value.rounded()) ?? -1
    }

    static func isStrictlyIncreasing(_ values: [Float]) -> Bool {
        firstNonIncreasing(values) == nil
    }

    /// Index of the first element that is not finite or not greater than its predecessor.
    static func firstNonIncreasing(_ values: [Float]) -> Int? {
        guard let first = values.first else { return nil }
        if !first.isFinite { return 0 }
        for i in 1..<values.count where !(values[i] > values[i - 1]) || !values[i].isFinite {
            return i
        }
        return nil
    }

    private static func checkMonotonic(_ values: [Float], file: String) throws(FITSError) {
        if let index = firstNonIncreasing(values) { throw .nonMonotonicWavelength(file: file, index: index) }
    }

    /// Largest `|value - grid| / grid` against `10^(coeff0 + coeff1 * i)`; NaN values give infinity.
    /// The grid is built by repeated multiplication (relative error below 1e-12 for 4000 pixels, far under
    /// the 2e-5 tolerance) instead of one `pow` per pixel.
    static func maxRelativeDifference(_ values: [Float], coeff0: Double, coeff1: Double) -> Double {
        var worst = 0.0
        let step = pow(10, coeff1)
        var g = pow(10, coeff0)
        for (i, v) in values.enumerated() {
            if i % 512 == 0 { g = pow(10, coeff0 + coeff1 * Double(i)) }
            let d = abs(Double(v) - g) / g
            if !(d <= worst) { worst = d.isNaN ? .infinity : d }
            g *= step
        }
        return worst
    }
}
