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
        // Layout: x, y, w, cw (continuum weights), residual: m each; scratch 2m; grid flux, ivar: g each;
        // band 4 nb; coefficients nb.
        let memory = UnsafeMutableBufferPointer<Double>.allocate(capacity: 7 * m + 2 * g + 5 * nb)
        defer { memory.deallocate() }
        let keep = UnsafeMutableBufferPointer<Bool>.allocate(capacity: m)
        defer { keep.deallocate() }
        var offset = 0
        func take(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            defer { offset += count }
            return UnsafeMutableBufferPointer(rebasing: memory[offset..<(offset + count)])
        }
        let x = take(m), y = take(m), w = take(m), cw = take(m), residual = take(m), scratch = take(2 * m)
        let gridFlux = take(g), gridIvar = take(g), band = take(4 * nb), coefficients = take(nb)

        // Rest frame; good pixels: finite flux, finite ivar > 0, not masked. Bad ones get weight 0.
        var good = 0
        for k in 0..<m {
            let i = lo + k
            x[k] = wavelength[i] / shift
            let f = Double(flux[i]), v = Double(ivar[i])
            if f.isFinite, v.isFinite, v > 0, !(badMask?[i] ?? false) {
                y[k] = f; w[k] = v; good += 1
            } else {
                y[k] = 0; w[k] = 0
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
        observer?(.resampling)

        // Pass 1 through all good pixels; then select continuum points and refit, `selectionIterations` times.
        do {
            try SmoothingSpline.fitCoefficients(
                x: UnsafeBufferPointer(x), y: UnsafeBufferPointer(y), weights: UnsafeBufferPointer(w),
                knots: knots, smoothingLength: settings.smoothingLength, band: band, coefficients: coefficients)
        } catch {
            throw .continuumFitFailed(pass: 1, error)
        }
        observer?(.continuumPass1)
        var kept = 0
        for _ in 0..<settings.selectionIterations {
            for k in 0..<m where w[k] > 0 {
                residual[k] = y[k] - SmoothingSpline.value(at: x[k], coefficients: UnsafeBufferPointer(coefficients), knots: knots)
            }
            kept = ContinuumPointSelection.select(
                x: UnsafeBufferPointer(x), residual: UnsafeBufferPointer(residual), weight: UnsafeBufferPointer(w),
                binWidth: settings.binWidth, percentile: settings.continuumPercentile,
                madMultiple: settings.madMultiple, scratch: scratch, keep: keep)
            guard kept >= settings.minimumContinuumPixels else {
                throw .tooFewContinuumPixels(count: kept, required: settings.minimumContinuumPixels)
            }
            for k in 0..<m { cw[k] = keep[k] ? w[k] : 0 }
            observer?(.selection)
            do {
                try SmoothingSpline.fitCoefficients(
                    x: UnsafeBufferPointer(x), y: UnsafeBufferPointer(y), weights: UnsafeBufferPointer(cw),
                    knots: knots, smoothingLength: settings.smoothingLength, band: band, coefficients: coefficients)
            } catch {
                throw .continuumFitFailed(pass: 2, error)
            }
            observer?(.continuumPass2)
        }

        // Normalise on the grid. Bad pixels: flux 1, ivar 0; a value that does not fit a Float is bad too.
        var outFlux = [Float](repeating: 1, count: g)
        var outIvar = [Float](repeating: 0, count: g)
        var outContinuum = [Float](repeating: 0, count: g)
        for p in 0..<g {
            let lambda = gridWavelengths[p]
            let c = SmoothingSpline.value(at: lambda, coefficients: UnsafeBufferPointer(coefficients), knots: knots)
            guard c > 0, c.isFinite else { throw .continuumNotPositive(wavelength: lambda) }
            outContinuum[p] = Float(c)
            guard gridIvar[p] > 0 else { continue }
            let f = Float(gridFlux[p] / c), v = Float(gridIvar[p] * c * c)
            if f.isFinite, v.isFinite, v > 0 {
                outFlux[p] = f; outIvar[p] = v
            } else {
                bad += 1
            }
        }
        guard bad <= settings.maximumBadPixels else {
            throw .tooManyBadPixels(count: bad, limit: settings.maximumBadPixels)
        }
        observer?(.normalisation)
        return PreprocessedSpectrum(
            flux: outFlux, ivar: outIvar, continuum: outContinuum, badPixelCount: bad,
            continuumPixelCount: kept, version: version)
    }
}
