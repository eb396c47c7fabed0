/// A validated, standardised training set laid out for per-pixel SVR: each pixel's targets and weights
/// contiguous (pixels x N, row-major), for the pixels `pixelRange` only (a shard's), while the scalers and
/// usable counts cover all P pixels.
struct PreparedTrainingSet: Sendable {
    let n: Int
    let l: Int
    let p: Int
    let labelNames: [String]
    /// Wavelength of every pixel, Angstrom, P entries.
    let wavelength: [Double]
    let labelScaler: Standardiser
    /// Per-pixel flux standardisation, all P pixels.
    let fluxScaler: Standardiser
    /// Standardised labels, N x L row-major.
    let labels: [Double]
    /// The pixels whose targets and weights are held.
    let pixelRange: Range<Int>
    /// Standardised flux of the pixels of `pixelRange`, pixels x N row-major (``offset(_:)``); 0 where the
    /// weight is 0.
    let targets: [Double]
    /// Sample weights, laid out as `targets`: the 0/1 pixel weight times the star's weight (`starWeights`, 1
    /// without). They scale the SVR caps (C * w); a weight of 0 leaves the star out of that pixel.
    let weights: [Double]
    /// Number of stars with a positive weight per pixel, all P pixels.
    let usableCount: [Int]

    /// Index in `targets` and `weights` of pixel `j`'s first star (`j` in `pixelRange`).
    func offset(_ j: Int) -> Int { (j - pixelRange.lowerBound) * n }

    /// Validates and prepares `data`, holding targets and weights for `pixels` (nil: all; clamped to the
    /// pixels).
    init(_ data: SLAMTrainingData, pixels: Range<Int>? = nil) throws(SLAMTrainingError) {
        let l = data.labelCount, p = data.pixelCount
        guard l > 0 else { throw .emptyDimension(what: "labels") }
        guard data.labels.count % l == 0 else {
            throw .shapeMismatch(what: "labels", expected: (data.labels.count / l) * l, actual: data.labels.count)
        }
        let n = data.starCount
        guard n > 0 else { throw .noTrainingStars }
        guard n >= 2 else { throw .tooFewTrainingStars(count: n, minimum: 2) }
        guard p > 0 else { throw .emptyDimension(what: "pixels") }
        guard data.flux.count == n * p else { throw .shapeMismatch(what: "flux", expected: n * p, actual: data.flux.count) }
        guard data.ivar.count == n * p else { throw .shapeMismatch(what: "ivar", expected: n * p, actual: data.ivar.count) }
        for i in 0..<n {
            for c in 0..<l where !data.labels[i * l + c].isFinite {
                throw .nonFiniteLabel(star: i, label: data.labelNames[c], value: data.labels[i * l + c])
            }
        }
        for c in 0..<l {
            let first = data.labels[c]
            if (1..<n).allSatisfy({ data.labels[$0 * l + c] == first }) {
                throw .constantLabel(name: data.labelNames[c], value: first)
            }
        }
        if let starWeights = data.starWeights {
            guard starWeights.count == n else { throw .shapeMismatch(what: "starWeights", expected: n, actual: starWeights.count) }
            if let i = starWeights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw .invalidStarWeight(star: i, value: starWeights[i])
            }
        }
        let labelScaler = Standardiser.fit(data.labels, rows: n, columns: l)
        let range = (pixels ?? 0..<p).clamped(to: 0..<p)
        var targets = [Double](repeating: 0, count: range.count * n)
        var weights = [Double](repeating: 0, count: range.count * n)
        var mean = [Double](repeating: 0, count: p), scale = [Double](repeating: 1, count: p)
        var usable = [Int](repeating: 0, count: p)
        var column = [Double](repeating: 0, count: n), columnWeight = [Double](repeating: 0, count: n)
        for j in 0..<p {
            for i in 0..<n {
                let w = data.weight(star: i, pixel: j)
                columnWeight[i] = w
                column[i] = w > 0 ? Double(data.flux[i * p + j]) : 0
            }
            let s = Standardiser.fit(column, rows: n, columns: 1, weights: columnWeight)
            mean[j] = s.mean[0]; scale[j] = s.scale[0]
            let held = range.contains(j), o = (j - range.lowerBound) * n
            for i in 0..<n where columnWeight[i] > 0 {
                let w = data.starWeights?[i] ?? 1
                if held {
                    targets[o + i] = (column[i] - mean[j]) / scale[j]
                    weights[o + i] = w
                }
                if w > 0 { usable[j] += 1 }
            }
        }
        self.n = n; self.l = l; self.p = p
        labelNames = data.labelNames
        wavelength = data.wavelength
        pixelRange = range
        self.labelScaler = labelScaler
        fluxScaler = Standardiser(mean: mean, scale: scale)
        labels = labelScaler.forward(matrix: data.labels)
        self.targets = targets
        self.weights = weights
        usableCount = usable
    }
}
