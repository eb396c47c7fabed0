import Foundation

/// How a LAMOST spectrum file stores its pixels.
public enum LamostSpectrumLayout: String, Sendable, Equatable, Codable {
    /// DR1-DR8: a 5 x NAXIS1 float32 primary image (flux, ivar, wavelength or subcontinuum, and-mask, or-mask).
    case image
    /// DR10: an empty primary HDU and a `COADD` binary table with one row of array columns.
    case table
}

/// Where a spectrum's wavelengths came from.
public enum LamostWavelengthSource: String, Sendable, Equatable, Codable {
    /// Row 2 of the image (validated against the COEFF0/COEFF1 grid).
    case imageRow
    /// The `WAVELENGTH` column of the table (validated against the grid).
    case tableColumn
    /// The log-linear grid `10^(COEFF0 + COEFF1 * i)` from the keywords.
    case keywords
}

/// One LAMOST low-resolution spectrum: pixels, typed metadata, the full header, and notes.
///
/// All pixel arrays have ``pixelCount`` elements (3748 to 3909 in real files), ordered by wavelength.
public struct LamostSpectrum: Sendable {
    /// Which file layout the spectrum was read from (writers produce `.image`).
    public var layout: LamostSpectrumLayout
    /// Where ``wavelength`` came from.
    public var wavelengthSource: LamostWavelengthSource
    /// Vacuum heliocentric wavelength of each pixel, Angstrom, strictly increasing.
    public var wavelength: [Double]
    /// Flux (arbitrary units, may be negative).
    public var flux: [Float]
    /// Inverse variance of the flux (0 means no information).
    public var ivar: [Float]
    /// And-mask bits (cast from float32; non-finite or out-of-range values read as -1, all bits).
    public var andMask: [Int32]
    /// Or-mask bits (contains the and-mask's bits).
    public var orMask: [Int32]
    /// The pipeline's continuum-normalised flux when the file has one (DR1 pilot row 2 `Subcontinuum`,
    /// DR10 `NORMALIZATION`); median about 1.
    public var normalizedFlux: [Float]?
    /// Typed header values.
    public var metadata: LamostSpectrumMetadata
    /// The primary header, every card in order (store it with ``FITSHeader/jsonString``).
    public var header: FITSHeader
    /// What the file name says, when it follows the archive pattern.
    public var identity: LamostFileIdentity?
    /// Things the reader noticed but accepted (e.g. row 2 disagreeing with the grid).
    public var notes: [String]

    /// A spectrum in the image layout with the log-linear wavelength grid of `metadata` (for writers and
    /// the mock survey). Arrays must have equal lengths (checked by the writer).
    public init(metadata: LamostSpectrumMetadata, flux: [Float], ivar: [Float], andMask: [Int32], orMask: [Int32]) {
        self.layout = .image
        self.wavelengthSource = .keywords
        self.wavelength = LamostSpectrum.logLinearGrid(coeff0: metadata.coeff0, coeff1: metadata.coeff1, count: flux.count)
        self.flux = flux
        self.ivar = ivar
        self.andMask = andMask
        self.orMask = orMask
        self.normalizedFlux = nil
        self.metadata = metadata
        self.header = FITSHeader()
        self.identity = metadata.identity
        self.notes = []
    }

    init(layout: LamostSpectrumLayout, wavelengthSource: LamostWavelengthSource, wavelength: [Double], flux: [Float],
         ivar: [Float], andMask: [Int32], orMask: [Int32], normalizedFlux: [Float]?, metadata: LamostSpectrumMetadata,
         header: FITSHeader, identity: LamostFileIdentity?, notes: [String]) {
        self.layout = layout
        self.wavelengthSource = wavelengthSource
        self.wavelength = wavelength
        self.flux = flux
        self.ivar = ivar
        self.andMask = andMask
        self.orMask = orMask
        self.normalizedFlux = normalizedFlux
        self.metadata = metadata
        self.header = header
        self.identity = identity
        self.notes = notes
    }

    /// Number of pixels.
    public var pixelCount: Int { flux.count }

    /// The LAMOST bad-pixel rule: inverse variance 0 (or negative), a non-zero and-mask, or a
    /// non-finite flux or inverse variance.
    @inlinable
    public static func isBadPixel(flux: Float, ivar: Float, andMask: Int32) -> Bool {
        !(ivar > 0) || andMask != 0 || !flux.isFinite || !ivar.isFinite
    }

    /// Whether pixel `index` is bad (see ``isBadPixel(flux:ivar:andMask:)``).
    public func isBadPixel(_ index: Int) -> Bool {
        Self.isBadPixel(flux: flux[index], ivar: ivar[index], andMask: andMask[index])
    }

    /// One flag per pixel, `true` where the pixel is bad.
    public var badPixels: [Bool] {
        (0..<pixelCount).map { isBadPixel($0) }
    }

    /// `10^(coeff0 + coeff1 * i)` for i = 0 ..< count, Angstrom.
    public static func logLinearGrid(coeff0: Double, coeff1: Double, count: Int) -> [Double] {
        (0..<count).map { pow(10, coeff0 + coeff1 * Double($0)) }
    }
}
