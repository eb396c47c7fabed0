import Dispatch
import Primitives
import Testing

@Suite struct LockedValueTests {
    @Test func concurrentAdditionsAreNeverLost() {
        let total = LockedValue(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { total.add(1) }
        }
        #expect(total.current == 80_000)
    }

    @Test func withLockReturnsTheBodysResult() {
        let names = LockedValue([String]())
        let count = names.withLock { list -> Int in
            list.append("a")
            return list.count
        }
        #expect(count == 1 && names.current == ["a"])
    }
}
