import Foundation

/// Settings of a ``Worker``.
public struct WorkerConfiguration: Sendable {
    /// Kinds to claim; nil claims every kind (jobs of kinds without a handler then die with
    /// ``JobHandlerError/unknownKind(_:)``, so none is silently left behind).
    public var kinds: [String]?
    /// Worker slots: handlers running at once, each on its own thread.
    public var concurrency: Int
    /// Jobs a slot claims per round trip (1 for long jobs; 50-200 for tiny jobs). Claimed jobs
    /// run one after another; their outcomes are written in one statement when the batch ends.
    public var claimBatchSize: Int
    /// Lease length, seconds: a job whose worker stops heartbeating is rescued this long after
    /// the last heartbeat. Never shorter than a few heartbeat intervals.
    public var leaseSeconds: Double
    /// Seconds between heartbeats (default: a third of the lease).
    public var heartbeatIntervalSeconds: Double
    /// Seconds an idle slot waits for a NOTIFY before polling again.
    public var pollIntervalSeconds: Double
    /// Seconds between sweeps for expired leases (``JobQueue/rescueExpired(asOf:limit:)``).
    public var rescueIntervalSeconds: Double
    /// Backoff of retryable failures.
    public var retryPolicy: RetryPolicy
    /// Exit once ``JobQueue/isDrained(kinds:horizonSeconds:)`` holds (checked by an idle slot).
    public var untilEmpty: Bool
    /// The horizon of the drained test, seconds: jobs scheduled later than this do not keep the
    /// worker alive.
    public var untilEmptyHorizonSeconds: Double
    /// Run at most this long, seconds (nil: no limit); then stop as on graceful shutdown: running jobs
    /// are interrupted and released, claimed ones not yet started released, at once, without waiting
    /// for their leases. For fleets under a batch scheduler (a Slurm array task's time limit).
    public var maxRuntimeSeconds: Double?
    /// Lease owner id: `host:pid:random` by default; unique per worker.
    public var workerID: String

    /// Settings; preconditions: concurrency, batch size, lease and any maximum runtime positive.
    public init(kinds: [String]? = nil, concurrency: Int = 2, claimBatchSize: Int = 1, leaseSeconds: Double = 60,
                heartbeatIntervalSeconds: Double? = nil, pollIntervalSeconds: Double = 2, rescueIntervalSeconds: Double = 5,
                retryPolicy: RetryPolicy = .standard, untilEmpty: Bool = false, untilEmptyHorizonSeconds: Double = 5,
                maxRuntimeSeconds: Double? = nil, workerID: String? = nil) {
        precondition(concurrency >= 1 && claimBatchSize >= 1 && leaseSeconds > 0 && (maxRuntimeSeconds ?? 1) > 0,
                     "invalid WorkerConfiguration")
        self.kinds = kinds
        self.concurrency = concurrency
        self.claimBatchSize = claimBatchSize
        self.leaseSeconds = leaseSeconds
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds ?? leaseSeconds / 3
        self.pollIntervalSeconds = pollIntervalSeconds
        self.rescueIntervalSeconds = rescueIntervalSeconds
        self.retryPolicy = retryPolicy
        self.untilEmpty = untilEmpty
        self.untilEmptyHorizonSeconds = untilEmptyHorizonSeconds
        self.maxRuntimeSeconds = maxRuntimeSeconds
        self.workerID = workerID ?? Self.defaultWorkerID()
    }

    static func defaultWorkerID() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host):\(getpid()):\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }
}
