import Dispatch
import Foundation

/// Runs `count` independent jobs (pixels) on `workers` threads, each worker taking the next job from a
/// shared counter (pixels differ in cost) and owning its own scratch state. Results go to disjoint slots.
enum PixelParallelRunner {
    /// Calls `body(job, state)` once per job in `0..<count`; `makeState` is called once per worker.
    static func run<State>(
        count: Int, workers: Int, makeState: @Sendable () -> State, body: @Sendable (Int, inout State) -> Void,
        completed: (@Sendable (Int) -> Void)? = nil
    ) {
        let counter = PixelJobCounter()
        let threads = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var state = makeState()
            while let job = counter.next(limit: count) {
                body(job, &state)
                if let completed { completed(counter.finish()) }
            }
        }
    }
}

/// The shared job counter of `PixelParallelRunner`. `@unchecked Sendable`: every access goes through `lock`.
final class PixelJobCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var nextJob = 0
    private var done = 0

    /// The next job index below `limit`, or nil when all are taken.
    func next(limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextJob < limit else { return nil }
        nextJob += 1
        return nextJob - 1
    }

    /// Counts one finished job and returns the number finished.
    func finish() -> Int {
        lock.lock(); defer { lock.unlock() }
        done += 1
        return done
    }
}

/// A fixed-size output array that parallel workers fill at disjoint indices.
/// `@unchecked Sendable`: callers write each index from one worker only and read after all workers finish.
final class PixelResultBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    subscript(i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }

    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
