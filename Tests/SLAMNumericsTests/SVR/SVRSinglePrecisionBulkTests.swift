import SLAMNumerics
import Testing

/// The single-precision bulk phase of the SMO solver must not change the optimum: it only chooses the pairs,
/// and the double-precision phase checks the optimality conditions on the exact gradient.
struct SVRSinglePrecisionBulkTests {
    /// Large C on noisy targets (many bounded and free support vectors, the paper's hard case) and the
    /// default tolerance: the two arithmetics reach the same dual objective and fit.
    @Test(arguments: [(n: 400, c: 64.0, epsilon: 0.2), (n: 700, c: 2.0, epsilon: 0.05), (n: 200, c: 1024.0, epsilon: 0.01)])
    func singleAndDoublePrecisionReachTheSameOptimum(n: Int, c: Double, epsilon: Double) throws {
        let (points, y) = SVRTestProblems.random(n: n, d: 6, seed: UInt64(n))
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 6, gamma: 0.1)
        let bulk = try EpsilonSVR(tolerance: 1e-6).solve(kernel: kernel, targets: y, c: c, epsilon: epsilon)
        let exact = try EpsilonSVR(tolerance: 1e-6, singlePrecisionBulk: false)
            .solve(kernel: kernel, targets: y, c: c, epsilon: epsilon)
        #expect(bulk.converged && exact.converged)
        #expect(abs(bulk.dualObjective - exact.dualObjective) <= 1e-6 * abs(exact.dualObjective))
        let fitBulk = bulk.fittedValues(kernel: kernel), fitExact = exact.fittedValues(kernel: kernel)
        let worst = zip(fitBulk, fitExact).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-3)
        for beta in bulk.coefficients { #expect(abs(beta) <= c * (1 + 1e-12)) }
        #expect(abs(bulk.coefficients.reduce(0, +)) <= 1e-9 * c * Double(n))
    }

    /// Duplicated training points (a kernel row equal to another, `2 - 2 K_ij = 0`, so pairs of them have the
    /// floor curvature tau) with conflicting targets: the solver still converges within its iteration limit.
    @Test func duplicatePointsDoNotStallTheSolver() throws {
        let (points, y) = SVRTestProblems.random(n: 120, d: 3, seed: 5)
        let doubled = points + points
        var targets = y + y
        for i in 120..<240 { targets[i] += 0.3 }
        let kernel = SVRKernelMatrix(points: doubled, rows: 240, columns: 3, gamma: 0.3)
        let solution = try EpsilonSVR(tolerance: 1e-4, maxIterations: 200_000)
            .solve(kernel: kernel, targets: targets, c: 32, epsilon: 0.05)
        #expect(solution.converged)
    }

    @Test func processorFeaturesAreReadFromTheCPUInfoFlagsLine() {
        let cpuinfo = "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma bmi2\nbogomips\t: 4000\n"
        #expect(NumericsBuild.missingProcessorFeatures(inCPUInfo: cpuinfo).isEmpty)
        let old = "processor\t: 0\nflags\t\t: fpu sse2 sse4_2 avx\n"
        #expect(NumericsBuild.missingProcessorFeatures(inCPUInfo: old) == NumericsBuild.requiredProcessorFeatures)
        #expect(NumericsBuild.missingProcessorFeatures(inCPUInfo: "no flags here").isEmpty)
    }
}
