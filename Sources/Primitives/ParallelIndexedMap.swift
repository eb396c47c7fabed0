import Dispatch

/// Fills an array of `count` results on up to `threads` threads: `body(i)` computes element `i`. Threads
/// take the next index from a shared counter (elements may differ in cost), and each index is written by
/// exactly one thread; the order of the result is the order of the indices.
public func parallelIndexedMap<Result>(count: Int, threads: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    guard count > 0 else { return [] }
    let slots = SharedSlots<Result?>(repeating: nil, count: count)
    let next = LockedValue(0)
    DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
        while true {
            let i = next.withLock { (n: inout Int) -> Int in defer { n += 1 }; return n }
            guard i < count else { return }
            slots[i] = body(i)
        }
    }
    return slots.array.enumerated().map { i, value in
        guard let value else { preconditionFailure("parallelIndexedMap: slot \(i) was never written") }
        return value
    }
}
