import Foundation
import Testing

/// `scripts/multihost all`: workers on three hosts (Linux network namespaces) against a database host
/// over TCP, under each fault (a link cut and restored, SIGKILL, SIGSTOP past the lease, a database
/// restart, a host that never comes back). The script checks every job completed, nothing stored twice
/// and the model identical to the fault-free run's, prints a table and exits non-zero on a violation;
/// this test runs it and checks its status and its table.
///
/// A target of its own, depending on no module: it tests the built `slam` executable and the script
/// as an operator runs them, across processes and namespaces, and mirrors no source file.
@Suite struct MultiHostHarnessTests {
    /// The scenarios of `all`, in the order of the summary table.
    static let scenarios = ["baseline", "link-cut", "kill", "pause", "db-restart", "lost-host"]

    /// Network namespaces need root. Not root: the test is reported as skipped (never as passed).
    /// CI runs as root, so there it always runs; the script itself fails (and so does this test) when
    /// root lacks `ip` or namespaces.
    static let isRoot = getuid() == 0

    /// The checkout (this file is Tests/MultiHostTests/MultiHostHarnessTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `slam` executable built beside the test bundle (`.build/debug/slam` for `swift test`).
    static func slamExecutable() throws -> URL {
        let bundle = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = bundle.deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("slam").path) {
            directory.deleteLastPathComponent()
        }
        let url = directory.appendingPathComponent("slam")
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "no slam executable near \(bundle.path)")
        return url
    }

    @Test(.enabled(if: isRoot, "network namespaces need root (CI runs as root)"), .timeLimit(.minutes(20)))
    func everyFaultLosesNothingAndDoesNothingTwice() throws {
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/multihost")
        process.arguments = ["all"]
        var environment = ProcessInfo.processInfo.environment
        environment["SLAM_BIN"] = try Self.slamExecutable().path
        environment.removeValue(forKey: "MULTIHOST_KEEP")
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("multihost-\(UUID().uuidString).log")
        try Data().write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)

        #expect(process.terminationStatus == 0, "scripts/multihost all exited \(process.terminationStatus):\n\(text)")
        #expect(lines.contains { $0.hasPrefix("multihost: 6 scenario runs, 0 failed,") }, "no clean summary:\n\(text)")
        for scenario in Self.scenarios {
            let row = lines.first { $0.hasPrefix(scenario.padding(toLength: 12, withPad: " ", startingAt: 0)) }
            #expect(row?.hasSuffix("  ok") == true, "scenario \(scenario): \(row ?? "missing from the summary")")
        }
        // The fault scenarios struck a job each (the table names the host and job), and every job of
        // the struck ones was redone: more attempts than jobs.
        for scenario in Self.scenarios.dropFirst() {
            let row = lines.first { $0.hasPrefix(scenario.padding(toLength: 12, withPad: " ", startingAt: 0)) }
            let fields = row?.split(separator: " ", omittingEmptySubsequences: true).map(String.init) ?? []
            #expect(fields.count > 7 && fields[1] == scenario && fields[3].hasPrefix("job"), "scenario \(scenario) struck no job: \(row ?? "")")
        }
    }
}
