import Foundation

/// The spectrum files named on `slam ingest lamost` (files, directories searched recursively, shell
/// globs, manifests), one path at a time, sorted (Swift `String` order) and without repeats, with memory
/// bounded by directories and manifest runs rather than by files: the listing of a whole data release.
///
/// Each named directory is an ``IngestDirectoryWalk`` (links followed without looping, a file reached by
/// several paths listed once, under its smallest path), each manifest ``IngestManifest``'s sorted runs,
/// each file itself; the sources are merged. A directory's walk starts only when the merge reaches its
/// path, so a glob naming thousands of directories holds one of them open at a time.
///
/// The paths, and the batches of ``nextBatch(size:)``, equal those of ``IngestFileList/expand(_:relativeTo:)``
/// and ``IngestFileList/batches(_:size:)``, which collect this stream.
public struct IngestPathStream {
    private var sources: [any IngestPathSource] = []
    private var heap = PathHeap()
    private var last: String?
    private let arguments: [String]
    /// Paths handed out so far.
    public private(set) var count = 0

    /// The stream of `arguments`, relative paths taken from `directory`. Arguments are checked here
    /// (existence, globs) and manifests read into sorted runs; directories are read as the stream goes.
    /// `manifestRunLength`: paths of a manifest held in memory at once (more are sorted in temporary files).
    /// - Throws: ``IngestFileList/Failure`` for a path that does not exist, a glob that matches nothing, an
    ///   unreadable manifest or a manifest line naming a missing file.
    public init(_ arguments: [String], relativeTo directory: String = FileManager.default.currentDirectoryPath,
                manifestRunLength: Int = 1 << 18) throws(IngestFileList.Failure) {
        self.arguments = arguments
        for argument in arguments {
            let absolute = argument.hasPrefix("/") ? argument : directory + "/" + argument
            if argument.contains(where: { "*?[".contains($0) }) {
                let matches = IngestFileList.glob(absolute)
                guard !matches.isEmpty else { throw .globMatchedNothing(argument) }
                for match in matches { try add(match, manifestRunLength: manifestRunLength) }
            } else {
                try add(absolute, manifestRunLength: manifestRunLength)
            }
        }
    }

    private mutating func add(_ path: String, manifestRunLength: Int) throws(IngestFileList.Failure) {
        let path = IngestFileList.standardized(path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A symbolic link that loops or points nowhere, named like a spectrum: ingest rejects it by name.
            var link = stat()
            guard lstat(path, &link) == 0, IngestFileList.isSpectrumFile(path) else { throw .notFound(path) }
            return add(IngestSortedPaths([path]), lowerBound: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            add(IngestDirectoryWalk(root: path), lowerBound: path + "/")
        } else if IngestFileList.manifestExtensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased()) {
            for run in try IngestManifest.sortedRuns(path, runLength: manifestRunLength) { add(run, lowerBound: nil) }
        } else {
            add(IngestSortedPaths([path]), lowerBound: path)
        }
    }

    /// Adds a source whose paths are all at least `lowerBound` (nil: unknown, so it starts now).
    private mutating func add(_ source: any IngestPathSource, lowerBound: String?) {
        sources.append(source)
        if let lowerBound {
            heap.push(PathHeap.Item(key: lowerBound, source: sources.count - 1, started: false))
        } else if let first = source.next() {
            heap.push(PathHeap.Item(key: first, source: sources.count - 1, started: true))
        }
    }

    /// The next path; nil at the end.
    /// - Throws: ``IngestFileList/Failure/noSpectra(_:)`` at the end when no path was found.
    public mutating func next() throws(IngestFileList.Failure) -> String? {
        while let top = heap.pop() {
            if let following = sources[top.source].next() {
                heap.push(PathHeap.Item(key: following, source: top.source, started: true))
            }
            guard top.started, top.key != last else { continue }
            last = top.key
            count += 1
            return top.key
        }
        if count == 0 { throw .noSpectra(arguments) }
        return nil
    }

    /// The next batch of at most `size` paths with its unique key (``IngestFileList/batch(_:)``); nil at the end.
    public mutating func nextBatch(size: Int) throws(IngestFileList.Failure) -> IngestFileList.Batch? {
        var paths: [String] = []
        paths.reserveCapacity(max(1, size))
        while paths.count < max(1, size), let path = try next() { paths.append(path) }
        return paths.isEmpty ? nil : IngestFileList.batch(paths)
    }
}

/// A binary min-heap of the merge's sources by their next path (then by source, for a stable order).
private struct PathHeap {
    struct Item {
        var key: String
        var source: Int
        /// False while `key` is only the source's lower bound (nothing read yet).
        var started: Bool
        func precedes(_ other: Item) -> Bool { key != other.key ? key < other.key : source < other.source }
    }

    private var items: [Item] = []

    mutating func push(_ item: Item) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Item? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].precedes(items[smallest]) { smallest = left }
            if right < items.count, items[right].precedes(items[smallest]) { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
