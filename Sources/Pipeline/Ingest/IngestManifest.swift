import Foundation

/// Reads a manifest (one path per line, relative paths taken from the manifest's directory, `#` starts a
/// comment) line by line and hands its paths on in sorted order with bounded memory: paths are
/// collected in runs of at most `runLength`; each run is sorted, and when the manifest holds more than
/// one run, each run is written to an unlinked temporary file and read back while the runs are merged
/// (``IngestPathStream`` merges them with the other sources).
enum IngestManifest {
    /// Paths held in memory at once per manifest.
    static let defaultRunLength = 1 << 18  // IngestPathStream.init repeats it as its default

    /// Sorted sources whose merge is the manifest's paths. Every path is checked to exist (links followed).
    /// - Throws: ``IngestFileList/Failure/unreadableManifest(_:)`` when the manifest cannot be read or is not
    ///   UTF-8, ``IngestFileList/Failure/notFound(_:)`` for the first listed path that does not exist.
    static func sortedRuns(_ manifest: String, runLength: Int = defaultRunLength) throws(IngestFileList.Failure) -> [any IngestPathSource] {
        guard let reader = IngestLineReader(path: manifest) else { throw .unreadableManifest(manifest) }
        let base = URL(fileURLWithPath: manifest).deletingLastPathComponent().path
        let runLength = max(1, runLength)
        var runs: [any IngestPathSource] = []
        var run: [String] = []
        while let bytes = reader.nextLine() {
            for entry in try entries(bytes, manifest: manifest) {
                let full = entry.hasPrefix("/") ? entry : base + "/" + entry
                var info = stat()
                guard stat(full, &info) == 0 else { throw .notFound(full) }
                run.append(IngestFileList.standardized(full))
                if run.count == runLength {
                    runs.append(try spill(run, manifest: manifest))
                    run.removeAll(keepingCapacity: true)
                }
            }
        }
        if reader.failed { throw .unreadableManifest(manifest) }
        if !run.isEmpty {
            run.sort()
            runs.append(runs.isEmpty ? IngestSortedPaths(run) : try spill(run, manifest: manifest))
        }
        return runs
    }

    /// The paths on one line of the manifest (split further at other line ends, `#` comments and
    /// surrounding blanks removed). A line of printable ASCII without `#` or blanks, the usual case, is
    /// taken whole without a look at its characters.
    private static func entries(_ bytes: [UInt8], manifest: String) throws(IngestFileList.Failure) -> [String] {
        if !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "#") }) {
            return [String(decoding: bytes, as: UTF8.self)]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadableManifest(manifest) }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                .trimmingCharacters(in: .whitespaces) ?? ""
            return entry.isEmpty ? nil : entry
        }
    }

    /// Writes `run` sorted to a temporary file, unlinked at once (its open descriptor keeps it readable, and
    /// nothing is left behind whatever happens), 1 MiB at a time, and returns a reader of it.
    private static func spill(_ run: [String], manifest: String) throws(IngestFileList.Failure) -> any IngestPathSource {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slam-manifest-run-\(UUID().uuidString)").path
        let descriptor = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .sortFileUnwritable(manifest, errno: errno) }
        unlink(path)
        let reader = IngestLineReader(descriptor: descriptor)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20 + 4_096)
        func flush() -> Bool {
            let written = chunk.withUnsafeBytes { bytes -> Bool in
                var offset = 0
                while offset < bytes.count {
                    let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { return false }
                    offset += n
                }
                return true
            }
            chunk.removeAll(keepingCapacity: true)
            return written
        }
        for path in run.sorted() {
            chunk.append(contentsOf: path.utf8)
            chunk.append(0x0A)
            if chunk.count >= 1 << 20, !flush() { throw .sortFileUnwritable(manifest, errno: errno) }
        }
        guard flush(), lseek(descriptor, 0, SEEK_SET) == 0 else { throw .sortFileUnwritable(manifest, errno: errno) }
        return IngestSortedRun(reader)
    }
}
