import Foundation
import Store

/// Expands what a user names on `slam ingest lamost` (files, directories searched recursively, shell
/// globs, manifest files listing one path per line) into a sorted list of absolute spectrum paths, and
/// cuts it into batches with a stable unique key per batch. Symbolic links are followed, on the command
/// line and inside directories, without looping.
public enum IngestFileList {
    /// Why the paths could not be expanded. Nothing is enqueued when one is thrown.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notFound(String)
        case globMatchedNothing(String)
        case unreadableManifest(String)
        /// A manifest too long to sort in memory could not be sorted through temporary files (`TMPDIR` full?).
        case sortFileUnwritable(String, errno: Int32)
        case noSpectra([String])

        public var description: String {
            switch self {
            case let .notFound(path): "\(path): no such file or directory"
            case let .globMatchedNothing(pattern): "\(pattern): the pattern matches no file"
            case let .unreadableManifest(path): "\(path): cannot read the manifest"
            case let .sortFileUnwritable(path, code):
                "\(path): cannot write the temporary files that sort it (\(String(cString: strerror(code)))); set TMPDIR to a directory with room"
            case let .noSpectra(paths): "no .fits or .fits.gz files under \(paths.joined(separator: ", "))"
            }
        }
    }

    /// A manifest is a text file (`.txt`, `.lst`, `.list`, `.manifest`) with one path per line, relative
    /// paths taken from the manifest's directory; `#` starts a comment.
    public static let manifestExtensions: Set<String> = ["txt", "lst", "list", "manifest"]

    /// True for names that look like spectrum files (`.fits`, `.fits.gz`, `.fit`, `.fit.gz`).
    public static func isSpectrumFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".fits") || lower.hasSuffix(".fits.gz") || lower.hasSuffix(".fit") || lower.hasSuffix(".fit.gz")
    }

    /// Expands `arguments`, relative paths taken from `directory`: the whole ``IngestPathStream`` in one
    /// array (for a few thousand files; `slam ingest lamost` streams instead).
    public static func expand(_ arguments: [String], relativeTo directory: String = FileManager.default.currentDirectoryPath)
        throws(Failure) -> [String] {
        var stream = try IngestPathStream(arguments, relativeTo: directory)
        var found: [String] = []
        while let path = try stream.next() { found.append(path) }
        return found
    }

    /// `path` with `.` and `..` components and repeated or trailing slashes removed (as
    /// `URL.standardizedFileURL` does), without building a URL when there is nothing to remove.
    static func standardized(_ path: String) -> String {
        let utf8 = path.utf8
        var previous: UInt8 = 0
        var clean = !(utf8.last == UInt8(ascii: "/") && utf8.count > 1)
        for byte in utf8 where clean {
            if byte == UInt8(ascii: "/"), previous == UInt8(ascii: "/") { clean = false }
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { clean = false }
            previous = byte
        }
        return clean ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { i in result.gl_pathv[i].map { String(cString: $0) } }
    }

    /// One batch of files with its unique key: SHA-256 of each path with its size and modification
    /// time, so enqueueing the same unchanged files again is a no-op, while a changed file makes a new batch.
    public struct Batch: Sendable, Equatable {
        public var paths: [String]
        public var uniqueKey: String
    }

    /// Cuts `paths` (sorted) into batches of at most `size` files.
    public static func batches(_ paths: [String], size: Int) -> [Batch] {
        let size = max(1, size)
        return stride(from: 0, to: paths.count, by: size).map { start in batch(Array(paths[start..<min(paths.count, start + size)])) }
    }

    /// `paths` as one batch: its key is the SHA-256 of each path's ``identityLine(_:)``, concatenated.
    public static func batch(_ paths: [String]) -> Batch {
        var identity = ""
        for path in paths { identity += identityLine(path) }
        return Batch(paths: paths, uniqueKey: "ingest_lamost:" + SHA256Digest.hex(Array(identity.utf8)))
    }

    /// `path`, its size in bytes and its modification time (seconds since 1970 as Swift prints a `Double`),
    /// tab-separated, with a newline: of the entry itself (a link is not followed), as Foundation's
    /// `attributesOfItem` reports them (size -1 and time 0.0 when there is no entry), read by one `lstat`.
    static func identityLine(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "\(path)\t-1\t0.0\n" }
        // Foundation's Date keeps seconds since 2001; converting through it gives the same last digits.
        let modified = Date(timeIntervalSinceReferenceDate: Double(info.st_mtim.tv_sec) - Date.timeIntervalBetween1970AndReferenceDate
            + Double(info.st_mtim.tv_nsec) / 1_000_000_000).timeIntervalSince1970
        return "\(path)\t\(Int64(info.st_size))\t\(modified)\n"
    }
}
