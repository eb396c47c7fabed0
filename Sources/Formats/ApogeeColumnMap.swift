/// Names of the allStar columns the reader uses; presets for the data releases.
///
/// Required columns: ``apogeeID``, ``ra``, ``dec``, ``teff``, ``logg``, ``mH``, ``alphaM``. The others are
/// read when present and `nil`/zero otherwise (see ``ApogeeAllStarReader/absentColumns``).
public struct ApogeeColumnMap: Sendable, Equatable, Codable {
    /// Star identifier column (required).
    public var apogeeID = "APOGEE_ID"
    /// Telescope column.
    public var telescope = "TELESCOPE"
    /// Field column.
    public var field = "FIELD"
    /// Right ascension column, degrees (required).
    public var ra = "RA"
    /// Declination column, degrees (required).
    public var dec = "DEC"
    /// S/N column.
    public var snr = "SNR"
    /// Effective temperature column, K (required).
    public var teff = "TEFF"
    /// Teff error column, K.
    public var teffErr = "TEFF_ERR"
    /// Surface gravity column, dex (required).
    public var logg = "LOGG"
    /// log g error column, dex.
    public var loggErr = "LOGG_ERR"
    /// [M/H] column, dex (required).
    public var mH = "M_H"
    /// [M/H] error column, dex.
    public var mHErr = "M_H_ERR"
    /// [alpha/M] column, dex (required).
    public var alphaM = "ALPHA_M"
    /// [alpha/M] error column, dex.
    public var alphaMErr = "ALPHA_M_ERR"
    /// `PARAM` array column.
    public var param = "PARAM"
    /// `PARAM_COV` (n x n or n*n flattened).
    public var paramCov = "PARAM_COV"
    /// Column (in a later HDU) naming the `PARAM` entries.
    public var paramSymbol = "PARAM_SYMBOL"
    /// ASPCAP flag column (32- or 64-bit).
    public var aspcapFlag = "ASPCAPFLAG"
    /// Star flag column.
    public var starFlag = "STARFLAG"
    /// Extra-target flag column (duplicate bit 4).
    public var extraTarg = "EXTRATARG"
    /// Index of [C/M] in `PARAM` when the file has no `PARAM_SYMBOL` (4 in DR14-DR17).
    public var carbonIndex = 4
    /// Index of [N/M] in `PARAM` when the file has no `PARAM_SYMBOL` (5 in DR14-DR17).
    public var nitrogenIndex = 5

    /// The DR15 (DR14 data) names, the default.
    public init() {}

    /// DR15 (`allStar-l31c.2.fits`).
    public static let dr15 = ApogeeColumnMap()
    /// DR16: same label names (ASPCAPFLAG is 64-bit, missing values may be NaN; both handled by the reader).
    public static let dr16 = ApogeeColumnMap()
    /// DR17: as DR16.
    public static let dr17 = ApogeeColumnMap()
    /// DR12: `PARAM_M_H`, `PARAM_ALPHA_M` (and their `_ERR`).
    public static let dr12: ApogeeColumnMap = {
        var map = ApogeeColumnMap()
        map.mH = "PARAM_M_H"
        map.mHErr = "PARAM_M_H_ERR"
        map.alphaM = "PARAM_ALPHA_M"
        map.alphaMErr = "PARAM_ALPHA_M_ERR"
        return map
    }()

    /// Column names that must exist.
    var required: [String] { [apogeeID, ra, dec, teff, logg, mH, alphaM] }
}
