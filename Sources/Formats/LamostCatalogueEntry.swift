/// One row of a LAMOST catalogue (the general catalogue, or the "A, F, G and K type stars" catalogue with
/// the LASP parameters). Missing values and the -9999 sentinel are `nil`.
public struct LamostCatalogueEntry: Sendable, Equatable, Codable {
    /// `obsid`, the spectrum's key.
    public var obsid: Int64
    /// `designation` (some releases drop the `LAMOST ` prefix).
    public var designation: String?
    /// `obsdate`, `YYYY-MM-DD` as written.
    public var obsdate: String?
    /// `lmjd`, local MJD.
    public var lmjd: Int?
    /// `planid`.
    public var planid: String?
    /// `spid`.
    public var spid: Int?
    /// `fiberid`.
    public var fiberid: Int?
    /// `ra`, `dec`, degrees.
    public var ra: Double?
    public var dec: Double?
    /// `snru` ... `snrz`.
    public var snr: LamostSNR
    /// `class`, `subclass`.
    public var objectClass: String?
    public var subclass: String?
    /// `z`, redshift.
    public var z: Double?
    /// LASP `teff` (K), `teff_err`, `logg` (dex), `logg_err`, `feh` (dex), `feh_err`, `rv` (km/s).
    public var teff: Double?
    public var teffErr: Double?
    public var logg: Double?
    public var loggErr: Double?
    public var feh: Double?
    public var fehErr: Double?
    public var rv: Double?

    /// An entry; everything but `obsid` defaults to missing.
    public init(obsid: Int64, designation: String? = nil, obsdate: String? = nil, lmjd: Int? = nil,
                planid: String? = nil, spid: Int? = nil, fiberid: Int? = nil, ra: Double? = nil, dec: Double? = nil,
                snr: LamostSNR = LamostSNR(), objectClass: String? = nil, subclass: String? = nil, z: Double? = nil,
                teff: Double? = nil, teffErr: Double? = nil, logg: Double? = nil, loggErr: Double? = nil,
                feh: Double? = nil, fehErr: Double? = nil, rv: Double? = nil) {
        self.obsid = obsid
        self.designation = designation
        self.obsdate = obsdate
        self.lmjd = lmjd
        self.planid = planid
        self.spid = spid
        self.fiberid = fiberid
        self.ra = ra
        self.dec = dec
        self.snr = snr
        self.objectClass = objectClass
        self.subclass = subclass
        self.z = z
        self.teff = teff
        self.teffErr = teffErr
        self.logg = logg
        self.loggErr = loggErr
        self.feh = feh
        self.fehErr = fehErr
        self.rv = rv
    }

    /// The spectrum file identity, when `lmjd`, `planid`, `spid` and `fiberid` are all present.
    public var identity: LamostFileIdentity? {
        guard let lmjd, let planid, let spid, let fiberid else { return nil }
        return LamostFileIdentity(lmjd: lmjd, planid: planid, spid: spid, fiberid: fiberid)
    }
}
