import Foundation
@testable import Formats

/// Small synthetic LAMOST spectra with overridable defaults, written by the module's own writer.
enum LamostSpectrumFactory {
    static func metadata(obsid: Int64? = 123_456_789, fiberid: Int = 17) -> LamostSpectrumMetadata {
        LamostSpectrumMetadata(
            obsid: obsid, designation: "LAMOST J012345.67+123456.7", ra: 20.940292, dec: 12.582417, lmjd: 55859,
            mjd: 55858, planid: "GAC_090N33_V1", spid: 8, fiberid: fiberid, objectClass: "STAR", subclass: "G3",
            z: 2.703e-05, zErr: 3.45e-06, helioRV: -9.40313,
            snr: LamostSNR(u: 4.51, g: 41.03, r: 63.62, i: 81.79, z: nil), dateObs: "2011-10-24T12:30:00")
    }

    /// A spectrum of `pixels` pixels with a smooth continuum, two masked pixels and one zero-ivar pixel.
    static func spectrum(pixels: Int = 3909, metadata: LamostSpectrumMetadata = metadata()) -> LamostSpectrum {
        let flux = (0..<pixels).map { Float(1000 + 200 * sin(Double($0) / 300)) }
        var ivar = [Float](repeating: 0.01, count: pixels)
        var andMask = [Int32](repeating: 0, count: pixels)
        var orMask = [Int32](repeating: 0, count: pixels)
        andMask[10] = 1; ivar[10] = 0
        andMask[11] = 4; orMask[11] = 5; ivar[11] = 0
        ivar[20] = 0
        orMask[10] = 1
        return LamostSpectrum(metadata: metadata, flux: flux, ivar: ivar, andMask: andMask, orMask: orMask)
    }
}
