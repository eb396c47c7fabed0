import Foundation
import Formats

/// What one observation's spectrum turned out to be (measured S/N and RV), kept for the catalogues.
public struct MockObservationResult: Sendable, Equatable {
    /// Band S/N written to the header (SNRU ... SNRZ).
    public var snr: BandSignalToNoise
    /// Pipeline radial velocity and its error, km/s; `Z = rv / c`.
    public var measuredRadialVelocity: Double
    /// 1-sigma error of `measuredRadialVelocity`, km/s.
    public var radialVelocityError: Double
    /// `Z` and `Z_ERR` as written (rounded as LAMOST writes them).
    public var z: Double
    /// `Z_ERR`.
    public var zErr: Double
}

extension MockSurvey {
    static let speedOfLight = 299_792.458

    /// The noiseless, continuum-normalised spectrum of an observation's star (observed frame, `grid`).
    public func noiselessSpectrum(for observation: MockObservation) -> [Double] {
        let s = star(of: observation)
        return synthesizer.normalisedFlux(s.labels, radialVelocity: s.radialVelocity)
    }

    /// Synthesises and observes one spectrum: the LAMOST DR5 record ready for `LamostSpectrumWriter`, and its
    /// measured values. Deterministic in (seed, observation index).
    public func spectrum(for observation: MockObservation) -> (spectrum: LamostSpectrum, result: MockObservationResult) {
        let normalised = noiselessSpectrum(for: observation)
        return observe(observation, normalised: normalised)
    }

    /// Adds the instrument and the noise to a noiseless spectrum of `observation` (see `spectrum(for:)`).
    func observe(_ o: MockObservation, normalised: [Double]) -> (spectrum: LamostSpectrum, result: MockObservationResult) {
        let s = star(of: o)
        var rng = MockRandom(seed: configuration.seed, streams: Stream.noise.rawValue, UInt64(o.index))
        let mock = observer.observe(normalised: normalised, teff: s.labels.teff, ebv: s.ebv,
                                    radialVelocity: s.radialVelocity, spid: o.spid, snrg: o.targetSNR, using: &rng)
        let z = (mock.measuredRadialVelocity / Self.speedOfLight * 1e8).rounded() / 1e8
        let zErr = (mock.radialVelocityError / Self.speedOfLight * 1e8).rounded() / 1e8
        let snr = LamostSNR(u: mock.snr.u, g: mock.snr.g, r: mock.snr.r, i: mock.snr.i, z: mock.snr.z)
        let metadata = LamostSpectrumMetadata(
            obsid: o.obsid, designation: Self.designation(ra: s.ra, dec: s.dec), ra: s.ra, dec: s.dec, lmjd: o.lmjd,
            mjd: o.lmjd - 1, planid: o.planid, spid: o.spid, fiberid: o.fiberid, objectClass: "STAR",
            subclass: s.labels.spectralSubclass, z: z, zErr: zErr, helioRV: o.heliocentricCorrection, snr: snr,
            dataRelease: "LAMOST DR5", pipelineVersion: "v2.9.7", dateObs: o.dateObs, objectType: "Star",
            fiberType: "Obj", coeff0: synthesizer.grid.coeff0, coeff1: synthesizer.grid.coeff1)
        let spectrum = LamostSpectrum(metadata: metadata, flux: mock.flux, ivar: mock.inverseVariance,
                                      andMask: mock.andMask, orMask: mock.orMask)
        let result = MockObservationResult(snr: mock.snr, measuredRadialVelocity: mock.measuredRadialVelocity,
                                           radialVelocityError: mock.radialVelocityError, z: z, zErr: zErr)
        return (spectrum, result)
    }

    /// `DESIG` of a position: `LAMOST Jhhmmss.ss+ddmmss.s`.
    public static func designation(ra: Double, dec: Double) -> String {
        let totalRA = Int((ra / 15 * 3600 * 100).rounded(.down))  // hundredths of a second of time
        let hh = totalRA / 360_000, mm = (totalRA / 6000) % 60, ss = Double(totalRA % 6000) / 100
        let totalDec = Int((abs(dec) * 3600 * 10).rounded(.down))  // tenths of an arcsecond
        let dd = totalDec / 36000, dm = (totalDec / 600) % 60, ds = Double(totalDec % 600) / 10
        return String(format: "LAMOST J%02d%02d%05.2f%@%02d%02d%04.1f", hh, mm, ss, dec < 0 ? "-" : "+", dd, dm, ds)
    }
}
