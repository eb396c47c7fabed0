/// Why `slam-bench scale` stopped.
public enum ScaleBenchmarkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file system of `path` has `freeBytes` free but the run needs `neededBytes` there (`what`: the
    /// database or the scratch files).
    case insufficientDisk(what: String, path: String, neededBytes: Int64, freeBytes: Int64)
    /// Jobs of a stage did not all complete (`firstError`: one failed job's last error).
    case jobsIncomplete(what: String, completed: Int, total: Int, firstError: String?)
    /// A stage found nothing to work on (no model trained, no spectra ingested).
    case emptyStage(stage: String, detail: String)

    /// A one-line message naming the stage or path.
    public var description: String {
        switch self {
        case let .insufficientDisk(what, path, needed, free):
            "not enough disk for the \(what) at \(path): needs about \(Self.gigabytes(needed)) GB, "
                + "\(Self.gigabytes(free)) GB free (choose fewer --spectra, a smaller --chunk, or another --scratch)"
        case let .jobsIncomplete(what, completed, total, firstError):
            "\(what): \(completed) of \(total) jobs completed" + (firstError.map { "; last error: \($0)" } ?? "")
        case let .emptyStage(stage, detail):
            "\(stage): \(detail)"
        }
    }

    static func gigabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1e9) }
}
