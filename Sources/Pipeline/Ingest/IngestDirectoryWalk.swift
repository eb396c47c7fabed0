import Foundation

/// The spectrum files under one directory, in sorted path order, one at a time: a depth-first walk
/// that reads one directory at a time and visits its entries sorted by name, a directory's name taken
/// with its trailing `/` (so `F5902/...` comes after `F5902.fits` and before `F5902a`, as whole paths
/// sort). Memory holds the entries of the directories on the current branch, the walk path of every
/// directory entered and the identities of linked files: it grows with directories and links, not
/// with files.
///
/// Symbolic links are followed, to directories and files. A directory reached twice (a link loop, two
/// links to one directory) is walked once, under the first (smallest) path. A file reached by several
/// paths (hard links, links to files) is listed once, under its smallest path: as paths come out sorted,
/// the first path met wins; a regular file is remembered only when it has several hard links, and a
/// link to a file is compared with the path under which the walk reaches (or reached) its target.
/// Entries named like spectra that cannot be resolved (a link that loops or points nowhere) are listed
/// as they are, so that ingest rejects them by name. Unreadable directories are skipped.
final class IngestDirectoryWalk: IngestPathSource {
    /// A file or directory: device and inode.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private enum Kind { case directory, file(isLink: Bool), unresolvable }
    private struct Entry {
        var name: String
        var key: String
        var kind: Kind
    }
    private struct Frame {
        var path: String
        var entries: [Entry]
        var next = 0
    }

    private var stack: [Frame] = []
    /// The walk path of every directory entered, by identity.
    private var directories: [Identity: String] = [:]
    /// Files listed that another path may reach again: hard-linked files and the targets of links.
    private var linkedFiles = Set<Identity>()

    private let root: String
    private var started = false

    /// A walk of `root` (an absolute, standardised path of a directory); nothing is read before the first ``next()``.
    init(root: String) { self.root = root }

    func next() -> String? {
        if !started {
            started = true
            enter(root)
        }
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                stack.removeLast()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let path = stack[top].path + "/" + entry.name
            switch entry.kind {
            case .directory: enter(path)
            case .unresolvable: return path
            case let .file(isLink): if isFirstPath(path, isLink: isLink) { return path }
            }
        }
        return nil
    }

    private func enter(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let identity = Identity(info)
        guard directories[identity] == nil else { return }
        directories[identity] = path
        stack.append(Frame(path: path, entries: Self.entries(of: path)))
    }

    /// The entries of `directory` that matter (directories, and files named like spectra), sorted by key.
    private static func entries(of directory: String) -> [Entry] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var entries: [Entry] = []
        while let item = readdir(handle) {
            let name = withUnsafePointer(to: &item.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var kind: Kind
            switch Int32(item.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_REG): kind = .file(isLink: false)
            default:
                var link = stat()
                var target = stat()
                let path = directory + "/" + name
                guard lstat(path, &link) == 0 else { continue }  // gone meanwhile
                let isLink = (link.st_mode & S_IFMT) == S_IFLNK
                if !isLink {
                    target = link
                } else if stat(path, &target) != 0 {
                    if IngestFileList.isSpectrumFile(name) { entries.append(Entry(name: name, key: name, kind: .unresolvable)) }
                    continue
                }
                kind = (target.st_mode & S_IFMT) == S_IFDIR ? .directory : .file(isLink: isLink)
            }
            switch kind {
            case .directory: entries.append(Entry(name: name, key: name + "/", kind: kind))
            default: if IngestFileList.isSpectrumFile(name) { entries.append(Entry(name: name, key: name, kind: kind)) }
            }
        }
        entries.sort { $0.key < $1.key }
        return entries
    }

    /// Whether `path` is the first (smallest) path of its file met by the walk.
    private func isFirstPath(_ path: String, isLink: Bool) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return true }  // gone or broken meanwhile: ingest rejects it by name
        let identity = Identity(info)
        if !isLink {
            // A file with one hard link is reached directly only here; a link to it may have come first.
            if info.st_nlink <= 1 { return !linkedFiles.contains(identity) }
            return linkedFiles.insert(identity).inserted
        }
        if linkedFiles.contains(identity) { return false }
        if info.st_nlink <= 1, let direct = directPath(ofLinkedFile: path), direct < path {
            return false  // listed already under the target's own entry
        }
        linkedFiles.insert(identity)
        return true
    }

    /// The path under which the walk lists the target of the link `path` by its own directory entry,
    /// when the walk enters that directory and the entry is named like a spectrum; nil otherwise.
    private func directPath(ofLinkedFile path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        let physical = String(cString: resolved)
        free(resolved)
        guard let slash = physical.lastIndex(of: "/") else { return nil }
        let name = String(physical[physical.index(after: slash)...])
        let parent = slash == physical.startIndex ? "/" : String(physical[..<slash])
        var info = stat()
        guard IngestFileList.isSpectrumFile(name), stat(parent, &info) == 0, let walked = directories[Identity(info)] else {
            return nil
        }
        return walked + "/" + name
    }
}
