import Foundation

/// Runs blocking work (libpq calls, CPU-heavy handlers) on a dedicated `Thread`, not on the Swift
/// cooperative pool, and bridges the result back to async code with a continuation.
///
/// The cooperative pool has one thread per core (two here): a blocking libpq call or an hour-long
/// training run on it would starve every other task, including heartbeats. Create a
/// ``PostgresConnection`` inside `body` and drop it there; it must not cross threads.
public enum BlockingThread {
    /// Runs `body` on a new thread named `name` and returns its value (or rethrows its error).
    public static func run<T: Sendable>(name: String = "slam-blocking", _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.stackSize = 4 << 20
            thread.start()
        }
    }
}
