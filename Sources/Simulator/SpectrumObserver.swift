import Foundation

/// Turns a noiseless, normalised synthetic spectrum into what LAMOST records: continuum (Planck, extinction,
/// spectrograph throughput) times a flux scale, photon plus sky/read noise at a target S/N_g, sky-line
/// residuals (5577, 5890/5896, 6300, 6364 A), cosmic rays, bad pixels (and-mask 1 with flux 0 and ivar 0,
/// zero-ivar pixels without a mask bit, or-mask 4), occasional dead stretches, and the pipeline's radial
/// velocity with its error.
public struct SpectrumObserver: Sendable {
    /// The instrument (grid, throughputs).
    public let instrument: InstrumentModel
    /// Fraction of the variance at the g-band flux level that does not scale with the source (sky, read noise).
    public var backgroundVarianceFraction = 0.25
    /// Vacuum wavelengths of the night-sky lines that leave residuals, Angstrom.
    public static let skyLines: [Double] = [5578.89, 5891.58, 5897.56, 6302.05, 6365.54]

    /// An observer with the given instrument.
    public init(instrument: InstrumentModel) { self.instrument = instrument }

    /// Observes: `normalised` (pixelCount values, 1 = continuum), for a star of temperature `teff` K,
    /// colour excess `ebv` mag and radial velocity `radialVelocity` km/s, on spectrograph `spid`, at target
    /// S/N per pixel in the g band `snrg`. All randomness comes from `rng`.
    public func observe(normalised: [Double], teff: Double, ebv: Double, radialVelocity: Double, spid: Int,
                        snrg: Double, using rng: inout MockRandom) -> MockSpectrum
    {
        let grid = instrument.grid
        let n = grid.pixelCount
        precondition(normalised.count == n, "normalised flux must be on the instrument grid")
        let wavelength = instrument.wavelengths
        let continuum = instrument.continuum(teff: teff, ebv: ebv, spid: spid)
        // Flux scale: median g-band continuum of 20 counts per unit S/N (brighter stars, higher S/N).
        var g: [Double] = []
        for i in 0..<n where wavelength[i] >= 4000 && wavelength[i] <= 5500 { g.append(continuum[i] * normalised[i]) }
        g.sort()
        let gMedian = max(g.isEmpty ? 1 : g[g.count / 2], 1e-12)
        let fluxLevel = 20 * snrg * rng.logUniform(0.7, 1.4)
        let scale = fluxLevel / gMedian
        let sigmaG = fluxLevel / max(snrg, 0.1)
        let r = backgroundVarianceFraction
        var flux = [Float](repeating: 0, count: n), ivar = [Float](repeating: 0, count: n)
        var sigma = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let f = continuum[i] * normalised[i] * scale
            let variance = max(f, 0) * sigmaG * sigmaG / fluxLevel * (1 - r) + sigmaG * sigmaG * r
            sigma[i] = variance.squareRoot()
            flux[i] = Float(f + sigma[i] * rng.gaussian())
            ivar[i] = Float(1 / variance)
        }
        var andMask = [Int32](repeating: 0, count: n), orMask = [Int32](repeating: 0, count: n)
        addSkyResiduals(flux: &flux, ivar: &ivar, sigma: sigma, sigmaG: sigmaG, wavelength: wavelength, using: &rng)
        addCosmicRays(flux: &flux, orMask: &orMask, sigma: sigma, using: &rng)
        addBadPixels(flux: &flux, ivar: &ivar, andMask: &andMask, orMask: &orMask, using: &rng)
        let wl32 = wavelength.map { Float($0) }
        let snr = BandSignalToNoise.measure(flux: flux, inverseVariance: ivar, wavelength: wl32)
        let rvError = clamp(4 * (50 / max(snrg, 1)).squareRoot() + 1, 2, 25)
        return MockSpectrum(flux: flux, inverseVariance: ivar, wavelength: wl32, andMask: andMask, orMask: orMask,
                            snr: snr, measuredRadialVelocity: radialVelocity + rng.gaussian(mean: 0, sigma: rvError),
                            radialVelocityError: rvError)
    }

    private func addSkyResiduals(flux: inout [Float], ivar: inout [Float], sigma: [Double], sigmaG: Double,
                                 wavelength: [Double], using rng: inout MockRandom)
    {
        let grid = instrument.grid
        let width = 1.02  // instrumental sigma, pixels
        for line in Self.skyLines {
            let strength = (line == 5578.89 ? 4.0 : 2.0) * sigmaG * rng.gaussian()
            let centre = grid.pixel(line)
            let lo = max(0, Int(centre) - 4), hi = min(flux.count - 1, Int(centre) + 5)
            guard lo <= hi else { continue }
            for i in lo...hi {
                let d = (Double(i) - centre) / width
                let profile = exp(-0.5 * d * d)
                flux[i] += Float(strength * profile)
                // The pipeline inflates the variance where the sky was bright.
                let extra = 2 * sigmaG * profile
                ivar[i] = Float(1 / (sigma[i] * sigma[i] + extra * extra))
            }
        }
    }

    private func addCosmicRays(flux: inout [Float], orMask: inout [Int32], sigma: [Double],
                               using rng: inout MockRandom)
    {
        let count = rng.bernoulli(0.3) ? rng.integer(in: 1...3) : 0
        for _ in 0..<count {
            let i = rng.integer(in: 0...(flux.count - 3))
            let height = rng.uniform(8, 60)
            flux[i] += Float(height * sigma[i])
            if rng.bernoulli(0.5) { flux[i + 1] += Float(0.4 * height * sigma[i + 1]) }
            if rng.bernoulli(0.3) { orMask[i] |= 4 }
        }
    }

    private func addBadPixels(flux: inout [Float], ivar: inout [Float], andMask: inout [Int32],
                              orMask: inout [Int32], using rng: inout MockRandom)
    {
        let n = flux.count
        func kill(_ i: Int) { andMask[i] |= 1; orMask[i] |= 1; flux[i] = 0; ivar[i] = 0 }
        // Isolated and-masked pixels.
        for _ in 0..<rng.integer(in: 0...6) { kill(rng.integer(in: 0...(n - 1))) }
        // A dead stretch (bad CCD columns) in one spectrum in twenty.
        if rng.bernoulli(0.05) {
            let length = rng.integer(in: 8...60)
            let start = rng.integer(in: 0...(n - length))
            for i in start..<(start + length) { kill(i) }
        }
        // Zero inverse variance without a mask bit: the ends of the grid and scattered pixels.
        for i in 0..<rng.integer(in: 0...4) { ivar[i] = 0 }
        for i in (n - rng.integer(in: 0...8))..<n { ivar[i] = 0 }
        for _ in 0..<rng.integer(in: 0...5) { ivar[rng.integer(in: 0...(n - 1))] = 0 }
        // Or-mask-only pixels (bad in some exposures), still usable.
        for _ in 0..<rng.integer(in: 0...12) { orMask[rng.integer(in: 0...(n - 1))] |= 4 }
    }
}
