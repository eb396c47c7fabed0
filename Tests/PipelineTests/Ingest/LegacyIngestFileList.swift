import Foundation
import Pipeline
import Store

/// The listing and batching of `slam ingest lamost` before they were streamed (issue 18), kept verbatim as
/// the reference the streamed listing must equal: it held every path in a set, sorted them, and read
/// each file's size and time through Foundation.
enum LegacyIngestFileList {
    /// Expands `arguments`, relative paths taken from `directory`.
    static func expand(_ arguments: [String], relativeTo directory: String = FileManager.default.currentDirectoryPath)
        throws(IngestFileList.Failure) -> [String] {
        var found = Set<String>()
        let fm = FileManager.default
        for argument in arguments {
            let absolute = argument.hasPrefix("/") ? argument : directory + "/" + argument
            if argument.contains(where: { "*?[".contains($0) }) {
                let matches = glob(absolute)
                guard !matches.isEmpty else { throw .globMatchedNothing(argument) }
                for match in matches { try add(match, to: &found, fm: fm) }
            } else {
                try add(absolute, to: &found, fm: fm)
            }
        }
        guard !found.isEmpty else { throw .noSpectra(arguments) }
        return found.sorted()
    }

    private static func add(_ path: String, to found: inout Set<String>, fm: FileManager) throws(IngestFileList.Failure) {
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // A symbolic link that loops or points nowhere, named like a spectrum: ingest rejects it by name.
            var link = stat()
            if lstat(path, &link) == 0, IngestFileList.isSpectrumFile(path) { found.insert(path); return }
            throw .notFound(path)
        }
        if isDirectory.boolValue {
            var visited = Set<DirectoryIdentity>()
            var files: [FileIdentity: String] = [:]
            walk(path, visited: &visited, files: &files, found: &found)
            for file in files.values { found.insert(file) }
        } else if IngestFileList.manifestExtensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased()) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadableManifest(path) }
            let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
            for line in text.split(whereSeparator: \.isNewline) {
                let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                if entry.isEmpty { continue }
                let full = entry.hasPrefix("/") ? entry : base + "/" + entry
                guard fm.fileExists(atPath: full) else { throw .notFound(full) }
                found.insert(URL(fileURLWithPath: full).standardizedFileURL.path)
            }
        } else {
            found.insert(path)
        }
    }

    private struct DirectoryIdentity: Hashable { var device: UInt64; var inode: UInt64 }
    private typealias FileIdentity = DirectoryIdentity

    /// Adds the spectrum files under `directory`, following symbolic links to directories and files
    /// (cluster data directories are often links) without entering a directory twice, so link loops
    /// end. A file reached by several paths is listed once, by its smallest path (`files`, keyed by
    /// device and inode); links that loop or point nowhere are listed as they are, to be rejected by name.
    private static func walk(_ directory: String, visited: inout Set<DirectoryIdentity>,
                             files: inout [FileIdentity: String], found: inout Set<String>) {
        var info = stat()
        guard stat(directory, &info) == 0 else { return }
        guard visited.insert(DirectoryIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() {
            let path = directory + "/" + name
            var target = stat()
            if stat(path, &target) != 0 {
                if IngestFileList.isSpectrumFile(name) { found.insert(path) }
                continue
            }
            if (target.st_mode & S_IFMT) == S_IFDIR {
                walk(path, visited: &visited, files: &files, found: &found)
            } else if IngestFileList.isSpectrumFile(name) {
                let identity = FileIdentity(device: UInt64(target.st_dev), inode: UInt64(target.st_ino))
                if let known = files[identity], known < path { continue }
                files[identity] = path
            }
        }
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { i in result.gl_pathv[i].map { String(cString: $0) } }
    }

    /// Cuts `paths` (sorted) into batches of at most `size` files.
    static func batches(_ paths: [String], size: Int) -> [(paths: [String], uniqueKey: String)] {
        let size = max(1, size)
        return stride(from: 0, to: paths.count, by: size).map { start in
            let chunk = Array(paths[start..<min(paths.count, start + size)])
            var identity = ""
            for path in chunk {
                let attributes = try? FileManager.default.attributesOfItem(atPath: path)
                let bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                identity += "\(path)\t\(bytes)\t\(modified)\n"
            }
            return (paths: chunk, uniqueKey: "ingest_lamost:" + SHA256Digest.hex(Array(identity.utf8)))
        }
    }
}
