import Foundation
import Store

/// Paths of the repository and the shared fixtures, found from this file.
enum TestPaths {
    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `shared/fixtures/lamost-real`, beside the checkout (or `SLAM_SHARED_DIR`).
    static let realLamost: URL = {
        if let dir = ProcessInfo.processInfo.environment["SLAM_SHARED_DIR"] {
            return URL(fileURLWithPath: dir).appendingPathComponent("fixtures/lamost-real")
        }
        var url = repository
        while url.path != "/" {
            let candidate = url.appendingPathComponent("shared/fixtures/lamost-real")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            url.deleteLastPathComponent()
        }
        return repository.appendingPathComponent("../shared/fixtures/lamost-real")
    }()

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slam-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
