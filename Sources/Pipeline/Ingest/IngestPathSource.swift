/// A source of paths in sorted order (Swift `String` order), one at a time, for ``IngestPathStream``
/// to merge: a directory walk, a manifest's sorted runs, or a single path. Used on one thread.
protocol IngestPathSource: AnyObject {
    /// The next path, not smaller than the previous one; nil when the source is exhausted.
    func next() -> String?
}

/// A sorted list of paths held in memory.
final class IngestSortedPaths: IngestPathSource {
    private let paths: [String]
    private var index = 0
    init(_ paths: [String]) { self.paths = paths }
    func next() -> String? {
        guard index < paths.count else { return nil }
        defer { index += 1 }
        return paths[index]
    }
}

/// A sorted run of paths read back from its temporary file, one line at a time.
final class IngestSortedRun: IngestPathSource {
    private let reader: IngestLineReader
    init(_ reader: IngestLineReader) { self.reader = reader }
    func next() -> String? { reader.nextLine().map { String(decoding: $0, as: UTF8.self) } }
}
