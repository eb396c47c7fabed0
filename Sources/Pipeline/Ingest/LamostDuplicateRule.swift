import Foundation

/// Which file is kept when two files with different content carry the same OBSID (a reprocessed copy
/// from another release, or a tampered one). The rule, in order:
///
/// 1. the higher data release (`DATA_V`, `LAMOST DR8` over `LAMOST DR5`; a file without one ranks lowest);
/// 2. the newer pipeline version (`VERSPIPE`, compared number by number: `v2.9.10` over `v2.9.8`; none ranks lowest);
/// 3. the first ingested: a stored spectrum stays, unless both come from ingest jobs and the new file's job
///    was enqueued first (lower job id; jobs are enqueued in sorted path order), or both come from the same
///    batch and the new file is earlier in it. So the outcome does not depend on which worker commits first.
///
/// The loser becomes a `duplicate_obsid` rejection that names the winner and the step that decided.
/// A pure decision: ``LamostIngestor`` does the reads and writes.
struct LamostDuplicateRule {
    /// One file claiming an obsid.
    struct Candidate: Sendable, Equatable {
        var path: String
        var sha256: String
        var dataRelease: String?
        var pipelineVersion: String?
        /// The ingest job that read (or stored) it; `nil` outside jobs.
        var jobID: Int64?
        /// Its index in the batch being written, when it is in that batch.
        var position: Int?
    }

    /// The outcome of comparing a challenger with the incumbent.
    struct Decision: Sendable, Equatable {
        /// True when the challenger wins.
        var challengerWins: Bool
        /// Which step of the rule decided, as text for the rejection reason.
        var why: String
    }

    /// The release number in `DATA_V` (`LAMOST DR10` -> 10, `DR9 v2.0` -> 9), or `nil`.
    static func releaseNumber(_ text: String?) -> Int? {
        guard let text = text?.uppercased(), let range = text.range(of: "DR") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    /// The numbers of a pipeline version (`v2.9.7` -> [2, 9, 7]), or `nil` when it has none.
    static func versionNumbers(_ text: String?) -> [Int]? {
        guard let text else { return nil }
        let numbers = text.split { !($0.isASCII && $0.isNumber) }.compactMap { Int($0) }
        return numbers.isEmpty ? nil : numbers
    }

    /// Compares `challenger` with `incumbent` (the stored file, or the best so far in a batch).
    static func decide(challenger: Candidate, incumbent: Candidate) -> Decision {
        let (cr, ir) = (releaseNumber(challenger.dataRelease) ?? -1, releaseNumber(incumbent.dataRelease) ?? -1)
        if cr != ir {
            return Decision(challengerWins: cr > ir, why: "the higher data release is kept (\(label(cr > ir ? challenger.dataRelease : incumbent.dataRelease)) over \(label(cr > ir ? incumbent.dataRelease : challenger.dataRelease)))")
        }
        let (cv, iv) = (versionNumbers(challenger.pipelineVersion) ?? [], versionNumbers(incumbent.pipelineVersion) ?? [])
        if cv != iv {
            let newer = cv.lexicographicallyPrecedes(iv) ? false : true
            return Decision(challengerWins: newer, why: "the newer pipeline version is kept (\(label(newer ? challenger.pipelineVersion : incumbent.pipelineVersion)) over \(label(newer ? incumbent.pipelineVersion : challenger.pipelineVersion)))")
        }
        let same = "same data release and pipeline version"
        if challenger.jobID == incumbent.jobID, let c = challenger.position, let i = incumbent.position {
            return Decision(challengerWins: c < i, why: "\(same); the file first in the ingest order is kept")
        }
        if let c = challenger.jobID, let i = incumbent.jobID, c != i {
            return Decision(challengerWins: c < i, why: "\(same); the file of the earlier ingest job is kept (job \(min(c, i)) before \(max(c, i)))")
        }
        return Decision(challengerWins: false, why: "\(same); the first ingested is kept")
    }

    private static func label(_ text: String?) -> String { text.map { "'\($0)'" } ?? "none" }
}
