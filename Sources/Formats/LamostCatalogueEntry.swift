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
    /// `ra`, degrees.
    public var ra: Double?
    /// `dec`, degrees.
    public var dec: Double?
    /// `snru` ... `snrz`.
    public var snr: LamostSNR
    /// `class`.
    public var objectClass: String?
    /// `subclass`.
    public var subclass: String?
    /// `z`, redshift.
    public var z: Double?
    /// LASP `teff`, K.
    public var teff: Double?
    /// LASP `teff_err`, K.
    public var teffErr: Double?
    /// LASP `logg`, dex.
    public var logg: Double?
    /// LASP `logg_err`, dex.
    public var loggErr: Double?
    /// LASP `feh`, [Fe/H] in dex.
    public var feh: Double?
    /// LASP `feh_err`, dex.
    public var fehErr: Double?
    /// LASP `rv`, radial velocity in km/s.
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
