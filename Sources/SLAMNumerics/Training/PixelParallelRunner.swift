import Dispatch
import Foundation
import Primitives

/// Runs `count` independent jobs (pixels) on `workers` threads, each worker taking the next job from a
/// shared counter (pixels differ in cost) and owning its own scratch state. Results go to disjoint slots
/// (``SharedSlots``).
enum PixelParallelRunner {
    /// Calls `body(job, state)` once per job in `0..<count`; `makeState` is called once per worker.
    static func run<State>(
        count: Int, workers: Int, makeState: @Sendable () -> State, body: @Sendable (Int, inout State) -> Void,
        completed: (@Sendable (Int) -> Void)? = nil
    ) {
        let next = LockedValue(0), done = LockedValue(0)
        let threads = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var state = makeState()
            while true {
                let job = next.withLock { (n: inout Int) -> Int in defer { n += 1 }; return n }
                guard job < count else { break }
                body(job, &state)
                if let completed { completed(done.add(1)) }
            }
        }
    }
}
