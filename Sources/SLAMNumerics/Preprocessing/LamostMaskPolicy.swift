/// Which pixels preprocessing gives zero weight beyond the always-bad ones (non-finite flux or inverse
/// variance, inverse variance <= 0), and when a spectrum counts as heavily masked. Part of
/// `PreprocessingSettings`, so every setting here is rendered into the preprocessing version.
///
/// LAMOST masks (docs/formats.md, "Masks and bad pixels"): the and-mask holds bits set in every
/// exposure, the or-mask bits set in any exposure (it contains the and-mask's bits); bits 1 and 4 are
/// seen in real files. A pixel is masked when `andMask & andMaskBits != 0` or `orMask & orMaskBits != 0`; masked
/// pixels are then dilated by `dilation` observed pixels each side (masked stretches have bleeding
/// edges). After normalisation, grid pixels whose normalised flux lies outside
/// `minimumNormalisedFlux ... maximumNormalisedFlux` (cosmic rays, dead columns the masks missed) are
/// given zero weight too.
public struct LamostMaskPolicy: Sendable, Equatable, Hashable, Codable {
    /// And-mask bits that mask a pixel; default every bit (the formats doc's rule: and-mask non-zero is bad).
    public var andMaskBits: UInt32 = 0xFFFF_FFFF
    /// Or-mask bits that mask a pixel; default none (or-mask-only pixels were bad in some exposures
    /// only and are usually fine in the combined spectrum).
    public var orMaskBits: UInt32 = 0
    /// Observed pixels each side of a masked pixel that are masked too (0: no dilation).
    public var dilation: Int = 1
    /// Grid pixels with normalised flux below this get zero weight (dimensionless).
    public var minimumNormalisedFlux: Double = -0.5
    /// Grid pixels with normalised flux above this get zero weight (dimensionless).
    public var maximumNormalisedFlux: Double = 2
    /// A spectrum with more than this fraction (0 ... 1) of its grid pixels zero-weighted by this policy
    /// (mask bits, dilation, flux bounds) gets `PreprocessingFlags.manyMaskedPixels`.
    public var manyMaskedFraction: Double = 0.1

    /// The defaults above.
    public init() {}

    /// Masked observed pixels: `true` where `andMask & andMaskBits` or `orMask & orMaskBits` is non-zero,
    /// dilated by `dilation` pixels each side. `nil` masks count as all zero. The result has `count` entries.
    /// - Precondition: non-nil masks have `count` entries (checked by the caller, a programmer error otherwise).
    public func maskedPixels(andMask: [Int32]?, orMask: [Int32]?, count: Int) -> [Bool] {
        precondition((andMask?.count ?? count) == count && (orMask?.count ?? count) == count, "mask lengths differ")
        var seed = [Bool](repeating: false, count: count)
        for i in 0..<count {
            let a = andMask.map { UInt32(bitPattern: $0[i]) & andMaskBits != 0 } ?? false
            let o = orMask.map { UInt32(bitPattern: $0[i]) & orMaskBits != 0 } ?? false
            seed[i] = a || o
        }
        guard dilation > 0 else { return seed }
        var out = seed
        for i in 0..<count where seed[i] {
            for j in max(0, i - dilation)...min(count - 1, i + dilation) { out[j] = true }
        }
        return out
    }

    /// Whether a normalised flux value is inside the bounds.
    public func acceptsNormalisedFlux(_ value: Float) -> Bool {
        Double(value) >= minimumNormalisedFlux && Double(value) <= maximumNormalisedFlux
    }

    /// `andbits=... orbits=... dilate=... fbounds=lo:hi manymasked=...` for the version string.
    func versionFields(render: (Double) -> String) -> [(String, String)] {
        [
            ("andbits", "0x" + String(andMaskBits, radix: 16)), ("orbits", "0x" + String(orMaskBits, radix: 16)),
            ("dilate", String(dilation)),
            ("fbounds", "\(render(minimumNormalisedFlux)):\(render(maximumNormalisedFlux))"),
            ("manymasked", render(manyMaskedFraction)),
        ]
    }

    /// Checks every setting's range. - Throws: `PreprocessingError.invalidSetting` naming the first bad one.
    public func validate() throws(PreprocessingError) {
        guard dilation >= 0, dilation <= 1000 else { throw .invalidSetting(name: "maskPolicy.dilation", value: Double(dilation)) }
        guard minimumNormalisedFlux.isFinite || minimumNormalisedFlux == -.infinity else {
            throw .invalidSetting(name: "maskPolicy.minimumNormalisedFlux", value: minimumNormalisedFlux)
        }
        guard maximumNormalisedFlux > minimumNormalisedFlux, maximumNormalisedFlux > 1, minimumNormalisedFlux < 1 else {
            throw .invalidSetting(name: "maskPolicy.maximumNormalisedFlux", value: maximumNormalisedFlux)
        }
        guard manyMaskedFraction >= 0, manyMaskedFraction <= 1 else {
            throw .invalidSetting(name: "maskPolicy.manyMaskedFraction", value: manyMaskedFraction)
        }
    }
}
