/// The two O(m) scans of every SMO iteration, written with 4-lane SIMD: each lane keeps its own running
/// best, merged at the end. They are where the solver spends its time (docs/method.md, "Where the cost is").
extension SMOWorkspace {
    /// `g += di K_i + dj K_j` over the working points, returning the argmax of `upOffset - g` (the next i).
    @inline(__always)
    func updateGradient(rowI: UnsafePointer<Float>, di: Double, rowJ: UnsafePointer<Float>, dj: Double)
        -> (index: Int, value: Double) {
        let count = m
        let gRaw = UnsafeMutableRawPointer(g)
        let upRaw = UnsafeRawPointer(upOffset)
        let rawI = UnsafeRawPointer(rowI), rawJ = UnsafeRawPointer(rowJ)
        let vdi = SIMD4<Double>(repeating: di), vdj = SIMD4<Double>(repeating: dj)
        var bestValue = SIMD4<Double>(repeating: -.infinity)
        var bestIndex = SIMD4<Int64>(repeating: -1)
        var lane = SIMD4<Int64>(0, 1, 2, 3)
        var k = 0
        while k + 4 <= count {
            let ki = SIMD4<Double>(rawI.loadUnaligned(fromByteOffset: 4 * k, as: SIMD4<Float>.self))
            let kj = SIMD4<Double>(rawJ.loadUnaligned(fromByteOffset: 4 * k, as: SIMD4<Float>.self))
            let gk = gRaw.loadUnaligned(fromByteOffset: 8 * k, as: SIMD4<Double>.self) + vdi * ki + vdj * kj
            gRaw.storeBytes(of: gk, toByteOffset: 8 * k, as: SIMD4<Double>.self)
            let v = upRaw.loadUnaligned(fromByteOffset: 8 * k, as: SIMD4<Double>.self) - gk
            let better = v .>= bestValue
            bestValue.replace(with: v, where: better)
            bestIndex.replace(with: lane, where: better)
            lane &+= 4
            k += 4
        }
        var imax = -1
        var gmax = -Double.infinity
        for l in 0..<4 where bestIndex[l] >= 0 && (bestValue[l] > gmax || (bestValue[l] == gmax && Int(bestIndex[l]) > imax)) {
            gmax = bestValue[l]; imax = Int(bestIndex[l])
        }
        while k < count {
            let gk = g[k] + di * Double(rowI[k]) + dj * Double(rowJ[k])
            g[k] = gk
            let v = upOffset[k] - gk
            if v >= gmax { gmax = v; imax = k }
            k += 1
        }
        return (imax, gmax)
    }

    /// WSS3's second choice for a given i (row `rowI`, violation `gmax`): the j maximising `b^2 / quad` with
    /// `b = gmax + y_j G_j > 0`, `quad = max(2 - 2 K_ij, tau)` (compared by cross-multiplication, no
    /// division), and the largest `y_j G_j` over I_low for the stopping test. Returns (j or -1, gmax2).
    @inline(__always)
    func secondChoice(rowI: UnsafePointer<Float>, gmax: Double) -> (index: Int, gmax2: Double) {
        let count = m
        let gRaw = UnsafeRawPointer(g), lowRaw = UnsafeRawPointer(lowOffset), rawI = UnsafeRawPointer(rowI)
        let vgmax = SIMD4<Double>(repeating: gmax)
        let two = SIMD4<Double>(repeating: 2), tau = SIMD4<Double>(repeating: Self.tau)
        var maxYG = SIMD4<Double>(repeating: -.infinity)
        var bestNum = SIMD4<Double>(repeating: 0), bestDen = SIMD4<Double>(repeating: 1)
        var bestIndex = SIMD4<Int64>(repeating: -1)
        var lane = SIMD4<Int64>(0, 1, 2, 3)
        var k = 0
        while k + 4 <= count {
            let yG = gRaw.loadUnaligned(fromByteOffset: 8 * k, as: SIMD4<Double>.self)
                + lowRaw.loadUnaligned(fromByteOffset: 8 * k, as: SIMD4<Double>.self)
            maxYG.replace(with: yG, where: yG .> maxYG)
            let b = vgmax + yG
            var quad = two - two * SIMD4<Double>(rawI.loadUnaligned(fromByteOffset: 4 * k, as: SIMD4<Float>.self))
            quad.replace(with: tau, where: quad .<= 0)
            let num = b * b
            let better = (b .> 0) .& (num * bestDen .>= bestNum * quad)
            bestNum.replace(with: num, where: better)
            bestDen.replace(with: quad, where: better)
            bestIndex.replace(with: lane, where: better)
            lane &+= 4
            k += 4
        }
        var gmax2 = maxYG.max()
        var jmin = -1
        var num = 0.0, den = 1.0
        for l in 0..<4 where bestIndex[l] >= 0 {
            let lhs = bestNum[l] * den, rhs = num * bestDen[l]
            if jmin < 0 || lhs > rhs || (lhs == rhs && Int(bestIndex[l]) > jmin) {
                num = bestNum[l]; den = bestDen[l]; jmin = Int(bestIndex[l])
            }
        }
        while k < count {
            let yG = g[k] + lowOffset[k]
            if yG >= gmax2 { gmax2 = yG }
            let b = gmax + yG
            if b > 0 {
                var quad = 2 - 2 * Double(rowI[k])
                if quad <= 0 { quad = Self.tau }
                if jmin < 0 || b * b * den >= num * quad { num = b * b; den = quad; jmin = k }
            }
            k += 1
        }
        return (jmin, gmax2)
    }
}
