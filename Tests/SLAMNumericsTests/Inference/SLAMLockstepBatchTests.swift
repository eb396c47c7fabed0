import Foundation
import Primitives
@testable import SLAMNumerics
import Testing

/// Fits in lockstep share one matrix product per round, yet each slot gets exactly its own model values,
/// whatever the number of requests of the other slots; a fit in lockstep ends where it ends alone.
@Suite struct SLAMLockstepBatchTests {
    /// Runs `work(slot)` for every slot on a thread of its own (then `finish`), serving on this thread.
    static func run(_ batch: SLAMLockstepBatch, _ work: @escaping @Sendable (Int) -> Void) {
        for slot in 0..<batch.slots {
            let thread = Thread {
                work(slot)
                batch.finish(slot: slot)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        batch.serve()
    }

    @Test func everySlotGetsTheValuesOfItsOwnLabels() {
        let evaluator = SLAMKernelEvaluator(model: SLAMKernelEvaluatorTests.handModel(), precision: .double)
        let batch = SLAMLockstepBatch(slots: 3, evaluator: evaluator)
        // Slot s asks s + 1 times, alternating between (1, 0) and the origin; slots finish at different rounds.
        let requests: [[[Double]]] = [[[1, 0]], [[0, 0], [1, 0]], [[1, 0], [0, 0], [1, 0]]]
        let seen = LockedValue([[[Double]]](repeating: [], count: 3))
        Self.run(batch) { slot in
            for theta in requests[slot] {
                theta.withUnsafeBufferPointer { batch.request(slot: slot, theta: $0.baseAddress!) }
                let out = batch.slotBuffers[slot]
                seen.withLock { $0[slot].append(out.flux + out.jacobian) }
            }
        }
        let known = SLAMKernelEvaluatorEvaluateTests.self
        let atOneZero = known.atOneZero.flux + known.atOneZero.jacobian
        let atOrigin = known.atOrigin.flux + known.atOrigin.jacobian
        let results = seen.current
        for slot in 0..<3 {
            #expect(results[slot].count == requests[slot].count)
            for (theta, values) in zip(requests[slot], results[slot]) {
                let expected = theta == [1, 0] ? atOneZero : atOrigin
                #expect(values.count == 6)
                for k in 0..<min(6, values.count) { #expect(abs(values[k] - expected[k]) <= 1e-14) }
            }
        }
    }

    @Test func fitsInLockstepEndWhereTheyEndAlone() throws {
        let problem = InferenceTestProblem(trainingStars: 150, pixels: 60, seed: 7)
        var options = PredictionOptions()
        options.precision = .double
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let m = 4
        var rng = SplitMix64(seed: 19)
        let truth = InferenceTestProblem.randomLabels(count: m, rng: &rng, inset: 0.2)
        let (flux, ivar) = InferenceRefinementTests.spectra(problem, labels: truth, count: m, snr: 50, seed: 3)
        let p = problem.pixels
        let prepared = try (0..<m).map { try predictor.prepare(flux: flux, ivar: ivar, offset: $0 * p, index: $0) }
        // Start each fit a fifth of the range away from the truth.
        let range = InferenceTestProblem.range
        var startList: [[Double]] = []
        for s in 0..<m {
            let sign: Double = s % 2 == 0 ? 1 : -1
            var physical: [Double] = []
            for c in 0..<3 { physical.append(truth[s * 3 + c] + 0.2 * range[c] * sign) }
            startList.append(predictor.standardise(labels: physical))
        }
        let starts = startList
        let alone = try (0..<m).map { s in
            try predictor.fit(prepared: prepared[s], starts: [(theta: starts[s], template: nil)], index: s,
                              source: .direct(SLAMKernelBuffers()))
        }
        let batch = SLAMLockstepBatch(slots: m, evaluator: predictor.evaluator)
        let together = LockedValue([Result<LabelFit, InferenceError>?](repeating: nil, count: m))
        Self.run(batch) { s in
            let result = Result { () throws(InferenceError) -> LabelFit in
                try predictor.fit(prepared: prepared[s], starts: [(theta: starts[s], template: nil)], index: s,
                                  source: .lockstep(batch, slot: s))
            }
            together.withLock { $0[s] = result }
        }
        for s in 0..<m {
            let a = alone[s]
            let b = try #require(together.current[s]).get()
            // The same model values up to the summation order of a wider product (1e-15 relative).
            for k in 0..<3 { #expect(abs(a.labels[k] - b.labels[k]) <= 1e-4 * a.formalErrors[k]) }
            #expect(abs(a.chiSquare - b.chiSquare) <= 1e-8 * a.chiSquare)
            #expect(a.pixelsUsed == b.pixelsUsed)
        }
    }
}
