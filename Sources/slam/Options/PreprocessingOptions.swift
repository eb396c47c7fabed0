import ArgumentParser
import SLAMNumerics

/// The preprocessing settings of `slam ingest lamost`: the mask policy (see `LamostMaskPolicy`) and the
/// continuum level (`PreprocessingSettings.noiseCorrectedLevel`); any option given makes the batches use
/// these settings instead of the worker's defaults (a new preprocessing version).
struct PreprocessingOptions: ParsableArguments {
    @Option(name: .customLong("mask-and-bits"), help: "LAMOST and-mask bits that mask a pixel (e.g. 0xffffffff, the default, or 5).")
    var andBits: String?
    @Option(name: .customLong("mask-or-bits"), help: "LAMOST or-mask bits that mask a pixel (default 0: none).")
    var orBits: String?
    @Option(name: .customLong("mask-dilation"), help: "Pixels each side of a masked pixel masked too (default 1).")
    var dilation: Int?
    @Option(name: .customLong("flux-bounds"), help: "Normalised-flux bounds LO:HI outside which pixels get zero weight (default -0.5:2).")
    var fluxBounds: String?
    @Option(name: .customLong("many-masked-fraction"), help: "Fraction of masked grid pixels above which flag many_masked_pixels is set (default 0.1).")
    var manyMaskedFraction: Double?
    @Option(name: .customLong("continuum-level"),
            help: "Continuum points around each bin's upper percentile less what the spectrum's noise adds to it ('noise-corrected', the default), or around the plain percentile ('percentile', the paper's).")
    var continuumLevel: ContinuumLevel?

    /// How each continuum bin's level is chosen.
    enum ContinuumLevel: String, ExpressibleByArgument, CaseIterable {
        case noiseCorrected = "noise-corrected"
        case percentile
    }

    /// The settings to send with the batches, or nil when no option was given.
    func settings() throws -> PreprocessingSettings? {
        guard andBits != nil || orBits != nil || dilation != nil || fluxBounds != nil || manyMaskedFraction != nil
            || continuumLevel != nil else { return nil }
        var settings = PreprocessingSettings()
        func bits(_ text: String, _ name: String) throws -> UInt32 {
            let value = text.lowercased().hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text)
            guard let value else { throw ValidationError("\(name) must be an unsigned 32-bit integer (decimal or 0x hex), not '\(text)'") }
            return value
        }
        if let andBits { settings.maskPolicy.andMaskBits = try bits(andBits, "--mask-and-bits") }
        if let orBits { settings.maskPolicy.orMaskBits = try bits(orBits, "--mask-or-bits") }
        if let dilation { settings.maskPolicy.dilation = dilation }
        if let fluxBounds {
            let parts = fluxBounds.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
            guard parts.count == 2, let lo = parts[0], let hi = parts[1] else {
                throw ValidationError("--flux-bounds must be LO:HI, e.g. -0.5:2, not '\(fluxBounds)'")
            }
            settings.maskPolicy.minimumNormalisedFlux = lo
            settings.maskPolicy.maximumNormalisedFlux = hi
        }
        if let manyMaskedFraction { settings.maskPolicy.manyMaskedFraction = manyMaskedFraction }
        if let continuumLevel { settings.noiseCorrectedLevel = continuumLevel == .noiseCorrected }
        do { try settings.validate() } catch { throw ValidationError(error.description) }
        return settings
    }
}
