import Primitives
@testable import SLAMNumerics
import Testing

/// The pixel runner calls its body once per job, whatever the thread count, so that results written to
/// their own slots come back in job order; at most one state per worker; progress counts every job.
@Suite struct PixelParallelRunnerTests {
    @Test(arguments: [1, 2, 3, 8, 64])
    func everyJobRunsOnceAndResultsComeBackInIndexOrder(workers: Int) {
        let count = 37
        let slots = SharedSlots<Int>(repeating: -1, count: count)
        let calls = LockedValue([Int](repeating: 0, count: count))
        let states = LockedValue(0)
        PixelParallelRunner.run(
            count: count, workers: workers,
            makeState: { states.add(1) },
            body: { (job: Int, state: inout Int) in
                calls.withLock { $0[job] += 1 }
                slots[job] = job * job
                _ = state
            })
        #expect(slots.array == (0..<count).map { $0 * $0 })
        #expect(calls.current == [Int](repeating: 1, count: count))
        #expect(states.current >= 1 && states.current <= min(workers, count))
    }

    @Test func progressCountsEveryJobOnce() {
        let reported = LockedValue([Int]())
        PixelParallelRunner.run(count: 25, workers: 3, makeState: { () }, body: { (_: Int, _: inout Void) in },
                                completed: { done in reported.withLock { $0.append(done) } })
        #expect(reported.current.sorted() == Array(1...25))
    }

    @Test func noJobsCallNoBody() {
        let calls = LockedValue(0)
        PixelParallelRunner.run(count: 0, workers: 4, makeState: { () }, body: { (_: Int, _: inout Void) in
            _ = calls.add(1)
        })
        #expect(calls.current == 0)
    }
}
