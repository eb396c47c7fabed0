extension SpectrumPreprocessor {
    /// The body of `preprocess` after the input checks: `range` holds the observed pixels used, `shift`
    /// is 1 + z. All work arrays live in one allocation freed on return.
    func run(
        wavelength: [Double], flux: [Float], ivar: [Float], badMask: [Bool]?,
        range: ClosedRange<Int>, shift: Double, observer: ((PreprocessingStage) -> Void)?
    ) throws(PreprocessingError) -> PreprocessedSpectrum {
        let m = range.count, g = gridWavelengths.count, lo = range.lowerBound
        let knotsOrNil = try? SmoothingSpline.Knots(
            start: wavelength[range.lowerBound] / shift, end: wavelength[range.upperBound] / shift,
            targetSpacing: settings.knotSpacing)
        guard let knots = knotsOrNil else {
            throw .invalidSetting(name: "knotSpacing", value: settings.knotSpacing)
        }
        let nb = knots.basisCount
        // Layout: x, y, w, cw (continuum weights), residual, unmasked weights: m each; scratch 2m;
        // grid flux, ivar, and both again without the mask: g each; band 4 nb; coefficients, pass 1: nb each.
        let memory = UnsafeMutableBufferPointer<Double>.allocate(capacity: 8 * m + 4 * g + 6 * nb)
        defer { memory.deallocate() }
        let keep = UnsafeMutableBufferPointer<Bool>.allocate(capacity: m)
        defer { keep.deallocate() }
        var offset = 0
        func take(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            defer { offset += count }
            return UnsafeMutableBufferPointer(rebasing: memory[offset..<(offset + count)])
        }
        let x = take(m), y = take(m), w = take(m), cw = take(m), residual = take(m), unmasked = take(m)
        let scratch = take(2 * m)
        let gridFlux = take(g), gridIvar = take(g), gridFluxUnmasked = take(g), gridIvarUnmasked = take(g)
        let band = take(4 * nb), coefficients = take(nb), pass1 = take(nb)

        // Rest frame; good pixels: finite flux, finite ivar > 0, not masked. Bad ones get weight 0.
        var good = 0, anyMasked = false
        for k in 0..<m {
            let i = lo + k
            x[k] = wavelength[i] / shift
            let f = Double(flux[i]), v = Double(ivar[i])
            let usable = f.isFinite && v.isFinite && v > 0
            let masked = badMask?[i] ?? false
            anyMasked = anyMasked || masked
            // For counting only: a masked pixel is good here whatever its ivar (LAMOST gives and-masked
            // pixels ivar 0 too), so the difference of the two bad counts is what the mask covers.
            unmasked[k] = masked ? 1 : (usable ? v : 0)
            if usable, !masked {
                y[k] = f; w[k] = v; good += 1
            } else {
                y[k] = usable ? f : 0; w[k] = 0
            }
        }
        guard good >= settings.minimumGoodPixels else {
            throw .tooFewGoodPixels(count: good, required: settings.minimumGoodPixels)
        }
        observer?(.validation)

        var bad = gridWavelengths.withUnsafeBufferPointer { grid in
            FluxResampler.resample(
                x: UnsafeBufferPointer(x), flux: UnsafeBufferPointer(y), ivar: UnsafeBufferPointer(w),
                grid: grid, outFlux: gridFlux, outIvar: gridIvar)
        }
        guard bad <= settings.maximumBadPixels else {
            throw .tooManyBadPixels(count: bad, limit: settings.maximumBadPixels)
        }
        // Grid pixels the mask covers that are not bad for another reason (outside the observed range,
        // unmasked pixels with ivar 0): the bad count without the mask, subtracted.
        var maskedGrid = 0
        if anyMasked {
            let badUnmasked = gridWavelengths.withUnsafeBufferPointer { grid in
                FluxResampler.resample(
                    x: UnsafeBufferPointer(x), flux: UnsafeBufferPointer(y), ivar: UnsafeBufferPointer(unmasked),
                    grid: grid, outFlux: gridFluxUnmasked, outIvar: gridIvarUnmasked)
            }
            maskedGrid = max(0, bad - badUnmasked)
        }
        observer?(.resampling)

        // Pass 1 through all good pixels; then select continuum points and refit, `selectionIterations`
        // times. If a selection or a later fit fails, fall back to pass 1 and flag the spectrum.
        do {
            try SmoothingSpline.fitCoefficients(
                x: UnsafeBufferPointer(x), y: UnsafeBufferPointer(y), weights: UnsafeBufferPointer(w),
                knots: knots, smoothingLength: settings.smoothingLength, band: band, coefficients: coefficients)
        } catch {
            throw .continuumFitFailed(pass: 1, error)
        }
        for k in 0..<nb { pass1[k] = coefficients[k] }
        observer?(.continuumPass1)
        var kept = 0, fallback = false
        for _ in 0..<settings.selectionIterations {
            for k in 0..<m where w[k] > 0 {
                residual[k] = y[k] - SmoothingSpline.value(at: x[k], coefficients: UnsafeBufferPointer(coefficients), knots: knots)
            }
            kept = ContinuumPointSelection.select(
                x: UnsafeBufferPointer(x), residual: UnsafeBufferPointer(residual), weight: UnsafeBufferPointer(w),
                binWidth: settings.binWidth, percentile: settings.continuumPercentile,
                madMultiple: settings.madMultiple, noiseCorrected: settings.noiseCorrectedLevel, scratch: scratch, keep: keep)
            observer?(.selection)
            guard kept >= settings.minimumContinuumPixels else { fallback = true; break }
            for k in 0..<m { cw[k] = keep[k] ? w[k] : 0 }
            do {
                try SmoothingSpline.fitCoefficients(
                    x: UnsafeBufferPointer(x), y: UnsafeBufferPointer(y), weights: UnsafeBufferPointer(cw),
                    knots: knots, smoothingLength: settings.smoothingLength, band: band, coefficients: coefficients)
            } catch {
                fallback = true
                break
            }
            observer?(.continuumPass2)
        }
        if !fallback, !continuumPositive(coefficients: UnsafeBufferPointer(coefficients), knots: knots) {
            fallback = true
        }
        if fallback {
            for k in 0..<nb { coefficients[k] = pass1[k] }
            kept = good
        }

        // Normalise on the grid. Bad pixels: flux 1, ivar 0; a value that does not fit a Float is bad too,
        // and so is one outside the mask policy's bounds.
        let policy = settings.maskPolicy
        var outFlux = [Float](repeating: 1, count: g)
        var outIvar = [Float](repeating: 0, count: g)
        var outContinuum = [Float](repeating: 0, count: g)
        var outOfBounds = 0
        for p in 0..<g {
            let lambda = gridWavelengths[p]
            let c = SmoothingSpline.value(at: lambda, coefficients: UnsafeBufferPointer(coefficients), knots: knots)
            guard c > 0, c.isFinite else { throw .continuumNotPositive(wavelength: lambda) }
            outContinuum[p] = Float(c)
            guard gridIvar[p] > 0 else { continue }
            let f = Float(gridFlux[p] / c), v = Float(gridIvar[p] * c * c)
            if f.isFinite, v.isFinite, v > 0 {
                if policy.acceptsNormalisedFlux(f) {
                    outFlux[p] = f; outIvar[p] = v
                } else {
                    outOfBounds += 1
                }
            } else {
                bad += 1
            }
        }
        guard bad <= settings.maximumBadPixels else {
            throw .tooManyBadPixels(count: bad, limit: settings.maximumBadPixels)
        }
        observer?(.normalisation)
        let masked = maskedGrid + outOfBounds
        var flags: PreprocessingFlags = []
        if fallback { flags.insert(.normalisationFallback) }
        if Double(masked) > policy.manyMaskedFraction * Double(g) { flags.insert(.manyMaskedPixels) }
        return PreprocessedSpectrum(
            flux: outFlux, ivar: outIvar, continuum: outContinuum, badPixelCount: bad + outOfBounds,
            continuumPixelCount: kept, version: version, maskedPixelCount: masked,
            normalisationFallback: fallback, flags: flags)
    }

    /// Whether the spline is finite and positive at every grid wavelength.
    private func continuumPositive(coefficients: UnsafeBufferPointer<Double>, knots: SmoothingSpline.Knots) -> Bool {
        for lambda in gridWavelengths {
            let c = SmoothingSpline.value(at: lambda, coefficients: coefficients, knots: knots)
            if !(c > 0 && c.isFinite) { return false }
        }
        return true
    }
}
