import Foundation

/// Writes LAMOST spectra in the DR5 image layout: a 5 x N float32 primary image (flux, inverse variance,
/// wavelength, and-mask, or-mask) with the DR5 header keywords, as `.fits` or (name ending `.gz`)
/// gzip-compressed `.fits.gz`. The same spectrum always gives the same bytes (no dates, no checksums,
/// gzip header without a time stamp).
public enum LamostSpectrumWriter {
    /// Writes `spectrum` to `url` (replacing any file there, atomically by rename).
    ///
    /// Row 2 holds `spectrum.wavelength` as float32; masks are stored as float32 as in real files.
    /// Missing `z`, `zErr`, `helioRV` are written as the -9999 sentinel, missing S/N as 0.00, missing
    /// `obsid`, `designation`, `mjd`, `dateObs`, class and version strings are omitted. `extraCards` are
    /// appended after the standard keywords (structural keywords among them are skipped).
    /// - Throws: `.inconsistentArrays` when the pixel arrays differ in length or have fewer than 2
    ///   pixels, `.invalidInput` for a path CFITSIO cannot create, `.cfitsio` / `.io` on write failures.
    public static func write(_ spectrum: LamostSpectrum, to url: URL, extraCards: [HeaderCard] = []) throws(FITSError) {
        let n = spectrum.flux.count
        guard n >= 2, spectrum.ivar.count == n, spectrum.wavelength.count == n,
              spectrum.andMask.count == n, spectrum.orMask.count == n else {
            throw .inconsistentArrays(file: url.path, detail: "flux \(n), ivar \(spectrum.ivar.count), wavelength "
                + "\(spectrum.wavelength.count), andMask \(spectrum.andMask.count), orMask \(spectrum.orMask.count)")
        }
        let file = try FITSFile.create(url: url)
        try file.createFloatImage(shape: [n, 5])
        try file.writeCards(headerCards(for: spectrum.metadata) + extraCards)
        var pixels: [Float] = []
        pixels.reserveCapacity(5 * n)
        pixels += spectrum.flux
        pixels += spectrum.ivar
        pixels += spectrum.wavelength.map { Float($0) }
        pixels += spectrum.andMask.map { Float($0) }
        pixels += spectrum.orMask.map { Float($0) }
        try file.writeImage(pixels)
        try file.close()
    }

    /// The DR5 header cards written for `metadata`, in the order of real DR5 files.
    public static func headerCards(for m: LamostSpectrumMetadata) -> [HeaderCard] {
        var cards: [HeaderCard] = []
        func add(_ key: String, _ value: HeaderValue?, _ comment: String) {
            if let value { cards.append(HeaderCard(key, value, comment: comment)) }
        }
        func section(_ title: String) { cards.append(HeaderCard("COMMENT", .undefined, comment: "--------" + title)) }
        let str = { (s: String?) -> HeaderValue? in s.map { .string($0) } }
        section("FILE INFORMATION")
        add("FILENAME", .string(m.identity.fileName(compressed: false)), "")
        add("OBSID", m.obsid.map { .int($0) }, "Unique number ID of this spectrum")
        add("AUTHOR", .string("LAMOST Pipeline"), "Who compiled the information")
        add("DATA_V", str(m.dataRelease), "Data release version")
        add("EXTEN0", .string("Flux, Inverse, Wavelength, Andmask, Ormask"), "")
        add("N_EXTEN", .int(1), "The extension number")
        add("EXTNAME", .string("Flux"), "The extension name")
        add("ORIGIN", .string("NAOC-LAMOST"), "Organization responsible for creating this file")
        section("TELESCOPE PARAMETERS")
        add("TELESCOP", .string("LAMOST"), "GuoShouJing Telescope")
        section("OBSERVATION PARAMETERS")
        add("DATE-OBS", str(m.dateObs), "The observation median UTC")
        add("LMJD", .int(Int64(m.lmjd)), "Local Modified Julian Day")
        add("MJD", m.mjd.map { .int(Int64($0)) }, "Modified Julian Day")
        add("PLANID", .string(m.planid), "Plan ID in use")
        add("RA", .double(m.ra), "[deg] Right ascension of object")
        add("DEC", .double(m.dec), "[deg] Declination of object")
        add("DESIG", str(m.designation), "Designation of LAMOST target")
        add("FIBERID", .int(Int64(m.fiberid)), "Fiber ID of Object")
        add("OBJTYPE", str(m.objectType), "Object type from input catalog")
        add("FIBERTYP", str(m.fiberType), "Fiber type of object")
        section("SPECTROGRAPH PARAMETERS")
        add("SPID", .int(Int64(m.spid)), "Spectrograph ID")
        section("DATA REDUCTION PARAMETERS")
        add("HELIO", .bool(true), "Heliocentric correction")
        add("HELIO_RV", .double(m.helioRV ?? -9999), "[km/s] Heliocentric correction")
        add("VACUUM", .bool(true), "Wavelengths are in vacuum")
        add("NWORDER", .int(2), "Number of linear-log10 coefficients")
        add("WFITTYPE", .string("LOG-LINEAR"), "Linear-log10 dispersion")
        add("COEFF0", .double(m.coeff0), "Central wavelength (log10) of first pixel")
        add("COEFF1", .double(m.coeff1), "Log10 dispersion per pixel")
        section("SPECTRA ANALYSIS RESULTS")
        add("VERSPIPE", str(m.pipelineVersion), "Version of Pipeline")
        add("CLASS", str(m.objectClass), "Class of object")
        add("SUBCLASS", str(m.subclass), "Subclass of object")
        add("Z", .double(m.z ?? -9999), "Redshift of object")
        add("Z_ERR", .double(m.zErr ?? -9999), "Redshift error of object")
        for (band, value) in [("U", m.snr.u), ("G", m.snr.g), ("R", m.snr.r), ("I", m.snr.i), ("Z", m.snr.z)] {
            add("SNR" + band, .double(value ?? 0), "SNR of \(band.lowercased()) filter")
        }
        return cards
    }
}
