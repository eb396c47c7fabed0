@testable import SLAMNumerics
import Testing

@Suite("Chi-square template matching")
struct TemplateLibraryTests {
    /// N random templates (P pixels, L = 2 labels) with optional bad pixels.
    static func library(n: Int = 40, p: Int = 64, badFraction: Double = 0, seed: UInt64 = 1)
        throws -> (TemplateLibrary, flux: [Float], good: [Bool])
    {
        var rng = SplitMix64(seed: seed)
        let flux = (0..<(n * p)).map { _ in Float(rng.normal()) }
        let good = (0..<(n * p)).map { _ in rng.uniform() >= badFraction }
        let labels = (0..<(n * 2)).map { _ in rng.normal() }
        return (try TemplateLibrary(flux: flux, good: good, labels: labels, count: n, labelCount: 2), flux, good)
    }

    /// chi2 and shared pixels by direct loops, in Double.
    static func bruteForce(flux: [Float], weights: [Float], templates: [Float], good: [Bool], p: Int,
                           spectrum s: Int, template i: Int) -> (chi2: Double, pixels: Int) {
        var chi2 = 0.0, pixels = 0
        for j in 0..<p where weights[s * p + j] > 0 && good[i * p + j] {
            let d = Double(flux[s * p + j]) - Double(templates[i * p + j])
            chi2 += Double(weights[s * p + j]) * d * d
            pixels += 1
        }
        return (chi2, pixels)
    }

    @Test(arguments: [0.0, 0.1])
    func chiSquareEqualsBruteForceAndRanksBestFirst(badFraction: Double) throws {
        let (library, templates, good) = try Self.library(badFraction: badFraction)
        let p = library.pixelCount, m = 300  // more than one block of spectra
        var rng = SplitMix64(seed: 2)
        var flux = (0..<(m * p)).map { _ in Float(rng.normal()) }
        var weights = (0..<(m * p)).map { _ in Float(0.5 + rng.uniform()) }
        for k in stride(from: 0, to: m * p, by: 7) { weights[k] = 0; flux[k] = .nan }
        let matches = try library.bestMatches(flux: flux, weights: weights, count: m, best: 5)
        for s in 0..<m {
            let all = (0..<library.count).map { Self.bruteForce(flux: flux, weights: weights, templates: templates,
                                                                good: good, p: p, spectrum: s, template: $0) }
            let ranked = (0..<library.count).sorted {
                let a = all[$0].chi2 / Double(all[$0].pixels), b = all[$1].chi2 / Double(all[$1].pixels)
                return a < b || (a == b && $0 < $1)
            }
            #expect(matches[s].count == 5)
            for (r, match) in matches[s].enumerated() {
                let truth = all[match.template]
                #expect(match.pixels == truth.pixels)
                #expect(abs(match.chiSquare - truth.chi2) < 1e-4 * max(1, truth.chi2))
                // Same ranking as brute force, up to Float rounding of near-ties.
                let expected = all[ranked[r]]
                #expect(abs(match.meanChiSquare - expected.chi2 / Double(expected.pixels)) < 1e-4 * match.meanChiSquare)
            }
        }
    }

    @Test func aNoisyCopyOfATemplateMatchesThatTemplate() throws {
        let (library, templates, _) = try Self.library(n: 60, p: 80)
        let p = library.pixelCount
        var rng = SplitMix64(seed: 5)
        let picks = [0, 17, 59, 33]
        var flux: [Float] = [], weights: [Float] = []
        for i in picks {
            for j in 0..<p { flux.append(templates[i * p + j] + Float(0.1 * rng.normal())); weights.append(100) }
        }
        let matches = try library.bestMatches(flux: flux, weights: weights, count: picks.count)
        #expect(matches.map { $0.first?.template } == picks)
    }

    @Test func aSpectrumWithoutGoodPixelsGetsNoMatchAndATemplateWithoutThemIsNeverPicked() throws {
        var flux = [Float](repeating: 1, count: 3 * 4)
        for j in 0..<4 { flux[j] = .nan }  // template 0: every pixel bad
        let library = try TemplateLibrary(flux: flux, labels: [0, 0, 1, 1, 2, 2], count: 3, labelCount: 2)
        let obs: [Float] = [1, 1, 1, 1, 5, 5, 5, 5]
        let weights: [Float] = [1, 1, 1, 1, 0, 0, 0, 0]
        let matches = try library.bestMatches(flux: obs, weights: weights, count: 2, best: 3)
        #expect(matches[0].map(\.template) == [1, 2])
        #expect(matches[1].isEmpty)
    }

    @Test func badShapesAndArgumentsThrow() throws {
        let (library, _, _) = try Self.library(n: 5, p: 8)
        #expect(throws: InferenceError.wrongLength(name: "flux", expected: 16, actual: 15)) {
            try library.bestMatches(flux: [Float](repeating: 0, count: 15), weights: [Float](repeating: 1, count: 16), count: 2)
        }
        #expect(throws: InferenceError.wrongLength(name: "weights", expected: 8, actual: 9)) {
            try library.bestMatches(flux: [Float](repeating: 0, count: 8), weights: [Float](repeating: 1, count: 9), count: 1)
        }
        #expect(throws: InferenceError.invalidArgument(name: "best", value: 0)) {
            try library.bestMatches(flux: [Float](repeating: 0, count: 8), weights: [Float](repeating: 1, count: 8), count: 1, best: 0)
        }
        #expect(throws: InferenceError.emptyTemplateLibrary) {
            try TemplateLibrary(flux: [], labels: [], count: 0, labelCount: 2)
        }
        #expect(throws: InferenceError.emptyTemplateLibrary) {
            try TemplateLibrary(flux: [.nan, .nan], labels: [0, 0], count: 1, labelCount: 2)
        }
        #expect(throws: InferenceError.nonFiniteTemplateLabel(template: 1, label: 0)) {
            try TemplateLibrary(flux: [1, 2, 3, 4], labels: [0, 0, .nan, 0], count: 2, labelCount: 2)
        }
        #expect(throws: InferenceError.wrongLength(name: "labels", expected: 4, actual: 3)) {
            try TemplateLibrary(flux: [1, 2, 3, 4], labels: [0, 0, 0], count: 2, labelCount: 2)
        }
    }

    @Test func aLibraryForAnotherModelIsRejectedByThePredictor() throws {
        let problem = InferenceTestProblem(trainingStars: 50, pixels: 30)
        let predictor = try SLAMPredictor(model: problem.model)
        let (library, _, _) = try Self.library(n: 5, p: 31)
        #expect(throws: InferenceError.templateMismatch(what: "pixels", library: 31, model: 30)) {
            try predictor.predict(flux: [], ivar: [], count: 0, templates: library)
        }
    }
}
