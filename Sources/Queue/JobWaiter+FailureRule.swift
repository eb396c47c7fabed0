/// When a waiter stops following a job that is not finished, so that no `--wait` waits for ever on a
/// job that keeps failing: a pure decision on the job's state and error history, tested without a server.
extension JobWaiter {
    /// The rule: a job that is waiting for a retry (`available` after a failed attempt) is given up on
    /// when its last ``repeatedErrors`` failed attempts all ended with the same error, at least one of
    /// them while this waiter was watching (so a job that failed before and may succeed now is given its
    /// next attempt), and that error is not a planned wait for other jobs (``isWaitingForOtherJobs``,
    /// e.g. a calibration waiting for its model's prediction jobs). Dead and cancelled jobs are finished
    /// anyway. The job itself is left in the queue: it may still succeed later (`slam jobs show ID`).
    public struct FailureRule: Sendable {
        /// Identical consecutive failures that make a job "failing" (>= 1).
        public var repeatedErrors: Int
        /// Errors that are planned waits, not failures: never a reason to give up.
        public var isWaitingForOtherJobs: @Sendable (String) -> Bool

        /// A rule; the default gives up after 3 identical failures in a row.
        public init(repeatedErrors: Int = 3, isWaitingForOtherJobs: @escaping @Sendable (String) -> Bool = { _ in false }) {
            precondition(repeatedErrors >= 1, "repeatedErrors must be at least 1")
            self.repeatedErrors = repeatedErrors
            self.isWaitingForOtherJobs = isWaitingForOtherJobs
        }

        /// Whether to give up on a job.
        /// - Parameters:
        ///   - state: the job's state (`available`, `running` ...); only an `available` job is given up on.
        ///   - recentErrors: its latest errors, newest first (at least ``repeatedErrors`` of them when it has that many).
        ///   - errorsSinceWaitBegan: failed attempts recorded since the waiter first saw the job.
        public func givesUp(state: String, recentErrors: [String], errorsSinceWaitBegan: Int) -> Bool {
            guard state == "available", errorsSinceWaitBegan >= 1, recentErrors.count >= repeatedErrors,
                  let newest = recentErrors.first, !isWaitingForOtherJobs(newest) else { return false }
            return recentErrors.prefix(repeatedErrors).allSatisfy { $0 == newest }
        }
    }

    /// A job the waiter stopped following without it completing.
    public struct Failure: Sendable, Equatable {
        /// Why it counts as failed.
        public enum Reason: String, Sendable {
            /// Out of attempts, or failed permanently.
            case dead
            /// Cancelled by someone.
            case cancelled
            /// Still in the queue, but failing again and again with the same error (``FailureRule``).
            case failing
            /// No longer in the `job` table (deleted while waited for).
            case missing
        }
        public var id: Int
        public var kind: String
        public var reason: Reason
        /// Attempts started so far, and allowed.
        public var attempt: Int
        public var maxAttempts: Int
        /// The job's last stored error, if any.
        public var error: String?

        public init(id: Int, kind: String, reason: Reason, attempt: Int, maxAttempts: Int, error: String?) {
            self.id = id
            self.kind = kind
            self.reason = reason
            self.attempt = attempt
            self.maxAttempts = maxAttempts
            self.error = error
        }

        /// `job 12 (calibrate) dead after 1/30 attempts: <error>`, or
        /// `job 12 (calibrate) failing (the same error 3 times in a row; attempt 4/30, still queued): <error>`.
        public func line(repeatedErrors: Int) -> String {
            let how: String
            switch reason {
            case .dead: how = "dead after \(attempt)/\(maxAttempts) attempts"
            case .cancelled: how = "cancelled"
            case .failing: how = "failing (the same error \(repeatedErrors) times in a row; attempt \(attempt)/\(maxAttempts), still queued)"
            case .missing: how = "no longer in the queue (deleted)"
            }
            return "job \(id) (\(kind)) \(how): \(error ?? "no error recorded")"
        }
    }
}
