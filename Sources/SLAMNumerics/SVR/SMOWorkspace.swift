/// The working storage and the SMO iteration of one epsilon-SVR solve (see `EpsilonSVR`). One instance is
/// owned by one task and may be reused for many solves.
///
/// Each training point k carries two dual variables, `a_k` (sign +1) and `a*_k` (sign -1), and one gradient
/// `g_k = (K beta)_k - y_k` with `beta = a - a*`: libsvm's 2n variable gradients are `g_k + eps` and
/// `-g_k + eps`. For the RBF kernel the second-order coefficient of any pair is `2 - 2 K_ij`, so WSS3 reduces
/// to one scan over points per choice, with the variable of each point fixed by its bounds (kept as the
/// offsets `upOffset`, `lowOffset`). Shrinking moves the points that cannot move to the end of the arrays and
/// copies the kernel of the remaining ones into a private contiguous buffer.
///
/// A solve runs in two phases (see `SMOWorkspace+Solve.swift`): a bulk phase whose gradient and offsets are
/// single precision (`gf`, `upf`, `lowf`), scanned 16 lanes at a time, and a double-precision phase that
/// recomputes the gradient exactly from the coefficients and finishes to the requested tolerance. The
/// coefficients `a`, `s` are double precision throughout, so every iterate is exactly feasible.
final class SMOWorkspace {
    private(set) var capacity = 0
    // Point state in working order; `perm[p]` is the problem index of position p.
    var a = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var s = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var g = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var cap = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var y = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    /// `-y_t G_t` of the point's variable in I_up is `upOffset - g`; `-inf` when neither variable is in I_up.
    var upOffset = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    /// `y_t G_t` of the point's variable in I_low is `g + lowOffset`; `-inf` when neither is in I_low.
    var lowOffset = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    /// Single-precision copies of `g`, `upOffset`, `lowOffset` for the bulk phase.
    var gf = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    var upf = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    var lowf = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    var perm = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    var scratch = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var scratchFloat = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    var scratchIndex = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    var compactKernel = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    var compactCapacity = 0
    /// Whether the working kernel is `compactKernel` (after shrinking), whose rows are gathered on first use.
    var kernelIsCompact = false
    /// Per position: whether its `compactKernel` row has been gathered since the last compaction.
    var rowGathered = UnsafeMutablePointer<Bool>.allocate(capacity: 1)

    // Problem being solved.
    var base: UnsafePointer<Float> = UnsafePointer(UnsafeMutablePointer<Float>.allocate(capacity: 0))
    var n = 0
    var eps = 0.0
    // Working problem: positions 0..<m, kernel rows `kernel + p * ld`.
    var m = 0
    var kernel: UnsafePointer<Float> = UnsafePointer(UnsafeMutablePointer<Float>.allocate(capacity: 0))
    var ld = 0
    var isIdentityOrder = true
    /// Whether the bulk (single-precision) phase is running: `gf` is the gradient, `g` is stale.
    var singlePrecision = false
    /// Whether `g` holds the exact gradient of the current coefficients (set by `recomputeGradient`, cleared
    /// by a bulk-phase update).
    var gradientIsExact = false

    static let tau = 1e-12

    init() {}

    deinit {
        for p in [a, s, g, cap, y, upOffset, lowOffset, scratch] { p.deallocate() }
        for p in [gf, upf, lowf, scratchFloat] { p.deallocate() }
        perm.deallocate()
        scratchIndex.deallocate()
        compactKernel.deallocate()
        rowGathered.deallocate()
    }

    func reserve(_ count: Int) {
        guard count > capacity else { return }
        for p in [a, s, g, cap, y, upOffset, lowOffset, scratch] { p.deallocate() }
        for p in [gf, upf, lowf, scratchFloat] { p.deallocate() }
        perm.deallocate()
        scratchIndex.deallocate()
        rowGathered.deallocate()
        rowGathered = .allocate(capacity: count)
        a = .allocate(capacity: count); s = .allocate(capacity: count); g = .allocate(capacity: count)
        cap = .allocate(capacity: count); y = .allocate(capacity: count)
        upOffset = .allocate(capacity: count); lowOffset = .allocate(capacity: count)
        scratch = .allocate(capacity: count)
        gf = .allocate(capacity: count); upf = .allocate(capacity: count); lowf = .allocate(capacity: count)
        scratchFloat = .allocate(capacity: count)
        perm = .allocate(capacity: count); scratchIndex = .allocate(capacity: count)
        capacity = count
    }

    func reserveCompact(_ count: Int) {
        guard count > compactCapacity else { return }
        compactKernel.deallocate()
        compactKernel = .allocate(capacity: count)
        compactCapacity = count
    }

    /// Kernel row of working position p (m entries). After a compaction, a row is gathered from the base
    /// kernel the first time it is asked for: an SMO phase works on a few hundred distinct pairs, so most of
    /// the working rows are never read before the next compaction (gathering all of them cost a tenth of
    /// the solve).
    @inline(__always) func row(_ p: Int) -> UnsafePointer<Float> {
        if kernelIsCompact && !rowGathered[p] { gatherRow(p) }
        return kernel + p * ld
    }

    /// Gathers the compact kernel row of position p from the base kernel.
    func gatherRow(_ p: Int) {
        let source = base + perm[p] * n
        let destination = compactKernel + p * m
        for q in 0..<m { destination[q] = source[perm[q]] }
        rowGathered[p] = true
    }

    /// Sets both offsets of position p from its bounds (double and single precision).
    @inline(__always) func setOffsets(_ p: Int) {
        let ap = a[p], sp = s[p], cp = cap[p]
        let up = sp > 0 ? eps : (ap < cp ? -eps : -.infinity)
        let low = ap > 0 ? eps : (sp < cp ? -eps : -.infinity)
        upOffset[p] = up; lowOffset[p] = low
        upf[p] = Float(up); lowf[p] = Float(low)
    }

    /// The gradient of position p in the running phase's precision.
    @inline(__always) func gradient(_ p: Int) -> Double { singlePrecision ? Double(gf[p]) : g[p] }

    /// Recomputes `g = K beta - y` (and its single-precision copy) for every point from the current
    /// coefficients (identity order, base kernel).
    func recomputeGradient() {
        for k in 0..<n { g[k] = -y[k] }
        let gRaw = UnsafeMutableRawPointer(g)
        for j in 0..<n {
            let beta = a[j] - s[j]
            guard beta != 0 else { continue }
            let rowRaw = UnsafeRawPointer(base + j * n)
            let vbeta = SIMD8<Double>(repeating: beta)
            var k = 0
            while k + 8 <= n {
                let row = SIMD8<Double>(rowRaw.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self))
                let gk = gRaw.loadUnaligned(fromByteOffset: 8 * k, as: SIMD8<Double>.self) + vbeta * row
                gRaw.storeBytes(of: gk, toByteOffset: 8 * k, as: SIMD8<Double>.self)
                k += 8
            }
            while k < n { g[k] += beta * Double(base[j * n + k]); k += 1 }
        }
        for k in 0..<n { gf[k] = Float(g[k]) }
        gradientIsExact = true
    }

    /// Recomputes the single-precision gradient of the working points exactly (in double precision) from the
    /// coefficients, removing the rounding drift of the bulk phase's updates. Any order, any working set.
    func resynchroniseSinglePrecisionGradient() {
        var columns = [Int](), betas = [Double]()
        for p in 0..<n {
            let beta = a[p] - s[p]
            if beta != 0 { columns.append(perm[p]); betas.append(beta) }
        }
        for p in 0..<m {
            let row = base + perm[p] * n
            var sum = -y[p]
            for (q, column) in columns.enumerated() { sum += betas[q] * Double(row[column]) }
            gf[p] = Float(sum)
        }
    }
}
