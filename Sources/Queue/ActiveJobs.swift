import Foundation

/// Per-job mutable state shared between a slot thread, the heartbeat thread and the handler.
/// `@unchecked Sendable`: every field is read and written under `lock`.
final class ActiveJobEntry: @unchecked Sendable {
    let lease: JobQueue.Lease
    private let lock = NSLock()
    private var progress: String?
    private var progressDirty = false
    private var lost = false
    private var completedByHandler = false
    private let stop: WorkerSignal

    init(lease: JobQueue.Lease, stop: WorkerSignal) {
        self.lease = lease
        self.stop = stop
    }

    func setProgress(done: Int, total: Int?) {
        let text = total.map { "{\"done\": \(done), \"total\": \($0)}" } ?? "{\"done\": \(done)}"
        lock.withLock {
            progress = text
            progressDirty = true
        }
    }

    /// Progress changed since the last call (nil if unchanged), for heartbeats.
    func takeProgress() -> String? {
        lock.withLock {
            defer { progressDirty = false }
            return progressDirty ? progress : nil
        }
    }

    /// Latest progress, for completion.
    var latestProgress: String? { lock.withLock { progress } }

    func markLost() { lock.withLock { lost = true } }
    /// The handler completed the job inside its result transaction (``JobContext/complete(within:)``);
    /// meaningful only when the handler then returns normally (its transaction committed).
    func markCompletedByHandler() { lock.withLock { completedByHandler = true } }
    var isCompletedByHandler: Bool { lock.withLock { completedByHandler } }
    var isLost: Bool { lock.withLock { lost } }
    var isCancelled: Bool { isLost || stop.isStopping }
}

/// The jobs this worker process holds (claimed, not yet finished), for the heartbeat.
/// `@unchecked Sendable`: the dictionary is only touched under `lock`.
final class ActiveJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Int: ActiveJobEntry] = [:]

    func add(_ entry: ActiveJobEntry) { lock.withLock { entries[entry.lease.id] = entry } }
    func remove(_ id: Int) { _ = lock.withLock { entries.removeValue(forKey: id) } }
    var snapshot: [ActiveJobEntry] { lock.withLock { Array(entries.values) } }
    var count: Int { lock.withLock { entries.count } }
}
