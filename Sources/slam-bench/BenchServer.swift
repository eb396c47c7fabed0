import ArgumentParser
import Server

/// `slam serve`'s server run inside a benchmark on a free loopback port, until ``stop()``.
struct BenchServer {
    let port: Int
    private let task: Task<Void, any Error>

    /// Starts `server` (give it port 0) and returns once it listens.
    static func start(_ server: CatalogueServer) async throws -> BenchServer {
        let (listening, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        var ports = listening.makeAsyncIterator()
        guard let port = await ports.next() else {
            _ = try await task.value
            throw ValidationError("the server stopped before it listened")
        }
        return BenchServer(port: port, task: task)
    }

    /// Stops the server (graceful shutdown by cancellation) and waits for it.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
