/// Signal-to-noise ratios of a LAMOST spectrum in the SDSS u, g, r, i, z bands (per pixel).
/// `nil` means missing: `SNRx = 0.00`, `SN_x = 99.00` (DR1 pilot), or absent.
public struct LamostSNR: Sendable, Equatable, Codable {
    /// u-band S/N.
    public var u: Double?
    /// g-band S/N.
    public var g: Double?
    /// r-band S/N.
    public var r: Double?
    /// i-band S/N.
    public var i: Double?
    /// z-band S/N.
    public var z: Double?

    /// Ratios by band; all default to missing.
    public init(u: Double? = nil, g: Double? = nil, r: Double? = nil, i: Double? = nil, z: Double? = nil) {
        self.u = u
        self.g = g
        self.r = r
        self.i = i
        self.z = z
    }
}

/// The header values of a LAMOST spectrum that the system uses, typed, sentinels turned into `nil`.
public struct LamostSpectrumMetadata: Sendable, Equatable, Codable {
    /// `OBSID`, the archive's key; `nil` in DR1 pilot files (take it from the catalogue).
    public var obsid: Int64?
    /// `DESIG`, e.g. `LAMOST J012345.67+123456.7`.
    public var designation: String?
    /// `RA`, degrees (J2000).
    public var ra: Double
    /// `DEC`, degrees (J2000).
    public var dec: Double
    /// `LMJD`, local modified Julian day (the number in the file name).
    public var lmjd: Int
    /// `MJD` (LMJD - 1 in v2.9 files, LMJD + 1 in the DR1 pilot); `nil` when absent.
    public var mjd: Int?
    /// `PLANID`.
    public var planid: String
    /// `SPID`, spectrograph 1-16.
    public var spid: Int
    /// `FIBERID`, fibre 1-250.
    public var fiberid: Int
    /// `CLASS` (`STAR`, `GALAXY`, `QSO`, `Unknown`).
    public var objectClass: String?
    /// `SUBCLASS` (e.g. `G3`).
    public var subclass: String?
    /// `Z`, redshift (rest-frame wavelength = lambda / (1 + z)); `nil` for the -9999 sentinel.
    public var z: Double?
    /// `Z_ERR`; `nil` for the -9999 sentinel.
    public var zErr: Double?
    /// `HELIO_RV`, km/s, the heliocentric correction applied; `nil` for -9999.
    public var helioRV: Double?
    /// `SNRU` ... `SNRZ` (or `SN_U` ... `SN_Z`).
    public var snr: LamostSNR
    /// `DATA_V`, e.g. `LAMOST DR5`.
    public var dataRelease: String?
    /// `VERSPIPE`, e.g. `v2.9.7`.
    public var pipelineVersion: String?
    /// `DATE-OBS` as written (not always valid ISO 8601).
    public var dateObs: String?
    /// `OBJTYPE`: what was targeted (may disagree with `CLASS`).
    public var objectType: String?
    /// `FIBERTYP` (or `FIB_TYPE` in DR10).
    public var fiberType: String?
    /// `COEFF0`: log10 of the first pixel's wavelength in Angstrom.
    public var coeff0: Double
    /// `COEFF1`: log10 wavelength step per pixel.
    public var coeff1: Double

    /// Metadata with the DR5 defaults for what is not given (`COEFF0 = 3.5682`, `COEFF1 = 0.0001`).
    public init(obsid: Int64?, designation: String?, ra: Double, dec: Double, lmjd: Int, mjd: Int?,
                planid: String, spid: Int, fiberid: Int, objectClass: String? = "STAR", subclass: String? = nil,
                z: Double? = nil, zErr: Double? = nil, helioRV: Double? = nil, snr: LamostSNR = LamostSNR(),
                dataRelease: String? = "LAMOST DR5", pipelineVersion: String? = "v2.9.7", dateObs: String? = nil,
                objectType: String? = "Star", fiberType: String? = "Obj", coeff0: Double = 3.5682, coeff1: Double = 0.0001) {
        self.obsid = obsid
        self.designation = designation
        self.ra = ra
        self.dec = dec
        self.lmjd = lmjd
        self.mjd = mjd
        self.planid = planid
        self.spid = spid
        self.fiberid = fiberid
        self.objectClass = objectClass
        self.subclass = subclass
        self.z = z
        self.zErr = zErr
        self.helioRV = helioRV
        self.snr = snr
        self.dataRelease = dataRelease
        self.pipelineVersion = pipelineVersion
        self.dateObs = dateObs
        self.objectType = objectType
        self.fiberType = fiberType
        self.coeff0 = coeff0
        self.coeff1 = coeff1
    }

    /// The file identity these values imply.
    public var identity: LamostFileIdentity {
        LamostFileIdentity(lmjd: lmjd, planid: planid, spid: spid, fiberid: fiberid)
    }

    /// Reads the metadata from headers (primary first).
    /// Required: `RA`, `DEC`, `LMJD`, `PLANID`, `SPID`, `FIBERID`, `COEFF0`, `COEFF1` (finite; `COEFF1 > 0`).
    /// `OBSID` may be absent (DR1 pilot), but when present it must be a positive integer.
    /// - Throws: `.missingKeyword`, `.invalidKeyword`, `.nonFiniteKeyword`, `.unusableKeyword` (OBSID),
    ///   `.nonASCIIByte` (a needed card with a byte outside ASCII).
    static func read(from lookup: HeaderLookup) throws(FITSError) -> LamostSpectrumMetadata {
        let coeff1 = try lookup.requiredDouble("COEFF1")
        guard coeff1 > 0 else {
            throw .invalidKeyword("COEFF1", value: FITSFile.realToken(coeff1), file: lookup.file, hdu: 0)
        }
        var metadata = LamostSpectrumMetadata(
            obsid: try lookup.optionalPositiveInt("OBSID"),
            designation: lookup.optionalString("DESIG"),
            ra: try lookup.requiredDouble("RA"),
            dec: try lookup.requiredDouble("DEC"),
            lmjd: Int(try lookup.requiredInt("LMJD")),
            mjd: lookup.optionalInt("MJD").map { Int($0) },
            planid: try lookup.requiredString("PLANID"),
            spid: Int(try lookup.requiredInt("SPID")),
            fiberid: Int(try lookup.requiredInt("FIBERID")),
            objectClass: lookup.optionalString("CLASS"),
            subclass: lookup.optionalString("SUBCLASS"),
            z: lookup.optionalDouble("Z"),
            zErr: lookup.optionalDouble("Z_ERR"),
            helioRV: lookup.optionalDouble("HELIO_RV"),
            snr: LamostSNR(),
            dataRelease: lookup.optionalString("DATA_V"),
            pipelineVersion: lookup.optionalString("VERSPIPE"),
            dateObs: lookup.optionalString("DATE-OBS"),
            objectType: lookup.optionalString("OBJTYPE"),
            fiberType: lookup.optionalString("FIBERTYP") ?? lookup.optionalString("FIB_TYPE"),
            coeff0: try lookup.requiredDouble("COEFF0"),
            coeff1: coeff1)
        func band(_ name: String) -> Double? {
            if let v = lookup.optionalDouble("SNR" + name) { return v > 0 ? v : nil }
            if let v = lookup.optionalDouble("SN_" + name) { return v > 0 && v != 99 ? v : nil }
            return nil
        }
        metadata.snr = LamostSNR(u: band("U"), g: band("G"), r: band("R"), i: band("I"), z: band("Z"))
        return metadata
    }
}
