/// One row of an APOGEE allStar table: identity, position, ASPCAP labels and flags.
///
/// Missing values (-9999 or NaN in the file) are `nil`. Units: degrees (RA, DEC), K (Teff),
/// dex (log g and abundances).
public struct ApogeeStar: Sendable, Equatable, Codable {
    /// `APOGEE_ID`, 2MASS-style, e.g. `2M00000002+7417074`.
    public var apogeeID: String
    /// `TELESCOPE` (`apo25m`, `lco25m`, `apo1m`).
    public var telescope: String
    /// `FIELD`.
    public var field: String
    /// `RA`, degrees (J2000).
    public var ra: Double
    /// `DEC`, degrees (J2000).
    public var dec: Double
    /// `SNR` of the combined spectrum.
    public var snr: Double?
    /// `TEFF`, K.
    public var teff: Double?
    /// `TEFF_ERR`, K.
    public var teffErr: Double?
    /// `LOGG`, dex (cgs).
    public var logg: Double?
    /// `LOGG_ERR`, dex.
    public var loggErr: Double?
    /// `M_H` ([M/H], dex).
    public var mH: Double?
    /// `M_H_ERR`, dex.
    public var mHErr: Double?
    /// `ALPHA_M` ([alpha/M], dex).
    public var alphaM: Double?
    /// `ALPHA_M_ERR`, dex.
    public var alphaMErr: Double?
    /// [C/M], dex: `PARAM[4]` (index from `PARAM_SYMBOL` when the file has it); error from `PARAM_COV`.
    public var cM: Double?
    /// Error of [C/M], dex: square root of the `PARAM_COV` diagonal entry.
    public var cMErr: Double?
    /// [N/M], dex: `PARAM[5]`; error from `PARAM_COV`.
    public var nM: Double?
    /// Error of [N/M], dex: square root of the `PARAM_COV` diagonal entry.
    public var nMErr: Double?
    /// `PARAM` as stored (7 or more values), missing entries `nil`; empty when the file has no `PARAM`.
    public var param: [Double?]
    /// `PARAM_COV` flattened row-major (n x n, n = `param.count`), missing entries `nil`; may be empty.
    public var paramCov: [Double?]
    /// `ASPCAPFLAG` as an unsigned bit mask (a 32-bit column is masked with `& 0xFFFFFFFF`).
    public var aspcapFlag: UInt64
    /// `STARFLAG` as an unsigned bit mask.
    public var starFlag: UInt64
    /// `EXTRATARG` when the file has it (bit 4 marks a duplicate in DR14+).
    public var extraTarg: Int64?
    /// 0-based row in the file (for reports); -1 for stars not read from a file.
    public var row: Int

    /// A star with the given identity; every label missing, flags zero.
    public init(apogeeID: String, telescope: String = "apo25m", field: String = "", ra: Double, dec: Double,
                snr: Double? = nil, teff: Double? = nil, teffErr: Double? = nil, logg: Double? = nil,
                loggErr: Double? = nil, mH: Double? = nil, mHErr: Double? = nil, alphaM: Double? = nil,
                alphaMErr: Double? = nil, cM: Double? = nil, cMErr: Double? = nil, nM: Double? = nil,
                nMErr: Double? = nil, param: [Double?] = [], paramCov: [Double?] = [], aspcapFlag: UInt64 = 0,
                starFlag: UInt64 = 0, extraTarg: Int64? = nil, row: Int = -1) {
        self.apogeeID = apogeeID
        self.telescope = telescope
        self.field = field
        self.ra = ra
        self.dec = dec
        self.snr = snr
        self.teff = teff
        self.teffErr = teffErr
        self.logg = logg
        self.loggErr = loggErr
        self.mH = mH
        self.mHErr = mHErr
        self.alphaM = alphaM
        self.alphaMErr = alphaMErr
        self.cM = cM
        self.cMErr = cMErr
        self.nM = nM
        self.nMErr = nMErr
        self.param = param
        self.paramCov = paramCov
        self.aspcapFlag = aspcapFlag
        self.starFlag = starFlag
        self.extraTarg = extraTarg
        self.row = row
    }

    /// ASPCAPFLAG bit 23, `STAR_BAD`: training sets exclude these stars.
    public var isStarBad: Bool { aspcapFlag & (1 << 23) != 0 }

    /// Bad ASPCAPFLAG bits 16-31 (and DR16+ 32, 33, 36, 40, 41) that are set.
    public var hasBadAspcapFlag: Bool {
        let bad: UInt64 = 0xFFFF_0000 | (1 << 32) | (1 << 33) | (1 << 36) | (1 << 40) | (1 << 41)
        return aspcapFlag & bad != 0
    }

    /// STARFLAG bad bits set: 0 BAD_PIXELS, 3 VERY_BRIGHT_NEIGHBOR, 18 BAD_RV_COMBINATION.
    public var hasBadStarFlag: Bool { starFlag & ((1 << 0) | (1 << 3) | (1 << 18)) != 0 }

    /// Converts a stored value to a label: -9999 (and below -9000), NaN and infinities are missing.
    @inlinable
    public static func label(_ value: Double) -> Double? {
        value.isFinite && value > -9000 ? value : nil
    }
}
