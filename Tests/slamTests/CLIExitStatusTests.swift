import Foundation
import StoreTestSupport
import Testing

/// The built `slam` run as a user would (issue 16, item 14): a job that fails makes the command print
/// the job's id, kind and stored error and exit 70, without the usage text.
@Suite("slam exit statuses, end to end", .serialized)
struct CLIExitStatusTests {
    /// The `slam` executable built beside the test bundle.
    static func slamExecutable() throws -> URL {
        let bundle = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = bundle.deletingLastPathComponent()
        // Linux: .build/debug/slamPackageTests.xctest; macOS: .build/debug/slamPackageTests.xctest/Contents/MacOS/...
        for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("slam").path) {
            directory.deleteLastPathComponent()
        }
        let url = directory.appendingPathComponent("slam")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "no slam executable near \(bundle.path)")
        return url
    }

    /// Runs `slam arguments`, killing it after `timeoutSeconds`; returns the status and standard error.
    static func run(_ arguments: [String], timeoutSeconds: Double = 120) async throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try slamExecutable()
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }

    @Test func aDeadJobExits70WithItsErrorAndNoUsage() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("slam-exit-\(UUID().uuidString).csv")
        try "foo,bar\n1,2\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try await TestDatabase.withFresh { db in
            let (status, stderr) = try await Self.run(["labels", "load", "lasp", file.path, "--work", "1", "--database-url", db.url])
            #expect(status == 70, "\(stderr)")
            #expect(stderr.contains("1 of 1 label rows jobs did not complete:"), "\(stderr)")
            #expect(stderr.contains("(load_labels_lasp) dead after 1/"), "\(stderr)")
            #expect(stderr.contains("obsid"), "the stored error names the missing column: \(stderr)")
            #expect(!stderr.contains("USAGE"), "\(stderr)")
        }
    }

    @Test func aBadOptionIsStillAUsageError() async throws {
        let (status, stderr) = try await Self.run(["train", "--training-set", "x", "--grid", "nonsense"])
        #expect(status == 64)
        #expect(stderr.contains("expected 'default', 'fixed' or 'fixed:C,EPSILON,GAMMA'"), "\(stderr)")
    }
}
