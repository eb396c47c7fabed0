import Queue

/// Why following jobs from the CLI ended without every job completing (exit statuses 70 and 75, see
/// ``SLAMExitCode``).
enum JobFollowError: Error, Sendable, CustomStringConvertible {
    /// Some jobs are dead, cancelled or failing again and again (`JobWaiter.FailureRule`).
    case failed([JobWaiter.Failure], total: Int, what: String, repeatedErrors: Int)
    /// `--timeout` passed with jobs unfinished.
    case timedOut(seconds: Double, unfinished: Int, total: Int, what: String)

    /// At most the first 10 failed jobs, one line each (id, kind, attempts, stored error), then how to
    /// see the rest.
    var description: String {
        switch self {
        case let .failed(failures, total, what, repeatedErrors):
            var lines = ["\(failures.count) of \(total) \(what) jobs did not complete:"]
            lines += failures.prefix(10).map { "  " + $0.line(repeatedErrors: repeatedErrors) }
            if failures.count > 10 { lines.append("  ... and \(failures.count - 10) more") }
            lines.append("(slam jobs show ID: the job's error history; slam jobs retry ID: run a dead job again)")
            return lines.joined(separator: "\n")
        case let .timedOut(seconds, unfinished, total, what):
            return "timed out after \(Int(seconds.rounded())) s: \(unfinished) of \(total) \(what) jobs unfinished (they stay queued; slam jobs)"
        }
    }
}
