import Foundation

/// Finds the project checkout (the directory holding `Package.swift` next to `migrations/`).
public enum ProjectLocator {
    /// The first directory, walking up from `start` (inclusive), that holds both `Package.swift`
    /// and a `migrations/` directory; nil if none.
    public static func projectRoot(from start: URL) -> URL? {
        let fileManager = FileManager.default
        var directory = start.standardizedFileURL
        var isDirectory: ObjCBool = false
        if !(fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            directory = directory.deletingLastPathComponent()
        }
        while true {
            let migrations = directory.appendingPathComponent("migrations")
            if fileManager.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
               fileManager.fileExists(atPath: migrations.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return directory
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path || directory.path == "/" { return nil }
            directory = parent
        }
    }

    /// The running executable's path (via `/proc/self/exe`, else `argv[0]`).
    public static var executableURL: URL {
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if link.path != "/proc/self/exe" { return link }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL
    }

    /// The project root found from the current directory, else from the executable's path.
    public static func projectRoot() -> URL? {
        projectRoot(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            ?? projectRoot(from: executableURL)
    }
}
