/// Training spectra with their labels, for the chi-square template match that gives SLAM its first
/// guess (Zhang, Liu & Deng 2020, sect. 3.3). Spectra are held in standardised flux units (the model's
/// `fluxScaler`); a bad template pixel has zero weight and is left out of every chi-square.
///
/// Storage (Float, N templates x P pixels, row-major): `u o t` and `u o t o t`, with `u` the 0/1 mask of
/// good pixels, plus `u` itself when any pixel is bad. Memory: 2 (or 3) x N x P x 4 bytes.
public struct TemplateLibrary: Sendable {
    /// Number of templates, N.
    public let count: Int
    /// Number of pixels per template, P.
    public let pixelCount: Int
    /// Number of labels per template, L.
    public let labelCount: Int
    /// Standardised labels of the templates, N x L row-major.
    public let labels: [Double]
    /// Masked flux `u o t`, N x P row-major.
    let maskedFlux: [Float]
    /// Masked squared flux `u o t o t`, N x P row-major.
    let maskedFluxSquared: [Float]
    /// The 0/1 mask `u`, N x P row-major; `nil` when every pixel is good.
    let mask: [Float]?
    /// Good pixels per template.
    let goodPixels: [Int]

    /// A library from standardised template spectra.
    ///
    /// - `flux`: N x P row-major, standardised flux; a non-finite value marks a bad pixel.
    /// - `good`: N x P row-major, `true` for good pixels, or `nil` for all (before the finiteness test).
    /// - `labels`: N x L row-major, standardised labels (finite).
    /// P is `flux.count / N`. Throws `.emptyTemplateLibrary` for N = 0 or P = 0 (or no template with a
    /// good pixel), `.invalidArgument` when `flux.count` is not a multiple of N, `.wrongLength` on other
    /// shape mismatches, `.nonFiniteTemplateLabel` for a non-finite label.
    public init(flux: [Float], good: [Bool]? = nil, labels: [Double], count n: Int, labelCount l: Int)
        throws(InferenceError)
    {
        guard n > 0, l > 0, !flux.isEmpty else { throw .emptyTemplateLibrary }
        guard flux.count % n == 0 else { throw .invalidArgument(name: "flux.count (not a multiple of count)", value: flux.count) }
        let p = flux.count / n
        if let good, good.count != n * p { throw .wrongLength(name: "good", expected: n * p, actual: good.count) }
        guard labels.count == n * l else { throw .wrongLength(name: "labels", expected: n * l, actual: labels.count) }
        if let i = labels.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteTemplateLabel(template: i / l, label: i % l) }
        var t = [Float](repeating: 0, count: n * p), t2 = t, u = t
        var goodPixels = [Int](repeating: 0, count: n)
        var anyBad = false
        for i in 0..<n {
            for j in 0..<p {
                let k = i * p + j
                let v = flux[k]
                if v.isFinite && (good?[k] ?? true) {
                    t[k] = v; t2[k] = v * v; u[k] = 1; goodPixels[i] += 1
                } else { anyBad = true }
            }
        }
        guard goodPixels.contains(where: { $0 > 0 }) else { throw .emptyTemplateLibrary }
        count = n
        pixelCount = p
        labelCount = l
        self.labels = labels
        maskedFlux = t
        maskedFluxSquared = t2
        mask = anyBad ? u : nil
        self.goodPixels = goodPixels
    }

    /// A library from training spectra in normalised flux and physical labels, standardised with the
    /// predictor's scalers.
    ///
    /// - `normalisedFlux`: N x P row-major; `ivar`: N x P row-major or `nil`. A pixel is bad when its
    ///   flux is non-finite or its ivar is non-finite or <= 0.
    /// - `physicalLabels`: N x L row-major (K, dex).
    /// Throws as the standardised initialiser, and `.templateMismatch` when P differs from the model's.
    public init(normalisedFlux: [Float], ivar: [Float]? = nil, physicalLabels: [Double], count n: Int,
                predictor: SLAMPredictor) throws(InferenceError)
    {
        let p = predictor.pixelCount, l = predictor.labelCount
        guard n > 0 else { throw .emptyTemplateLibrary }
        guard normalisedFlux.count == n * p else {
            throw .wrongLength(name: "normalisedFlux", expected: n * p, actual: normalisedFlux.count)
        }
        if let ivar, ivar.count != n * p { throw .wrongLength(name: "ivar", expected: n * p, actual: ivar.count) }
        guard physicalLabels.count == n * l else {
            throw .wrongLength(name: "physicalLabels", expected: n * l, actual: physicalLabels.count)
        }
        var flux = [Float](repeating: 0, count: n * p)
        for k in flux.indices {
            let j = k % p
            let iv = ivar?[k] ?? 1
            flux[k] = iv.isFinite && iv > 0
                ? Float(predictor.fluxScaler.forward(Double(normalisedFlux[k]), column: j)) : .nan
        }
        let labels = physicalLabels.indices.map { predictor.labelScaler.forward(physicalLabels[$0], column: $0 % l) }
        try self.init(flux: flux, labels: labels, count: n, labelCount: l)
    }

    /// A library of the model's own noise-free spectra at its training labels (N templates): the
    /// natural choice when the training spectra themselves are not at hand.
    public init(modelSpectraOf predictor: SLAMPredictor) throws(InferenceError) {
        let labels = predictor.evaluator.trainingLabels
        let n = predictor.trainingCount
        let flux = try predictor.standardisedModel(labels: labels, count: n, jacobian: false).flux
        try self.init(flux: flux.map { Float($0) }, labels: labels, count: n, labelCount: predictor.labelCount)
    }
}
