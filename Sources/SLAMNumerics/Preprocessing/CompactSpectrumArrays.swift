import Foundation

/// The normalised flux and inverse variance of a preprocessed spectrum in half the bytes of two `real[]`
/// arrays: 16-bit codes with per-spectrum ranges (the storage of `spectrum_preprocessed`).
///
/// - Flux: fixed point over the spectrum's own range. With `lo` and `hi` the smallest and largest flux,
///   `step = (hi - lo) / 65534` and code `c` stands for `lo + (c + 32767) * step`; the error of a decoded
///   value is at most `step / 2` (plus one `Float` rounding). Preprocessing bounds good pixels' normalised
///   flux to -0.5 ... 2 by default (bad pixels hold 1), so `step / 2 <= 1.9e-5`: 1.9% of the noise at S/N
///   1,000 per pixel, 0.19% at S/N 100 (``maximumFluxErrorInSigma`` gives a spectrum's own figure).
/// - Inverse variance: logarithmic. Over the pixels with `ivar > 0`, `log2(ivar)` is coded in fixed point
///   the same way, and code -32768 stands for `ivar = 0` (a bad pixel) exactly. The relative error of a
///   decoded inverse variance is at most `2^(step / 2) - 1` (``maximumRelativeIvarError``), about 1e-4
///   for a spectrum whose inverse variance spans 2^20.
///
/// Rounding is to nearest, ties to even, in double precision, as PostgreSQL's `round(double precision)`
/// does, so that the migration that coded the rows stored before (`migrations/*_compact_preprocessed.sql`)
/// and this type agree.
public struct CompactSpectrumArrays: Sendable, Equatable {
    /// Flux codes, one per pixel, -32767 ... 32767.
    public var fluxCodes: [Int16]
    /// The flux that code -32767 stands for (dimensionless, normalised flux).
    public var fluxOffset: Float
    /// The flux step between consecutive codes (dimensionless); 1 when every pixel has the same flux.
    public var fluxStep: Float
    /// Inverse-variance codes, one per pixel: -32768 for `ivar = 0`, else -32767 ... 32767.
    public var ivarCodes: [Int16]
    /// The `log2(ivar)` that code -32767 stands for (0 when no pixel has `ivar > 0`).
    public var log2IvarOffset: Float
    /// The `log2(ivar)` step between consecutive codes; 1 when fewer than two distinct values exist.
    public var log2IvarStep: Float

    /// The code that stands for `ivar = 0`.
    public static let zeroIvarCode = Int16.min
    /// Codes per range: -32767 ... 32767.
    static let intervals = 65534.0

    /// Why arrays cannot be coded: the invariant of ``PreprocessedSpectrum`` (finite flux, finite ivar >= 0,
    /// equal lengths) does not hold.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case lengthMismatch(flux: Int, ivar: Int)
        case nonFiniteFlux(pixel: Int)
        case invalidIvar(pixel: Int, value: Float)

        public var description: String {
            switch self {
            case let .lengthMismatch(flux, ivar): "flux has \(flux) pixels but ivar \(ivar)"
            case let .nonFiniteFlux(pixel): "flux at pixel \(pixel) is not finite"
            case let .invalidIvar(pixel, value): "ivar at pixel \(pixel) is \(value); it must be finite and >= 0"
            }
        }
    }

    /// Codes `flux` and `ivar` (P entries each).
    public init(flux: [Float], ivar: [Float]) throws(Failure) {
        guard flux.count == ivar.count else { throw .lengthMismatch(flux: flux.count, ivar: ivar.count) }
        if let bad = flux.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteFlux(pixel: bad) }
        if let bad = ivar.firstIndex(where: { !($0.isFinite && $0 >= 0) }) { throw .invalidIvar(pixel: bad, value: ivar[bad]) }
        let (fluxOffset, fluxStep) = Self.range(flux.lazy.map(Double.init))
        self.fluxOffset = fluxOffset
        self.fluxStep = fluxStep
        fluxCodes = flux.map { Self.code(Double($0), offset: fluxOffset, step: fluxStep) }
        let logs = ivar.lazy.filter { $0 > 0 }.map { log2(Double($0)) }
        let (logOffset, logStep) = logs.isEmpty ? (0, 1) : Self.range(logs)
        log2IvarOffset = logOffset
        log2IvarStep = logStep
        ivarCodes = ivar.map { $0 > 0 ? Self.code(log2(Double($0)), offset: logOffset, step: logStep) : Self.zeroIvarCode }
    }

    /// Arrays from stored codes and ranges (no checks: decoding any codes gives finite values).
    public init(fluxCodes: [Int16], fluxOffset: Float, fluxStep: Float, ivarCodes: [Int16], log2IvarOffset: Float,
                log2IvarStep: Float) {
        self.fluxCodes = fluxCodes
        self.fluxOffset = fluxOffset
        self.fluxStep = fluxStep
        self.ivarCodes = ivarCodes
        self.log2IvarOffset = log2IvarOffset
        self.log2IvarStep = log2IvarStep
    }

    /// The decoded normalised flux (P entries).
    public var flux: [Float] {
        fluxCodes.map { Float(Double(fluxOffset) + Double(Int($0) + 32767) * Double(fluxStep)) }
    }

    /// The decoded inverse variance (P entries); exactly 0 where the original was 0.
    public var ivar: [Float] {
        ivarCodes.map { code in
            code == Self.zeroIvarCode ? 0 : Float(exp2(Double(log2IvarOffset) + Double(Int(code) + 32767) * Double(log2IvarStep)))
        }
    }

    /// The largest flux error of a decoded pixel in units of that pixel's noise, over the pixels with
    /// `ivar > 0`: `(step / 2) * sqrt(ivar)`. 0 when no pixel has `ivar > 0`.
    public var maximumFluxErrorInSigma: Double {
        let largest = ivar.max() ?? 0
        return Double(fluxStep) / 2 * Double(largest).squareRoot()
    }

    /// The largest relative error of a decoded inverse variance: `2^(step / 2) - 1`.
    public var maximumRelativeIvarError: Double { exp2(Double(log2IvarStep) / 2) - 1 }

    /// Bytes the coded arrays take as two PostgreSQL `smallint[]` values (24-byte headers, 2 bytes per
    /// pixel) and four `real` ranges; two `real[]` arrays take 48 + 8 per pixel.
    public var storedBytes: Int { 2 * (24 + 2 * fluxCodes.count) + 16 }

    /// `(offset, step)` of a fixed-point range covering `values` (finite, at least one).
    private static func range<S: Sequence<Double>>(_ values: S) -> (Float, Float) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values { lo = min(lo, v); hi = max(hi, v) }
        guard lo.isFinite else { return (0, 1) }
        let offset = Float(lo)
        let step = Float((hi - Double(offset)) / intervals)
        return (offset, step > 0 && step.isFinite ? step : 1)
    }

    /// The code of `value`: nearest step (ties to even) from `offset`, kept inside -32767 ... 32767.
    private static func code(_ value: Double, offset: Float, step: Float) -> Int16 {
        let steps = ((value - Double(offset)) / Double(step)).rounded(.toNearestOrEven)
        return Int16(min(max(steps, 0), intervals) - 32767)
    }
}
