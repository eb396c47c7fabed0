/// Model spectra and Jacobians for many label vectors at once, by matrix products over pixel groups
/// that share a gamma (see `SLAMKernelEvaluator`).
extension SLAMPredictor {
    /// Label vectors evaluated per BLAS product in the batch functions below (bounds the scratch memory).
    static let evaluationBlock = 64

    /// The model spectrum at physical labels `labels` (L entries: K, dex), in normalised flux, P entries
    /// in model pixel order. Throws `.wrongLength` or `.nonFiniteLabels`.
    public func modelSpectrum(labels: [Double]) throws(InferenceError) -> [Double] {
        try modelSpectra(labels: labels, count: 1)
    }

    /// Model spectra at `count` physical label vectors: `labels` M x L row-major -> normalised flux,
    /// M x P row-major in model pixel order. Throws `.wrongLength`, `.invalidArgument` or `.nonFiniteLabels`.
    public func modelSpectra(labels: [Double], count: Int) throws(InferenceError) -> [Double] {
        let l = labelCount
        guard count >= 0 else { throw .invalidArgument(name: "count", value: count) }
        guard labels.count == count * l else { throw .wrongLength(name: "labels", expected: count * l, actual: labels.count) }
        var standardised = labels
        for i in standardised.indices { standardised[i] = labelScaler.forward(labels[i], column: i % l) }
        var flux = try standardisedModel(labels: standardised, count: count, jacobian: false).flux
        let p = pixelCount
        for i in flux.indices { flux[i] = fluxScaler.inverse(flux[i], column: i % p) }
        return flux
    }

    /// Model flux and, optionally, its Jacobian in standardised units at `count` standardised label
    /// vectors (`labels` M x L row-major):
    /// - `flux`: M x P row-major, standardised flux, model pixel order;
    /// - `jacobian`: M x P x L row-major, d f_j / d theta_l = sum_i c_ij K_ij (-2 gamma_j)(theta_l - theta_il)
    ///   (Zhang, Liu & Deng 2020, sect. 3.3); empty when `jacobian` is false.
    /// Throws `.wrongLength`, `.invalidArgument` or `.nonFiniteLabels`.
    public func standardisedModel(labels: [Double], count: Int, jacobian: Bool)
        throws(InferenceError) -> (flux: [Double], jacobian: [Double])
    {
        let l = labelCount, p = pixelCount
        guard count >= 0 else { throw .invalidArgument(name: "count", value: count) }
        guard labels.count == count * l else { throw .wrongLength(name: "labels", expected: count * l, actual: labels.count) }
        if let i = labels.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteLabels(name: "labels", index: i) }
        var flux = [Double](repeating: 0, count: count * p)
        var jac = [Double](repeating: 0, count: jacobian ? count * p * l : 0)
        let buffers = SLAMKernelBuffers()
        var start = 0
        while start < count {
            let m = min(Self.evaluationBlock, count - start)
            labels.withUnsafeBufferPointer { all in
                let block = UnsafeBufferPointer(rebasing: all[(start * l)..<((start + m) * l)])
                evaluator.evaluate(thetas: block, count: m, jacobian: jacobian, rows: nil, buffers: buffers)
            }
            for s in 0..<m {
                for q in 0..<p {
                    let j = evaluator.order[q]
                    flux[(start + s) * p + j] = buffers.flux[s * p + q]
                    if jacobian {
                        for c in 0..<l { jac[((start + s) * p + j) * l + c] = buffers.jacobian[(s * p + q) * l + c] }
                    }
                }
            }
            start += m
        }
        return (flux, jac)
    }
}
