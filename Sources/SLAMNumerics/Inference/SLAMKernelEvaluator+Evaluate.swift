import Foundation

extension SLAMKernelEvaluator {
    /// Evaluates the model (and optionally its Jacobian) at `count` standardised label vectors at once.
    ///
    /// - `thetas`: M x L row-major, standardised labels (finite; checked by the caller).
    /// - `rows`: per group, the ranges of pixels (relative to the group's start) to compute, or `nil` for
    ///   all; pixels outside them are skipped and their outputs left as they were.
    /// - Output in `buffers.flux` (M x P, grouped order, standardised flux) and, with `jacobian`, in
    ///   `buffers.jacobian` (M x P x L, grouped order): one BLAS product per group and row range.
    func evaluate(thetas: UnsafeBufferPointer<Double>, count m: Int, jacobian: Bool,
                  rows: [[Range<Int>]]?, buffers: SLAMKernelBuffers) {
        precondition(thetas.count >= m * labelCount, "thetas must be M x L")
        guard m > 0 else { return }
        let n = trainingCount, l = labelCount, p = pixelCount
        if buffers.flux.count < m * p { buffers.flux = [Double](repeating: 0, count: m * p) }
        if jacobian && buffers.jacobian.count < m * p * l {
            buffers.jacobian = [Double](repeating: 0, count: m * p * l)
        }
        if buffers.distance2.count < m * n { buffers.distance2 = [Double](repeating: 0, count: m * n) }
        trainingLabels.withUnsafeBufferPointer { labels in
            buffers.distance2.withUnsafeMutableBufferPointer { d2 in
                for i in 0..<n {
                    for s in 0..<m {
                        var sum = 0.0
                        for c in 0..<l { let d = thetas[s * l + c] - labels[i * l + c]; sum += d * d }
                        d2[i * m + s] = sum
                    }
                }
            }
        }
        switch coefficients {
        case .single(let c):
            run(coefficients: c, scratch: &buffers.single, thetas: thetas, count: m, jacobian: jacobian,
                rows: rows, buffers: buffers)
        case .double(let c):
            run(coefficients: c, scratch: &buffers.double, thetas: thetas, count: m, jacobian: jacobian,
                rows: rows, buffers: buffers)
        }
    }

    private func run<S: InferenceScalar>(
        coefficients: [S], scratch: inout SLAMKernelScratch<S>, thetas: UnsafeBufferPointer<Double>,
        count m: Int, jacobian: Bool, rows: [[Range<Int>]]?, buffers: SLAMKernelBuffers
    ) {
        let n = trainingCount, l = labelCount, p = pixelCount
        let columns = jacobian ? l + 1 : 1
        let width = m * columns
        let maxRows = groups.map(\.count).max() ?? 0
        if scratch.kernel.count < n * width { scratch.kernel = [S](repeating: 0, count: n * width) }
        if scratch.product.count < maxRows * width { scratch.product = [S](repeating: 0, count: maxRows * width) }
        let d2 = buffers.distance2  // N x M
        var flux = buffers.flux, jac = buffers.jacobian
        buffers.flux = []; buffers.jacobian = []  // keep the arrays uniquely referenced while writing
        defer { buffers.flux = flux; buffers.jacobian = jac }
        coefficients.withUnsafeBufferPointer { coef in
        trainingLabels.withUnsafeBufferPointer { labels in
        scratch.kernel.withUnsafeMutableBufferPointer { g in
        scratch.product.withUnsafeMutableBufferPointer { prod in
        flux.withUnsafeMutableBufferPointer { fx in
        jac.withUnsafeMutableBufferPointer { jx in
            for (gi, group) in groups.enumerated() {
                // G = [k, k o (theta - Theta_1), ..., k o (theta - Theta_L)] per spectrum, N x width.
                for i in 0..<n {
                    for s in 0..<m {
                        let k = Foundation.exp(-group.gamma * d2[i * m + s])
                        let base = i * width + s * columns
                        g[base] = S(k)
                        if jacobian {
                            for c in 0..<l { g[base + 1 + c] = S(k * (thetas[s * l + c] - labels[i * l + c])) }
                        }
                    }
                }
                let ranges = rows?[gi] ?? [0..<group.count]
                let scale = -2 * group.gamma
                for range in ranges where !range.isEmpty {
                    S.inferenceGemm(m: range.count, n: width, k: n,
                                    a: coef.baseAddress! + (group.start + range.lowerBound) * n, lda: n,
                                    b: UnsafePointer(g.baseAddress!), ldb: width,
                                    c: prod.baseAddress! + range.lowerBound * width, ldc: width)
                    for r in range {
                        let q = group.start + r
                        for s in 0..<m {
                            let base = r * width + s * columns
                            fx[s * p + q] = Double(prod[base]) + intercept[q]
                            if jacobian {
                                for c in 0..<l { jx[(s * p + q) * l + c] = scale * Double(prod[base + 1 + c]) }
                            }
                        }
                    }
                }
            }
        }}}}}}
    }
}
