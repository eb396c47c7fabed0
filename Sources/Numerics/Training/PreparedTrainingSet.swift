/// A validated, standardised training set laid out for per-pixel SVR: each pixel's targets and weights
/// contiguous (P x N, row-major).
struct PreparedTrainingSet: Sendable {
    let n: Int
    let l: Int
    let p: Int
    let data: SLAMTrainingData
    let labelScaler: Standardiser
    let fluxScaler: Standardiser
    /// Standardised labels, N x L row-major.
    let labels: [Double]
    /// Standardised flux, P x N row-major; 0 where the weight is 0.
    let targets: [Double]
    /// Sample weights, P x N row-major: the 0/1 pixel weight times the star's weight (`starWeights`, 1
    /// without). They scale the SVR caps (C * w); a weight of 0 leaves the star out of that pixel.
    let weights: [Double]
    /// Number of stars with a positive weight per pixel.
    let usableCount: [Int]

    init(_ data: SLAMTrainingData) throws(SLAMTrainingError) {
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
        var targets = [Double](repeating: 0, count: p * n)
        var weights = [Double](repeating: 0, count: p * n)
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
            for i in 0..<n where columnWeight[i] > 0 {
                targets[j * n + i] = (column[i] - mean[j]) / scale[j]
                weights[j * n + i] = data.starWeights?[i] ?? 1
                if weights[j * n + i] > 0 { usable[j] += 1 }
            }
        }
        self.n = n; self.l = l; self.p = p
        self.data = data
        self.labelScaler = labelScaler
        fluxScaler = Standardiser(mean: mean, scale: scale)
        labels = labelScaler.forward(matrix: data.labels)
        self.targets = targets
        self.weights = weights
        usableCount = usable
    }
}
