import Foundation

/// The LAMOST low-resolution log-linear wavelength grid, `lambda_i = 10^(coeff0 + coeff1 i)` (vacuum,
/// Angstrom), i = 0 ... pixelCount - 1. The default is the DR5 grid: 3909 pixels from 3699.98 to 9099.13 A.
public struct LamostWavelengthGrid: Sendable, Equatable {
    /// log10 of the first pixel's wavelength (`COEFF0`).
    public var coeff0: Double
    /// Step in log10 wavelength (`COEFF1`).
    public var coeff1: Double
    /// Number of pixels (`NAXIS1`).
    public var pixelCount: Int

    /// A grid with the given keywords (defaults: DR5). `pixelCount` > 1 and `coeff1` > 0 (programmer error otherwise).
    public init(coeff0: Double = 3.5682, coeff1: Double = 1e-4, pixelCount: Int = 3909) {
        precondition(pixelCount > 1 && coeff1 > 0, "a grid needs at least two pixels and a positive step")
        self.coeff0 = coeff0
        self.coeff1 = coeff1
        self.pixelCount = pixelCount
    }

    /// The LAMOST DR5 grid (COEFF0 = 3.5682, COEFF1 = 1e-4, 3909 pixels).
    public static let dr5 = LamostWavelengthGrid()

    /// Wavelength of pixel `i` (may be fractional or outside the grid), Angstrom.
    @inline(__always) public func wavelength(_ i: Double) -> Double { pow(10, coeff0 + coeff1 * i) }

    /// All pixel wavelengths, Angstrom.
    public var wavelengths: [Double] { (0..<pixelCount).map { wavelength(Double($0)) } }

    /// Fractional pixel index of a wavelength in Angstrom.
    @inline(__always) public func pixel(_ lambda: Double) -> Double { (log10(lambda) - coeff0) / coeff1 }

    /// Velocity width of one pixel, km/s (about 69 km/s for the DR5 grid).
    public var pixelVelocity: Double { 299_792.458 * coeff1 * log(10) }
}
