import Primitives
import Testing

@Suite struct ParallelIndexedMapTests {
    @Test func resultsKeepTheOrderOfTheIndices() {
        let squares = parallelIndexedMap(count: 1000, threads: 4) { $0 * $0 }
        #expect(squares == (0..<1000).map { $0 * $0 })
    }

    @Test func eachIndexRunsOnce() {
        let calls = LockedValue([Int: Int]())
        _ = parallelIndexedMap(count: 500, threads: 8) { i in calls.withLock { $0[i, default: 0] += 1 } }
        #expect(calls.current.count == 500 && calls.current.values.allSatisfy { $0 == 1 })
    }

    @Test func nothingToMapIsEmpty() {
        #expect(parallelIndexedMap(count: 0, threads: 4) { $0 }.isEmpty)
    }
}
