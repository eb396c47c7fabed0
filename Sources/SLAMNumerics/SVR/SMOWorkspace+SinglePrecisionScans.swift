/// The two O(m) scans of an SMO iteration in the bulk phase: single-precision gradient and offsets, 16 lanes
/// at a time (one AVX-512 register, two AVX2 or four SSE registers), each lane keeping its own running best,
/// merged at the end. Selection only needs to be good, not exact: the double-precision phase that follows
/// checks the optimality conditions on the exact gradient.
extension SMOWorkspace {
    typealias FloatLanes = SIMD16<Float>
    typealias IndexLanes = SIMD16<Int32>
    static let laneCount = 16

    /// `gf += di K_i + dj K_j` over the working points, returning the argmax of `upf - gf` (the next i, with
    /// its violation). The maximum of `gf + lowf` for the stopping test comes from the next second-choice
    /// scan, which reads `gf + lowf` anyway.
    @inline(__always)
    func updateSinglePrecisionGradient(rowI: UnsafePointer<Float>, di: Float, rowJ: UnsafePointer<Float>, dj: Float)
        -> (index: Int, value: Double) {
        let count = m, width = Self.laneCount
        let gRaw = UnsafeMutableRawPointer(gf)
        let upRaw = UnsafeRawPointer(upf)
        let rawI = UnsafeRawPointer(rowI), rawJ = UnsafeRawPointer(rowJ)
        let vdi = FloatLanes(repeating: di), vdj = FloatLanes(repeating: dj)
        var bestValue = FloatLanes(repeating: -.infinity)
        var bestIndex = IndexLanes(repeating: -1)  // block start of each lane's best (see the second choice)
        var k = 0
        while k + width <= count {
            let ki = rawI.loadUnaligned(fromByteOffset: 4 * k, as: FloatLanes.self)
            let kj = rawJ.loadUnaligned(fromByteOffset: 4 * k, as: FloatLanes.self)
            // Not `addProduct`: without FMA in the baseline ISA it becomes a libm call per lane.
            let gk = gRaw.loadUnaligned(fromByteOffset: 4 * k, as: FloatLanes.self) + vdi * ki + vdj * kj
            gRaw.storeBytes(of: gk, toByteOffset: 4 * k, as: FloatLanes.self)
            let v = upRaw.loadUnaligned(fromByteOffset: 4 * k, as: FloatLanes.self) - gk
            let better = v .>= bestValue
            bestValue.replace(with: v, where: better)
            bestIndex.replace(with: IndexLanes(repeating: Int32(k)), where: better)
            k += width
        }
        if k > 0 { bestIndex &+= IndexLanes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) }
        // Lane merge in SIMD: the largest value, and of the lanes holding it the largest position.
        var gmax = laneMaximum(bestValue)
        var imax = Int(laneMaximum(bestIndex.replacing(with: -1, where: bestValue .!= FloatLanes(repeating: gmax))))
        while k < count {
            let gk = gf[k] + di * rowI[k] + dj * rowJ[k]
            gf[k] = gk
            let v = upf[k] - gk
            if v >= gmax { gmax = v; imax = k }
            k += 1
        }
        return (imax, Double(gmax))
    }

    /// The maximum of `upf - gf` over the working points (argmax), without updating.
    func singlePrecisionViolations() -> SMOChoice {
        var imax = -1
        var gmax = -Float.infinity
        for k in 0..<m {
            let v = upf[k] - gf[k]
            if v >= gmax { gmax = v; imax = k }
        }
        return SMOChoice(index: imax, value: Double(gmax))
    }

    /// WSS3's second choice for a given i (row `rowI`, violation `gmax`) in single precision: the j
    /// maximising `b^2 / quad` with `b = gmax + y_j G_j > 0`, `quad = 2 - 2 K_ij` (compared by
    /// cross-multiplication). The point i itself is left out: its own two variables never form a violating
    /// pair (b = -2 epsilon), but rounding in single precision can make b a hair above 0 and, with quad = tau,
    /// the pair would win and make no progress. Returns the position (-1 when no point qualifies) and the
    /// maximum of `gf + lowf` over all working points, i included (the stopping test's max of y G over I_low).
    ///
    /// `quad` is not clamped to `tau`: for the RBF kernel `2 - 2 K_ij >= 0`, and a duplicate of i (quad = 0,
    /// b > 0) then wins the cross-multiplied comparison outright, as it would with libsvm's `tau` (the update
    /// itself uses `tau`).
    @inline(__always)
    func singlePrecisionSecondChoice(rowI: UnsafePointer<Float>, i: Int, gmax: Float) -> (index: Int, lowMax: Float) {
        let count = m, width = Self.laneCount
        let gRaw = UnsafeRawPointer(gf), lowRaw = UnsafeRawPointer(lowf), rawI = UnsafeRawPointer(rowI)
        let vgmax = FloatLanes(repeating: gmax)
        let two = FloatLanes(repeating: 2), zero = FloatLanes()
        // Leave i out by hiding it from I_low for the scan.
        let lowOfI = lowf[i]
        let lowMaxOfI = gf[i] + lowOfI
        lowf[i] = -.infinity
        defer { lowf[i] = lowOfI }
        // Two independent sets of running bests (even and odd blocks of 16) halve the loop-carried chain of
        // multiply, compare and blend that otherwise bounds the scan.
        var bestNum = (FloatLanes(repeating: 0), FloatLanes(repeating: 0))
        var bestDen = (FloatLanes(repeating: 1), FloatLanes(repeating: 1))
        // Each lane keeps the start of the block where its best was found (the position is block + lane):
        // a broadcast per block instead of a running position vector, which frees two registers of the
        // eight the loop would otherwise spill.
        var bestIndex = (IndexLanes(repeating: -1), IndexLanes(repeating: -1))
        // Running maximum of b = gmax + y G over I_low (y G = b - gmax).
        var bMax = FloatLanes(repeating: -.infinity)
        @inline(__always) func candidates(_ offset: Int) -> (num: FloatLanes, quad: FloatLanes, valid: SIMDMask<IndexLanes>) {
            let b = vgmax + (gRaw.loadUnaligned(fromByteOffset: 4 * offset, as: FloatLanes.self)
                + lowRaw.loadUnaligned(fromByteOffset: 4 * offset, as: FloatLanes.self))
            bMax.replace(with: b, where: b .> bMax)  // not `pointwiseMax`: that is scalarised lane by lane
            let quad = two - two * rawI.loadUnaligned(fromByteOffset: 4 * offset, as: FloatLanes.self)
            return (b * b, quad, b .> zero)
        }
        var k = 0
        while k + 2 * width <= count {
            let first = candidates(k)
            let better0 = first.valid .& (first.num * bestDen.0 .>= bestNum.0 * first.quad)
            bestNum.0.replace(with: first.num, where: better0)
            bestDen.0.replace(with: first.quad, where: better0)
            bestIndex.0.replace(with: IndexLanes(repeating: Int32(k)), where: better0)
            let second = candidates(k + width)
            let better1 = second.valid .& (second.num * bestDen.1 .>= bestNum.1 * second.quad)
            bestNum.1.replace(with: second.num, where: better1)
            bestDen.1.replace(with: second.quad, where: better1)
            bestIndex.1.replace(with: IndexLanes(repeating: Int32(k + width)), where: better1)
            k += 2 * width
        }
        if k + width <= count {
            let first = candidates(k)
            let better0 = first.valid .& (first.num * bestDen.0 .>= bestNum.0 * first.quad)
            bestNum.0.replace(with: first.num, where: better0)
            bestDen.0.replace(with: first.quad, where: better0)
            bestIndex.0.replace(with: IndexLanes(repeating: Int32(k)), where: better0)
            k += width
        }
        let iota = IndexLanes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        bestIndex.0 &+= iota
        bestIndex.1 &+= iota
        // Lane merge in SIMD (a scalar loop over the 32 lanes cost a fifth of the scan): each lane's gain
        // b^2 / quad (+inf for quad = 0; 0 for a lane without a candidate, whose num stayed 0), the two sets
        // merged, then the best gain and, of the lanes holding it, the largest position.
        var gain = bestNum.0 / bestDen.0
        let gain1 = bestNum.1 / bestDen.1
        let takeSecond = gain1 .> gain .| (gain1 .== gain .& bestIndex.1 .> bestIndex.0)
        gain.replace(with: gain1, where: takeSecond)
        let index = bestIndex.0.replacing(with: bestIndex.1, where: takeSecond)
        var num = laneMaximum(gain), den: Float = 1
        var jmin = -1
        if num > 0 {
            jmin = Int(laneMaximum(index.replacing(with: -1, where: gain .!= FloatLanes(repeating: num))))
        } else {
            num = 0
        }
        var lowMax = max(laneMaximum(bMax) - gmax, lowMaxOfI)
        while k < count {
            let yG = gf[k] + lowf[k]
            lowMax = max(lowMax, yG)
            let b = gmax + yG
            if b > 0 {
                let quad = 2 - 2 * rowI[k]
                if jmin < 0 || b * b * den >= num * quad { num = b * b; den = quad; jmin = k }
            }
            k += 1
        }
        return (jmin, lowMax)
    }
}

/// The largest lane of `v` by a tree of half-width comparisons (the standard library's `max()` is a scalar
/// loop over the lanes here; `pointwiseMax` is scalarised too).
@inline(__always)
func laneMaximum(_ v: SIMD16<Float>) -> Float {
    var half = v.lowHalf
    half.replace(with: v.highHalf, where: v.highHalf .> half)
    var quarter = half.lowHalf
    quarter.replace(with: half.highHalf, where: half.highHalf .> quarter)
    var eighth = quarter.lowHalf
    eighth.replace(with: quarter.highHalf, where: quarter.highHalf .> eighth)
    return eighth[1] > eighth[0] ? eighth[1] : eighth[0]
}

/// The largest of the lane positions `v` (>= -1; exact in Float below 2^24 points), by `laneMaximum`.
@inline(__always)
func laneMaximum(_ v: SIMD16<Int32>) -> Int32 {
    Int32(laneMaximum(SIMD16<Float>(v)))
}
