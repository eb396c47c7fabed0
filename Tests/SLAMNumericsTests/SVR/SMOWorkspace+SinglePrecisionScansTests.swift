@testable import SLAMNumerics
import Testing

/// The 16-lane single-precision scans choose the same points as the double-precision scans on the same
/// state, over lane blocks, pairs of blocks and tails; the lane maximum is the largest lane.
@Suite struct SMOWorkspaceSinglePrecisionScansTests {
    @Test(arguments: [7, 16, 33, 50, 77])
    func singlePrecisionScansChooseWhatTheDoublePrecisionScansChoose(n: Int) {
        let (kernel, y, caps, beta) = SMOWorkspaceTests.mixedProblem(n: n, seed: UInt64(100 + n))
        SMOWorkspaceTests.withLoadedWorkspace(kernel: kernel, targets: y, caps: caps, epsilon: 0.1, warmStart: beta) { w in
            let (i, j) = (2, n - 1)
            // Single precision first (it reads gf, which mirrors g), then the same update in double.
            let single = w.updateSinglePrecisionGradient(rowI: w.row(i), di: 0.25, rowJ: w.row(j), dj: -0.25)
            let double = w.updateGradient(rowI: w.row(i), di: 0.25, rowJ: w.row(j), dj: -0.25)
            for k in 0..<n { #expect(abs(Double(w.gf[k]) - w.g[k]) <= 1e-5 * (1 + abs(w.g[k]))) }
            #expect(single.index == double.index)
            #expect(abs(single.value - double.value) <= 1e-5 * (1 + abs(double.value)))
            let choice = w.singlePrecisionViolations()
            #expect(choice.index == double.index)
            let secondSingle = w.singlePrecisionSecondChoice(rowI: w.row(single.index), i: single.index,
                                                             gmax: Float(single.value))
            let secondDouble = w.secondChoice(rowI: w.row(double.index), gmax: double.value)
            #expect(secondSingle.index == secondDouble.index)
            #expect(abs(Double(secondSingle.lowMax) - secondDouble.gmax2) <= 1e-5 * (1 + abs(secondDouble.gmax2)))
            #expect(w.lowf[single.index] == Float(w.lowOffset[single.index]))  // i's offset restored
        }
    }

    @Test func theFirstChoiceIsNeverItsOwnSecondChoice() {
        // One point: its own two variables never form a violating pair, even when rounding puts its b a hair
        // above 0 (here forced through its low offset); the scan then finds no j, and restores the offset.
        let kernel = SVRKernelMatrix(count: 1, gamma: 1, values: [1])
        SMOWorkspaceTests.withLoadedWorkspace(kernel: kernel, targets: [1], caps: [1], epsilon: 0.1) { w in
            let gmax = w.upf[0] - w.gf[0]
            w.lowf[0] = -gmax - w.gf[0] + 1e-6
            let forced = w.lowf[0]
            #expect(gmax + w.gf[0] + forced > 0)
            let second = w.singlePrecisionSecondChoice(rowI: w.row(0), i: 0, gmax: gmax)
            #expect(second.index == -1)
            #expect(second.lowMax == w.gf[0] + forced)
            #expect(w.lowf[0] == forced)
        }
    }

    @Test func laneMaximumIsTheLargestLane() {
        var values = SIMD16<Float>(repeating: -.infinity)
        #expect(laneMaximum(values) == -.infinity)
        for lane in 0..<16 {
            values = SIMD16<Float>(repeating: -3)
            values[lane] = 2.5
            values[(lane + 5) % 16] = 2
            #expect(laneMaximum(values) == 2.5)
        }
        var positions = SIMD16<Int32>(repeating: -1)
        #expect(laneMaximum(positions) == -1)
        positions[11] = 4_000_123
        positions[3] = 17
        #expect(laneMaximum(positions) == 4_000_123)
    }
}
