extension SMOWorkspace {
    /// Solves the two-variable subproblem of libsvm's `Solver::Solve` for the pair, updates the gradient of
    /// every working point (in the running phase's precision) and, in the same pass, finds the next i (returned).
    func update(_ first: (Int, Double), _ second: (Int, Double)) -> SMOChoice {
        let (i, si) = first, (j, sj) = second
        let ci = cap[i], cj = cap[j]
        let oldI = si > 0 ? a[i] : s[i]
        let oldJ = sj > 0 ? a[j] : s[j]
        let gradientI = gradient(i), gradientJ = gradient(j)
        let gi = si > 0 ? gradientI + eps : -gradientI + eps
        let gj = sj > 0 ? gradientJ + eps : -gradientJ + eps
        let rowI = row(i), rowJ = row(j)
        var quad = 2 - 2 * Double(rowI[j])
        if quad <= 0 { quad = Self.tau }
        var ai = oldI, aj = oldJ
        if si != sj {
            let delta = (-gi - gj) / quad
            let diff = ai - aj
            ai += delta; aj += delta
            if diff > 0 {
                if aj < 0 { aj = 0; ai = diff }
            } else {
                if ai < 0 { ai = 0; aj = -diff }
            }
            if diff > ci - cj {
                if ai > ci { ai = ci; aj = ci - diff }
            } else {
                if aj > cj { aj = cj; ai = cj + diff }
            }
        } else {
            let delta = (gi - gj) / quad
            let sum = ai + aj
            ai -= delta; aj += delta
            if sum > ci {
                if ai > ci { ai = ci; aj = sum - ci }
            } else {
                if aj < 0 { aj = 0; ai = sum }
            }
            if sum > cj {
                if aj > cj { aj = cj; ai = sum - cj }
            } else {
                if ai < 0 { ai = 0; aj = sum }
            }
        }
        if si > 0 { a[i] = ai } else { s[i] = ai }
        if sj > 0 { a[j] = aj } else { s[j] = aj }
        setOffsets(i)
        setOffsets(j)
        var di = si * (ai - oldI)
        var dj = sj * (aj - oldJ)
        if i == j { di += dj; dj = 0 }
        if singlePrecision {
            gradientIsExact = false
            let next = updateSinglePrecisionGradient(rowI: rowI, di: Float(di), rowJ: rowJ,
                                                     dj: Float(dj))
            return SMOChoice(index: next.index, value: next.value)
        }
        let next = updateGradient(rowI: rowI, di: di, rowJ: rowJ, dj: dj)
        return SMOChoice(index: next.index, value: next.value)
    }
}
