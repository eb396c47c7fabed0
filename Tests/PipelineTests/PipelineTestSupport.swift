import Foundation

/// Runs `body` with a fresh empty directory under the system temp dir, removed afterwards.
func withTemporaryDirectory<T>(_ label: String = "pipeline", _ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("slam-\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}
